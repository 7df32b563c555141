"""The balance view: the focal actor's poles, what they contain, the ties behind them, over time.

One object, :class:`BalanceView`, feeds both the interactive page (the balance
panel and its time control, drawn by ``balance.js``) and the printable report.
Its numbers are :func:`vectorgraph.measures.vector_balance`'s and, per period,
:func:`vectorgraph.timeline.balance_timeline`'s, so the page and the
report show what ``vectorgraph vectors`` prints.

**Which focal actor.** The one given; else the article's own
(:data:`vectorgraph.measures.DEFAULT_FOCAL`) when the graph holds it. **Which
poles.** Those given; else those of :data:`vectorgraph.measures.DEFAULT_POLES`
that the graph holds. A graph with neither has no balance view.

**The ties behind a pole** are the focal actor's signed relations (structural
ties left out, as the balance leaves them out) whose other end is the pole or
one of its members (:func:`vectorgraph.measures.pole_members`).

Examples
--------
>>> from vectorgraph import load
>>> view = balance_view(load())
>>> view.focal, view.members["WEST"], len(view.ties["RUS"])
('KAZ', ('EU', 'USA'), 9)
>>> view.timeline.by, len(view.timeline.periods)
('month', 14)
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vectorgraph.errors import ArgumentError
from vectorgraph.measures.vectors import (
    DEFAULT_FOCAL,
    DEFAULT_POLES,
    VectorBalance,
    pole_members,
    vector_balance,
)
from vectorgraph.timeline import Timeline, balance_timeline, choose_by

if TYPE_CHECKING:
    from vectorgraph.document import GraphDocument
    from vectorgraph.render.page import Extension

__all__ = [
    "BalanceView",
    "balance_extension",
    "balance_extensions",
    "balance_view",
    "focal_and_poles",
]

#: The most periods the page's time control offers (:func:`choose_by`'s limit).
MAX_PERIODS = 24


@dataclass(frozen=True, kw_only=True, slots=True)
class BalanceView:
    """The focal actor's balance, each pole's members and ties, and the balance per period.

    ``ties`` maps a pole to positions in the document's ``relations``;
    ``timeline`` is None for a graph without dates.
    """

    focal: str
    poles: tuple[str, ...]
    balance: VectorBalance
    members: dict[str, tuple[str, ...]]
    ties: dict[str, tuple[int, ...]]
    timeline: Timeline | None


def focal_and_poles(
    doc: GraphDocument, focal: str | None = None, poles: Sequence[str] | None = None
) -> tuple[str, tuple[str, ...]] | None:
    """The focal actor's id and the pole ids (names and aliases resolved); None if the graph
    has no default focal actor and none is given.

    Raises :class:`vectorgraph.NotFoundError` for an unknown name and
    :class:`vectorgraph.errors.ArgumentError` when fewer than two poles remain.

    >>> from vectorgraph import load
    >>> focal_and_poles(load(), "Astana", ["Moscow", "Beijing"])
    ('KAZ', ('RUS', 'CHN'))
    """
    ids = {a.id for a in doc.actors}
    if focal is None:
        if DEFAULT_FOCAL not in ids:
            return None
        focal_id = DEFAULT_FOCAL
    else:
        focal_id = doc.find_actor(focal).id
    if poles is None:
        pole_ids = tuple(p for p in DEFAULT_POLES if p in ids)
    else:
        pole_ids = tuple(doc.find_actor(p).id for p in poles)
    if len(pole_ids) < 2:
        raise ArgumentError(
            f"the balance of {focal_id} needs two poles or more (give --poles), "
            f"found {len(pole_ids)}"
        )
    return focal_id, pole_ids


def balance_view(
    doc: GraphDocument,
    focal: str | None = None,
    poles: Sequence[str] | None = None,
    *,
    by: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> BalanceView | None:
    """The :class:`BalanceView` of ``doc``; None without a focal actor (see the module).

    ``by`` cuts the timeline into years, quarters or months; by default the
    finest that gives at most :data:`MAX_PERIODS` periods. ``start``/``end``
    keep it to the periods a time slice's window touches.
    """
    chosen = focal_and_poles(doc, focal, poles)
    if chosen is None:
        return None
    focal_id, pole_ids = chosen
    G = doc.to_networkx()
    balance = vector_balance(G, focal_id, pole_ids)
    members = {}
    ties = {}
    for p in pole_ids:
        inside = pole_members(G, p)
        members[p] = tuple(sorted(m for m in inside if m != p))
        ties[p] = tuple(
            i
            for i, r in enumerate(doc.relations)
            if r.sign != 0
            and focal_id in (r.source, r.target)
            and (r.target if r.source == focal_id else r.source) in inside
        )
    by = by or choose_by(doc, MAX_PERIODS, start=start, end=end)
    timeline = balance_timeline(doc, by, focal_id, pole_ids, start=start, end=end) if by else None
    return BalanceView(
        focal=focal_id,
        poles=pole_ids,
        balance=balance,
        members=members,
        ties=ties,
        timeline=timeline,
    )


#: The width of the charts in the page's side panel (SVG units; the panel scales them).
PANEL_WIDTH = 300


def _spans(view: BalanceView, count: int) -> list[int]:
    """Per relation, the first and last period it is in force (flat pairs; -1 -1 for none).

    A relation's date is one interval and periods follow one another, so the
    periods that hold it are consecutive: two numbers say which.
    """
    spans = [-1] * (2 * count)
    if view.timeline is None:
        return spans
    for k, period in enumerate(view.timeline.periods):
        for i in period.indices:
            if spans[2 * i] < 0:
                spans[2 * i] = k
            spans[2 * i + 1] = k
    return spans


def _panel(view: BalanceView, names: dict[str, str]) -> str:
    """The panel's trusted HTML: a pole chart for all periods and one per period (hidden)."""
    from vectorgraph.render.charts import pole_chart, timeline_chart

    parts = [
        '<details class="vg-section vg-balance" open>',
        f"<summary>Balance of {html.escape(names[view.focal])}</summary>",
        '<div class="vg-bal-time"></div>',
        (
            '<div class="vg-bal-chart" data-vg-period="all">'
            f"{pole_chart(view.balance, names, width=PANEL_WIDTH)}</div>"
        ),
    ]
    periods = view.timeline.periods if view.timeline is not None else ()
    parts += [
        f'<div class="vg-bal-chart" data-vg-period="{k}" hidden>'
        f"{pole_chart(p.balance, names, width=PANEL_WIDTH, period=p.period.label)}</div>"
        for k, p in enumerate(periods)
    ]
    parts.append('<div class="vg-bal-poles"></div>')
    if view.timeline is not None:
        parts.append(
            '<div class="vg-bal-series">'
            f"{timeline_chart(view.timeline, names, width=PANEL_WIDTH, height=230)}</div>"
        )
    parts.append("</details>")
    return "".join(parts)


