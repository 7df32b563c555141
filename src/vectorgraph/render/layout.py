"""Node positions computed in Python, seeded, so the browser need not simulate.

vis-network's own physics needs minutes to settle 1,000 actors and most of an
hour at 10,000; igraph's compiled Fruchterman-Reingold lays out 10,000 actors in
about a second. Every page therefore starts from these positions. Browser physics
(Barnes-Hut, so that dragging an actor pulls its ties along) is switched on only
for graphs of at most :data:`PHYSICS_MAX_ACTORS` actors and
:data:`PHYSICS_MAX_RELATIONS` relations; above that the page is static.

Actors without a relation (isolates) and the small components (fewer actors than
:data:`SMALL_COMPONENT` of the largest one's) take no part in the force layout:
they sit in a compact grid just below the connected graph, component by
component, :data:`ISOLATE_GAP` pixels apart (closer when there are many: the
grid takes at most a quarter of the graph's area) and no wider than it, so that
fitting the view to the drawing fits the connected graph rather than a ring of
far-flung isolates and pairs (which Fruchterman-Reingold pushes to the edge).

Examples
--------
>>> pos = positions(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
>>> pos == positions(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
True
>>> sorted(pos)
['a', 'b', 'c']
>>> pos = positions(["a", "b", "lone"], [("a", "b")])
>>> pos["lone"][1] > max(pos["a"][1], pos["b"][1])  # tucked below the connected part
True
>>> ring = [(f"r{i}", f"r{(i + 1) % 30}") for i in range(30)]
>>> pos = positions([f"r{i}" for i in range(30)] + ["p", "q"], [*ring, ("p", "q")])
>>> pos["p"][1] > max(pos[f"r{i}"][1] for i in range(30))  # a lone pair: tucked too
True
>>> use_physics(300, 1500), use_physics(301, 10)
(True, False)
"""

from __future__ import annotations

import math
import multiprocessing
import random
from collections.abc import Callable, Hashable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

__all__ = [
    "EDGE_LENGTH",
    "GRID_FROM",
    "ISOLATE_GAP",
    "PARALLEL_FROM",
    "PHYSICS_MAX_ACTORS",
    "PHYSICS_MAX_RELATIONS",
    "SMALL_COMPONENT",
    "positions",
    "start_positions",
    "use_physics",
]

#: Browser physics stays on up to this many actors ...
PHYSICS_MAX_ACTORS = 300
#: ... and this many relations.
PHYSICS_MAX_RELATIONS = 1500
#: From this many actors on, Fruchterman-Reingold approximates distant repulsion
#: on a grid (igraph's own default switches at 1,000; exact repulsion costs 1.5 s
#: at 1,000 actors, the grid 0.08 s).
GRID_FROM = 300
#: The median drawn edge length, in vis-network pixels.
EDGE_LENGTH = 160.0
#: The spacing of the isolates' grid, in vis-network pixels.
ISOLATE_GAP = 120.0
#: A component with fewer actors than this share of the largest one's is tucked away.
SMALL_COMPONENT = 0.1
#: From this many actors on, the layout runs in a process of its own (:func:`start_positions`).
PARALLEL_FROM = 2000


def use_physics(n_actors: int, n_relations: int) -> bool:
    """Whether the page runs browser physics for a graph of this size."""
    return n_actors <= PHYSICS_MAX_ACTORS and n_relations <= PHYSICS_MAX_RELATIONS


