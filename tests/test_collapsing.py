"""The rule that collapses parallel relations into one edge per pair."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from vectorgraph.errors import ArgumentError
from vectorgraph.measures import collapse
from vectorgraph.measures.collapsing import (
    arc_degrees,
    document_arrays,
    positive_layer,
    relation_arrays,
    ties,
)


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


def _many_parallel() -> nx.MultiDiGraph:
    """Pairs with one to five relations of both signs, weights whose float sums depend on
    the order they are added in, directed and not, a structural tie and a self-loop."""
    rng = random.Random(11)
    M = nx.MultiDiGraph()
    names = [f"N{i}" for i in range(12)] + ["a", "b10", "b9"]
    M.add_nodes_from(names)
    for _ in range(120):
        u, v = rng.sample(names, 2)
        sign = rng.choice([1, 1, -1, 0])
        M.add_edge(
            u,
            v,
            sign=sign,
            weight=rng.choice([0.1, 0.2, 0.3, 0.7, 1e-17, 1.0 / 3]),
            directed=rng.random() < 0.5,
        )
    M.add_edge("a", "a", sign=1, weight=0.5, directed=False)
    return M


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("structural", [False, True], ids=["no-structural", "structural"])
def test_ties_are_the_collapsed_edges(directed: bool, structural: bool) -> None:
    M = _many_parallel()
    t = ties(relation_arrays(M, include_structural=structural), directed)
    H = collapse(M, directed=directed, include_structural=structural)
    assert t.nodes == list(H.nodes) == sorted(M, key=str)
    edges = [(t.nodes[u], t.nodes[v]) for u, v in zip(t.u.tolist(), t.v.tolist())]
    assert edges == list(H.edges)
    for (a, b), p, q, w, c in zip(edges, t.positive, t.negative, t.weight, t.count):
        # the same floats: each layer an exactly rounded sum of its relations
        assert (H[a][b]["positive"], H[a][b]["negative"]) == (p, q)
        assert (H[a][b]["weight"], H[a][b]["count"]) == (w, c)


def test_a_layer_of_three_or_more_is_summed_exactly() -> None:
    M = nx.MultiGraph()
    for w in (0.1, 0.2, 0.3, 1e-17):  # added in order: 0.6000000000000001
        M.add_edge("a", "b", sign=1, weight=w)
    t = ties(relation_arrays(M), False)
    assert t.positive.tolist() == [math.fsum([0.1, 0.2, 0.3, 1e-17])] == [0.6]
    assert t.count.tolist() == [4]


def test_row_sums_add_partner_by_partner() -> None:
    M = _many_parallel()
    H = collapse(M)
    t = ties(relation_arrays(M), False)
    by_python = [float(sum(d["weight"] for d in H[v].values())) for v in H]
    assert t.row_sums(t.weight).tolist() == by_python
    assert t.partners(t.negative > 0).tolist() == [
        sum(1 for d in H[v].values() if d["negative"] > 0) for v in H
    ]


def test_a_document_reads_as_its_networkx_graph(article) -> None:  # type: ignore[no-untyped-def]
    G = article.to_networkx()
    for weight in ("weight", None):
        for structural in (False, True):
            a = document_arrays(article, weight=weight, include_structural=structural)
            b = relation_arrays(G, weight=weight, include_structural=structural)
            assert a.nodes == b.nodes

            def rows(x):  # type: ignore[no-untyped-def]
                fields = (x.source, x.target, x.strength, x.negative, x.directed)
                return sorted(zip(*(f.tolist() for f in fields)))

            assert rows(a) == rows(b)  # the same relations, in another order
            assert len(rows(a)) == (43 if structural else 27)  # 16 structural of 43


def test_a_document_is_read_by_weight_or_none_only(article) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ArgumentError, match="by 'weight' or None, not 'score'"):
        document_arrays(article, weight="score")


def test_arc_degrees_count_distinct_arcs(multi: nx.MultiDiGraph) -> None:
    indeg, outdeg = arc_degrees(multi)
    # KAZ -> RUS twice (one directed, one each way), RUS -> KAZ once; EAEU structural
    assert (indeg, outdeg) == ({"EAEU": 0, "KAZ": 1, "RUS": 1}, {"EAEU": 0, "KAZ": 1, "RUS": 1})
    assert arc_degrees(multi, include_structural=True)[0]["EAEU"] == 1
