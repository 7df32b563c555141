"""The options of one :func:`~vectorgraph.measures.centralities` call and the graphs it derives.

:class:`_Run` builds each form of the graph a measure reads once, when first
asked: the kept relations as arrays (from a networkx graph or straight from a
graph document, :mod:`vectorgraph.measures.collapsing`), the collapsed pairs
and arcs as arrays, the CSR rows the searches read, the positive layer and the
igraph of the path measures; the collapsed networkx graph only for the
networkx engine.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeGuard

from vectorgraph.measures.collapsing import (
    RelationArrays,
    Ties,
    arc_counts,
    arcs_csr,
    collapse,
    document_arrays,
    relation_arrays,
    ties,
)

if TYPE_CHECKING:
    import igraph as ig
    import networkx as nx

    from vectorgraph.document import GraphDocument
    from vectorgraph.measures.paths import _Job


def is_document(G: object) -> TypeGuard[GraphDocument]:
    """Whether ``G`` is a graph document rather than a networkx graph (told by its
    ``to_networkx``: the measures do not import the document model)."""
    return hasattr(G, "to_networkx") and hasattr(G, "relations")


class _Run:
    """The options of one :func:`centralities` call and the graphs it derives, each built once.

    ``G`` is a networkx graph or a :class:`~vectorgraph.GraphDocument` (read without
    networkx when its relations are weighted by ``weight`` or None and name only its
    actors).
    """

    def __init__(self, G: nx.Graph | GraphDocument, **options: Any) -> None:
        self.G = G
        self.weight: str | None = None
        for key, value in options.items():
            setattr(self, key, value)
        self.engine: str
        self.distance: str
        self.directed: bool
        self.include_structural: bool
        self.samples: int | None
        self.seed: int
        self.alpha: float
        self.max_iter: int
        self.tol: float

    @functools.cached_property
    def network(self) -> nx.Graph:
        """``G`` as networkx (a document's :meth:`~vectorgraph.GraphDocument.to_networkx`)."""
        return self.G.to_networkx() if is_document(self.G) else self.G

    @functools.cached_property
    def arrays(self) -> RelationArrays:
        """The relations :func:`collapse` keeps, as arrays."""
        weight, structural = self.weight, self.include_structural
        if is_document(self.G) and weight in ("weight", None):
            # else a relation of an actor the document does not list: networkx adds the actor
            with contextlib.suppress(KeyError):
                return document_arrays(self.G, weight=weight, include_structural=structural)
        return relation_arrays(self.network, weight=weight, include_structural=structural)

    @property
    def nodes(self) -> list[Any]:
        """The actors, sorted by their text."""
        return self.arrays.nodes

    @property
    def size(self) -> int:
        """The number of actors."""
        return len(self.arrays.nodes)

    @functools.cached_property
    def ties(self) -> Ties:
        """The collapsed pairs (undirected)."""
        return ties(self.arrays, False)

    @functools.cached_property
    def graph_ties(self) -> Ties:
        """The collapsed pairs the path and spectral measures read: arcs if ``directed``."""
        return ties(self.arrays, True) if self.directed else self.ties

    @functools.cached_property
    def arcs(self) -> tuple[Any, Any]:
        """Per actor, its distinct arcs in and out on the directed view."""
        return arc_counts(self.arrays)

    @functools.cached_property
    def H(self) -> nx.Graph:
        """The collapsed networkx graph (undirected), for the networkx engine."""
        return collapse(
            self.network, weight=self.weight, include_structural=self.include_structural
        )

    @functools.cached_property
    def graph(self) -> nx.Graph:
        """The collapsed networkx graph the networkx engine's path measures read: arcs if
        ``directed``."""
        if not self.directed:
            return self.H
        return collapse(
            self.network,
            weight=self.weight,
            directed=True,
            include_structural=self.include_structural,
        )

    @functools.cached_property
    def positive(self) -> nx.Graph:
        """The positive layer of :attr:`graph_ties` as networkx, weighted by its strength."""
        import networkx as nx

        t = self.graph_ties
        keep = t.positive > 0
        nodes = t.nodes
        P: nx.Graph = nx.DiGraph() if t.directed else nx.Graph()
        P.add_nodes_from(nodes)
        P.add_weighted_edges_from(
            (nodes[u], nodes[v], w)
            for u, v, w in zip(t.u[keep].tolist(), t.v[keep].tolist(), t.positive[keep].tolist())
        )
        return P

    @functools.cached_property
    def paths(self) -> tuple[ig.Graph, list[Any], list[float] | None]:
        """igraph for the path measures: unweighted in hops, else lengths 1/strength."""
        import igraph as ig

        t = self.graph_ties
        edges = list(zip(t.u.tolist(), t.v.tolist()))
        g = ig.Graph(n=len(t.nodes), edges=edges, directed=t.directed)
        weights = [1.0 / w for w in t.weight.tolist()] if self.distance == "inverse" else None
        return g, t.nodes, weights

    @functools.cached_property
    def in_arcs(self) -> tuple[list[Any], Any, Any]:
        """The nodes and the CSR rows of in-neighbours (both ways when undirected)."""
        return (self.nodes, *arcs_csr(self.arrays, self.directed, reverse=True))

    @functools.cached_property
    def out_arcs(self) -> tuple[list[Any], Any, Any]:
        """The nodes and the CSR rows of out-neighbours (both ways when undirected)."""
        if not self.directed:
            return self.in_arcs
        return (self.nodes, *arcs_csr(self.arrays, True, reverse=False))

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


class _DocumentRun(_Run):
    """The path measures' share of a run, read from a graph document's relations alone.

    Its arrays follow :func:`collapse`'s rule without networkx (it never builds a
    networkx graph: a relation of an actor the document does not list raises
    :class:`KeyError`); :func:`centralities` checks its CSR rows against its own
    graph's before it uses a result.
    """

    def __init__(self, doc: GraphDocument, **options: Any) -> None:
        super().__init__(doc, **options)
        self.doc = doc

    @functools.cached_property
    def arrays(self) -> RelationArrays:
        return document_arrays(
            self.doc, weight=self.weight, include_structural=self.include_structural
        )
