"""The rules the flat formats share (GraphML, GEXF, CSV, DOT), and the readers' checks.

Those formats hold only strings, numbers and booleans, so attributes are
flattened by one rule (:func:`flat_graph`):

* a missing value (None, an empty list) is left out;
* ``aliases`` and ``members`` are joined by ``|``;
* ``evidence`` becomes a JSON string of the evidence list (nothing is lost) and
  ``quote`` the first quote, for reading;
* the graph's ``sources`` and ``vocabulary`` become JSON strings.

Readers turn what they found back into raw document data and check it with
:func:`checked`, which names each problem's place in the file read (a row, a
node, an edge) rather than in the document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vectorgraph.document import (
    ACTOR_FIELDS,
    FORMAT_VERSION,
    RELATION_FIELDS,
    GraphDocument,
    Relation,
)
from vectorgraph.errors import DocumentError
from vectorgraph.graph import edge_key
from vectorgraph.validate import problems, validated

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "LIST_SEPARATOR",
    "checked",
    "clean",
    "flat_graph",
    "flat_relation",
    "graph_meta",
    "json_cell",
    "split_lists",
]

#: What joins ``aliases`` and ``members`` in one cell or attribute.
LIST_SEPARATOR = "|"
_PLACE = re.compile(r"^: (actors|relations)\[(\d+)\](?:\.(.+?))?: (.*)$", re.DOTALL)
_ROW = re.compile(r"^(.*?): row (\d+): ")


def graph_meta(doc: GraphDocument) -> dict[str, Any]:
    """The graph-level data of a document (format version, title, sources, vocabulary)."""
    return {
        "vectorgraph": FORMAT_VERSION,
        "title": doc.title,
        "description": doc.description,
        "sources": [s.to_dict() for s in doc.sources],
        "vocabulary": [t.to_dict() for t in doc.vocabulary],
    }


def flat_relation(rel: Relation) -> dict[str, Any]:
    """A relation's attributes as strings, numbers and booleans (no source/target)."""
    data = rel.to_dict()
    skip = ("source", "target", "evidence")
    out = {k: data[k] for k in RELATION_FIELDS if k in data and k not in skip}
    if rel.evidence:
        out["quote"] = rel.evidence[0].quote
        out["evidence"] = json.dumps([e.to_dict() for e in rel.evidence], ensure_ascii=False)
    return out


def flat_actor(actor: Any) -> dict[str, Any]:
    """An actor's attributes, lists joined (no id)."""
    attrs = {
        "name": actor.name,
        "type": actor.type,
        "aliases": LIST_SEPARATOR.join(actor.aliases),
        "members": LIST_SEPARATOR.join(actor.members),
        "note": actor.note,
    }
    return {k: v for k, v in attrs.items() if v}


def flat_graph(doc: GraphDocument) -> nx.MultiDiGraph:
    """A MultiDiGraph of the document whose attributes are all strings, numbers or booleans."""
    import networkx as nx

    meta = graph_meta(doc)
    G = nx.MultiDiGraph(vectorgraph=FORMAT_VERSION, title=doc.title)
    if doc.description:
        G.graph["description"] = doc.description
    for key in ("sources", "vocabulary"):
        if meta[key]:
            G.graph[key] = json.dumps(meta[key], ensure_ascii=False)
    for actor in doc.actors:
        G.add_node(actor.id, **flat_actor(actor))
    for i, rel in enumerate(doc.relations):
        G.add_edge(rel.source, rel.target, key=edge_key(i, rel.id), **flat_relation(rel))
    return G


def clean(data: Any, keys: Iterable[str]) -> dict[str, Any]:
    """The entries of ``data`` under ``keys`` that hold a value (not None, "" or [])."""
    if not isinstance(data, dict):
        return {}
    return {k: data[k] for k in keys if k in data and data[k] not in (None, "", [])}


def split_lists(actor: dict[str, Any]) -> dict[str, Any]:
    """An actor's fields, with ``aliases``/``members`` split on ``|`` when joined.

    Members (actor ids) are stripped; aliases keep their white space, so that
    what was written comes back exactly; empty parts are dropped.
    """
    out = clean(actor, ACTOR_FIELDS)
    for key in ("aliases", "members"):
        if isinstance(out.get(key), str):
            parts = out[key].split(LIST_SEPARATOR)
            if key == "members":
                parts = [p.strip() for p in parts]
            out[key] = [p for p in parts if p.strip()]
    return out


def relation_fields(data: dict[str, Any]) -> dict[str, Any]:
    return clean(data, RELATION_FIELDS)


def json_cell(text: Any, where: str, found: list[str]) -> Any:
    """``text`` parsed as JSON, or None with a problem added to ``found``."""
    try:
        return json.loads(text)
    except (TypeError, json.JSONDecodeError, RecursionError) as exc:
        found.append(f"{where}: invalid JSON: {getattr(exc, 'msg', 'not JSON text')}")
        return None


def places(
    data: dict[str, Any],
    label: str,
    actor_place: Callable[[int], str],
    relation_place: Callable[[int], str],
    base: Path | None = None,
) -> list[str]:
    """The validation problems of ``data``, each naming the place in the original file;
    quotes are checked against the source texts under ``base``, as a document's are."""
    found = []
    for line in problems(data, "", base):
        match = _PLACE.match(line)
        if match is None:
            found.append(f"{label}{line}" if line.startswith(":") else f"{label}: {line}")
            continue
        kind, index, field, message = match.groups()
        where = (actor_place if kind == "actors" else relation_place)(int(index))
        found.append(f"{where}: {field}: {message}" if field else f"{where}: {message}")
    return found


def checked(
    data: dict[str, Any],
    label: str,
    actor_place: Callable[[int], str],
    relation_place: Callable[[int], str],
    earlier: Iterable[str] = (),
    base: Path | None = None,
) -> GraphDocument:
    """A document from ``data``, or a DocumentError with ``earlier`` and every problem."""
    found = [*earlier, *places(data, label, actor_place, relation_place, base)]
    if found:
        raise DocumentError(_by_row(found))
    return validated(data, label, base)


def _by_row(lines: list[str]) -> list[str]:
    """Problems sorted by file and row (stable; lines without a row keep their place first)."""

    def key(line: str) -> tuple[str, int]:
        match = _ROW.match(line)
        return (match.group(1), int(match.group(2))) if match else ("", 0)

    return sorted(lines, key=key)
