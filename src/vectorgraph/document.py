"""The graph document: sources, actors and the relations between them, with evidence.

A document is what analysts curate by hand and what programs write: YAML or JSON
of the same structure (see the README's "Graph documents" section). These frozen
dataclasses are its model; :mod:`vectorgraph.validate` checks the raw data first,
so ``from_dict`` may assume it is well formed. ``to_dict`` writes every field
explicitly, so a load -> dump -> load round trip is lossless.

Examples
--------
>>> doc = GraphDocument.from_dict({
...     "title": "Two states",
...     "actors": [{"id": "KAZ", "name": "Kazakhstan", "type": "state"},
...                {"id": "RUS", "name": "Russia", "type": "state"}],
...     "relations": [{"source": "KAZ", "target": "RUS", "type": "trade"}],
... })
>>> rel = doc.relations[0]
>>> rel.sign, rel.score, rel.weight, rel.directed
(1, 6.4, 0.64, False)
>>> [r.type for r in doc.between("RUS", "KAZ")]
['trade']
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, TypeVar

from vectorgraph.errors import NotFoundError
from vectorgraph.vocabulary import RELATION_TYPES, RelationType, default_weight, sign_of

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ACTOR_FIELDS",
    "EVIDENCE_FIELDS",
    "FORMAT_VERSION",
    "RELATION_FIELDS",
    "SOURCE_FIELDS",
    "TOP_FIELDS",
    "TYPE_FIELDS",
    "Actor",
    "Evidence",
    "GraphDocument",
    "Relation",
    "Source",
    "parse_period",
]

#: The version of the document format, the ``vectorgraph:`` field.
FORMAT_VERSION = 1

# The fields of each part of a document, in the order documents and exports write them.
#: A document's top-level fields.
TOP_FIELDS = ("vectorgraph", "title", "description", "sources", "vocabulary", "actors", "relations")
#: A source's fields.
SOURCE_FIELDS = ("id", "title", "author", "date", "path", "url")
#: A vocabulary entry's fields (see :meth:`RelationType.from_dict`).
TYPE_FIELDS = ("id", "label", "score", "directed", "description", "cameo", "plover")
#: An actor's fields.
ACTOR_FIELDS = ("id", "name", "type", "aliases", "members", "note")
#: A relation's fields.
RELATION_FIELDS = (
    "id",
    "source",
    "target",
    "type",
    "sign",
    "score",
    "weight",
    "directed",
    "date",
    "confidence",
    "count",
    "note",
    "evidence",
)
#: An evidence item's fields.
EVIDENCE_FIELDS = ("source", "sentence", "quote", "start", "end", "source_span", "target_span")

_T = TypeVar("_T")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.lru_cache(maxsize=4096)  # a corpus repeats a few dates; time slices parse each often
def parse_period(text: str) -> tuple[dt.date, dt.date]:
    """The first and last day that a date or period string covers.

    A date is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; a period is two of them
    joined by ``/`` (ISO 8601), either side may be left open (``2022/``).

    >>> parse_period("2023-02")
    (datetime.date(2023, 2, 1), datetime.date(2023, 2, 28))
    >>> parse_period("2022/2023-01-15")
    (datetime.date(2022, 1, 1), datetime.date(2023, 1, 15))
    """
    if "/" in text:
        left, right = text.split("/", 1)
        start = _bound(left, first=True) if left else dt.date.min
        end = _bound(right, first=False) if right else dt.date.max
    else:
        start, end = _bound(text, first=True), _bound(text, first=False)
    if start > end:
        raise ValueError(f"period {text!r} ends before it starts")
    return start, end


def _bound(text: str, *, first: bool) -> dt.date:
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(f"not a date: {text!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    try:
        return _day(*match.groups(), first=first)
    except ValueError as exc:
        raise ValueError(f"invalid date {text!r}: {exc}") from None


def _day(year: str, month: str | None, day: str | None, *, first: bool) -> dt.date:
    y = int(year)
    if month is None:
        return dt.date(y, 1, 1) if first else dt.date(y, 12, 31)
    m = int(month)
    if day is not None:
        return dt.date(y, m, int(day))
    if first:
        return dt.date(y, m, 1)
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _maker(cls: type[_T]) -> Callable[..., _T]:
    """A function that makes a ``cls`` (a frozen dataclass with slots) from its fields' values
    in their order, as ``cls(...)`` does, without the ``object.__setattr__`` per field of a
    frozen dataclass's ``__init__``: half the time, for the documents of tens of thousands of
    relations that ``from_dict`` builds. Each value is set through its slot's descriptor."""
    setters = [getattr(cls, name).__set__ for name in cls.__slots__]  # type: ignore[attr-defined]
    new = object.__new__

    def make(*values: Any) -> _T:
        obj = new(cls)
        for put, value in zip(setters, values):
            put(obj, value)
        return obj

    return make


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != () and v != []}


