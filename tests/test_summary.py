"""summarize: the counts that ``vectorgraph info`` prints."""

from __future__ import annotations

from vectorgraph import GraphDocument
from vectorgraph.summary import summarize
from vectorgraph.ties import SIGN_TEXT


def test_signs_are_keyed_by_their_text_most_first(article: GraphDocument) -> None:
    signs = summarize(article)["signs"]
    assert set(signs) == set(SIGN_TEXT.values())
    expected = {SIGN_TEXT[s]: sum(r.sign == s for r in article.relations) for s in (1, -1, 0)}
    assert signs == expected
    assert list(signs.values()) == sorted(signs.values(), reverse=True)


def test_an_empty_graph_counts_every_sign_as_zero() -> None:
    s = summarize(GraphDocument.from_dict({"title": "none"}))
    assert (s["n_actors"], s["n_relations"], s["signs"]) == (0, 0, {"+": 0, "-": 0, "0": 0})
