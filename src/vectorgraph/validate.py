"""Validation of raw graph documents: every problem, with its place, in one pass.

:func:`problems` takes the data as parsed from YAML or JSON and returns one line
per problem, ``<file>: <place>: <message>``, e.g.
``graphs/x.yaml: relations[3].target: unknown actor 'CHN'``. Quotes are checked
against the source texts the document names (paths relative to its folder).

Examples
--------
>>> problems({"actors": [{"id": "KAZ", "name": "Kazakhstan", "type": "state"}],
...           "relations": [{"source": "KAZ", "target": "CHN", "type": "trade"}]}, "x.yaml")
["x.yaml: relations[0].target: unknown actor 'CHN'"]
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from vectorgraph.document import (
    ACTOR_FIELDS,
    EVIDENCE_FIELDS,
    FORMAT_VERSION,
    RELATION_FIELDS,
    SOURCE_FIELDS,
    TOP_FIELDS,
    TYPE_FIELDS,
    GraphDocument,
    parse_period,
)
from vectorgraph.errors import DocumentError
from vectorgraph.text import read_source, sentence_spans
from vectorgraph.vocabulary import ACTOR_TYPES, RELATION_TYPES, sign_of

__all__ = ["MAX_DEPTH", "UNSAFE_TEXT", "problems", "validated"]

ACTOR_ID = re.compile(r"^[A-Z][A-Z0-9_]*$")
TYPE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
#: The largest source text whose quotes are checked.
MAX_SOURCE_BYTES = 64 * 1024 * 1024
_RESERVED_ID = re.compile(r"^r[0-9]+$")  # graph.edge_key of relations without an id

_TOP = set(TOP_FIELDS)
_SOURCE = set(SOURCE_FIELDS)
_TYPE = set(TYPE_FIELDS)
_ACTOR = set(ACTOR_FIELDS)
_RELATION = set(RELATION_FIELDS)
_EVIDENCE = set(EVIDENCE_FIELDS)
#: How deeply lists and mappings may nest in a document (it needs 4 levels).
MAX_DEPTH = 32
#: Characters no text of a document may hold: C0 controls other than tab, line
#: feed and carriage return, lone surrogates, and the non-characters U+FFFE and
#: U+FFFF. XML (GraphML, GEXF) cannot carry them, nor can UTF-8 (surrogates).
UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Checker:
    def __init__(self, label: str, base: Path | None) -> None:
        self.label = label
        self.base = base
        self.out: list[str] = []
        self.texts: dict[str, str | None] = {}
        self.spans: dict[str, list[tuple[int, int]]] = {}

    def add(self, place: str, message: str) -> None:
        self.out.append(
            f"{self.label}: {place}: {message}" if place else f"{self.label}: {message}"
        )

    def mapping(self, value: Any, place: str, allowed: set[str]) -> bool:
        if not isinstance(value, Mapping):
            self.add(place, f"expected a mapping, got {_kind(value)}")
            return False
        for key in value:
            if key not in allowed:
                self.add(
                    place, f"unknown field {_show(key)} (allowed: {', '.join(sorted(allowed))})"
                )
        return True

    def items(self, data: Mapping[str, Any], key: str, place: str = "") -> list[Any]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(_join(place, key), f"expected a list, got {_kind(value)}")
            return []
        return value

    def field(
        self,
        data: Mapping[str, Any],
        key: str,
        place: str,
        check: Callable[[Any], str | None],
        *,
        required: bool = False,
    ) -> Any:
        """Check ``data[key]`` with ``check`` (returns a message or None); the value if valid."""
        if key not in data or data[key] is None:
            if required:
                self.add(place, f"missing field {key!r}")
            return None
        message = check(data[key])
        if message:
            self.add(_join(place, key), message)
            return None
        return data[key]

    def text(self, source_id: str) -> str | None:
        return self.texts.get(source_id)


def _join(place: str, key: str) -> str:
    return f"{place}.{key}" if place else key


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {
        dict: "a mapping",
        list: "a list",
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
    }.get(type(value), type(value).__name__)


def _string(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected a string, got {_kind(value)}"
    if not value.strip():
        return "must not be empty"
    return None


def _strings(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return "expected a list of non-empty strings"
    return None


def _number(lo: float, hi: float, *, open_lo: bool = False) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"expected a number, got {_kind(value)}"
        if math.isnan(value) or (value <= lo if open_lo else value < lo) or value > hi:
            return f"{value} is out of range {'(' if open_lo else '['}{lo:g}, {hi:g}]"
        return None

    return check


def _integer(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"expected an integer, got {_kind(value)}"
    if value < 0:
        return f"{value} is negative"
    return None


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"expected true or false, got {_kind(value)}"


def _date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return f"expected a date (YYYY, YYYY-MM, YYYY-MM-DD or A/B), got a date and time {value}"
    if isinstance(value, dt.date):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return f"expected a date (YYYY, YYYY-MM, YYYY-MM-DD or A/B), got {_kind(value)}"
    try:
        parse_period(str(value))
    except ValueError as exc:
        return str(exc)
    return None


def _sign(value: Any) -> str | None:
    if isinstance(value, bool) or value not in (-1, 0, 1):
        return f"sign must be -1, 0 or 1, got {_show(value)}"
    return None


def _span(value: Any) -> str | None:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or any(isinstance(v, bool) or not isinstance(v, int) or v < 0 for v in value)
        or value[0] >= value[1]
    ):
        return "expected [start, end] character offsets with start < end"
    return None


def validated(
    data: Any,
    label: str = "<document>",
    base: Path | str | None = None,
    *,
    json_text: str | None = None,
) -> GraphDocument:
    """The document of raw ``data``, or a :class:`DocumentError` listing every problem.

    ``json_text`` is the JSON text ``data`` was parsed from, if it was: its
    shape is then cleared from that text rather than from ``data`` encoded again.

    >>> validated({"title": "t", "actors": [{"id": "A", "name": None}]}).actors[0].name
    'A'
    """
    from vectorgraph.measures.collapsing import no_gc

    with no_gc():  # a large document is many small objects, none in a cycle
        clean, found = _prepare(data, label, json_text)
        found = found or _problems(clean, label, base)
        if found:
            raise DocumentError(found)
        return GraphDocument.from_dict(clean, path=label)


def _prepare(data: Any, label: str, json_text: str | None = None) -> tuple[Any, list[str]]:
    """``data`` without null mapping values (null is a field left out), and its problems
    of shape: nesting past :data:`MAX_DEPTH`, text that no output format can carry.

    Most documents hold none of these: one pass of the JSON encoder (C speed) says so,
    and only a document it cannot clear is walked value by value. For ``data`` parsed
    from ``json_text``, the text itself can say so, without encoding ``data`` again
    (see :func:`_suspect_json`).
    """
    if json_text is not None and not _suspect_json(json_text):
        return data, []
    try:
        encoded = json.dumps(data, ensure_ascii=False, default=str, check_circular=False)
    except (TypeError, ValueError, RecursionError):
        encoded = None
    if encoded is not None and not _suspect(encoded):
        return data, []
    found: list[str] = []

    def walk(value: Any, place: str, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _TooDeep(place)
        if isinstance(value, str):
            bad = UNSAFE_TEXT.search(value)
            if bad:
                char = bad.group()
                what = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
                found.append(
                    f"{label}: {place or 'document'}: {what} (U+{ord(char):04X}) at offset "
                    f"{bad.start()}: not allowed in text"
                )
            return value
        if isinstance(value, Mapping):
            out = {}
            for key, item in value.items():
                if isinstance(key, str):
                    walk(key, place, depth)
                if item is not None:
                    out[key] = walk(item, _join(place, str(key)), depth + 1)
            return out
        if isinstance(value, list):
            return [walk(item, f"{place}[{i}]", depth + 1) for i, item in enumerate(value)]
        return value

    try:
        return walk(data, "", 0), found
    except _TooDeep as exc:
        return None, [f"{label}: {exc.args[0]}: nested too deeply (over {MAX_DEPTH} levels)"]


#: In JSON text: an escaped control character, a surrogate, a non-character, a null.
#: A match only means the slow walk must look (a backslash in the text may match).
_SUSPECT = re.compile(r"\\(?:u00[01]|[bf])|[\ud800-\udfff\ufffe\uffff]|\bnull\b|\[\[")
_ESCAPED = re.compile(r"\\(?:u00[01]|[bf])")
_NULL = re.compile(r"\bnull\b")


def _suspect(encoded: str) -> bool:
    r"""Whether :data:`_SUSPECT` matches ``encoded``, a part at a time at C speed.

    One pass of the whole pattern over a 60 MB document took 3.6 s; the literal
    parts by ``in`` and a strict UTF-8 encoding (which refuses a lone surrogate)
    take a tenth of that.

    >>> [_suspect(t) for t in ('{"a": 1}', '[null]', '"\\b"', '"\ud800"', '[[1]]', '"nullable"')]
    [False, True, True, True, True, False]
    """
    if "[[" in encoded or "\ufffe" in encoded or "\uffff" in encoded:
        return True
    if ("null" in encoded and _NULL.search(encoded)) or _ESCAPED.search(encoded):
        return True
    try:
        encoded.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


#: In JSON text: a list whose first item is a list, whatever the white space between.
_NESTED_LIST = re.compile(r"\[\s*\[")


def _suspect_json(text: str) -> bool:
    r"""Whether the data parsed from JSON ``text`` may fail the check of :func:`_suspect`.

    The encoder writes the text's own characters again but for escapes and
    white space: a ``\u`` escape (a control character, a surrogate or a
    non-character may hide behind one) sends the data to the encoder, as does
    any match of :func:`_suspect` in the text (null, ``\b``, ``\f``, ``[[``) or
    of :data:`_NESTED_LIST`.

    >>> [_suspect_json(t) for t in ('{"a": [1]}', '[ [1]]', '"\\u0041"', '[null]', '"nul"')]
    [False, True, True, True, False]
    """
    return "\\u" in text or _suspect(text) or _NESTED_LIST.search(text) is not None


class _TooDeep(Exception):
    pass


def problems(data: Any, label: str = "<document>", base: Path | str | None = None) -> list[str]:
    """Every problem of a raw graph document, each as ``label: place: message``.

    ``base`` is the folder that source ``path`` entries are relative to; without
    it, quotes are not checked against source texts. A null value counts as a
    field left out.
    """
    data, found = _prepare(data, label)
    return found or _problems(data, label, base)


def _problems(data: Any, label: str, base: Path | str | None) -> list[str]:
    c = _Checker(label, Path(base) if base is not None else None)
    if not c.mapping(data, "", _TOP):
        return c.out
    if "vectorgraph" in data and data["vectorgraph"] != FORMAT_VERSION:
        c.add(
            "vectorgraph",
            f"unsupported format version {_show(data['vectorgraph'])} (this is {FORMAT_VERSION})",
        )
    c.field(data, "title", "", _string)
    c.field(data, "description", "", lambda v: None if isinstance(v, str) else "expected a string")
    source_ids = _sources(c, data)
    types = _vocabulary(c, data)
    actor_ids = _actors(c, data)
    _relations(c, data, actor_ids, source_ids, types)
    return c.out


def _sources(c: _Checker, data: Mapping[str, Any]) -> set[str]:
    ids: set[str] = set()
    for i, src in enumerate(c.items(data, "sources")):
        place = f"sources[{i}]"
        if not c.mapping(src, place, _SOURCE):
            continue
        sid = c.field(src, "id", place, _string, required=True)
        for key in ("title", "author", "url"):
            c.field(src, key, place, _string)
        c.field(src, "date", place, _date)
        path = c.field(src, "path", place, _string)
        if sid is None:
            continue
        if sid in ids:
            c.add(f"{place}.id", f"duplicate source id {sid!r}")
        ids.add(sid)
        if path is not None and c.base is not None:
            _read_source(c, sid, c.base / path, f"{place}.path")
    return ids


def _read_source(c: _Checker, sid: str, file: Path, place: str) -> None:
    """Read a source text for the quote checks: a regular UTF-8 file of sane size."""
    try:
        if file.exists() and not file.is_file():
            c.add(place, f"cannot read source text '{file}': not a regular file")
            return
        if file.stat().st_size > MAX_SOURCE_BYTES:
            c.add(place, f"source text '{file}' is over the limit of {MAX_SOURCE_BYTES:,} bytes")
            return
        c.texts[sid] = read_source(file)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        c.add(place, f"cannot read source text '{file}': {reason}")


def _vocabulary(c: _Checker, data: Mapping[str, Any]) -> dict[str, int]:
    types = {t.id: t.sign for t in RELATION_TYPES.values()}
    for i, entry in enumerate(c.items(data, "vocabulary")):
        place = f"vocabulary[{i}]"
        if not c.mapping(entry, place, _TYPE):
            continue
        tid = c.field(
            entry,
            "id",
            place,
            lambda v: (
                _string(v)
                or (None if TYPE_ID.match(v) else f"type id {v!r} must be lower_snake_case")
            ),
            required=True,
        )
        score = c.field(entry, "score", place, _number(-10, 10))
        c.field(entry, "directed", place, _boolean)
        for key in ("label", "description", "cameo", "plover"):
            c.field(entry, key, place, _string)
        if tid is None:
            continue
        if tid in types:
            c.add(f"{place}.id", f"relation type {tid!r} is already defined")
        types[tid] = sign_of(float(score or 0))
    return types


def _actors(c: _Checker, data: Mapping[str, Any]) -> set[str] | None:
    """The actor ids; None when the list itself is malformed (references are not checked then)."""
    if data.get("actors") is not None and not isinstance(data["actors"], list):
        c.items(data, "actors")
        return None
    ids: set[str] = set()
    members: list[tuple[str, list[Any]]] = []
    for i, actor in enumerate(c.items(data, "actors")):
        place = f"actors[{i}]"
        if not c.mapping(actor, place, _ACTOR):
            continue
        aid = c.field(
            actor,
            "id",
            place,
            lambda v: (
                _string(v)
                or (
                    None
                    if ACTOR_ID.match(v)
                    else f"actor id {v!r} must be UPPER_SNAKE_CASE (ISO alpha-3 for states)"
                )
            ),
            required=True,
        )
        if aid is not None:
            if aid in ids:
                c.add(f"{place}.id", f"duplicate actor id {aid!r}")
            ids.add(aid)
        c.field(actor, "name", place, _string)
        c.field(
            actor,
            "type",
            place,
            lambda v: (
                None
                if v in ACTOR_TYPES
                else f"unknown actor type {_show(v)} (one of: {', '.join(ACTOR_TYPES)})"
            ),
        )
        c.field(
            actor,
            "aliases",
            place,
            lambda v: (
                _strings(v)
                or (
                    "an alias may not contain '|' (it separates aliases in GraphML and CSV)"
                    if any("|" in a for a in v)
                    else None
                )
            ),
        )
        c.field(actor, "note", place, _string)
        listed = c.field(actor, "members", place, _strings)
        if listed:
            members.append((place, listed))
    for place, listed in members:
        for j, member in enumerate(listed):
            if member not in ids:
                c.add(f"{place}.members[{j}]", f"unknown actor {member!r}")
    return ids


def _count(value: Any) -> str | None:
    return _integer(value) or (None if value >= 1 else "must be at least 1")


def _relation_id(value: Any) -> str | None:
    return _string(value) or (
        f"relation id {value!r} is reserved: r<number> keys the relations that have no id"
        if _RESERVED_ID.match(value)
        else None
    )


#: The checks of a relation's fields that need nothing but the value.
_RELATION_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "sign": _sign,
    "score": _number(-10, 10),
    "weight": _number(0, 1, open_lo=True),
    "directed": _boolean,
    "date": _date,
    "confidence": _number(0, 1),
    "note": _string,
    "count": _count,
    "id": _relation_id,
}
#: The checks of an evidence item's fields that need nothing but the value.
_EVIDENCE_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "sentence": _integer,
    "start": _integer,
    "end": _integer,
    "source_span": _span,
    "target_span": _span,
}
#: The fields whose checks :func:`_sound_relation` makes itself.
_ENDS = {"source": None, "target": None, "type": None, "evidence": None}


def _relations(
    c: _Checker,
    data: Mapping[str, Any],
    actors: set[str] | None,
    sources: set[str],
    types: dict[str, int],
) -> None:
    rel_ids: set[str] = set()
    checks = {**_RELATION_CHECKS, **_ENDS}
    for i, rel in enumerate(c.items(data, "relations")):
        if actors is not None and _sound_relation(c, rel, actors, sources, types, checks):
            rid = rel.get("id")
            if rid is None:
                continue
            if rid not in rel_ids:
                rel_ids.add(rid)
                continue
        _relation(c, rel, f"relations[{i}]", actors, sources, types, rel_ids)


def _sound_relation(
    c: _Checker,
    rel: Any,
    actors: set[str],
    sources: set[str],
    types: dict[str, int],
    checks: dict[str, Callable[[Any], str | None] | None],
) -> bool:
    """Whether ``rel`` has no problem, decided by the same checks, fast: the checks of
    the fields it holds only, no place strings built. False sends it to
    :func:`_relation`, which finds and reports each problem."""
    if rel.__class__ is not dict:
        return False
    source, target, kind = rel.get("source"), rel.get("target"), rel.get("type")
    if (
        source.__class__ is not str
        or target.__class__ is not str
        or source == target
        or source not in actors
        or target not in actors
        or kind.__class__ is not str
        or kind not in types
    ):
        return False
    for key, value in rel.items():
        if key not in checks or value is None:
            return False
        check = checks[key]
        if check is not None and check(value) is not None:
            return False
    sign = rel.get("sign")
    if sign is not None:
        score = rel.get("score")
        if sign != (sign_of(float(score)) if score is not None else types[kind]):
            return False
    evidence = rel.get("evidence")
    if evidence is None:
        return True
    if evidence.__class__ is not list:
        return False
    texts = c.texts
    for ev in evidence:
        if ev.__class__ is not dict:
            return False
        sid, quote = ev.get("source"), ev.get("quote")
        if (
            sid.__class__ is not str
            or sid not in sources
            or texts.get(sid) is not None  # quotes to find in the text: the full checks
            or quote.__class__ is not str
            or not quote.strip()
        ):
            return False
        for key, value in ev.items():
            if value is None or key not in _EVIDENCE:
                return False
            check = _EVIDENCE_CHECKS.get(key)
            if check is not None and check(value) is not None:
                return False
    return True


def _relation(
    c: _Checker,
    rel: Any,
    place: str,
    actors: set[str] | None,
    sources: set[str],
    types: dict[str, int],
    rel_ids: set[str],
) -> None:
    """Every problem of one relation, each with its place."""
    if not c.mapping(rel, place, _RELATION):
        return
    ends = []
    for key in ("source", "target"):
        ends.append(
            c.field(
                rel,
                key,
                place,
                lambda v: (
                    _string(v)
                    or (None if actors is None or v in actors else f"unknown actor {_show(v)}")
                ),
                required=True,
            )
        )
    if ends[0] is not None and ends[0] == ends[1]:
        c.add(place, f"a relation needs two different actors, got {ends[0]!r} twice")
    kind = c.field(
        rel,
        "type",
        place,
        lambda v: _string(v) or (None if v in types else f"unknown relation type {_show(v)}"),
        required=True,
    )
    sign = c.field(rel, "sign", place, _RELATION_CHECKS["sign"])
    score = c.field(rel, "score", place, _RELATION_CHECKS["score"])
    for key in ("weight", "directed", "date", "confidence", "note", "count"):
        c.field(rel, key, place, _RELATION_CHECKS[key])
    rid = c.field(rel, "id", place, _RELATION_CHECKS["id"])
    if rid is not None:
        if rid in rel_ids:
            c.add(f"{place}.id", f"duplicate relation id {rid!r}")
        rel_ids.add(rid)
    if sign is not None and kind is not None:
        expected = sign_of(float(score)) if score is not None else types[kind]
        if sign != expected:
            because = f"score {score}" if score is not None else f"type {kind!r}"
            c.add(f"{place}.sign", f"sign {sign} contradicts {because} (sign {expected})")
    for j, ev in enumerate(c.items(rel, "evidence", place)):
        _evidence(c, ev, f"{place}.evidence[{j}]", sources)


def _evidence(c: _Checker, ev: Any, place: str, sources: set[str]) -> None:
    if not c.mapping(ev, place, _EVIDENCE):
        return
    sid = c.field(
        ev,
        "source",
        place,
        lambda v: _string(v) or (None if v in sources else f"unknown source {_show(v)}"),
        required=True,
    )
    quote = c.field(ev, "quote", place, _string, required=True)
    sentence = c.field(ev, "sentence", place, _integer)
    start = c.field(ev, "start", place, _integer)
    end = c.field(ev, "end", place, _integer)
    for key in ("source_span", "target_span"):
        c.field(ev, key, place, _span)
    text = c.text(sid) if sid is not None else None
    if text is None or quote is None:
        return
    if quote not in text:
        c.add(f"{place}.quote", f"quote not found in source {sid!r}: {_short(quote)!r}")
        return
    if sentence is not None:
        spans = c.spans.get(sid)
        if spans is None:
            spans = c.spans[sid] = sentence_spans(text)
        if sentence >= len(spans):
            c.add(
                f"{place}.sentence",
                f"source {sid!r} has {len(spans)} sentences, not {sentence + 1}",
            )
        elif quote not in text[spans[sentence][0] : spans[sentence][1]]:
            c.add(f"{place}.sentence", f"quote is not in sentence {sentence} of source {sid!r}")
    if start is not None and end is not None and text[start:end] != quote:
        c.add(f"{place}.start", f"offsets {start}..{end} do not hold the quote in source {sid!r}")


def _show(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut short: a message quotes a value, never a whole document."""
    return _short(repr(value), limit)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
