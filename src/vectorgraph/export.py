"""Interchange forms of a graph document.

The node-link JSON form is the one other programs can rely on: networkx's
node-link format (``networkx.node_link_data`` with ``edges="links"``), so
``networkx.node_link_graph(data, edges="links")`` reads it back as a
MultiDiGraph. Nodes carry ``id``, ``name``, ``type``, ``aliases`` and
``members``; links carry ``source``, ``target``, ``key``, ``type``, ``sign``,
``score``, ``weight``, ``directed``, ``date``, ``confidence``, ``note`` and
``evidence`` (a list of ``{source, sentence, quote}``).

Examples
--------
>>> from vectorgraph import load
>>> data = to_node_link(load())
>>> sorted(data)
['directed', 'graph', 'links', 'multigraph', 'nodes']
>>> data["nodes"][0]["id"]
'KAZ'
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from vectorgraph.document import GraphDocument
from vectorgraph.graph import to_networkx

__all__ = ["to_node_link"]


def to_node_link(doc: GraphDocument) -> dict[str, Any]:
    """The document as node-link data (a JSON-ready dict)."""
    data: dict[str, Any] = nx.node_link_data(to_networkx(doc), edges="links")
    return data
