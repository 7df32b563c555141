"""Counts that describe a graph document: what ``vectorgraph info`` prints.

>>> from vectorgraph import load
>>> s = summarize(load())
>>> s["n_actors"] == len(load().actors)
True
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.ties import sign_text

__all__ = ["summarize"]


def _sorted(counter: Counter[Any]) -> dict[str, int]:
    return {str(k): v for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))}


def summarize(doc: GraphDocument) -> dict[str, Any]:
    """Actor counts by type, relation counts by type and sign, evidence per source.

    Signs are keyed by their text (:func:`vectorgraph.ties.sign_text`: ``+``, ``-``, ``0``).
    """
    evidence = Counter(e.source for r in doc.relations for e in r.evidence)
    signs = Counter(dict.fromkeys(map(sign_text, (1, -1, 0)), 0))
    signs.update(sign_text(r.sign) for r in doc.relations)
    return {
        "title": doc.title,
        "n_actors": len(doc.actors),
        "n_relations": len(doc.relations),
        "actors": _sorted(Counter(a.type for a in doc.actors)),
        "relation_types": _sorted(Counter(r.type for r in doc.relations)),
        "signs": _sorted(signs),
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "author": s.author,
                "date": s.date,
                "evidence": evidence[s.id],
            }
            for s in doc.sources
        ],
    }
