"""The graph document itself, as YAML (or JSON, which YAML reads): see :mod:`vectorgraph.io`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vectorgraph.formats import Input

if TYPE_CHECKING:
    from vectorgraph.document import GraphDocument

__all__ = ["dumps", "read"]


def read(source: Input) -> GraphDocument:
    """A validated document from YAML or JSON document text."""
    from vectorgraph.io import parse
    from vectorgraph.validate import validated

    data = parse(source.text(), source.label, json_first=source.label.lower().endswith(".json"))
    return validated(data, source.label, source.folder)


def dumps(doc: GraphDocument) -> list[str]:
    """The document as YAML text."""
    from vectorgraph.io import dumps as dump_text

    return [dump_text(doc, "yaml")]
