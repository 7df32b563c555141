"""Centrality of actors: who matters in the graph.

Every measure reads the relation multigraph through
:func:`vectorgraph.measures.collapse` (one edge per pair, relation strengths
summed in a positive and a negative layer; structural ties left out unless
``include_structural=True``). Then:

==============  ==========================================================
``degree``      distinct partners (any kept tie, either direction)
``in_degree``   distinct actors with a tie into the actor (undirected
                relations count both ways)
``out_degree``  distinct actors the actor has a tie to
``strength``    summed strength of the actor's relations (positive and
                negative alike: how much the actor is dealt with)
``betweenness`` shortest-path betweenness, normalised as networkx does
``closeness``   closeness with networkx's Wasserman-Faust correction for
                disconnected graphs (directed: distances *to* the actor)
``harmonic``    sum of 1/distance from every other actor (networkx's)
``eigenvector`` eigenvector centrality of the **positive** layer (unit
                length, as networkx); negative ties would make it undefined
``pagerank``    PageRank (damping ``alpha``) of the **positive** layer
``pn``          Everett & Borgatti's PN centrality, see
                :func:`vectorgraph.measures.pn_centrality`
``signed``      signed degree in four results, ``positive``, ``negative``,
                ``net`` and ``ratio`` (partners, see
                :func:`vectorgraph.measures.signed_degree`; ratio None
                for an actor without ties)
==============  ==========================================================

A strength is not a distance. Path measures (betweenness, closeness,
harmonic) count hops by default (``distance="hops"``); ``distance="inverse"``
uses 1/strength of the pair, so strong ties are short. ``directed=True`` reads
path measures, eigenvector and PageRank on arcs (a directed relation one way,
an undirected one both ways); degree and strength never depend on it.

The default engine (``engine="fast"``) computes betweenness and the weighted
path measures with igraph, and closeness and harmonic centrality in hops from
one multi-source BFS in numpy (see :mod:`vectorgraph.measures._msbfs`);
``engine="networkx"`` runs the plain networkx functions on the same collapsed
graph and gives the same values (the tests check it). PageRank is networkx's
in both (scipy-based, 0.25 s at 10,000 actors; igraph's PRPACK stalled for up
to a second on this busy machine); eigenvector centrality runs networkx's power
iteration with one scipy product per step. A measure
that does not converge in ``max_iter`` iterations raises
:class:`~vectorgraph.VectorgraphError`.

Sampled betweenness (``samples=k``) uses ``k`` source actors drawn with
``random.Random(seed).sample`` from the sorted actors, as networkx's
``k=``/``seed=`` do, and networkx's rescaling. With ``distance="inverse"``
igraph treats path lengths equal within a relative 1e-10 as equal, where
networkx compares floats exactly; the two can differ when sums of 1/strength
almost tie.

Examples
--------
>>> from vectorgraph import load
>>> G = load().to_networkx()
>>> top = sorted(centrality(G, "degree").items(), key=lambda kv: (-kv[1], kv[0]))[:2]
>>> top
[('KAZ', 13.0), ('RUS', 5.0)]
>>> round(sum(centrality(G, "pagerank").values()), 6)
1.0
"""

from __future__ import annotations

import random
import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from vectorgraph.errors import VectorgraphError
from vectorgraph.measures.collapsing import arc_degrees, collapse, no_gc, positive_layer

if TYPE_CHECKING:
    import igraph as ig
    import networkx as nx

__all__ = ["MEASURES", "SIGNED_COLUMNS", "centralities", "centrality", "parse_measures"]

