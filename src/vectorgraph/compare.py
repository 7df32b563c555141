"""What changed between two graphs: actors, relations, signs, weights, ranks.

Relations are matched by their ends and type (the ordered pair for a directed
relation, the unordered pair for an undirected one). Several relations with the
same match in one graph count as one, with the noisy-or of their weights (as
:mod:`vectorgraph.merging` combines them) and the sign of their signed weights.

* ``relations_added`` / ``relations_removed``: matches in only one graph;
* ``sign_flips``: a matched relation whose sign changed (``type`` set), and a
  pair of actors whose net sign (the sign of the sum of ``sign * weight`` over
  all their relations) went from cooperative to conflictual or back (``type``
  empty);
* ``weight_changes``: a matched relation of the same sign whose weight changed;
* ``rank_moves``: the actors whose rank by :func:`centrality_ranks` moved most
  (rank 1 is the most central; ``moved`` > 0 means it rose).

Examples
--------
>>> from vectorgraph import GraphDocument
>>> a = GraphDocument.from_dict({"actors": [{"id": "A"}, {"id": "B"}],
...     "relations": [{"source": "A", "target": "B", "type": "trade"}]})
>>> b = GraphDocument.from_dict({"actors": [{"id": "A"}, {"id": "B"}, {"id": "C"}],
...     "relations": [{"source": "A", "target": "B", "type": "sanctions"}]})
>>> d = diff(a, b)
>>> d.actors_added, [r["type"] for r in d.relations_removed]
(['C'], ['trade'])
>>> d.sign_flips
[{'source': 'A', 'target': 'B', 'type': '', 'before': 1, 'after': -1}]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from vectorgraph.document import GraphDocument, Relation
from vectorgraph.ties import TOLERANCE, ends, net_sign, noisy_or, pair

__all__ = ["GraphDiff", "centrality_ranks", "diff"]


def centrality_ranks(doc: GraphDocument) -> dict[str, int]:
    """Each actor's rank by PageRank over the positive ties (1 = most central).

    The PageRank of :func:`vectorgraph.measures.centrality` (cooperative ties,
    parallel relations combined by :func:`vectorgraph.measures.collapse`).
    Equal scores share a rank (1, 2, 2, 4). This is the one place that decides
    centrality for :func:`diff`.

    >>> from vectorgraph import load
    >>> ranks = centrality_ranks(load())
    >>> min(ranks, key=lambda a: (ranks[a], a))
    'KAZ'
    """
    from vectorgraph.measures import centrality

    if not doc.actors:
        return {}
    scores = {a: round(s, 12) for a, s in centrality(doc.to_networkx(), "pagerank").items()}
    ordered = sorted(scores.values(), reverse=True)
    first: dict[float, int] = {}
    for i, s in enumerate(ordered):
        first.setdefault(s, i + 1)
    return {a: first[s] for a, s in scores.items()}


@dataclass(frozen=True, slots=True)
class GraphDiff:
    """The changes from graph ``a`` to graph ``b`` (see the module)."""

    actors_added: list[str] = field(default_factory=list)
    actors_removed: list[str] = field(default_factory=list)
    relations_added: list[dict[str, Any]] = field(default_factory=list)
    relations_removed: list[dict[str, Any]] = field(default_factory=list)
    sign_flips: list[dict[str, Any]] = field(default_factory=list)
    weight_changes: list[dict[str, Any]] = field(default_factory=list)
    rank_moves: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def rows(self) -> list[dict[str, Any]]:
        """One row per change: ``change, source, target, type, before, after``."""
        out: list[dict[str, Any]] = []
        out += [{"change": "actor added", "source": a} for a in self.actors_added]
        out += [{"change": "actor removed", "source": a} for a in self.actors_removed]
        out += [
            {"change": "relation added", **r, "after": r["weight"]} for r in self.relations_added
        ]
        out += [
            {"change": "relation removed", **r, "before": r["weight"]}
            for r in self.relations_removed
        ]
        out += [{"change": "sign flip", **r} for r in self.sign_flips]
        out += [{"change": "weight change", **r} for r in self.weight_changes]
        out += [
            {
                "change": "rank moved",
                "source": r["actor"],
                "before": r["before"],
                "after": r["after"],
            }
            for r in self.rank_moves
        ]
        return out


def _key(rel: Relation) -> tuple[str, str, str]:
    return (*ends(rel.source, rel.target, rel.directed), rel.type)


def _matched(doc: GraphDocument) -> dict[tuple[str, str, str], tuple[int, float]]:
    groups: dict[tuple[str, str, str], list[Relation]] = {}
    for rel in doc.relations:
        groups.setdefault(_key(rel), []).append(rel)
    out = {}
    for key, rels in groups.items():
        sign = rels[0].sign if len(rels) == 1 else net_sign(sum(r.sign * r.weight for r in rels))
        out[key] = (sign, noisy_or(r.weight for r in rels))
    return out


def _pair_signs(doc: GraphDocument) -> dict[tuple[str, str], int]:
    net: dict[tuple[str, str], float] = {}
    for rel in doc.relations:
        key = pair(rel.source, rel.target)
        net[key] = net.get(key, 0.0) + rel.sign * rel.weight
    return {p: net_sign(v) for p, v in net.items()}


def diff(a: GraphDocument, b: GraphDocument, *, top: int = 10) -> GraphDiff:
    """The changes from ``a`` to ``b``; ``top`` limits the rank moves listed."""
    ids_a, ids_b = {x.id for x in a.actors}, {x.id for x in b.actors}
    ma, mb = _matched(a), _matched(b)

    def row(key: tuple[str, str, str], value: tuple[int, float]) -> dict[str, Any]:
        return {
            "source": key[0],
            "target": key[1],
            "type": key[2],
            "sign": value[0],
            "weight": value[1],
        }

    flips: list[dict[str, Any]] = []
    weights: list[dict[str, Any]] = []
    for key in sorted(ma.keys() & mb.keys()):
        (sa, wa), (sb, wb) = ma[key], mb[key]
        change = {"source": key[0], "target": key[1], "type": key[2]}
        if sa != sb:
            flips.append({**change, "before": sa, "after": sb})
        elif abs(wa - wb) > TOLERANCE:
            weights.append({**change, "before": wa, "after": wb})
    pa, pb = _pair_signs(a), _pair_signs(b)
    for p in sorted(pa.keys() & pb.keys()):
        if pa[p] * pb[p] == -1:
            flips.append(
                {"source": p[0], "target": p[1], "type": "", "before": pa[p], "after": pb[p]}
            )
    ra, rb = centrality_ranks(a), centrality_ranks(b)
    moves: list[dict[str, Any]] = [
        {"actor": x, "before": ra[x], "after": rb[x], "moved": ra[x] - rb[x]}
        for x in ra.keys() & rb.keys()
        if ra[x] != rb[x]
    ]
    moves.sort(key=lambda m: (-abs(m["moved"]), m["actor"]))
    return GraphDiff(
        actors_added=sorted(ids_b - ids_a),
        actors_removed=sorted(ids_a - ids_b),
        relations_added=[row(k, mb[k]) for k in sorted(mb.keys() - ma.keys())],
        relations_removed=[row(k, ma[k]) for k in sorted(ma.keys() - mb.keys())],
        sign_flips=flips,
        weight_changes=weights,
        rank_moves=moves[:top],
    )
