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
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vectorgraph.errors import VectorgraphError
from vectorgraph.measures.paths import (
    _betweenness_job,
    _hops_job,
    _igraph_job,
    _Job,
    _paths_nx,
    _searches,
)
from vectorgraph.measures.runs import _DocumentRun, _Run, is_document
from vectorgraph.measures.spectral import _eigenvector_fast, _pagerank_fast, _spectral

if TYPE_CHECKING:
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
#: Sources (or actors) per path-measure task: a fixed split, whatever the workers.
CHUNK = 250
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
    G: nx.Graph | GraphDocument,
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
    G : networkx graph or GraphDocument
        The graph of :func:`vectorgraph.to_networkx` (or any networkx graph), or the
        document itself: the default engine then reads its relations without building a
        networkx graph (the same values).
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
    G: nx.Graph | GraphDocument,
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
    size = len(G.actors) if is_document(G) else len(G)  # type: ignore[arg-type]
    if (
        workers > 1
        and engine == "fast"
        and any(m in PATH_MEASURES for m in names)
        and size >= PARALLEL_MIN
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


def _path_jobs(run: _Run, names: Sequence[str]) -> list[_Job]:
    """The fast engine's path measures among ``names``, as jobs of tasks."""
    jobs = []
    wanted = tuple(m for m in ("closeness", "harmonic") if m in names)
    if "betweenness" in names:
        also = wanted if _searches(run.engine, run.distance) else ()
        job = _betweenness_job(run, also, CHUNK)
        jobs.append(job)
        wanted = tuple(m for m in wanted if m not in job.measures)
    if wanted and run.distance == "hops":
        jobs.append(_hops_job(run, wanted))
    elif wanted:
        jobs.extend(_igraph_job(run, m, CHUNK) for m in wanted)
    return jobs


def _values(run: _Run, values: Any) -> dict[Any, float]:
    """``{actor: value}`` of an array in the order of the run's actors."""
    return dict(zip(run.nodes, values.astype(float).tolist()))


def _degree(run: _Run) -> dict[str, dict[Any, float]]:
    return {"degree": _values(run, run.ties.partners(slice(None)))}


def _in_degree(run: _Run) -> dict[str, dict[Any, float]]:
    return {"in_degree": _values(run, run.arcs[0])}


def _out_degree(run: _Run) -> dict[str, dict[Any, float]]:
    return {"out_degree": _values(run, run.arcs[1])}


def _strength(run: _Run) -> dict[str, dict[Any, float]]:
    return {"strength": _values(run, run.ties.row_sums(run.ties.weight))}


def _pn(run: _Run) -> dict[str, dict[Any, float]]:
    from vectorgraph.measures.signed import pn_of_ties

    return {"pn": pn_of_ties(run.ties)}


def _signed(run: _Run) -> dict[str, dict[Any, Any]]:
    from vectorgraph.measures.signed import signed_of_ties

    table: tuple[list[Any], ...] = signed_of_ties(run.ties, counts=True)
    return {c: dict(zip(run.nodes, column)) for c, column in zip(SIGNED_COLUMNS, table)}


def _eigenvector(run: _Run) -> dict[str, dict[Any, float]]:
    if run.engine == "fast":
        values = _eigenvector_fast(run.graph_ties, max_iter=run.max_iter, tol=run.tol)
        return {"eigenvector": values}
    return _spectral_measure("eigenvector")(run)


def _pagerank(run: _Run) -> dict[str, dict[Any, float]]:
    if run.engine == "fast":
        values = _pagerank_fast(run.graph_ties, alpha=run.alpha, max_iter=run.max_iter, tol=run.tol)
        return {"pagerank": values}
    return _spectral_measure("pagerank")(run)


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
    "pagerank": _pagerank,
    "pn": _pn,
    "signed": _signed,
}
