"""Structural balance: signed triangles, unbalanced triads, the frustration index."""

from __future__ import annotations

import itertools
import json
import random
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from generate import generate
from vectorgraph import GraphDocument, VectorgraphError
from vectorgraph.cli import cli
from vectorgraph.measures import frustration_index, signed_graph, structural_balance


def signed(edges: list[tuple[str, str, int]]) -> nx.Graph:
    G = nx.Graph()
    for u, v, s in edges:
        G.add_edge(u, v, sign=s)
    return G


@pytest.fixture
def four_kinds() -> nx.Graph:
    """One triangle of each kind, in separate components."""
    return signed(
        [
            ("x1", "x2", 1),
            ("x1", "x3", 1),
            ("x2", "x3", 1),
            ("y1", "y2", 1),
            ("y1", "y3", 1),
            ("y2", "y3", -1),
            ("z1", "z2", 1),
            ("z1", "z3", -1),
            ("z2", "z3", -1),
            ("w1", "w2", -1),
            ("w1", "w3", -1),
            ("w2", "w3", -1),
        ]
    )


def brute_force(S: nx.Graph) -> int:
    """The frustration index by trying every split of the whole graph."""
    nodes = list(S)
    best = len(S.edges)
    for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
        camp = dict(zip(nodes, (0, *bits)))
        bad = sum(1 for u, v, s in S.edges(data="sign") if (camp[u] == camp[v]) != (s > 0))
        best = min(best, bad)
    return best


def random_signed(n: int, m: int, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, m, seed=seed)
    for _, _, d in G.edges(data=True):
        d["sign"] = rng.choice([1, 1, -1])
    return G


def test_each_kind_of_triangle(four_kinds: nx.Graph) -> None:
    b = structural_balance(four_kinds)
    assert (b.triangles, b.balanced, b.ratio) == (4, 2, 0.5)
    assert b.counts == {"+++": 1, "++-": 1, "+--": 1, "---": 1}
    assert [(t.actors, t.kind) for t in b.unbalanced] == [
        (("w1", "w2", "w3"), "---"),
        (("y1", "y2", "y3"), "++-"),
    ]
    assert b.unbalanced[1].edges == (("y1", "y2", 1), ("y1", "y3", 1), ("y2", "y3", -1))
    assert (b.frustration.value, b.frustration.exact, b.frustration.lower_bound) == (2, True, 2)


def test_a_pair_takes_the_sign_of_its_net_strength() -> None:
    M = nx.MultiDiGraph()
    M.add_edge("a", "b", sign=1, weight=0.5)
    M.add_edge("b", "a", sign=-1, weight=0.75)  # net negative
    M.add_edge("b", "c", sign=1, weight=0.5)
    M.add_edge("c", "a", sign=1, weight=0.25)
    M.add_edge("a", "d", sign=1, weight=0.5)  # ambivalent: dropped
    M.add_edge("d", "a", sign=-1, weight=0.5)
    S, ambivalent = signed_graph(M)
    assert S["a"]["b"]["sign"] == -1 and ambivalent == 1 and not S.has_edge("a", "d")
    b = structural_balance(M)
    assert (b.counts["++-"], b.ambivalent) == (1, 1)
    # counted by relations instead: one each way, a-b becomes ambivalent too
    assert structural_balance(M, weight=None).triangles == 0


def test_structural_ties_as_positive() -> None:
    M = nx.MultiDiGraph()
    M.add_edge("a", "bloc", sign=0, weight=1.0)
    M.add_edge("b", "bloc", sign=0, weight=1.0)
    M.add_edge("a", "b", sign=-1, weight=0.4)
    assert structural_balance(M).triangles == 0
    assert structural_balance(M, include_structural=True).counts["++-"] == 1


@pytest.mark.parametrize("seed", range(6))
def test_frustration_exact_equals_brute_force(seed: int) -> None:
    S = random_signed(11, 18, seed)
    f = frustration_index(S)
    assert f.exact
    assert f.value == brute_force(S)
    # the camps returned really leave exactly those edges frustrated
    assert len(f.edges) == f.value
    assert sorted(tuple(sorted(e)) for e in f.edges) == sorted(
        tuple(sorted((u, v)))
        for u, v, s in S.edges(data="sign")
        if (f.camps[u] == f.camps[v]) != (s > 0)
    )


