"""Writing a graph in an interchange format: the writers of :mod:`vectorgraph.formats`.

:func:`export_graph` writes ``doc`` in one of :data:`FORMATS`; each format's
rules live in its module under :mod:`vectorgraph.formats` (the names here are
kept for code written against them).

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

from pathlib import Path
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.errors import ArgumentError
from vectorgraph.formats import FORMATS as _REGISTRY
from vectorgraph.formats import write
from vectorgraph.formats._flat import flat_graph
from vectorgraph.formats.cytoscape import to_cytoscape
from vectorgraph.formats.dot import to_dot
from vectorgraph.formats.gexf import SIGN_COLOURS, TYPE_COLOURS, to_gexf
from vectorgraph.formats.graphml import to_graphml
from vectorgraph.formats.nodelink import to_node_link
from vectorgraph.formats.spreadsheet import EDGE_COLUMNS, NODE_COLUMNS, csv_paths, to_csv

__all__ = [
    "EDGE_COLUMNS",
    "FORMATS",
    "NODE_COLUMNS",
    "SIGN_COLOURS",
    "TYPE_COLOURS",
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

#: The interchange formats :func:`export_graph` writes (the registry's, but the document's own).
FORMATS = tuple(name for name, f in _REGISTRY.items() if f.writable and name != "yaml")


def export_graph(
    doc: GraphDocument, to: str, output: str | Path | None = None, **options: Any
) -> str | list[Path]:
    """Write ``doc`` in format ``to`` (one of :data:`FORMATS`).

    Without ``output``, returns the text (not for csv, which is two files); with
    it, writes atomically (``-``: stdout) and returns the paths written. Sources'
    relative paths are rewritten to be relative to the output's folder.
    """
    if to not in FORMATS:
        raise ArgumentError(f"unknown export format {to!r} (one of: {', '.join(FORMATS)})")
    if output is None:
        texts = _REGISTRY[to].load_module().dumps(doc, **options)
        if len(texts) > 1:
            raise ArgumentError(f"{to} export writes two files: give an output path")
        return str(texts[0])
    return write(doc, output, to, **options)
