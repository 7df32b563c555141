"""Centrality: hand-computed values, igraph against networkx, corner cases, the CLI."""

from __future__ import annotations

import importlib
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner

from generate import generate
from vectorgraph import GraphDocument, VectorgraphError
from vectorgraph.cli import cli
from vectorgraph.measures import CENTRALITY_MEASURES, centralities, centrality, parse_measures

PATH_MEASURES = ("betweenness", "closeness", "harmonic")


@pytest.fixture
def tiny() -> nx.MultiDiGraph:
    """a-b: trade (+0.5, undirected) and a criticises b (-0.25); b invests in c (+1.0);
    c sanctions d (-0.5); b member_of e (structural)."""
    G = nx.MultiDiGraph()
    G.add_nodes_from("abcde")
    G.add_edge("a", "b", sign=1, weight=0.5, directed=False)
    G.add_edge("a", "b", sign=-1, weight=0.25, directed=True)
    G.add_edge("b", "c", sign=1, weight=1.0, directed=True)
    G.add_edge("c", "d", sign=-1, weight=0.5, directed=True)
    G.add_edge("b", "e", sign=0, weight=1.0, directed=True)
    return G


@pytest.fixture(scope="module")
def generated() -> nx.MultiDiGraph:
    return generate(80, 300, seed=7).to_networkx()


@pytest.fixture(scope="module")
def dyadic() -> nx.DiGraph:
    """One relation per arc, strengths 1/4, 1/2, 1: every path length is an exact float,
    so igraph's and networkx's shortest paths tie the same way."""
    G = nx.gnm_random_graph(80, 240, seed=5, directed=True)
    rng = random.Random(5)
    for _, _, d in G.edges(data=True):
        d.update(weight=rng.choice([0.25, 0.5, 1.0]), sign=rng.choice([1, 1, -1]))
    return G


HAND = {
    "degree": {"a": 1, "b": 2, "c": 2, "d": 1, "e": 0},
    "in_degree": {"a": 1, "b": 1, "c": 1, "d": 1, "e": 0},
    "out_degree": {"a": 1, "b": 2, "c": 1, "d": 0, "e": 0},
    "strength": {"a": 0.75, "b": 1.75, "c": 1.5, "d": 0.5, "e": 0},
    # path a-b-c-d plus isolated e: b and c each lie on 2 of the C(4,2) = 6 pairs
    "betweenness": {"a": 0, "b": 1 / 3, "c": 1 / 3, "d": 0, "e": 0},
    # (r/sum d) * r/(n-1), r = 3 reachable, n = 5
    "closeness": {
        "a": 3 / 6 * 3 / 4,
        "b": 3 / 4 * 3 / 4,
        "c": 3 / 4 * 3 / 4,
        "d": 3 / 6 * 3 / 4,
        "e": 0,
    },
    "harmonic": {"a": 1 + 1 / 2 + 1 / 3, "b": 2.5, "c": 2.5, "d": 1 + 1 / 2 + 1 / 3, "e": 0},
    # positive layer a-b (0.5), b-c (1.0): lambda = sqrt(1.25), x = (0.5/l, 1, 1/l) / sqrt(2)
    "eigenvector": {
        "a": 0.5 / math.sqrt(1.25) / math.sqrt(2),
        "b": 1 / math.sqrt(2),
        "c": 1 / math.sqrt(1.25) / math.sqrt(2),
        "d": 0,
        "e": 0,
    },
}


@pytest.mark.parametrize("engine", ["fast", "networkx"])
@pytest.mark.parametrize("measure", list(HAND), ids=list(HAND))
def test_hand_computed_values(tiny: nx.MultiDiGraph, measure: str, engine: str) -> None:
    got = centrality(tiny, measure, engine=engine)
    assert got == pytest.approx(HAND[measure], abs=1e-6)


def test_inverse_distance_uses_one_over_strength(tiny: nx.MultiDiGraph) -> None:
    # lengths a-b 1/0.75, b-c 1, c-d 2: from a 4/3 + 7/3 + 13/3 = 8
    got = centrality(tiny, "closeness", distance="inverse")
    assert got["a"] == pytest.approx(3 / 8 * 3 / 4)
    assert got["d"] == pytest.approx(3 / (2 + 3 + 13 / 3) * 3 / 4)


def test_pagerank_reads_positive_ties_only(tiny: nx.MultiDiGraph) -> None:
    P = nx.Graph()
    P.add_nodes_from("abcde")
    P.add_edge("a", "b", weight=0.5)
    P.add_edge("b", "c", weight=1.0)
    expected = nx.pagerank(P, weight="weight", tol=1e-13, max_iter=10_000)
    tight = {"tol": 1e-13, "max_iter": 10_000}
    assert centrality(tiny, "pagerank", **tight) == pytest.approx(expected, abs=1e-9)
    louder = tiny.copy()
    louder.add_edge("d", "a", sign=-1, weight=1.0)  # a new negative tie changes nothing
    assert centrality(louder, "pagerank", **tight) == pytest.approx(expected, abs=1e-9)


