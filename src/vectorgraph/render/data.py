"""What the page draws: a graph document turned into a compact, ordered payload.

The payload is plain JSON: tables of actor types, signs, relation types and
sources, then one array per actor and per relation (arrays, not objects, keep a
50,000-relation page small). The page script turns it into vis-network items.

Actor row: ``[id, name, type index, x, y, size, measure, relations, aliases,
note]``; ``relations`` counts the actor's relations (not its distinct partners,
which the ``degree`` measure counts), so 0 marks an isolate.
Relation row: ``[from, to, type index, sign, weight, directed, key, score, date,
note, confidence, smooth, evidence]``; ``from``/``to`` are actor row indices,
``smooth`` is 0 for a straight line or the signed roundness of a curve
(positive: clockwise), and evidence is ``[[source index, sentence, quote], ...]``
(the page moves it into a block of its own, read when it is first shown).

:func:`payload` assembles the tables (:func:`tables`), the actor rows
(:func:`actor_rows`) and the relation rows (:func:`relation_rows`, with the
curves of parallel relations from :func:`curves`).

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
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.graph import edge_key
from vectorgraph.measures.collapsing import no_gc
from vectorgraph.render import layout, sizing, style
from vectorgraph.ties import pair
from vectorgraph.vocabulary import ACTOR_TYPES

__all__ = [
    "RenderMode",
    "actor_rows",
    "curve_roundness",
    "curves",
    "neighbourhood",
    "payload",
    "relation_counts",
    "relation_rows",
    "tables",
]


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


def relation_counts(doc: GraphDocument) -> dict[str, int]:
    """``{actor: number of relations it takes part in}`` (a self-loop counts twice).

    >>> from vectorgraph import load
    >>> relation_counts(neighbourhood(load(), "Tokayev"))
    {'KAZ': 1, 'TOKAYEV': 1}
    """
    counts: Counter[str] = Counter({a.id: 0 for a in doc.actors})
    for r in doc.relations:
        counts[r.source] += 1
        counts[r.target] += 1
    return dict(counts)


def tables(doc: GraphDocument) -> dict[str, Any]:
    """The lookup tables rows refer to by index: actor types, signs, relation types, sources."""
    present = {a.type for a in doc.actors}
    actor_types = [t for t in ACTOR_TYPES if t in present] + sorted(present - set(ACTOR_TYPES))
    vocab = doc.types
    used = sorted(
        {r.type for r in doc.relations}, key=lambda t: (-vocab[t].sign if t in vocab else 0, t)
    )
    return {
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
        "lineStyles": [{"dashes": d, "label": label} for d, label in style.LINE_STYLES],
        "sources": [s.to_dict() for s in doc.sources],
    }


def _index(rows: Sequence[Mapping[str, Any]]) -> dict[Any, int]:
    return {row["id"]: i for i, row in enumerate(rows)}


def actor_rows(
    doc: GraphDocument,
    values: Mapping[str, float],
    pos: Mapping[Any, tuple[float, float]],
    types: Mapping[str, int],
) -> list[list[Any]]:
    """One row per actor (see the module's docstring), sized by ``values``."""
    low = min(values.values(), default=0.0)
    high = max(values.values(), default=0.0)
    counts = relation_counts(doc)
    rows = []
    for a in doc.actors:
        value = values.get(a.id, 0.0)
        x, y = pos[a.id]
        rows.append(
            [
                a.id,
                a.name,
                types[a.type],
                x,
                y,
                style.node_size(value, low, high),
                _sig(value),
                counts[a.id],
                list(a.aliases),
                a.note,
            ]
        )
    return rows


def curves(doc: GraphDocument) -> list[float]:
    """The signed roundness of every relation: parallel relations of a pair fan out.

    The sign is flipped for relations drawn against the pair's order, so that
    each relation of a pair takes a side of its own.
    """
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, r in enumerate(doc.relations):
        groups[pair(r.source, r.target)].append(i)
    smooth = [0.0] * len(doc.relations)
    for (first, _), members in groups.items():
        for i, rnd in zip(members, curve_roundness(len(members))):
            smooth[i] = rnd if doc.relations[i].source == first else -rnd
    return smooth


def relation_rows(
    doc: GraphDocument, types: Mapping[str, int], sources: Mapping[str, int]
) -> list[list[Any]]:
    """One row per relation (see the module's docstring)."""
    index = {a.id: i for i, a in enumerate(doc.actors)}
    smooth = curves(doc)
    rows = []
    for i, r in enumerate(doc.relations):
        evidence = [[sources.get(e.source, -1), e.sentence, e.quote] for e in r.evidence]
        rows.append(
            [
                index[r.source],
                index[r.target],
                types[r.type],
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
    return rows


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
    with no_gc():  # millions of small objects (evidence rows), none in a cycle
        return _payload(doc, size_by, seed, physics, title)


def _payload(
    doc: GraphDocument, size_by: str, seed: int, physics: bool | None, title: str | None
) -> tuple[dict[str, Any], RenderMode]:
    ids = [a.id for a in doc.actors]
    laid = layout.start_positions(ids, [(r.source, r.target) for r in doc.relations], seed=seed)
    values = sizing.size_values(doc, size_by)  # from the document: no networkx graph built
    pos = laid()
    if physics is None:
        physics = layout.use_physics(len(doc.actors), len(doc.relations))
    mode = RenderMode(
        len(doc.actors),
        len(doc.relations),
        physics,
        f"igraph Fruchterman-Reingold, seed {seed}",
        size_by,
    )
    data = tables(doc)
    data.update(
        {
            "format": 1,
            "title": doc.title if title is None else title,
            "description": doc.description,
            "measure": size_by,
            "physics": physics,
            "nodes": actor_rows(doc, values, pos, _index(data["actorTypes"])),
            "edges": relation_rows(
                doc, _index(data["relationTypes"]), {s.id: i for i, s in enumerate(doc.sources)}
            ),
        }
    )
    return data, mode