#: Every measure :func:`centrality` computes, in the order ``all`` gives them.
MEASURES: tuple[str, ...] = (
    "degree",
    "in_degree",
    "out_degree",
    "strength",
    "betweenness",
    "closeness",
    "harmonic",
    "eigenvector",
    "pagerank",
    "pn",
    "signed",
)
#: The columns the ``signed`` measure gives (see :func:`vectorgraph.measures.signed_degree`).
SIGNED_COLUMNS: tuple[str, ...] = ("positive", "negative", "net", "ratio")
#: What ``distance=`` may be: path lengths in hops, or 1/strength.
DISTANCES: tuple[str, ...] = ("hops", "inverse")
#: ``workers > 1`` starts a second process only for graphs of at least this many actors.
PARALLEL_MIN = 2000
_ENGINES = ("fast", "networkx")


def parse_measures(names: Iterable[str]) -> list[str]:
    """Measure names from user input: comma lists, ``all``; unknown names raise.

    >>> parse_measures(["pagerank,degree", "pagerank"])
    ['pagerank', 'degree']
    >>> len(parse_measures(["all"])) == len(MEASURES)
    True
    """
    out: list[str] = []
    for chunk in names:
        for name in (p.strip() for p in chunk.split(",")):
            if not name:
                continue
            picked = list(MEASURES) if name == "all" else [name]
            if name != "all" and name not in MEASURES:
                raise VectorgraphError(
                    f"unknown measure {name!r} (choose from {', '.join(MEASURES)} or all)"
                )
            out.extend(m for m in picked if m not in out)
    return out


def centrality(
    G: nx.Graph,
    measure: str = "pagerank",
    *,
    weight: str | None = "weight",
    distance: str = "hops",
    directed: bool = False,
    include_structural: bool = False,
    samples: int | None = None,
    seed: int = 0,
    alpha: float = 0.85,
    max_iter: int = 1000,
    tol: float = 1e-6,
    engine: str = "fast",
) -> dict[Any, float]:
    """One centrality measure of every actor (any of :data:`MEASURES` but ``signed``).

    Parameters
    ----------
    G : networkx graph
        The graph of :func:`vectorgraph.to_networkx` (or any networkx graph).
    measure : str
        One of :data:`MEASURES`.
    weight : str or None
        Edge attribute of a relation's strength; None counts every relation as 1.
    distance : {"hops", "inverse"}
        Path length for betweenness, closeness and harmonic: hops, or 1/strength.
    directed : bool
        Read path measures, eigenvector and PageRank on arcs.
    include_structural : bool
        Count sign-0 ties (membership, leadership ...) as positive ties.
    samples, seed : int
        Betweenness from ``samples`` sampled source actors (an estimate).
    alpha, max_iter, tol : float, int, float
        PageRank damping; iteration limits for eigenvector and PageRank.
    engine : {"fast", "networkx"}
        igraph and numpy, or plain networkx, for the path measures (the same values).

    Returns
    -------
    dict
        ``{actor: value}`` for every node of ``G``.

    Raises
    ------
    VectorgraphError
        An unknown measure or option, or an iteration that does not converge.
    """
    if measure == "signed":
        raise VectorgraphError("signed gives four results: use centralities() or signed_degree()")
    return centralities(
        G,
        [measure],
        weight=weight,
        distance=distance,
        directed=directed,
        include_structural=include_structural,
        samples=samples,
        seed=seed,
        alpha=alpha,
        max_iter=max_iter,
        tol=tol,
        engine=engine,
    )[measure]


