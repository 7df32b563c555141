"""Shared pieces of the parse engine: the claim it makes and helpers over spaCy tokens.

:mod:`.parse` reads events and :mod:`.roles` reads roles and "led" compounds
from the same tree with these.

Examples
--------
>>> from vectorgraph.extract.nlp import load_model
>>> doc = load_model()("The Uzbek-Russian talks went well.")
>>> [t.text for t in doc if hyphened(t, t.head)]
['Uzbek']
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from vectorgraph.extract.mentions import Mention

__all__ = [
    "CONFIDENCE",
    "NOUN_POS",
    "ORGS",
    "VERB_POS",
    "Claim",
    "Token",
    "det_negated",
    "heads",
    "hyphened",
    "pobjs",
    "pos",
]

Token = Any  # a spacy.tokens.Token; spaCy is optional, so it is not imported here

VERB_POS = frozenset(("VERB", "AUX"))
NOUN_POS = frozenset(("NOUN", "PROPN"))
#: Actor types a membership, an observer seat or a "led" compound can point to.
ORGS = frozenset(("organisation", "region"))

#: Confidence of each frame's claims.
CONFIDENCE = {"svo": 0.75, "partner": 0.7, "parties": 0.7, "joint": 0.65, "role": 0.8, "led": 0.85}


@dataclass(frozen=True, slots=True)
class Claim:
    """A relation a sentence asserts: source and target mentions, type, confidence."""

    source: Mention
    target: Mention
    type: str
    confidence: float


def pos(tok: Token) -> str:
    """The coarse word class of a token from its fine tag (no attribute ruler needed)."""
    tag: str = tok.tag_
    if tag.startswith("VB"):
        return "VERB"
    if tag == "MD":
        return "AUX"
    if tag in ("NNP", "NNPS"):
        return "PROPN"
    if tag.startswith("NN"):
        return "NOUN"
    if tag.startswith("JJ"):
        return "ADJ"
    return tag


def det_negated(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in tok.children)


def hyphened(child: Token, tok: Token) -> bool:
    """Whether ``child`` is the first half of a hyphened pair with ``tok`` ("Uzbek-Russian")."""
    return (
        child.dep_ in ("amod", "compound", "nmod", "npadvmod")
        and child.i == tok.i - 2
        and tok.doc[tok.i - 1].text in ("-", "–")
    )


def heads(tok: Token) -> Iterator[Token]:
    while tok.head.i != tok.i:
        tok = tok.head
        yield tok


def pobjs(prep: Token) -> Iterator[Token]:
    """The objects of a preposition (through a gerund the parser put between: "For
    neighboring Kyrgyzstan")."""
    for g in prep.children:
        if g.dep_ == "pobj":
            yield g
        elif g.dep_ == "pcomp":
            yield g
            if g.tag_ == "VBG":
                yield from (c for c in g.children if c.dep_ == "dobj")
