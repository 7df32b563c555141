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

:func:`merge` streams: it takes any iterable of documents (a generator that
loads one file at a time) and keeps, of each, only what the merged document
needs (each tie's evidence once, and one weight and score per claim), so
memory stays flat in the number of documents.

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
from collections.abc import Iterable
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
    #: How many relations the documents held before they were combined.
    relations_read: int = 0


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


class _Group:
    """The relations combined into one, gathered one at a time (see the module's rules)."""

    __slots__ = (
        "confidence",
        "count",
        "dates",
        "docs",
        "evidence",
        "first",
        "id",
        "note",
        "period",
        "scores",
        "weights",
    )

    def __init__(self, rel: Relation) -> None:
        self.first = rel
        self.evidence = dict.fromkeys(rel.evidence)
        self.weights = [rel.weight]
        self.scores = [rel.score]
        self.count = rel.count or 1
        self.confidence = rel.confidence
        self.id, self.note = rel.id, rel.note
        self.dates: dict[str, None] = {}
        self.period: tuple[dt.date, dt.date] | None = None
        self._date(rel)
        self.docs: dict[int, None] = {}

    def _date(self, rel: Relation) -> None:
        if not rel.date:
            return
        if len(self.dates) < 2:
            self.dates.setdefault(rel.date)
        if rel.period is not None:
            lo, hi = rel.period
            self.period = (
                (lo, hi)
                if self.period is None
                else (
                    min(self.period[0], lo),
                    max(self.period[1], hi),
                )
            )

    def add(self, rel: Relation) -> None:
        self.evidence.update(dict.fromkeys(rel.evidence))
        self.weights.append(rel.weight)
        self.scores.append(rel.score)
        self.count += rel.count or 1
        if rel.confidence is not None:
            c = self.confidence
            self.confidence = rel.confidence if c is None else max(c, rel.confidence)
        self.id = self.id if self.id is not None else rel.id
        self.note = self.note if self.note is not None else rel.note
        self._date(rel)

    def relation(self) -> Relation:
        """The combined relation: the first unchanged when it was alone."""
        if len(self.weights) == 1:
            return self.first
        return replace(
            self.first,
            evidence=tuple(self.evidence),
            count=self.count,
            weight=noisy_or(self.weights),
            score=round(sum(self.scores) / len(self.scores), 6),
            confidence=self.confidence,
            date=self._period(),
            id=self.id,
            note=self.note,
        )

    def _period(self) -> str | None:
        if not self.dates:
            return None
        if len(self.dates) == 1:
            return next(iter(self.dates))
        assert self.period is not None
        lo, hi = self.period
        left = "" if lo == dt.date.min else lo.isoformat()
        right = "" if hi == dt.date.max else hi.isoformat()
        return f"{left}/{right}"


def _rename(name: str, taken: set[str]) -> str:
    n = 2
    while f"{name}~{n}" in taken:
        n += 1
    return f"{name}~{n}"


def merge(
    docs: Iterable[GraphDocument],
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

    ``docs`` may be any iterable, read once: a generator that loads each
    document in turn keeps one document in memory at a time.
    """
    from vectorgraph.interchange import rebase_sources

    conflicts: list[str] = []
    sources: dict[str, Source] = {}
    types: dict[str, Any] = {}
    actors: dict[str, dict[str, Any]] = {}
    groups: dict[tuple[Any, ...], _Group] = {}
    labels: list[str] = []
    titles: dict[str, None] = {}
    read = 0
    for i, doc in enumerate(docs):
        label = _label(doc, i)
        labels.append(label)
        if doc.title:
            titles.setdefault(doc.title)
        read += len(doc.relations)
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
            key = merge_key(rel, by_date)
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(rel)
            else:
                group.add(rel)
            group.docs.setdefault(i)
    if not labels:
        raise ArgumentError("nothing to merge: give at least one document")
    relations = _relations(groups, labels, conflicts)
    merged = GraphDocument(
        title=title or " + ".join(titles) or "merged",
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
    return Merged(merged, conflicts, read)


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
    groups: dict[tuple[Any, ...], _Group],
    labels: list[str],
    conflicts: list[str],
) -> list[Relation]:
    out: list[Relation] = []
    ids: set[str] = set()
    claims: dict[tuple[str, str], dict[int, dict[int, None]]] = {}
    for group in groups.values():
        rel = group.relation()
        if rel.id is not None:
            new_id = _rename(rel.id, ids) if rel.id in ids else rel.id
            rel = replace(rel, id=new_id)
            ids.add(new_id)
        out.append(rel)
        if rel.sign:
            by_sign = claims.setdefault(pair(rel.source, rel.target), {})
            by_sign.setdefault(rel.sign, {}).update(group.docs)
    for (a, b), by_sign in claims.items():
        plus, minus = by_sign.get(1, {}), by_sign.get(-1, {})
        if plus and minus and set(plus) | set(minus) != set(plus) & set(minus):
            conflicts.append(
                f"{a} and {b}: cooperative in {', '.join(labels[i] for i in plus)}, "
                f"conflictual in {', '.join(labels[i] for i in minus)}: "
                "both kept"
            )
    return out
