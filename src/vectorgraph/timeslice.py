"""Time slices of a graph: the relations in force at a date or within a period.

A relation's ``date`` is a date or a period (see
:func:`vectorgraph.document.parse_period`); it is in a slice when its period
overlaps the slice. ``at="2022"`` is the whole of 2022; ``start``/``end`` bound
the slice on one or both sides (each taken at its widest: ``end="2021"`` runs to
31 December 2021). Undated relations are kept or dropped as ``undated`` says.
Actors stay, so a slice shows who was isolated then.

Examples
--------
>>> from vectorgraph import load
>>> doc = load()
>>> len(time_slice(doc, at="2021", undated="drop").relations)
0
>>> len(time_slice(doc, start="2022", undated="drop").relations) > 0
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vectorgraph.document import GraphDocument, parse_period

__all__ = ["UNDATED", "TimeSlice", "check_date", "time_slice"]

#: What ``undated`` may say about relations without a date.
UNDATED = ("keep", "drop")


def check_date(text: str) -> str:
    """``text`` if it is a date or period; ValueError with the reason otherwise.

    >>> check_date("2022-13")
    Traceback (most recent call last):
    ...
    ValueError: invalid date '2022-13': month must be in 1..12
    """
    parse_period(text)
    return text


@dataclass(frozen=True, kw_only=True, slots=True)
class TimeSlice:
    """A slice to apply: ``at`` or ``start``/``end``, and what to do with undated relations."""

    at: str | None = None
    start: str | None = None
    end: str | None = None
    undated: str = "keep"

    @property
    def active(self) -> bool:
        return self.at is not None or self.start is not None or self.end is not None

    def apply(self, doc: GraphDocument) -> GraphDocument:
        return time_slice(doc, at=self.at, start=self.start, end=self.end, undated=self.undated)


def time_slice(
    doc: GraphDocument,
    *,
    at: str | dt.date | None = None,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    undated: str = "keep",
) -> GraphDocument:
    """The document with only the relations whose period overlaps the slice.

    ``at`` cannot be combined with ``start``/``end``. Without any of them,
    ``undated="drop"`` still drops the undated relations.
    """
    if undated not in UNDATED:
        raise ValueError(f"undated must be one of {', '.join(UNDATED)}, not {undated!r}")
    if at is not None:
        if start is not None or end is not None:
            raise ValueError("give either at or start/end, not both")
        start = end = at
    keep = undated == "keep"
    if start is None and end is None:
        if keep:
            return doc
        return doc.filter(start=dt.date.min, keep_undated=False)
    return doc.filter(start=start, end=end, keep_undated=keep)
