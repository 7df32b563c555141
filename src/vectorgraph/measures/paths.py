"""The path measures (betweenness, closeness, harmonic) of the fast engine, as jobs of tasks.

A :class:`_Job` is a measure (or several, from the same searches) split into
tasks over chunks of actors, which :mod:`vectorgraph.measures._worker` runs
here, on threads or in child processes; its ``finish`` adds the tasks' results
**in task order** into ``{actor: value}``, so the values are the same floats
however the tasks were shared out. Betweenness in hops runs the compiled
searches of :mod:`vectorgraph.measures._brandes` (closeness and harmonic
centrality come from the same searches), or igraph without numba; closeness
and harmonic centrality alone in hops run the multi-source BFS of
:mod:`vectorgraph.measures._msbfs`, weighted ones igraph. The networkx engine's
path measures and the collapsed graph as igraph are here too.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import igraph as ig
    import networkx as nx

    from vectorgraph.measures.runs import _Run

#: A multi-source BFS of 512 sources costs about as much as this many single searches.
_HOP_BATCH_COST = 100.0


@dataclass(frozen=True)
class _Job:
    """Path measures as tasks: ``finish`` turns the tasks' results, in order, into values."""

    measures: tuple[str, ...]
    tasks: list[tuple[str, Any]]
    costs: list[float]
    finish: Callable[[list[Any]], dict[str, dict[Any, float]]]


