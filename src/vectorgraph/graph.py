"""From a graph document to a plain networkx graph.

:func:`to_networkx` gives a :class:`networkx.MultiDiGraph` that holds everything:
node attributes ``name``, ``type``, ``aliases``, ``members``, ``note``; one edge per
relation, keyed by the relation's id (or ``r<index>``), with ``type``, ``sign``,
``score``, ``weight``, ``directed``, ``date``, ``confidence``, ``note``,
``count`` (set by merging) and ``evidence`` (a list of dicts with ``source``, ``sentence`` and ``quote``). An
undirected relation is one edge, from ``source`` to ``target``, with
``directed=False``; measures decide how to read it.

Examples
--------
>>> from vectorgraph import load
>>> G = load().to_networkx()
>>> G.nodes["KAZ"]["type"]
'state'
>>> sorted({d["type"] for _, _, d in G.edges("CSTO", data=True)})
['security_assistance']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vectorgraph.document import GraphDocument

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["edge_key", "to_networkx"]


def edge_key(index: int, relation_id: str | None) -> str:
    """The key of a relation's edge: its id, or ``r<index>`` when it has none."""
    return relation_id if relation_id is not None else f"r{index}"


def to_networkx(doc: GraphDocument) -> nx.MultiDiGraph:
    """The document as a new :class:`networkx.MultiDiGraph` with every attribute."""
    import networkx as nx

    from vectorgraph.measures.collapsing import no_gc

    with no_gc():  # many small objects (attribute dicts, evidence), none in a cycle
        return _build(nx.MultiDiGraph(title=doc.title), doc)


def _build(G: nx.MultiDiGraph, doc: GraphDocument) -> nx.MultiDiGraph:
    for actor in doc.actors:
        G.add_node(
            actor.id,
            name=actor.name,
            type=actor.type,
            aliases=list(actor.aliases),
            members=list(actor.members),
            note=actor.note,
        )
    for i, rel in enumerate(doc.relations):
        G.add_edge(
            rel.source,
            rel.target,
            key=edge_key(i, rel.id),
            type=rel.type,
            sign=rel.sign,
            score=rel.score,
            weight=rel.weight,
            directed=rel.directed,
            date=rel.date,
            confidence=rel.confidence,
            note=rel.note,
            count=rel.count,
            evidence=[e.to_dict() for e in rel.evidence],
        )
    return G