def centralities(
    G: nx.Graph,
    measures: Sequence[str] = ("all",),
    *,
    weight: str | None = "weight",
    distance: str = "hops",
    directed: bool = False,
    include_structural: bool = False,
    samples: int | None = None,
    seed: int = 0,
    alpha: float = 0.85,
    max_iter: int = 1000,
    tol: float = 1e-6,
    engine: str = "fast",
    workers: int = 1,
) -> dict[str, dict[Any, Any]]:
    """Several measures at once: ``{measure: {actor: value}}``.

    Takes the options of :func:`centrality`; ``measures`` may hold ``"all"``
    and comma lists. The graph is collapsed once for all of them. ``signed``
    adds the keys of :data:`SIGNED_COLUMNS` instead of its own.

    ``workers=2`` computes betweenness (igraph holds the GIL for all of it) in a
    second Python process (:mod:`vectorgraph.measures._worker`) while this one
    computes the other measures, when there are
    others and at least :data:`PARALLEL_MIN` actors: on two idle cores the
    whole set then takes about as long as betweenness alone. The values are
    the same.

    >>> from vectorgraph import load
    >>> out = centralities(load().to_networkx(), ["degree", "strength"])
    >>> out["degree"]["CHN"], round(out["strength"]["CHN"], 2)
    (1.0, 0.35)
    """
    names = parse_measures(measures)
    if distance not in DISTANCES:
        raise VectorgraphError(f"unknown distance {distance!r} (choose hops or inverse)")
    if engine not in _ENGINES:
        raise VectorgraphError(f"unknown engine {engine!r} (choose fast or networkx)")
    if samples is not None and samples < 2:
        raise VectorgraphError(f"samples must be at least 2, not {samples}")
    if workers < 1:
        raise VectorgraphError(f"workers must be at least 1, not {workers}")
    H = collapse(G, weight=weight, include_structural=include_structural)
    graph = H
    if directed:
        graph = collapse(G, weight=weight, directed=True, include_structural=include_structural)
    out: dict[str, dict[Any, Any]] = {}
    cache: dict[str, Any] = {}
    background = None
    if (
        workers > 1
        and engine == "fast"
        and "betweenness" in names
        and len(names) > 1
        and len(graph) >= PARALLEL_MIN
    ):
        cache["paths"] = _path_graph(graph, distance)
        from vectorgraph.measures._worker import BackgroundBetweenness

        g, nodes, w = cache["paths"]
        background = BackgroundBetweenness(
            g.get_edgelist(), len(nodes), g.is_directed(), w, samples, seed
        )
    try:
        for name in names:
            if name == "betweenness" and background is not None:
                out[name] = {}  # filled in below, keeps the order
            elif name == "degree":
                out[name] = {v: float(d) for v, d in H.degree()}
            elif name in ("in_degree", "out_degree"):
                if "arcs" not in cache:
                    cache["arcs"] = arc_degrees(G, include_structural=include_structural)
                counts = cache["arcs"][0 if name == "in_degree" else 1]
                out[name] = {v: float(counts[v]) for v in H}
            elif name == "strength":
                out[name] = {v: float(d) for v, d in H.degree(weight="weight")}
            elif name == "pn":
                from vectorgraph.measures.signed import pn_from_collapsed

                out[name] = pn_from_collapsed(H)
            elif name == "signed":
                from vectorgraph.measures.signed import signed_from_collapsed

                table = signed_from_collapsed(H, counts=True)
                for column in SIGNED_COLUMNS:
                    out[column] = {v: getattr(d, column) for v, d in table.items()}
            elif name == "eigenvector" and engine == "fast":
                out[name] = _eigenvector_fast(graph, max_iter=max_iter, tol=tol)
            elif name in ("eigenvector", "pagerank"):
                if "positive" not in cache:
                    cache["positive"] = positive_layer(graph)
                out[name] = _spectral(
                    cache["positive"], name, alpha=alpha, max_iter=max_iter, tol=tol
                )
            elif engine == "networkx":
                out[name] = _paths_nx(
                    graph, name, inverse=distance == "inverse", samples=samples, seed=seed
                )
            elif name in ("closeness", "harmonic") and distance == "hops":
                if "hops" not in cache:
                    cache["hops"] = _hops(graph)
                out[name] = cache["hops"][name]
            else:
                if "paths" not in cache:
                    cache["paths"] = _path_graph(graph, distance)
                out[name] = _paths_ig(cache["paths"], name, samples=samples, seed=seed)
    except BaseException:
        if background is not None:
            background.cancel()
        raise
    if background is not None:
        out["betweenness"] = dict(zip(cache["paths"][1], background.result()))
    return out