def _chunks(items: Sequence[int], size: int) -> list[list[int]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _searches(engine: str, distance: str) -> bool:
    """Whether betweenness runs the compiled searches of :mod:`~vectorgraph.measures._brandes`
    (the fast engine in hops, with numba installed) rather than igraph."""
    from vectorgraph.measures._brandes import available

    return engine == "fast" and distance == "hops" and available()


def _betweenness_job(run: _Run, also: tuple[str, ...], size: int) -> _Job:
    """Betweenness as a sum over chunks of sources (see :func:`_leaf_sources`).

    With the compiled searches, the exact run also gives the measures of
    ``also`` (closeness, harmonic) from the same searches: each source's reach
    and distances are its own closeness and harmonic sums (directed: the
    searches run against the arcs, from every actor with an arc in, which
    gives the distances *to* it and the same betweenness).
    """
    import numpy as np

    search = _searches(run.engine, run.distance)
    nodes, indptr, indices = run.in_arcs
    n = len(nodes)
    directed = run.directed
    samples = run.samples
    extra = parent = None
    rows = "in"
    if samples is None or samples >= n:
        if directed:
            if search:  # against the arcs: betweenness is a sum over ordered pairs either way
                has = np.diff(indptr) > 0
            else:
                has = np.array(run.paths[0].outdegree(), dtype=np.int64) > 0
            groups = [(1, np.flatnonzero(has).tolist())]
        else:
            groups, extra, parent = _leaf_sources(indptr, indices)
        # igraph counts unordered pairs on undirected graphs: networkx's
        # normalisation divides ordered pairs by (n-1)(n-2)
        scale = np.full(n, (1.0 if directed else 2.0) / ((n - 1) * (n - 2)) if n > 2 else 1.0)
    else:
        also = ()
        rows = "out"
        picked = random.Random(run.seed).sample(nodes, samples)
        index = {v: i for i, v in enumerate(nodes)}
        groups = [(1, [index[v] for v in picked])]
        # networkx's rescaling of sampled betweenness without endpoints
        chosen = np.zeros(n, dtype=bool)
        chosen[[index[v] for v in picked]] = True
        k = np.where(chosen, samples - 1, samples)
        scale = (1.0 if directed else 2.0) / (k * (n - 2)) if n > 2 else np.ones(n)
    plan = [(mult, chunk) for mult, sources in groups for chunk in _chunks(sources, size)]
    # the searches count ordered pairs; igraph, on undirected graphs, unordered ones
    half = 0.5 if search and not directed else 1.0

    def finish(results: list[Any]) -> dict[str, dict[Any, float]]:
        total = np.zeros(n) if extra is None else extra()
        for (mult, _), part in zip(plan, results):
            total += (mult * half) * (part[0] if search else part)
        out = {"betweenness": dict(zip(nodes, (total * scale).tolist()))}
        if also:
            out.update(_distance_measures(n, nodes, plan, results, parent, also))
        return out

    if search:
        tasks: list[tuple[str, Any]] = [("search", (rows, chunk)) for _, chunk in plan]
    else:
        tasks = [("betweenness", chunk) for _, chunk in plan]
    return _Job(("betweenness", *also), tasks, [float(len(chunk)) for _, chunk in plan], finish)


def _distance_measures(
    n: int,
    nodes: list[Any],
    plan: list[tuple[int, list[int]]],
    results: list[Any],
    parent: Any,
    measures: tuple[str, ...],
) -> dict[str, dict[Any, float]]:
    """Closeness and harmonic centrality from the searches' per-source sums.

    A leaf ``l`` of ``p`` (see :func:`_leaf_sources`) is not searched from: it
    reaches what ``p`` reaches, each one hop further but ``p`` itself, so its
    summed distance is ``p``'s plus ``reach - 1`` and its harmonic sum is
    ``p``'s sum of 1/(distance + 1), less the 1/2 of ``l`` itself, plus 1 for
    ``p``.
    """
    import numpy as np

    reach = np.zeros(n, dtype=np.int64)
    total = np.zeros(n, dtype=np.int64)
    harmonic = np.zeros(n)
    shifted = np.zeros(n)
    for (_, chunk), part in zip(plan, results):
        at = np.asarray(chunk, dtype=np.int64)
        reach[at], total[at], harmonic[at], shifted[at] = part[1], part[2], part[3], part[4]
    if parent is not None:
        leaf = np.flatnonzero(parent >= 0)
        p = parent[leaf]
        reach[leaf] = reach[p]
        total[leaf] = total[p] + reach[p] - 1
        harmonic[leaf] = shifted[p] + 0.5
    values: dict[str, dict[Any, float]] = {"closeness": {}, "harmonic": {}}
    for v, r, t in zip(nodes, reach.tolist(), total.tolist()):
        values["closeness"][v] = r / t * r / (n - 1) if r else 0.0
    values["harmonic"] = dict(zip(nodes, harmonic.tolist()))
    return {m: values[m] for m in measures}


def _hops_job(run: _Run, measures: tuple[str, ...]) -> _Job:
    """Closeness (networkx's Wasserman-Faust form) and harmonic centrality in hops."""
    from vectorgraph.measures._msbfs import add_hop_batches, batches

    nodes = run.in_arcs[0]
    n = len(nodes)
    ranges = batches(n)

    def finish(results: list[Any]) -> dict[str, dict[Any, float]]:
        reach, total, harmonic = add_hop_batches(n, results)
        values: dict[str, dict[Any, float]] = {"closeness": {}, "harmonic": {}}
        for v, r, t in zip(nodes, reach.tolist(), total.tolist()):
            values["closeness"][v] = r / t * r / (n - 1) if r else 0.0
        values["harmonic"] = {v: float(h) for v, h in zip(nodes, harmonic.tolist())}
        return {m: values[m] for m in measures}

    return _Job(measures, [("hops", r) for r in ranges], [_HOP_BATCH_COST] * len(ranges), finish)


def _igraph_job(run: _Run, name: str, size: int) -> _Job:
    """Weighted closeness or harmonic centrality: igraph's, per chunk of actors."""
    g, nodes, _ = run.paths
    n = len(nodes)
    plan = _chunks(range(n), size)

    def finish(results: list[Any]) -> dict[str, dict[Any, float]]:
        raw = [x for part in results for x in part.tolist()]
        if name == "harmonic":
            return {name: {v: float(x) for v, x in zip(nodes, raw)}}
        reach = _reach_counts(g, g.is_directed())
        out = {}
        for v, x, r in zip(nodes, raw, reach):
            # igraph: 1 / (sum of distances to reachable actors); networkx scales
            # (r / sum) by r / (n - 1), r = number of actors that reach v
            out[v] = 0.0 if r == 0 or math.isnan(x) else x * r * r / (n - 1)
        return {name: out}

    return _Job((name,), [(name, chunk) for chunk in plan], [float(len(c)) for c in plan], finish)


def _leaf_sources(
    indptr: Any, indices: Any
) -> tuple[list[tuple[int, list[int]]], Callable[[], Any], Any]:
    """Exact undirected betweenness as a weighted sum over sources, without the leaves.

    Every path from a leaf (an actor with one partner p, which has others)
    runs through p and continues as p's own paths do, so the leaf's
    dependencies equal p's everywhere but at p, where they are the size of
    the component minus 2. Betweenness is a sum over sources: searching from
    p with multiplicity 1 + (its leaves) and adding the leaves' share at p
    gives the same values with two fifths fewer searches on the generated
    10,000-actor graph. ``indptr``/``indices`` are the CSR rows of the
    undirected graph. Returns the sources grouped by multiplicity, a function
    that gives the leaves' shares (igraph's scale, which counts unordered
    pairs; computed when the searches are done, so that scipy's import is not
    on the way to them) and each actor's partner if it is a leaf (else -1).

    >>> import numpy as np   # a star: 0 in the middle of 1, 2, 3
    >>> groups, extra, parent = _leaf_sources(np.array([0, 3, 4, 5, 6]), np.array([1, 2, 3, 0, 0, 0]))
    >>> groups, extra().tolist(), parent.tolist()
    ([(4, [0])], [3.0, 0.0, 0.0, 0.0], [-1, 0, 0, 0])
    """
    import numpy as np

    indptr = np.asarray(indptr, dtype=np.int64)
    indices = np.asarray(indices, dtype=np.int64)
    n = len(indptr) - 1
    degree = np.diff(indptr)
    parent = np.full(n, -1, dtype=np.int64)
    if len(indices):
        first = indices[np.minimum(indptr[:-1], len(indices) - 1)]
        is_leaf = (degree == 1) & (degree[first] > 1)
        parent[is_leaf] = first[is_leaf]
    else:
        is_leaf = np.zeros(n, dtype=bool)
    leaves = np.bincount(parent[is_leaf], minlength=n)
    groups: dict[int, list[int]] = {}
    for v in np.flatnonzero(~is_leaf & (degree > 0)).tolist():
        groups.setdefault(1 + int(leaves[v]), []).append(v)

    def shares() -> Any:
        import scipy.sparse as sp
        from scipy.sparse.csgraph import connected_components

        extra = np.zeros(n)
        if is_leaf.any():
            A = sp.csr_matrix((np.ones(len(indices), dtype=np.int8), indices, indptr), (n, n))
            _, labels = connected_components(A, directed=False)
            sizes = np.bincount(labels)
            # each leaf's paths to the rest of its component pass p (unordered: half)
            extra = leaves * (sizes[labels] - 2) / 2
            extra[leaves == 0] = 0.0
        return extra

    return sorted(groups.items()), shares, parent


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


# --- igraph ----------------------------------------------------------------------------------


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
