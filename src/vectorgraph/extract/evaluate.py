"""Scoring a candidate graph against a curated (gold) one.

Precision, recall and F1 for:

``actors``            actor ids, against every gold actor;
``actors_active``     actor ids, against the gold actors that take part in at
                      least one gold relation. A gold document may list actors
                      its text never names (the members of a region), which no
                      extractor can find; this figure leaves them out of recall.
                      A predicted actor counts as correct when it is any gold
                      actor, so precision is the same as for ``actors``;
``relations_sign``    relations as (unordered actor pair, sign), the score that
                      matters most (annotation-guide.md);
``relations_pair``    relations as unordered actor pairs, any sign;
``relations_type``    relations as (unordered actor pair, type).

Direction is ignored: a candidate that reads "X welcomes Y" the other way round
still names the right tie. A predicted actor is matched to a gold actor by id,
else by its name or any alias equal to a gold actor's name or alias
(case-insensitive, quotes and dashes normalised, :func:`actor_map`); an
unmatched actor matches nothing. Misses (in gold, not predicted) and false
alarms (predicted, not in gold) are listed for each. :func:`evaluate_many`
micro-averages over many articles: every article's pairs are pooled.

Examples
--------
>>> from vectorgraph import GraphDocument
>>> gold = GraphDocument.from_dict({"actors": [{"id": "A"}, {"id": "B"}, {"id": "C"}],
...     "relations": [{"source": "A", "target": "B", "type": "trade"}]})
>>> pred = GraphDocument.from_dict({"actors": [{"id": "A"}, {"id": "B"}, {"id": "D"}],
...     "relations": [{"source": "B", "target": "A", "type": "sanctions"}]})
>>> scores = evaluate(pred, gold)
>>> scores["actors"]["f1"], scores["actors_active"]["recall"], scores["relations_sign"]["f1"]
(0.667, 1.0, 0.0)
>>> scores["relations_sign"]["misses"]
['A B +1']
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, NamedTuple

from vectorgraph.document import GraphDocument, Relation
from vectorgraph.ties import pair

__all__ = ["MEASURES", "actor_map", "evaluate", "evaluate_many", "normalise", "score_sets"]

#: The measures :func:`evaluate` reports, in order.
MEASURES = ("actors", "actors_active", "relations_sign", "relations_pair", "relations_type")

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)


def score_sets(
    predicted: Iterable[Hashable],
    gold: Iterable[Hashable],
    correct: Iterable[Hashable] | None = None,
) -> dict[str, Any]:
    """Precision, recall and F1 of a predicted set against a gold set (rounded to 3 places).

    ``correct`` is the set a prediction must fall in to count as right (gold by
    default); recall is always measured against ``gold``.

    >>> score_sets({1, 2, 3}, {2, 3, 4})["f1"]
    0.667
    """
    pred, gold_set = set(predicted), set(gold)
    right = set(correct) if correct is not None else gold_set
    tp_pred = len(pred & right)
    tp_gold = len(pred & gold_set)
    precision = tp_pred / len(pred) if pred else 0.0
    recall = tp_gold / len(gold_set) if gold_set else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "predicted": len(pred),
        "gold": len(gold_set),
        "correct": tp_pred,
        "misses": sorted(_show(k) for k in gold_set - pred),
        "false_alarms": sorted(_show(k) for k in pred - right),
    }


class _Tagged(NamedTuple):
    """A key of one article among many (:func:`evaluate_many`)."""

    name: str
    key: Hashable


def _show(key: Hashable) -> str:
    if isinstance(key, _Tagged):
        return f"{key.name}: {_show(key.key)}"
    if isinstance(key, tuple) and all(isinstance(x, str) for x in key):
        return " ".join(key)
    if isinstance(key, tuple):
        pair, label = key
        label = f"{label:+d}" if isinstance(label, int) and label else str(label)
        return f"{' '.join(pair)} {label}"
    return str(key)


def normalise(form: str) -> str:
    """A surface form for matching: case-folded, quotes and dashes made plain, spaces squeezed.

    >>> normalise("  The  KREMLIN\u2019s ") == normalise("the kremlin's")
    True
    """
    return " ".join(form.translate(_FOLD).casefold().split())


def actor_map(predicted: GraphDocument, gold: GraphDocument) -> dict[str, str]:
    """Each predicted actor id -> the gold actor id it is matched to (itself when unmatched).

    By id first, else by the predicted name or any alias equal to a gold actor's
    name or alias (normalised); when several gold actors share the form, the
    first in id order.

    >>> gold = GraphDocument.from_dict({"actors": [{"id": "RUS", "aliases": ["Moscow"]}]})
    >>> pred = GraphDocument.from_dict({"actors": [{"id": "RUSSIA", "name": "moscow"}]})
    >>> actor_map(pred, gold)
    {'RUSSIA': 'RUS'}
    """
    ids = {a.id for a in gold.actors}
    forms: dict[str, str] = {}
    for actor in sorted(gold.actors, key=lambda a: a.id):
        for form in (actor.id, actor.name, *actor.aliases):
            if form:
                forms.setdefault(normalise(form), actor.id)
    out: dict[str, str] = {}
    for actor in predicted.actors:
        if actor.id in ids:
            out[actor.id] = actor.id
            continue
        match = next(
            (
                forms[normalise(f)]
                for f in (actor.name, *actor.aliases)
                if f and normalise(f) in forms
            ),
            None,
        )
        out[actor.id] = match or actor.id
    return out


def _keys(
    predicted: GraphDocument, gold: GraphDocument, tag: str | None
) -> dict[str, tuple[set[Hashable], set[Hashable], set[Hashable]]]:
    """Per measure: the predicted set, the gold set, and the set a prediction must fall in."""
    to_gold = actor_map(predicted, gold)

    def k(x: Hashable) -> Hashable:
        return x if tag is None else _Tagged(tag, x)

    def rel(r: Relation, label: str) -> Hashable:
        a, b = to_gold.get(r.source, r.source), to_gold.get(r.target, r.target)
        return k((pair(a, b), getattr(r, label))) if label else k(pair(a, b))

    pred_actors = {k(to_gold.get(a.id, a.id)) for a in predicted.actors}
    gold_actors = {k(a.id) for a in gold.actors}
    active = {k(x) for r in gold.relations for x in (r.source, r.target)}
    out: dict[str, tuple[set[Hashable], set[Hashable], set[Hashable]]] = {
        "actors": (pred_actors, gold_actors, gold_actors),
        "actors_active": (pred_actors, active, gold_actors),
    }
    for measure, label in (
        ("relations_sign", "sign"),
        ("relations_pair", ""),
        ("relations_type", "type"),
    ):
        gold_set = {rel(r, label) for r in gold.relations}
        out[measure] = ({rel(r, label) for r in predicted.relations}, gold_set, gold_set)
    return out


def evaluate(predicted: GraphDocument, gold: GraphDocument) -> dict[str, dict[str, Any]]:
    """Scores of ``predicted`` against ``gold`` for each of :data:`MEASURES`."""
    keys = _keys(predicted, gold, None)
    return {m: score_sets(*keys[m]) for m in MEASURES}


def evaluate_many(
    pairs: Iterable[tuple[str, GraphDocument, GraphDocument]],
) -> dict[str, dict[str, Any]]:
    """Micro-averaged scores over many articles: ``(name, predicted, gold)`` triples.

    Every article's actors and pairs are pooled (tagged with the article's name),
    so an article with many relations weighs more than one with few; misses and
    false alarms read ``name: A B +1``.

    >>> a = GraphDocument.from_dict({"actors": [{"id": "A"}, {"id": "B"}],
    ...     "relations": [{"source": "A", "target": "B", "type": "trade"}]})
    >>> b = GraphDocument.from_dict({"actors": [{"id": "A"}, {"id": "B"}]})
    >>> scores = evaluate_many([("one", a, a), ("two", b, a)])
    >>> scores["relations_sign"]["recall"], scores["relations_sign"]["misses"]
    (0.5, ['two: A B +1'])
    """
    pooled: dict[str, tuple[set[Hashable], set[Hashable], set[Hashable]]] = {
        m: (set(), set(), set()) for m in MEASURES
    }
    for name, predicted, gold in pairs:
        for m, sets in _keys(predicted, gold, name).items():
            for into, part in zip(pooled[m], sets):
                into |= part
    return {m: score_sets(*pooled[m]) for m in MEASURES}
