"""Interchange forms of a graph document: JSON, GraphML, GEXF, Cytoscape.js, CSV, DOT.

``json`` is networkx's node-link form (``networkx.node_link_data`` with
``edges="links"``; ``networkx.node_link_graph(data, edges="links")`` reads it
back as a MultiDiGraph). It holds everything: nodes carry ``id``, ``name``,
``type``, ``aliases``, ``members``, ``note``; links carry ``source``,
``target``, ``key``, ``id`` (when the relation has one), ``type``, ``sign``,
``score``, ``weight``, ``directed``, ``date``, ``confidence``, ``note``,
``count`` and ``evidence`` (a list of evidence objects), in the document's
relation order; ``graph`` holds ``title``, ``description``, ``sources`` and
``vocabulary``. :func:`vectorgraph.interchange.read_graph` reads it back losslessly.

The other formats hold only strings, numbers and booleans, so attributes are
flattened by one rule (:func:`flat_graph`):

* a missing value (None, an empty list) is left out;
* ``aliases`` and ``members`` are joined by ``|``;
* ``evidence`` becomes a JSON string of the evidence list (nothing is lost) and
  ``quote`` the first quote, for reading;
* the graph's ``sources`` and ``vocabulary`` become JSON strings.

GEXF reserves an edge's ``type`` for its direction, so there the relation type is
``relation`` (and the edge's label); edges are coloured by sign and nodes by
actor type (``viz:color``), and dated relations carry ``start``/``end`` so
Gephi's timeline can play them. DOT is written here (no Graphviz binding needed):
undirected relations get ``dir=none``.

Examples
--------
>>> from vectorgraph import load
>>> data = to_node_link(load())
>>> sorted(data)
['directed', 'graph', 'links', 'multigraph', 'nodes']
>>> data["nodes"][0]["id"]
'KAZ'
>>> sorted(flat_graph(load()).nodes["KAZ"])
['aliases', 'name', 'type']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vectorgraph import palette
from vectorgraph.document import GraphDocument, Relation
from vectorgraph.graph import edge_key, to_networkx

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "EDGE_COLUMNS",
    "FORMATS",
    "NODE_COLUMNS",
    "csv_paths",
    "export_graph",
    "flat_graph",
    "to_csv",
    "to_cytoscape",
    "to_dot",
    "to_gexf",
    "to_graphml",
    "to_node_link",
]

#: The formats :func:`export_graph` writes.
FORMATS = ("json", "graphml", "gexf", "cytoscape", "csv", "dot")
#: The columns of the CSV nodes file, in order.
NODE_COLUMNS = ("id", "name", "type", "aliases", "members", "note")
#: The columns of the CSV edges file, in order.
EDGE_COLUMNS = (
    "id",
    "source",
    "target",
    "type",
    "sign",
    "score",
    "weight",
    "directed",
    "date",
    "confidence",
    "count",
    "note",
    "quote",
    "evidence",
)

#: Edge colours by sign (RGB), from :mod:`vectorgraph.palette` (the page's too).
SIGN_COLOURS = {sign: palette.rgb(colour) for sign, colour in palette.SIGN_COLOURS.items()}
#: Node colours by actor type (RGB), from :mod:`vectorgraph.palette`.
TYPE_COLOURS = {kind: palette.rgb(colour) for kind, colour in palette.ACTOR_COLOURS.items()}


def _graph_meta(doc: GraphDocument) -> dict[str, Any]:
    return {
        "vectorgraph": 1,
        "title": doc.title,
        "description": doc.description,
        "sources": [s.to_dict() for s in doc.sources],
        "vocabulary": [t.to_dict() for t in doc.vocabulary],
    }


def to_node_link(doc: GraphDocument) -> dict[str, Any]:
    """The document as node-link data (a JSON-ready dict), losslessly."""
    import networkx as nx

    G = to_networkx(doc)
    G.graph.update(_graph_meta(doc))
    data: dict[str, Any] = nx.node_link_data(G, edges="links")
    order = {edge_key(i, r.id): i for i, r in enumerate(doc.relations)}
    data["links"].sort(key=lambda link: order[link["key"]])
    for link, rel in zip(data["links"], doc.relations):
        if rel.id is not None:
            link["id"] = rel.id
    return data


def _flat_relation(rel: Relation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rel.id,
        "type": rel.type,
        "sign": rel.sign,
        "score": rel.score,
        "weight": rel.weight,
        "directed": rel.directed,
        "date": rel.date,
        "confidence": rel.confidence,
        "count": rel.count,
        "note": rel.note,
    }
    if rel.evidence:
        out["quote"] = rel.evidence[0].quote
        out["evidence"] = json.dumps([e.to_dict() for e in rel.evidence], ensure_ascii=False)
    return {k: v for k, v in out.items() if v is not None}


def flat_graph(doc: GraphDocument) -> nx.MultiDiGraph:
    """A MultiDiGraph of the document whose attributes are all strings, numbers or booleans."""
    import networkx as nx

    meta = _graph_meta(doc)
    G = nx.MultiDiGraph(vectorgraph=1, title=doc.title)
    if doc.description:
        G.graph["description"] = doc.description
    for key in ("sources", "vocabulary"):
        if meta[key]:
            G.graph[key] = json.dumps(meta[key], ensure_ascii=False)
    for actor in doc.actors:
        attrs = {
            "name": actor.name,
            "type": actor.type,
            "aliases": "|".join(actor.aliases),
            "members": "|".join(actor.members),
            "note": actor.note,
        }
        G.add_node(actor.id, **{k: v for k, v in attrs.items() if v})
    for i, rel in enumerate(doc.relations):
        G.add_edge(rel.source, rel.target, key=edge_key(i, rel.id), **_flat_relation(rel))
    return G


def to_graphml(doc: GraphDocument) -> str:
    """GraphML text (networkx's writer); the edge XML id is the relation's key."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(flat_graph(doc))) + "\n"


def _rgb(colour: tuple[int, int, int]) -> dict[str, Any]:
    return {"r": colour[0], "g": colour[1], "b": colour[2], "a": 1.0}


def to_gexf(doc: GraphDocument) -> str:
    """GEXF 1.2 text (networkx's writer) with colours by sign and type and a timeline."""
    import networkx as nx

    G = flat_graph(doc)
    G.graph["name"] = doc.title
    for node, data in G.nodes(data=True):
        data["label"] = data["name"]
        data["viz"] = {"color": _rgb(TYPE_COLOURS.get(data["type"], TYPE_COLOURS["other"]))}
    index = {edge_key(i, r.id): i for i, r in enumerate(doc.relations)}
    for _, _, key, data in G.edges(keys=True, data=True):
        data["relation"] = data.pop("type")
        data["label"] = data["relation"]
        data["id"] = key
        data["viz"] = {"color": _rgb(SIGN_COLOURS[data["sign"]])}
        period = doc.relations[index[key]].period
        if period is not None:
            if period[0] != dt.date.min:
                data["start"] = period[0].isoformat()
            if period[1] != dt.date.max:
                data["end"] = period[1].isoformat()
    text = "\n".join(nx.generate_gexf(G)) + "\n"
    # networkx stamps today's date; without it the same graph gives the same file every day
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def to_cytoscape(doc: GraphDocument) -> dict[str, Any]:
    """Cytoscape.js elements JSON (``networkx.cytoscape_data``); evidence stays nested."""
    import networkx as nx

    G = to_networkx(doc)
    G.graph.update(_graph_meta(doc))
    for _, _, attrs in G.edges(data=True):
        for key in [k for k, v in attrs.items() if v is None]:
            del attrs[key]
    return dict(nx.cytoscape_data(G))


def _dot_id(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _dot_attrs(attrs: dict[str, Any]) -> str:
    return ", ".join(f"{k}={_dot_id(v)}" for k, v in attrs.items())


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def to_dot(doc: GraphDocument) -> str:
    """Graphviz DOT text: a digraph; undirected relations are drawn without arrowheads.

    >>> doc = GraphDocument.from_dict({"title": "t", "actors": [{"id": "A"}, {"id": "B"}],
    ...     "relations": [{"source": "A", "target": "B", "type": "trade"}]})
    >>> print(to_dot(doc), end="")  # doctest: +NORMALIZE_WHITESPACE
    digraph "t" {
      node [shape=box, style="rounded,filled", fontcolor="black"];
      "A" [label="A", name="A", type="other", fillcolor="#999999"];
      "B" [label="B", name="B", type="other", fillcolor="#999999"];
      "A" -> "B" [key="r0", label="trade", type="trade", sign=1, score=6.4, weight=0.64,
                  directed=false, color="#009e73", dir="none"];
    }
    """
    G = flat_graph(doc)
    lines = [
        f"digraph {_dot_id(doc.title)} {{",
        '  node [shape=box, style="rounded,filled", fontcolor="black"];',
    ]
    for node, data in G.nodes(data=True):
        colour = _hex(TYPE_COLOURS.get(data["type"], TYPE_COLOURS["other"]))
        attrs = {"label": data["name"], **data, "fillcolor": colour}
        lines.append(f"  {_dot_id(node)} [{_dot_attrs(attrs)}];")
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = {
            "key": key,
            "label": data["type"],
            **data,
            "color": _hex(SIGN_COLOURS[data["sign"]]),
        }
        if not data["directed"]:
            attrs["dir"] = "none"
        lines.append(f"  {_dot_id(u)} -> {_dot_id(v)} [{_dot_attrs(attrs)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _csv_text(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: ("true" if v else "false") if isinstance(v, bool) else v for k, v in row.items()}
        )
    return out.getvalue()


def to_csv(doc: GraphDocument) -> tuple[str, str]:
    """The text of the nodes file and of the edges file, one row per actor and per relation.

    >>> doc = GraphDocument.from_dict({"actors": [{"id": "A"}, {"id": "B"}],
    ...     "relations": [{"source": "A", "target": "B", "type": "sanctions"}]})
    >>> print(to_csv(doc)[1], end="")
    id,source,target,type,sign,score,weight,directed,date,confidence,count,note,quote,evidence
    ,A,B,sanctions,-1,-8.0,0.8,true,,,,,,
    """
    nodes = [
        {
            "id": a.id,
            "name": a.name,
            "type": a.type,
            "aliases": "|".join(a.aliases),
            "members": "|".join(a.members),
            "note": a.note,
        }
        for a in doc.actors
    ]
    edges = [{"source": r.source, "target": r.target, **_flat_relation(r)} for r in doc.relations]
    return _csv_text(NODE_COLUMNS, nodes), _csv_text(EDGE_COLUMNS, edges)


def csv_paths(output: str | Path) -> tuple[Path, Path]:
    """Where the CSV nodes and edges files go for ``-o OUTPUT``.

    A folder (existing, or written with a trailing slash) gets ``nodes.csv`` and
    ``edges.csv``; otherwise ``X.csv`` or ``X`` gives ``X.nodes.csv`` and ``X.edges.csv``.

    >>> [p.name for p in csv_paths("out/kaz.csv")]
    ['kaz.nodes.csv', 'kaz.edges.csv']
    """
    text = str(output)
    path = Path(output)
    if path.is_dir() or text.endswith(("/", "\\")):
        return path / "nodes.csv", path / "edges.csv"
    stem = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(f"{stem}.nodes.csv"), path.with_name(f"{stem}.edges.csv")


def export_graph(doc: GraphDocument, to: str, output: str | Path | None = None) -> str | list[Path]:
    """Write ``doc`` in format ``to`` (one of :data:`FORMATS`).

    Without ``output``, returns the text (not for csv, which is two files); with
    it, writes atomically and returns the paths written. Sources' relative paths
    are rewritten to be relative to the output's folder.
    """
    from vectorgraph.io import atomic_write

    if to not in FORMATS:
        raise ValueError(f"unknown export format {to!r} (one of: {', '.join(FORMATS)})")
    if output is not None and doc.path is not None:
        from vectorgraph.interchange import rebase_sources

        target = csv_paths(output)[0] if to == "csv" else Path(output)
        doc = rebase_sources(doc, Path(doc.path).parent, target.parent)
    if to == "csv":
        if output is None:
            raise ValueError("csv export writes two files: give an output path")
        nodes, edges = csv_paths(output)
        nodes.parent.mkdir(parents=True, exist_ok=True)
        texts = to_csv(doc)
        with atomic_write(nodes) as fn, atomic_write(edges) as fe:
            fn.write(texts[0])
            fe.write(texts[1])
        return [nodes, edges]
    if to in ("json", "cytoscape"):
        data = to_node_link(doc) if to == "json" else to_cytoscape(doc)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        text = {"graphml": to_graphml, "gexf": to_gexf, "dot": to_dot}[to](doc)
    if output is None:
        return text
    with atomic_write(output) as fh:
        fh.write(text)
    return [Path(output)]
