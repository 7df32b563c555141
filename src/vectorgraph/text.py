"""Sentences of a source text: the unit that evidence points at.

Evidence names a sentence by its index in :func:`sentence_spans` (counted from
0 over the whole text), so curated graphs, the validator and the extractor must
split a text the same way. The rule is plain and deterministic: a line break
ends a sentence, and so does ``.``, ``!`` or ``?`` (with any closing quote or
bracket) followed by white space and a capital letter, digit or opening quote,
unless the word before the stop is a known abbreviation or a single initial
(and no closing quote follows the stop).

Examples
--------
>>> text = "Dr. Smith met Mr. Li in the U.S. on Monday. They agreed.\\nNext line"
>>> [text[s:e] for s, e in sentence_spans(text)]
['Dr. Smith met Mr. Li in the U.S. on Monday.', 'They agreed.', 'Next line']
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["read_source", "sentence_spans", "sentences"]

_BREAK = re.compile(r"[.!?][\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9А-ЯЁ])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "st",
        "jr",
        "sr",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "approx",
        "dept",
        "gov",
        "sen",
        "rep",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
    ]
)


def read_source(path: str | Path) -> str:
    """A source text as validation and extraction both read it.

    UTF-8, a leading byte-order mark dropped, line ends kept as they are (CRLF
    stays CRLF), so character offsets count the same for the extractor that
    writes them and the validator that checks them. Raises ``OSError`` or
    ``UnicodeDecodeError``.
    """
    return Path(path).read_bytes().decode("utf-8-sig")


def _is_abbreviation(line: str, stop: int) -> bool:
    start = stop
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    word = line[start:stop].lower().lstrip("\"'“‘(")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``, stripped."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start = 0
        for match in _BREAK.finditer(line):
            closed = not match.group()[1].isspace()  # a quote or bracket closes it
            if not closed and _is_abbreviation(line, match.start()):
                continue
            end = match.end()
            _add(spans, line, offset, start, end)
            start = end
        _add(spans, line, offset, start, len(line))
        offset += len(line)
    return spans


def _add(spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((offset + start + lead, offset + start + lead + len(stripped)))


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings, in order."""
    return [text[s:e] for s, e in sentence_spans(text)]
