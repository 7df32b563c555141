"""Node positions computed in Python, seeded, so the browser need not simulate.

vis-network's own physics needs minutes to settle 1,000 actors and most of an
hour at 10,000; igraph's compiled Fruchterman-Reingold lays out 10,000 actors in
about a second. Every page therefore starts from these positions. Browser physics
(Barnes-Hut, so that dragging an actor pulls its ties along) is switched on only
for graphs of at most :data:`PHYSICS_MAX_ACTORS` actors and
:data:`PHYSICS_MAX_RELATIONS` relations; above that the page is static.

Examples
--------
>>> pos = positions(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
>>> pos == positions(["a", "b", "c"], [("a", "b"), ("b", "c")], seed=1)
True
>>> sorted(pos)
['a', 'b', 'c']
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
    import igraph

    index = {n: i for i, n in enumerate(nodes)}
    pairs = sorted({(min(index[s], index[t]), max(index[s], index[t])) for s, t in edges if s != t})
    if not nodes:
        return {}
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
