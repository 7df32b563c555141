"""The multi-vector balance: ties per pole, shares, entropy, the command."""

from __future__ import annotations

import json
import math
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from vectorgraph import GraphDocument, NotFoundError, VectorgraphError
from vectorgraph.cli import cli
from vectorgraph.measures import DEFAULT_POLES, pole_members, vector_balance, vector_balances

# Kazakhstan's positive tie strength per pole in the bundled graph, by hand:
# Russia: diplomatic .35 + partnership .8 + alliance .74 + consultation .1 + trade .64
#         + investment .64 + re-export .64; negative: distancing .4 + hostility .4
# the West: the West itself .35 + .5, its members the US .35 and the EU .35
KAZ_POSITIVE = {"RUS": 3.91, "CHN": 0.35, "WEST": 1.55, "TUR": 0.35, "CENTRAL_ASIA": 0.35}
# plus CSTO .83 and five companies' investments .64 each
KAZ_TOTAL = 6.51 + 0.83 + 5 * 0.64


def entropy(ps: list[float]) -> float:
    return -sum(p * math.log(p) for p in ps if p) / math.log(len(ps))


@pytest.fixture(scope="module")
def G(article: GraphDocument) -> nx.MultiDiGraph:
    return article.to_networkx()


def test_kazakhstan_by_hand(G: nx.MultiDiGraph) -> None:
    b = vector_balance(G, "KAZ")
    assert [t.pole for t in b.poles] == list(DEFAULT_POLES)
    assert {t.pole: t.positive for t in b.poles} == pytest.approx(KAZ_POSITIVE)
    assert {t.pole: t.negative for t in b.poles} == pytest.approx(
        {"RUS": 0.8, "CHN": 0, "WEST": 0, "TUR": 0, "CENTRAL_ASIA": 0}
    )
    assert b.poles[0].net == pytest.approx(3.11)
    assert b.total_positive == pytest.approx(KAZ_TOTAL)
    ps = [KAZ_POSITIVE[p] / 6.51 for p in DEFAULT_POLES]
    assert [t.p for t in b.poles] == pytest.approx(ps)
    assert [t.share for t in b.poles] == pytest.approx(
        [KAZ_POSITIVE[p] / KAZ_TOTAL for p in DEFAULT_POLES]
    )
    assert b.entropy == pytest.approx(entropy(ps))
    assert b.entropy == pytest.approx(0.6955, abs=1e-4)
    assert b.concentration == pytest.approx(sum(p * p for p in ps))
    assert (b.dominant, b.excluded) == ("RUS", ())


def test_two_step_through_blocs_and_companies(G: nx.MultiDiGraph) -> None:
    b = vector_balance(G, "KAZ", two_step=True)
    by_pole = {t.pole: t for t in b.poles}
    # EAEU and EEC: Kazakhstan and Russia both members, 1.0 * 1.0 each
    assert by_pole["RUS"].positive == pytest.approx(3.91 + 2.0)
    # Honeywell and Emerson invest in Kazakhstan (.64) and distance from Russia (.4)
    assert by_pole["RUS"].negative == pytest.approx(0.8 + 2 * 0.64 * 0.4)
    # Great Wall Motors invests in Kazakhstan (.64) and is based in China (1.0)
    assert by_pole["CHN"].positive == pytest.approx(0.35 + 0.64)
    assert by_pole["WEST"].positive == pytest.approx(1.55)
    assert b.total_positive == pytest.approx(KAZ_TOTAL + 2.0 + 0.64)


def test_own_pole_is_left_out(G: nx.MultiDiGraph) -> None:
    kgz = vector_balance(G, "KGZ")
    assert kgz.excluded == ("CENTRAL_ASIA",)
    assert [t.pole for t in kgz.poles] == ["RUS", "CHN", "WEST", "TUR"]
    usa = vector_balance(G, "USA")  # a member of the West
    assert usa.excluded == ("WEST",)
    assert vector_balance(G, "RUS").excluded == ("RUS",)


def test_no_positive_ties_means_no_index(G: nx.MultiDiGraph) -> None:
    ukr = vector_balance(G, "UKR")
    assert (ukr.entropy, ukr.concentration, ukr.dominant) == (None, None, None)
    assert [t.p for t in ukr.poles] == [None] * 5
    assert {t.pole: t.negative for t in ukr.poles}["RUS"] == pytest.approx(1.0)
    assert ukr.to_dict()["entropy"] is None


def test_one_pole_left_means_no_index(G: nx.MultiDiGraph) -> None:
    b = vector_balance(G, "KGZ", ["RUS", "CENTRAL_ASIA"])
    assert [t.pole for t in b.poles] == ["RUS"]
    assert b.entropy is None


def small(*ties: tuple[str, str, int, float]) -> nx.MultiDiGraph:
    S = nx.MultiDiGraph()
    S.add_node("P1", type="region", members=["X", "Y"])
    S.add_node("P2", type="region", members=["X"])
    S.add_node("P3", type="state", members=[])
    for u, v, sign, w in ties:
        S.add_edge(u, v, sign=sign, weight=w)
    return S