# --- networkx engine -------------------------------------------------------------------------


def _paths_nx(
    H: nx.Graph, name: str, *, inverse: bool, samples: int | None, seed: int
) -> dict[Any, float]:
    import networkx as nx

    dist = None
    if inverse:
        H = H.copy()
        for _, _, d in H.edges(data=True):
            d["distance"] = 1.0 / d["weight"]
        dist = "distance"
    if name == "betweenness":
        k = samples if samples is not None and samples < len(H) else None
        return dict(nx.betweenness_centrality(H, k=k, seed=random.Random(seed), weight=dist))
    if name == "closeness":
        return dict(nx.closeness_centrality(H, distance=dist))
    return {v: float(x) for v, x in nx.harmonic_centrality(H, distance=dist).items()}


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


# --- fast engine: igraph, and numpy for closeness and harmonic in hops -----------------------


def _hops(H: nx.Graph) -> dict[str, dict[Any, float]]:
    """Closeness (networkx's Wasserman-Faust form) and harmonic centrality in hops."""
    import numpy as np
    import scipy.sparse as sp

    from vectorgraph.measures._msbfs import hop_distance_sums

    nodes = list(H)
    n = len(nodes)
    if n == 0:
        return {"closeness": {}, "harmonic": {}}
    index = {v: i for i, v in enumerate(nodes)}
    src = np.array([index[u] for u, _ in H.edges()], dtype=np.int64)
    dst = np.array([index[v] for _, v in H.edges()], dtype=np.int64)
    if not H.is_directed():
        src, dst = np.concatenate([src, dst]), np.concatenate([dst, src])
    # row v: the actors with an arc into v
    A = sp.csr_matrix((np.ones(len(src), dtype=np.int8), (dst, src)), shape=(n, n))
    reach, total, harmonic = hop_distance_sums(A.indptr, A.indices)
    closeness = {}
    for v, r, t in zip(nodes, reach.tolist(), total.tolist()):
        closeness[v] = r / t * r / (n - 1) if r else 0.0
    return {
        "closeness": closeness,
        "harmonic": {v: float(h) for v, h in zip(nodes, harmonic.tolist())},
    }


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


def _path_graph(H: nx.Graph, distance: str) -> tuple[ig.Graph, list[Any], list[float] | None]:
    """igraph for path measures: unweighted in hops, else lengths 1/strength."""
    if distance == "inverse":
        return _to_igraph(H, "weight", lambda x: 1.0 / x)
    return _to_igraph(H)


def _to_igraph(
    H: nx.Graph, attr: str | None = None, transform: Any = None
) -> tuple[ig.Graph, list[Any], list[float] | None]:
    """The collapsed graph as igraph (vertex i is ``nodes[i]``) and its edge weights."""
    import igraph as ig

    with no_gc():
        nodes = list(H)
        index = {v: i for i, v in enumerate(nodes)}
        data = list(H.edges(data=True))
        g = ig.Graph(
            n=len(nodes), edges=[(index[u], index[v]) for u, v, _ in data], directed=H.is_directed()
        )
        weights = None
        if attr is not None:
            weights = [d[attr] for _, _, d in data]
            if transform is not None:
                weights = [transform(w) for w in weights]
    return g, nodes, weights


def _paths_ig(
    converted: tuple[ig.Graph, list[Any], list[float] | None],
    name: str,
    *,
    samples: int | None,
    seed: int,
) -> dict[Any, float]:
    g, nodes, w = converted
    n = len(nodes)
    directed = g.is_directed()
    mode = "in" if directed else "all"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if name == "betweenness":
            return _betweenness_ig(g, nodes, w, directed, samples, seed)
        if name == "harmonic":
            values = g.harmonic_centrality(mode=mode, weights=w, normalized=False)
            return {v: float(x) for v, x in zip(nodes, values)}
        raw = g.closeness(mode=mode, weights=w, normalized=False)
    reach = _reach_counts(g, directed)
    out = {}
    for v, x, r in zip(nodes, raw, reach):
        # igraph: 1 / (sum of distances to reachable actors); networkx scales
        # (r / sum) by r / (n - 1), r = number of actors that reach v
        out[v] = 0.0 if r == 0 or x != x else x * r * r / (n - 1)
    return out


