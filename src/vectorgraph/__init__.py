"""vectorgraph: evidence-backed graphs of international relations.

Load a graph document, query it, hand it to networkx, measure it, render it.

>>> import vectorgraph
>>> doc = vectorgraph.load()              # the bundled article graph
>>> [r.type for r in doc.between("CSTO", "KAZ")]
['security_assistance']
"""

from __future__ import annotations

from vectorgraph.document import Actor, Evidence, GraphDocument, Relation, Source
from vectorgraph.errors import DocumentError, NotFoundError, VectorgraphError
from vectorgraph.graph import to_networkx
from vectorgraph.io import bundled_path, dump, dumps, load, loads
from vectorgraph.vocabulary import ACTOR_TYPES, RELATION_TYPES, RelationType

# --- interchange: formats, merge, diff, time slices, queries ---
from vectorgraph.compare import GraphDiff, centrality_ranks, diff
from vectorgraph.export import export_graph
from vectorgraph.interchange import import_file, read_graph
from vectorgraph.merging import Merged, merge
from vectorgraph.queries import actor_ties, shortest_chains
from vectorgraph.timeslice import time_slice

__version__ = "0.1.0"

__all__ = [
    "ACTOR_TYPES",
    "Actor",
    "DocumentError",
    "Evidence",
    "GraphDocument",
    "NotFoundError",
    "RELATION_TYPES",
    "Relation",
    "RelationType",
    "Source",
    "VectorgraphError",
    "__version__",
    "bundled_path",
    "dump",
    "dumps",
    "load",
    "loads",
    "to_networkx",
    # interchange
    "GraphDiff",
    "Merged",
    "actor_ties",
    "centrality_ranks",
    "diff",
    "export_graph",
    "import_file",
    "merge",
    "read_graph",
    "shortest_chains",
    "time_slice",
]
