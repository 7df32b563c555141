"""Questions about one actor or two: its ties with their evidence, the chains between two.

Actors are named by id, name or alias (case-insensitive, see
:meth:`GraphDocument.find_actor`).

A chain is a shortest path over the undirected graph of ties (two actors are
adjacent when any relation joins them, in either direction). Each hop lists the
relations between its two actors; its sign is the sign of the sum of ``sign *
weight`` over them (0 when they cancel or are all structural), and the chain's
sign is the product of its hops' signs: the enemy of a friend is an enemy.

Examples
--------
>>> from vectorgraph import load
>>> [t["type"] for t in actor_ties(load(), "Astana", sign=-1)][:2]
['distancing', 'hostility']
>>> chain = shortest_chains(load(), "TUR", "Moscow")[0]
>>> chain["actors"], chain["sign"]
(['TUR', 'KAZ', 'RUS'], 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from vectorgraph.document import GraphDocument, Relation
from vectorgraph.errors import NotFoundError
from vectorgraph.ties import net_sign

__all__ = ["actor_ties", "shortest_chains"]


def _direction(rel: Relation, actor: str) -> str:
    if not rel.directed:
        return "--"
    return "->" if rel.source == actor else "<-"


def actor_ties(
    doc: GraphDocument,
    name: str,
    *,
    sign: int | Iterable[int] | None = None,
    type: str | Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """The relations of the actor called ``name``, strongest first, each with its evidence.

    Each item has ``actor``, ``direction`` (``->`` it acts on the other, ``<-``
    the other acts on it, ``--`` undirected), ``other``, ``other_name``,
    ``type``, ``sign``, ``weight``, ``date``, ``id`` and ``evidence`` (a list of
    ``{source, sentence, quote}``). Sorted by weight, then the other's id, then type.
    """
    actor = doc.find_actor(name)
    sliced = doc.filter(sign=sign, type=type)
    out: list[dict[str, Any]] = []
    for rel in sliced.ties(actor.id):
        other = doc.actor(rel.other(actor.id))
        out.append(
            {
                "actor": actor.id,
                "direction": _direction(rel, actor.id),
                "other": other.id,
                "other_name": other.name,
                "type": rel.type,
                "sign": rel.sign,
                "weight": rel.weight,
                "date": rel.date,
                "id": rel.id,
                "evidence": [
                    {"source": e.source, "sentence": e.sentence, "quote": e.quote}
                    for e in rel.evidence
                ],
            }
        )
    out.sort(key=lambda t: (-t["weight"], t["other"], t["type"]))
    return out


def _hop(doc: GraphDocument, a: str, b: str) -> dict[str, Any]:
    rels = sorted(doc.between(a, b), key=lambda r: (-r.sign * r.weight, r.type))
    return {
        "source": a,
        "target": b,
        "sign": net_sign(sum(r.sign * r.weight for r in rels)),
        "relations": [
            {"type": r.type, "sign": r.sign, "weight": r.weight, "direction": _direction(r, a)}
            for r in rels
        ],
    }


def shortest_chains(
    doc: GraphDocument,
    a: str,
    b: str,
    *,
    limit: int | None = 20,
    sign: int | Iterable[int] | None = None,
    type: str | Iterable[str] | None = None,
) -> list[dict[str, Any]]:
    """All shortest chains of ties from actor ``a`` to ``b`` (ids, names or aliases).

    ``sign``/``type`` keep only those relations. Each chain has ``actors`` (the
    ids along it), ``hops`` (see the module) and ``sign``; chains are sorted by
    their actors' ids, at most ``limit`` of them. Raises :class:`NotFoundError`
    when no chain joins them.
    """
    import networkx as nx

    start, end = doc.find_actor(a).id, doc.find_actor(b).id
    if start == end:
        raise NotFoundError(f"{a!r} and {b!r} are the same actor ({start})")
    sliced = doc.filter(sign=sign, type=type)
    G = nx.Graph()
    G.add_nodes_from(x.id for x in doc.actors)
    G.add_edges_from((r.source, r.target) for r in sliced.relations)
    try:
        paths = sorted(nx.all_shortest_paths(G, start, end))
    except nx.NetworkXNoPath:
        raise NotFoundError(f"no chain of ties joins {start} and {end}") from None
    chains = []
    for path in paths[:limit]:
        hops = [_hop(sliced, u, v) for u, v in pairwise(path)]
        product = 1
        for hop in hops:
            product *= hop["sign"]
        chains.append({"actors": path, "hops": hops, "sign": product})
    return chains