@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """A text the graph was read from. ``path`` is relative to the document's folder."""

    id: str
    title: str
    author: str | None = None
    date: str | None = None
    path: str | None = None
    url: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Source:
        return cls(
            id=data["id"],
            title=data.get("title", data["id"]),
            author=data.get("author"),
            date=_date_str(data.get("date")),
            path=data.get("path"),
            url=data.get("url"),
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(
            {
                "id": self.id,
                "title": self.title,
                "author": self.author,
                "date": self.date,
                "path": self.path,
                "url": self.url,
            }
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor:
    """A node: a state, organisation, region, company or person.

    ``aliases`` are surface forms (``Astana``, ``the Kremlin``); ``members`` are
    the ids of the actors a region or bloc stands for (the West: USA, EU).
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    note: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Actor:
        return cls(
            id=data["id"],
            name=data.get("name", data["id"]),
            type=data.get("type", "other"),
            aliases=tuple(data.get("aliases") or ()),
            members=tuple(data.get("members") or ()),
            note=data.get("note"),
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(
            {
                "id": self.id,
                "name": self.name,
                "type": self.type,
                "aliases": list(self.aliases),
                "members": list(self.members),
                "note": self.note,
            }
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class Evidence:
    """The sentence that asserts a relation.

    ``sentence`` is its index in :func:`vectorgraph.text.sentence_spans` of the
    source text; ``quote`` is verbatim. ``start``/``end`` are the quote's character
    offsets in the source text, ``source_span``/``target_span`` those of the two
    actors' mentions, where known.
    """

    source: str
    quote: str
    sentence: int | None = None
    start: int | None = None
    end: int | None = None
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        get = data.get
        return _make_evidence(  # the fields in their order
            data["source"],
            data["quote"],
            get("sentence"),
            get("start"),
            get("end"),
            _span(get("source_span")),
            _span(get("target_span")),
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(
            {
                "source": self.source,
                "sentence": self.sentence,
                "quote": self.quote,
                "start": self.start,
                "end": self.end,
                "source_span": list(self.source_span) if self.source_span else None,
                "target_span": list(self.target_span) if self.target_span else None,
            }
        )


def _span(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value is not None else None


def _date_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True, kw_only=True, slots=True)
class Relation:
    """An edge: ``source`` relates to ``target`` by ``type``.

    ``sign``, ``score`` (Goldstein), ``weight`` (strength in (0, 1]) and ``directed``
    default from the type in the vocabulary. ``date`` is a date or period string
    (see :func:`parse_period`). ``count`` is how many relations
    :func:`vectorgraph.merging.merge` combined into this one (None: not merged).
    """

    source: str
    target: str
    type: str
    sign: int
    score: float
    weight: float
    directed: bool
    evidence: tuple[Evidence, ...] = ()
    id: str | None = None
    date: str | None = None
    confidence: float | None = None
    note: str | None = None
    count: int | None = None

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], types: Mapping[str, RelationType] = RELATION_TYPES
    ) -> Relation:
        kind = types[data["type"]]
        get = data.get
        score = float(get("score", kind.score))
        confidence = get("confidence")
        evidence = get("evidence")
        # the defaults computed only when missing: a large document gives both most of the time
        return _make_relation(  # the fields in their order
            data["source"],
            data["target"],
            data["type"],
            int(data["sign"] if "sign" in data else sign_of(score)),
            score,
            float(data["weight"] if "weight" in data else default_weight(score)),
            bool(get("directed", kind.directed)),
            tuple([Evidence.from_dict(e) for e in evidence]) if evidence else (),
            get("id"),
            _date_str(get("date")),
            None if confidence is None else float(confidence),
            get("note"),
            get("count"),
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(
            {
                "id": self.id,
                "source": self.source,
                "target": self.target,
                "type": self.type,
                "sign": self.sign,
                "score": self.score,
                "weight": self.weight,
                "directed": self.directed,
                "date": self.date,
                "confidence": self.confidence,
                "note": self.note,
                "count": self.count,
                "evidence": [e.to_dict() for e in self.evidence],
            }
        )

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day of ``date``, or None when undated."""
        return parse_period(self.date) if self.date else None

    def touches(self, actor: str) -> bool:
        return actor in (self.source, self.target)

    def other(self, actor: str) -> str:
        """The actor at the other end from ``actor``."""
        return self.target if self.source == actor else self.source


_make_evidence = _maker(Evidence)
_make_relation = _maker(Relation)


@dataclass(frozen=True, kw_only=True, slots=True)
class GraphDocument:
    """A whole graph: metadata, sources, actors, relations and any vocabulary additions."""

    title: str
    description: str | None = None
    sources: tuple[Source, ...] = ()
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    vocabulary: tuple[RelationType, ...] = ()
    path: str | None = field(default=None, compare=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str | None = None) -> GraphDocument:
        extra = tuple(RelationType.from_dict(t) for t in data.get("vocabulary") or ())
        types = {**RELATION_TYPES, **{t.id: t for t in extra}}
        return cls(
            title=data.get("title", ""),
            description=data.get("description"),
            sources=tuple(Source.from_dict(s) for s in data.get("sources") or ()),
            actors=tuple(Actor.from_dict(a) for a in data.get("actors") or ()),
            relations=tuple(Relation.from_dict(r, types) for r in data.get("relations") or ()),
            vocabulary=extra,
            path=path,
        )

    def to_dict(self) -> dict[str, Any]:
        return _drop_none(
            {
                "vectorgraph": FORMAT_VERSION,
                "title": self.title or None,  # no title is no field (an empty one is invalid)
                "description": self.description,
                "sources": [s.to_dict() for s in self.sources],
                "vocabulary": [t.to_dict() for t in self.vocabulary],
                "actors": [a.to_dict() for a in self.actors],
                "relations": [r.to_dict() for r in self.relations],
            }
        )

    # -- queries ---------------------------------------------------------------

    @property
    def types(self) -> dict[str, RelationType]:
        """The relation types this document may use: built-in and its own."""
        return {**RELATION_TYPES, **{t.id: t for t in self.vocabulary}}

    def actor(self, id: str) -> Actor:
        """The actor with this id; :class:`NotFoundError` naming it otherwise."""
        for actor in self.actors:
            if actor.id == id:
                return actor
        raise NotFoundError(f"unknown actor {id!r}")

    def find_actor(self, name: str) -> Actor:
        """The actor whose id, name or an alias is ``name`` (case-insensitive)."""
        key = name.casefold()
        for actor in self.actors:
            if key in (
                actor.id.casefold(),
                actor.name.casefold(),
                *(a.casefold() for a in actor.aliases),
            ):
                return actor
        raise NotFoundError(f"unknown actor {name!r}")

    def ties(
        self, actor: str, *, sign: int | None = None, type: str | Iterable[str] | None = None
    ) -> list[Relation]:
        """The relations that ``actor`` takes part in, optionally of one sign or type.

        >>> doc = GraphDocument.from_dict({"actors": [{"id": "A"}, {"id": "B"}],
        ...     "relations": [{"source": "A", "target": "B", "type": "sanctions"},
        ...                   {"source": "B", "target": "A", "type": "trade"}]})
        >>> [r.type for r in doc.ties("A", sign=-1)]
        ['sanctions']
        """
        self.actor(actor)
        return [r for r in self._select(sign=sign, type=type) if r.touches(actor)]

    def between(self, a: str, b: str) -> list[Relation]:
        """The relations between ``a`` and ``b``, in either direction."""
        self.actor(a), self.actor(b)
        return [r for r in self.relations if {r.source, r.target} == {a, b}]

    def filter(
        self,
        *,
        sign: int | Iterable[int] | None = None,
        type: str | Iterable[str] | None = None,
        actor_type: str | Iterable[str] | None = None,
        start: str | dt.date | None = None,
        end: str | dt.date | None = None,
        keep_undated: bool = True,
    ) -> GraphDocument:
        """A document with only the relations (and actors) that pass every filter.

        ``actor_type`` keeps the actors of those types and the relations among
        them. ``start``/``end`` keep relations whose period overlaps them;
        undated relations are kept unless ``keep_undated`` is False.
        """
        relations = self._select(
            sign=sign, type=type, start=start, end=end, keep_undated=keep_undated
        )
        actors = self.actors
        if actor_type is not None:
            wanted = _as_set(actor_type)
            actors = tuple(a for a in actors if a.type in wanted)
            ids = {a.id for a in actors}
            relations = [r for r in relations if r.source in ids and r.target in ids]
        return replace(self, actors=actors, relations=tuple(relations))

    def _select(
        self,
        *,
        sign: int | Iterable[int] | None = None,
        type: str | Iterable[str] | None = None,
        start: str | dt.date | None = None,
        end: str | dt.date | None = None,
        keep_undated: bool = True,
    ) -> list[Relation]:
        signs = None if sign is None else _as_set(sign)
        types = None if type is None else _as_set(type)
        lo = _as_date(start, first=True) if start is not None else None
        hi = _as_date(end, first=False) if end is not None else None
        out = []
        for r in self.relations:
            if signs is not None and r.sign not in signs:
                continue
            if types is not None and r.type not in types:
                continue
            if lo is not None or hi is not None:
                period = r.period
                if period is None:
                    if not keep_undated:
                        continue
                elif (lo is not None and period[1] < lo) or (hi is not None and period[0] > hi):
                    continue
            out.append(r)
        return out

    def to_networkx(self) -> nx.MultiDiGraph:
        """This graph as a plain :class:`networkx.MultiDiGraph` (see :mod:`vectorgraph.graph`)."""
        from vectorgraph.graph import to_networkx

        return to_networkx(self)


def _as_set(value: Any) -> set[Any]:
    if isinstance(value, (str, int)):
        return {value}
    return set(value)


def _as_date(value: str | dt.date, *, first: bool) -> dt.date:
    if isinstance(value, dt.date):
        return value
    return parse_period(value)[0 if first else 1]
