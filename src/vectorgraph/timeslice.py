"""Time slices of a graph: the relations in force at a date or within a period.

A relation's ``date`` is a date or a period (see
:func:`vectorgraph.document.parse_period`); it is in a slice when its period
overlaps the slice. ``at="2022"`` is the whole of 2022; ``start``/``end`` bound
the slice on one or both sides (each taken at its widest: ``end="2021"`` runs to
31 December 2021). Undated relations are kept or dropped as ``undated`` says.
Actors stay, so a slice shows who was isolated then.

:func:`check_window` holds the checks of a window, for the library and the
command line alike: ``at`` cannot be combined with ``start``/``end``, and
``start`` cannot be after ``end``.

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
from collections.abc import Sequence
from dataclasses import dataclass

from vectorgraph.document import GraphDocument, parse_period
from vectorgraph.errors import ArgumentError

__all__ = ["UNDATED", "TimeSlice", "check_date", "check_window", "time_slice"]

#: What ``undated`` may say about relations without a date.
UNDATED = ("keep", "drop")


def check_date(text: str) -> str:
    """``text`` if it is a date or period; :class:`ArgumentError` with the reason otherwise.

    >>> check_date("2022-13")
    Traceback (most recent call last):
    ...
    vectorgraph.errors.ArgumentError: invalid date '2022-13': month must be in 1..12
    """
    try:
        parse_period(text)
    except ValueError as exc:
        raise ArgumentError(str(exc)) from None
    return text


def check_window(
    at: str | dt.date | None,
    start: str | dt.date | None,
    end: str | dt.date | None,
    undated: str = "keep",
    *,
    names: Sequence[str] | None = None,
) -> None:
    """Raise :class:`ArgumentError` unless the window can be applied.

    Each date is one :func:`check_date` accepts, ``at`` cannot be combined with
    ``start``/``end``, ``start`` cannot be after ``end``, and ``undated`` is
    one of :data:`UNDATED`. ``names`` are the
    caller's names for ``at``, ``start`` and ``end`` (the command line's
    options), used in the message.

    >>> check_window(None, "2023", "2021", names=("--at", "--since", "--until"))
    Traceback (most recent call last):
    ...
    vectorgraph.errors.ArgumentError: --since 2023 is after --until 2021
    """
    if undated not in UNDATED:
        raise ArgumentError(f"undated must be one of {', '.join(UNDATED)}, not {undated!r}")
    for day in (at, start, end):
        if isinstance(day, str):
            check_date(day)
    n_at, n_start, n_end = names or ("at", "start", "end")
    if at is not None and (start is not None or end is not None):
        raise ArgumentError(
            f"{n_at} cannot be combined with {n_start}/{n_end}"
            if names
            else "give either at or start/end, not both"
        )
    if start is not None and end is not None and _first(start) > _last(end):
        raise ArgumentError(f"{n_start} {start} is after {n_end} {end}")


def _first(day: str | dt.date) -> dt.date:
    return day if isinstance(day, dt.date) else parse_period(day)[0]


def _last(day: str | dt.date) -> dt.date:
    return day if isinstance(day, dt.date) else parse_period(day)[1]


@dataclass(frozen=True, kw_only=True, slots=True)
class TimeSlice:
    """A slice to apply: ``at`` or ``start``/``end``, and what to do with undated relations.

    Checked by :func:`check_window` when made.
    """

    at: str | None = None
    start: str | None = None
    end: str | None = None
    undated: str = "keep"

    def __post_init__(self) -> None:
        check_window(self.at, self.start, self.end, self.undated)

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

    Raises :class:`ArgumentError` for a window :func:`check_window` refuses.
    Without any of ``at``, ``start`` and ``end``, ``undated="drop"`` still
    drops the undated relations.
    """
    check_window(at, start, end, undated)
    if at is not None:
        start = end = at
    keep = undated == "keep"
    if start is None and end is None:
        if keep:
            return doc
        return doc.filter(start=dt.date.min, keep_undated=False)
    return doc.filter(start=start, end=end, keep_undated=keep)
