"""The learned pair scorer: the pairs of a parsed sentence that the rules left, scored.

The rules of :mod:`.parse` and :mod:`.cues` relate many pairs of a sentence, and
leave others unrelated although the sentence was parsed and both actors found.
For each such pair (a **candidate**: two actors of the sentence, anchored at
tokens of its tree, that no rule related in it), :func:`candidates` reads cheap
features from the arrays the engine already built (:class:`~.tree.Spans`): the
tree path between the two mentions (its length, dependency labels, the lemmas
on it and at its top), a predicate of the lexicon on it and its sign, negation
or a modal on it, the two mentions' kinds, the sentence's main verb, the words
between them, their distance in tokens, coordination. A small multinomial
logistic regression (:class:`Model`: none, ``-1``, ``0`` or ``+1``), trained on
the development set's gold by ``benchmarks/train_pairs.py`` and shipped as
``pairs-model.json`` (weights per feature, human-readable), gives each
candidate's probability per sign; :class:`Scorer` proposes those whose best
sign reaches the model's threshold, with that probability as confidence.

The type of a proposed relation is the type of the lexicon predicate on the
path when its sign is the one proposed, else the type the gold most often gives
that sign between those kinds of actor (the model's ``types``), else
:data:`GENERIC` for the sign. Applying the weights is plain Python: no
scikit-learn at run time.

Examples
--------
>>> model = Model(weights={"top=ally": (0.0, 0.0, 3.0)}, bias=(-2.0, -2.0, -1.0),
...               threshold=0.5, types={})
>>> [round(p, 3) for p in model.probabilities(["top=ally"])]
[0.115, 0.016, 0.016, 0.853]
>>> model.best(["top=ally"])
(1, 0.853)
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from vectorgraph.extract.mentions import Mention
from vectorgraph.extract.tree import ORGS, Claim, Spans, word_class
from vectorgraph.ties import pair
from vectorgraph.vocabulary import RELATION_TYPES

if TYPE_CHECKING:
    from vectorgraph.extract.lexicon import Lexicon, Predicate

__all__ = [
    "GENERIC",
    "MODEL_FILE",
    "SIGNS",
    "Candidate",
    "Model",
    "Proposer",
    "Scorer",
    "candidates",
    "default_model",
    "proposer",
]

#: The signs a candidate may take, in the order of a model's weights (after "none").
SIGNS = (-1, 0, 1)
#: The type of a proposed relation whose path names no predicate of its sign and whose kinds
#: of actor the model's table does not know: CAMEO's generic cooperation and hostility.
GENERIC = {1: "diplomatic_cooperation", -1: "hostility", 0: "influence"}
#: The shipped model, package data beside this module.
MODEL_FILE = "pairs-model.json"
#: Which actor of a structural tie is its source: "member_of" runs from the state to the
#: bloc, "serves" from the person to the state, "based_in" from the company.
_RANK = {"person": 0, "company": 1, "state": 2, "other": 2, "region": 3, "organisation": 4}
_OF_BLOCS = frozenset(("member_of", "observer_of", "leads_bloc"))
_NEGATION = frozenset(("neg",))
_NO = frozenset(("no", "neither", "never"))
_MODALS = frozenset(("may", "might", "could", "would"))
_COORDINATION = frozenset(("conj", "appos", "cc", "punct", "preconj"))
_MAX_BETWEEN = 8  # the words between two mentions are features up to this many


class Proposer(Protocol):
    """What the parse engine asks for the pairs its rules left (:class:`Scorer`, or a
    collector of candidates when training)."""

    def propose(
        self,
        sentence: int,
        spans: Spans,
        mentions: Sequence[Mention],
        related: Mapping[tuple[str, str], set[int]],
        lexicon: Lexicon,
    ) -> list[Claim]:
        """The claims to add for sentence ``sentence`` of a text, given its parse's
        :class:`~.tree.Spans`, its mentions and the pairs (:func:`~vectorgraph.ties.pair`)
        the rules related in it, each with the signs they gave it."""
        ...  # pragma: no cover


@dataclass(frozen=True, slots=True)
class Candidate:
    """Two actors of a sentence that no rule related in it, with the features of the pair."""

    source: Mention  # the first in the text
    target: Mention
    features: tuple[str, ...]
    #: the lexicon predicates on the tree path between them, nearest its top first
    predicates: tuple[Predicate, ...] = ()


@dataclass(frozen=True, slots=True)
class Model:
    """A multinomial logistic regression over binary features: none, or a sign of :data:`SIGNS`.

    ``weights`` maps a feature to its three logits (signs -1, 0, +1) against
    "none", whose logit is 0; ``bias`` the intercepts; ``threshold`` the least
    probability of the best sign that :class:`Scorer` proposes; ``types`` maps
    ``"sign|kind|kind"`` to the relation type of a proposal.
    """

    weights: Mapping[str, tuple[float, float, float]]
    bias: tuple[float, float, float]
    threshold: float
    types: Mapping[str, str]
    meta: Mapping[str, Any] = field(default_factory=dict)

    def probabilities(self, features: Iterable[str]) -> tuple[float, float, float, float]:
        """The probabilities of none, -1, 0 and +1 (a softmax of the summed logits)."""
        z = list(self.bias)
        weights = self.weights
        for f in features:
            w = weights.get(f)
            if w is not None:
                z[0] += w[0]
                z[1] += w[1]
                z[2] += w[2]
        top = max(0.0, *z)
        e = [math.exp(-top), *(math.exp(v - top) for v in z)]
        total = sum(e)
        return (e[0] / total, e[1] / total, e[2] / total, e[3] / total)

    def best(self, features: Iterable[str]) -> tuple[int, float]:
        """The most probable sign and its probability, rounded to 3 places."""
        p = self.probabilities(features)[1:]
        k = max(range(3), key=lambda i: (p[i], -i))
        return SIGNS[k], round(p[k], 3)

    def type_of(self, sign: int, candidate: Candidate) -> str:
        """The relation type of a proposal of ``sign`` (see the module docstring)."""
        for pred in candidate.predicates:
            if RELATION_TYPES[pred.type].sign == sign:
                return pred.type
        kinds = sorted((candidate.source.type, candidate.target.type))
        return self.types.get(f"{sign}|{kinds[0]}|{kinds[1]}", GENERIC[sign])

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Model:
        """A model from its JSON form (:meth:`to_dict`)."""
        weights = {f: (float(w[0]), float(w[1]), float(w[2])) for f, w in data["weights"].items()}
        b = data["bias"]
        return cls(
            weights=weights,
            bias=(float(b[0]), float(b[1]), float(b[2])),
            threshold=float(data["threshold"]),
            types=dict(data.get("types", {})),
            meta=dict(data.get("meta", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``meta``, ``threshold``, ``bias``, ``types``, ``weights`` (sorted)."""
        return {
            "meta": dict(self.meta),
            "threshold": self.threshold,
            "bias": list(self.bias),
            "types": dict(sorted(self.types.items())),
            "weights": {f: list(self.weights[f]) for f in sorted(self.weights)},
        }