def balance_extension(view: BalanceView, doc: GraphDocument) -> Extension:
    """The page's balance view as an :class:`~vectorgraph.render.page.Extension`.

    Its panel holds the charts (SVG from :mod:`vectorgraph.render.charts`,
    one pole chart per period, precomputed); its config what ``balance.js``
    needs to draw the poles as groups, highlight a pole's ties and run the time
    control: actor and relation indices, no document text.

    >>> from vectorgraph import load
    >>> from vectorgraph.render import render
    >>> doc = load()
    >>> page = render(doc, extensions=[balance_extension(balance_view(doc), doc)])
    >>> page.html.count('class="vg-bal-chart"')
    15
    """
    from importlib import resources

    from vectorgraph.render.charts import pole_color
    from vectorgraph.render.page import Extension

    names = {a.id: a.name for a in doc.actors}
    index = {a.id: i for i, a in enumerate(doc.actors)}
    periods = view.timeline.periods if view.timeline is not None else ()
    config = {
        "focal": index[view.focal],
        "poles": [
            {
                "id": p,
                "node": index[p],
                "color": pole_color(k),
                "members": [index[m] for m in view.members[p] if m in index],
                "ties": list(view.ties[p]),
            }
            for k, p in enumerate(t.pole for t in view.balance.poles)
        ],
        "by": view.timeline.by if view.timeline is not None else None,
        "periods": [
            {"label": p.period.label, "at": p.period.at, "relations": p.relations} for p in periods
        ],
        "spans": _spans(view, len(doc.relations)),
    }
    here = resources.files("vectorgraph.render")
    return Extension(
        name="balance",
        script=(here / "balance.js").read_text(encoding="utf-8"),
        style=(here / "balance.css").read_text(encoding="utf-8"),
        config=config,
        panel=_panel(view, names),
    )


def balance_extensions(
    doc: GraphDocument,
    focal: str | None = None,
    poles: Sequence[str] | None = None,
    *,
    by: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> list[Extension]:
    """``[balance_extension(...)]`` for ``render(doc, extensions=...)``, or ``[]``.

    With neither ``focal`` nor ``poles`` given, a graph without the default
    focal actor or with fewer than two default poles simply has no balance view;
    names given explicitly must resolve (:func:`focal_and_poles` raises).

    >>> from vectorgraph import load
    >>> [e.name for e in balance_extensions(load())], balance_extensions(load().filter(actor_type="person"))
    (['balance'], [])
    """
    try:
        view = balance_view(doc, focal, poles, by=by, start=start, end=end)
    except ArgumentError:
        if focal is None and poles is None:
            return []
        raise
    return [] if view is None else [balance_extension(view, doc)]
