"""The colours of actor types and signs: one palette for the page, GEXF and DOT.

Okabe and Ito's palette, which colour-blind readers can tell apart. The page
(:mod:`vectorgraph.render.style`) and the exports (:mod:`vectorgraph.export`)
take their colours from here, so an organisation is the same orange in Gephi,
Graphviz and the browser.

Examples
--------
>>> ACTOR_COLOURS["organisation"], SIGN_COLOURS[-1]
('#E69F00', '#D55E00')
>>> rgb(SIGN_COLOURS[1])
(0, 158, 115)
>>> actor_colour("no such type") == ACTOR_COLOURS["other"]
True
"""

from __future__ import annotations

from collections.abc import Mapping

from vectorgraph.vocabulary import ACTOR_TYPES

__all__ = ["ACTOR_COLOURS", "SIGN_COLOURS", "actor_colour", "rgb"]

#: Actor type -> fill colour (hex).
ACTOR_COLOURS: Mapping[str, str] = {
    "state": "#0072B2",
    "organisation": "#E69F00",
    "region": "#56B4E9",
    "company": "#CC79A7",
    "person": "#F0E442",
    "other": "#999999",
}
assert set(ACTOR_COLOURS) == set(ACTOR_TYPES)

#: Sign -> line colour (hex): cooperative green, conflictual vermilion, structural grey.
SIGN_COLOURS: Mapping[int, str] = {1: "#009E73", -1: "#D55E00", 0: "#7F7F7F"}


def actor_colour(actor_type: str) -> str:
    """The colour of an actor type; unknown types take ``other``'s."""
    return ACTOR_COLOURS.get(actor_type, ACTOR_COLOURS["other"])


def rgb(colour: str) -> tuple[int, int, int]:
    """``(r, g, b)`` of a ``#RRGGBB`` colour."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
