"""What the page draws: a graph document turned into a compact, ordered payload.

The payload is plain JSON: tables of actor types, signs, relation types and
sources, then one array per actor and per relation (arrays, not objects, keep a
50,000-relation page small). The page script turns it into vis-network items.

Actor row: ``[id, name, type index, x, y, size, measure, degree, aliases, note]``.
Relation row: ``[from, to, type index, sign, weight, directed, key, score, date,
note, confidence, smooth, evidence]``; ``from``/``to`` are actor row indices,
``smooth`` is 0 for a straight line or the signed roundness of a curve
(positive: clockwise), and evidence is ``[[source index, sentence, quote], ...]``.

Examples
--------
>>> from vectorgraph import load
>>> data, mode = payload(load())
>>> len(data["nodes"]), len(data["edges"]), mode.physics
(28, 43, True)
>>> data["nodes"][0][:3]
['KAZ', 'Kazakhstan', 0]
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.graph import edge_key
from vectorgraph.render import layout, sizing, style
from vectorgraph.vocabulary import ACTOR_TYPES

__all__ = ["RenderMode", "curve_roundness", "neighbourhood", "payload"]


@dataclass(frozen=True, slots=True)
class RenderMode:
    """How a page was drawn: its size, physics on or off, and the layout."""

    actors: int
    relations: int
    physics: bool
    layout: str
    size_by: str

    def describe(self) -> str:
        """One line for the user, e.g. on stderr.

        >>> RenderMode(5, 9, False, "igraph Fruchterman-Reingold, seed 0", "degree").describe()
        '5 actors, 9 relations: physics off (static layout: igraph Fruchterman-Reingold, seed 0); sized by degree'
        """
        if self.physics:
            how = f"physics on (Barnes-Hut, starting from {self.layout})"
        else:
            how = f"physics off (static layout: {self.layout})"
        return f"{self.actors} actors, {self.relations} relations: {how}; sized by {self.size_by}"


def neighbourhood(doc: GraphDocument, actor: str, depth: int = 1) -> GraphDocument:
    """The actors within ``depth`` ties of ``actor`` (id, name or alias) and the relations among them.

    Raises :class:`vectorgraph.NotFoundError` for an unknown actor.

    >>> from vectorgraph import load
    >>> sub = neighbourhood(load(), "Tokayev", depth=1)
    >>> sorted(a.id for a in sub.actors)
    ['KAZ', 'TOKAYEV']
    """
    import networkx as nx

    centre = doc.find_actor(actor).id
    G = doc.to_networkx().to_undirected(as_view=True)
    keep = set(nx.single_source_shortest_path_length(G, centre, cutoff=max(0, depth)))
    return replace(
        doc,
        actors=tuple(a for a in doc.actors if a.id in keep),
        relations=tuple(r for r in doc.relations if r.source in keep and r.target in keep),
    )


def curve_roundness(count: int) -> list[float]:
    """The signed roundness of ``count`` parallel relations, in drawing order.

    One relation is straight; more fan out on both sides, an odd one in the middle.

    >>> curve_roundness(1), curve_roundness(2), curve_roundness(3)
    ([0.0], [0.2, -0.2], [0.0, 0.2, -0.2])
    """
    if count <= 1:
        return [0.0]
    step = min(0.2, 0.9 / math.ceil(count / 2))
    out = [0.0] if count % 2 else []
    k = 1
    while len(out) < count:
        out += [round(k * step, 3), round(-k * step, 3)]
        k += 1
    return out[:count]


def _sig(value: float) -> float:
    return float(f"{value:.6g}")


def payload(
    doc: GraphDocument,
    *,
    size_by: str = "pagerank",
    seed: int = 0,
    physics: bool | None = None,
    title: str | None = None,
) -> tuple[dict[str, Any], RenderMode]:
    """The page's data for ``doc`` and the mode it is drawn in.

    ``physics`` None chooses by size (:func:`vectorgraph.render.layout.use_physics`).
    """
    G = doc.to_networkx()
    values = sizing.centrality(G, size_by)
    degree = dict(G.degree())
    ids = [a.id for a in doc.actors]
    index = {a: i for i, a in enumerate(ids)}
    pos = layout.positions(ids, [(r.source, r.target) for r in doc.relations], seed=seed)
    if physics is None:
        physics = layout.use_physics(len(doc.actors), len(doc.relations))
    mode = RenderMode(
        len(doc.actors),
        len(doc.relations),
        physics,
        f"igraph Fruchterman-Reingold, seed {seed}",
        size_by,
    )

    present = {a.type for a in doc.actors}
    actor_types = [t for t in ACTOR_TYPES if t in present] + sorted(present - set(ACTOR_TYPES))
    type_index = {t: i for i, t in enumerate(actor_types)}
    vocab = doc.types
    used = sorted(
        {r.type for r in doc.relations}, key=lambda t: (-vocab[t].sign if t in vocab else 0, t)
    )
    rel_index = {t: i for i, t in enumerate(used)}
    source_index = {s.id: i for i, s in enumerate(doc.sources)}

    low = min(values.values(), default=0.0)
    high = max(values.values(), default=0.0)
    nodes = []
    for a in doc.actors:
        value = values.get(a.id, 0.0)
        x, y = pos[a.id]
        nodes.append(
            [
                a.id,
                a.name,
                type_index[a.type],
                x,
                y,
                style.node_size(value, low, high),
                _sig(value),
                degree.get(a.id, 0),
                list(a.aliases),
                a.note,
            ]
        )

    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(doc.relations):
        groups[(min(r.source, r.target), max(r.source, r.target))].append(i)
    smooth = [0.0] * len(doc.relations)
    for (low_id, _), members in groups.items():
        for i, rnd in zip(members, curve_roundness(len(members))):
            smooth[i] = rnd if doc.relations[i].source == low_id else -rnd

    edges = []
    for i, r in enumerate(doc.relations):
        evidence = [[source_index.get(e.source, -1), e.sentence, e.quote] for e in r.evidence]
        edges.append(
            [
                index[r.source],
                index[r.target],
                rel_index[r.type],
                r.sign,
                _sig(r.weight),
                int(r.directed),
                edge_key(i, r.id),
                r.score,
                r.date,
                r.note,
                r.confidence,
                smooth[i],
                evidence,
            ]
        )

    data = {
        "format": 1,
        "title": doc.title if title is None else title,
        "description": doc.description,
        "measure": size_by,
        "physics": physics,
        "actorTypes": [
            {"id": t, "color": style.actor_style(t)[0], "shape": style.actor_style(t)[1]}
            for t in actor_types
        ],
        "signs": [
            {"id": s, "label": label, "color": color}
            for s, (label, color) in style.SIGN_STYLES.items()
        ],
        "relationTypes": [
            {
                "id": t,
                "label": vocab[t].label if t in vocab else t,
                "sign": vocab[t].sign if t in vocab else 0,
                "dashes": style.relation_dashes(t, vocab),
            }
            for t in used
        ],
        "sources": [s.to_dict() for s in doc.sources],
        "nodes": nodes,
        "edges": edges,
    }
    return data, mode
