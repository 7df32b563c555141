"""Path measures split into tasks, run here or in child processes on the other cores.

Exact betweenness is a sum over source actors (each source's dependencies,
Brandes); closeness and harmonic centrality in hops are sums over sources too
(each source's distances, :mod:`vectorgraph.measures._msbfs`); weighted
closeness and harmonic centrality are values per actor. So each splits into
**tasks** over chunks of actors, and a measure is its tasks' results added
**in task order**: the same floats whether one process ran every task or
several ran some each, whichever finished first.

igraph holds the GIL while it computes, so threads cannot share this work;
processes can. :class:`Children` starts plain Python processes that import
this module and :mod:`~vectorgraph.measures._msbfs` on their own, not the
``vectorgraph`` package (a fifth of a CPU second less each; unlike
:mod:`multiprocessing` they never re-import the caller's ``__main__`` and never
fork a process that has threads), sends each its share of the tasks and the
graph on stdin as a tuple of plain values, and reads the results from stdout
(pickles). A child that fails has its tasks run here.

>>> spec = PathGraph(n=3, edges=[(0, 1), (1, 2)], directed=False)
>>> [r.tolist() for r in run(spec, [("betweenness", [0, 1]), ("betweenness", [2])])]
[[0.0, 0.5, 0.0], [0.0, 0.5, 0.0]]
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Children", "PathGraph", "Task", "Threads", "assign", "run"]

#: A task: its kind and the actors (vertex indices) or source range it covers.
Task = tuple[str, Any]


@dataclass(frozen=True)
class PathGraph:
    """What a task needs of the graph: igraph's edges and weights, and the CSR of in-arcs."""

    n: int
    edges: list[tuple[int, int]]
    directed: bool
    weights: list[float] | None = None
    indptr: Any = None
    indices: Any = None
    out_indptr: Any = None
    out_indices: Any = None


class _Tasks:
    """The graph of one process, built once, and the task kinds it runs."""

    def __init__(self, spec: PathGraph) -> None:
        self.spec = spec
        self.g: Any = None
        if spec.edges:
            import igraph as ig

            self.g = ig.Graph(n=spec.n, edges=spec.edges, directed=spec.directed)

    def run(self, task: Task) -> Any:
        import warnings

        import numpy as np

        kind, arg = task
        spec, g = self.spec, self.g
        # these two may run on several threads at once: no warnings filter to change
        if kind == "hops":
            if __package__:
                from vectorgraph.measures._msbfs import hop_batch
            else:  # a child: the module on its own, see Children
                from _msbfs import hop_batch  # type: ignore[import-not-found,no-redef]

            return hop_batch(spec.indptr, spec.indices, *arg)
        if kind == "search":
            hop_paths = _brandes().hop_paths
            rows, sources = arg
            if rows == "out":
                return hop_paths(spec.out_indptr, spec.out_indices, sources)
            return hop_paths(spec.indptr, spec.indices, sources)
        mode = "in" if spec.directed else "all"
        with warnings.catch_warnings():  # igraph's NaN for an actor nobody reaches
            warnings.simplefilter("ignore", RuntimeWarning)
            if kind == "betweenness":
                values = g.betweenness(directed=spec.directed, weights=spec.weights, sources=arg)
            elif kind == "closeness":
                values = g.closeness(arg, mode=mode, weights=spec.weights, normalized=False)
            elif kind == "harmonic":
                values = g.harmonic_centrality(
                    arg, mode=mode, weights=spec.weights, normalized=False
                )
            else:
                raise ValueError(f"unknown task {kind!r}")
        return np.asarray(values, dtype=np.float64)


def run(spec: PathGraph, tasks: Sequence[Task]) -> list[Any]:
    """The results of ``tasks``, in their order, computed in this process."""
    if not tasks:
        return []
    runner = _Tasks(spec)
    return [runner.run(t) for t in tasks]