def test_even_spread_and_shared_member() -> None:
    # X is in P1 and P2: its tie splits 0.5 / 0.5
    S = small(("F", "X", 1, 1.0), ("F", "P3", 1, 1.0), ("F", "Y", 1, 0.5))
    b = vector_balance(S, "F", ["P1", "P2", "P3"])
    assert [t.positive for t in b.poles] == [1.0, 0.5, 1.0]
    b = vector_balance(S, "F", ["P2", "P3"])
    assert [t.p for t in b.poles] == [0.5, 0.5]
    assert (b.entropy, b.concentration, b.dominant) == (1.0, 0.5, "P2")  # tie broken by id


def test_one_pole_only_gives_zero_entropy() -> None:
    b = vector_balance(small(("F", "P3", 1, 1.0)), "F", ["P1", "P3"])
    assert (b.entropy, b.concentration, b.dominant) == (0.0, 1.0, "P3")


def test_direction_does_not_matter() -> None:
    a = vector_balance(small(("F", "P3", 1, 1.0), ("Y", "F", -1, 0.5)), "F", ["P1", "P3"])
    b = vector_balance(small(("P3", "F", 1, 1.0), ("F", "Y", -1, 0.5)), "F", ["P1", "P3"])
    assert a == b
    assert a.poles[0].negative == 0.5


def test_pole_members_are_transitive() -> None:
    S = nx.Graph()
    S.add_nodes_from([("WEST", {"members": ["EU"]}), ("EU", {"members": ["DEU", "WEST"]})])
    assert pole_members(S, "WEST") == {"WEST", "EU", "DEU"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("MARS",), "unknown focal actor 'MARS'"),
        (("KAZ", ["RUS", "MARS"]), "unknown pole actor 'MARS'"),
        (("KAZ", []), "no poles given"),
        (("KAZ", ["RUS", "RUS"]), "a pole is given twice: RUS, RUS"),
    ],
    ids=["focal", "pole", "no-poles", "twice"],
)
def test_errors(G: nx.MultiDiGraph, args: tuple, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(VectorgraphError, match=message):
        vector_balance(G, *args)


def test_unknown_focal_is_not_found(G: nx.MultiDiGraph) -> None:
    with pytest.raises(NotFoundError):
        vector_balance(G, "MARS")


def test_all_states_sorted_by_entropy(G: nx.MultiDiGraph) -> None:
    rows = vector_balances(G)
    assert [b.focal for b in rows] == [
        "KAZ",
        "CHN",
        "DEU",
        "KGZ",
        "NLD",
        "RUS",
        "TJK",
        "TKM",
        "TUR",
        "UKR",
        "USA",
        "UZB",
    ]
    assert all(b.entropy is None for b in rows[1:])


# --- the command ---


def test_cli_kazakhstan_csv() -> None:
    result = CliRunner().invoke(cli, ["vectors", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ("KAZ: entropy 0.6955, concentration 0.4261, dominant RUS (K=5)\n")
    lines = result.stdout.splitlines()
    assert lines[0] == "pole,positive,negative,net,share,p"
    assert [line.split(",")[0] for line in lines[1:]] == [
        "RUS",
        "WEST",
        "CENTRAL_ASIA",
        "CHN",
        "TUR",
    ]


def test_cli_json_for_scripts() -> None:
    result = CliRunner().invoke(
        cli, ["vectors", "--focal", "KAZ", "--poles", "RUS,CHN,WEST", "--format", "json"]
    )
    data = json.loads(result.stdout)
    assert [p["pole"] for p in data["poles"]] == ["RUS", "CHN", "WEST"]
    assert data["entropy"] == pytest.approx(entropy([3.91 / 5.81, 0.35 / 5.81, 1.55 / 5.81]))


def test_cli_all_states() -> None:
    result = CliRunner().invoke(cli, ["vectors", "--all-states", "--top", "2", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "focal,name,entropy,concentration,dominant,positive,p_RUS,p_CHN,p_WEST,p_TUR,p_CENTRAL_ASIA"
    )
    assert lines[1].startswith("KAZ,Kazakhstan,0.695")
    assert lines[2] == "CHN,China,,,,0.35,,,,,"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--poles", "RUS,MARS"], 1, "kazakhstan-multivector.yaml: unknown pole actor 'MARS'\n"),
        (["--focal", "MARS"], 1, "kazakhstan-multivector.yaml: unknown focal actor 'MARS'\n"),
        (["--poles", " , "], 2, "give at least one pole"),
    ],
    ids=["pole", "focal", "empty"],
)
def test_cli_errors(args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(cli, ["vectors", *args])
    assert result.exit_code == code
    assert message in result.output


def test_real_process(run_cli: Any) -> None:
    proc = run_cli("vectors", "--two-step", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["poles"][0]["positive"] == pytest.approx(5.91)


def test_cli_takes_names_and_aliases() -> None:
    from click.testing import CliRunner

    from vectorgraph.cli import cli

    by_alias = CliRunner().invoke(
        cli,
        ["vectors", "--focal", "Astana", "--poles", "Moscow,Beijing,the West", "--format", "json"],
    )
    by_id = CliRunner().invoke(
        cli, ["vectors", "--focal", "KAZ", "--poles", "RUS,CHN,WEST", "--format", "json"]
    )
    assert by_alias.exit_code == by_id.exit_code == 0, by_alias.output
    assert by_alias.stdout == by_id.stdout
    missing = CliRunner().invoke(cli, ["vectors", "--focal", "Atlantis"])
    assert missing.exit_code == 1
    assert missing.stderr.endswith("kazakhstan-multivector.yaml: unknown focal actor 'Atlantis'\n")
