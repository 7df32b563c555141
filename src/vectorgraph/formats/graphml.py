"""GraphML (networkx's reader and writer), attributes flattened by :mod:`._flat`'s rule.

Everything comes back but the order of the relations (they return grouped by
source actor), provided the file keeps vectorgraph's attribute names; with other
names, missing fields default from the vocabulary. A node's ``label`` stands in
for a missing ``name`` and an edge's ``relation`` for a missing ``type``, so a
graph opened from GEXF in Gephi and saved as GraphML comes back.
"""

from __future__ import annotations

import io
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.errors import DocumentError
from vectorgraph.formats import Input
from vectorgraph.formats._flat import (
    checked,
    clean,
    flat_graph,
    json_cell,
    relation_fields,
    split_lists,
)

__all__ = ["dumps", "read", "to_graphml"]


def to_graphml(doc: GraphDocument) -> str:
    """GraphML text (networkx's writer); the edge XML id is the relation's key."""
    import networkx as nx

    G = flat_graph(doc)
    for attrs in [
        G.graph,
        *(a for _, a in G.nodes(data=True)),
        *(a for *_, a in G.edges(data=True)),
    ]:
        for key, value in attrs.items():
            if isinstance(value, str) and "\r" in value:
                attrs[key] = value.replace("\r", _CR)
    return xml_cr("\n".join(nx.generate_graphml(G)) + "\n")


# networkx splits its XML into lines (a bare CR too): a carriage return in a value
# travels as this character, which no valid document holds, and becomes &#13;.
_CR = "\x01"


def xml_cr(text: str) -> str:
    """XML with carriage returns in text kept as ``&#13;`` (a parser turns a bare one into
    a line feed); the writer already escapes them in attributes."""
    return text.replace("\r", "&#13;").replace(_CR, "&#13;")


def dumps(doc: GraphDocument) -> list[str]:
    return [to_graphml(doc)]


def read(source: Input) -> GraphDocument:
    import networkx as nx

    label = source.label
    try:
        G = nx.read_graphml(io.BytesIO(source.text().encode("utf-8")), force_multigraph=True)
    except (nx.NetworkXError, SyntaxError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError([f"{label}: not readable GraphML: {_reason(exc)}"]) from None
    doc: dict[str, Any] = clean(G.graph, ("title", "description"))
    doc.setdefault("title", _stem(label))
    found: list[str] = []
    for key in ("sources", "vocabulary"):
        if G.graph.get(key):
            doc[key] = json_cell(G.graph[key], f"{label}: graph: {key}", found)
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(keys=True, data=True))
    doc["actors"] = [split_lists({"id": n, "name": a.get("label"), **a}) for n, a in nodes]
    doc["relations"] = []
    for u, v, k, a in edges:
        rel = relation_fields({"type": a.get("relation"), **a, "source": u, "target": v})
        if "evidence" in rel:
            rel["evidence"] = json_cell(
                rel["evidence"], f"{label}: edge {u}->{v} ({k}): evidence", found
            )
        doc["relations"].append(rel)
    if found:
        raise DocumentError(found)
    return checked(
        doc,
        label,
        lambda i: f"{label}: node {nodes[i][0]}",
        lambda i: f"{label}: edge {edges[i][0]}->{edges[i][1]} ({edges[i][2]})",
        base=source.folder,
    )


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, KeyError):
        return f"unknown attribute type or value {text}"
    return text


def _stem(label: str) -> str:
    from pathlib import Path

    return Path(label).name.rsplit(".", 1)[0] or "graph"
