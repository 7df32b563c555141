"""The rules of ties: when two relations are the same tie, and how ties combine.

Every module that groups, combines or compares relations (merging, compare,
queries, measures, render, extraction) asks this one:

- :func:`pair` is the undirected key of two actors, :func:`ends` the key of a
  relation's ends (ordered when it is directed);
- :func:`noisy_or` combines the strengths of independent claims of one tie
  (:class:`NoisyOr` the same, one claim at a time, for a merge that streams);
- :func:`net_sign` is the sign of a net (positive minus negative) weight, with
  one tolerance, :data:`TOLERANCE`, so that every module agrees near zero;
- :func:`sign_text` and :func:`parse_sign` convert signs to and from text.

Examples
--------
>>> pair("RUS", "KAZ"), ends("RUS", "KAZ", directed=True)
(('KAZ', 'RUS'), ('RUS', 'KAZ'))
>>> noisy_or([0.5, 0.5])
0.75
>>> net_sign(0.3 - 0.3), net_sign(-0.2)
(0, -1)
>>> sign_text(-1), parse_sign("+1")
('-', 1)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import TypeVar

__all__ = [
    "SIGN_FORMS",
    "SIGN_TEXT",
    "TOLERANCE",
    "NoisyOr",
    "ends",
    "net_sign",
    "noisy_or",
    "pair",
    "parse_sign",
    "sign_text",
]

_N = TypeVar("_N", bound=Hashable)

#: Net weights within this distance of zero have no sign.
TOLERANCE = 1e-9

#: The text of each sign, as tables, CSV and GraphML write it.
SIGN_TEXT: dict[int, str] = {1: "+", -1: "-", 0: "0"}

#: What :func:`parse_sign` accepts: the written forms, with a Unicode minus too.
SIGN_FORMS: dict[str, int] = {
    "+": 1,
    "+1": 1,
    "1": 1,
    "-": -1,
    "-1": -1,
    "\u2212": -1,
    "\u22121": -1,
    "0": 0,
}


def pair(a: _N, b: _N) -> tuple[_N, _N]:
    """The undirected key of two actors: the two in order of their text."""
    return (a, b) if str(a) <= str(b) else (b, a)


def ends(source: _N, target: _N, directed: bool) -> tuple[_N, _N]:
    """The key of a relation's ends: as given when directed, else :func:`pair`."""
    return (source, target) if directed else pair(source, target)


def noisy_or(strengths: Iterable[float]) -> float:
    """The strength of a tie claimed independently with each of ``strengths``.

    ``1 - prod(1 - w)``, at most 1, rounded to 6 places.

    >>> noisy_or([0.2])
    0.2
    """
    return _noisy_or(math.prod(1.0 - w for w in strengths))


def _noisy_or(missed: float) -> float:
    """The strength of a tie from ``missed``, the product of ``1 - w`` over its claims."""
    return round(min(1.0, 1.0 - missed), 6)


class NoisyOr:
    """:func:`noisy_or`, one strength at a time, in constant memory.

    The product of ``1 - w`` is folded from the left as :func:`math.prod`
    folds it, so :attr:`value` is the same float as ``noisy_or`` of the
    strengths in the order they were added.

    >>> tie = NoisyOr()
    >>> tie.add(0.5)
    >>> tie.add(0.5)
    >>> tie.value
    0.75
    """

    __slots__ = ("missed",)

    def __init__(self) -> None:
        self.missed = 1.0  # the product of 1 - w over the strengths added

    def add(self, strength: float) -> None:
        """One more claim of the tie, of this strength."""
        self.missed *= 1.0 - strength

    @property
    def value(self) -> float:
        """The tie's strength: :func:`noisy_or` of every strength added."""
        return _noisy_or(self.missed)


def net_sign(value: float) -> int:
    """The sign of a net weight: 0 within :data:`TOLERANCE` of zero."""
    return (value > TOLERANCE) - (value < -TOLERANCE)


def sign_text(sign: int) -> str:
    """``+``, ``-`` or ``0``."""
    return SIGN_TEXT[sign]


def parse_sign(text: str) -> int:
    """The sign written as ``+``, ``+1``, ``1``, ``-``, ``-1`` or ``0``.

    Raises ``KeyError`` for any other text; callers name the place.
    """
    return SIGN_FORMS[text.strip()]
