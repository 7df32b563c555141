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

import bisect
import functools
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
    "Spans",
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
    children: list[Node]
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


def tree(doc: Any, lexicon: Lexicon, spans: Spans | None = None) -> list[Node]:
    """The nodes of a parsed spaCy ``Doc``, each token's data read once.

    The token attributes come from one ``Doc.to_array`` call as hashes (the one
    of ``spans``, :class:`Spans`, when given), turned into text through
    :data:`_TOKENS` (spaCy decodes a new string at every attribute access).
    """
    spans = spans or Spans(doc)
    known = _known(lexicon)
    strings = doc.vocab.strings
    nodes: list[Node] = []
    columns, starts = spans.columns, spans.starts
    for i, key in enumerate(zip(*columns[:4])):  # orth, lower, tag, dep
        n = Node()
        kind = known.get(key)
        if kind is None:
            n.lower_, n.tag_ = word, fine = strings[key[1]], strings[key[2]]
            kind = known[key] = (strings[key[0]], strings[key[3]], word, fine, word_class(fine),
                                 lexicon.lemma(n))  # fmt: skip
        n.i, n.idx = i, starts[i]
        n.text, n.dep_, n.lower_, n.tag_, n.pos, n.lemma = kind
        n.doc = nodes
        nodes.append(n)
    children: list[list[Node]] = [[] for _ in nodes]
    for n, at in zip(nodes, spans.heads):
        n.head = nodes[at]  # the root is its own head
        if at != n.i:
            children[at].append(n)
    for n, kids in zip(nodes, children):
        n.children = kids  # the lists as built: a tuple per token was a copy for nothing
    return nodes


def release(nodes: list[Node]) -> None:
    """Unlink a sentence's nodes once read: freed at once, not left to the cyclic collector.

    A node refers to its head, its children and the sentence, so the nodes of a
    sentence form cycles; left to Python's garbage collector they made it run
    often over a large heap (about a tenth of the engine's time).
    """
    for n in nodes:
        del n.head, n.children, n.doc


_Kind = tuple[str, str, str, str, str, str]  # text, dep_, lower_, tag_, pos, lemma
#: spaCy's hashes of a token's (orth, lower, tag, dep) -> their text, its word class and its
#: lemma, kept from sentence to sentence for the lexicon the lemmas are of; bounded, so memory
#: stays flat however long the run.
_TOKENS: list[tuple[Lexicon, dict[tuple[int, int, int, int], _Kind]]] = []
_MAX_WORDS = 500_000


def _known(lexicon: Lexicon) -> dict[tuple[int, int, int, int], _Kind]:
    if not _TOKENS or _TOKENS[0][0] is not lexicon or len(_TOKENS[0][1]) > _MAX_WORDS:
        _TOKENS[:] = [(lexicon, {})]
    return _TOKENS[0][1]


_UINT64 = (1 << 64) - 1


@functools.lru_cache(maxsize=1)
def _attributes() -> list[int]:
    """The token attributes :class:`Spans` reads, by spaCy's ids."""
    from spacy.attrs import DEP, HEAD, IDX, LENGTH, LOWER, ORTH, SPACY, TAG

    return [ORTH, LOWER, TAG, DEP, IDX, HEAD, LENGTH, SPACY]


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


class Spans:
    """Where the mentions of a parsed sentence (spaCy ``Doc``) sit in its tree: the token at
    the root of a character span, as ``doc.char_span(start, end, alignment_mode="expand").root``
    finds it, from the token offsets and heads read once (no ``Span`` object per mention).

    >>> from vectorgraph.extract.nlp import load_model
    >>> spans = Spans(load_model()("The Kyrgyz foreign ministry rejected it."))
    >>> spans.root(4, 27), spans.root(4, 6), spans.root(0, 0), spans.root(60, 70)
    (3, 1, None, None)
    """

    __slots__ = ("columns", "doc", "heads", "lengths", "roots", "size", "starts")

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        #: every token's orth, lower, tag, dep, idx, head (its index), length and trailing
        #: space, one list per attribute: the columns :func:`tree` reads as well
        self.columns = columns = doc.to_array(_attributes()).T.tolist()
        # HEAD is the offset to the head as an unsigned 64-bit number; made an index in Python
        # (numpy's calls on a sentence's few tokens took a third of this method in the engine)
        columns[5] = [(at + i) & _UINT64 for i, at in enumerate(columns[5])]
        self.starts, self.heads, self.lengths = columns[4], columns[5], columns[6]
        self.size = self.starts[-1] + self.lengths[-1] + columns[7][-1] if self.starts else 0
        self.roots: dict[tuple[int, int], int | None] = {}

    def _token(self, char: int) -> int:
        """The token whose text or trailing space holds character ``char``, else -1."""
        if not 0 <= char < self.size:
            return -1
        return bisect.bisect_right(self.starts, char) - 1

    def root(self, start: int, end: int) -> int | None:
        """The index of the root token of the span ``start:end`` (None: no token there)."""
        key = (start, end)
        found = self.roots.get(key, -1)  # -1: not read yet (None is "no token")
        if found == -1:
            found = self.roots[key] = self._root(start, end)
        return found

    def _root(self, start_char: int, end_char: int) -> int | None:
        first, last = self._token(start_char), self._token(end_char - 1)
        if first < 0 or last < 0:
            return None
        if start_char == self.starts[first] + self.lengths[first]:
            first += 1  # the trailing space is not part of the token before
        if last + 1 <= first:
            return None
        heads = self.heads
        inside = range(first, last + 1)
        top = next((i for i in inside if heads[i] == i), None)
        if top is not None:
            return top
        outer = [i for i in inside if not first <= heads[i] <= last]
        if len(outer) == 1:
            return outer[0]
        best, found = len(heads), -1  # spaCy's Span.root: fewest words to the root, first
        for i in outer:
            steps = self._to_root(i)
            if steps < best:
                best, found = steps, i
        return first if found < 0 else found

    def _to_root(self, i: int) -> int:
        """spaCy's count of the words from token ``i`` up to its root (a childless space or
        punctuation token counts as far as the sentence is long, less one)."""
        heads = self.heads
        if i not in heads[:i] + heads[i + 1 :]:
            token = self.doc[i]
            if token.is_space or token.is_punct:
                return len(heads) - 1
        steps = 0
        while heads[i] != i:
            i, steps = heads[i], steps + 1
        return steps


class Near:
    """Whether two mentions of a parsed sentence (spaCy ``Doc``, or its :class:`Spans`) are
    at most :data:`NEAR` arcs apart in its tree, root to root; a mention with no span is near
    all.

    >>> from vectorgraph.extract.nlp import load_model
    >>> near = Near(load_model()("Russia said that Kazakhstan is a partner."))
    >>> near(Mention("RUS", 0, 6, "Russia", "state"), Mention("KAZ", 17, 27, "", "state"))
    True
    """

    __slots__ = ("spans",)

    def __init__(self, doc: Any) -> None:
        self.spans = doc if isinstance(doc, Spans) else Spans(doc)

    def anchor(self, m: Mention) -> int | None:
        """The index of the root token of a mention's span (None: no span)."""
        return self.spans.root(m.start, m.end) if m.end > m.start else None

    def __call__(self, a: Mention, b: Mention) -> bool:
        i, j = self.anchor(a), self.anchor(b)
        if i is None or j is None:
            return True
        heads = self.spans.heads
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