def positions(
    nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]], seed: int = 0
) -> dict[Hashable, tuple[float, float]]:
    """``{node: (x, y)}`` by igraph's Fruchterman-Reingold, seeded, scaled for the page.

    The same nodes, edges and seed give the same positions. Coordinates are
    centred on 0 and scaled so that the median edge is :data:`EDGE_LENGTH`
    pixels long, rounded to 0.1 pixel; isolates and small components go in a
    grid below (see the module's docstring).
    """
    import igraph

    index = {n: i for i, n in enumerate(nodes)}
    pairs = {(min(index[s], index[t]), max(index[s], index[t])) for s, t in edges if s != t}
    if not nodes:
        return {}
    g = igraph.Graph(n=len(nodes), edges=sorted(pairs))
    components = sorted(
        (sorted(c) for c in g.connected_components() if len(c) > 1), key=lambda c: (-len(c), c[0])
    )
    least = SMALL_COMPONENT * len(components[0]) if components else 0.0
    laid = sorted(i for c in components if len(c) >= least for i in c)
    out: dict[Hashable, tuple[float, float]] = {}
    if laid:
        local = {i: k for k, i in enumerate(laid)}
        out = _fruchterman_reingold(
            [nodes[i] for i in laid],
            sorted((local[a], local[b]) for a, b in pairs if a in local),
            seed,
        )
    tucked = [nodes[i] for c in components if len(c) < least for i in c]
    tucked += [nodes[i] for i in range(len(nodes)) if g.degree(i) == 0]
    out.update(_tucked(tucked, list(out.values())))
    return {n: out[n] for n in nodes}


def start_positions(
    nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]], seed: int = 0
) -> Callable[[], dict[Hashable, tuple[float, float]]]:
    """:func:`positions`, begun in a forked process for :data:`PARALLEL_FROM` actors and more.

    Returns a function that gives the positions (waiting for them): the caller sizes
    the actors and builds the rows on one core while igraph lays them out on another
    (igraph holds the GIL, so a thread would not do). Smaller graphs, and platforms
    without ``fork``, are laid out at once, in this process; the positions are the same.

    >>> start_positions(["a", "b"], [("a", "b")])() == positions(["a", "b"], [("a", "b")])
    True
    """
    edges = list(edges)
    if len(nodes) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        pos = positions(nodes, edges, seed=seed)
        return lambda: pos
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(positions, nodes, edges, seed)
    pool.shutdown(wait=False)

    def result() -> dict[Hashable, tuple[float, float]]:
        return future.result()

    return result


def _fruchterman_reingold(
    nodes: Sequence[Hashable], pairs: list[tuple[int, int]], seed: int
) -> dict[Hashable, tuple[float, float]]:
    import igraph

    rng = random.Random(seed)
    g = igraph.Graph(n=len(nodes), edges=pairs)
    igraph.set_random_number_generator(rng)
    try:
        coords = g.layout_fruchterman_reingold(grid=len(nodes) > GRID_FROM).coords
    finally:
        igraph.set_random_number_generator(random)
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in pairs)
    median = lengths[len(lengths) // 2] if lengths else 1.0
    scale = EDGE_LENGTH / median if median > 0 else EDGE_LENGTH
    return {
        n: (round((x - cx) * scale, 1), round((y - cy) * scale, 1))
        for n, (x, y) in zip(nodes, zip(xs, ys))
    }


def _tucked(
    isolates: Sequence[Hashable], placed: Sequence[tuple[float, float]]
) -> dict[Hashable, tuple[float, float]]:
    """Grid positions for ``isolates`` below the ``placed`` points, no wider than they are."""
    if not isolates:
        return {}
    gap = ISOLATE_GAP
    if placed:
        left, right = min(p[0] for p in placed), max(p[0] for p in placed)
        low, high = min(p[1] for p in placed), max(p[1] for p in placed)
        # at most a quarter of the connected graph's area: many isolates sit closer
        budget = max(right - left, gap) * max(high - low, gap) / 4
        gap = min(ISOLATE_GAP, max(8.0, math.sqrt(budget / len(isolates))))
        top = high + 1.5 * gap
        columns = max(1, int((right - left) // gap) + 1)
    else:
        columns = math.ceil(math.sqrt(len(isolates)))
        left = -gap * (columns - 1) / 2
        top = -gap * (math.ceil(len(isolates) / columns) - 1) / 2
    return {
        n: (round(left + (k % columns) * gap, 1), round(top + (k // columns) * gap, 1))
        for k, n in enumerate(isolates)
    }
