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
    "FIRMS",
    "NEAR",
    "NOUN_POS",
    "ORGS",
    "VERB_POS",
    "Claim",
    "Near",
    "Node",
    "Token",
    "det_negated",
    "heads",
    "hyphened",
    "pobjs",
    "release",
    "tree",
    "word_class",
]


VERB_POS = frozenset(("VERB", "AUX"))
NOUN_POS = frozenset(("NOUN", "PROPN"))
#: Nouns of firms: a demonym on them names no actor ("sanctions on four Kyrgyz companies"), but
#: the state of the firms they stand for ("KazMunaiGaz, a Kazakh company").
FIRMS = frozenset(("company", "companies", "firm", "firms", "bank", "banks", "business",
                   "businesses", "enterprise", "enterprises", "entity", "entities", "exporter",
                   "exporters", "importer", "importers", "producer", "producers", "manufacturer",
                   "manufacturers", "operator", "operators", "supplier", "suppliers"))  # fmt: skip
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
    """The nodes of a parsed spaCy ``Doc``, each token's data read once.

    The token attributes come from one ``Doc.to_array`` call as hashes, turned
    into text through :data:`_WORDS` (spaCy decodes a new string at every
    attribute access).
    """
    from spacy.attrs import DEP, HEAD, IDX, LOWER, ORTH, TAG

    if len(_WORDS) > _MAX_WORDS:  # a bounded cache: memory stays flat however long the run
        _WORDS.clear()
        _KINDS.clear()
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, LOWER, TAG, DEP, IDX, HEAD]).tolist()
    nodes: list[Node] = []
    words, kinds, lemmas = _WORDS, _KINDS, lexicon.cache
    for i, (orth, lower, tag, dep, idx, _) in enumerate(rows):
        n = Node()
        n.i, n.idx = i, idx
        n.text = words.get(orth) or words.setdefault(orth, strings[orth])
        n.dep_ = words.get(dep) or words.setdefault(dep, strings[dep])
        kind = kinds.get((lower, tag))
        if kind is None:
            word, fine = strings[lower], strings[tag]
            kind = kinds[lower, tag] = (word, fine, word_class(fine))
        n.lower_, n.tag_, n.pos = kind
        n.lemma = lemmas.get((n.lower_, n.tag_)) or lexicon.lemma(n)
        n.doc = nodes
        n.head = n  # the root's; the others' below, once every node exists
        nodes.append(n)
    children: list[list[Node]] = [[] for _ in nodes]
    for n, row in zip(nodes, rows):
        if row[5]:
            at = _head_at(n.i, row[5])
            n.head = nodes[at]
            children[at].append(n)
    for n, kids in zip(nodes, children):
        n.children = tuple(kids)
    return nodes


def release(nodes: list[Node]) -> None:
    """Unlink a sentence's nodes once read: freed at once, not left to the cyclic collector.

    A node refers to its head, its children and the sentence, so the nodes of a
    sentence form cycles; left to Python's garbage collector they made it run
    often over a large heap (about a tenth of the engine's time).
    """
    for n in nodes:
        del n.head, n.children, n.doc


#: spaCy's hashes of words and labels -> their text; (lower, tag) -> lower, tag, word class.
_WORDS: dict[int, str] = {}
_KINDS: dict[tuple[int, int], tuple[str, str, str]] = {}
_MAX_WORDS = 500_000
_WRAP = 2**64


def _head_at(i: int, offset: int) -> int:
    """The index of token ``i``'s head from ``Doc.to_array``'s HEAD: the offset to it,
    stored unsigned."""
    return i + (offset - _WRAP if offset >= _WRAP // 2 else offset)


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


#: The most arcs of the tree between two mentions that the cue table may pair in the parse
#: engine: farther apart, they sit in clauses of their own (on the development set, the pairs
#: farther apart were mostly false alarms).
NEAR = 6


class Near:
    """Whether two mentions of a parsed sentence (spaCy ``Doc``) are at most :data:`NEAR`
    arcs apart in its tree, root to root; a mention with no text (implied) is near all.

    The heads are read from the parse once, on the first question.

    >>> from vectorgraph.extract.nlp import load_model
    >>> near = Near(load_model()("Russia said that Kazakhstan is a partner."))
    >>> near(Mention("RUS", 0, 6, "Russia", "state"), Mention("KAZ", 17, 27, "", "state"))
    True
    """

    __slots__ = ("anchors", "doc", "heads")

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.heads: list[int] = []
        self.anchors: dict[tuple[int, int], int | None] = {}

    def anchor(self, m: Mention) -> int | None:
        """The index of the root token of a mention's span (None: no span)."""
        key = (m.start, m.end)
        if key not in self.anchors:
            span = (
                self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if m.end > m.start
                else None
            )
            self.anchors[key] = span.root.i if span is not None and len(span) else None
        return self.anchors[key]

    def __call__(self, a: Mention, b: Mention) -> bool:
        i, j = self.anchor(a), self.anchor(b)
        if i is None or j is None:
            return True
        heads = self.heads
        if not heads:
            from spacy.attrs import HEAD

            heads.extend(_head_at(n, o) for n, o in enumerate(self.doc.to_array([HEAD]).tolist()))
        depth: dict[int, int] = {}
        d = 0
        while i not in depth:
            depth[i] = d
            i, d = heads[i], d + 1
        d = 0
        while j not in depth:
            if heads[j] == j:
                return False  # another sentence's root: no path
            j, d = heads[j], d + 1
        return depth[j] + d <= NEAR


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
