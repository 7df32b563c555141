"""Collapse the relation multigraph into the simple graph a measure reads.

A graph document holds many relations between one pair of actors (Russia and
Kazakhstan are partners, allies, traders, and Kazakhstan also keeps its
distance). A measure needs one edge per pair, so every measure in
:mod:`vectorgraph.measures` reads the graph through :func:`collapse`, whose rule is:

* **Strength.** A relation's strength is ``abs(data[weight])`` (1.0 when
  ``weight`` is None or the attribute is missing); its sign is ``data["sign"]``
  (+1 when missing, so any networkx graph can be measured).
* **Layers.** The strengths of the relations between one pair are summed per
  sign into three layers: ``positive``, ``negative`` and ``structural``
  (sign 0: membership, leadership, office, seat, dependency, hedging).
  Structural relations are dropped unless ``include_structural=True``; then
  they join the ``positive`` layer (an affiliation is a non-hostile tie).
* **The edge.** A pair with any kept relation is one edge with ``positive``,
  ``negative``, ``weight = positive + negative`` (all tie strength, for
  degree, strength and path measures), ``count`` (relations) and ``sign``,
  :func:`vectorgraph.ties.net_sign` of ``positive - negative`` (0 for an
  ambivalent pair, within :data:`vectorgraph.ties.TOLERANCE`), the sums taken
  with :func:`math.fsum` so they do not depend on input order, used where one
  sign per pair is needed (structural balance).
* **Direction.** In the undirected view a relation joins its pair
  (:func:`vectorgraph.ties.pair`). In the
  directed view a directed relation is one arc ``source -> target`` and an
  undirected one (``directed=False``) is two arcs, one each way.
* Self-loops are dropped. Nodes and edges are added in sorted order, so
  results do not depend on the order of the input.

The compiled searches read the collapsed graph as CSR rows of numpy arrays:
:func:`graph_arcs` gives them from a collapsed graph, :func:`document_arcs`
from a graph document by the same rule, without networkx (so the searches can
start before the networkx graph is built).

Examples
--------
>>> import networkx as nx
>>> M = nx.MultiDiGraph()
>>> M.add_edge("KAZ", "RUS", sign=1, weight=0.75, directed=False)
0
>>> M.add_edge("KAZ", "RUS", sign=-1, weight=0.25, directed=True)
1
>>> M.add_edge("KAZ", "EAEU", sign=0, weight=1.0, directed=True)
0
>>> H = collapse(M)
>>> sorted(H.nodes), dict(H["KAZ"]["RUS"])
(['EAEU', 'KAZ', 'RUS'], {'positive': 0.75, 'negative': 0.25, 'weight': 1.0, 'count': 2, 'sign': 1})
>>> D = collapse(M, directed=True, include_structural=True)
>>> sorted(D.edges)
[('KAZ', 'EAEU'), ('KAZ', 'RUS'), ('RUS', 'KAZ')]
>>> D["RUS"]["KAZ"]["negative"], D["KAZ"]["EAEU"]["positive"]
(0.0, 1.0)
"""

from __future__ import annotations

import contextlib
import gc
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vectorgraph.errors import ArgumentError
from vectorgraph.ties import net_sign

if TYPE_CHECKING:
    import networkx as nx

    from vectorgraph.document import GraphDocument

