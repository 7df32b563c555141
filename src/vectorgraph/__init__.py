"""vectorgraph: evidence-backed graphs of international relations.

Load a graph document, query it, hand it to networkx, measure it, render it,
extract candidate graphs from new texts, merge and compare them.

>>> import vectorgraph
>>> doc = vectorgraph.load()              # the bundled article graph
>>> [r.type for r in doc.between("CSTO", "KAZ")]
['security_assistance']
"""

from __future__ import annotations

from typing import Any

from vectorgraph.compare import GraphDiff, centrality_ranks, diff
from vectorgraph.document import Actor, Evidence, GraphDocument, Relation, Source
from vectorgraph.errors import DocumentError, NotFoundError, VectorgraphError
from vectorgraph.export import export_graph
from vectorgraph.formats import read, write
from vectorgraph.graph import to_networkx
from vectorgraph.interchange import import_file, read_graph
from vectorgraph.io import bundled_path, dump, dumps, load, loads
from vectorgraph.measures import (
    centralities,
    centrality,
    structural_balance,
    vector_balance,
    vector_balances,
)
from vectorgraph.merging import Merged, merge
from vectorgraph.queries import actor_ties, shortest_chains
from vectorgraph.render import Figure, figure
from vectorgraph.timeslice import time_slice
from vectorgraph.vocabulary import ACTOR_TYPES, RELATION_TYPES, RelationType

__version__ = "0.1.0"

__all__ = [
    "ACTOR_TYPES",
    "RELATION_TYPES",
    "Actor",
    "DocumentError",
    "Evidence",
    "Figure",
    "GraphDiff",
    "GraphDocument",
    "Merged",
    "NotFoundError",
    "Relation",
    "RelationType",
    "Source",
    "VectorgraphError",
    "__version__",
    "actor_ties",
    "bundled_path",
    "centralities",
    "centrality",
    "centrality_ranks",
    "diff",
    "dump",
    "dumps",
    "export_graph",
    "extract",
    "extract_corpus",
    "figure",
    "import_file",
    "load",
    "loads",
    "merge",
    "read",
    "read_graph",
    "shortest_chains",
    "structural_balance",
    "time_slice",
    "to_networkx",
    "vector_balance",
    "vector_balances",
    "write",
]


def __getattr__(name: str) -> Any:
    """``vectorgraph.extract`` (the extraction package) loads on first use, not at start-up.

    ``vectorgraph.extract_corpus`` is :func:`vectorgraph.cluster.extract_corpus`:
    serial, or on a Dask cluster given ``client=``.
    """
    if name in ("extract", "extract_corpus"):
        import importlib

        module = importlib.import_module(
            "vectorgraph.extract" if name == "extract" else "vectorgraph.cluster"
        )
        return module if name == "extract" else module.extract_corpus
    raise AttributeError(f"module 'vectorgraph' has no attribute {name!r}")