class Scorer:
    """The :class:`Proposer` of a :class:`Model`: each candidate whose best sign reaches the
    threshold becomes a claim, with that sign's probability as its confidence."""

    __slots__ = ("model",)

    def __init__(self, model: Model) -> None:
        self.model = model

    def propose(
        self,
        sentence: int,
        spans: Spans,
        mentions: Sequence[Mention],
        related: Mapping[tuple[str, str], set[int]],
        lexicon: Lexicon,
    ) -> list[Claim]:
        model = self.model
        out = []
        for c in candidates(spans, mentions, related, lexicon):
            sign, p = model.best(c.features)
            if p < model.threshold:
                continue
            rtype = model.type_of(sign, c)
            a, b = c.source, c.target
            if sign == 0 and _RANK.get(b.type, 2) < _RANK.get(a.type, 2):
                a, b = b, a  # "member_of" from the state to the bloc
            if rtype in _OF_BLOCS and b.type not in ORGS:
                rtype = GENERIC[0]  # a member, observer or leader of a bloc or region only
            out.append(Claim(a, b, rtype, p))
        return out


@functools.lru_cache(maxsize=1)
def default_model() -> Model | None:
    """The shipped model (:data:`MODEL_FILE`), read once; None when none is shipped."""
    from importlib.resources import files

    resource = files("vectorgraph.extract").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    return Model.from_dict(json.loads(resource.read_text(encoding="utf-8")))


def proposer(learned: bool | Proposer) -> Proposer | None:
    """The proposer that ``learned`` asks for: True the shipped model's :class:`Scorer` (None
    when no model is shipped), False none, else ``learned`` itself."""
    if learned is True:
        model = default_model()
        return Scorer(model) if model is not None else None
    if learned is False:
        return None
    return learned


