"""Eigenvector centrality and PageRank of the positive layer: networkx's, and a scipy power
iteration that gives networkx's eigenvector values with one sparse product per step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vectorgraph.errors import VectorgraphError

if TYPE_CHECKING:
    import networkx as nx


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


def _eigenvector_fast(H: nx.Graph, *, max_iter: int, tol: float) -> dict[Any, float]:
    """networkx's ``eigenvector_centrality`` on the positive layer, with scipy.

    The same power iteration as networkx (start 1/n, ``x <- (I + A^T) x``,
    unit length, stop when the L1 change is below ``n * tol``), one sparse
    product per step instead of a Python loop over the edges: 0.05 s instead
    of 0.4 s at 10,000 actors. The tests compare the two.
    """
    import numpy as np
    import scipy.sparse as sp

    nodes = list(H)
    n = len(nodes)
    if n == 0:
        return {}
    index = {v: i for i, v in enumerate(nodes)}
    ties = [
        (index[u], index[v], d["positive"]) for u, v, d in H.edges(data=True) if d["positive"] > 0
    ]
    src = np.array([t[0] for t in ties], dtype=np.int64)
    dst = np.array([t[1] for t in ties], dtype=np.int64)
    w = np.array([t[2] for t in ties], dtype=np.float64)
    if not H.is_directed():
        src, dst, w = np.concatenate([src, dst]), np.concatenate([dst, src]), np.concatenate([w, w])
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