def assign(costs: Sequence[float], workers: int) -> list[list[int]]:
    """Task indices for each worker: the costliest first, each to the least loaded (LPT).

    >>> assign([5, 1, 4, 2], 2)
    [[0, 1], [2, 3]]
    """
    loads = [0.0] * workers
    shares: list[list[int]] = [[] for _ in range(workers)]
    for i in sorted(range(len(costs)), key=lambda i: (-costs[i], i)):
        w = min(range(workers), key=lambda w: (loads[w], w))
        shares[w].append(i)
        loads[w] += costs[i]
    return shares


class Children:
    """``workers`` child processes, started now so that they import while this one works.

    :meth:`send` gives each its share of the tasks; :meth:`results` waits for
    them and gives every task's result in task order; :meth:`cancel` stops
    them. With ``threads > 1`` each child runs its share on that many threads
    (:class:`Threads`, for the compiled searches, which release the GIL) and
    starts numba as soon as it starts, before the tasks come: one such child
    started before the document is read has numba ready on the other core
    when the graph is (see :func:`vectorgraph.measures.centrality.searches_ahead`).
    """

    def __init__(self, workers: int, *, threads: int = 1) -> None:
        # this folder last on the path: _worker and _msbfs found there, nothing shadowed
        here = str(Path(__file__).resolve().parent)
        # a child with threads runs the compiled searches: numba starts before the graph comes
        warm = threads > 1
        boot = f"import sys; sys.path.append({here!r}); import _worker; _worker.main({warm})"
        self.threads = threads
        self.procs: list[subprocess.Popen[bytes] | None] = []
        for _ in range(workers):
            try:
                proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                    [sys.executable, "-c", boot],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                proc = None
            self.procs.append(proc)
        self.spec: PathGraph | None = None
        self.tasks: list[Task] = []
        self.shares: list[list[int]] = []

    def send(self, spec: PathGraph, tasks: Sequence[Task], costs: Sequence[float]) -> None:
        """Hand out ``tasks`` (costs in any unit) over the children."""
        self.spec, self.tasks = spec, list(tasks)
        self.shares = assign(costs, len(self.procs))
        for i, proc in enumerate(self.procs):
            if proc is None or proc.stdin is None:
                continue
            try:
                share = [self.tasks[t] for t in self.shares[i]]
                weights = [costs[t] for t in self.shares[i]]
                message = (_plain(spec), share, weights, self.threads)
                proc.stdin.write(pickle.dumps(message, pickle.HIGHEST_PROTOCOL))
                proc.stdin.close()
            except OSError:  # the child died already: its share runs here
                self._drop(i)

    def _drop(self, i: int) -> None:
        proc = self.procs[i]
        if proc is not None:
            proc.kill()
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    stream.close()
        self.procs[i] = None

    def cancel(self) -> None:
        """Stop every child (the caller failed and will not ask for the results)."""
        for i in range(len(self.procs)):
            self._drop(i)

    def results(self) -> list[Any]:
        """Every task's result, in task order."""
        assert self.spec is not None
        out: list[Any] = [None] * len(self.tasks)
        for i, proc in enumerate(self.procs):
            share = self.shares[i]
            values: list[Any] | None = None
            if proc is not None and proc.stdout is not None:
                data = proc.stdout.read()
                proc.stdout.close()
                if proc.wait() == 0 and data:
                    values = pickle.loads(data)
            if values is None or len(values) != len(share):
                values = run(self.spec, [self.tasks[t] for t in share])
            for t, value in zip(share, values):
                out[t] = value
        return out


