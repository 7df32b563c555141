"""Node positions computed in Python, seeded, so the browser need not simulate.

vis-network's own physics needs minutes to settle 1,000 actors and most of an
hour at 10,000; igraph's compiled Fruchterman-Reingold lays out 10,000 actors in
about a second. Every page therefore starts from these positions. Browser physics
(Barnes-Hut, so that dragging an actor pulls its ties along) is switched on only
for graphs of at most :data:`PHYSICS_MAX_ACTORS` actors and
:data:`PHYSICS_MAX_RELATIONS` relations; above that the page is static.

Actors without a relation (isolates) take no part in the layout: they sit in a
compact grid just below the connected graph, :data:`ISOLATE_GAP` pixels apart and
no wider than it, so that fitting the view to the drawing fits the connected
graph rather than a ring of far-flung isolates.

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
>>> use_physics(300, 1500), use_physics(301, 10)
(True, False)
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Sequence

__all__ = [
    "EDGE_LENGTH",
    "GRID_FROM",
    "ISOLATE_GAP",
    "PHYSICS_MAX_ACTORS",
    "PHYSICS_MAX_RELATIONS",
    "positions",
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


def use_physics(n_actors: int, n_relations: int) -> bool:
    """Whether the page runs browser physics for a graph of this size."""
    return n_actors <= PHYSICS_MAX_ACTORS and n_relations <= PHYSICS_MAX_RELATIONS


def positions(
    nodes: Sequence[Hashable], edges: Iterable[tuple[Hashable, Hashable]], seed: int = 0
) -> dict[Hashable, tuple[float, float]]:
    """``{node: (x, y)}`` by igraph's Fruchterman-Reingold, seeded, scaled for the page.

    The same nodes, edges and seed give the same positions. Coordinates are
    centred on 0 and scaled so that the median edge is :data:`EDGE_LENGTH`
    pixels long, rounded to 0.1 pixel.
    """
    index = {n: i for i, n in enumerate(nodes)}
    pairs = {(min(index[s], index[t]), max(index[s], index[t])) for s, t in edges if s != t}
    linked = sorted({i for p in pairs for i in p})
    if not nodes:
        return {}
    out: dict[Hashable, tuple[float, float]] = {}
    if linked:
        local = {i: k for k, i in enumerate(linked)}
        out = _fruchterman_reingold(
            [nodes[i] for i in linked], sorted((local[a], local[b]) for a, b in pairs), seed
        )
    in_layout = set(linked)
    isolates = [n for i, n in enumerate(nodes) if i not in in_layout]
    out.update(_tucked(isolates, list(out.values())))
    return {n: out[n] for n in nodes}


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
    if placed:
        left, right = min(p[0] for p in placed), max(p[0] for p in placed)
        top = max(p[1] for p in placed) + 1.5 * ISOLATE_GAP
        columns = max(1, int((right - left) // ISOLATE_GAP) + 1)
    else:
        columns = math.ceil(math.sqrt(len(isolates)))
        left = -ISOLATE_GAP * (columns - 1) / 2
        top = -ISOLATE_GAP * (math.ceil(len(isolates) / columns) - 1) / 2
    return {
        n: (
            round(left + (k % columns) * ISOLATE_GAP, 1),
            round(top + (k // columns) * ISOLATE_GAP, 1),
        )
        for k, n in enumerate(isolates)
    }
