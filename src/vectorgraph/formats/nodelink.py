"""networkx's node-link JSON: everything a document holds, losslessly.

``networkx.node_link_data`` with ``edges="links"``; ``networkx.node_link_graph(data,
edges="links")`` reads it back as a MultiDiGraph. Nodes carry ``id``, ``name``,
``type``, ``aliases``, ``members``, ``note``; links carry ``source``, ``target``,
``key``, ``id`` (when the relation has one), ``type``, ``sign``, ``score``,
``weight``, ``directed``, ``date``, ``confidence``, ``note``, ``count`` and
``evidence`` (a list of evidence objects), in the document's relation order;
``graph`` holds ``vectorgraph`` (the format version), ``title``,
``description``, ``sources`` and ``vocabulary``.

A ``.json`` file that holds a graph document (``actors``) or Cytoscape.js
elements (``elements``) is read as that.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vectorgraph.document import ACTOR_FIELDS, RELATION_FIELDS, GraphDocument
from vectorgraph.errors import DocumentError
from vectorgraph.formats import Input
from vectorgraph.formats._flat import checked, clean, graph_meta
from vectorgraph.graph import edge_key, to_networkx

__all__ = ["dumps", "from_node_link", "read", "to_node_link"]


def to_node_link(doc: GraphDocument) -> dict[str, Any]:
    """The document as node-link data (a JSON-ready dict), losslessly."""
    import networkx as nx

    G = to_networkx(doc)
    G.graph.update(graph_meta(doc))
    data: dict[str, Any] = nx.node_link_data(G, edges="links")
    order = {edge_key(i, r.id): i for i, r in enumerate(doc.relations)}
    data["links"].sort(key=lambda link: order[link["key"]])
    for link, rel in zip(data["links"], doc.relations):
        if rel.id is not None:
            link["id"] = rel.id
    return data


def dumps(doc: GraphDocument) -> list[str]:
    return [json.dumps(to_node_link(doc), indent=2, ensure_ascii=False) + "\n"]


def read(source: Input) -> GraphDocument:
    """A document from node-link JSON, or from a graph document or Cytoscape.js JSON."""
    from vectorgraph.io import parse
    from vectorgraph.validate import validated

    text = source.text()
    data = parse(text, source.label, json_first=True)
    if isinstance(data, dict) and "elements" in data and "nodes" not in data:
        from vectorgraph.formats.cytoscape import from_cytoscape

        return from_cytoscape(data, source.label, source.folder)
    if isinstance(data, dict) and "nodes" in data:
        return from_node_link(data, source.label, source.folder)
    # a graph document, as load() reads it
    return validated(data, source.label, source.folder, json_text=text)


def from_node_link(
    data: Any, label: str = "<node-link>", base: Path | None = None
) -> GraphDocument:
    """A document from node-link data (as :func:`to_node_link` writes)."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise DocumentError(
            [f"{label}: not node-link JSON (expected an object with 'nodes' and 'links')"]
        )
    links = data.get("links", data.get("edges")) or []
    if not isinstance(links, list):
        raise DocumentError([f"{label}: links: expected a list, got {type(links).__name__}"])
    graph = data.get("graph") or {}
    if isinstance(graph, list):  # networkx < 3.4 wrote [key, value] pairs in places
        try:
            graph = dict(graph)
        except (TypeError, ValueError):
            raise DocumentError([f"{label}: graph: expected an object"]) from None
    if not isinstance(graph, dict):
        raise DocumentError([f"{label}: graph: expected an object, got {type(graph).__name__}"])
    doc: dict[str, Any] = clean(graph, ("title", "description", "sources", "vocabulary"))
    doc.setdefault("title", Path(label).stem)
    doc["actors"] = [clean(n, ACTOR_FIELDS) if isinstance(n, dict) else n for n in data["nodes"]]
    doc["relations"] = [clean(e, RELATION_FIELDS) if isinstance(e, dict) else e for e in links]
    return checked(
        doc, label, lambda i: f"{label}: nodes[{i}]", lambda i: f"{label}: links[{i}]", base=base
    )
