"""Measures of the graph: centrality, signed ties, multi-vector balance, structural balance.

They look like networkx functions: the graph first (the
:class:`networkx.MultiDiGraph` of :func:`vectorgraph.to_networkx`), ``weight=``
by attribute name, results as ``{actor: value}`` or small frozen dataclasses.
Every measure reads the relation multigraph through :func:`collapse`, whose
docstring gives the rule that combines parallel relations.

>>> from vectorgraph import load
>>> from vectorgraph.measures import centrality
>>> pr = centrality(load().to_networkx(), "pagerank")
>>> max(pr, key=pr.get)
'KAZ'
"""

from __future__ import annotations

from vectorgraph.measures.balance import (
    Balance,
    Frustration,
    Triad,
    frustration_index,
    signed_graph,
    structural_balance,
)
from vectorgraph.measures.centrality import (
    CENTRALITY_MEASURES,
    DISTANCES,
    PATH_MEASURES,
    SIGNED_COLUMNS,
    Ahead,
    centralities,
    centrality,
    parse_measures,
    searches_ahead,
)
from vectorgraph.measures.collapsing import collapse
from vectorgraph.measures.signed import SignedDegree, pn_centrality, signed_degree
from vectorgraph.measures.vectors import (
    DEFAULT_FOCAL,
    DEFAULT_POLES,
    PoleTies,
    VectorBalance,
    pole_members,
    vector_balance,
    vector_balances,
)

__all__ = [
    "CENTRALITY_MEASURES",
    "DEFAULT_FOCAL",
    "DEFAULT_POLES",
    "DISTANCES",
    "PATH_MEASURES",
    "SIGNED_COLUMNS",
    "Ahead",
    "Balance",
    "Frustration",
    "PoleTies",
    "SignedDegree",
    "Triad",
    "VectorBalance",
    "centralities",
    "centrality",
    "collapse",
    "frustration_index",
    "parse_measures",
    "pn_centrality",
    "pole_members",
    "searches_ahead",
    "signed_degree",
    "signed_graph",
    "structural_balance",
    "vector_balance",
    "vector_balances",
]