__all__ = [
    "RelationArrays",
    "Ties",
    "arc_counts",
    "arc_degrees",
    "arcs_csr",
    "collapse",
    "csr_rows",
    "document_arrays",
    "no_gc",
    "positive_layer",
    "relation_arrays",
    "ties",
]


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    A loaded document holds millions of objects (evidence quotes); every
    collection walks them all, which tripled the time of :func:`collapse` on a
    10,000-actor graph. Nothing built here forms reference cycles.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def collapse(
    G: nx.Graph,
    *,
    weight: str | None = "weight",
    directed: bool = False,
    include_structural: bool = False,
) -> nx.Graph:
    """One edge per pair (or arc) of actors, by the rule in the module docstring.

    Parameters
    ----------
    G : networkx graph
        Usually the :class:`networkx.MultiDiGraph` of :func:`vectorgraph.to_networkx`;
        any networkx graph works (missing ``sign`` means +1, missing
        ``directed`` follows ``G.is_directed()``).
    weight : str or None
        Edge attribute holding a relation's strength; None counts each relation as 1.
    directed : bool
        Return a :class:`networkx.DiGraph` (arcs) instead of a :class:`networkx.Graph`.
    include_structural : bool
        Keep sign-0 relations, in the positive layer.

    Returns
    -------
    networkx.Graph or networkx.DiGraph
        Every node of ``G`` (with its attributes), edges with ``positive``,
        ``negative``, ``weight``, ``count`` and ``sign``.
    """
    with no_gc():
        return _collapse(G, weight=weight, directed=directed, include_structural=include_structural)


def _collapse(
    G: nx.Graph, *, weight: str | None, directed: bool, include_structural: bool
) -> nx.Graph:
    import networkx as nx

    t = ties(relation_arrays(G, weight=weight, include_structural=include_structural), directed)
    H: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda nd: str(nd[0])))
    nodes = t.nodes
    H.add_edges_from(
        (
            nodes[u],
            nodes[v],
            {"positive": p, "negative": q, "weight": w, "count": c, "sign": net_sign(p - q)},
        )
        for u, v, p, q, w, c in zip(
            t.u.tolist(),
            t.v.tolist(),
            t.positive.tolist(),
            t.negative.tolist(),
            t.weight.tolist(),
            t.count.tolist(),
        )
    )
    return H


def _edges(G: nx.Graph) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """``G.edges(data=True)`` (each undirected edge once), read from the adjacency
    dicts: a third of the time of the edge view on a large multigraph."""
    seen: set[Any] = set()
    undirected = not G.is_directed()
    multi = G.is_multigraph()
    for u, nbrs in G.adjacency():
        for v, edge in nbrs.items():
            if undirected and v in seen:
                continue
            if multi:
                for data in edge.values():
                    yield u, v, data
            else:
                yield u, v, edge
        if undirected:
            seen.add(u)


# --- the rule on arrays: what collapse, the measures and the searches read ---------------------


@dataclass(frozen=True)
class RelationArrays:
    """The relations a collapse keeps, one entry each: no self-loops, structural ones only
    with ``include_structural``. ``nodes`` are sorted by their text and the ends are indices
    into them; ``negative`` marks the negative layer, ``directed`` a directed relation."""

    nodes: list[Any]
    source: Any
    target: Any
    strength: Any
    negative: Any
    directed: Any


def relation_arrays(
    G: nx.Graph, *, weight: str | None = "weight", include_structural: bool = False
) -> RelationArrays:
    """The kept relations of a networkx graph, by the rule of :func:`collapse`."""
    nodes = sorted(G, key=str)
    index = {v: i for i, v in enumerate(nodes)}
    default_directed = G.is_directed()
    rows: list[tuple[int, int, float, bool, bool]] = []
    add = rows.append
    for u, v, data in _edges(G):
        if u == v:
            continue
        s = data.get("sign", 1)
        if s == 0 and not include_structural:
            continue
        strength = 1.0 if weight is None else abs(float(data.get(weight, 1.0)))
        add((index[u], index[v], strength, s < 0, bool(data.get("directed", default_directed))))
    return _arrays(nodes, rows)


