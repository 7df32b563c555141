"""Shared pieces of the parse engine: the tree it walks, the claim it makes, helpers.

:func:`tree` turns a parsed spaCy ``Doc`` into plain Python data once per
sentence: one :class:`Node` per token with its text, tag, dependency, word
class, lemma, head and children. :mod:`.parse` reads events and :mod:`.roles`
reads roles and "led" compounds from the same nodes (walking spaCy's own
tokens costs a new object at every step of a walk).

Examples
--------
>>> from vectorgraph.extract.lexicon import default_lexicon
>>> from vectorgraph.extract.nlp import load_model
>>> nodes = tree(load_model()("The Uzbek-Russian talks went well."), default_lexicon())
>>> [t.text for t in nodes if hyphened(t, t.head)]
['Uzbek']
>>> talks = nodes[4]
>>> talks.lemma, talks.pos, talks.head.text, [c.text for c in talks.children]
('talk', 'NOUN', 'went', ['The', 'Russian'])
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vectorgraph.extract.mentions import Mention

if TYPE_CHECKING:
    from vectorgraph.extract.lexicon import Lexicon

__all__ = [
    "CONFIDENCE",
    "NOUN_POS",
    "ORGS",
    "VERB_POS",
    "Claim",
    "Node",
    "Token",
    "det_negated",
    "heads",
    "hyphened",
    "pobjs",
    "tree",
    "word_class",
]


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


class Node:
    """One token of a parsed sentence, as the tree readers walk it.

    ``i``, ``text``, ``lower_``, ``tag_``, ``dep_`` and ``idx`` are spaCy's;
    ``pos`` is the word class of :func:`word_class`, ``lemma`` the lexicon's
    lemma; ``head`` is a node (the root is its own head), ``children`` its
    dependents in text order, ``doc`` every node of the sentence.
    """

    __slots__ = ("children", "dep_", "doc", "head", "i", "idx", "lemma", "lower_", "pos", "tag_",
                 "text")  # fmt: skip

    i: int
    text: str
    lower_: str
    tag_: str
    dep_: str
    idx: int
    pos: str
    lemma: str
    head: Node
    children: tuple[Node, ...]
    doc: list[Node]

    def nbor(self, offset: int = 1) -> Node:
        """The node ``offset`` places away (``IndexError`` past either end, as spaCy's)."""
        at = self.i + offset
        if not 0 <= at < len(self.doc):
            raise IndexError(f"no token at {at}")
        return self.doc[at]

    def __repr__(self) -> str:
        return f"Node({self.i}, {self.text!r}, {self.dep_})"


Token = Node  # what the readers walk


def tree(doc: Any, lexicon: Lexicon) -> list[Node]:
    """The nodes of a parsed spaCy ``Doc``, each token's data read once."""
    from spacy.attrs import HEAD

    offsets = doc.to_array(HEAD).astype("int64").tolist()  # to the head, stored unsigned
    nodes: list[Node] = []
    cache = lexicon.cache
    for t in doc:
        n = Node()
        n.i, n.text, n.lower_, n.tag_, n.dep_, n.idx = t.i, t.text, t.lower_, t.tag_, t.dep_, t.idx
        n.pos = _CLASSES.get(n.tag_) or _CLASSES.setdefault(n.tag_, word_class(n.tag_))
        n.lemma = cache.get((n.lower_, n.tag_)) or lexicon.lemma(n)
        n.doc = nodes
        n.head = n  # set below, once every node exists
        nodes.append(n)
    children: list[list[Node]] = [[] for _ in nodes]
    for n, offset in zip(nodes, offsets):
        if offset:
            n.head = nodes[n.i + offset]
            children[n.i + offset].append(n)
    for n, kids in zip(nodes, children):
        n.children = tuple(kids)
    return nodes


_CLASSES: dict[str, str] = {}


def word_class(tag: str) -> str:
    """The coarse word class of a fine tag (no attribute ruler needed)."""
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
