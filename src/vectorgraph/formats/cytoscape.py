"""Cytoscape.js elements JSON: ``{"data": {...}, "elements": {"nodes": [...], "edges": [...]}}``.

Every element has ``data.id`` (an actor's id, also in ``value`` for networkx; a relation's key: its id, or
``r<index>``), edges ``data.source``/``data.target``; the graph's data (format
version, title, description, sources, vocabulary) is the top-level ``data``
object, as ``cy.json()`` gives it and ``cy.json(data)`` takes it. Evidence stays
nested. Cytoscape.js needs element ids unique across nodes and edges: a
relation whose id is also an actor's id gets ``@edge`` appended (its ``key``
keeps the id). Reading takes the same, or a plain list of elements.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vectorgraph.document import ACTOR_FIELDS, GraphDocument
from vectorgraph.errors import DocumentError
from vectorgraph.formats import Input
from vectorgraph.formats._flat import checked, clean, graph_meta, relation_fields
from vectorgraph.graph import edge_key

__all__ = ["dumps", "from_cytoscape", "read", "to_cytoscape"]


def to_cytoscape(doc: GraphDocument) -> dict[str, Any]:
    """Cytoscape.js elements JSON for ``doc``."""
    nodes = [{"data": {"id": a.id, "value": a.id, **a.to_dict()}} for a in doc.actors]
    ids = {a.id for a in doc.actors}
    edges = []
    for i, rel in enumerate(doc.relations):
        key = edge_key(i, rel.id)
        data = {**rel.to_dict(), "id": f"{key}@edge" if key in ids else key, "key": key}
        edges.append({"data": data})
    meta = {k: v for k, v in graph_meta(doc).items() if v not in (None, [])}
    return {
        "format_version": "1.0",
        "generated_by": "vectorgraph",
        "data": meta,
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }


def dumps(doc: GraphDocument) -> list[str]:
    return [json.dumps(to_cytoscape(doc), indent=2, ensure_ascii=False) + "\n"]


def read(source: Input) -> GraphDocument:
    from vectorgraph.io import parse

    data = parse(source.text(), source.label, json_first=True)
    return from_cytoscape(data, source.label, source.folder)


def from_cytoscape(
    data: Any, label: str = "<cytoscape>", base: Path | None = None
) -> GraphDocument:
    """A document from Cytoscape.js elements JSON."""
    if not isinstance(data, dict) or "elements" not in data:
        raise DocumentError(
            [f"{label}: not Cytoscape.js JSON (expected an object with 'elements')"]
        )
    elements = data["elements"]
    if isinstance(elements, list):
        nodes = [
            e
            for e in elements
            if isinstance(e, dict) and e.get("group") != "edges" and not _is_edge(e)
        ]
        edges = [
            e
            for e in elements
            if isinstance(e, dict) and (e.get("group") == "edges" or _is_edge(e))
        ]
    elif isinstance(elements, dict):
        nodes, edges = elements.get("nodes") or [], elements.get("edges") or []
    else:
        raise DocumentError([f"{label}: elements: expected an object or a list"])
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise DocumentError([f"{label}: elements: nodes and edges must be lists"])
    graph = data.get("data") or {}
    if not isinstance(graph, dict):
        raise DocumentError([f"{label}: data: expected an object, got {type(graph).__name__}"])
    doc: dict[str, Any] = clean(graph, ("title", "description", "sources", "vocabulary"))
    doc.setdefault("title", label.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    doc["actors"] = [
        clean(_data(n), ACTOR_FIELDS) if isinstance(_data(n), dict) else n for n in nodes
    ]
    relations = []
    for e in edges:
        item = _data(e)
        if not isinstance(item, dict):
            relations.append(item)
            continue
        key = item.get("key", item.get("id"))
        rel = relation_fields({k: v for k, v in item.items() if k != "id"})
        if isinstance(key, str) and not (key[:1] == "r" and key[1:].isdigit()):
            rel["id"] = key  # r<number> is the key of a relation without an id
        relations.append(rel)
    doc["relations"] = relations
    return checked(
        doc,
        label,
        lambda i: f"{label}: elements.nodes[{i}]",
        lambda i: f"{label}: elements.edges[{i}]",
        base=base,
    )


def _data(element: Any) -> Any:
    return element.get("data") if isinstance(element, dict) else element


def _is_edge(element: dict[str, Any]) -> bool:
    data = element.get("data")
    return isinstance(data, dict) and "source" in data and "target" in data
