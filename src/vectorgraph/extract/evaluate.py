"""Scoring a candidate graph against a curated (gold) one.

Precision, recall and F1 for:

``actors``            actor ids, against every gold actor;
``actors_active``     actor ids, against the gold actors that take part in at
                      least one gold relation. A gold document may list actors
                      its text never names (the members of a region), which no
                      extractor can find; this figure leaves them out of recall.
                      A predicted actor counts as correct when it is any gold
                      actor, so precision is the same as for ``actors``;
``relations_sign``    relations as (unordered actor pair, sign);
``relations_type``    relations as (unordered actor pair, type).

Direction is ignored: a candidate that reads "X welcomes Y" the other way round
still names the right tie. Misses (in gold, not predicted) and false alarms
(predicted, not in gold) are listed for each.

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
from typing import Any

from vectorgraph.document import GraphDocument, Relation

__all__ = ["MEASURES", "evaluate", "score_sets"]

#: The measures :func:`evaluate` reports, in order.
MEASURES = ("actors", "actors_active", "relations_sign", "relations_type")


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


def _show(key: Hashable) -> str:
    if isinstance(key, tuple):
        pair, label = key
        label = f"{label:+d}" if isinstance(label, int) and label else str(label)
        return f"{' '.join(pair)} {label}"
    return str(key)


def _pair(r: Relation) -> tuple[str, str]:
    a, b = sorted((r.source, r.target))
    return a, b


def evaluate(predicted: GraphDocument, gold: GraphDocument) -> dict[str, dict[str, Any]]:
    """Scores of ``predicted`` against ``gold`` for each of :data:`MEASURES`."""
    pred_actors = {a.id for a in predicted.actors}
    gold_actors = {a.id for a in gold.actors}
    active = {x for r in gold.relations for x in (r.source, r.target)}
    return {
        "actors": score_sets(pred_actors, gold_actors),
        "actors_active": score_sets(pred_actors, active, correct=gold_actors),
        "relations_sign": score_sets(
            {(_pair(r), r.sign) for r in predicted.relations},
            {(_pair(r), r.sign) for r in gold.relations},
        ),
        "relations_type": score_sets(
            {(_pair(r), r.type) for r in predicted.relations},
            {(_pair(r), r.type) for r in gold.relations},
        ),
    }
