"""diff: actors and relations added and removed, sign flips, weight changes, rank moves."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from vectorgraph import GraphDocument, centrality_ranks, diff


def doc(actors: str, relations: list[dict[str, Any]]) -> GraphDocument:
    return GraphDocument.from_dict(
        {"actors": [{"id": a} for a in actors.split()], "relations": relations}
    )


def rel(s: str, t: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"source": s, "target": t, "type": kind, **extra}


@pytest.fixture
def before() -> GraphDocument:
    return doc(
        "A B C D",
        [
            rel("A", "B", "trade"),
            rel("A", "C", "alliance"),
            rel("C", "D", "criticism"),
            rel("B", "C", "sanctions"),
        ],
    )


@pytest.fixture
def after() -> GraphDocument:
    return doc(
        "A B C E",
        [
            rel("B", "A", "trade", weight=0.9),
            rel("A", "C", "threat"),
            rel("C", "E", "trade"),
            rel("B", "C", "sanctions", score=2.0, sign=1),
        ],
    )


def test_actors_and_relations(before: GraphDocument, after: GraphDocument) -> None:
    d = diff(before, after)
    assert d.actors_added == ["E"] and d.actors_removed == ["D"]
    assert d.relations_added == [
        {"source": "A", "target": "C", "type": "threat", "sign": -1, "weight": 0.6},
        {"source": "C", "target": "E", "type": "trade", "sign": 1, "weight": 0.64},
    ]
    assert d.relations_removed == [
        {"source": "A", "target": "C", "type": "alliance", "sign": 1, "weight": 0.74},
        {"source": "C", "target": "D", "type": "criticism", "sign": -1, "weight": 0.2},
    ]


def test_sign_flips_and_weights(before: GraphDocument, after: GraphDocument) -> None:
    d = diff(before, after)
    assert d.sign_flips == [
        {"source": "B", "target": "C", "type": "sanctions", "before": -1, "after": 1},
        {"source": "A", "target": "C", "type": "", "before": 1, "after": -1},
        {"source": "B", "target": "C", "type": "", "before": -1, "after": 1},
    ]
    assert d.weight_changes == [
        {"source": "A", "target": "B", "type": "trade", "before": 0.64, "after": 0.9}
    ]


def test_no_change(article: GraphDocument) -> None:
    d = diff(article, article)
    assert d.rows() == []


def test_rank_moves(before: GraphDocument, after: GraphDocument) -> None:
    ra, rb = centrality_ranks(before), centrality_ranks(after)
    d = diff(before, after)
    expected = sorted(
        (
            {"actor": x, "before": ra[x], "after": rb[x], "moved": ra[x] - rb[x]}
            for x in "ABC"
            if ra[x] != rb[x]
        ),
        key=lambda m: (-abs(m["moved"]), m["actor"]),
    )
    assert d.rank_moves == expected and expected
    assert diff(before, after, top=1).rank_moves == expected[:1]


def test_centrality_ranks_follow_networkx_pagerank() -> None:
    g = doc(
        "A B C D", [rel("A", "B", "trade"), rel("C", "B", "investment"), rel("B", "D", "sanctions")]
    )
    G = nx.Graph()
    G.add_nodes_from("ABCD")
    G.add_weighted_edges_from([("A", "B", 0.64), ("C", "B", 0.64)])  # positive ties only
    pr = nx.pagerank(G)
    assert pr["A"] == pytest.approx(pr["C"])
    assert pr["B"] > pr["A"] > pr["D"]
    assert centrality_ranks(g) == {"B": 1, "A": 2, "C": 2, "D": 4}


def test_rows_for_the_table(before: GraphDocument, after: GraphDocument) -> None:
    rows = diff(before, after, top=0).rows()
    assert [r["change"] for r in rows] == [
        "actor added",
        "actor removed",
        "relation added",
        "relation added",
        "relation removed",
        "relation removed",
        "sign flip",
        "sign flip",
        "sign flip",
        "weight change",
    ]
    assert rows[2]["after"] == 0.6 and rows[4]["before"] == 0.74
