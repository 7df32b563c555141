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
from typing import TYPE_CHECKING, Any

from vectorgraph.ties import net_sign, pair

if TYPE_CHECKING:
    import networkx as nx

    from vectorgraph.document import GraphDocument

__all__ = [
    "arc_degrees",
    "collapse",
    "csr_rows",
    "document_arcs",
    "graph_arcs",
    "no_gc",
    "positive_layer",
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


def _ties(
    G: nx.Graph, weight: str | None, directed: bool, include_structural: bool
) -> dict[tuple[Any, Any], tuple[list[float], list[float]]]:
    """Per pair (or arc): the strengths of its positive and its negative relations."""
    default_directed = G.is_directed()
    sums: dict[tuple[Any, Any], tuple[list[float], list[float]]] = {}
    for u, v, data in _edges(G):
        if u == v:
            continue
        s = data.get("sign", 1)
        if s == 0 and not include_structural:
            continue
        strength = 1.0 if weight is None else abs(float(data.get(weight, 1.0)))
        side = 1 if s < 0 else 0
        if not directed:
            key = pair(u, v)
        elif data.get("directed", default_directed):
            key = (u, v)
        else:
            sums.setdefault((v, u), ([], []))[side].append(strength)
            key = (u, v)
        sums.setdefault(key, ([], []))[side].append(strength)
    return sums


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


def _collapse(
    G: nx.Graph, *, weight: str | None, directed: bool, include_structural: bool
) -> nx.Graph:
    import networkx as nx

    sums = _ties(G, weight, directed, include_structural)
    H: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    H.add_nodes_from(sorted(G.nodes(data=True), key=lambda nd: str(nd[0])))

    def edges() -> Iterator[tuple[Any, Any, dict[str, Any]]]:
        for (u, v), (plus, minus) in sorted(
            sums.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))
        ):
            # fsum is exactly rounded: the sums do not depend on the order of the input
            pos = math.fsum(plus) if len(plus) > 1 else (plus[0] if plus else 0.0)
            neg = math.fsum(minus) if len(minus) > 1 else (minus[0] if minus else 0.0)
            yield (
                u,
                v,
                {
                    "positive": pos,
                    "negative": neg,
                    "weight": math.fsum(plus + minus),
                    "count": len(plus) + len(minus),
                    "sign": net_sign(pos - neg),
                },
            )

    H.add_edges_from(edges())
    return H


def arc_degrees(
    G: nx.Graph, *, include_structural: bool = False
) -> tuple[dict[Any, int], dict[Any, int]]:
    """In- and out-degree of every node on the directed view of :func:`collapse`,
    without building it: the distinct actors with an arc in, and out."""
    with no_gc():
        arcs = _arc_set(G, include_structural)
        indeg = dict.fromkeys(G, 0)
        outdeg = dict.fromkeys(G, 0)
        for u, v in arcs:
            outdeg[u] += 1
            indeg[v] += 1
    return indeg, outdeg


def _arc_set(G: nx.Graph, include_structural: bool) -> set[tuple[Any, Any]]:
    """The arcs of the directed view of :func:`collapse` (the keys of its ``_ties``),
    without the strengths: a set, not a list per arc."""
    default_directed = G.is_directed()
    arcs: set[tuple[Any, Any]] = set()
    add = arcs.add
    for u, v, data in _edges(G):
        if u == v or (data.get("sign", 1) == 0 and not include_structural):
            continue
        add((u, v))
        if not data.get("directed", default_directed):
            add((v, u))
    return arcs


def positive_layer(H: nx.Graph) -> nx.Graph:
    """The edges of a collapsed graph with positive strength, weighted by it."""
    P = H.__class__()
    P.add_nodes_from(H.nodes(data=True))
    P.add_edges_from(
        (u, v, {"weight": d["positive"]}) for u, v, d in H.edges(data=True) if d["positive"] > 0
    )
    return P


# --- CSR rows, the arrays the compiled searches read -------------------------------------------


def graph_arcs(H: nx.Graph, *, reverse: bool) -> tuple[list[Any], Any, Any]:
    """The nodes of a collapsed graph ``H`` and the CSR rows of its arcs (both ways when
    undirected); with ``reverse``, row ``v`` lists the actors with an arc into ``v``."""
    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    src: list[int] = []
    dst: list[int] = []
    for u, nbrs in H.adjacency():  # every arc (both ways when undirected): no edge view
        i = index[u]
        for v in nbrs:
            src.append(i)
            dst.append(index[v])
    return (nodes, *csr_rows(len(nodes), src, dst, True, reverse=reverse))


def document_arcs(
    doc: GraphDocument, *, directed: bool, include_structural: bool, reverse: bool
) -> tuple[list[Any], Any, Any]:
    """:func:`graph_arcs` of ``collapse(doc.to_networkx(), ...)``, read from the document.

    The same rule without networkx: actors sorted by id, no self-loops,
    structural relations only with ``include_structural``; in the directed view
    an undirected relation is an arc each way. A relation of an actor the
    document does not list raises :class:`KeyError`.
    """
    nodes = sorted((a.id for a in doc.actors), key=str)
    index = {v: i for i, v in enumerate(nodes)}
    src: list[int] = []
    dst: list[int] = []
    for rel in doc.relations:
        if rel.source == rel.target or (rel.sign == 0 and not include_structural):
            continue
        u, v = index[rel.source], index[rel.target]
        src.append(u)
        dst.append(v)
        if directed and not rel.directed:
            src.append(v)
            dst.append(u)
    return (nodes, *csr_rows(len(nodes), src, dst, directed, reverse=reverse))


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
