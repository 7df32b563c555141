"""Structural balance of the signed graph: triangles and the frustration index.

Heider's balance: a triangle is balanced when the product of its signs is
positive (``+++``: friends of friends; ``+--``: the enemy of my enemy) and
unbalanced otherwise (``++-``, ``---``).

**One sign per pair.** :func:`signed_graph` reads the relations through
:func:`vectorgraph.measures.collapse` (undirected; structural ties only with
``include_structural=True``, as positive) and gives each pair the sign of its
net strength, ``positive - negative``: Russia and Kazakhstan, partners who
also keep some distance, are a positive pair. A pair whose positive and
negative strength are equal (:func:`vectorgraph.ties.net_sign` is 0) is
ambivalent and left out (counted in ``ambivalent``). With ``weight=None`` the net is the count of relations.

**Frustration index** (Aref, Mason & Wilson 2020): the fewest edges whose sign
change (or removal) makes the graph balanced, i.e. the minimum over all
two-camp splits of the edges that disagree with the split (a positive edge
across camps, a negative edge inside one). Every cycle lies inside one
biconnected block, so the index is the sum over blocks (networkx's
``biconnected_components``). A block of at most ``exact_limit`` actors is solved
exactly by trying every split; a larger one by local search (single-actor moves
from a spectral start and ``restarts`` seeded random starts), which gives an
upper bound, reported with a lower bound from edge-disjoint unbalanced
triangles and ``exact=False``.

Examples
--------
>>> from vectorgraph import load
>>> b = structural_balance(load().to_networkx())
>>> b.triangles, b.counts, b.ratio
(3, {'+++': 0, '++-': 3, '+--': 0, '---': 0}, 0.0)
>>> [t.actors for t in b.unbalanced]
[('EMERSON', 'KAZ', 'RUS'), ('HONEYWELL', 'KAZ', 'RUS'), ('KAZ', 'RUS', 'WEST')]
>>> b.frustration.value, b.frustration.exact, b.frustration.edges
(1, True, (('KAZ', 'RUS'),))
"""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from vectorgraph.errors import ArgumentError
from vectorgraph.measures.collapsing import collapse
from vectorgraph.ties import pair, sign_text

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Balance",
    "Frustration",
    "Triad",
    "frustration_index",
    "signed_graph",
    "structural_balance",
]

_KINDS = ("+++", "++-", "+--", "---")
#: The largest block :func:`frustration_index` may solve exactly (2^23 splits, ~100 MB).
EXACT_MAX = 24


@dataclass(frozen=True, kw_only=True, slots=True)
class Triad:
    """A signed triangle: its actors (sorted) and the signs of its three edges."""

    actors: tuple[Any, Any, Any]
    edges: tuple[tuple[Any, Any, int], ...]

    @property
    def kind(self) -> str:
        return _KINDS[sum(1 for *_, s in self.edges if s < 0)]

    @property
    def balanced(self) -> bool:
        return self.kind in ("+++", "+--")

    def to_dict(self) -> dict[str, Any]:
        return {
            "actors": list(self.actors),
            "kind": self.kind,
            "balanced": self.balanced,
            "edges": [{"source": u, "target": v, "sign": s} for u, v, s in self.edges],
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Frustration:
    """The frustration index: ``value`` edges (exact, or an upper bound) and a lower bound.

    ``edges`` are the pairs whose sign change balances the graph in the best
    split found; ``camps`` that split (0 or 1 per actor with a signed tie).
    """

    value: int
    exact: bool
    lower_bound: int
    edges: tuple[tuple[Any, Any], ...]
    camps: dict[Any, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "exact": self.exact,
            "lower_bound": self.lower_bound,
            "edges": [list(e) for e in self.edges],
            "camps": {str(k): v for k, v in sorted(self.camps.items(), key=lambda kv: str(kv[0]))},
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Balance:
    """Triangle balance, the unbalanced triads and the frustration index."""

    triangles: int
    counts: dict[str, int]
    ratio: float | None
    unbalanced: tuple[Triad, ...]
    ambivalent: int
    frustration: Frustration | None

    @property
    def balanced(self) -> int:
        return self.counts["+++"] + self.counts["+--"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "triangles": self.triangles,
            "balanced": self.balanced,
            "ratio": self.ratio,
            "counts": dict(self.counts),
            "ambivalent": self.ambivalent,
            "unbalanced": [t.to_dict() for t in self.unbalanced],
            "frustration": None if self.frustration is None else self.frustration.to_dict(),
        }

    #: The columns of :meth:`rows`: one unbalanced triad per row.
    COLUMNS = ("a", "b", "c", "kind", "edges")

    def rows(self) -> list[dict[str, Any]]:
        """The unbalanced triads, one row each (see :attr:`COLUMNS`)."""
        return [
            {
                "a": t.actors[0],
                "b": t.actors[1],
                "c": t.actors[2],
                "kind": t.kind,
                "edges": " ".join(f"{u}{sign_text(s)}{v}" for u, v, s in t.edges),
            }
            for t in self.unbalanced
        ]

    def _repr_html_(self) -> str:
        from vectorgraph.measures.display import html_table

        ratio = "undefined" if self.ratio is None else f"{self.ratio:.3f}"
        caption = f"{self.triangles} signed triangles, balanced ratio {ratio}; unbalanced triads:"
        return html_table(self.rows(), self.COLUMNS, caption=caption)

    def to_pandas(self) -> Any:
        """The unbalanced triads as a :class:`pandas.DataFrame` (needs pandas)."""
        from vectorgraph.measures.display import data_frame

        return data_frame(self.rows(), self.COLUMNS)


def signed_graph(
    G: nx.Graph, *, weight: str | None = "weight", include_structural: bool = False
) -> tuple[nx.Graph, int]:
    """The undirected signed graph (edge attribute ``sign``, +1 or -1) and the
    number of ambivalent pairs left out."""
    H = collapse(G, weight=weight, include_structural=include_structural)
    ambivalent = [(u, v) for u, v, s in H.edges(data="sign") if s == 0]
    H.remove_edges_from(ambivalent)
    return H, len(ambivalent)


def _triads(S: nx.Graph) -> list[Triad]:
    import igraph as ig

    nodes = list(S)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in S.edges()])
    out = []
    for tri in g.list_triangles():
        a, b, c = sorted((nodes[i] for i in tri), key=str)
        out.append(
            Triad(
                actors=(a, b, c),
                edges=((a, b, S[a][b]["sign"]), (a, c, S[a][c]["sign"]), (b, c, S[b][c]["sign"])),
            )
        )
    return sorted(out, key=lambda t: tuple(map(str, t.actors)))


