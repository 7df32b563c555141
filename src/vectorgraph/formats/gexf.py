"""GEXF 1.2 for Gephi: networkx's writer, and a reader of its own.

The writer keeps every attribute of :func:`._flat.flat_graph`; GEXF reserves an
edge's ``type`` for its direction, so there the relation type is ``relation``
(and the edge's label). Each edge's direction is its ``type`` (``directed`` or
``undirected``) where it differs from the graph's ``defaultedgetype``, so Gephi
draws a mixed graph as it is. Edges are coloured by sign and nodes by actor type
(``viz:color``), and dated relations carry ``start``/``end`` so Gephi's timeline
can play them. The title is the ``<meta>`` description; the rest of the graph's
data (description, sources, vocabulary additions) rides as one JSON object in
``<meta><keywords>``, so the file reads back whole.

networkx's ``read_gexf`` refuses a graph that mixes directed and undirected
edges, so :func:`read` parses the XML itself: GEXF 1.1 to 1.3, from vectorgraph
or from Gephi (a node's ``label`` stands in for ``name``, an edge's for
``relation``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from typing import Any
from xml.sax.saxutils import escape

from vectorgraph import palette
from vectorgraph.document import FORMAT_VERSION, GraphDocument
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
from vectorgraph.formats.graphml import xml_cr
from vectorgraph.graph import edge_key

__all__ = ["SIGN_COLOURS", "TYPE_COLOURS", "dumps", "read", "to_gexf"]

#: Edge colours by sign (RGB), from :mod:`vectorgraph.palette` (the page's too).
SIGN_COLOURS = {sign: palette.rgb(colour) for sign, colour in palette.SIGN_COLOURS.items()}
#: Node colours by actor type (RGB), from :mod:`vectorgraph.palette`.
TYPE_COLOURS = {kind: palette.rgb(colour) for kind, colour in palette.ACTOR_COLOURS.items()}
_RESERVED_KEY = re.compile(r"^r[0-9]+$")


def _rgb(colour: tuple[int, int, int]) -> dict[str, Any]:
    return {"r": colour[0], "g": colour[1], "b": colour[2], "a": 1.0}


def to_gexf(doc: GraphDocument) -> str:
    """GEXF 1.2 text with each edge's direction, colours by sign and type and a timeline."""
    import networkx as nx

    G = flat_graph(doc)
    undirected = sum(not r.directed for r in doc.relations)
    default = "undirected" if doc.relations and undirected == len(doc.relations) else "directed"
    for _, data in G.nodes(data=True):
        data["label"] = data["name"]
        data["viz"] = {"color": _rgb(TYPE_COLOURS.get(data["type"], TYPE_COLOURS["other"]))}
    index = {edge_key(i, r.id): i for i, r in enumerate(doc.relations)}
    for _, _, key, data in G.edges(keys=True, data=True):
        data["relation"] = data.pop("type")
        data["label"] = data["relation"]
        data["id"] = key
        direction = "directed" if data["directed"] else "undirected"
        if direction != default:
            data["type"] = direction
        data["viz"] = {"color": _rgb(SIGN_COLOURS[data["sign"]])}
        period = doc.relations[index[key]].period
        if period is not None:
            if period[0] != dt.date.min:
                data["start"] = period[0].isoformat()
            if period[1] != dt.date.max:
                data["end"] = period[1].isoformat()
    for key in ("title", "description", "sources", "vocabulary", "vectorgraph"):
        G.graph.pop(key, None)
    text = "\n".join(nx.generate_gexf(G)) + "\n"
    # networkx stamps today's date; without it the same graph gives the same file every day
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    # GEXF 1.2 has no graph name: the title goes in <meta>, with the rest of the graph's data
    text = re.sub(r'(<graph [^>]*?) name="[^"]*"', r"\1", text, count=1)
    text = text.replace('defaultedgetype="directed"', f'defaultedgetype="{default}"', 1)
    meta = {k: v for k, v in _graph_data(doc).items() if v}
    extra = f"\n    <description>{escape(doc.title)}</description>"
    extra += f"\n    <keywords>{escape(json.dumps(meta, ensure_ascii=False))}</keywords>"
    text = re.sub(
        r"(<meta[^>]*>\s*<creator>[^<]*</creator>)", lambda m: m.group(1) + extra, text, count=1
    )
    return xml_cr(text)


