"""The parse engine: relations read from a sentence's dependency tree (spaCy).

Mentions come from the gazetteer (:mod:`.mentions`), as for the cue engine; each
is anchored at the root token of its span. Every token whose lemma is in the
predicate lexicon (:mod:`.lexicon`) is a predicate; its arguments are found in
the tree:

- **subjects**: ``nsubj``, the passive ``agent``, for event nouns their possessor
  and demonym or compound modifiers ("Turkish drone deliveries", "Russia's
  war"), for a verb without one the subject of the verb it depends on
  (``xcomp``, ``conj``: "travelled to Astana and intends to go to Tashkent"), for
  a relative clause the noun it describes;
- **objects**: ``dobj``, the passive subject, and the objects of the
  prepositions the lexicon lists for the lemma; ``with`` names a partner,
  ``between``/``among`` a set of parties;
- every argument expands over conjuncts and appositives ("Britain, Japan and
  Australia") and down through ``of`` and possessors ("the reserves of Iran's
  central bank"), stopping at the first mention;
- **light words** ("imposed sanctions on", "the imposition of tariffs on") hand
  their subject and prepositions to the event noun they govern;
- **roles** ("X is a member of Y", "Y's biggest creditor is X", "the bloc whose
  members are A and B", "its ally Moscow"), **led** compounds ("the
  Russian-led CSTO") and copular adjectives ("dependent on") are frames of their
  own;
- negation and modality come from the tree: a ``neg`` child, a modal auxiliary,
  a negating verb above ("refused to join") drop the claim; a worsening verb
  ("strained ties with") turns cooperation into distancing.

Examples
--------
>>> from vectorgraph.extract.lexicon import default_lexicon
>>> from vectorgraph.extract.mentions import MentionFinder
>>> from vectorgraph.extract.nlp import load_model
>>> text = "Britain and Japan have frozen the reserves of Iran's central bank."
>>> claims = read_sentence(load_model()(text), MentionFinder().find(text), default_lexicon())
>>> sorted((c.source.id, c.target.id, c.type) for c in claims)
[('GBR', 'IRN', 'sanctions'), ('JPN', 'IRN', 'sanctions')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from vectorgraph.extract.frames import TOPIC_WORDS
from vectorgraph.extract.lexicon import Lexicon, Predicate
from vectorgraph.extract.mentions import Mention
from vectorgraph.extract.roles import (
    Gathering,
    gatherings,
    leaders,
    led,
    listed,
    members,
    roles,
)
from vectorgraph.extract.tree import (
    CONFIDENCE,
    FIRMS,
    NOUN_POS,
    ORGS,
    VERB_POS,
    Claim,
    Spans,
    Token,
    det_negated,
    heads,
    hyphened,
    pobjs,
    release,
    tree,
)
from vectorgraph.vocabulary import RELATION_TYPES

__all__ = ["Claim", "Sentence", "read", "read_sentence"]


_RELATIVE = frozenset(("which", "that", "who", "whom", "whose"))
_SUBJECT = frozenset(("nsubj", "csubj"))
_OBJECT = frozenset(("dobj", "dative", "attr", "oprd", "nsubjpass"))
_PATIENT = frozenset(("dobj", "nsubjpass"))  # what a verb acts on, active or passive
_NOUN_SUBJECT = frozenset(("poss", "compound", "amod", "nmod", "nsubj", "npadvmod"))
_EXPAND = frozenset(("conj", "appos"))
_DESCEND = frozenset(("compound", "poss", "amod", "nmod"))
_PARTNER = frozenset(("with",))
_PARTIES = frozenset(("between", "among", "amongst"))
_INNER = frozenset(("of", "as", "from"))  # "the reserves of Iran", "gas from Russia"
_EXAMPLES = frozenset(("including", "like", "notably"))  # "partners including China"
#: Verbs whose subject receives the event noun they govern: "drew criticism from Russia".
_RECEIVE = frozenset(("draw", "face", "receive", "attract", "earn", "suffer", "endure", "incur"))
_UNDER = frozenset(("come", "fall"))  # "came under pressure from X"
_DISPATCH = frozenset(("send", "dispatch"))  # "sent an envoy to X": the envoy visits X
_AIM = frozenset(("for", "in", "into", "at"))  # a verb's aim: "pushed for sanctions on"
_TAKING_PART = frozenset(("attendance", "participation", "presence"))
_OF_BLOCS = frozenset(("member_of", "observer_of", "leads_bloc"))
#: Nouns of a bloc: "a Russian-led alliance" is the alliance, not Russia ("NATO-led operations"
#: are NATO's).
_BLOCS = frozenset(("bloc", "alliance", "organisation", "organization", "association", "grouping",
                    "entity", "forum", "union", "group", "order", "initiative", "structure",
                    "community", "format", "platform", "body"))  # fmt: skip
_MANY = 4  # parties acting together that make a claim multilateral (:func:`_multilateral`)
_SUBJECT_PRONOUNS = frozenset(("they", "it", "he", "she"))
#: The word classes :meth:`Sentence._predicate` finds an entry for (others have none).
_PREDICATE_POS = VERB_POS | NOUN_POS | {"ADJ"}
_OWNERS = frozenset(("his", "her", "their"))  # possessive pronouns of a clause's subject
_SHARES = frozenset(("much", "most", "part", "some", "all", "half", "many"))
#: The prepositions of a place, which a "where" clause stands in for (:meth:`Sentence.where`).
_PLACES = frozenset(("in", "to", "into", "at"))
_IMPLIED = frozenset(("relation", "relationship", "tie", "cooperation", "trade", "partnership"))


@dataclass(slots=True)
class _Args:
    """The arguments of one predicate, by role."""

    subjects: list[Mention] = field(default_factory=list)
    objects: list[Mention] = field(default_factory=list)
    partners: list[Mention] = field(default_factory=list)
    parties: list[Mention] = field(default_factory=list)
    aimed: bool = False  # a verb's party object names no actor: "A and B visited cities"
    of: list[Mention] = field(default_factory=list)  # a noun's "of" objects, maybe its actor
    mutual: bool = False  # a hyphened pair names both sides: "the Russian-Chinese rivalry"
    #: whom a cooperative predicate is aimed against: "cooperation against the Taliban"
    against: list[Mention] = field(default_factory=list)
    #: who acts beside the subjects, as one of them: "A and B took part alongside C"
    along: list[Mention] = field(default_factory=list)


class Sentence:
    """One parsed sentence with its mentions anchored at tokens."""

    def __init__(
        self,
        doc: Any,
        mentions: Iterable[Mention],
        lexicon: Lexicon,
        focus: str | None,
        antecedents: Iterable[Mention] = (),
        spans: Spans | None = None,
        meeting: Mention | None = None,
        bloc: Mention | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.focus = focus
        #: the last organisation the text named before (:func:`~.roles.last_blocs`)
        self.bloc = bloc
        #: the body of the last meeting the text named before ("the CSTO summit"), for a later
        #: "the summit" that names none (:func:`~.roles.gatherings`)
        self.meeting = meeting
        self.at: dict[int, list[Mention]] = {}
        spans = spans or Spans(doc)  # a mention sits at the root token of its span
        for m in mentions:
            at = spans.root(m.start, m.end)
            if at is not None:
                self.at.setdefault(at, []).append(m)
        self.doc = tree(doc, lexicon, spans)
        self.preds = [self._predicate(t) if t.pos in _PREDICATE_POS else None for t in self.doc]
        #: the subject-pronoun words, in order: the only tokens the pronoun passes look at
        self.pronoun_words = [t for t in self.doc if t.lower_ in _SUBJECT_PRONOUNS]
        pronoun = any(self.unread_pronoun(t) for t in self.pronoun_words)  # else none to resolve
        root = next((t for t in self.doc if t.dep_ == "ROOT"), None) if pronoun else None
        if root is not None:  # "Kazakhstan borders Russia and it is a member of the EAEU"
            inner = [m for m in self.subjects(root) if m.id is not None and m.kind != "ref"]
            if inner:
                self.pronouns(inner, clauses_only=True)
        self.clause_pronouns()
        before = list(antecedents) if pronoun else []
        if before:
            self.pronouns(before)

    def pronouns(self, before: list[Mention], clauses_only: bool = False) -> None:
        """A subject pronoun stands for the subject of the sentence before.

        "they" for that subject, "it" for a single non-person, "he"/"she" for a
        single person; the mention takes the pronoun's place in this sentence.
        """
        for tok in self.pronoun_words:
            if not self.unread_pronoun(tok):
                continue
            if clauses_only and tok.head.dep_ not in ("conj", "ccomp"):
                continue
            self.stand_for(tok, before)

    def unread_pronoun(self, tok: Token) -> bool:
        """Whether a token is a subject pronoun that no mention stands for yet."""
        return (
            tok.dep_ in ("nsubj", "nsubjpass")
            and tok.lower_ in _SUBJECT_PRONOUNS
            and tok.i not in self.at
        )

    def clause_pronouns(self) -> None:
        """A subject pronoun of a relative or adverbial clause stands for the subject of the
        clause it hangs in: "Kazakhstan turned away from its policy, where it was balancing
        China and Russia" (Kazakhstan, not the subject of the sentence before)."""
        for tok in self.pronoun_words:
            if self.unread_pronoun(tok) and tok.head.dep_ in ("relcl", "advcl"):
                verb = next((h for h in heads(tok.head) if h.pos in VERB_POS), None)
                if verb is not None:
                    named = [m for m in self.subjects(verb) if m.id is not None]
                    self.stand_for(tok, [m for m in named if m.kind != "ref"])

    def stand_for(self, tok: Token, before: list[Mention]) -> None:
        """The pronoun ``tok`` takes the place of the mentions of ``before`` that fit it."""
        if before:
            word = tok.lower_
            if word in ("he", "she"):
                fits = [m for m in before if m.type == "person"]
            elif word == "it":
                fits = [m for m in before if m.type != "person"]
            else:
                fits = list(before)
            if not fits or (word != "they" and len(fits) > 1):
                return
            end = tok.idx + len(tok.text)
            self.at[tok.i] = [Mention(m.id, tok.idx, end, tok.text, m.type, "ref") for m in fits]

    def last_before(self, tok: Token) -> list[Mention]:
        """ "its": the nearest actor (not a person) named before it in the sentence."""
        earlier = [
            (i, m) for i, ms in self.at.items() if i < tok.i for m in ms if m.type != "person"
        ]
        if not earlier:
            return []
        last = max(i for i, _ in earlier)
        return [m for i, m in earlier if i == last][:1]

    def owner(self, noun: Token, pronoun: str) -> list[Mention]:
        """ "his", "her", "their" on an event noun: the subject of the clause it sits in ("Rouhani
        spoke during his visit to Baku": Rouhani visits), a person for "his" and "her"."""
        verb = next((h for h in heads(noun) if h.pos in VERB_POS), None)
        if verb is None:
            return []
        found = [m for m in self.subjects(verb) if m.id is not None]
        return found if pronoun == "their" else [m for m in found if m.type == "person"]

    def main_subjects(self) -> list[Mention]:
        """The subject of the sentence's root verb (the antecedent of the next "they")."""
        root = next((t for t in self.doc if t.dep_ == "ROOT"), None)
        if root is None or root.pos not in VERB_POS:
            return []
        return [m for m in self.subjects(root) if m.id is not None]

    # -- noun phrases ---------------------------------------------------------------

    def phrase(self, tok: Token, depth: int = 0) -> list[Mention]:
        """The mentions a noun phrase stands for: its own, its conjuncts', inner ones."""
        if tok.lower_ in _RELATIVE and depth < 3:
            clause = next((h for h in heads(tok) if h.dep_ in ("relcl", "acl")), None)
            if clause is not None:
                noun = clause.head
                if noun.dep_ == "appos" and noun.i not in self.at:
                    noun = noun.head  # "the EAEU, a union which comprises A and B": the EAEU
                return self.phrase(noun, depth + 1)
        own = list(self.at.get(tok.i, ()))
        named = False  # a person in apposition (a loop: no generator on every phrase read)
        for c in tok.children:
            if c.dep_ == "appos" and any(m.type == "person" for m in self.only(c)):
                named = True
                break
        if not own and not named and depth <= 4:  # "Russia's republics of Donetsk and Luhansk":
            for c in tok.children:  # the republics
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in pobjs(c):
                        own.extend(self._of(g, depth + 1))
        # "Gazprom, a Russian company", "Kyrgyz companies: A and B": the firms are named, and
        # the demonym says where they are based (roles), not who else acts
        named_firms = tok.lower_ in FIRMS and (
            tok.dep_ == "appos" or any(c.dep_ == "appos" for c in tok.children)
        )
        for child in tok.children:
            dep = child.dep_
            if dep == "appos" and members(self, tok, child):
                continue  # "Gulf states (Qatar, Oman and Kuwait)": the group stands for its list
            if dep == "appos" and child.lemma in self.lexicon.roles and not self.at.get(child.i):
                continue  # "Rahmon, the president of Tajikistan": a role (roles), no new actor
            if dep in _EXPAND:
                own.extend(self.phrase(child, depth + 1))
            elif dep == "prep" and child.lower_ in _EXAMPLES:  # "Western countries like France"
                own.extend(m for g in pobjs(child) for m in self.phrase(g, depth + 1))
            elif own or depth > 4 or named:
                continue  # "his Afghan counterpart, Ashraf Ghani": Ghani, not Afghanistan
            elif dep == "amod" and child.lemma in self.lexicon.led:
                # not "the CSTO, a Russian-led alliance" (the CSTO), nor "troops of a
                # Russian-led alliance" (a bloc acts as itself, not as its leader)
                if tok.dep_ != "appos" and tok.lemma not in _BLOCS:
                    own.extend(leaders(self, child))  # "NATO-led operations": NATO's
            elif dep != "prep" and self.predicate(child) is not None:
                continue
            elif dep in _DESCEND and not (dep != "poss" and named_firms):
                own.extend(self.phrase(child, depth + 1))
            elif dep == "prep" and child.lower_ in _INNER:
                for g in pobjs(child):
                    own.extend(self.phrase(g, depth + 1))
            elif dep == "acl" and child.tag_ == "VBN":  # "the vote organised by Russia"
                for a in child.children:
                    if a.dep_ == "agent":
                        own.extend(m for g in pobjs(a) for m in self.phrase(g, depth + 1))
        return own

    def _of(self, tok: Token, depth: int) -> list[Mention]:
        """What an "of" object stands for in a noun phrase that names no actor: the object, or the
        person named after it ("the President of Kazakhstan, Kassym-Jomart Tokayev": Tokayev)."""
        persons = [
            m for c in tok.children if c.dep_ == "appos" for m in self.only(c) if m.type == "person"
        ]
        return persons or self.phrase(tok, depth)

    def only(self, tok: Token) -> list[Mention]:
        """The mentions at a token and its conjuncts (no descent into modifiers)."""
        own = list(self.at.get(tok.i, ()))
        for child in tok.children:
            if child.dep_ in _EXPAND or hyphened(child, tok):  # "Uzbek-Russian relations"
                own.extend(self.only(child))
        return own

    # -- predicates -----------------------------------------------------------------

    def predicate(self, tok: Token) -> Predicate | None:
        """The lexicon's entry for a node (read once per sentence, by :meth:`_predicate`)."""
        return self.preds[tok.i]

    def _predicate(self, tok: Token) -> Predicate | None:
        """A verb's (or phrasal verb's), event noun's or copular adjective's lexicon entry."""
        lex = self.lexicon
        if tok.pos in VERB_POS:
            for c in tok.children:
                if c.dep_ in ("prt", "advmod") and f"{tok.lemma} {c.lower_}" in lex.verbs:
                    return lex.verbs[f"{tok.lemma} {c.lower_}"]
            return lex.verbs.get(tok.lemma)
        if tok.pos in NOUN_POS:
            return lex.nouns.get(tok.lemma)
        if tok.pos == "ADJ":
            return lex.adjectives.get(tok.lemma)
        return None

    def subjects(self, verb: Token, depth: int = 0) -> list[Mention]:
        """The subject of a verb: its own, else inherited from the verb it depends on."""
        found: list[Mention] = []
        for child in verb.children:
            if child.dep_ in _SUBJECT or (child.dep_ == "compound" and child.i < verb.i):
                found.extend(self.phrase(child))
            elif child.dep_ == "agent":
                found.extend(m for g in child.children if g.dep_ == "pobj" for m in self.phrase(g))
        if found or depth > 3:
            return found
        dep, head = verb.dep_, verb.head
        if dep == "xcomp" or (dep == "pcomp" and head.lower_ in ("for", "of")):
            # "invited Xi to visit Astana", "thanked Tokayev for visiting China", "accused Baku
            # of hosting drones": the object acts
            controller = head if dep == "xcomp" else head.head
            objs = [m for c in controller.children if c.dep_ == "dobj" for m in self.phrase(c)]
            if objs and controller.pos in VERB_POS:
                return objs
        inherits = dep in ("xcomp", "conj", "advcl", "ccomp", "acomp") and head.i != verb.i
        if inherits and (head.pos in VERB_POS or dep == "conj"):
            return self.subjects(head, depth + 1)
        if dep in ("relcl", "acl") and verb.tag_ != "VBN":
            found = self.phrase(head)
            above = head.head  # "Russia was the first to recognise X", "emerged as the first to"
            if not found and head.dep_ == "pobj" and above.lower_ == "as":
                above = above.head
            if not found and dep == "acl":  # "the decision by Armenia to strengthen ties"
                found = self.by(head)
            objected = dep == "acl" and head.dep_ == "dobj"  # "made efforts to deepen ties"
            if not found and (head.dep_ in ("attr", "pobj") or objected) and above.pos in VERB_POS:
                found = self.subjects(above, depth + 1)
            return found
        if dep == "pcomp" and head.head.i != head.i:
            outer = head.head
            if outer.pos in NOUN_POS:  # "has shown (Russia's) interest in strengthening ties"
                own = [m for c in outer.children if c.dep_ in _NOUN_SUBJECT for m in self.only(c)]
                if own or outer.dep_ != "dobj" or outer.head.pos not in VERB_POS:
                    return own or self.by(outer)
                outer = outer.head
            return self.subjects(outer, depth + 1)
        return []

    def where(self, tok: Token) -> list[Mention]:
        """The place a "where" clause names for the verb or object noun ``tok`` in it: "Central
        Asia, where China has a growing influence", "Uzbekistan, where Macron goes next"."""
        clause = tok if tok.pos in VERB_POS else tok.head
        if clause.dep_ != "relcl" or (clause is not tok and tok.dep_ not in ("dobj", "attr")):
            return []
        if not any(c.dep_ == "advmod" and c.lower_ == "where" for c in clause.children):
            return []
        return self.phrase(clause.head)

    def by(self, noun: Token) -> list[Mention]:
        """The actor of a noun named by "by": "the decision by Armenia"."""
        return [
            m
            for c in noun.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for g in pobjs(c)
            for m in self.phrase(g)
        ]

    def prep_args(self, tok: Token, pred: Predicate, args: _Args, *, agent: bool) -> None:
        preps = pred.preps | {"of"} if tok.tag_ == "VBG" else pred.preps  # "shelling of"
        for child in tok.children:
            if child.dep_ in ("advmod", "prt") and tok.pos in VERB_POS:  # "drift away from"
                self.prep_args(child, pred, args, agent=False)
            if child.dep_ == "agent" and agent:
                args.subjects.extend(m for g in pobjs(child) for m in self.phrase(g))
            if child.dep_ != "prep" and not (child.dep_ == "dative" and child.tag_ == "IN"):
                continue  # "offered weapons to X": the parser's "dative" preposition
            if any(g.dep_ == "pcomp" and self.predicate(g) for g in child.children):
                continue  # "thanked X for visiting Y": the gerund is an act of its own
            word = child.lower_
            found = [m for g in pobjs(child) for m in self.phrase(g)]
            if word in _PARTIES:
                args.parties.extend(found)
            elif word in _PARTNER:
                args.partners.extend(found)
            elif word == "alongside":
                args.along.extend(found)
            elif word == "against" and RELATION_TYPES[pred.type].sign > 0:
                args.against.extend(found)  # "supported X against the Taliban": their foe
            elif word in TOPIC_WORDS and RELATION_TYPES[pred.type].sign > 0:
                continue  # "a dialogue on Afghanistan", "talks over the pipeline": the topic
            elif word in preps:
                args.objects.extend(found)
                if word == "of" and tok.pos in NOUN_POS:
                    args.of.extend(found)
            elif word == "by" and agent:
                args.subjects.extend(found)

    def arguments(self, tok: Token, pred: Predicate) -> _Args:
        args = _Args()
        noun = tok.pos in NOUN_POS
        if tok.pos in VERB_POS:
            args.subjects.extend(self.subjects(tok))
            for child in tok.children:
                if child.dep_ in _OBJECT and _reciprocal(child):
                    args.mutual = True  # "A and B accused each other": on each other
                    continue
                if child.dep_ in _OBJECT and child.tag_ != "IN" and not pred.topic:
                    found = self.phrase(child)
                    args.objects.extend(found)
                    # a party object that names no actor, active or passive: "attended the
                    # summit", "the summit was attended by A and B" pairs no attendees
                    args.aimed = args.aimed or (child.dep_ in _PATIENT and not found)
            if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the bloc led by Moscow"
                args.objects.extend(self.only(tok.head))
            if pred.type == "hedges" and not args.objects:  # "balance relations with A and B":
                args.objects.extend(  # the poles are its object's partners
                    m
                    for c in tok.children
                    if c.dep_ == "dobj" and not self.at.get(c.i)
                    for p in c.children
                    if p.dep_ == "prep" and p.lower_ in ("with", "between", "among")
                    for g in pobjs(p)
                    for m in self.phrase(g)
                )
            if pred.type == "member_of" and pred.reverse:
                self.included(tok, args)
        elif noun:
            for child in tok.children:
                if child.dep_ in _NOUN_SUBJECT and pred.type in _OF_BLOCS:  # "EU membership"
                    for m in self.only(child):
                        (args.objects if m.type in ORGS else args.subjects).append(m)
                elif child.dep_ in _NOUN_SUBJECT:
                    args.subjects.extend(self.only(child))
                    args.mutual = args.mutual or any(hyphened(g, child) for g in child.children)
                if child.dep_ == "poss" and child.lower_ == "its":
                    args.subjects.extend(self.last_before(child))
                elif child.dep_ == "poss" and child.lower_ in _OWNERS and not args.subjects:
                    args.subjects.extend(self.owner(tok, child.lower_))
            if not args.subjects and tok.dep_ == "compound" and tok.head.pos in NOUN_POS:
                for sib in tok.head.children:  # "the China-Europe trade route": the route's pair
                    paired = sib.dep_ in ("compound", "amod", "nmod") and sib.i < tok.i
                    if paired and any(hyphened(g, sib) for g in sib.children):
                        args.subjects.extend(self.only(sib))
                        args.mutual = True
            for child in tok.children:  # "the export of goods to Russia"
                if child.dep_ == "prep" and child.lower_ == "of":
                    for g in pobjs(child):
                        if self.predicate(g) is None:
                            self.prep_args(g, pred, args, agent=False)
        else:  # a copular adjective: "Kazakhstan is dependent on Russia"
            if tok.dep_ in ("acomp", "amod"):
                args.subjects.extend(
                    self.subjects(tok.head) if tok.dep_ == "acomp" else self.only(tok.head)
                )
        self.prep_args(tok, pred, args, agent=noun)
        flow = pred.type == "trade" and "from" not in pred.preps  # checked first: a hot path
        if flow and all(m.type == "other" for m in args.subjects):  # "the TAPI pipeline carries"
            self.origins(tok, args)  # "exports from the EU to Kazakhstan", "pumps gas from A to B"
        if pred.preps & _PLACES and tok.lemma not in self.lexicon.meetings:
            args.objects.extend(self.where(tok))  # "Central Asia, where China has influence"
        if noun:
            self.light(tok, pred, args)
            if not args.subjects and args.of and len(args.of) < len(args.objects):
                args.subjects = args.of  # "the visit of Erdogan to Baku": Erdogan visits
                args.objects = [m for m in args.objects if m not in args.of]
            if not args.objects and tok.dep_ == "pobj" and tok.head.lower_ == "with":
                verb = tok.head.head  # "the SCO summit is held with attendance by X": X at it
                if verb.pos in VERB_POS and tok.lemma in _TAKING_PART:
                    args.objects.extend(
                        m
                        for c in verb.children
                        if c.dep_ in ("nsubj", "nsubjpass")
                        for m in self.phrase(c)
                    )
        args.subjects.extend(m for m in args.along if m not in args.subjects)
        return args

    def origins(self, tok: Token, args: _Args) -> None:
        """A flow whose subject names no actor runs from its "from" object: "exports from the EU
        to Kazakhstan rose", "the pipeline carries gas from Turkmenistan to China"."""
        carriers = [tok, *(c for c in tok.children if c.dep_ == "dobj")]
        found = [
            m
            for t in carriers
            for c in t.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for g in pobjs(c)
            for m in self.phrase(g)
        ]
        if found:  # the flow's source trades; a pipeline or a project only carries it
            args.subjects[:] = found
            args.objects[:] = [m for m in args.objects if m not in found]

    def included(self, verb: Token, args: _Args) -> None:
        """ "In addition to A and B, it now includes C and D": "it" is the bloc named last
        before it, and the states it includes "in addition to" (or "besides") are members too."""
        for child in verb.children:
            if child.dep_ == "nsubj" and child.lower_ == "it":  # a bloc, whatever came before
                blocs = [m for i, ms in sorted(self.at.items()) if i < child.i for m in ms]
                blocs = [m for m in blocs if m.type == "organisation"]
                if blocs and not any(m.type in ORGS for m in args.subjects):
                    args.subjects[:] = blocs[-1:]
            if child.dep_ == "prep" and child.lower_ in ("besides", "in"):
                heads = (
                    [child]
                    if child.lower_ == "besides"
                    else [
                        c
                        for g in pobjs(child)
                        if g.lower_ == "addition"
                        for c in g.children
                        if c.dep_ == "prep" and c.lower_ == "to"
                    ]
                )
                args.objects.extend(m for h in heads for g in pobjs(h) for m in self.phrase(g))

    def light(self, tok: Token, pred: Predicate, args: _Args) -> None:
        """Subjects and prepositions that a governing light verb or noun hands to an event noun."""
        lex = self.lexicon
        head = tok.head
        if tok.dep_ == "dobj" and head.lemma in _RECEIVE:
            args.objects.extend(self.subjects(head))
            if not args.subjects:
                args.subjects.extend(
                    m
                    for c in tok.children
                    if c.dep_ == "prep" and c.lower_ in ("from", "by")
                    for g in pobjs(c)
                    for m in self.phrase(g)
                )
        elif tok.dep_ in ("dobj", "nsubjpass", "attr") and head.pos in VERB_POS:
            if not args.subjects:
                args.subjects.extend(self.subjects(head))
            if head.lemma in lex.light_verbs or self.predicate(head) is None:
                self.prep_args(head, pred, args, agent=True)
        elif tok.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma in _UNDER:
            args.objects.extend(self.subjects(head.head))  # "Iran came under pressure from X"
            if not args.subjects:
                args.subjects.extend(
                    m
                    for t in (tok, head.head)
                    for c in t.children
                    if c.dep_ == "prep" and c.lower_ in ("from", "by")
                    for g in pobjs(c)
                    for m in self.phrase(g)
                )
        elif (
            tok.dep_ == "pobj"
            and head.lower_ == "with"
            and head.head.pos in VERB_POS
            and RELATION_TYPES[pred.type].sign > 0
            and pred.type != "consultation"
            and tok.lemma not in _TAKING_PART
        ):  # "With the backing of Russia, Tajikistan rejected ...": Russia backs Tajikistan
            if not args.subjects:
                args.subjects.extend(m for m in args.of if m.id is not None)
                args.objects = [m for m in args.objects if m not in args.of]
            if args.subjects and not args.objects and not args.partners:
                args.objects.extend(self.subjects(head.head))
        elif tok.dep_ == "pobj" and head.lower_ in _AIM and head.head.pos in VERB_POS:
            if not args.subjects:  # "applied for EU membership", "invested in cooperation with"
                verb = head.head
                args.subjects.extend(self.subjects(verb))
                rivalry = self.predicate(verb)
                if rivalry is not None and rivalry.mutual:  # "competed with Turkey for influence
                    args.subjects.extend(  # in Central Asia": Turkey seeks it too
                        m
                        for c in verb.children
                        if c.dep_ == "prep" and c.lower_ in rivalry.preps
                        for g in pobjs(c)
                        for m in self.phrase(g)
                    )
        elif tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos in NOUN_POS:
            outer = head.head
            if outer.lemma in lex.light_nouns:
                if not args.subjects:
                    args.subjects.extend(
                        m for c in outer.children if c.dep_ in _NOUN_SUBJECT for m in self.only(c)
                    )
                self.prep_args(outer, pred, args, agent=True)
                self.light(outer, pred, args)
        for child in tok.children:  # "sanctions imposed by X on Y"
            if child.dep_ in ("acl", "relcl") and child.lemma in lex.light_verbs:
                self.prep_args(child, pred, args, agent=True)
                if child.dep_ == "relcl":
                    args.subjects.extend(self.subjects(child))

    # -- mood -----------------------------------------------------------------------

    def mood(self, tok: Token) -> str | None:
        """ "negated", "refused" (by a verb of rejection: "refused to side with"), "possible"
        or None, read from the predicate and the words above it."""
        lex = self.lexicon
        chain = [tok]
        cur = tok
        for _ in range(4):
            if (
                cur.dep_
                not in (
                    "xcomp",
                    "dobj",
                    "nsubjpass",
                    "attr",
                    "acomp",
                    "pobj",
                    "prep",
                    "ccomp",
                    "pcomp",
                    "conj",
                    "advcl",
                )
                or cur.head.i == cur.i
            ):
                break
            if cur.dep_ in ("conj", "advcl") and cur.pos in VERB_POS:
                break
            cur = cur.head
            chain.append(cur)
            if cur.pos in VERB_POS and cur.lemma in lex.negators:
                return "refused" if cur.lemma in lex.refusals else "negated"
        for t in chain:
            for child in t.children:
                if child.dep_ == "neg" or (
                    child.dep_ == "det" and child.lower_ in ("no", "neither")
                ):
                    return "negated"
                if child.dep_ == "aux" and child.lemma in lex.modals:
                    return "possible"
            if t.pos in VERB_POS and t is not tok:
                break
        return None

    def own_subject(self, tok: Token) -> bool:
        """Whether an event noun names its own subject ("Western sanctions", "Russia's war")."""
        return tok.pos in NOUN_POS and any(
            c.dep_ in _NOUN_SUBJECT and self.only(c) for c in tok.children
        )

    def state_of_ties(self, tok: Token) -> str | None:
        """The type of cooperation said to be damaged or in conflict: "strained ties" and
        "a cooling in relations" are distancing, "tensions in relations" hostility."""
        if self.worsened(tok):
            return "distancing"
        head = tok.head
        outer = head.head  # a noun or a gerund: "tensions in", "years of cooling in"
        if tok.dep_ != "pobj" or head.lower_ not in ("in", "of") or head.i == outer.i:
            return None
        if outer.pos not in NOUN_POS and outer.tag_ != "VBG":
            return None
        if outer.lemma in self.lexicon.worsen or outer.lower_ in self.lexicon.worsen:
            return "distancing"
        pred = self.lexicon.nouns.get(outer.lemma)
        if pred is not None and RELATION_TYPES[pred.type].sign < 0:
            return pred.type
        return None

    def lessened(self, tok: Token) -> bool:
        """Whether a dependence is being reduced: "reduce its dependence on Russia"."""
        head = tok.head
        return (
            tok.dep_ in ("dobj", "nsubjpass")
            and head.pos in VERB_POS
            and head.lemma in self.lexicon.counter
            and self.mood(head) is None
        )

    def undone(self, tok: Token) -> bool:
        """Whether a conflict noun is ended or eased: "lifted sanctions", "defused tensions"."""
        head = tok.head
        return (
            tok.pos in NOUN_POS
            and tok.dep_ in ("dobj", "nsubjpass")
            and head.pos in VERB_POS
            and head.lemma in self.lexicon.undo
            and self.mood(head) is None
        )

    def worsened(self, tok: Token) -> bool:
        """Whether cooperation is said to be damaged: "strained ties", "ties have cooled"."""
        words = self.lexicon.worsen
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in _SHARES:
            tok = tok.head.head  # "ended much of his cooperation with NATO"
        head = tok.head
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and head.lemma in words:
            return True
        if tok.dep_ == "nsubj" and any(  # "relations are tense", "ties have grown strained"
            c.dep_ in ("acomp", "attr") and (c.lemma in words or c.lower_ in words)
            for c in head.children
        ):
            return True
        return any(  # "strained ties", not "full-scale participation"
            c.dep_ in ("amod", "compound")
            and c.pos not in NOUN_POS
            and (c.lemma in words or c.lower_ in words)
            for c in tok.children
        )

    # -- frames ---------------------------------------------------------------------

    def events(self) -> Iterator[Claim]:
        """Claims of verbs, event nouns and copular adjectives."""
        for tok, pred in zip(self.doc, self.preds):
            if pred is None:
                continue
            light = self.lexicon.light_verbs
            if (
                tok.pos in VERB_POS
                and tok.lemma in light
                and any(c.dep_ == "dobj" and self.predicate(c) is not None for c in tok.children)
            ):
                continue  # "signed a trade deal": the deal says what was signed
            if (
                tok.pos in NOUN_POS
                and tok.dep_ in _PATIENT
                and tok.head.lemma not in light
                and (verb := self.predicate(tok.head)) is not None
                and not (verb.topic and self.own_subject(tok))
            ):
                continue  # "banned the shipment of goods to": the ban says what happened
                #           (but "turned the West's isolation of Russia into ...": the isolation)
            args = self.arguments(tok, pred)
            if tok.lemma in _DISPATCH and tok.pos in VERB_POS:
                envoys = [m for m in args.objects if m.type == "person"]
                if envoys:  # "Trump sent Gore to Tashkent": Gore visits Uzbekistan
                    places = [m for m in args.objects if m.type != "person"]
                    yield from _pairs(_Args(envoys, places), "consultation", pred)
                    continue
            # "refused to join Western sanctions": the sanctions are still Western
            own_subject = self.own_subject(tok)
            mood = None if own_subject else self.mood(tok)
            denied = (
                mood in ("negated", "refused") and pred.denied is not None
            )  # "did not recognise"
            # "refused to side with Moscow": a rejection, distancing (guide)
            refused = mood == "refused" and RELATION_TYPES[pred.type].sign > 0 and not denied
            if (own_subject and det_negated(tok)) or (
                mood is not None and not denied and not refused
            ):
                continue
            rtype = (
                pred.denied if denied and pred.denied else "distancing" if refused else pred.type
            )
            kind = next(  # "a trade deal", "a security pact": the modifier says what kind
                (
                    p.type
                    for c in tok.children
                    if c.dep_ == "compound" and tok.pos in NOUN_POS
                    for p in [self.lexicon.nouns.get(c.lemma)]
                    if p is not None
                ),
                None,
            )
            rtype = kind or rtype
            if RELATION_TYPES[rtype].sign > 0:
                rtype = self.state_of_ties(tok) or rtype
            implied = self.focus and tok.lemma in _IMPLIED and tok.pos in NOUN_POS
            if implied and not args.subjects and args.partners:  # "Relations with Moscow cooled"
                args.subjects.append(Mention(self.focus, 0, 0, "", "state", "ref"))
            if RELATION_TYPES[rtype].sign < 0 and self.undone(tok):
                eased = _Args(self.subjects(tok.head), args.objects + args.partners + args.parties)
                yield from _pairs(eased, "diplomatic_cooperation", pred)
                if not args.parties:
                    continue  # "lifted its sanctions on Iran"; "eased tensions between" still says
            if _multilateral(args):
                continue  # "the summit was attended by A, B, C and D": no clique
            yield from _pairs(args, rtype, pred)
            if rtype == "depends_on" and self.lessened(tok):  # "seeks to reduce its dependence
                yield from _pairs(args, "distancing", pred)  # on Russia": still dependent, less so
            if pred.type == "influence" and tok.dep_ == "dobj":
                yield from self.countered(tok, args)

    def countered(self, tok: Token, args: _Args) -> Iterator[Claim]:
        """ "They want to diminish the United States' influence": hostility to its holder;
        "Minsk will strive to expand the SCO's influence": cooperation with it."""
        verb = tok.head
        lemma = verb.lemma
        kind = (
            "hostility"
            if lemma in self.lexicon.counter
            else "diplomatic_cooperation"
            if lemma in self.lexicon.boost
            else None
        )
        if kind is None or self.mood(verb) is not None:
            return
        for a in self.subjects(verb):
            for b in args.subjects:
                yield Claim(a, b, kind, CONFIDENCE["svo"])


