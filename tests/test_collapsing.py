"""The rule that collapses parallel relations into one edge per pair."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from vectorgraph.measures import collapse
from vectorgraph.measures.collapsing import positive_layer


@pytest.fixture
def multi() -> nx.MultiDiGraph:
    """KAZ-RUS: two positive (one directed), one negative; KAZ member_of EAEU; a self-loop."""
    M = nx.MultiDiGraph()
    M.add_node("RUS", name="Russia")
    M.add_edge("RUS", "KAZ", key="a", sign=1, weight=0.5, directed=False)
    M.add_edge("KAZ", "RUS", key="b", sign=1, weight=0.25, directed=True)
    M.add_edge("KAZ", "RUS", key="c", sign=-1, weight=0.125, directed=True)
    M.add_edge("KAZ", "EAEU", key="d", sign=0, weight=1.0, directed=True)
    M.add_edge("KAZ", "KAZ", key="e", sign=1, weight=1.0, directed=True)
    return M


def test_undirected_layers_are_sums_per_sign(multi: nx.MultiDiGraph) -> None:
    H = collapse(multi)
    assert not H.is_directed()
    assert sorted(H.nodes) == ["EAEU", "KAZ", "RUS"]
    assert H.nodes["RUS"]["name"] == "Russia"
    assert sorted(map(sorted, H.edges)) == [["KAZ", "RUS"]]  # structural and self-loop gone
    assert dict(H["KAZ"]["RUS"]) == {
        "positive": 0.75,
        "negative": 0.125,
        "weight": 0.875,
        "count": 3,
        "sign": 1,
    }


def test_directed_view_splits_undirected_relations(multi: nx.MultiDiGraph) -> None:
    D = collapse(multi, directed=True)
    assert sorted(D.edges) == [("KAZ", "RUS"), ("RUS", "KAZ")]
    assert dict(D["KAZ"]["RUS"]) == {
        "positive": 0.75,
        "negative": 0.125,
        "weight": 0.875,
        "count": 3,
        "sign": 1,
    }
    assert dict(D["RUS"]["KAZ"]) == {
        "positive": 0.5,
        "negative": 0.0,
        "weight": 0.5,
        "count": 1,
        "sign": 1,
    }


def test_structural_ties_join_the_positive_layer(multi: nx.MultiDiGraph) -> None:
    H = collapse(multi, include_structural=True)
    assert dict(H["EAEU"]["KAZ"]) == {
        "positive": 1.0,
        "negative": 0.0,
        "weight": 1.0,
        "count": 1,
        "sign": 1,
    }


def test_unweighted_counts_relations(multi: nx.MultiDiGraph) -> None:
    H = collapse(multi, weight=None)
    assert (H["KAZ"]["RUS"]["positive"], H["KAZ"]["RUS"]["negative"]) == (2.0, 1.0)


def test_weight_is_read_as_magnitude_and_sign_from_sign() -> None:
    M = nx.MultiGraph()
    M.add_edge("a", "b", sign=-1, score=-8.0)
    M.add_edge("a", "b", score=3.0)  # no sign: positive
    H = collapse(M, weight="score")
    assert (H["a"]["b"]["positive"], H["a"]["b"]["negative"], H["a"]["b"]["sign"]) == (3.0, 8.0, -1)


def test_ambivalent_pair_has_sign_zero() -> None:
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", sign=1, weight=0.5)
    M.add_edge("b", "a", sign=-1, weight=0.5)
    assert collapse(M)["a"]["b"]["sign"] == 0


def test_result_does_not_depend_on_input_order(article) -> None:  # type: ignore[no-untyped-def]
    G = article.to_networkx()
    edges = list(G.edges(keys=True, data=True))
    nodes = list(G.nodes(data=True))
    random.Random(3).shuffle(edges)
    random.Random(4).shuffle(nodes)
    S = nx.MultiDiGraph()
    S.add_nodes_from(nodes)
    S.add_edges_from(edges)
    for directed in (False, True):
        a, b = collapse(G, directed=directed), collapse(S, directed=directed)
        assert list(a.nodes) == list(b.nodes)
        assert list(a.edges(data=True)) == list(b.edges(data=True))


def test_positive_layer_keeps_positive_strength(multi: nx.MultiDiGraph) -> None:
    M = multi.copy()
    M.add_edge("RUS", "UKR", sign=-1, weight=1.0)
    P = positive_layer(collapse(M))
    assert sorted(map(sorted, P.edges)) == [["KAZ", "RUS"]]
    assert P["KAZ"]["RUS"] == {"weight": 0.75}
    assert "UKR" in P


def test_a_net_of_float_noise_has_no_sign_in_every_module() -> None:
    """+0.1 and +0.2 against -0.3: the net is float noise (5.6e-17), which collapse,
    structural balance, path and diff all read as no sign (one tolerance, in ties)."""
    from vectorgraph import GraphDocument
    from vectorgraph.compare import diff
    from vectorgraph.measures import signed_graph
    from vectorgraph.queries import shortest_chains

    rel = {"source": "A", "target": "B"}
    doc = GraphDocument.from_dict(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [
                {**rel, "type": "trade", "weight": 0.1},
                {**rel, "type": "investment", "weight": 0.2},
                {**rel, "type": "sanctions", "weight": 0.3},
            ],
        }
    )
    H = collapse(doc.to_networkx())
    assert H["A"]["B"]["positive"] - H["A"]["B"]["negative"] != 0.0  # the noise is there
    assert H["A"]["B"]["sign"] == 0
    assert signed_graph(doc.to_networkx())[1] == 1  # ambivalent, left out of balance
    assert shortest_chains(doc, "A", "B")[0]["hops"][0]["sign"] == 0
    flipped = GraphDocument.from_dict(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [{**rel, "type": "sanctions", "weight": 0.5}],
        }
    )
    assert [f for f in diff(doc, flipped).sign_flips if f["type"] == ""] == []
