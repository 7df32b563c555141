"""Measures of signed ties: signed degree and PN centrality.

Both read the positive and negative layers of
:func:`vectorgraph.measures.collapse` on the undirected view: a pair with
cooperative *and* conflictual relations (Kazakhstan and Russia) counts in both
layers. Structural ties join the positive layer only with
``include_structural=True``.

Examples
--------
>>> from vectorgraph import load
>>> G = load().to_networkx()
>>> signed_degree(G)["RUS"]
SignedDegree(positive=1.0, negative=5.0, net=-4.0, ratio=0.16666666666666666)
>>> d = signed_degree(G, weight="weight")["RUS"]
>>> round(d.positive, 2), round(d.negative, 2)
(3.91, 3.4)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from vectorgraph.errors import VectorgraphError
from vectorgraph.measures.collapsing import Ties, relation_arrays, ties

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "SignedDegree",
    "pn_centrality",
    "pn_of_ties",
    "signed_degree",
    "signed_of_ties",
]

#: Up to this many actors PN centrality is solved densely (exact, detects a
#: singular system); beyond it with conjugate gradients on a sparse matrix.
DENSE_LIMIT = 500


@dataclass(frozen=True, kw_only=True, slots=True)
class SignedDegree:
    """An actor's positive and negative ties, their difference and the positive share.

    ``ratio`` is ``positive / (positive + negative)``, None for an actor without ties.
    """

    positive: float
    negative: float
    net: float
    ratio: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def signed_degree(
    G: nx.Graph, *, weight: str | None = None, include_structural: bool = False
) -> dict[Any, SignedDegree]:
    """Positive, negative, net (positive - negative) and ratio for every actor.

    With ``weight=None`` (the default) the counts are partners: the number of
    actors the actor has a positive (negative) tie with. With a weight
    attribute they are the summed strengths of its positive (negative)
    relations.
    """
    t = ties(relation_arrays(G, weight=weight, include_structural=include_structural), False)
    table = signed_of_ties(t, counts=weight is None)
    return {
        v: SignedDegree(positive=pos, negative=neg, net=net, ratio=ratio)
        for v, pos, neg, net, ratio in zip(t.nodes, *table)
    }


def signed_of_ties(
    t: Ties, *, counts: bool
) -> tuple[list[float], list[float], list[float], list[float | None]]:
    """Signed degree of collapsed pairs (undirected), per node in the order of ``t.nodes``:
    the lists of ``positive``, ``negative``, ``net`` and ``ratio`` (partners, or with
    ``counts=False`` summed strengths, added partner by partner)."""
    if counts:
        pos = t.partners(t.positive > 0).astype(float)
        neg = t.partners(t.negative > 0).astype(float)
    else:
        pos, neg = t.row_sums(t.positive), t.row_sums(t.negative)
    total = (pos + neg).tolist()
    positive = pos.tolist()
    ratio = [p / s if s else None for p, s in zip(positive, total)]
    return positive, neg.tolist(), (pos - neg).tolist(), ratio


def pn_centrality(G: nx.Graph, *, include_structural: bool = False) -> dict[Any, float]:
    """Everett & Borgatti's PN centrality (Social Networks 2014).

    With ``P`` and ``N`` the 0/1 adjacency matrices of the positive and the
    negative layer (undirected) and ``A = P - 2N``,
    ``PN = (I - A / (2n - 2))^-1 1``. Values above 1 mark actors with many
    positive ties to well-placed actors; below 1, negative ties. A pair with
    both kinds of relation is in both layers (``A = -1``). A single actor
    scores 1. Up to :data:`DENSE_LIMIT` actors the system is solved densely;
    beyond, by conjugate gradients on a sparse matrix (it is symmetric and
    positive definite when it is not singular).

    Raises
    ------
    VectorgraphError
        When ``I - A / (2n - 2)`` is singular (two actors with only a negative tie).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", sign=1); G.add_edge("b", "c", sign=-1)
    >>> {k: round(v, 4) for k, v in pn_centrality(G).items()}
    {'a': 1.2727, 'b': 1.0909, 'c': 0.4545}
    """
    arrays = relation_arrays(G, weight=None, include_structural=include_structural)
    return pn_of_ties(ties(arrays, False))


def pn_of_ties(t: Ties) -> dict[Any, float]:
    """PN centrality of collapsed pairs (undirected)."""
    import numpy as np
    import scipy.sparse as sp

    nodes = t.nodes
    n = len(nodes)
    if n <= 1:
        return {v: 1.0 for v in nodes}
    a = (t.positive > 0).astype(np.float64) - 2.0 * (t.negative > 0)
    keep = a != 0
    u, v, a = t.u[keep], t.v[keep], a[keep]
    rows = np.column_stack([u, v]).ravel()  # each pair both ways, one after the other
    cols = np.column_stack([v, u]).ravel()
    A = sp.csr_matrix((np.repeat(a, 2), (rows, cols)), shape=(n, n))
    M = sp.identity(n, format="csr") - A / (2 * n - 2)
    ones = np.ones(n)
    if n <= DENSE_LIMIT:
        try:
            x = np.linalg.solve(M.toarray(), ones)
        except np.linalg.LinAlgError:
            raise VectorgraphError(
                "PN centrality is undefined here: I - A/(2n-2) is singular "
                "(for example two actors with only a negative tie)"
            ) from None
    else:
        from scipy.sparse.linalg import cg

        try:
            x, info = cg(M, ones, rtol=1e-12, maxiter=10 * n)
        except TypeError:  # scipy < 1.12 calls it tol
            x, info = cg(M, ones, tol=1e-12, maxiter=10 * n)
        if info != 0:
            raise VectorgraphError(
                f"PN centrality: the sparse solver did not converge (code {info})"
            )
    return {v: float(val) for v, val in zip(nodes, x)}