_RECIPROCAL = {"other": "each", "one": "another"}  # "each other", "one another"


def _reciprocal(tok: Token) -> bool:
    """Whether an object is "each other" or "one another"."""
    word = _RECIPROCAL.get(tok.lower_)
    return word is not None and any(c.lower_ == word for c in tok.children)


def _multilateral(args: _Args) -> bool:
    """Whether a predicate's only parties are four or more actors acting together ("the summit
    was attended by A, B, C and D", "revived by the railways of A, B, C and D"): a multilateral
    claim, not one between each two of them (annotation-guide.md: the states at a format's
    meeting are not each other's partners)."""
    if args.objects or args.partners or args.parties:
        return False
    return len({m.id for m in args.subjects}) >= _MANY


def _pairs(args: _Args, rtype: str, pred: Predicate) -> Iterator[Claim]:
    """The claims of one predicate's arguments."""
    directed = RELATION_TYPES[rtype].directed
    targets = [(o, "svo") for o in args.objects] + [(w, "partner") for w in args.partners]
    for s in args.subjects:
        own = pred.person if pred.person and s.type == "person" else rtype
        for o, frame in targets:
            if own == "leads_bloc" and o.type not in ORGS:
                continue
            if own == "leads" and args.aimed:
                continue  # "led a delegation to Tajikistan": who is led names no actor
            a, b = (o, s) if pred.reverse else (s, o)
            yield Claim(a, b, own, CONFIDENCE[frame])
    if args.parties and rtype == "hedges":  # "balances between A and B": the poles, not a pair
        for s in args.subjects:
            for p in args.parties:
                yield Claim(s, p, rtype, CONFIDENCE["parties"])
    elif args.parties:
        ps = args.parties
        for i, a in enumerate(ps):
            for b in ps[i + 1 :]:
                yield Claim(a, b, rtype, CONFIDENCE["parties"])
        if len(ps) == 1 or "between" in pred.preps:  # a mediator (lexicon): with each party
            for s in args.subjects:
                for p in ps:
                    yield Claim(s, p, rtype, CONFIDENCE["parties"])
    for foe in args.against:  # the allies, each against their common foe
        for s in [*args.subjects, *args.objects, *args.partners, *args.parties]:
            if s.id != foe.id:
                yield Claim(s, foe, "hostility", CONFIDENCE["svo"])
    mutual = args.mutual or pred.mutual
    if (not directed or mutual) and not targets and not args.parties and not args.aimed:
        ss = sorted(args.subjects, key=lambda m: m.start)  # text order: "Turkish-Iranian"
        for i, a in enumerate(ss):
            for b in ss[i + 1 :]:
                yield Claim(a, b, rtype, CONFIDENCE["joint"])


