"""Betweenness in a second Python process, so that it runs beside the other measures.

igraph holds the GIL while it computes betweenness, so a thread cannot overlap
it with anything. A child process can. The child is a plain
``python -m vectorgraph.measures._worker`` that reads the graph from stdin and
writes the values to stdout (pickles): unlike :mod:`multiprocessing` it never
re-imports the caller's ``__main__`` and never forks a process with threads.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["BackgroundBetweenness"]


class BackgroundBetweenness:
    """Start the child now; :meth:`result` waits for it (or computes here if it failed)."""

    def __init__(
        self,
        edges: list[tuple[int, int]],
        n: int,
        directed: bool,
        weights: list[float] | None,
        samples: int | None,
        seed: int,
    ) -> None:
        self.job = (edges, n, directed, weights, samples, seed)
        src = str(Path(__file__).resolve().parents[2])
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([src, *filter(None, [os.environ.get("PYTHONPATH")])]),
        }
        self.proc: subprocess.Popen[bytes] | None
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "vectorgraph.measures._worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
            assert self.proc.stdin is not None
            self.proc.stdin.write(pickle.dumps(self.job))
            self.proc.stdin.close()
        except OSError:
            self.proc = None

    def cancel(self) -> None:
        """Stop the child (the caller failed and will not ask for the result)."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            if self.proc.stdout is not None:
                self.proc.stdout.close()

    def result(self) -> list[float]:
        if self.proc is not None:
            assert self.proc.stdout is not None
            data = self.proc.stdout.read()
            self.proc.stdout.close()
            if self.proc.wait() == 0 and data:
                values: list[float] = pickle.loads(data)
                return values
        return compute(*self.job)


def compute(
    edges: list[tuple[int, int]],
    n: int,
    directed: bool,
    weights: list[float] | None,
    samples: int | None,
    seed: int,
) -> list[float]:
    """Betweenness of vertices ``0 .. n-1``, as :func:`centrality` gives it."""
    import igraph as ig

    from vectorgraph.measures.centrality import _betweenness_ig

    g = ig.Graph(n=n, edges=edges, directed=directed)
    nodes = list(range(n))
    values = _betweenness_ig(g, nodes, weights, directed, samples, seed)
    return [values[i] for i in nodes]


def main() -> None:
    job: Any = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(compute(*job)))


if __name__ == "__main__":
    main()
