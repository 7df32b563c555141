"""Colours, shapes and line styles of the rendered page.

Actors are coloured and shaped by type, relations coloured by sign and dashed by
the kind of their type (hedging dash-dotted, other structural ties dashed, verbal
ones dotted); the page script draws a relation 1 + 4 x weight pixels wide. The
colours come from :mod:`vectorgraph.palette`, shared with the GEXF and DOT
exports; every actor type also has its own shape and every kind of relation its
own line style, so nothing rests on colour alone.

Examples
--------
>>> actor_style("state")
('#0072B2', 'dot')
>>> relation_dashes("member_of"), relation_dashes("hedges"), relation_dashes("sanctions")
([10, 10], [14, 6, 2, 6], False)
"""

from __future__ import annotations

from collections.abc import Mapping

from vectorgraph.palette import ACTOR_COLOURS, SIGN_COLOURS
from vectorgraph.vocabulary import ACTOR_TYPES, RELATION_TYPES, RelationType

__all__ = [
    "ACTOR_STYLES",
    "HEDGING_TYPES",
    "LINE_STYLES",
    "SIGN_STYLES",
    "VERBAL_TYPES",
    "actor_style",
    "node_size",
    "relation_dashes",
]

#: Actor type -> (fill colour, vis-network shape).
_SHAPES = {
    "state": "dot",
    "organisation": "square",
    "region": "diamond",
    "company": "triangle",
    "person": "star",
    "other": "hexagon",
}
ACTOR_STYLES: Mapping[str, tuple[str, str]] = {
    kind: (ACTOR_COLOURS[kind], shape) for kind, shape in _SHAPES.items()
}
assert set(ACTOR_STYLES) == set(ACTOR_TYPES)

#: Sign -> (label, colour): cooperative, conflictual, structural.
SIGN_STYLES: Mapping[int, tuple[str, str]] = {
    1: ("cooperative", SIGN_COLOURS[1]),
    -1: ("conflictual", SIGN_COLOURS[-1]),
    0: ("structural", SIGN_COLOURS[0]),
}

#: Verbal (talk, not deeds) relation types: drawn dotted. Structural types are
#: dashed, material ones solid.
VERBAL_TYPES: frozenset[str] = frozenset(
    {"consultation", "diplomatic_cooperation", "criticism", "hostility", "threat"}
)

#: Hedging (a state balancing between powers, one of them the target): dash-dotted,
#: so that it does not read as a membership.
HEDGING_TYPES: frozenset[str] = frozenset({"hedges"})

_DASHED, _DASH_DOT, _DOTTED = [10, 10], [14, 6, 2, 6], [2, 6]

#: The legend's line styles: (dashes, what they mean), in the legend's order.
LINE_STYLES: tuple[tuple[list[int] | bool, str], ...] = (
    (False, "solid: material relation"),
    (_DOTTED, "dotted: verbal relation"),
    (_DASHED, "dashed: membership and other structural ties"),
    (_DASH_DOT, "dash-dot: hedging between powers"),
)

#: The smallest and largest drawn node size (vis-network pixels).
NODE_MIN, NODE_MAX = 10.0, 40.0


def actor_style(actor_type: str) -> tuple[str, str]:
    """The (colour, shape) of an actor type; unknown types look like ``other``."""
    return ACTOR_STYLES.get(actor_type, ACTOR_STYLES["other"])


def relation_dashes(
    type_id: str, types: Mapping[str, RelationType] = RELATION_TYPES
) -> list[int] | bool:
    """The vis-network ``dashes`` of a relation type: dash-dot hedging, dashed structural, dotted verbal.

    vis-network draws lines with round caps, which eat half the line width into
    each gap, so the gaps are wider than they look in the pattern.
    """
    if type_id in HEDGING_TYPES:
        return list(_DASH_DOT)
    kind = types.get(type_id)
    if kind is not None and kind.structural:
        return list(_DASHED)
    if type_id in VERBAL_TYPES:
        return list(_DOTTED)
    return False


def node_size(value: float, low: float, high: float) -> float:
    """The drawn size of a node whose measure is ``value`` in ``[low, high]``.

    >>> node_size(0.5, 0.0, 1.0), node_size(3.0, 3.0, 3.0)
    (25.0, 25.0)
    """
    if high <= low:
        return (NODE_MIN + NODE_MAX) / 2
    return round(NODE_MIN + (NODE_MAX - NODE_MIN) * (value - low) / (high - low), 3)
