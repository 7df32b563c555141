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
needs: each tie's evidence once, its weight as a running noisy-or product and
its score as a running sum (the same floats as combining the list of claims at
the end), and for the conflict messages, per pair of actors and sign, how many
documents claim it and the labels of the first :data:`NAMED` of them. So the
memory beyond the merged document itself stays flat in the number of
documents. A conflict names at most :data:`NAMED` documents on each side and
counts the others (``... and 12 more``).

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from vectorgraph.document import Actor, GraphDocument, Relation, Source
from vectorgraph.errors import ArgumentError
from vectorgraph.ties import NoisyOr, ends, pair

__all__ = ["NAMED", "Merged", "merge", "merge_key"]

#: A conflict message names at most this many documents on each side, and counts the rest.
NAMED = 10


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
    """The relations combined into one, gathered one at a time (see the module's rules).

    Constant in the number of claims but for the evidence (each item once):
    the weight is a running noisy-or, the score a running sum, and ``docs``
    the first :data:`NAMED` documents of its claims, as ``(index, label)``.
    """

    __slots__ = (
        "claims",
        "confidence",
        "count",
        "dates",
        "docs",
        "evidence",
        "first",
        "id",
        "note",
        "period",
        "total",
        "weight",
    )

    def __init__(self, rel: Relation) -> None:
        self.first = rel
        self.evidence = dict.fromkeys(rel.evidence)
        self.weight = NoisyOr()
        self.weight.add(rel.weight)
        # sum() of the scores, folded as it folds them: from int 0, left to right
        self.total: float = 0
        self.total += rel.score
        self.claims = 1
        self.count = rel.count or 1
        self.confidence = rel.confidence
        self.id, self.note = rel.id, rel.note
        self.dates: dict[str, None] = {}
        self.period: tuple[dt.date, dt.date] | None = None
        self._date(rel)
        self.docs: list[tuple[int, str]] = []

    def seen_in(self, i: int, label: str) -> None:
        """The document of index ``i`` claims this relation (indices come in order)."""
        docs = self.docs
        if len(docs) < NAMED and (not docs or docs[-1][0] != i):
            docs.append((i, label))

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
        self.weight.add(rel.weight)
        self.total += rel.score
        self.claims += 1
        self.count += rel.count or 1
        if rel.confidence is not None:
            c = self.confidence
            self.confidence = rel.confidence if c is None else max(c, rel.confidence)
        self.id = self.id if self.id is not None else rel.id
        self.note = self.note if self.note is not None else rel.note
        self._date(rel)

    def relation(self) -> Relation:
        """The combined relation: the first unchanged when it was alone."""
        if self.claims == 1:
            return self.first
        return replace(
            self.first,
            evidence=tuple(self.evidence),
            count=self.count,
            weight=self.weight.value,
            score=round(self.total / self.claims, 6),
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


#: A relation claimed once so far, with its document's index and label: a combined relation's
#: state (:class:`_Group`) is made at its second claim, so that a merge of distinct relations
#: holds little beside the merged document.
_Alone = tuple[Relation, int, str]


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
    groups: dict[tuple[Any, ...], _Group | _Alone] = {}
    sides: dict[tuple[str, str], _Sides] = {}
    titles: dict[str, None] = {}
    read = 0
    count = 0
    for i, doc in enumerate(docs):
        count += 1
        label = _label(doc, i)
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
            if group is None:  # claimed once so far: no state of its own yet
                groups[key] = (rel, i, label)
            else:
                if isinstance(group, tuple):  # the second claim
                    first, j, first_label = group
                    group = groups[key] = _Group(first)
                    if first.sign:
                        group.seen_in(j, first_label)
                group.add(rel)
                if rel.sign:
                    group.seen_in(i, label)
            if rel.sign:
                ends_ = pair(rel.source, rel.target)
                side = sides.get(ends_)
                if side is None:
                    side = sides[ends_] = _Sides()
                side.claim(i, rel.sign)
    if not count:
        raise ArgumentError("nothing to merge: give at least one document")
    relations = _relations(groups, sides, conflicts)
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


class _Sides:
    """What the conflict rule needs of one pair of actors, in constant memory.

    How many documents claim the pair cooperative, and conflictual, and
    whether some document claims it one way only (a pair both ways in every
    document that names it is a mixed tie, not a disagreement). The documents
    come in order, so each one's signs are complete when the next one's start.
    """

    __slots__ = ("last", "minus", "one_sided", "plus", "signs")

    def __init__(self) -> None:
        self.plus = self.minus = 0  # documents claiming each sign
        self.last = -1  # the document whose signs are being gathered
        self.signs = 0  # its signs: 1 cooperative, 2 conflictual, 3 both
        self.one_sided = False

    def claim(self, i: int, sign: int) -> None:
        """Document ``i`` claims the pair with ``sign`` (1 or -1)."""
        if i != self.last:
            self.one_sided = self.one_sided or self.signs in (1, 2)
            self.last, self.signs = i, 0
        bit = 1 if sign > 0 else 2
        if not self.signs & bit:
            self.signs |= bit
            if bit == 1:
                self.plus += 1
            else:
                self.minus += 1

    def disagree(self) -> bool:
        """Both signs are claimed, and some document claims one of them only."""
        one_sided = self.one_sided or self.signs in (1, 2)
        return bool(self.plus and self.minus and one_sided)


def _named(docs: dict[int, str], claimed: int) -> str:
    """The labels of a side's first documents, and how many more there are."""
    text = ", ".join(docs.values())
    more = claimed - len(docs)
    return f"{text} and {more} more" if more > 0 else text


def _relations(
    groups: dict[tuple[Any, ...], _Group | _Alone],
    sides: dict[tuple[str, str], _Sides],
    conflicts: list[str],
) -> list[Relation]:
    out: list[Relation] = []
    ids: set[str] = set()
    named: dict[tuple[str, str], dict[int, dict[int, str]]] = {}
    for group in groups.values():
        if isinstance(group, tuple):
            rel, i, label = group
            claims: Sequence[tuple[int, str]] = ((i, label),)
        else:
            rel, claims = group.relation(), group.docs
        if rel.id is not None:
            new_id = _rename(rel.id, ids) if rel.id in ids else rel.id
            rel = replace(rel, id=new_id)
            ids.add(new_id)
        out.append(rel)
        ends_ = pair(rel.source, rel.target)
        if rel.sign and sides[ends_].disagree():
            # the first documents of each sign: the groups' in their order, each once
            docs = named.setdefault(ends_, {}).setdefault(rel.sign, {})
            for i, label in claims:
                if len(docs) < NAMED:
                    docs.setdefault(i, label)
    for (a, b), by_sign in named.items():
        side = sides[(a, b)]
        conflicts.append(
            f"{a} and {b}: cooperative in {_named(by_sign[1], side.plus)}, "
            f"conflictual in {_named(by_sign[-1], side.minus)}: "
            "both kept"
        )
    return out
