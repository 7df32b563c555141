"""The balance over time: periods, counts and the balance per period; ``vectors --by``."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vectorgraph import GraphDocument, VectorgraphError, load, loads, time_slice
from vectorgraph.cli import cli
from vectorgraph.errors import ArgumentError
from vectorgraph.measures import vector_balance
from vectorgraph.timeline import balance_timeline, choose_by, periods

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "dated-corpus.yaml"


@pytest.fixture(scope="module")
def corpus() -> GraphDocument:
    return load(CORPUS)


def entropy(ps: list[float], k: int = 5) -> float:
    return -sum(p * math.log(p) for p in ps if p) / math.log(k)


@pytest.mark.parametrize(
    ("by", "count", "first", "last"),
    [
        ("year", 5, ("2019", "2019", "2019"), ("2023", "2023", "2023")),
        ("quarter", 20, ("2019-Q1", "2019-01", "2019-03"), ("2023-Q4", "2023-10", "2023-12")),
        ("month", 60, ("2019-01", "2019-01", "2019-01"), ("2023-12", "2023-12", "2023-12")),
    ],
    ids=["year", "quarter", "month"],
)
def test_periods_span_the_dates(
    corpus: GraphDocument, by: str, count: int, first: tuple[str, ...], last: tuple[str, ...]
) -> None:
    cut = periods(corpus, by)
    assert len(cut) == count
    assert (cut[0].label, cut[0].start, cut[0].end) == first
    assert (cut[-1].label, cut[-1].start, cut[-1].end) == last


def test_open_periods_add_no_bound() -> None:
    doc = loads(
        json.dumps(
            {
                "actors": [
                    {"id": "A", "name": "A", "type": "state"},
                    {"id": "B", "name": "B", "type": "state"},
                ],
                "relations": [
                    {"source": "A", "target": "B", "type": "trade", "date": "2021-11/"},
                    {"source": "A", "target": "B", "type": "threat", "date": "/2022-02"},
                ],
            }
        )
    )
    assert [p.label for p in periods(doc, "quarter")] == ["2021-Q4", "2022-Q1"]
    assert [p.at for p in periods(doc, "quarter")] == ["2021-10/2021-12", "2022-01/2022-03"]
    assert periods(doc.filter(type="consultation"), "year") == []


def test_a_window_narrows_the_periods(corpus: GraphDocument) -> None:
    cut = periods(corpus, "quarter", start="2021-05", end="2022")
    assert [p.label for p in cut] == [
        "2021-Q2",
        "2021-Q3",
        "2021-Q4",
        "2022-Q1",
        "2022-Q2",
        "2022-Q3",
        "2022-Q4",
    ]
    assert periods(corpus, "year", start="2030") == []
    with pytest.raises(VectorgraphError, match="^no year of the relations' dates lies between"):
        balance_timeline(corpus, "year", start="2030", end=None)


def test_2019_by_hand(corpus: GraphDocument) -> None:
    t = balance_timeline(corpus, "year")
    p = t.periods[0]
    # two undated memberships, the 2019/2021 partnership and two 2019 trade ties
    assert (p.period.label, p.relations, p.ties, p.evidence) == ("2019", 5, 4, 4)
    by_pole = {x.pole: x for x in p.balance.poles}
    assert by_pole["RUS"].positive == pytest.approx(0.8 + 0.64)
    assert by_pole["CHN"].positive == pytest.approx(0.64)
    ps = [1.44 / 2.08, 0.64 / 2.08, 0, 0, 0]
    assert [x.p for x in p.balance.poles] == pytest.approx(ps)
    assert p.balance.entropy == pytest.approx(entropy(ps))
    assert p.balance.dominant == "RUS"


def test_2022_counts_two_sentences_of_one_relation(corpus: GraphDocument) -> None:
    p = balance_timeline(corpus, "year").periods[3]
    assert (p.period.label, p.relations, p.ties, p.evidence) == ("2022", 8, 6, 7)
    assert p.balance.dominant == "WEST"
    assert {x.pole: x.negative for x in p.balance.poles}["RUS"] == pytest.approx(0.4)


@pytest.mark.parametrize("by", ["year", "quarter", "month"], ids=["year", "quarter", "month"])
def test_each_period_is_the_slice_at_that_period(corpus: GraphDocument, by: str) -> None:
    for p in balance_timeline(corpus, by).periods:
        part = time_slice(corpus, at=p.period.at)
        assert p.relations == len(part.relations)
        assert [corpus.relations[i] for i in p.indices] == list(part.relations)
        assert p.balance == vector_balance(part.to_networkx(), "KAZ")


@pytest.mark.parametrize(
    "options",
    [{"two_step": True}, {"include_structural": True}, {"weight": None}],
    ids=["two-step", "structural", "unweighted"],
)
def test_options_reach_every_period(article: GraphDocument, options: dict[str, object]) -> None:
    t = balance_timeline(article, "quarter", **options)  # type: ignore[arg-type]
    for p in t.periods:
        part = time_slice(article, at=p.period.at)
        assert p.balance == vector_balance(part.to_networkx(), "KAZ", **options)  # type: ignore[arg-type]
    assert t.periods[0].balance != balance_timeline(article, "quarter").periods[0].balance


def test_a_month_boundary(corpus: GraphDocument) -> None:
    # the alliance dated 2020-03 is in force in the first quarter of 2020, not the second
    rows = {p.period.label: p for p in balance_timeline(corpus, "quarter").periods}
    alliance = next(i for i, r in enumerate(corpus.relations) if r.type == "alliance")
    assert alliance in rows["2020-Q1"].indices
    assert alliance not in rows["2020-Q2"].indices


def test_undated_drop(corpus: GraphDocument) -> None:
    kept = balance_timeline(corpus, "year").periods[0]
    dropped = balance_timeline(corpus, "year", undated="drop").periods[0]
    assert (kept.relations, dropped.relations) == (5, 3)


def test_bundled_graph(article: GraphDocument) -> None:
    t = balance_timeline(article, "month", undated="drop")
    assert [p.period.label for p in t.periods][:2] == ["2022-01", "2022-02"]
    assert len(t.periods) == 14
    # the CSTO's help is dated 2022-01, so January has one relation more than February
    assert t.periods[0].relations == t.periods[1].relations + 1


def test_generated_corpus() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    doc = generate(200, 800, seed=3)
    t = balance_timeline(doc, "year", "A00000", ("A00001", "A00002", "A00003"))
    assert [p.period.label for p in t.periods] == [str(y) for y in range(2015, 2025)]
    assert sum(p.relations for p in t.periods) == len(doc.relations)


def test_choose_by(corpus: GraphDocument, article: GraphDocument) -> None:
    assert choose_by(corpus) == "quarter"  # 60 months is too many, 20 quarters fit
    assert choose_by(corpus, max_periods=5) == "year"
    assert choose_by(article) == "month"
    assert choose_by(article.filter(type="trade")) is None


def test_errors(corpus: GraphDocument) -> None:
    with pytest.raises(ArgumentError, match="by must be one of year, quarter, month, not 'week'"):
        balance_timeline(corpus, "week")
    with pytest.raises(VectorgraphError, match="^no relation has a date: nothing to cut by year$"):
        balance_timeline(corpus.filter(type="member_of"), "year")


def test_rows_and_dict(corpus: GraphDocument) -> None:
    t = balance_timeline(corpus, "year")
    assert t.columns[:6] == ["period", "start", "end", "relations", "ties", "evidence"]
    assert t.columns[-5:] == ["p_RUS", "p_CHN", "p_WEST", "p_TUR", "p_CENTRAL_ASIA"]
    row = t.rows()[3]
    assert (row["period"], row["dominant"]) == ("2022", "WEST")
    assert row["p_WEST"] == pytest.approx(t.periods[3].balance.poles[2].p)
    d = t.to_dict()
    assert (d["focal"], d["by"], d["periods"][3]["at"], d["periods"][3]["dominant"]) == (
        "KAZ",
        "year",
        "2022",
        "WEST",
    )


# --- vectors --by -------------------------------------------------------------------


def test_cli_by_year_csv() -> None:
    result = CliRunner().invoke(cli, ["vectors", str(CORPUS), "--by", "year", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "period,start,end,relations,ties,evidence,entropy,concentration,dominant,positive,"
        "p_RUS,p_CHN,p_WEST,p_TUR,p_CENTRAL_ASIA"
    )
    assert [line.split(",")[0] for line in lines[1:]] == ["2019", "2020", "2021", "2022", "2023"]
    cells = lines[1].split(",")
    assert cells[3:6] == ["5", "4", "4"]
    assert float(cells[10]) == pytest.approx(1.44 / 2.08)
    assert result.stderr == "KAZ by year: 5 periods, 2019 to 2023\n"


def test_cli_by_json_matches_the_library(corpus: GraphDocument) -> None:
    result = CliRunner().invoke(
        cli, ["vectors", str(CORPUS), "--by", "quarter", "--format", "json", "--top", "3"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = balance_timeline(corpus, "quarter").to_dict()
    assert data["periods"] == expected["periods"][:3]
    assert data["periods"][0]["poles"][0]["pole"] == "RUS"


def test_cli_by_table_with_a_slice() -> None:
    result = CliRunner().invoke(
        cli, ["vectors", str(CORPUS), "--by", "year", "--undated", "drop", "--format", "table"]
    )
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[1].split()
    assert first[:6] == ["2019", "2019", "2019", "3", "3", "3"]


def test_cli_by_within_a_slice() -> None:
    args = ["vectors", "--by", "month", "--since", "2022-06", "--format", "csv"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    months = [line.split(",")[0] for line in result.stdout.splitlines()[1:]]
    assert months[0] == "2022-06" and months[-1] == "2023-02" and len(months) == 9
    at = CliRunner().invoke(cli, ["vectors", "--by", "year", "--at", "2023", "--format", "csv"])
    assert [line.split(",")[0] for line in at.stdout.splitlines()[1:]] == ["2023"]


def test_cli_by_without_dates(tmp_path: Path) -> None:
    path = tmp_path / "undated.yaml"
    path.write_text(
        "actors: [{id: A, name: A, type: state}, {id: B, name: B, type: state}]\n"
        "relations: [{source: A, target: B, type: trade}]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["vectors", str(path), "--by", "year", "--focal", "A", "--poles", "B"]
    )
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: no relation has a date: nothing to cut by year\n"


def test_cli_by_is_not_for_all_states() -> None:
    result = CliRunner().invoke(cli, ["vectors", "--by", "year", "--all-states"])
    assert result.exit_code == 2
    assert "--by cannot be combined with --all-states" in result.stderr


def test_cli_by_unknown_unit() -> None:
    result = CliRunner().invoke(cli, ["vectors", "--by", "week"])
    assert result.exit_code == 2
    assert "'week' is not one of 'year', 'quarter', 'month'" in result.stderr


def test_cli_by_real_process(cli_process) -> None:  # type: ignore[no-untyped-def]
    done = cli_process("vectors", str(CORPUS), "--by", "year")  # not a terminal: CSV
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[4].startswith("2022,2022,2022,8,6,7,")
    assert done.stderr == "KAZ by year: 5 periods, 2019 to 2023\n"
