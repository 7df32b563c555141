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

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vectorgraph.extract.lexicon import Predicate
from vectorgraph.extract.mentions import Mention
from vectorgraph.extract.tree import (
    CONFIDENCE,
    FIRMS,
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

__all__ = [
    "Gathering",
    "gatherings",
    "holders",
    "last_blocs",
    "leaders",
    "led",
    "listed",
    "meeting_bodies",
    "members",
    "relata",
    "roles",
]

_COPULA = frozenset(("be", "remain", "become", "stay", "seem", "appear", "continue"))
_INCLUDE = frozenset(("include", "comprise", "count"))
_STATUS = frozenset(("status", "seat", "membership"))
_PRONOUNS = frozenset(("its", "their", "his", "her"))
_REFERENCES = frozenset(("region", "bloc", "ref", "pair"))
_STATES = frozenset(("states", "countries", "republics", "nations", "members", "neighbours",
                     "neighbors", "economies"))  # fmt: skip
_OFFICES = frozenset(("leads", "serves"))
#: verbs whose object is someone else the subject acts on, never a role the subject holds
_MET = frozenset(("meet", "host", "receive", "welcome", "invite", "visit", "call", "thank", "urge",
                  "greet", "brief", "join", "see", "tell", "ask", "congratulate"))  # fmt: skip
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
            mod = next(  # "EU candidate status": the role among the modifiers
                (
                    c
                    for c in tok.children
                    if c.dep_ in ("compound", "amod") and c.lemma in lex.roles
                ),
                None,
            )
            pred = lex.roles.get(mod.lemma) if mod is not None else None
        if pred is None:
            continue
        mood = s.mood(tok)  # "X was no friend of Y" asserts the opposite (guide)
        opposite = det_negated(tok) and RELATION_TYPES[pred.type].sign > 0
        if mood is not None and not opposite:
            continue
        found = relata(s, tok, pred)
        owners = holders(s, tok)
        if not found and pred.type == "influence":  # "Central Asia, where Russia is the power"
            found = s.where(tok)
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
        if pred.type in _OFFICES:  # "X, Kazakhstan's president": a person's office in a body
            owners = [h for h in owners if h.type == "person"]
            found = [r for r in found if r.type != "person"]
        for h in owners:
            for r in found:
                a, b = (r, h) if pred.reverse else (h, r)
                rtype = "hostility" if opposite else kind or pred.type
                if rtype == "alliance" and r.type == "organisation":
                    rtype = "member_of"  # "NATO allies Romania and Bulgaria": members of NATO
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
    elif dep == "pobj" and head.lower_ == "as":  # "touted the SCO as an alternative to NATO":
        verb = head.head  # the object holds the role; "Astana acts as a bridge": the subject
        objects = [m for c in verb.children if c.dep_ == "dobj" for m in s.phrase(c)]
        found.extend(objects or s.subjects(verb))
    elif dep == "pobj" and head.lower_ == "of" and head.head.lower_ in _SOME:
        found.extend(holders(s, head.head))  # "one of Russia's main partners"
    elif dep == "pobj" and head.lower_ == "among" and head.head.pos in VERB_POS:
        found.extend(s.subjects(head.head))  # "X is among the main partners of Y"
    elif dep == "dobj" and head.pos in VERB_POS and head.lemma not in _MET:
        found.extend(s.subjects(head))  # "Russia has no ally in the region" (not "met leaders")
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
        if not blocs and head.lemma in _BLOC_NOUNS and head.i not in s.at:
            blocs = _last_bloc(s, head)  # "Armenia left the CSTO, the Russia-led military alliance"
        for a in leaders(s, tok):
            for b in blocs:
                yield Claim(a, b, "leads_bloc", CONFIDENCE["led"])


#: nouns of a bloc that a "-led" compound may describe without naming it
_BLOC_NOUNS = frozenset(("bloc", "alliance", "organisation", "organization", "association",
                         "grouping", "union", "coalition", "group", "pact"))  # fmt: skip


def _last_bloc(s: Sentence, head: Token) -> list[Mention]:
    """The bloc a "-led" bloc noun that names none describes: the last organisation named
    before it in the sentence, else the last one the text named before (``s.bloc``); never
    the one that acts on it ("NATO criticised the Russia-led bloc": not NATO)."""
    verb = next((h for h in heads(head) if h.pos in VERB_POS), None)
    acting = {m.id for m in s.subjects(verb)} if verb is not None else set()
    before = [
        (i, m)
        for i, ms in s.at.items()
        if i < head.i
        for m in ms
        if m.type == "organisation" and m.id not in acting
    ]
    if before:
        return [max(before, key=lambda item: item[0])[1]]
    return [s.bloc] if s.bloc is not None and s.bloc.id not in acting else []


def last_blocs(mentions: Sequence[Sequence[Mention]]) -> list[Mention | None]:
    """For each sentence, the last organisation the sentences before it named, as a mention
    without a span, or None (:func:`_last_bloc`)."""
    out: list[Mention | None] = []
    last: Mention | None = None
    for named in mentions:
        out.append(last)
        for m in named:
            if m.id is not None and m.type == "organisation":
                last = Mention(m.id, 0, 0, "", m.type, "ref")
    return out


def members(s: Sentence, tok: Token, appos: Token) -> list[Mention]:
    """The members a group names in an appended list: "Gulf states (Qatar, Oman and Kuwait)".

    ``tok`` holds the mention of a bloc or region, ``appos`` its appositive; the
    members are the actors (not persons, not other blocs) of the appositive and
    its conjuncts. Empty when ``tok`` names no group or the list names none.
    """
    if not _groups(s, tok):
        return []  # named: "the region (A, B and C)" may list the members of a format instead
    listed = s.only(appos)
    if not listed or any(m.type in ORGS or m.type == "person" for m in listed):
        return []
    return listed


def _groups(s: Sentence, tok: Token) -> list[Mention]:
    """The named blocs or regions a noun stands for: its own mention, or a modifier's on a
    plural noun of states ("the five Central Asian (CA) states, A, B and C")."""
    own = [m for m in s.at.get(tok.i, ()) if m.type in ORGS and m.kind not in _REFERENCES]
    if own or tok.lower_ not in _STATES:
        return own
    return [
        m
        for c in tok.children
        if c.dep_ in ("amod", "nmod", "compound")
        for m in s.at.get(c.i, ())
        if m.type in ORGS and m.kind not in _REFERENCES
    ]


def listed(s: Sentence) -> Iterator[Claim]:
    """ "Ministers from the Gulf states (Qatar, Oman and Kuwait) met": each listed state is
    a member of the group (annotation-guide.md: memberships from lists)."""
    for tok in s.doc:
        for child in tok.children:
            if child.dep_ != "appos":
                continue
            found = members(s, tok, child)
            groups = _groups(s, tok) if found else []
            for a in found:
                for b in groups:
                    yield Claim(a, b, "member_of", CONFIDENCE["role"])
            yield from _firms(s, tok, child)


def _firms(s: Sentence, tok: Token, appos: Token) -> Iterator[Claim]:
    """ "KazMunaiGaz, a Kazakh company", "four Kyrgyz companies: A, B and C": each firm is based
    in the state its firm noun names (annotation-guide.md: a company's state)."""
    if appos.lower_ in FIRMS:
        noun, named = appos, s.only(tok)
    elif tok.lower_ in FIRMS:
        noun, named = tok, s.only(appos)
    else:
        return
    states = [
        m
        for c in noun.children
        if c.dep_ in ("amod", "compound", "nmod", "poss")
        for m in s.at.get(c.i, ())
        if m.type == "state"
    ]
    for firm in (m for m in named if m.type == "company"):
        for state in states:
            yield Claim(firm, state, "based_in", CONFIDENCE["role"])


_BODY_PREPS = frozenset(("of", "under", "within", "in"))
_WITH = frozenset(("with", "between", "among"))
_UP = frozenset(("dobj", "pobj", "prep", "nsubjpass", "attr"))


@dataclass(frozen=True, slots=True)
class Gathering:
    """States taking part in a meeting of a bloc or format, and who else is there."""

    body: Mention
    states: tuple[Mention, ...]
    others: tuple[Mention, ...]  # persons and the like who attend: "he took part in"


def gatherings(s: Sentence) -> tuple[list[Gathering], list[Claim]]:
    """Meetings held by or under a bloc or format with two or more states taking part (the
    lexicon's ``meetings``): "the meeting of the C5+1 with A, B and C"; and the claims of the
    persons who act at a bloc's meeting (:func:`_attending`)."""
    out: list[Gathering] = []
    attending: list[Claim] = []
    for tok in s.doc:
        if tok.pos not in NOUN_POS or tok.lemma not in s.lexicon.meetings:
            continue
        attending.extend(_attending(s, tok))
        verb = next((h for h in _up(tok) if h.pos in VERB_POS), None)
        bodies = _bodies(s, tok) or (_bodies(s, verb, ("under", "within")) if verb else [])
        bodies = bodies or _recalled(s, tok)
        if not bodies:
            continue
        held = [tok, *(g for c in tok.children if c.lower_ == "of" for g in pobjs(c))]
        taking = [  # "with A and B", also as the parser hangs it: "of the OTS with A and B"
            m
            for t in held
            for c in t.children
            if c.dep_ == "prep" and c.lower_ in _WITH
            for g in pobjs(c)
            for m in s.phrase(g)
        ]
        taking += s.subjects(verb) if verb is not None else []
        body = bodies[0]
        by_id = {m.id: m for m in reversed(taking) if m.type == "state" and m.id != body.id}
        states = tuple(by_id[k] for k in dict.fromkeys(m.id for m in taking) if k in by_id)
        if len({m.id for m in states}) < 2:
            continue
        others = tuple(m for m in taking if m.type not in ORGS and m.type != "state")
        out.append(Gathering(body, states, others))
    return out, attending


def _attending(s: Sentence, meeting: Token) -> Iterator[Claim]:
    """ "Xi and Modi held talks on the sidelines of the SCO summit": each person who acts at a
    bloc's meeting consults the bloc (the states there are its members: :func:`gatherings`)."""
    verb = _acting_at(meeting)
    if verb is None or s.mood(verb) is not None:
        return
    pred = s.predicate(verb)
    if pred is not None and RELATION_TYPES[pred.type].sign < 0:
        return  # "skipped the meetings of the bloc"
    bodies = _bodies(s, meeting) or _recalled(s, meeting)
    for c in verb.children if bodies else ():
        if c.dep_ == "nsubj":
            acting = s.phrase(c)
        elif c.dep_ == "agent":  # "the summit was attended by Putin and Tokayev"
            acting = [m for g in pobjs(c) for m in s.phrase(g)]
        else:
            continue
        for a in acting:
            if a.type == "person":
                yield Claim(a, bodies[0], "consultation", CONFIDENCE["role"])


_DEFINITE = frozenset(("the", "this", "that"))
#: a bloc's meeting named in the text: "the CSTO summit", "the SCO's meeting", "the summit of the
#: OTS" (the words of a meeting that a later "the summit" may stand for)
_NAMED_MEETING = r"summit|meeting|forum|conference|gathering|ministerial"
_AFTER = re.compile(rf"(?:['’]s)?\s+(?:[\w-]+\s+)?(?:{_NAMED_MEETING})s?\b")
_BEFORE = re.compile(rf"\b(?:{_NAMED_MEETING})s?\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def meeting_bodies(
    text: str, spans: Sequence[tuple[int, int]], mentions: Sequence[Sequence[Mention]]
) -> list[Mention | None]:
    """For each sentence, the bloc whose meeting the sentences before it named last ("the CSTO
    summit", "a summit of the SCO"), as a mention without a span, or None: what a later
    "the summit" that names no body stands for (:func:`_recalled`)."""
    out: list[Mention | None] = []
    last: Mention | None = None
    for (start, end), named in zip(spans, mentions):
        out.append(last)
        sentence = text[start:end]
        for m in named:
            if m.id is None or m.type != "organisation":
                continue
            if _AFTER.match(sentence, m.end) or _BEFORE.search(sentence, 0, m.start):
                last = Mention(m.id, 0, 0, "", m.type, "ref")
    return out


def _recalled(s: Sentence, meeting: Token) -> list[Mention]:
    """ "The summit was attended by A and B" after the CSTO's summit was named: a definite
    meeting that names no body of its own is the last one the text named (``s.meeting``)."""
    if s.meeting is None or any(m.type in ORGS for m in s.at.get(meeting.i, ())):
        return []
    definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in meeting.children)
    return [s.meeting] if definite else []