def structural_balance(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    include_structural: bool = False,
    frustration: bool = True,
    exact_limit: int = 20,
    restarts: int = 4,
    seed: int = 0,
) -> Balance:
    """Triangle balance, the unbalanced triads and (optionally) the frustration index.

    Parameters
    ----------
    G : networkx graph
        The graph of :func:`vectorgraph.to_networkx` (or any networkx graph).
    weight : str or None
        Strength attribute deciding a pair's net sign; None counts relations.
    include_structural : bool
        Count structural ties as positive.
    frustration : bool
        Compute the frustration index too.
    exact_limit, restarts, seed : int
        See :func:`frustration_index`.

    Returns
    -------
    Balance
        ``ratio`` is ``(T+++ + T+--) / T``, None without triangles.
    """
    S, ambivalent = signed_graph(G, weight=weight, include_structural=include_structural)
    triads = _triads(S)
    counts = dict.fromkeys(_KINDS, 0)
    for t in triads:
        counts[t.kind] += 1
    n = len(triads)
    frus = (
        frustration_index(
            S, exact_limit=exact_limit, restarts=restarts, seed=seed, _signed=True, _triads=triads
        )
        if frustration
        else None
    )
    return Balance(
        triangles=n,
        counts=counts,
        ratio=(counts["+++"] + counts["+--"]) / n if n else None,
        unbalanced=tuple(t for t in triads if not t.balanced),
        ambivalent=ambivalent,
        frustration=frus,
    )


def frustration_index(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    include_structural: bool = False,
    exact_limit: int = 20,
    restarts: int = 4,
    seed: int = 0,
    _signed: bool = False,
    _triads: list[Triad] | None = None,
) -> Frustration:
    """The fewest sign changes that balance the graph (see the module docstring).

    Blocks of at most ``exact_limit`` actors are solved exactly (2^(k-1)
    splits each); larger ones by local search from a spectral start and
    ``restarts`` random starts seeded with ``seed``.

    >>> import networkx as nx
    >>> T = nx.Graph()
    >>> T.add_edge("a", "b", sign=-1); T.add_edge("b", "c", sign=-1); T.add_edge("a", "c", sign=-1)
    >>> f = frustration_index(T)
    >>> f.value, f.exact, f.edges
    (1, True, (('a', 'c'),))
    """
    import networkx as nx

    if exact_limit > EXACT_MAX:
        raise ArgumentError(
            f"exact_limit {exact_limit} is too large: a block of k actors "
            f"takes 2^(k-1) splits (at most {EXACT_MAX})"
        )
    S = G if _signed else signed_graph(G, weight=weight, include_structural=include_structural)[0]
    blocks = sorted(
        (sorted(b, key=str) for b in nx.biconnected_components(S)),
        key=lambda b: [str(x) for x in b],
    )
    splits = []
    exact = True
    for block in blocks:
        sub = S.subgraph(block)
        if len(block) <= exact_limit:
            splits.append(_exact_split(sub, block))
        else:
            splits.append(_search_split(sub, block, restarts, seed))
            exact = False
    camps = _join(blocks, splits)
    for v in S:
        if v not in camps and S.degree(v):
            camps[v] = 0
    bad = tuple(
        sorted(
            (pair(u, v) for u, v, s in S.edges(data="sign") if _frustrated(camps, u, v, s)),
            key=lambda e: (str(e[0]), str(e[1])),
        )
    )
    triads = _triads if _triads is not None else _triads_of(S)
    lower = len(bad) if exact else _triangle_packing(triads)
    return Frustration(value=len(bad), exact=exact, lower_bound=lower, edges=bad, camps=camps)