def _graph_data(doc: GraphDocument) -> dict[str, Any]:
    return {
        "vectorgraph": FORMAT_VERSION,
        "description": doc.description,
        "sources": [s.to_dict() for s in doc.sources],
        "vocabulary": [t.to_dict() for t in doc.vocabulary],
    }


def dumps(doc: GraphDocument) -> list[str]:
    return [to_gexf(doc)]


# -- reading ----------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


class _BadValue(Exception):
    """A cell or attribute value that does not parse; its message becomes a problem line."""


_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


def _value(kind: str, text: str) -> Any:
    """An attvalue as Python; raises ValueError or _BadValue with a message."""
    if kind in ("integer", "long"):
        return int(text)
    if kind in ("float", "double"):
        return float(text)
    if kind == "boolean":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise _BadValue(f"expected true or false, got {text!r}")
    if kind in ("string", "anyURI", "liststring"):
        return text
    raise _BadValue(f"unknown attribute type {kind!r}")


def read(source: Input) -> GraphDocument:
    """A document from GEXF text (1.1, 1.2 or 1.3)."""
    label = source.label
    try:
        root = ET.fromstring(source.text())
    except ET.ParseError as exc:
        raise DocumentError([f"{label}: not readable GEXF: {exc}"]) from None
    graphs = _children(root, "graph")
    if _local(root.tag) != "gexf" or not graphs:
        raise DocumentError([f"{label}: not GEXF (expected <gexf> holding a <graph>)"])
    graph = graphs[0]
    found: list[str] = []
    doc: dict[str, Any] = {}
    for meta in _children(root, "meta"):
        for item in _children(meta, "description"):
            doc["title"] = (item.text or "").strip()
        for item in _children(meta, "keywords"):
            data = json_cell(item.text or "", f"{label}: meta: keywords", [])
            if isinstance(data, dict) and "vectorgraph" in data:
                doc.update(clean(data, ("description", "sources", "vocabulary")))
    if not doc.get("title"):
        doc["title"] = graph.get("name") or label.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    attributes: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    for block in _children(graph, "attributes"):
        kind = block.get("class", "")
        for attribute in _children(block, "attribute"):
            if kind in attributes:
                attributes[kind][attribute.get("id", "")] = (
                    attribute.get("title") or attribute.get("id") or "",
                    attribute.get("type", "string"),
                )

    def values(element: ET.Element, kind: str, where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for block in _children(element, "attvalues"):
            for item in _children(block, "attvalue"):
                key = item.get("for") or item.get("id") or ""
                title, vtype = attributes[kind].get(key, (key, "string"))
                try:
                    out[title] = _value(vtype, item.get("value", ""))
                except (ValueError, _BadValue) as exc:
                    found.append(f"{where}: {title}: {exc}")
        return out

    default = graph.get("defaultedgetype", "undirected")
    actors: list[dict[str, Any]] = []
    names: list[str] = []
    for block in _children(graph, "nodes"):
        for node in _children(block, "node"):
            nid = node.get("id", "")
            names.append(nid)
            attrs = values(node, "node", f"{label}: node {nid}")
            actors.append(
                split_lists({**attrs, "id": nid, "name": attrs.get("name") or node.get("label")})
            )
    relations: list[dict[str, Any]] = []
    keys: list[str] = []
    for block in _children(graph, "edges"):
        for edge in _children(block, "edge"):
            eid = edge.get("id", "")
            where = f"{label}: edge {edge.get('source')}->{edge.get('target')} ({eid})"
            keys.append(where)
            attrs = values(edge, "edge", where)
            direction = edge.get("type") or default
            rel = relation_fields(
                {
                    **attrs,
                    "id": attrs.get("id") or (None if _RESERVED_KEY.match(eid) else eid or None),
                    "type": attrs.get("relation") or edge.get("label"),
                    "source": edge.get("source"),
                    "target": edge.get("target"),
                    "directed": direction != "undirected"
                    if edge.get("type") or "directed" not in attrs
                    else attrs["directed"],
                }
            )
            if edge.get("weight") is not None and "weight" not in rel:
                try:
                    rel["weight"] = float(edge.get("weight", ""))
                except ValueError:
                    found.append(f"{where}: weight: expected a number")
            if "evidence" in rel:
                rel["evidence"] = json_cell(rel["evidence"], f"{where}: evidence", found)
            relations.append(rel)
    doc["actors"] = actors
    doc["relations"] = relations
    if found:
        raise DocumentError(found)
    return checked(
        doc, label, lambda i: f"{label}: node {names[i]}", lambda i: keys[i], base=source.folder
    )
