"""Sources' relative paths, moved with the document to another folder."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from vectorgraph.document import GraphDocument

__all__ = ["rebase_sources"]


def rebase_sources(doc: GraphDocument, old: str | Path, new: str | Path) -> GraphDocument:
    """``doc`` with its sources' relative paths moved from folder ``old`` to folder ``new``.

    >>> doc = GraphDocument.from_dict({"sources": [{"id": "s", "path": "texts/a.txt"}]})
    >>> rebase_sources(doc, "graphs", "out").sources[0].path
    '../graphs/texts/a.txt'
    """
    if Path(old).resolve() == Path(new).resolve():
        return doc
    sources = tuple(
        s
        if s.path is None or Path(s.path).is_absolute()
        else replace(s, path=Path(os.path.relpath(Path(old) / s.path, new)).as_posix())
        for s in doc.sources
    )
    return replace(doc, sources=sources)
