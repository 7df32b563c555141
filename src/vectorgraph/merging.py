"""One graph from many documents: actors by id, relations combined, conflicts kept.

The rules, in the order of the documents given:

* **Actors** with the same id become one actor. The first name and the first
  type win; later different names become aliases; aliases and members are
  joined (first-seen order, without repeats); the first note wins. Differing
  types are reported in :attr:`Merged.conflicts`.
* **Relations** with the same type, sign and direction between the same actors
  (the same ordered pair for directed relations, the same unordered pair for
  undirected ones) become one relation: evidence is concatenated without
  repeats, ``count`` is the number of relations combined (counts add up when
  merged documents are merged again), the weight is the noisy-or
  ``1 - prod(1 - w)`` (it stays in (0, 1] and grows with each independent
  claim), the score is the mean score, the confidence the highest one, the date
  the smallest period that covers every dated claim, and id and note the first
  ones given (with ``by_date``, only relations of the same date are combined:
  a covering period blurs time slices). Relations between the same actors with opposite signs (a claim
  and its contradiction) are never combined: both stay. When the documents
  disagree (a pair has both signs, and some document asserts only one of them),
  the pair is listed in :attr:`Merged.conflicts`.
* **Sources** with the same id and the same fields are one source; a source id
  used by different sources is renamed ``<id>~2``, ``~3``... in the later
  document, its evidence with it. Relative paths are rebased onto ``base``.
* **Vocabulary** additions are joined; a type defined twice differently keeps
  the first definition and is reported.
* A relation id used by two different merged relations gets ``~2``, ``~3``...

Examples
--------
>>> a = GraphDocument.from_dict({"title": "a", "actors": [{"id": "A"}, {"id": "B"}],
...     "relations": [{"source": "A", "target": "B", "type": "trade", "weight": 0.5}]})
>>> b = GraphDocument.from_dict({"title": "b", "actors": [{"id": "B"}, {"id": "A"}],
...     "relations": [{"source": "B", "target": "A", "type": "trade", "weight": 0.5}]})
>>> rel = merge([a, b]).document.relations[0]
>>> rel.count, rel.weight
(2, 0.75)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from vectorgraph.document import Actor, GraphDocument, Relation, Source
from vectorgraph.errors import ArgumentError
from vectorgraph.ties import ends, noisy_or, pair

__all__ = ["Merged", "merge", "merge_key"]


@dataclass(frozen=True, slots=True)
class Merged:
    """The merged document and what the merge had to decide."""

    document: GraphDocument
    conflicts: list[str] = field(default_factory=list)


def merge_key(rel: Relation, by_date: bool = False) -> tuple[Any, ...]:
    """Relations with equal keys are combined: type, sign, direction and the ends (and date)."""
    return (
        ends(rel.source, rel.target, rel.directed),
        rel.type,
        rel.sign,
        rel.directed,
        rel.date if by_date else None,
    )


def _label(doc: GraphDocument, i: int) -> str:
    return doc.path or doc.title or f"document {i + 1}"


def _period(rels: Sequence[Relation]) -> str | None:
    dated = [r for r in rels if r.date]
    if not dated:
        return None
    if len({r.date for r in dated}) == 1:
        return dated[0].date
    periods = [r.period for r in dated if r.period is not None]
    lo, hi = min(p[0] for p in periods), max(p[1] for p in periods)
    left = "" if lo == dt.date.min else lo.isoformat()
    right = "" if hi == dt.date.max else hi.isoformat()
    return f"{left}/{right}"


def _combine(rels: list[Relation]) -> Relation:
    first = rels[0]
    if len(rels) == 1:
        return first
    evidence = list(dict.fromkeys(e for r in rels for e in r.evidence))
    confidences = [r.confidence for r in rels if r.confidence is not None]
    return replace(
        first,
        evidence=tuple(evidence),
        count=sum(r.count or 1 for r in rels),
        weight=noisy_or(r.weight for r in rels),
        score=round(sum(r.score for r in rels) / len(rels), 6),
        confidence=max(confidences) if confidences else None,
        date=_period(rels),
        id=next((r.id for r in rels if r.id is not None), None),
        note=next((r.note for r in rels if r.note is not None), None),
    )


def _rename(name: str, taken: set[str]) -> str:
    n = 2
    while f"{name}~{n}" in taken:
        n += 1
    return f"{name}~{n}"


def merge(
    docs: Sequence[GraphDocument],
    *,
    title: str | None = None,
    base: str | Path | None = None,
    by_date: bool = False,
) -> Merged:
    """Merge documents into one (see the module's rules); it validates.

    ``by_date`` combines only relations with the same ``date`` too, so that
    time slices of the merged graph stay as sharp as those of its parts.

    ``base`` is the folder the merged document will be written to: the sources'
    relative paths are rebased onto it from each document's own folder.
    """
    from vectorgraph.interchange import rebase_sources

    if not docs:
        raise ArgumentError("nothing to merge: give at least one document")
    conflicts: list[str] = []
    sources: dict[str, Source] = {}
    types: dict[str, Any] = {}
    actors: dict[str, dict[str, Any]] = {}
    groups: dict[tuple[Any, ...], list[tuple[int, Relation]]] = {}
    for i, doc in enumerate(docs):
        label = _label(doc, i)
        if base is not None and doc.path is not None:
            doc = rebase_sources(doc, Path(doc.path).parent, base)
        renamed: dict[str, str] = {}
        for src in doc.sources:
            if src.id in sources and sources[src.id] != src:
                new = _rename(src.id, set(sources))
                renamed[src.id] = new
                conflicts.append(
                    f"source {src.id!r} of {label} differs from an earlier one: renamed {new!r}"
                )
                src = replace(src, id=new)
            sources.setdefault(src.id, src)
        for kind in doc.vocabulary:
            if kind.id in types and types[kind.id] != kind:
                conflicts.append(
                    f"relation type {kind.id!r} of {label} differs from an earlier "
                    "definition: kept the first"
                )
            types.setdefault(kind.id, kind)
        for actor in doc.actors:
            _add_actor(actors, actor, label, conflicts)
        for rel in doc.relations:
            if renamed:
                rel = replace(
                    rel,
                    evidence=tuple(
                        replace(e, source=renamed.get(e.source, e.source)) for e in rel.evidence
                    ),
                )
            groups.setdefault(merge_key(rel, by_date), []).append((i, rel))
    relations = _relations(groups, [_label(d, i) for i, d in enumerate(docs)], conflicts)
    merged = GraphDocument(
        title=title or " + ".join(dict.fromkeys(d.title for d in docs if d.title)) or "merged",
        sources=tuple(sources.values()),
        vocabulary=tuple(types.values()),
        actors=tuple(
            Actor(
                id=a["id"],
                name=a["name"],
                type=a["type"],
                aliases=tuple(a["aliases"]),
                members=tuple(a["members"]),
                note=a["note"],
            )
            for a in actors.values()
        ),
        relations=tuple(relations),
    )
    return Merged(merged, conflicts)


def _add_actor(
    actors: dict[str, dict[str, Any]], actor: Actor, label: str, conflicts: list[str]
) -> None:
    seen = actors.get(actor.id)
    if seen is None:
        actors[actor.id] = {
            "id": actor.id,
            "name": actor.name,
            "type": actor.type,
            "aliases": dict.fromkeys(actor.aliases),
            "members": dict.fromkeys(actor.members),
            "note": actor.note,
        }
        return
    if actor.type != seen["type"]:
        conflicts.append(
            f"actor {actor.id!r}: type {actor.type!r} in {label}, "
            f"{seen['type']!r} earlier: kept {seen['type']!r}"
        )
    for alias in (actor.name, *actor.aliases):
        if alias != seen["name"]:
            seen["aliases"].setdefault(alias)
    for member in actor.members:
        seen["members"].setdefault(member)
    if seen["note"] is None:
        seen["note"] = actor.note


def _relations(
    groups: dict[tuple[Any, ...], list[tuple[int, Relation]]],
    labels: list[str],
    conflicts: list[str],
) -> list[Relation]:
    out: list[Relation] = []
    ids: set[str] = set()
    claims: dict[tuple[str, str], dict[int, dict[int, None]]] = {}
    for members in groups.values():
        rel = _combine([r for _, r in members])
        if rel.id is not None:
            new_id = _rename(rel.id, ids) if rel.id in ids else rel.id
            rel = replace(rel, id=new_id)
            ids.add(new_id)
        out.append(rel)
        if rel.sign:
            by_sign = claims.setdefault(pair(rel.source, rel.target), {})
            by_sign.setdefault(rel.sign, {}).update(dict.fromkeys(i for i, _ in members))
    for (a, b), by_sign in claims.items():
        plus, minus = by_sign.get(1, {}), by_sign.get(-1, {})
        if plus and minus and set(plus) | set(minus) != set(plus) & set(minus):
            conflicts.append(
                f"{a} and {b}: cooperative in {', '.join(labels[i] for i in plus)}, "
                f"conflictual in {', '.join(labels[i] for i in minus)}: "
                "both kept"
            )
    return out
