"""vectorgraph: evidence-backed graphs of international relations.

Load a graph document, query it, hand it to networkx, measure it, render it.

>>> import vectorgraph
>>> doc = vectorgraph.load()              # the bundled article graph
>>> [r.type for r in doc.between("CSTO", "KAZ")]
['security_assistance']
"""

from __future__ import annotations

from typing import Any

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
    # --- extraction ---
    "extract",
    "extract_corpus",
]

# --- render ---
from vectorgraph.render import Figure, figure  # noqa: E402

__all__ += ["Figure", "figure"]

# --- extraction ---
# ``vectorgraph.extract`` is a callable package: extract(text) -> GraphDocument. It is
# imported on first use (PEP 562), so ``vectorgraph --help`` does not compile the cue lexicon.
def __getattr__(name: str) -> Any:
    if name in ("extract", "extract_corpus"):
        import importlib

        module = importlib.import_module("vectorgraph.extract")
        return module if name == "extract" else module.extract_corpus
    raise AttributeError(f"module 'vectorgraph' has no attribute {name!r}")


# --- measures ---
from vectorgraph.measures import (centralities, centrality, structural_balance,  # noqa: E402
                                  vector_balance, vector_balances)

__all__ += ["centralities", "centrality", "structural_balance", "vector_balance",
            "vector_balances"]
