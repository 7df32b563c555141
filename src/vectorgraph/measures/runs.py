"""The options of one :func:`~vectorgraph.measures.centralities` call and the graphs it derives.

:class:`_Run` builds each graph a measure reads once, when first asked: the
collapsed graph, its directed view, the positive layer, the igraph of the path
measures, and the CSR rows the searches read. :class:`_DocumentRun` gives the
same CSR rows from a graph document, without networkx, by the rule of
:func:`vectorgraph.measures.collapsing.document_arcs`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from vectorgraph.measures.collapsing import (
    arc_degrees,
    collapse,
    document_arcs,
    graph_arcs,
    positive_layer,
)
from vectorgraph.measures.paths import _path_graph

if TYPE_CHECKING:
    import igraph as ig
    import networkx as nx

    from vectorgraph.document import GraphDocument
    from vectorgraph.measures.paths import _Job


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
        return graph_arcs(self.graph, reverse=reverse)

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
        return document_arcs(
            self.doc,
            directed=self.directed,
            include_structural=self.include_structural,
            reverse=reverse,
        )
