"""Eigenvector centrality and PageRank of the positive layer: networkx's, and a scipy power
iteration that gives networkx's eigenvector values with one sparse product per step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vectorgraph.errors import VectorgraphError

if TYPE_CHECKING:
    import networkx as nx

    from vectorgraph.measures.collapsing import Ties


def _spectral(
    P: nx.Graph, name: str, *, alpha: float, max_iter: int, tol: float
) -> dict[Any, float]:
    import networkx as nx

    if len(P) == 0:
        return {}
    try:
        if name == "pagerank":
            return dict(nx.pagerank(P, alpha=alpha, weight="weight", max_iter=max_iter, tol=tol))
        return dict(nx.eigenvector_centrality(P, weight="weight", max_iter=max_iter, tol=tol))
    except nx.PowerIterationFailedConvergence:
        raise VectorgraphError(
            f"{name} did not converge in {max_iter} iterations (raise max_iter or tol)"
        ) from None


def _eigenvector_fast(t: Ties, *, max_iter: int, tol: float) -> dict[Any, float]:
    """networkx's ``eigenvector_centrality`` on the positive layer, with scipy.

    ``t`` holds the collapsed pairs (or arcs, directed). The same power iteration as networkx (start 1/n, ``x <- (I + A^T) x``,
    unit length, stop when the L1 change is below ``n * tol``), one sparse
    product per step instead of a Python loop over the edges: 0.05 s instead
    of 0.4 s at 10,000 actors. The tests compare the two.
    """
    import numpy as np
    import scipy.sparse as sp

    nodes = t.nodes
    n = len(nodes)
    if n == 0:
        return {}
    src, dst, w = _positive_arcs(t)
    M = sp.csr_matrix((w, (dst, src)), shape=(n, n))  # x[target] += x[source] * w
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + M @ last
        x = x / (float(np.linalg.norm(x)) or 1.0)
        if float(np.abs(x - last).sum()) < n * tol:
            return {v: float(val) for v, val in zip(nodes, x)}
    raise VectorgraphError(
        f"eigenvector did not converge in {max_iter} iterations (raise max_iter or tol)"
    )


def _pagerank_fast(t: Ties, *, alpha: float, max_iter: int, tol: float) -> dict[Any, float]:
    """networkx's ``pagerank`` of the positive layer, read from the collapsed pairs ``t``.

    networkx's own scipy iteration (``_pagerank_scipy``: the row-normalised matrix,
    dangling actors spread uniformly, stop when the L1 change is below ``n * tol``)
    on the matrix ``to_scipy_sparse_array`` builds, entry for entry in its order, so the
    values are networkx's floats without a networkx graph built (or networkx imported:
    0.3 CPU s at 10,000 actors). The tests compare the two exactly.
    """
    import numpy as np
    import scipy.sparse as sp

    nodes = t.nodes
    n = len(nodes)
    if n == 0:
        return {}
    row, col, data = _positive_arcs(t)
    A = sp.coo_array((data, (row, col)), shape=(n, n), dtype=float).asformat("csr")
    S = A.sum(axis=1)
    S[S != 0] = 1.0 / S[S != 0]
    Q = sp.dia_array((S.T, 0), shape=A.shape).tocsr()
    A = Q @ A
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    is_dangling = np.where(S == 0)[0]
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ A + sum(x[is_dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < n * tol:
            return dict(zip(nodes, map(float, x)))
    raise VectorgraphError(
        f"pagerank did not converge in {max_iter} iterations (raise max_iter or tol)"
    )


def _positive_arcs(t: Ties) -> tuple[Any, Any, Any]:
    """The positive layer of the collapsed pairs ``t`` as arcs (sources, targets, weights):
    an undirected pair both ways, its forward arcs first, as networkx symmetrizes a matrix."""
    import numpy as np

    keep = t.positive > 0
    u, v, w = t.u[keep], t.v[keep], t.positive[keep]
    if t.directed:
        return u, v, w
    return np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