def document_arrays(
    doc: GraphDocument, *, weight: str | None = "weight", include_structural: bool = False
) -> RelationArrays:
    """:func:`relation_arrays` of ``doc.to_networkx()``, read from the document itself.

    ``weight`` is ``"weight"`` (a relation's strength) or None (each relation 1). A
    relation of an actor the document does not list raises :class:`KeyError`.
    """
    if weight not in ("weight", None):
        raise ArgumentError(
            f"a document's relations are weighted by 'weight' or None, not {weight!r}"
        )
    nodes = sorted((a.id for a in doc.actors), key=str)
    index = {v: i for i, v in enumerate(nodes)}
    rows: list[tuple[int, int, float, bool, bool]] = []
    add = rows.append
    for rel in doc.relations:
        s = rel.sign
        if rel.source == rel.target or (s == 0 and not include_structural):
            continue
        strength = 1.0 if weight is None else abs(float(rel.weight))
        add((index[rel.source], index[rel.target], strength, s < 0, rel.directed))
    return _arrays(nodes, rows)


def _arrays(nodes: list[Any], rows: list[tuple[int, int, float, bool, bool]]) -> RelationArrays:
    import numpy as np  # not scipy: its import would come before the searches start

    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return RelationArrays(nodes, empty, empty, np.zeros(0), empty > 0, empty > 0)
    source, target, strength, negative, directed = zip(*rows)
    return RelationArrays(
        nodes,
        np.array(source, dtype=np.int64),
        np.array(target, dtype=np.int64),
        np.array(strength, dtype=np.float64),
        np.array(negative, dtype=bool),
        np.array(directed, dtype=bool),
    )


@dataclass(frozen=True)
class Ties:
    """The edges of :func:`collapse` as arrays: pair (or arc) ``i`` joins ``nodes[u[i]]``
    and ``nodes[v[i]]`` (``u < v`` when undirected), in the order of ``(u, v)``, with its
    ``positive``, ``negative`` and ``weight`` strengths and ``count`` of relations. The
    sign of a pair is :func:`vectorgraph.ties.net_sign` of ``positive - negative``."""

    nodes: list[Any]
    directed: bool
    u: Any
    v: Any
    positive: Any
    negative: Any
    weight: Any
    count: Any

    def row_sums(self, values: Any) -> Any:
        """Per node, the sum of ``values`` (one per pair) over its pairs, added one by one in
        the order of its partners, as Python's ``sum`` over a collapsed graph's adjacency
        (undirected only)."""
        import numpy as np

        n = len(self.nodes)
        rows = np.concatenate([self.v, self.u])  # a node's partners below it come first
        cols = np.concatenate([self.u, self.v])
        x = np.concatenate([values, values]).astype(np.float64)
        order = np.lexsort((cols, rows))
        rows, x = rows[order], x[order]
        starts = np.searchsorted(rows, np.arange(n))
        place = np.arange(len(rows)) - starts[rows]  # the partner's place in the row
        by_place = np.argsort(place, kind="stable")
        cuts = np.searchsorted(place[by_place], np.arange(int(place.max(initial=-1)) + 2))
        out = np.zeros(n)
        for a, b in zip(cuts[:-1].tolist(), cuts[1:].tolist()):
            at = by_place[a:b]  # each node at most once
            out[rows[at]] += x[at]
        return out

    def partners(self, mask: Any) -> Any:
        """Per node, how many of its pairs ``mask`` selects (undirected only)."""
        import numpy as np

        n = len(self.nodes)
        return np.bincount(self.u[mask], minlength=n) + np.bincount(self.v[mask], minlength=n)


def ties(arrays: RelationArrays, directed: bool) -> Ties:
    """The pairs (or arcs) of ``arrays`` and their summed layers, by :func:`collapse`'s rule.

    A layer's sum is exactly rounded (:func:`math.fsum`) whatever the order of the
    relations: numpy adds a pair's values when at most two are not zero (one rounding,
    as fsum's), fsum the rest.
    """
    import numpy as np

    n = len(arrays.nodes)
    a, b = arrays.source, arrays.target
    strength, negative = arrays.strength, arrays.negative
    if not directed:  # nodes are in the order of their text: (min, max) is ties.pair's key
        a, b = np.minimum(a, b), np.maximum(a, b)
    else:  # an undirected relation is an arc each way
        both = ~arrays.directed
        a, b = np.concatenate([a, b[both]]), np.concatenate([b, arrays.source[both]])
        strength = np.concatenate([strength, strength[both]])
        negative = np.concatenate([negative, negative[both]])
    keys = a * n + b
    order = np.argsort(keys, kind="stable")
    keys, strength, negative = keys[order], strength[order], negative[order]
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else keys
    plus = np.where(negative, 0.0, strength)
    minus = np.where(negative, strength, 0.0)
    bounds = np.r_[first, len(keys)]
    return Ties(
        nodes=arrays.nodes,
        directed=directed,
        u=keys[first] // n if n else keys,
        v=keys[first] % n if n else keys,
        positive=_exact_sums(plus, bounds),
        negative=_exact_sums(minus, bounds),
        weight=_exact_sums(strength, bounds),
        count=np.diff(bounds),
    )