def _triads_of(S: nx.Graph) -> list[Triad]:
    return _triads(S)


def _frustrated(camps: dict[Any, int], u: Any, v: Any, sign: int) -> bool:
    return (camps[u] == camps[v]) != (sign > 0)


def _join(blocks: list[list[Any]], splits: list[dict[Any, int]]) -> dict[Any, int]:
    """One camp per actor from the blocks' own splits.

    Blocks meet only at cut vertices and form a tree: walking it from block to
    block, each new block shares one placed actor and is flipped to agree with it.
    """
    by_vertex: dict[Any, list[int]] = {}
    for b, block in enumerate(blocks):
        for v in block:
            by_vertex.setdefault(v, []).append(b)
    camps: dict[Any, int] = {}
    done = [False] * len(blocks)
    for root in range(len(blocks)):
        if done[root]:
            continue
        done[root] = True
        camps.update(splits[root])
        queue = [root]
        while queue:
            b = queue.pop()
            for v in blocks[b]:
                for nb in by_vertex[v]:
                    if done[nb]:
                        continue
                    done[nb] = True
                    flip = splits[nb][v] != camps[v]
                    for w, c in splits[nb].items():
                        camps.setdefault(w, 1 - c if flip else c)
                    queue.append(nb)
    return camps


def _exact_split(sub: nx.Graph, block: list[Any]) -> dict[Any, int]:
    import numpy as np

    k = len(block)
    index = {v: i for i, v in enumerate(block)}
    # the first actor stays in camp 0: 2^(k-1) splits
    codes = np.arange(1 << (k - 1), dtype=np.int64) << 1
    bad = np.zeros(len(codes), dtype=np.int32)
    for u, v, s in sub.edges(data="sign"):
        differ = ((codes >> index[u]) ^ (codes >> index[v])) & 1
        bad += differ if s > 0 else 1 - differ
    best = int(codes[int(np.argmin(bad))])
    return {v: (best >> index[v]) & 1 for v in block}


def _search_split(sub: nx.Graph, block: list[Any], restarts: int, seed: int) -> dict[Any, int]:
    import numpy as np
    import scipy.sparse as sp
    from scipy.sparse.linalg import ArpackError, eigsh

    index = {v: i for i, v in enumerate(block)}
    n = len(block)
    nbrs: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    rows, cols, vals = [], [], []
    for u, v, s in sub.edges(data="sign"):
        i, j = index[u], index[v]
        nbrs[i].append((j, s))
        nbrs[j].append((i, s))
        rows += [i, j]
        cols += [j, i]
        vals += [float(s), float(s)]
    starts: list[list[int]] = []
    # the spectral start is only a hint: without it (ARPACK did not converge) the random starts do
    with contextlib.suppress(ArpackError):
        A = sp.csr_matrix((vals, (rows, cols)), shape=(n, n))
        _, vec = eigsh(A, k=1, which="LA", v0=np.ones(n))
        starts.append([int(x < 0) for x in vec[:, 0]])
    rng = random.Random(seed)
    starts += [[rng.randint(0, 1) for _ in range(n)] for _ in range(restarts)]
    best, best_bad = starts[0], None
    for camp in starts:
        _local_search(camp, nbrs)
        bad = sum(
            1 for i in range(n) for j, s in nbrs[i] if i < j and (camp[i] == camp[j]) != (s > 0)
        )
        if best_bad is None or bad < best_bad:
            best, best_bad = camp, bad
    return {v: best[index[v]] for v in block}


def _local_search(camp: list[int], nbrs: list[list[tuple[int, int]]]) -> None:
    """Move single actors to the other camp while that lowers the frustrated edges."""
    improved = True
    while improved:
        improved = False
        for i, ties in enumerate(nbrs):
            ci = camp[i]
            gain = 0
            for j, s in ties:
                gain += 1 if (ci == camp[j]) != (s > 0) else -1
            if gain > 0:
                camp[i] = 1 - ci
                improved = True


def _triangle_packing(triads: list[Triad]) -> int:
    """Edge-disjoint unbalanced triangles, greedily: each needs one change of its own."""
    used: set[tuple[Any, Any]] = set()
    count = 0
    for t in triads:
        if t.balanced:
            continue
        edges = [(u, v) for u, v, _ in t.edges]
        if not any(e in used for e in edges):
            used.update(edges)
            count += 1
    return count