def _betweenness_ig(
    g: ig.Graph,
    nodes: list[Any],
    w: list[float] | None,
    directed: bool,
    samples: int | None,
    seed: int,
) -> dict[Any, float]:
    n = len(nodes)
    if samples is None or samples >= n:
        raw = g.betweenness(directed=directed, weights=w) if directed else _without_leaves(g, w)
        # igraph counts unordered pairs on undirected graphs: networkx's
        # normalisation divides ordered pairs by (n-1)(n-2)
        scale = (1.0 if directed else 2.0) / ((n - 1) * (n - 2)) if n > 2 else 1.0
        return {v: x * scale for v, x in zip(nodes, raw)}
    picked = random.Random(seed).sample(nodes, samples)
    index = {v: i for i, v in enumerate(nodes)}
    raw = g.betweenness(directed=directed, weights=w, sources=[index[v] for v in picked])
    factor = 1.0 if directed else 2.0
    sources = set(picked)
    # networkx's rescaling of sampled betweenness without endpoints
    out = {}
    for v, x in zip(nodes, raw):
        k = samples - 1 if v in sources else samples
        out[v] = x * factor / (k * (n - 2))
    return out


def _without_leaves(g: ig.Graph, w: list[float] | None) -> list[float]:
    """Exact undirected betweenness (igraph's scale) without a search from every leaf.

    Every path from a leaf (an actor with one partner p, which has others)
    runs through p and continues as p's own paths do, so the leaf's
    dependencies equal p's everywhere but at p, where they are the size of
    the component minus 2. Betweenness is a sum over sources: searching from
    p with multiplicity 1 + (its leaves) and adding the leaves' share at p
    gives the same values with a fifth fewer searches on the generated
    10,000-actor graph. igraph's ``sources=`` sums over chosen sources.
    """
    degree = g.degree()
    leaves = [0] * g.vcount()
    is_leaf = [False] * g.vcount()
    for v in range(g.vcount()):
        if degree[v] == 1:
            (p,) = g.neighbors(v)
            if degree[p] > 1:
                is_leaf[v] = True
                leaves[p] += 1
    if not any(is_leaf):
        return list(g.betweenness(directed=False, weights=w))
    groups: dict[int, list[int]] = {}
    for v in range(g.vcount()):
        if not is_leaf[v] and degree[v] > 0:
            groups.setdefault(1 + leaves[v], []).append(v)
    total = [0.0] * g.vcount()
    for mult, sources in sorted(groups.items()):
        part = g.betweenness(directed=False, weights=w, sources=sources)
        for v, x in enumerate(part):
            total[v] += mult * x
    comps = g.connected_components()
    sizes = comps.sizes()
    for p, k in enumerate(leaves):
        if k:
            # each leaf's paths to the rest of its component pass p (unordered: half)
            total[p] += k * (sizes[comps.membership[p]] - 2) / 2
    return total


def _reach_counts(g: ig.Graph, directed: bool) -> list[int]:
    """For every vertex, how many other vertices have a path to it."""
    if not directed:
        comps = g.connected_components()
        sizes = comps.sizes()
        return [sizes[c] - 1 for c in comps.membership]
    # ancestors as bit sets over the condensation, in topological order
    comps = g.connected_components(mode="strong")
    dag = comps.cluster_graph()
    bits = [0] * len(comps)
    for c, members in enumerate(comps):
        for v in members:
            bits[c] |= 1 << v
    for c in dag.topological_sorting(mode="out"):
        for p in dag.predecessors(c):
            bits[c] |= bits[p]
    return [bits[c].bit_count() - 1 for c in comps.membership]