class _Tokens:
    """The text, tag, dependency and lemma of a parsed sentence's tokens, decoded on demand
    from the hashes :class:`~.tree.Spans` read (only the tokens the features look at)."""

    __slots__ = ("columns", "heads", "kids", "lemmas", "lexicon", "strings")

    def __init__(self, spans: Spans, lexicon: Lexicon) -> None:
        self.columns = spans.columns
        self.heads: list[int] = spans.heads
        self.strings = spans.doc.vocab.strings
        self.lexicon = lexicon
        self.lemmas: dict[int, tuple[str, str, str, str]] = {}
        self.kids: list[list[int]] | None = None

    def word(self, i: int) -> tuple[str, str, str, str]:
        """Token ``i``'s lower-case text, fine tag, dependency label and lexicon lemma."""
        found = self.lemmas.get(i)
        if found is None:
            s, c = self.strings, self.columns
            lower, tag, dep = s[c[1][i]], s[c[2][i]], s[c[3][i]]
            lemma = self.lexicon.lemma(_Word(lower, tag))
            found = self.lemmas[i] = (lower, tag, dep, lemma)
        return found

    def children(self, i: int) -> list[int]:
        if self.kids is None:
            self.kids = [[] for _ in self.heads]
            for k, h in enumerate(self.heads):
                if h != k:
                    self.kids[h].append(k)
        return self.kids[i]

    def predicate(self, i: int) -> Predicate | None:
        """The lexicon's verb, noun, adjective or role entry for token ``i``."""
        _, tag, _, lemma = self.word(i)
        lex = self.lexicon
        pos = word_class(tag)
        if pos in ("VERB", "AUX"):
            return lex.verbs.get(lemma)
        if pos in ("NOUN", "PROPN"):
            return lex.nouns.get(lemma) or lex.roles.get(lemma)
        if pos == "ADJ":
            return lex.adjectives.get(lemma)
        return None


@dataclass(frozen=True, slots=True)
class _Word:
    """A token as :meth:`Lexicon.lemma` reads it."""

    lower_: str
    tag_: str


def candidates(
    spans: Spans,
    mentions: Sequence[Mention],
    related: Mapping[tuple[str, str], set[int]],
    lexicon: Lexicon,
) -> list[Candidate]:
    """The candidates of a parsed sentence: every pair of its actors (by id) that is not in
    ``related`` (the pairs the rules related in it, with their signs), each with the
    features of its two nearest mentions in the tree.

    Mentions without an id, attributes ("Chinese carmaker") and mentions with no token
    in the parse are left out.
    """
    anchored: list[tuple[int, Mention]] = []
    for m in mentions:
        if m.id is None or m.attribute or m.end <= m.start:
            continue
        at = spans.root(m.start, m.end)
        if at is not None:
            anchored.append((at, m))
    ids = {m.id for _, m in anchored}
    if len(ids) < 2:
        return []
    tokens = _Tokens(spans, lexicon)
    heads = tokens.heads
    best: dict[tuple[str, str], tuple[int, int, int, Mention, int, Mention]] = {}
    for x, (i, a) in enumerate(anchored):
        for j, b in anchored[x + 1 :]:
            if a.id == b.id:
                continue
            key = pair(str(a.id), str(b.id))
            if key in related:
                continue
            up, down = _path(heads, i, j)
            if up is None:
                continue
            length = len(up) + len(down)
            if a.start > b.start:
                i2, a2, j2, b2 = j, b, i, a
            else:
                i2, a2, j2, b2 = i, a, j, b
            known = best.get(key)
            if known is None or (length, a2.start) < (known[0], known[1]):
                best[key] = (length, a2.start, i2, a2, j2, b2)
    root = next((k for k, h in enumerate(heads) if h == k), 0)
    context = [f"n={min(len(ids), 6)}", f"root={tokens.word(root)[3]}"]
    if not related:
        context.append("rules=none")
    out = []
    for key in sorted(best):
        _, _, i, a, j, b = best[key]
        c = _candidate(tokens, i, a, j, b, context)
        if c is None:
            continue
        extra = [*_siblings(tokens, i, a, j, b, anchored, related)]
        extra += [f"ruled_{end}" for end, m in (("a", a), ("b", b)) if _in(m.id, related)]
        out.append(Candidate(a, b, (*c.features, *extra), c.predicates))
    return out


def _in(aid: str | None, related: Mapping[tuple[str, str], set[int]]) -> bool:
    return any(aid in key for key in related)


def _siblings(
    tokens: _Tokens,
    i: int,
    a: Mention,
    j: int,
    b: Mention,
    anchored: list[tuple[int, Mention]],
    related: Mapping[tuple[str, str], set[int]],
) -> Iterator[str]:
    """ "sib=S": a conjunct or appositive of one mention (at most 3 arcs of coordination
    away) is related to the other by the rules with sign S: "Russia sanctioned Ukraine and
    Georgia" when the rules read only Ukraine."""
    seen = set()
    for here, me, k0, other in ((i, a, j, b), (j, b, i, a)):
        for k, c in anchored:
            if c.id in (me.id, other.id) or k == k0:
                continue
            signs = related.get(pair(str(me.id), str(c.id)))
            if not signs:
                continue
            up, down = _path(tokens.heads, k0, k)
            if up is None or len(up) + len(down) > 3:
                continue
            deps = [tokens.word(t)[2] for t in (k0, *up[:-1])] if up else []
            deps += [tokens.word(t)[2] for t in down]
            if all(d in _COORDINATION for d in deps):
                for sign in signs:
                    if sign not in seen:
                        seen.add(sign)
                        yield f"sib={sign}"