_ATTEND = frozenset(("attend", "join", "address", "chair", "host"))
_AT = frozenset(("at", "on", "in"))


def _acting_at(meeting: Token) -> Token | None:
    """The verb whose subject acts at a meeting: it attends it, acts at it, or during it or on
    its sidelines (wherever the parser hangs those), not "blamed X for his absence at it"."""
    tok, head = meeting, meeting.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.pos in VERB_POS:
        return head if head.lemma in _ATTEND else None
    if tok.dep_ != "pobj":
        return None
    aside = head.lower_ == "of" and head.head.lemma in ("sideline", "sidelines", "margin")
    if aside:  # "on the sidelines of the summit": when and where the act happened
        tok = head.head
        head = tok.head
    if tok.dep_ != "pobj" or head.dep_ != "prep":
        return None
    above = head.head
    if above.pos in VERB_POS:
        return above if aside or head.lower_ in _AT or head.lower_ == "during" else None
    if aside or head.lower_ == "during":
        return next((h for h in heads(above) if h.pos in VERB_POS), None)
    if head.lower_ == "in" and above.lemma == "part" and above.dep_ == "dobj":
        return above.head  # "took part in the SCO summit"
    return None


def _up(tok: Token) -> Iterator[Token]:
    """The words above a noun while it is an object ("held another round of talks")."""
    while tok.dep_ in _UP and tok.head.i != tok.i:
        tok = tok.head
        yield tok


def _bodies(s: Sentence, tok: Token, preps: tuple[str, ...] = tuple(_BODY_PREPS)) -> list[Mention]:
    """The blocs or formats a meeting is of: "the SCO summit", "the meeting of the C5+1"."""
    found: list[Mention] = []
    for c in tok.children:
        if c.dep_ in ("compound", "nmod", "poss") and tok.pos in NOUN_POS:
            found.extend(m for m in s.only(c) if m.type == "organisation")
        elif c.dep_ == "prep" and c.lower_ in preps:
            found.extend(m for g in pobjs(c) for m in s.phrase(g) if m.type == "organisation")
    return found
