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

The default engine (``engine="fast"``) computes betweenness in hops with one
compiled breadth-first search per source, which gives closeness and harmonic
centrality too (:mod:`vectorgraph.measures._brandes`, numba: the ``fast``
extra; without it igraph's betweenness); the weighted path measures with
igraph; closeness and harmonic centrality in hops alone from one multi-source
BFS in numpy (see :mod:`vectorgraph.measures._msbfs`);
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

import contextlib
import functools
import math
import os
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vectorgraph.errors import VectorgraphError
from vectorgraph.measures.collapsing import arc_degrees, collapse, no_gc, positive_layer

if TYPE_CHECKING:
    import igraph as ig
    import networkx as nx

    from vectorgraph.document import GraphDocument

__all__ = [
    "CENTRALITY_MEASURES",
    "PATH_MEASURES",
    "SIGNED_COLUMNS",
    "Ahead",
    "centralities",
    "centrality",
    "parse_measures",
    "searches_ahead",
]

#: Every measure :func:`centrality` computes, in the order ``all`` gives them.
CENTRALITY_MEASURES: tuple[str, ...] = (
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
#: The measures that follow shortest paths (and ``workers`` splits across processes).
PATH_MEASURES: tuple[str, ...] = ("betweenness", "closeness", "harmonic")
#: The columns the ``signed`` measure gives (see :func:`vectorgraph.measures.signed_degree`).
SIGNED_COLUMNS: tuple[str, ...] = ("positive", "negative", "net", "ratio")
#: What ``distance=`` may be: path lengths in hops, or 1/strength.
DISTANCES: tuple[str, ...] = ("hops", "inverse")
#: ``workers > 1`` starts a second process only for graphs of at least this many actors.
PARALLEL_MIN = 2000
#: :func:`searches_ahead` starts its child only for a file of at least this many bytes
#: (the generated 2,000-actor graph is 4 MB; a wrong guess costs time, never a value).
AHEAD_MIN_BYTES = 1_000_000
_ENGINES = ("fast", "networkx")


def parse_measures(names: Iterable[str]) -> list[str]:
    """Measure names from user input: comma lists, ``all``; unknown names raise.

    >>> parse_measures(["pagerank,degree", "pagerank"])
    ['pagerank', 'degree']
    >>> len(parse_measures(["all"])) == len(CENTRALITY_MEASURES)
    True
    """
    out: list[str] = []
    for chunk in names:
        for name in (p.strip() for p in chunk.split(",")):
            if not name:
                continue
            picked = list(CENTRALITY_MEASURES) if name == "all" else [name]
            if name != "all" and name not in CENTRALITY_MEASURES:
                raise VectorgraphError(
                    f"unknown measure {name!r} (choose from {', '.join(CENTRALITY_MEASURES)} or all)"
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
    """One centrality measure of every actor (any of :data:`CENTRALITY_MEASURES` but ``signed``).

    Parameters
    ----------
    G : networkx graph
        The graph of :func:`vectorgraph.to_networkx` (or any networkx graph).
    measure : str
        One of :data:`CENTRALITY_MEASURES`.
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
    ahead: Ahead | None = None,
) -> dict[str, dict[Any, Any]]:
    """Several measures at once: ``{measure: {actor: value}}``.

    Takes the options of :func:`centrality`; ``measures`` may hold ``"all"``
    and comma lists. The graph is collapsed once for all of them. ``signed``
    adds the keys of :data:`SIGNED_COLUMNS` instead of its own.

    ``workers=N`` splits the path measures of the default engine (betweenness,
    closeness, harmonic: each a sum over source actors, or a value per actor)
    into tasks run by ``N`` threads (the compiled searches, which release the
    GIL) or else ``N`` child processes (igraph; :mod:`vectorgraph.measures._worker`)
    while this thread computes the other measures, on graphs of at least
    :data:`PARALLEL_MIN` actors. The tasks' results are added in the same
    order however many processes ran them, so the values are the same floats
    for every ``workers``. ``ahead`` is the child of :func:`searches_ahead`,
    started before the graph was read: the compiled searches run there (on
    ``workers`` threads) if this call has them to split, else it is stopped;
    given the same measures and options, searches it was sent from the
    document (:meth:`Ahead.send`) are used if they read this graph's ties.

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
    from vectorgraph.measures import _worker

    children: _worker.Threads | _worker.Children | None = None
    early: tuple[_Run, list[_Job]] | None = None
    if (
        workers > 1
        and engine == "fast"
        and any(m in PATH_MEASURES for m in names)
        and len(G) >= PARALLEL_MIN
    ):
        if _searches(engine, distance) and ahead is not None:
            key = _ahead_key(names, distance, directed, include_structural, samples, seed, workers)
            children, early = ahead.take(key)
            ahead = None
        elif _searches(engine, distance):
            children = _worker.Threads(workers)
        else:
            children = _worker.Children(workers)  # they start up while the graph is prepared
    if ahead is not None:
        ahead.cancel()
    out: dict[str, dict[Any, Any]] = {}
    try:
        run = _Run(
            G,
            engine=engine,
            weight=weight,
            distance=distance,
            directed=directed,
            include_structural=include_structural,
            samples=samples,
            seed=seed,
            alpha=alpha,
            max_iter=max_iter,
            tol=tol,
        )
        if early is not None and not _same_arcs(early[0], run):
            # the child searches another graph than this one: stop it, search here
            assert children is not None
            children.cancel()
            children, early = _worker.Threads(workers), None
        if early is not None:
            jobs = early[1]  # sent already, from the document
        else:
            jobs = _path_jobs(run, names) if engine == "fast" else []
        tasks = [t for job in jobs for t in job.tasks]
        done = {m for job in jobs for m in job.measures}
        if children is not None and early is None:
            children.send(run.path_graph(jobs), tasks, [c for job in jobs for c in job.costs])
        for name in names:
            if name in done:
                out[name] = {}  # filled in below, keeps the order
            else:
                out.update(_MEASURES[name](run))
        if children is not None:
            results = children.results()
        else:
            results = _worker.run(run.path_graph(jobs), tasks)
    except BaseException:
        if children is not None:
            children.cancel()
        raise
    for job in jobs:
        part, results = results[: len(job.tasks)], results[len(job.tasks) :]
        out.update(job.finish(part))
    return out


@contextlib.contextmanager
def searches_ahead(workers: int, path: str | Path | None) -> Iterator[Ahead | None]:
    """A child process for the compiled searches, started before the graph file ``path`` is read.

    numba's start (its import, the searches loaded from its cache: most of a
    CPU second) then runs on another core while this process reads the file;
    :meth:`Ahead.send` starts the searches from the document, before its
    networkx graph is built; pass the :class:`Ahead` to :func:`centralities`
    as ``ahead``. None (nothing started) for ``workers < 2``, without numba,
    or for a file under :data:`AHEAD_MIN_BYTES`, whose graph is too small to
    split. The child is stopped on leaving the block if nothing used it.

    >>> with searches_ahead(2, None) as ahead:
    ...     ahead is None
    True
    """
    from vectorgraph.measures._brandes import available

    ahead = None
    if workers > 1 and path is not None and available():
        try:
            large = os.stat(path).st_size >= AHEAD_MIN_BYTES
        except OSError:  # reading the file reports it
            large = False
        if large:
            ahead = Ahead(workers)
    try:
        yield ahead
    finally:
        if ahead is not None:
            ahead.cancel()


class Ahead:
    """The child of :func:`searches_ahead`, running the compiled searches on ``workers`` threads.

    :meth:`send` hands it the searches of a :func:`centralities` call read
    from the graph document itself, by :func:`collapse`'s rule for which
    relations make a tie; the call, given the same measures and options, takes
    their results if the document's arcs are those of its collapsed graph (it
    checks), and else stops the child and searches itself.
    """

    def __init__(self, workers: int) -> None:
        from vectorgraph.measures import _worker

        self.workers = workers
        self.children: _worker.Children = _worker.Children(1, threads=workers)
        self.sent: tuple[tuple[Any, ...], _Run, list[_Job]] | None = None

    def send(
        self,
        doc: GraphDocument,
        measures: Sequence[str] = ("all",),
        *,
        distance: str = "hops",
        directed: bool = False,
        include_structural: bool = False,
        samples: int | None = None,
        seed: int = 0,
    ) -> None:
        """Start the searches that ``centralities(doc.to_networkx(), measures, ...)``
        with these options and ``workers`` would run (nothing for a graph or options
        that do not split them: exact path measures in hops of :data:`PARALLEL_MIN` actors
        or more)."""
        names = parse_measures(measures)
        if (
            self.sent is not None
            or samples is not None
            or not _searches("fast", distance)
            or not any(m in PATH_MEASURES for m in names)
            or len(doc.actors) < PARALLEL_MIN
        ):
            return
        run = _DocumentRun(
            doc,
            engine="fast",
            distance=distance,
            directed=directed,
            include_structural=include_structural,
            samples=samples,
            seed=seed,
        )
        try:
            jobs = _path_jobs(run, names)
            spec = run.path_graph(jobs)
        except KeyError:  # a relation of an actor the document does not list
            return
        tasks = [t for job in jobs for t in job.tasks]
        self.children.send(spec, tasks, [c for job in jobs for c in job.costs])
        key = _ahead_key(names, distance, directed, include_structural, samples, seed, self.workers)
        self.sent = (key, run, jobs)

    def take(self, key: tuple[Any, ...]) -> tuple[Any, tuple[_Run, list[_Job]] | None]:
        """The children for a call of options ``key``, and what was sent for them if it
        was sent for those options; another call's searches, or another number of
        threads, are stopped and replaced by threads of this process."""
        from vectorgraph.measures import _worker

        if self.sent is not None and self.sent[0] == key:
            return self.children, self.sent[1:]
        if self.sent is None and key[-1] == self.workers:
            return self.children, None
        self.cancel()
        return _worker.Threads(key[-1]), None

    def cancel(self) -> None:
        """Stop the child."""
        self.children.cancel()


def _ahead_key(names: Sequence[str], *options: Any) -> tuple[Any, ...]:
    """What must match between :meth:`Ahead.send` and :func:`centralities` (workers last)."""
    return (tuple(names), *options)


def _same_arcs(early: _Run, run: _Run) -> bool:
    """Whether the CSR rows the searches of ``early`` read are those of ``run``'s graph."""
    import numpy as np

    (a_nodes, a_ptr, a_idx), (b_nodes, b_ptr, b_idx) = early.in_arcs, run.in_arcs
    return bool(
        a_nodes == b_nodes and np.array_equal(a_ptr, b_ptr) and np.array_equal(a_idx, b_idx)
    )


class _Run:
    """The options of one :func:`centralities` call and the graphs it derives, each built once."""

    def __init__(self, G: nx.Graph, **options: Any) -> None:
        self.G = G
        for key, value in options.items():
            setattr(self, key, value)
        self.engine: str
        self.weight: str | None
        self.distance: str
        self.directed: bool
        self.include_structural: bool
        self.samples: int | None
        self.seed: int
        self.alpha: float
        self.max_iter: int
        self.tol: float

    @functools.cached_property
    def H(self) -> nx.Graph:
        """The collapsed graph (undirected)."""
        return collapse(self.G, weight=self.weight, include_structural=self.include_structural)

    @functools.cached_property
    def graph(self) -> nx.Graph:
        """The collapsed graph the path and spectral measures read: arcs if ``directed``."""
        if not self.directed:
            return self.H
        return collapse(
            self.G, weight=self.weight, directed=True, include_structural=self.include_structural
        )

    @property
    def size(self) -> int:
        """The number of actors."""
        return len(self.G)

    @functools.cached_property
    def arcs(self) -> tuple[dict[Any, int], dict[Any, int]]:
        return arc_degrees(self.G, include_structural=self.include_structural)

    @functools.cached_property
    def positive(self) -> nx.Graph:
        return positive_layer(self.graph)

    @functools.cached_property
    def paths(self) -> tuple[ig.Graph, list[Any], list[float] | None]:
        return _path_graph(self.graph, self.distance)

    @functools.cached_property
    def in_arcs(self) -> tuple[list[Any], Any, Any]:
        """The nodes and the CSR rows of in-neighbours (both ways when undirected)."""
        return self._arcs(reverse=True)

    @functools.cached_property
    def out_arcs(self) -> tuple[list[Any], Any, Any]:
        """The nodes and the CSR rows of out-neighbours (both ways when undirected)."""
        if not self.directed:
            return self.in_arcs
        return self._arcs(reverse=False)

    def _arcs(self, *, reverse: bool) -> tuple[list[Any], Any, Any]:
        H = self.graph
        nodes = list(H)
        index = {v: i for i, v in enumerate(nodes)}
        src: list[int] = []
        dst: list[int] = []
        for u, nbrs in H.adjacency():  # every arc (both ways when undirected): no edge view
            i = index[u]
            for v in nbrs:
                src.append(i)
                dst.append(index[v])
        return (nodes, *_csr(len(nodes), src, dst, True, reverse=reverse))

    def path_graph(self, jobs: Sequence[_Job]) -> Any:
        """What the tasks of ``jobs`` need of the graph (igraph edges, CSR rows, or both)."""
        from vectorgraph.measures._worker import PathGraph

        kinds = {kind for job in jobs for kind, _ in job.tasks}
        edges: list[tuple[int, int]] = []
        weights = None
        if kinds - {"hops", "search"}:
            g, _, weights = self.paths
            edges = g.get_edgelist()
        indptr = indices = out_indptr = out_indices = None
        if kinds & {"hops", "search"}:
            _, indptr, indices = self.in_arcs
        if any(kind == "search" and arg[0] == "out" for job in jobs for kind, arg in job.tasks):
            _, out_indptr, out_indices = self.out_arcs
        return PathGraph(
            n=self.size,
            edges=edges,
            directed=self.directed,
            weights=weights,
            indptr=indptr,
            indices=indices,
            out_indptr=out_indptr,
            out_indices=out_indices,
        )


def _csr(
    n: int, src: Sequence[int], dst: Sequence[int], directed: bool, *, reverse: bool
) -> tuple[Any, Any]:
    """The CSR rows (``indptr``, ``indices``, sorted) of the arcs ``src[i] -> dst[i]``
    (both ways when undirected); with ``reverse``, row ``v`` lists the actors with an
    arc into ``v``. A repeated arc is one."""
    import numpy as np  # not scipy: its import would come before the searches start

    a = np.asarray(src, dtype=np.int64)
    b = np.asarray(dst, dtype=np.int64)
    if not directed:
        a, b = np.concatenate([a, b]), np.concatenate([b, a])
    if reverse:  # row v: the actors with an arc into v
        a, b = b, a
    arcs = np.unique(a * n + b)  # sorted by row, then column; each arc once
    rows = arcs // n
    indptr = np.zeros(n + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return indptr, (arcs - rows * n).astype(np.int32)


class _DocumentRun(_Run):
    """The path measures' share of a run, read from a graph document without networkx.

    Its CSR rows follow :func:`collapse`'s rule (actors sorted by id, no
    self-loops, structural relations only with ``include_structural``; in the
    directed view an undirected relation both ways); :func:`centralities`
    checks them against its own collapsed graph before it uses a result.
    """

    def __init__(self, doc: GraphDocument, **options: Any) -> None:
        super().__init__(None, **options)
        self.doc = doc

    @property
    def size(self) -> int:
        return len(self.doc.actors)

    def _arcs(self, *, reverse: bool) -> tuple[list[Any], Any, Any]:
        nodes = sorted((a.id for a in self.doc.actors), key=str)
        index = {v: i for i, v in enumerate(nodes)}
        src: list[int] = []
        dst: list[int] = []
        both = self.directed
        for rel in self.doc.relations:
            if rel.source == rel.target or (rel.sign == 0 and not self.include_structural):
                continue
            u, v = index[rel.source], index[rel.target]
            src.append(u)
            dst.append(v)
            if both and not rel.directed:
                src.append(v)
                dst.append(u)
        return (nodes, *_csr(len(nodes), src, dst, self.directed, reverse=reverse))


@dataclass(frozen=True)
class _Job:
    """Path measures as tasks: ``finish`` turns the tasks' results, in order, into values."""

    measures: tuple[str, ...]
    tasks: list[tuple[str, Any]]
    costs: list[float]
    finish: Callable[[list[Any]], dict[str, dict[Any, float]]]


#: Sources (or actors) per path-measure task: a fixed split, whatever the workers.
CHUNK = 250
#: A multi-source BFS of 512 sources costs about as much as this many single searches.
_HOP_BATCH_COST = 100.0


def _chunks(items: Sequence[int]) -> list[list[int]]:
    return [list(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]


def _searches(engine: str, distance: str) -> bool:
    """Whether betweenness runs the compiled searches of :mod:`~vectorgraph.measures._brandes`
    (the fast engine in hops, with numba installed) rather than igraph."""
    from vectorgraph.measures._brandes import available

    return engine == "fast" and distance == "hops" and available()


def _path_jobs(run: _Run, names: Sequence[str]) -> list[_Job]:
    """The fast engine's path measures among ``names``, as jobs of tasks."""
    jobs = []
    wanted = tuple(m for m in ("closeness", "harmonic") if m in names)
    if "betweenness" in names:
        job = _betweenness_job(run, wanted if _searches(run.engine, run.distance) else ())
        jobs.append(job)
        wanted = tuple(m for m in wanted if m not in job.measures)
    if wanted and run.distance == "hops":
        jobs.append(_hops_job(run, wanted))
    elif wanted:
        jobs.extend(_igraph_job(run, m) for m in wanted)
    return jobs


def _betweenness_job(run: _Run, also: tuple[str, ...] = ()) -> _Job:
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
    plan = [(mult, chunk) for mult, sources in groups for chunk in _chunks(sources)]
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


def _igraph_job(run: _Run, name: str) -> _Job:
    """Weighted closeness or harmonic centrality: igraph's, per chunk of actors."""
    g, nodes, _ = run.paths
    n = len(nodes)
    plan = _chunks(range(n))

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


def _degree(run: _Run) -> dict[str, dict[Any, float]]:
    return {"degree": {v: float(d) for v, d in run.H.degree()}}


def _in_degree(run: _Run) -> dict[str, dict[Any, float]]:
    return {"in_degree": {v: float(run.arcs[0][v]) for v in run.H}}


def _out_degree(run: _Run) -> dict[str, dict[Any, float]]:
    return {"out_degree": {v: float(run.arcs[1][v]) for v in run.H}}


def _strength(run: _Run) -> dict[str, dict[Any, float]]:
    return {"strength": {v: float(d) for v, d in run.H.degree(weight="weight")}}


def _pn(run: _Run) -> dict[str, dict[Any, float]]:
    from vectorgraph.measures.signed import pn_from_collapsed

    return {"pn": pn_from_collapsed(run.H)}


def _signed(run: _Run) -> dict[str, dict[Any, Any]]:
    from vectorgraph.measures.signed import signed_from_collapsed

    table = signed_from_collapsed(run.H, counts=True)
    return {c: {v: getattr(d, c) for v, d in table.items()} for c in SIGNED_COLUMNS}


def _eigenvector(run: _Run) -> dict[str, dict[Any, float]]:
    if run.engine == "fast":
        return {"eigenvector": _eigenvector_fast(run.graph, max_iter=run.max_iter, tol=run.tol)}
    return _spectral_measure("eigenvector")(run)


def _spectral_measure(name: str) -> Callable[[_Run], dict[str, dict[Any, float]]]:
    """networkx's eigenvector centrality or PageRank of the positive layer."""

    def measure(run: _Run) -> dict[str, dict[Any, float]]:
        values = _spectral(run.positive, name, alpha=run.alpha, max_iter=run.max_iter, tol=run.tol)
        return {name: values}

    return measure


def _path_measure(name: str) -> Callable[[_Run], dict[str, dict[Any, float]]]:
    """A path measure on its own: networkx's, or the fast engine's tasks run here."""

    def measure(run: _Run) -> dict[str, dict[Any, float]]:
        from vectorgraph.measures._worker import run as run_tasks

        if run.engine == "networkx":
            inverse = run.distance == "inverse"
            values = _paths_nx(run.graph, name, inverse=inverse, samples=run.samples, seed=run.seed)
            return {name: values}
        jobs = _path_jobs(run, [name])
        tasks = [t for job in jobs for t in job.tasks]
        return jobs[0].finish(run_tasks(run.path_graph(jobs), tasks))

    return measure


#: What computes each measure: one function per entry of :data:`CENTRALITY_MEASURES`.
_MEASURES: dict[str, Callable[[_Run], dict[str, dict[Any, Any]]]] = {
    "degree": _degree,
    "in_degree": _in_degree,
    "out_degree": _out_degree,
    "strength": _strength,
    "betweenness": _path_measure("betweenness"),
    "closeness": _path_measure("closeness"),
    "harmonic": _path_measure("harmonic"),
    "eigenvector": _eigenvector,
    "pagerank": _spectral_measure("pagerank"),
    "pn": _pn,
    "signed": _signed,
}


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