def _exact_sums(values: Any, bounds: Any) -> Any:
    """``fsum(values[bounds[i]:bounds[i + 1]])`` for every ``i``."""
    import numpy as np

    if len(bounds) < 2:
        return np.zeros(0)
    starts = bounds[:-1]
    out = np.add.reduceat(values, starts)
    many = np.add.reduceat((values != 0).astype(np.int64), starts)
    for i in np.flatnonzero(many > 2).tolist():
        out[i] = math.fsum(values[bounds[i] : bounds[i + 1]].tolist())
    return out


def arcs_csr(arrays: RelationArrays, directed: bool, *, reverse: bool) -> tuple[Any, Any]:
    """The CSR rows of the collapsed graph's arcs (both ways when undirected, or for an
    undirected relation in the directed view); with ``reverse``, row ``v`` lists the
    actors with an arc into ``v``."""
    import numpy as np

    src, dst = arrays.source, arrays.target
    if directed:
        both = ~arrays.directed
        src, dst = np.concatenate([src, dst[both]]), np.concatenate([dst, src[both]])
    return csr_rows(len(arrays.nodes), src, dst, directed, reverse=reverse)


def arc_degrees(
    G: nx.Graph, *, include_structural: bool = False
) -> tuple[dict[Any, int], dict[Any, int]]:
    """In- and out-degree of every node on the directed view of :func:`collapse`,
    without building it: the distinct actors with an arc in, and out."""
    arrays = relation_arrays(G, weight=None, include_structural=include_structural)
    indeg, outdeg = arc_counts(arrays)
    nodes = arrays.nodes
    return dict(zip(nodes, indeg.tolist())), dict(zip(nodes, outdeg.tolist()))


def arc_counts(arrays: RelationArrays) -> tuple[Any, Any]:
    """Per node (in the order of ``arrays.nodes``), its distinct arcs in and out on the
    directed view."""
    import numpy as np

    indptr, _ = arcs_csr(arrays, True, reverse=True)
    outptr, _ = arcs_csr(arrays, True, reverse=False)
    return np.diff(indptr).astype(np.int64), np.diff(outptr).astype(np.int64)


def positive_layer(H: nx.Graph) -> nx.Graph:
    """The edges of a collapsed graph with positive strength, weighted by it."""
    P = H.__class__()
    P.add_nodes_from(H.nodes(data=True))
    P.add_edges_from(
        (u, v, {"weight": d["positive"]}) for u, v, d in H.edges(data=True) if d["positive"] > 0
    )
    return P


# --- CSR rows, the arrays the compiled searches read -------------------------------------------


def csr_rows(
    n: int, src: Sequence[int], dst: Sequence[int], directed: bool, *, reverse: bool
) -> tuple[Any, Any]:
    """The CSR rows (``indptr``, ``indices``, sorted) of the arcs ``src[i] -> dst[i]``
    (both ways when undirected); with ``reverse``, row ``v`` lists the actors with an
    arc into ``v``. A repeated arc is one.

    >>> indptr, indices = csr_rows(3, [0, 1], [1, 2], False, reverse=False)
    >>> indptr.tolist(), indices.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1])
    """
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