def _path(heads: list[int], i: int, j: int) -> tuple[list[int] | None, list[int]]:
    """The tree path from token ``i`` up to the lowest common head and down to ``j``: the
    tokens above ``i`` up to that top (inclusive), and ``j`` with the tokens above it below
    the top; each list is as long as its arcs. (None, []) when they share no root."""
    depth: dict[int, int] = {}
    chain: list[int] = []
    k = i
    while k not in depth:
        depth[k] = len(chain)
        chain.append(k)
        if heads[k] == k:
            break
        k = heads[k]
    down: list[int] = []
    k = j
    while k not in depth:
        down.append(k)
        if heads[k] == k:
            return None, []
        k = heads[k]
    return chain[1 : depth[k] + 1], down


def _bucket(n: int) -> str:
    for edge in (1, 2, 3, 5, 8, 12, 20):
        if n <= edge:
            return str(edge)
    return "many"


def _candidate(
    tokens: _Tokens, i: int, a: Mention, j: int, b: Mention, context: list[str]
) -> Candidate | None:
    """The features of the pair of mentions ``a`` (at token ``i``) and ``b`` (at ``j``);
    None when a negation, a modal or a verb of refusal on their path leaves the pair to the
    rules' reading of the mood (:meth:`.parse.Sentence.mood`)."""
    up, down = _path(tokens.heads, i, j)
    assert up is not None
    top = up[-1] if up else i
    inner = [k for k in (*up, *down) if k not in (i, j)]
    length = min(len(up) + len(down), 8)
    features = [*context, f"len={length}"]
    ka, kb = a.type, b.type
    kinds = "|".join(sorted((ka, kb)))
    features += [f"kinds={kinds}", f"kind={ka}", f"kind={kb}", f"kinds={kinds}&len={length}"]
    features += [f"mk={a.kind}", f"mk={b.kind}"]
    if a.possessive or b.possessive:
        features.append("possessive")
    dep_i, dep_j = tokens.word(i)[2], tokens.word(j)[2]
    features += [f"dep_a={dep_i}", f"dep_b={dep_j}"]
    ups = [tokens.word(k)[2] for k in (i, *up[:-1])] if up else []
    downs = [tokens.word(k)[2] for k in down]
    if len(ups) + len(downs) <= 4:
        features.append(f"deps={'/'.join(ups)}^{'/'.join(reversed(downs))}")
    if all(d in _COORDINATION for d in (*ups, *downs)):
        features.append("coord")
    if top in (i, j):
        features.append("top=mention")
    else:
        lower, tag, dep, lemma = tokens.word(top)
        features += [f"top={lemma}", f"toppos={word_class(tag)}", f"topdep={dep}"]
        features += [f"top={lemma}&kinds={kinds}", f"top={lemma}&{ups[-1]}^{downs[-1]}"]
    for end, k in (("a", i), ("b", j)):  # the word each mention hangs on: "ally of", "with"
        h = tokens.heads[k]
        if h != k:
            features.append(f"head_{end}={tokens.word(h)[3]}")
    features.extend(sorted({f"lem={tokens.word(k)[3]}" for k in inner}))
    features.extend(sorted({f"dep={tokens.word(k)[2]}" for k in inner}))
    predicates = []
    for k in (top, *reversed(up[:-1]), *reversed(down)):
        pred = tokens.predicate(k) if k not in (i, j) else None
        if pred is not None and pred not in predicates:
            predicates.append(pred)
    lex = tokens.lexicon
    for k in {top, *inner}:  # the rules read the mood: a negated or possible claim is theirs
        if tokens.word(k)[3] in lex.negators:
            return None  # "refused to join the CSTO"
        for c in tokens.children(k):
            lower, _, dep, lemma = tokens.word(c)
            if dep in _NEGATION or (dep == "det" and lower in _NO):
                return None  # "did not support", "never criticised", "no ally of"
            if dep == "aux" and (lower in _MODALS or lemma in lex.modals):
                return None  # "could sign", "may invest" (annotation-guide.md)
    for pred in predicates[:2]:
        sign = RELATION_TYPES[pred.type].sign
        features += [f"pred={pred.type}", f"psign={sign}", f"psign={sign}&kinds={kinds}"]
    if not predicates:
        features.append("pred=none")
    lo, hi = (i, j) if i < j else (j, i)
    features.append(f"tok={_bucket(hi - lo)}")
    if 0 < hi - lo - 1 <= _MAX_BETWEEN:
        features.extend(sorted({f"btw={tokens.word(k)[3]}" for k in range(lo + 1, hi)}))
    return Candidate(a, b, tuple(features), tuple(predicates))
