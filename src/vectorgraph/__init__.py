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
]

# --- measures ---
from vectorgraph.measures import (centralities, centrality, structural_balance,  # noqa: E402
                                  vector_balance, vector_balances)

__all__ += ["centralities", "centrality", "structural_balance", "vector_balance",
            "vector_balances"]
