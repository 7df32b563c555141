"""The multi-vector balance over time: one :func:`vector_balance` per year, quarter or month.

:func:`balance_timeline` cuts a dated document into periods and measures the
focal actor's balance in each. The rules:

* **Periods** run from the earliest to the latest date that any relation's
  date or period names (open ends such as ``2022/`` add no bound), in calendar
  years, quarters or months.
* **A period's graph** is :func:`vectorgraph.time_slice` at that period: the
  relations whose date overlaps it, so a relation dated ``2022`` or ``2022/``
  is in force in every month of 2022, and ``vectorgraph render --at P`` draws
  exactly ``relations`` relations. Undated relations are in every period
  unless ``undated="drop"``.
* **Counts.** ``relations``: every relation in force; ``ties``: the focal
  actor's relations in force; ``evidence``: the distinct evidence sentences
  (source and sentence number) behind the focal actor's ties.
* **The balance** is :func:`vectorgraph.measures.vector_balance` of the
  period's graph (every actor, the relations in force), with the same options.

It works on a document, not on a networkx graph, because it slices by date;
the measures in :mod:`vectorgraph.measures` read any graph.

Examples
--------
>>> from vectorgraph import load
>>> t = balance_timeline(load(), by="year")
>>> [(p.period.label, p.relations, p.ties, round(p.balance.entropy, 3)) for p in t.periods]
[('2022', 41, 31, 0.701), ('2023', 38, 29, 0.695)]
>>> [p.relations for p in balance_timeline(load(), by="year", undated="drop").periods]
[11, 8]
>>> [p.period.at for p in balance_timeline(load(), by="quarter").periods][:2]
['2022-01/2022-03', '2022-04/2022-06']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from vectorgraph.document import GraphDocument, Relation, parse_period
from vectorgraph.errors import ArgumentError, VectorgraphError
from vectorgraph.graph import edge_key
from vectorgraph.measures.vectors import (
    DEFAULT_FOCAL,
    DEFAULT_POLES,
    VectorBalance,
    pole_members,
    vector_balance,
)
from vectorgraph.timeslice import time_slice

__all__ = ["BY", "Period", "PeriodBalance", "Timeline", "balance_timeline", "choose_by", "periods"]

#: The calendar units a timeline may be cut into, coarsest first.
BY = ("year", "quarter", "month")


@dataclass(frozen=True, kw_only=True, slots=True)
class Period:
    """A calendar period: its label, and its first and last month as date strings.

    ``at`` is the period as ``--at`` takes it (a year, a month, or ``A/B`` for a
    quarter).
    """

    label: str
    start: str
    end: str

    @property
    def at(self) -> str:
        return self.start if self.start == self.end else f"{self.start}/{self.end}"


def _bounds(doc: GraphDocument) -> tuple[dt.date, dt.date] | None:
    days: list[dt.date] = []
    for r in doc.relations:
        if r.date:
            days += [d for d in parse_period(r.date) if d not in (dt.date.min, dt.date.max)]
    return (min(days), max(days)) if days else None


def _check_by(by: str) -> None:
    if by not in BY:
        raise ArgumentError(f"by must be one of {', '.join(BY)}, not {by!r}")


def periods(
    doc: GraphDocument, by: str = "year", *, start: str | None = None, end: str | None = None
) -> list[Period]:
    """The periods from the document's earliest to its latest date; [] without dates.

    ``start`` and ``end`` (dates or periods, as a time slice takes them) narrow
    the span to the periods they touch.

    >>> from vectorgraph import load
    >>> [p.label for p in periods(load(), "year")]
    ['2022', '2023']
    """
    _check_by(by)
    bounds = _bounds(doc)
    if bounds is None:
        return []
    lo, hi = bounds
    if start is not None:  # a window narrower than the dates: only the periods it touches
        lo = max(lo, parse_period(start)[0])
    if end is not None:
        hi = min(hi, parse_period(end)[1])
    if lo > hi:
        return []
    if by == "year":
        return [Period(label=str(y), start=str(y), end=str(y)) for y in range(lo.year, hi.year + 1)]
    step = 3 if by == "quarter" else 1
    out = []
    month = lo.year * 12 + (lo.month - 1) // step * step
    last = hi.year * 12 + hi.month - 1
    while month <= last:
        y, m = divmod(month, 12)
        first = f"{y}-{m + 1:02d}"
        if by == "quarter":
            label = f"{y}-Q{m // 3 + 1}"
            out.append(Period(label=label, start=first, end=f"{y}-{m + 3:02d}"))
        else:
            out.append(Period(label=first, start=first, end=first))
        month += step
    return out


def choose_by(
    doc: GraphDocument,
    max_periods: int = 24,
    *,
    start: str | None = None,
    end: str | None = None,
) -> str | None:
    """The finest unit that cuts ``doc`` into at most ``max_periods``; None without dates.

    >>> from vectorgraph import load
    >>> choose_by(load())
    'month'
    """
    if _bounds(doc) is None:
        return None
    for by in reversed(BY):
        if len(periods(doc, by, start=start, end=end)) <= max_periods:
            return by
    return BY[0]


@dataclass(frozen=True, kw_only=True, slots=True)
class PeriodBalance:
    """The balance in one period, with its counts; ``indices`` are the relations in force
    (positions in the document's ``relations``)."""

    period: Period
    relations: int
    ties: int
    evidence: int
    balance: VectorBalance
    indices: tuple[int, ...]

    def row(self) -> dict[str, Any]:
        b = self.balance
        return {
            "period": self.period.label,
            "start": self.period.start,
            "end": self.period.end,
            "relations": self.relations,
            "ties": self.ties,
            "evidence": self.evidence,
            "entropy": b.entropy,
            "concentration": b.concentration,
            "dominant": b.dominant,
            "positive": b.total_positive,
            **{f"p_{t.pole}": t.p for t in b.poles},
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.label,
            "start": self.period.start,
            "end": self.period.end,
            "at": self.period.at,
            "relations": self.relations,
            "ties": self.ties,
            "evidence": self.evidence,
            **self.balance.to_dict(),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Timeline:
    """The focal actor's balance per period."""

    focal: str
    by: str
    poles: tuple[str, ...]
    periods: tuple[PeriodBalance, ...]

    @property
    def columns(self) -> list[str]:
        """The columns of :meth:`rows` (``p_<pole>``: the pole's share among the poles)."""
        active = self.periods[0].balance.poles if self.periods else ()
        return [
            "period",
            "start",
            "end",
            "relations",
            "ties",
            "evidence",
            "entropy",
            "concentration",
            "dominant",
            "positive",
            *(f"p_{t.pole}" for t in active),
        ]

    def rows(self) -> list[dict[str, Any]]:
        return [p.row() for p in self.periods]

    def to_dict(self) -> dict[str, Any]:
        return {
            "focal": self.focal,
            "by": self.by,
            "poles": list(self.poles),
            "periods": [p.to_dict() for p in self.periods],
        }

    def _repr_html_(self) -> str:
        from vectorgraph.measures.display import html_table

        return html_table(self.rows(), self.columns, caption=f"{self.focal} by {self.by}")

    def to_pandas(self) -> Any:
        """One row per period as a :class:`pandas.DataFrame` (needs pandas)."""
        from vectorgraph.measures.display import data_frame

        return data_frame(self.rows(), self.columns)


def _sentences(relations: Sequence[Relation]) -> int:
    seen = set()
    for r in relations:
        for e in r.evidence:
            seen.add((e.source, e.sentence if e.sentence is not None else e.quote))
    return len(seen)


def balance_timeline(
    doc: GraphDocument,
    by: str = "year",
    focal: str = DEFAULT_FOCAL,
    poles: Sequence[str] = DEFAULT_POLES,
    *,
    undated: str = "keep",
    start: str | None = None,
    end: str | None = None,
    weight: str | None = "weight",
    include_structural: bool = False,
    two_step: bool = False,
) -> Timeline:
    """The focal actor's :func:`vector_balance` in every ``by`` period of ``doc``.

    Parameters
    ----------
    doc : GraphDocument
        A document with dated relations.
    by : {"year", "quarter", "month"}
    focal, poles : str, sequence of str
        Actor ids, as :func:`vector_balance` takes them.
    undated : {"keep", "drop"}
        Whether undated relations are in force in every period.
    start, end : str, optional
        Only the periods that touch this window (a time slice's bounds).
    weight, include_structural, two_step
        As :func:`vector_balance`.

    Raises
    ------
    VectorgraphError
        No relation of ``doc`` has a date.
    NotFoundError
        The focal actor or a pole is not in the document.
    """
    _check_by(by)
    cut = periods(doc, by, start=start, end=end)
    if not cut:
        if _bounds(doc) is None:
            raise VectorgraphError(f"no relation has a date: nothing to cut by {by}")
        raise VectorgraphError(f"no {by} of the relations' dates lies between {start} and {end}")
    import networkx as nx

    G = doc.to_networkx()
    inside = set().union(*(pole_members(G, p) for p in poles))
    position = {id(r): i for i, r in enumerate(doc.relations)}
    years: dict[str, GraphDocument] = {}
    done: dict[tuple[int, ...], PeriodBalance] = {}
    rows = []
    for period in cut:
        # A month or quarter lies inside its year, so slicing the year's slice gives the
        # same relations as slicing the whole document, from far fewer of them.
        source = doc
        if by != "year":
            year = period.start[:4]
            if year not in years:
                years[year] = time_slice(doc, at=year, undated=undated)
            source = years[year]
        part = time_slice(source, at=period.at, undated=undated)
        indices = tuple(position[id(r)] for r in part.relations)
        same = done.get(indices)  # consecutive periods often hold the same relations
        if same is None:
            mine = [r for r in part.relations if focal in (r.source, r.target)]
            keys = {edge_key(i, doc.relations[i].id) for i in indices}
            # the balance reads only the focal actor, its partners and the poles' members
            near = {focal, *inside, *(r.other(focal) for r in mine)}
            view = nx.subgraph_view(
                G,
                filter_node=near.__contains__,
                filter_edge=lambda u, v, k, keys=keys: k in keys,
            )
            balance = vector_balance(  # the period's relations among those actors
                view,
                focal,
                poles,
                weight=weight,
                include_structural=include_structural,
                two_step=two_step,
            )
            same = done[indices] = PeriodBalance(
                period=period,
                relations=len(part.relations),
                ties=len(mine),
                evidence=_sentences(mine),
                balance=balance,
                indices=indices,
            )
        rows.append(replace(same, period=period))
    return Timeline(focal=focal, by=by, poles=tuple(poles), periods=tuple(rows))
