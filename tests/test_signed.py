"""Signed degree and PN centrality."""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import numpy as np
import pytest

from generate import generate
from vectorgraph import GraphDocument, VectorgraphError
from vectorgraph.measures import SignedDegree, pn_centrality, signed_degree
from vectorgraph.measures import signed as signed_module


@pytest.fixture
def mixed() -> nx.MultiDiGraph:
    """a-b: two positive relations and one negative; b-c negative; a-d structural."""
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", sign=1, weight=0.5)
    G.add_edge("b", "a", sign=1, weight=0.25)
    G.add_edge("a", "b", sign=-1, weight=0.125)
    G.add_edge("c", "b", sign=-1, weight=1.0)
    G.add_edge("a", "d", sign=0, weight=1.0)
    return G


def test_signed_degree_counts_partners(mixed: nx.MultiDiGraph) -> None:
    got = signed_degree(mixed)
    assert got["a"] == SignedDegree(positive=1.0, negative=1.0, net=0.0, ratio=0.5)
    assert got["b"] == SignedDegree(positive=1.0, negative=2.0, net=-1.0, ratio=1 / 3)
    assert got["d"] == SignedDegree(positive=0.0, negative=0.0, net=0.0, ratio=None)


def test_signed_degree_sums_strengths(mixed: nx.MultiDiGraph) -> None:
    got = signed_degree(mixed, weight="weight")
    assert got["b"] == SignedDegree(positive=0.75, negative=1.125, net=-0.375, ratio=0.4)


def test_signed_degree_with_structural(mixed: nx.MultiDiGraph) -> None:
    got = signed_degree(mixed, include_structural=True)
    assert (got["a"].positive, got["d"].positive) == (2.0, 1.0)


def test_signed_degree_on_the_bundled_graph(article: GraphDocument) -> None:
    got = signed_degree(article.to_networkx())
    assert got["KAZ"].to_dict() == {
        "positive": 13.0,
        "negative": 1.0,
        "net": 12.0,
        "ratio": 13 / 14,
    }
    # Russia: a positive partner (Kazakhstan, also negative) and four adversaries
    assert got["RUS"] == SignedDegree(positive=1.0, negative=5.0, net=-4.0, ratio=1 / 6)


def test_pn_by_hand() -> None:
    # a+b, b-c: A/(2n-2) = A/4; solving by hand gives 14/11, 12/11, 5/11
    G = nx.Graph()
    G.add_edge("a", "b", sign=1)
    G.add_edge("b", "c", sign=-1)
    got = pn_centrality(G)
    assert got == pytest.approx(
        {"a": float(Fraction(14, 11)), "b": float(Fraction(12, 11)), "c": float(Fraction(5, 11))}
    )


def test_pn_pair_in_both_layers(mixed: nx.MultiDiGraph) -> None:
    # nodes a, b, c, d; a-b in both layers (1 - 2 = -1), b-c negative (-2); d isolated
    A = np.zeros((4, 4))
    A[0, 1] = A[1, 0] = -1
    A[1, 2] = A[2, 1] = -2
    expected = np.linalg.solve(np.eye(4) - A / 6, np.ones(4))
    got = pn_centrality(mixed)
    assert [got[v] for v in "abcd"] == pytest.approx(list(expected))
    assert got["d"] == pytest.approx(1.0)


def test_pn_all_positive_star() -> None:
    # n = 5, A/8: x0 - 4 x1 / 8 = 1 and x1 - x0 / 8 = 1 give x0 = 1.6, x1 = 1.2
    got = pn_centrality(nx.star_graph(4))
    assert got == pytest.approx({0: 1.6, 1: 1.2, 2: 1.2, 3: 1.2, 4: 1.2})


def test_pn_sparse_solver_equals_dense(monkeypatch: pytest.MonkeyPatch) -> None:
    G = generate(300, 1200, seed=2).to_networkx()
    dense = pn_centrality(G)
    monkeypatch.setattr(signed_module, "DENSE_LIMIT", 10)
    sparse = pn_centrality(G)
    assert sparse == pytest.approx(dense, rel=1e-9)


def test_pn_corner_cases() -> None:
    assert pn_centrality(nx.Graph()) == {}
    one = nx.Graph()
    one.add_node("KAZ")
    assert pn_centrality(one) == {"KAZ": 1.0}
    two = nx.Graph()
    two.add_edge("a", "b", sign=-1)
    with pytest.raises(
        VectorgraphError,
        match="PN centrality is undefined here: "
        r"I - A/\(2n-2\) is singular",
    ):
        pn_centrality(two)