def test_structural_ties_only_when_asked(tiny: nx.MultiDiGraph) -> None:
    assert centrality(tiny, "degree")["e"] == 0
    with_structural = centrality(tiny, "degree", include_structural=True)
    assert (with_structural["e"], with_structural["b"]) == (1, 3)


def test_pn_matches_the_formula(tiny: nx.MultiDiGraph) -> None:
    # A = P - 2N over a..e: a-b in both layers (-1), b-c positive (1), c-d negative (-2)
    A = np.zeros((5, 5))
    for (i, j), a in {(0, 1): -1, (1, 2): 1, (2, 3): -2}.items():
        A[i, j] = A[j, i] = a
    expected = np.linalg.solve(np.eye(5) - A / 8, np.ones(5))
    got = centrality(tiny, "pn")
    assert [got[v] for v in "abcde"] == pytest.approx(list(expected))


CASES = [(m, d, dist) for m in PATH_MEASURES for d in (False, True) for dist in ("hops", "inverse")]


@pytest.mark.parametrize(
    ("measure", "directed", "distance"),
    CASES,
    ids=[f"{m}-{'dir' if d else 'undir'}-{dist}" for m, d, dist in CASES],
)
def test_fast_engine_equals_networkx_on_paths(
    generated: nx.MultiDiGraph, dyadic: nx.DiGraph, measure: str, directed: bool, distance: str
) -> None:
    kw: dict[str, Any] = {"directed": directed, "distance": distance}
    G = dyadic if distance == "inverse" else generated
    a = centrality(G, measure, engine="fast", **kw)
    b = centrality(G, measure, engine="networkx", **kw)
    assert a == pytest.approx(b, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
@pytest.mark.parametrize("measure", ["eigenvector", "pagerank"])
def test_fast_engine_equals_networkx_on_spectral(measure: str, directed: bool) -> None:
    # a connected positive graph: eigenvector centrality is unique there
    G = nx.gnm_random_graph(40, 160, seed=11, directed=directed)
    if directed:
        G = G.subgraph(max(nx.strongly_connected_components(G), key=len)).copy()
    rng = random.Random(2)
    for _, _, d in G.edges(data=True):
        d["weight"] = rng.choice([0.1, 0.35, 0.64, 1.0])
    a = centrality(G, measure, directed=directed, engine="fast", tol=1e-10)
    b = centrality(G, measure, directed=directed, engine="networkx", tol=1e-10)
    assert a == pytest.approx(b, abs=1e-6)
    # and both are what plain networkx gives on the input
    plain = (
        nx.pagerank(G, weight="weight", tol=1e-10)
        if measure == "pagerank"
        else nx.eigenvector_centrality(G, weight="weight", tol=1e-10, max_iter=1000)
    )
    assert a == pytest.approx(plain, abs=1e-6)


def test_plain_networkx_on_the_generated_graph(generated: nx.MultiDiGraph) -> None:
    """What a user writes by hand on the simple undirected graph of non-structural ties."""
    S = nx.Graph()
    S.add_nodes_from(generated)
    S.add_edges_from((u, v) for u, v, s in generated.edges(data="sign") if s != 0 and u != v)
    got = centralities(generated, ["degree", "betweenness", "closeness", "harmonic"])
    assert got["degree"] == {v: float(d) for v, d in S.degree()}
    assert got["betweenness"] == pytest.approx(nx.betweenness_centrality(S))
    assert got["closeness"] == pytest.approx(nx.closeness_centrality(S))
    assert got["harmonic"] == pytest.approx(nx.harmonic_centrality(S))


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_sampled_betweenness_equals_networkx_sampling(
    generated: nx.MultiDiGraph, directed: bool
) -> None:
    a = centrality(generated, "betweenness", samples=20, seed=5, directed=directed)
    b = centrality(
        generated, "betweenness", samples=20, seed=5, directed=directed, engine="networkx"
    )
    assert a == pytest.approx(b, rel=1e-9, abs=1e-12)
    assert a != centrality(generated, "betweenness", directed=directed)


def test_sampled_betweenness_error_against_exact() -> None:
    """500 actors / 2,500 relations: the error of sampled betweenness, three seeds each.

    Measured (relative L1 error, sum |est - exact| / sum exact): 50 sources
    0.35-0.38, 100 sources 0.27-0.31, 250 sources 0.14-0.15; the top ten
    actors are found 7-10 out of 10.
    """
    G = generate(500, 2500, seed=3).to_networkx()
    exact = centrality(G, "betweenness")
    total = sum(exact.values())
    top_exact = set(sorted(G, key=lambda v: (-exact[v], v))[:10])

    def rel_error(k: int, seed: int) -> float:
        est = centrality(G, "betweenness", samples=k, seed=seed)
        assert len(top_exact & set(sorted(G, key=lambda v: (-est[v], v))[:10])) >= 7
        return sum(abs(est[v] - exact[v]) for v in G) / total

    err = {k: [rel_error(k, seed) for seed in range(3)] for k in (50, 100, 250)}
    assert max(err[250]) < 0.2
    assert max(err[100]) < 0.35
    assert sum(err[250]) < sum(err[100]) < sum(err[50])
    assert min(err[50]) > 0.2  # an estimate, not the exact value
    assert centrality(G, "betweenness", samples=len(G)) == exact


def test_betweenness_in_a_second_process(
    generated: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")

    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    names = ["betweenness", "degree"]
    for kw in ({}, {"directed": True, "distance": "inverse"}, {"samples": 10}):
        one = centralities(generated, names, **kw)
        two = centralities(generated, names, workers=2, **kw)
        assert list(two) == names
        assert two == one


def test_second_process_failure_falls_back(
    generated: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")

    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    two = centralities(generated, ["betweenness", "degree"], workers=2)
    assert two == centralities(generated, ["betweenness", "degree"])


def test_the_children_compute_the_path_measures_themselves(
    generated: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the children import the worker module on their own (not the package): if they failed,
    # their tasks would run here, where running tasks now raises
    module = importlib.import_module("vectorgraph.measures.centrality")
    worker = importlib.import_module("vectorgraph.measures._worker")
    names = ["betweenness", "closeness", "harmonic"]
    one = centralities(generated, names)
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)

    def refuse(*args: Any) -> list[Any]:
        raise AssertionError("a task ran in the parent")

    monkeypatch.setattr(worker, "run", refuse)
    assert centralities(generated, names, workers=2) == one


def test_second_process_stops_when_another_measure_fails(
    generated: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    with pytest.raises(VectorgraphError, match="eigenvector did not converge"):
        centralities(generated, ["betweenness", "eigenvector"], workers=2, max_iter=1)


def test_result_does_not_depend_on_input_order(article: GraphDocument) -> None:
    G = article.to_networkx()
    edges = list(G.edges(keys=True, data=True))
    random.Random(9).shuffle(edges)
    S = nx.MultiDiGraph()
    S.add_nodes_from(reversed(list(G.nodes(data=True))))
    S.add_edges_from(edges)
    assert centralities(G, ["all"]) == centralities(S, ["all"])


@pytest.mark.parametrize("engine", ["fast", "networkx"])
def test_empty_graph_and_one_actor(engine: str) -> None:
    assert all(v == {} for v in centralities(nx.MultiDiGraph(), ["all"], engine=engine).values())
    one = nx.MultiDiGraph()
    one.add_node("KAZ")
    got = centralities(one, ["all"], engine=engine)
    assert {m: v["KAZ"] for m, v in got.items()} == {
        "degree": 0,
        "in_degree": 0,
        "out_degree": 0,
        "strength": 0,
        "betweenness": 0,
        "closeness": 0,
        "harmonic": 0,
        "eigenvector": 1.0,
        "pagerank": 1.0,
        "pn": 1.0,
        "positive": 0,
        "negative": 0,
        "net": 0,
        "ratio": None,
    }


def test_disconnected_parts(engine: str = "fast") -> None:
    G = nx.Graph()
    G.add_edges_from([("a", "b"), ("b", "c"), ("x", "y")])
    got = centralities(G, ["closeness", "harmonic", "betweenness"])
    assert got["closeness"] == pytest.approx(nx.closeness_centrality(G))
    assert got["closeness"]["x"] == pytest.approx(1 * 1 / 4)
    assert got["harmonic"] == pytest.approx({"a": 1.5, "b": 2, "c": 1.5, "x": 1, "y": 1})
    assert got["betweenness"]["b"] == pytest.approx(1 / 6)


@pytest.mark.parametrize("engine", ["fast", "networkx"])
@pytest.mark.parametrize("measure", ["eigenvector", "pagerank"])
def test_no_convergence_is_a_clear_error(measure: str, engine: str) -> None:
    G = nx.gnm_random_graph(50, 200, seed=1)
    with pytest.raises(
        VectorgraphError,
        match=f"^{measure} did not converge in 2 "
        r"iterations \(raise max_iter or tol\)$",
    ):
        centrality(G, measure, max_iter=2, engine=engine)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"measure": "fame"}, "unknown measure 'fame'"),
        ({"measure": "signed"}, "signed gives four results"),
        ({"distance": "miles"}, "unknown distance 'miles'"),
        ({"engine": "rust"}, "unknown engine 'rust'"),
        ({"samples": 1}, "samples must be at least 2, not 1"),
    ],
    ids=["measure", "signed", "distance", "engine", "samples"],
)
def test_bad_options(tiny: nx.MultiDiGraph, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(VectorgraphError, match=message):
        centrality(tiny, **kwargs)


def test_bad_workers(tiny: nx.MultiDiGraph) -> None:
    with pytest.raises(VectorgraphError, match="workers must be at least 1, not 0"):
        centralities(tiny, ["degree"], workers=0)


def test_parse_measures() -> None:
    assert parse_measures(["all"]) == list(CENTRALITY_MEASURES)
    assert parse_measures(["pn, degree", "degree"]) == ["pn", "degree"]


def test_bundled_top_five(article: GraphDocument) -> None:
    G = article.to_networkx()
    got = centralities(G, ["strength", "pagerank"])
    top = {m: sorted(G, key=lambda v: (-round(got[m][v], 12), v))[:5] for m in got}
    assert top["strength"] == ["KAZ", "RUS", "WEST", "EMERSON", "HONEYWELL"]
    assert top["pagerank"] == ["KAZ", "RUS", "MISHUSTIN", "SMAILOV", "WEST"]
    assert got["strength"]["KAZ"] == pytest.approx(11.34)


# --- the command ---


def test_cli_top_and_sorting() -> None:
    result = CliRunner().invoke(cli, ["centrality", "--top", "3", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "actor,name,strength",
        "KAZ,Kazakhstan,11.34",
        "RUS,Russia,7.31",
        "WEST,the West,1.65",
    ]


def test_cli_ties_sort_by_id() -> None:
    result = CliRunner().invoke(cli, ["centrality", "-m", "degree", "--format", "csv"])
    lines = result.output.splitlines()
    assert lines[3:6] == ["EMERSON,Emerson,2.0", "HONEYWELL,Honeywell,2.0", "WEST,the West,2.0"]


def test_cli_json_all_measures() -> None:
    result = CliRunner().invoke(cli, ["centrality", "-m", "all", "--top", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert list(row) == [
        "actor",
        "name",
        "degree",
        "in_degree",
        "out_degree",
        "strength",
        "betweenness",
        "closeness",
        "harmonic",
        "eigenvector",
        "pagerank",
        "pn",
        "positive",
        "negative",
        "net",
        "ratio",
    ]
    assert (row["actor"], row["degree"], row["negative"]) == ("KAZ", 13.0, 1.0)


def test_cli_unknown_measure_is_usage_error() -> None:
    result = CliRunner().invoke(cli, ["centrality", "-m", "fame"])
    assert result.exit_code == 2
    assert "Invalid value for --measure: unknown measure 'fame'" in result.output


def test_cli_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["centrality", str(tmp_path / "none.yaml")])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")


def test_real_process_pagerank(run_cli: Any) -> None:
    proc = run_cli("centrality", "-m", "pagerank", "--top", "2", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["actor"] for r in rows] == ["KAZ", "RUS"]
    assert rows[0]["pagerank"] == pytest.approx(0.36592, abs=1e-5)


@pytest.mark.parametrize("command", ["centrality", "vectors", "balance"])
def test_measure_commands_have_help_and_readme(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"vectorgraph {command}" in result.output
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"$ vectorgraph {command}" in readme


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_hops_over_several_bfs_batches(directed: bool) -> None:
    """1,200 actors: three batches of 512 sources, every word of the bit sets used;
    igraph's own closeness and harmonic centrality are the reference."""
    import igraph as ig

    G = generate(1200, 3000, seed=12).to_networkx()
    got = centralities(G, ["closeness", "harmonic"], directed=directed)
    H = importlib.import_module("vectorgraph.measures.collapsing").collapse(G, directed=directed)
    nodes = list(H)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(
        n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()], directed=directed
    )
    mode = "in" if directed else "all"
    harmonic = g.harmonic_centrality(mode=mode, normalized=False)
    assert [got["harmonic"][v] for v in nodes] == pytest.approx(harmonic, rel=1e-12)
    n = len(nodes)
    raw = g.closeness(mode=mode, normalized=False)
    reach = [len(g.subcomponent(i, mode=mode)) - 1 for i in range(n)]
    expected = [0.0 if r == 0 else x * r * r / (n - 1) for x, r in zip(raw, reach)]
    assert [got["closeness"][v] for v in nodes] == pytest.approx(expected, rel=1e-12)


def test_popcount_without_numpy_2(monkeypatch: pytest.MonkeyPatch) -> None:
    msbfs = importlib.import_module("vectorgraph.measures._msbfs")
    bits = np.array([[2**64 - 1, 5], [0, 2**40]], dtype=np.uint64)
    fast = msbfs.popcount_rows(bits).tolist()
    monkeypatch.delattr(np, "bitwise_count")
    assert msbfs.popcount_rows(bits).tolist() == fast == [66, 1]


@pytest.mark.parametrize("distance", ["hops", "inverse"])
def test_betweenness_with_many_leaves(distance: str) -> None:
    """Stars, a pair, an isolated actor and a cycle with hanging leaves: the searches
    from leaves are skipped, the values stay networkx's."""
    G = nx.Graph()
    rng = random.Random(4)
    edges = [("hub", f"l{i}") for i in range(6)] + [
        ("hub", "c1"),
        ("c1", "c2"),
        ("c2", "c3"),
        ("c3", "hub"),
        ("c2", "m1"),
        ("c3", "m2"),
        ("c3", "m3"),
        ("p", "q"),
    ]
    for u, v in edges:
        G.add_edge(u, v, weight=rng.choice([0.25, 0.5, 1.0]))
    G.add_node("alone")
    got = centrality(G, "betweenness", distance=distance)
    expected = centrality(G, "betweenness", distance=distance, engine="networkx")
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-15)
    assert got["hub"] > 0.4 and got["l0"] == got["p"] == got["alone"] == 0


@pytest.mark.parametrize(
    ("cores", "expected"),
    [(2, 2), (8, 2), (1, 1), (None, 1)],
    ids=["two", "eight", "one", "unknown"],
)
def test_cli_uses_both_cores_by_default(
    monkeypatch: pytest.MonkeyPatch, cores: int | None, expected: int
) -> None:
    import os

    from click.testing import CliRunner

    import vectorgraph.measures
    from vectorgraph.cli import cli

    seen: list[int] = []
    real = vectorgraph.measures.centralities

    def spy(*args: Any, workers: int = 1, **kwargs: Any) -> Any:
        seen.append(workers)
        return real(*args, workers=workers, **kwargs)

    monkeypatch.setattr(vectorgraph.measures, "centralities", spy)
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    result = CliRunner().invoke(cli, ["centrality", "-m", "degree", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert seen == [expected]


@pytest.mark.parametrize(
    "kw",
    [{}, {"directed": True}, {"distance": "inverse"}, {"directed": True, "distance": "inverse"}],
    ids=["hops", "directed", "inverse", "directed-inverse"],
)
def test_path_measures_split_over_processes_are_the_same_floats(
    generated: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, kw: dict[str, Any]
) -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    monkeypatch.setattr(module, "CHUNK", 7)  # many tasks over few actors
    names = ["closeness", "degree", "betweenness", "harmonic"]
    one = centralities(generated, names, **kw)
    for workers in (2, 3):
        assert centralities(generated, names, workers=workers, **kw) == one
    assert list(one) == names
    if "distance" not in kw:  # in hops, paths tie exactly in both engines
        reference = centralities(generated, names, engine="networkx", **kw)
        for name in ("closeness", "betweenness", "harmonic"):
            assert one[name] == pytest.approx(reference[name], rel=1e-9, abs=1e-12)


def test_every_measure_has_one_function() -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")
    assert list(module._MEASURES) == list(CENTRALITY_MEASURES)


@pytest.fixture
def without_numba(monkeypatch: pytest.MonkeyPatch) -> None:
    """The measures as they run when the ``fast`` extra (numba) is not installed: igraph."""
    brandes = importlib.import_module("vectorgraph.measures._brandes")
    monkeypatch.setattr(brandes, "available", lambda: False)


@pytest.mark.parametrize(
    "kw",
    [{}, {"directed": True}, {"samples": 20}, {"directed": True, "samples": 20}],
    ids=["hops", "directed", "sampled", "directed-sampled"],
)
def test_compiled_searches_give_igraphs_values(
    generated: nx.MultiDiGraph, request: pytest.FixtureRequest, kw: dict[str, Any]
) -> None:
    brandes = importlib.import_module("vectorgraph.measures._brandes")
    assert brandes.available()  # the test extra installs numba
    names = ["betweenness", "closeness", "harmonic"]
    compiled = centralities(generated, names, **kw)
    request.getfixturevalue("without_numba")
    assert not brandes.available()
    by_igraph = centralities(generated, names, **kw)
    for name in names:
        assert compiled[name] == pytest.approx(by_igraph[name], rel=1e-12, abs=1e-15)
    assert max(compiled["betweenness"].values()) > 0.05  # a graph with paths to count


def test_leaves_take_their_partners_searches() -> None:
    # a star with a tail: the leaves 1, 2, 3 of 0 and 5 of 4 are never searched from
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (0, 4), (4, 5), (6, 7)])
    got = centralities(G, ["betweenness", "closeness", "harmonic"])
    assert got["betweenness"] == pytest.approx(nx.betweenness_centrality(G))
    assert got["closeness"] == pytest.approx(nx.closeness_centrality(G))
    assert got["harmonic"] == pytest.approx(nx.harmonic_centrality(G))
    assert got["harmonic"][5] == pytest.approx(1 + 1 / 2 + 3 / 3)


def test_the_searches_run_on_threads_of_this_process(
    generated: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    module = importlib.import_module("vectorgraph.measures.centrality")
    brandes = importlib.import_module("vectorgraph.measures._brandes")
    names = ["betweenness", "closeness", "harmonic"]
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    monkeypatch.setattr(module, "CHUNK", 7)
    one = centralities(generated, names)
    threads: set[threading.Thread] = set()
    real = brandes.hop_paths

    def spy(*args: Any) -> Any:
        threads.add(threading.current_thread())
        return real(*args)

    monkeypatch.setattr(brandes, "hop_paths", spy)
    assert centralities(generated, names, workers=2) == one
    assert len(threads) == 2 and threading.current_thread() not in threads


@pytest.mark.parametrize(
    "kw",
    [{}, {"directed": True}],
    ids=["hops", "directed"],
)
@pytest.mark.usefixtures("without_numba")
def test_without_numba_processes_split_the_same_floats(
    generated: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, kw: dict[str, Any]
) -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    monkeypatch.setattr(module, "CHUNK", 7)
    names = ["closeness", "degree", "betweenness", "harmonic"]
    one = centralities(generated, names, **kw)
    assert centralities(generated, names, workers=2, **kw) == one
    reference = centralities(generated, names, engine="networkx", **kw)
    for name in ("closeness", "betweenness", "harmonic"):
        assert one[name] == pytest.approx(reference[name], rel=1e-9, abs=1e-12)


def test_searches_ahead_runs_the_searches_in_its_child(
    generated: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # the child started before the graph exists computes every search: none runs here
    module = importlib.import_module("vectorgraph.measures.centrality")
    worker = importlib.import_module("vectorgraph.measures._worker")
    names = ["betweenness", "closeness", "harmonic", "degree"]
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    monkeypatch.setattr(module, "CHUNK", 7)  # many tasks, on the child's two threads
    monkeypatch.setattr(module, "AHEAD_MIN_BYTES", 10)
    one = centralities(generated, names)
    path = tmp_path / "graph.json"
    path.write_text("x" * 10, encoding="utf-8")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a search ran in this process")

    monkeypatch.setattr(worker, "run", refuse)
    monkeypatch.setattr(worker, "Threads", refuse)
    with module.searches_ahead(2, path) as ahead:
        assert ahead is not None and ahead.workers == 2
        assert centralities(generated, names, workers=2, ahead=ahead) == one
    assert [p for p in ahead.children.procs if p is not None and p.poll() is None] == []


@pytest.mark.parametrize(
    ("workers", "size", "names"),
    [(1, 10, ["betweenness"]), (2, 9, ["betweenness"]), (2, 10, ["degree"])],
    ids=["one-worker", "small-file", "no-path-measure"],
)
def test_searches_ahead_is_stopped_when_unused(
    generated: nx.MultiDiGraph,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    workers: int,
    size: int,
    names: list[str],
) -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    monkeypatch.setattr(module, "AHEAD_MIN_BYTES", 10)
    path = tmp_path / "graph.json"
    path.write_text("x" * size, encoding="utf-8")
    one = centralities(generated, names)
    with module.searches_ahead(workers, path) as ahead:
        if workers == 1 or size < 10:
            assert ahead is None
        else:
            assert ahead is not None
            assert centralities(generated, names, workers=workers, ahead=ahead) == one
            # not needed for these measures: stopped by centralities, not left running
            assert all(p is None for p in ahead.children.procs)


def test_searches_ahead_child_failure_falls_back(
    generated: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    monkeypatch.setattr(module, "AHEAD_MIN_BYTES", 10)
    path = tmp_path / "graph.json"
    path.write_text("x" * 10, encoding="utf-8")
    names = ["betweenness", "harmonic"]
    one = centralities(generated, names)
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with module.searches_ahead(2, path) as ahead:
        assert ahead is not None and ahead.children.procs == [None]
        assert centralities(generated, names, workers=2, ahead=ahead) == one


def test_cli_reads_a_large_file_with_a_child_ahead(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # the command as a user runs it on a large file: the same table as in one process
    module = importlib.import_module("vectorgraph.measures.centrality")
    from vectorgraph import dump

    path = tmp_path / "graph.json"
    dump(generate(80, 300, seed=7), path)
    args = ["centrality", str(path), "-m", "all", "--format", "csv"]
    one = CliRunner().invoke(cli, [*args, "--workers", "1"])
    assert one.exit_code == 0, one.output
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    monkeypatch.setattr(module, "AHEAD_MIN_BYTES", 10)
    started: list[Any] = []
    real = module.searches_ahead

    def spy(*a: Any) -> Any:
        manager = real(*a)
        started.append(manager)
        return manager

    monkeypatch.setattr(module, "searches_ahead", spy)
    monkeypatch.setattr(importlib.import_module("vectorgraph.measures"), "searches_ahead", spy)
    two = CliRunner().invoke(cli, [*args, "--workers", "2"])
    assert two.exit_code == 0, two.output
    assert len(started) == 1
    assert two.output == one.output


@pytest.fixture
def ahead_graph(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> tuple[GraphDocument, Path]:
    """A generated document, split as a large one would be, and a file counted as large."""
    module = importlib.import_module("vectorgraph.measures.centrality")
    monkeypatch.setattr(module, "PARALLEL_MIN", 10)
    monkeypatch.setattr(module, "CHUNK", 7)
    monkeypatch.setattr(module, "AHEAD_MIN_BYTES", 10)
    path = tmp_path / "graph.json"
    path.write_text("x" * 10, encoding="utf-8")
    return generate(80, 300, seed=7), path


@pytest.mark.parametrize(
    "kw",
    [{}, {"directed": True}, {"include_structural": True}],
    ids=["hops", "directed", "structural"],
)
def test_searches_sent_from_the_document_are_used(
    ahead_graph: tuple[GraphDocument, Path], monkeypatch: pytest.MonkeyPatch, kw: dict[str, Any]
) -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")
    worker = importlib.import_module("vectorgraph.measures._worker")
    doc, path = ahead_graph
    G = doc.to_networkx()
    names = ["degree", "betweenness", "closeness", "harmonic"]
    one = centralities(G, names, **kw)
    jobs: list[Any] = []
    real = module._path_jobs

    def spy(run: Any, names: Any) -> Any:
        jobs.append(type(run).__name__)
        return real(run, names)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a search ran in this process")

    monkeypatch.setattr(module, "_path_jobs", spy)
    monkeypatch.setattr(worker, "run", refuse)
    monkeypatch.setattr(worker, "Threads", refuse)
    with module.searches_ahead(2, path) as ahead:
        ahead.send(doc, names, **kw)
        assert ahead.sent is not None
        assert centralities(G, names, workers=2, ahead=ahead, **kw) == one
    # planned once, from the document, never again from the graph
    assert jobs == ["_DocumentRun"]


@pytest.mark.parametrize(
    "change",
    ["another-graph", "other-options", "other-workers"],
)
def test_searches_sent_for_something_else_are_not_used(
    ahead_graph: tuple[GraphDocument, Path], change: str
) -> None:
    module = importlib.import_module("vectorgraph.measures.centrality")
    doc, path = ahead_graph
    names = ["betweenness", "harmonic"]
    G = doc.to_networkx()
    kw: dict[str, Any] = {}
    workers = 2
    if change == "another-graph":  # a relation fewer than the document sent
        G.remove_edge(*next(iter(G.edges(keys=True)))[:3])
    elif change == "other-options":
        kw = {"directed": True}
    else:
        workers = 3
    one = centralities(G, names, **kw)
    with module.searches_ahead(2, path) as ahead:
        ahead.send(doc, names)
        assert ahead.sent is not None
        assert centralities(G, names, workers=workers, ahead=ahead, **kw) == one
        assert all(p is None for p in ahead.children.procs)  # stopped, not waited for


@pytest.mark.slow
def test_a_real_command_on_a_large_file_gives_the_one_process_table(tmp_path: Path) -> None:
    # as a user meets it: a file over AHEAD_MIN_BYTES with PARALLEL_MIN actors, so the child
    # starts before the file is read and is sent the searches from the document
    import os
    import subprocess

    from vectorgraph import dump
    from vectorgraph.measures.centrality import AHEAD_MIN_BYTES, PARALLEL_MIN

    path = tmp_path / "graph.json"
    dump(generate(PARALLEL_MIN, 3 * PARALLEL_MIN, seed=3), path)
    assert path.stat().st_size >= AHEAD_MIN_BYTES
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    command = [sys.executable, "-m", "vectorgraph", "centrality", str(path), "-m", "all"]
    tables = [
        subprocess.run(
            [*command, "--format", "csv", "--workers", str(n)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        for n in (1, 2)
    ]
    assert tables[0].stderr == tables[1].stderr == ""
    assert tables[1].stdout == tables[0].stdout
    assert len(tables[0].stdout.splitlines()) == PARALLEL_MIN + 1


def test_the_program_ends_without_its_teardown_but_loses_nothing(tmp_path: Path) -> None:
    # what `centrality` on a large file calls last: buffered output flushed, atexit run, then
    # no interpreter teardown (a later line never runs); a caller of cli.main goes on
    import os
    import subprocess

    program = (
        "import atexit, sys\n"
        "from vectorgraph.cli import base\n"
        "atexit.register(lambda: sys.stderr.write('atexit ran'))\n"
        "base.exit_now()\n"  # not the program: goes on
        "sys.stdout.write('table, buffered')\n"
        "base._PROGRAM.append(True)\n"
        "base.exit_now()\n"
        "sys.stdout.write(' and never this')\n"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": src},
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "table, buffered", "atexit ran")


@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"directed": True},
        {"include_structural": True, "weight": None},
        {"distance": "inverse"},
        {"weight": "score"},  # not a document's: read through networkx
        {"engine": "networkx", "directed": True},
    ],
    ids=["hops", "directed", "structural-unweighted", "inverse", "score", "networkx"],
)
def test_a_document_gives_its_networkx_graphs_values(kw: dict[str, Any]) -> None:
    doc = generate(150, 700, seed=5)
    names = ["all"] if kw.get("engine") != "networkx" else ["degree", "betweenness", "pagerank"]
    one = centralities(doc.to_networkx(), names, **kw)
    two = centralities(doc, names, **kw)
    assert two == one  # the same floats
    assert list(two) == list(one) and all(list(two[m]) == list(one[m]) for m in one)


def test_a_document_naming_an_unlisted_actor_is_read_as_networkx_reads_it() -> None:
    doc = GraphDocument.from_dict(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [
                {"source": "A", "target": "B", "type": "trade"},
                {"source": "B", "target": "C", "type": "sanctions"},
            ],
        }
    )
    out = centralities(doc, ["degree", "signed"])
    assert out["degree"] == {"A": 1.0, "B": 2.0, "C": 1.0}
    assert out["negative"] == {"A": 0.0, "B": 1.0, "C": 1.0}


def test_a_child_of_the_searches_starts_without_scipy_linalg() -> None:
    """numba's array module would import scipy.linalg to look for a BLAS; the searches'
    child blocks it and gives the searches' values all the same."""
    import pickle
    import subprocess

    worker = importlib.import_module("vectorgraph.measures._worker")
    here = str(Path(worker.__file__).resolve().parent)
    indptr, indices = np.array([0, 1, 3, 4]), np.array([1, 0, 2, 1], dtype=np.int32)
    spec = worker.PathGraph(n=3, edges=[], directed=False, indptr=indptr, indices=indices)
    tasks = [("search", ("in", [0, 1])), ("search", ("in", [2]))]
    message = (worker._plain(spec), tasks, [2.0, 1.0], 2)
    # what the child holds for scipy.linalg when it ends (os._exit skips atexit)
    boot = (
        f"import sys, os; sys.path.append({here!r}); import _worker; end = os._exit; "
        "os._exit = lambda c: (sys.stderr.write(repr(sys.modules.get('scipy.linalg', 0))), "
        "sys.stderr.flush(), end(c)); _worker.main(True)"
    )
    done = subprocess.run(
        [sys.executable, "-c", boot], input=pickle.dumps(message), capture_output=True, check=True
    )
    assert done.stderr == b"None"  # blocked, never imported
    got = pickle.loads(done.stdout)
    expected = worker.run(spec, tasks)
    assert len(got) == 2
    for a, b in zip(got, expected):
        assert all(np.array_equal(x, y) for x, y in zip(a, b))
    assert got[0][0].tolist() == [0.0, 1.0, 0.0]  # 1 lies on the path from 0 to 2


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_fast_pagerank_is_networkxs_floats(directed: bool) -> None:
    """On the positive layer, dangling actors (negative ties only, none at all) and all:
    the fast engine's PageRank is exactly networkx's, without a networkx graph."""
    collapsing = importlib.import_module("vectorgraph.measures.collapsing")
    G = generate(120, 500, seed=9).to_networkx()
    G.add_node("LONE")
    P = collapsing.positive_layer(collapsing.collapse(G, directed=directed))
    assert P.degree("LONE") == 0  # dangling
    plain = nx.pagerank(P, weight="weight", tol=1e-6)
    assert centrality(G, "pagerank", directed=directed) == plain