@pytest.mark.parametrize("seed", range(4))
def test_frustration_heuristic_bounds(seed: int) -> None:
    S = random_signed(14, 30, seed)
    exact = brute_force(S)
    f = frustration_index(S, exact_limit=4, seed=seed)
    assert not f.exact
    assert f.lower_bound <= exact <= f.value
    assert f.value <= exact + 1  # local search gets close on small graphs


def test_triangles_match_networkx() -> None:
    G = generate(300, 1500, seed=4).to_networkx()
    S, _ = signed_graph(G)
    b = structural_balance(G, frustration=False)
    assert b.triangles == sum(nx.triangles(S).values()) // 3
    cliques = {tuple(sorted(c)) for c in nx.enumerate_all_cliques(S) if len(c) == 3}
    unbalanced = {
        t
        for t in cliques
        if S[t[0]][t[1]]["sign"] * S[t[0]][t[2]]["sign"] * S[t[1]][t[2]]["sign"] < 0
    }
    assert {t.actors for t in b.unbalanced} == unbalanced
    assert b.frustration is None


def test_result_does_not_depend_on_input_order() -> None:
    G = generate(200, 900, seed=8).to_networkx()
    edges = list(G.edges(keys=True, data=True))
    random.Random(1).shuffle(edges)
    S = nx.MultiDiGraph()
    S.add_nodes_from(reversed(list(G.nodes(data=True))))
    S.add_edges_from(edges)
    a, b = structural_balance(G), structural_balance(S)
    assert a.frustration is not None and not a.frustration.exact  # the heuristic ran
    assert a == b


def test_exact_limit_is_capped() -> None:
    with pytest.raises(
        VectorgraphError,
        match=r"exact_limit 30 is too large: a block of k "
        r"actors takes 2\^\(k-1\) splits \(at most 24\)",
    ):
        frustration_index(nx.Graph(), exact_limit=30)


def test_empty_and_tree() -> None:
    b = structural_balance(nx.MultiDiGraph())
    assert (b.triangles, b.ratio, b.frustration.value, b.frustration.exact) == (0, None, 0, True)
    tree = signed([("a", "b", -1), ("b", "c", 1), ("c", "d", -1)])
    assert frustration_index(tree).value == 0


def test_bundled_graph(article: GraphDocument) -> None:
    G = article.to_networkx()
    b = structural_balance(G)
    assert (b.triangles, b.ratio) == (3, 0.0)
    assert [t.actors for t in b.unbalanced] == [
        ("EMERSON", "KAZ", "RUS"),
        ("HONEYWELL", "KAZ", "RUS"),
        ("KAZ", "RUS", "WEST"),
    ]
    assert (b.frustration.value, b.frustration.edges) == (1, (("KAZ", "RUS"),))
    s = structural_balance(G, include_structural=True)
    assert (s.triangles, s.counts["+++"], s.ratio, s.frustration.value) == (6, 3, 0.5, 3)


# --- the command ---


def test_cli_summary() -> None:
    result = CliRunner().invoke(cli, ["balance", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "measure,value",
        "triangles,3",
        "balanced,0",
        "unbalanced,3",
        "ratio,0.0",
        "+++,0",
        "++-,3",
        "+--,0",
        "---,0",
        "ambivalent,0",
        "frustration,1",
        "frustration_exact,True",
        "frustration_lower_bound,1",
        "frustrated_edges,KAZ-RUS",
    ]


def test_cli_triads() -> None:
    result = CliRunner().invoke(cli, ["balance", "--triads", "--top", "1", "--format", "csv"])
    assert result.stdout.splitlines() == [
        "a,b,c,kind,edges",
        "EMERSON,KAZ,RUS,++-,EMERSON+KAZ EMERSON-RUS KAZ+RUS",
    ]


def test_cli_json() -> None:
    result = CliRunner().invoke(cli, ["balance", "--include-structural", "--format", "json"])
    data = json.loads(result.stdout)
    assert (data["triangles"], data["ratio"], data["frustration"]["value"]) == (6, 0.5, 3)
    assert data["unbalanced"][0]["edges"][1] == {"source": "EMERSON", "target": "RUS", "sign": -1}


def test_real_process(run_cli: Any) -> None:
    proc = run_cli("balance", "--no-frustration", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["triangles"], data["frustration"]) == (3, None)
