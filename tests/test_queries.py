"""Queries: an actor's ties with evidence; shortest chains of ties with signs."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from vectorgraph import GraphDocument, actor_ties, shortest_chains
from vectorgraph.errors import NotFoundError


def rel(s: str, t: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"source": s, "target": t, "type": kind, **extra}


@pytest.fixture
def square() -> GraphDocument:
    """A-B friends, B-D enemies, A-C friends, C-D friends; E isolated."""
    return GraphDocument.from_dict(
        {
            "sources": [{"id": "s", "title": "S"}],
            "actors": [
                {"id": "A", "name": "Alpha", "aliases": ["Al"]},
                {"id": "B"},
                {"id": "C"},
                {"id": "D"},
                {"id": "E"},
            ],
            "relations": [
                rel(
                    "A",
                    "B",
                    "alliance",
                    evidence=[{"source": "s", "quote": "q1"}, {"source": "s", "quote": "q2"}],
                ),
                rel("B", "D", "sanctions"),
                rel("A", "C", "trade"),
                rel("D", "C", "trade"),
                rel("C", "A", "member_of", date="2020"),
            ],
        }
    )


def test_ties_by_alias_sorted_with_evidence(square: GraphDocument) -> None:
    found = actor_ties(square, "al")
    assert [(t["direction"], t["other"], t["type"], t["weight"]) for t in found] == [
        ("<-", "C", "member_of", 1.0),
        ("--", "B", "alliance", 0.74),
        ("--", "C", "trade", 0.64),
    ]
    assert found[1]["evidence"] == [
        {"source": "s", "sentence": None, "quote": "q1"},
        {"source": "s", "sentence": None, "quote": "q2"},
    ]
    assert found[0]["date"] == "2020" and found[0]["other_name"] == "C"


@pytest.mark.parametrize(
    ("sign", "types", "expected"),
    [
        (1, None, ["alliance", "trade"]),
        ([0, -1], None, ["member_of"]),
        (None, "trade", ["trade"]),
        (1, ["alliance", "member_of"], ["alliance"]),
    ],
    ids=["plus", "zero-or-minus", "type", "both"],
)
def test_ties_filters(square: GraphDocument, sign: Any, types: Any, expected: list[str]) -> None:
    assert [t["type"] for t in actor_ties(square, "A", sign=sign, type=types)] == expected


def test_ties_unknown_actor(square: GraphDocument) -> None:
    with pytest.raises(NotFoundError, match="unknown actor 'Zed'"):
        actor_ties(square, "Zed")


def test_all_shortest_chains_with_signs(square: GraphDocument) -> None:
    chains = shortest_chains(square, "Alpha", "D")
    assert [(c["actors"], c["sign"]) for c in chains] == [
        (["A", "B", "D"], -1),
        (["A", "C", "D"], 1),
    ]
    hop = chains[1]["hops"][0]
    assert hop == {
        "source": "A",
        "target": "C",
        "sign": 1,
        "relations": [
            {"type": "trade", "sign": 1, "weight": 0.64, "direction": "--"},
            {"type": "member_of", "sign": 0, "weight": 1.0, "direction": "<-"},
        ],
    }
    G = nx.Graph([("A", "B"), ("B", "D"), ("A", "C"), ("C", "D")])
    assert sorted(nx.all_shortest_paths(G, "A", "D")) == [c["actors"] for c in chains]


def test_chain_filters_and_limit(square: GraphDocument) -> None:
    assert [c["actors"] for c in shortest_chains(square, "A", "D", sign=1)] == [["A", "C", "D"]]
    assert len(shortest_chains(square, "A", "D", limit=1)) == 1


def test_structural_hop_gives_sign_zero(square: GraphDocument) -> None:
    chains = shortest_chains(square, "A", "C", type="member_of")
    assert chains == [
        {
            "actors": ["A", "C"],
            "sign": 0,
            "hops": [
                {
                    "source": "A",
                    "target": "C",
                    "sign": 0,
                    "relations": [
                        {"type": "member_of", "sign": 0, "weight": 1.0, "direction": "<-"}
                    ],
                }
            ],
        }
    ]


def test_no_chain(square: GraphDocument) -> None:
    with pytest.raises(NotFoundError, match="no chain of ties joins A and E"):
        shortest_chains(square, "A", "E")


def test_same_actor(square: GraphDocument) -> None:
    with pytest.raises(NotFoundError, match="'Al' and 'A' are the same actor \\(A\\)"):
        shortest_chains(square, "Al", "A")


def test_article_chain(article: GraphDocument) -> None:
    chain = shortest_chains(article, "Ukraine", "Beijing")
    assert all(c["actors"][0] == "UKR" and c["actors"][-1] == "CHN" for c in chain)
    assert {len(c["actors"]) for c in chain} == {
        nx.shortest_path_length(nx.Graph(article.to_networkx().to_undirected()), "UKR", "CHN") + 1
    }