class Threads:
    """``workers`` threads of this process, for tasks whose compiled loops release the GIL.

    The same interface as :class:`Children`: no process to start, no graph to
    pickle; the tasks of :mod:`vectorgraph.measures._brandes` run outside the
    GIL while this thread computes the other measures. A thread that fails
    has its tasks run here.
    """

    def __init__(self, workers: int) -> None:
        import threading

        self.workers = workers
        # numba's start-up (its import, the compiled code loaded from its cache) partly
        # runs outside the GIL: begun now, it overlaps the preparation of the graph
        self.warm = threading.Thread(target=_warm, daemon=True)
        self.warm.start()
        self.threads: list[Any] = []
        self.done: list[list[Any] | None] = []
        self.shares: list[list[int]] = []
        self.tasks: list[Task] = []
        self.runner: _Tasks | None = None
        self.stop = False

    def send(self, spec: PathGraph, tasks: Sequence[Task], costs: Sequence[float]) -> None:
        """Start running ``tasks`` (costs in any unit), a share per thread."""
        import threading

        self.warm.join()
        self.runner = _Tasks(spec)
        self.tasks = list(tasks)
        self.shares = [s for s in assign(costs, self.workers) if s]
        self.done = [None] * len(self.shares)
        self.threads = [
            threading.Thread(target=self._work, args=(i,), daemon=True)
            for i in range(len(self.shares))
        ]
        for thread in self.threads:
            thread.start()

    def _work(self, i: int) -> None:
        assert self.runner is not None
        values = []
        for t in self.shares[i]:
            if self.stop:
                return
            try:
                values.append(self.runner.run(self.tasks[t]))
            except Exception:  # noqa: BLE001 - rerun in the caller, which raises it
                return
        self.done[i] = values

    def results(self) -> list[Any]:
        """Every task's result, in task order."""
        assert self.runner is not None
        out: list[Any] = [None] * len(self.tasks)
        for i, thread in enumerate(self.threads):
            thread.join()
            values = self.done[i]
            if values is None:  # the thread failed: its share runs here
                values = [self.runner.run(self.tasks[t]) for t in self.shares[i]]
            for t, value in zip(self.shares[i], values):
                out[t] = value
        return out

    def cancel(self) -> None:
        """Stop handing out work (a running search finishes; nothing waits for it)."""
        self.stop = True


def _warm() -> None:
    with contextlib.suppress(Exception):  # the first search meets it again, and raises it
        _brandes()._kernel()


_BRANDES = "vectorgraph.measures._brandes"
#: What a child of the compiled searches does not import (see :func:`main`).
_NO_BLAS = "scipy.linalg"


def _brandes() -> Any:
    """The module of the compiled searches, :mod:`vectorgraph.measures._brandes`.

    A child (see :class:`Children`) loads the same file under the same name
    without importing the package: numba's cache records the module of the
    compiled function and imports it when it loads the function, so under
    another name a child would import the whole package, or write a cache
    entry this process could not load.
    """
    if __package__:
        import vectorgraph.measures._brandes as module

        return module
    if _BRANDES not in sys.modules:
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            _BRANDES, Path(__file__).resolve().parent / "_brandes.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[_BRANDES] = module
        spec.loader.exec_module(module)
    return sys.modules[_BRANDES]


def _plain(spec: PathGraph) -> tuple[Any, ...]:
    """``spec`` as a tuple that unpickles without this module's classes."""
    return (
        spec.n,
        spec.edges,
        spec.directed,
        spec.weights,
        spec.indptr,
        spec.indices,
        spec.out_indptr,
        spec.out_indices,
    )


def main(warm: bool = False) -> None:
    """A child: the graph and tasks from stdin, the results to stdout (see :class:`Children`).

    ``warm`` starts numba (its import, the compiled searches from its cache)
    while the parent is still preparing the graph. Such a child runs only
    the searches and numpy's loops, no BLAS: it does not let numba's array
    module import :mod:`scipy.linalg` to look for one (a quarter of its start,
    0.4 of 1.9 CPU seconds; numba then leaves ``np.dot`` and the like
    uncompiled, which the searches do not call).
    """
    if warm:
        sys.modules.setdefault(_NO_BLAS, None)  # type: ignore[arg-type]
        _warm()
    plain, tasks, costs, threads = pickle.loads(sys.stdin.buffer.read())
    spec = PathGraph(*plain)
    if threads > 1:
        pool = Threads(threads)
        pool.send(spec, tasks, costs)
        results = pool.results()
    else:
        results = run(spec, tasks)
    sys.stdout.buffer.write(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    # the parent reads until this process's stdout closes: the interpreter's finalization
    # (numba's and LLVM's objects freed one by one: a quarter of a CPU second, and more
    # wall time on a loaded machine) would come between the results and the parent
    os._exit(0)


if __name__ == "__main__":
    main()