def read_sentence(
    doc: Any,
    mentions: Iterable[Mention],
    lexicon: Lexicon,
    focus: str | None = None,
    antecedents: Iterable[Mention] = (),
) -> list[Claim]:
    """The claims of one parsed sentence between its (resolved) mentions, deduplicated.

    ``focus`` is the text's focus state, the other party of "relations with X"
    when the sentence names no subject; ``antecedents`` the subject of the
    sentence before, for a subject pronoun ("They built a base in Tajikistan").
    """
    return read(doc, mentions, lexicon, focus, antecedents)[0]


def read(
    doc: Any,
    mentions: Iterable[Mention],
    lexicon: Lexicon,
    focus: str | None = None,
    antecedents: Iterable[Mention] = (),
    spans: Spans | None = None,
    meeting: Mention | None = None,
    bloc: Mention | None = None,
) -> tuple[list[Claim], list[Mention]]:
    """:func:`read_sentence`, and the sentence's main subject (the next one's antecedent);
    ``spans``, the :class:`~.tree.Spans` of ``doc`` when the caller has them already;
    ``meeting``, the bloc whose meeting the text named last before this sentence
    (:func:`~.roles.meeting_bodies`); ``bloc``, the last organisation it named before
    (:func:`~.roles.last_blocs`)."""
    named = [m for m in mentions if m.id is not None and not m.attribute]
    sentence = Sentence(doc, named, lexicon, focus, antecedents, spans, meeting, bloc)
    try:
        return _claims(sentence), sentence.main_subjects() if sentence.at else []
    finally:
        release(sentence.doc)


