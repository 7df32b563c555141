"""The balance view: the focal actor's poles, what they contain, the ties behind them, over time.

One object, :class:`BalanceView`, feeds both the interactive page (the balance
panel and its time control, drawn by ``balance.js``) and the printable report.
Its numbers are :func:`vectorgraph.measures.vector_balance`'s and, per period,
:func:`vectorgraph.measures.timeline.balance_timeline`'s, so the page and the
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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vectorgraph.errors import ArgumentError
from vectorgraph.measures.timeline import Timeline, balance_timeline, choose_by
from vectorgraph.measures.vectors import (
    DEFAULT_FOCAL,
    DEFAULT_POLES,
    VectorBalance,
    pole_members,
    vector_balance,
)

if TYPE_CHECKING:
    from vectorgraph.document import GraphDocument

__all__ = ["BalanceView", "balance_view", "focal_and_poles"]

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
) -> BalanceView | None:
    """The :class:`BalanceView` of ``doc``; None without a focal actor (see the module).

    ``by`` cuts the timeline into years, quarters or months; by default the
    finest that gives at most :data:`MAX_PERIODS` periods.
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
    by = by or choose_by(doc, MAX_PERIODS)
    timeline = balance_timeline(doc, by, focal_id, pole_ids) if by else None
    return BalanceView(
        focal=focal_id,
        poles=pole_ids,
        balance=balance,
        members=members,
        ties=ties,
        timeline=timeline,
    )
