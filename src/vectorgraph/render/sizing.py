"""Node sizes: one centrality value per actor, by the measure the user names.

Every measure of :func:`vectorgraph.measures.centrality` can size the actors
(``signed`` gives several columns and cannot); ``none`` draws every actor the
same size. The default, ``pagerank``, runs on cooperative ties only: an actor
is large when central actors cooperate with it.

Examples
--------
>>> from vectorgraph import load
>>> G = load().to_networkx()
>>> max(size_values(G, "pagerank").items(), key=lambda kv: kv[1])[0]
'KAZ'
>>> set(size_values(G, "none").values())
{1.0}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vectorgraph.document import GraphDocument
from vectorgraph.errors import ArgumentError
from vectorgraph.measures.centrality import CENTRALITY_MEASURES

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SIZE_MEASURES", "size_values"]

#: The measures ``--size-by`` accepts.
SIZE_MEASURES: tuple[str, ...] = (*(m for m in CENTRALITY_MEASURES if m != "signed"), "none")


def size_values(G: nx.MultiDiGraph | GraphDocument, measure: str = "pagerank") -> dict[str, float]:
    """``{actor: value}`` that sizes actors: ``measure`` of :func:`vectorgraph.measures.centrality`.

    Named apart from that function: it also takes ``none``, and refuses ``signed``.
    ``G`` is the graph of :func:`vectorgraph.to_networkx`, or the document itself (the same
    values, without building the graph).

    Raises :class:`vectorgraph.ArgumentError` (a ValueError) for a measure not in :data:`SIZE_MEASURES`.
    """
    if measure not in SIZE_MEASURES:
        raise ArgumentError(f"unknown measure {measure!r} (one of {', '.join(SIZE_MEASURES)})")
    if measure == "none":
        return (
            {a.id: 1.0 for a in G.actors} if isinstance(G, GraphDocument) else {n: 1.0 for n in G}
        )
    from vectorgraph.measures import centrality as measure_centrality

    return {n: float(v) for n, v in measure_centrality(G, measure).items()}
