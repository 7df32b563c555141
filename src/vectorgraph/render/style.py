"""Colours, shapes and line styles of the rendered page.

Actors are coloured and shaped by type, relations coloured by sign and dashed by
the kind of their type; the page script draws a relation 1 + 4 x weight pixels wide. The palette is Okabe and Ito's, which colour-blind readers
can tell apart; every actor type also has its own shape and every sign its own
line style, so nothing rests on colour alone.

Examples
--------
>>> actor_style("state")
('#0072B2', 'dot')
>>> relation_dashes("member_of"), relation_dashes("sanctions")
([10, 10], False)
"""

from __future__ import annotations

from collections.abc import Mapping

from vectorgraph.vocabulary import ACTOR_TYPES, RELATION_TYPES, RelationType

__all__ = [
    "ACTOR_STYLES",
    "SIGN_STYLES",
    "VERBAL_TYPES",
    "actor_style",
    "node_size",
    "relation_dashes",
]

#: Actor type -> (fill colour, vis-network shape).
ACTOR_STYLES: Mapping[str, tuple[str, str]] = {
    "state": ("#0072B2", "dot"),
    "organisation": ("#E69F00", "square"),
    "region": ("#56B4E9", "diamond"),
    "company": ("#CC79A7", "triangle"),
    "person": ("#F0E442", "star"),
    "other": ("#999999", "hexagon"),
}
assert set(ACTOR_STYLES) == set(ACTOR_TYPES)

#: Sign -> (label, colour): cooperative, conflictual, structural.
SIGN_STYLES: Mapping[int, tuple[str, str]] = {
    1: ("cooperative", "#009E73"),
    -1: ("conflictual", "#D55E00"),
    0: ("structural", "#7F7F7F"),
}

#: Verbal (talk, not deeds) relation types: drawn dotted. Structural types are
#: dashed, material ones solid.
VERBAL_TYPES: frozenset[str] = frozenset(
    {"consultation", "diplomatic_cooperation", "criticism", "hostility", "threat"}
)

#: The smallest and largest drawn node size (vis-network pixels).
NODE_MIN, NODE_MAX = 10.0, 40.0


def actor_style(actor_type: str) -> tuple[str, str]:
    """The (colour, shape) of an actor type; unknown types look like ``other``."""
    return ACTOR_STYLES.get(actor_type, ACTOR_STYLES["other"])


def relation_dashes(
    type_id: str, types: Mapping[str, RelationType] = RELATION_TYPES
) -> list[int] | bool:
    """The vis-network ``dashes`` of a relation type: dashed structural, dotted verbal.

    vis-network draws lines with round caps, which eat half the line width into
    each gap, so the gaps are wider than they look in the pattern.
    """
    kind = types.get(type_id)
    if kind is not None and kind.structural:
        return [10, 10]
    if type_id in VERBAL_TYPES:
        return [2, 6]
    return False


def node_size(value: float, low: float, high: float) -> float:
    """The drawn size of a node whose measure is ``value`` in ``[low, high]``.

    >>> node_size(0.5, 0.0, 1.0), node_size(3.0, 3.0, 3.0)
    (25.0, 25.0)
    """
    if high <= low:
        return (NODE_MIN + NODE_MAX) / 2
    return round(NODE_MIN + (NODE_MAX - NODE_MIN) * (value - low) / (high - low), 3)