def _claims(sentence: Sentence) -> list[Claim]:
    """The deduplicated claims of a sentence's frames (events, roles, "led" compounds)."""
    if not sentence.at:
        return []
    seen: set[tuple[str, ...]] = set()
    out: list[Claim] = []
    met, attending = gatherings(sentence)
    frames = (*sentence.events(), *roles(sentence), *led(sentence), *listed(sentence), *attending)
    for claim in frames:
        if met and any(_at(g, claim) for g in met):
            continue  # the states at a format's meeting are its members, not each other's
        key: tuple[str, ...] = (str(claim.source.id), str(claim.target.id), claim.type)
        if not RELATION_TYPES[claim.type].directed:
            key = (*sorted((str(claim.source.id), str(claim.target.id))), claim.type)
        if claim.source.id == claim.target.id or key in seen:
            continue
        if claim.type in _OF_BLOCS and claim.target.type not in ORGS:
            continue  # a member, observer or leading state of a bloc or region only
        seen.add(key)
        if not RELATION_TYPES[claim.type].directed and claim.target.start < claim.source.start:
            claim = Claim(claim.target, claim.source, claim.type, claim.confidence)  # text order
        out.append(claim)
    for g in met:
        for m in g.states:
            if (key := (str(m.id), str(g.body.id), "member_of")) not in seen:
                seen.add(key)
                out.append(Claim(m, g.body, "member_of", CONFIDENCE["role"]))
    return out


def _at(g: Gathering, claim: Claim) -> bool:
    """Whether a claim pairs a state at a gathering with another one there, or with the format."""
    if not RELATION_TYPES[claim.type].sign:
        return False
    ids = {m.id for m in g.states}
    present = ids | {g.body.id} | {m.id for m in g.others}
    a, b = claim.source.id, claim.target.id
    return (a in ids and b in present) or (b in ids and a in present)
