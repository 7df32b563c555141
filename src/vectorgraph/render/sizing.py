"""Node sizes: one centrality value per actor, by the measure the user names.

This is the single place where the page asks for a measure. It computes with
networkx for now; when :mod:`vectorgraph.measures` lands, :func:`centrality`
should delegate to ``vectorgraph.measures.centrality`` and keep its signature.

Examples
--------
>>> from vectorgraph import load
>>> G = load().to_networkx()
>>> values = centrality(G, "degree")
>>> values["KAZ"] == G.degree("KAZ")
True
>>> max(centrality(G, "pagerank").items(), key=lambda kv: kv[1])[0]
'KAZ'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SIZE_MEASURES", "centrality"]

#: The measures ``--size-by`` accepts. ``none`` draws every actor the same size.
SIZE_MEASURES: tuple[str, ...] = ("pagerank", "degree", "none")


def centrality(G: nx.MultiDiGraph, measure: str = "pagerank") -> dict[str, float]:
    """``{actor: value}`` of ``measure`` on the graph of :func:`vectorgraph.to_networkx`.

    ``pagerank`` runs on the cooperative ties only (sign > 0), weighted by
    ``weight``, an undirected relation counting both ways: an actor is central
    when central actors cooperate with it. ``degree`` counts relations of every
    sign. ``none`` gives 1.0 to every actor.

    Raises ValueError for a measure not in :data:`SIZE_MEASURES`.
    """
    import networkx as nx

    if measure == "none":
        return {n: 1.0 for n in G}
    if measure == "degree":
        return {n: float(d) for n, d in G.degree()}
    if measure == "pagerank":
        H = nx.DiGraph()
        H.add_nodes_from(G)
        for s, t, data in G.edges(data=True):
            if data.get("sign", 0) <= 0 or s == t:
                continue
            pairs = [(s, t)] if data.get("directed", True) else [(s, t), (t, s)]
            for a, b in pairs:
                w = float(data.get("weight", 1.0))
                if H.has_edge(a, b):
                    H[a][b]["weight"] += w
                else:
                    H.add_edge(a, b, weight=w)
        if len(H) == 0:
            return {}
        return {n: float(v) for n, v in nx.pagerank(H, weight="weight").items()}
    raise ValueError(f"unknown measure {measure!r} (one of {', '.join(SIZE_MEASURES)})")
