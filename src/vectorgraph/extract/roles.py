"""Role frames of the parse engine: what one actor is to another, and who leads a bloc.

- **roles**: nouns of the lexicon's ``roles`` table, between their *holder* (the
  subject of a copula, an appositive, the object of "as") and their *relatum*
  (a possessor, an "of" object, a modifier): "X is a member of Y", "Y's biggest
  creditor is X", "the bloc whose members are A and B", "its ally Moscow"; a
  positive role denied by "no" asserts the opposite ("X was no friend of Y");
- **led** compounds: "the Russian-led CSTO", "the Beijing-dominated forum".

Examples
--------
>>> from vectorgraph.extract.lexicon import default_lexicon
>>> from vectorgraph.extract.mentions import MentionFinder
>>> from vectorgraph.extract.nlp import load_model
>>> from vectorgraph.extract.parse import Sentence
>>> text = "Kyrgyzstan's biggest creditor is China."
>>> s = Sentence(load_model()(text), MentionFinder().find(text), default_lexicon(), None)
>>> [(c.source.id, c.target.id, c.type) for c in roles(s)]
[('KGZ', 'CHN', 'depends_on')]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from vectorgraph.extract.lexicon import Predicate
from vectorgraph.extract.mentions import Mention
from vectorgraph.extract.tree import (
    CONFIDENCE,
    NOUN_POS,
    ORGS,
    VERB_POS,
    Claim,
    Token,
    det_negated,
    heads,
    pobjs,
)
from vectorgraph.vocabulary import RELATION_TYPES

if TYPE_CHECKING:
    from vectorgraph.extract.parse import Sentence

__all__ = ["holders", "leaders", "led", "relata", "roles"]

_COPULA = frozenset(("be", "remain", "become", "stay", "seem", "appear", "continue"))
_INCLUDE = frozenset(("include", "comprise", "count"))
_STATUS = frozenset(("status", "seat", "membership"))
_PRONOUNS = frozenset(("its", "their", "his", "her"))
_SOME = frozenset(("one", "some", "each", "both", "all", "two", "three", "several"))


def roles(s: Sentence) -> Iterator[Claim]:
    """ "X is a member of Y", "Y's creditor is X", "whose members are A, B", "its ally X"."""
    lex = s.lexicon
    for tok in s.doc:
        if tok.pos not in NOUN_POS:
            continue
        lemma = tok.lemma
        pred = lex.roles.get(lemma)
        if pred is None and lemma in _STATUS:  # "holds observer status"
            mod = next((c for c in tok.children if c.dep_ in ("compound", "amod")), None)
            pred = lex.roles.get(mod.lemma) if mod is not None else None
        if pred is None:
            continue
        mood = s.mood(tok)  # "X was no friend of Y" asserts the opposite (guide)
        opposite = det_negated(tok) and RELATION_TYPES[pred.type].sign > 0
        if mood is not None and not opposite:
            continue
        found = relata(s, tok, pred)
        owners = holders(s, tok)
        if not found and tok.dep_ in ("attr", "nsubj") and tok.head.pos in VERB_POS:
            found = [  # "For Kyrgyzstan, China remains the main partner"
                m
                for c in tok.head.children
                if c.dep_ == "prep" and c.lower_ == "for"
                for g in pobjs(c)
                for m in s.phrase(g)
            ]
        kind = next(  # "trading partner": the modifier says what kind
            (
                p.type
                for c in tok.children
                if c.dep_ in ("compound", "amod")
                for p in [s.lexicon.nouns.get(c.lemma)]
                if p is not None
            ),
            None,
        )
        if not found and pred.type in ("member_of", "observer_of"):
            orgs = {m.id for ms in s.at.values() for m in ms if m.type == "organisation"}
            if len(orgs) == 1:
                found = [m for ms in s.at.values() for m in ms if m.type == "organisation"][:1]
        for h in owners:
            for r in found:
                a, b = (r, h) if pred.reverse else (h, r)
                rtype = "hostility" if opposite else kind or pred.type
                yield Claim(a, b, rtype, CONFIDENCE["role"])


def relata(s: Sentence, tok: Token, pred: Predicate) -> list[Mention]:
    """What a role noun is a role *to*: its possessor, "of" object or modifier."""
    found: list[Mention] = []
    for child in tok.children:
        if child.dep_ == "poss" and child.lower_ in _PRONOUNS:  # "denied helping its ally"
            verb = next((h for h in heads(tok) if h.pos in VERB_POS), None)
            found.extend(s.subjects(verb) if verb is not None else ())
        elif child.dep_ == "poss":
            found.extend(s.phrase(child))
        elif child.dep_ == "prep" and child.lower_ in pred.preps:
            found.extend(m for g in pobjs(child) for m in s.phrase(g))
        elif child.dep_ in ("amod", "compound", "nmod"):
            found.extend(s.at.get(child.i, ()))
    return found


def holders(s: Sentence, tok: Token) -> list[Mention]:
    """Who holds a role: the subject of a copula, the noun it is appended to, "as" ..."""
    head, dep = tok.head, tok.dep_
    found: list[Mention] = []
    if dep in ("attr", "oprd", "acomp") and head.lemma in _COPULA:
        found.extend(s.subjects(head))
    elif dep == "nsubj" and head.lemma in _COPULA:
        found.extend(
            m for c in head.children if c.dep_ in ("attr", "acomp", "oprd") for m in s.phrase(c)
        )
    elif dep == "nsubj" and head.lemma in _INCLUDE:
        found.extend(m for c in head.children if c.dep_ == "dobj" for m in s.phrase(c))
    elif dep in ("appos", "compound") and head.i != tok.i:
        found.extend(s.only(head))
    elif dep == "pobj" and head.lower_ == "as":
        found.extend(s.subjects(head.head))
    elif dep == "pobj" and head.lower_ == "of" and head.head.lower_ in _SOME:
        found.extend(holders(s, head.head))  # "one of Russia's main partners"
    elif dep == "pobj" and head.lower_ == "among" and head.head.pos in VERB_POS:
        found.extend(s.subjects(head.head))  # "X is among the main partners of Y"
    elif dep == "dobj" and head.pos in VERB_POS:
        found.extend(s.subjects(head))
    for child in tok.children:
        if child.dep_ == "appos":
            found.extend(s.phrase(child))
    return found


def leaders(s: Sentence, tok: Token) -> list[Mention]:
    """Who leads in "the Russian-led CSTO", "the bloc dominated by Moscow"."""
    found = [m for c in tok.children if c.dep_ not in ("punct", "agent") for m in s.only(c)]
    if not found and tok.i >= 2 and tok.nbor(-1).text in ("-", "–"):
        found = list(s.at.get(tok.i - 2, ()))
    return found


def led(s: Sentence) -> Iterator[Claim]:
    """ "The Russian-led CSTO", "the Beijing-dominated forum"."""
    for tok in s.doc:
        if tok.lemma not in s.lexicon.led or tok.dep_ not in (
            "amod",
            "compound",
        ):
            continue
        head = tok.head
        if not s.only(head) and head.dep_ == "appos":  # "the CSTO, a Russian-led alliance"
            head = head.head
        blocs = [m for m in s.only(head) if m.type in ORGS]
        for a in leaders(s, tok):
            for b in blocs:
                yield Claim(a, b, "leads_bloc", CONFIDENCE["led"])
