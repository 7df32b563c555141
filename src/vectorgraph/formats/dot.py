"""Graphviz DOT, written here (no Graphviz binding needed); vectorgraph does not read it.

A digraph: undirected relations are drawn without arrowheads (``dir=none``);
nodes are filled by actor type and edges coloured by sign. Numbers are written
in plain decimal (Graphviz rejects ``1e-05``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.formats._flat import flat_graph
from vectorgraph.formats.gexf import SIGN_COLOURS, TYPE_COLOURS

__all__ = ["dumps", "to_dot"]


def _dot_id(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return format(Decimal(text), "f") if "e" in text else text
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
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
      node [shape=box, style="rounded,filled", fontcolor="white"];
      "A" [label="A", name="A", type="other", fillcolor="#999999"];
      "B" [label="B", name="B", type="other", fillcolor="#999999"];
      "A" -> "B" [key="r0", label="trade", type="trade", sign=1, score=6.4, weight=0.64,
                  directed=false, color="#009e73", dir="none"];
    }
    >>> _dot_id(0.00001)
    '0.00001'
    """
    G = flat_graph(doc)
    lines = [
        f"digraph {_dot_id(doc.title)} {{",
        '  node [shape=box, style="rounded,filled", fontcolor="white"];',
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


def dumps(doc: GraphDocument) -> list[str]:
    return [to_dot(doc)]
