"""Scoring a candidate graph against a gold one: the library function and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import run_cli
from vectorgraph import GraphDocument
from vectorgraph.cli import cli
from vectorgraph.extract.evaluate import evaluate, score_sets

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "graphs" / "kazakhstan-multivector.yaml"


@pytest.fixture
def pair() -> tuple[GraphDocument, GraphDocument]:
    gold = GraphDocument.from_dict(
        {
            "actors": [{"id": i} for i in ("A", "B", "C", "D", "R")],
            "relations": [
                {"source": "A", "target": "B", "type": "trade"},
                {"source": "A", "target": "B", "type": "sanctions"},
                {"source": "C", "target": "A", "type": "member_of"},
            ],
        }
    )
    pred = GraphDocument.from_dict(
        {
            "actors": [{"id": i} for i in ("A", "B", "C", "X")],
            "relations": [
                {"source": "B", "target": "A", "type": "investment"},
                {"source": "A", "target": "X", "type": "criticism"},
            ],
        }
    )
    return pred, gold


def test_scores_hand_computed(pair):
    pred, gold = pair
    s = evaluate(pred, gold)
    # actors: 3 of 4 predicted are gold, 3 of 5 gold found
    assert (s["actors"]["precision"], s["actors"]["recall"], s["actors"]["f1"]) == (
        0.75,
        0.6,
        0.667,
    )
    # gold actors in a relation: A, B, C (D and R are in none): all found
    assert (s["actors_active"]["recall"], s["actors_active"]["gold"]) == (1.0, 3)
    assert s["actors_active"]["precision"] == 0.75
    # pair+sign: gold {AB+1, AB-1, AC0}; predicted {AB+1, AX-1}
    assert (s["relations_sign"]["precision"], s["relations_sign"]["recall"]) == (0.5, 0.333)
    assert s["relations_sign"]["f1"] == 0.4
    assert s["relations_sign"]["misses"] == ["A B -1", "A C 0"]
    assert s["relations_sign"]["false_alarms"] == ["A X -1"]
    # pair+type: nothing matches (investment is not trade)
    assert s["relations_type"]["f1"] == 0.0
    assert s["relations_type"]["false_alarms"] == ["A B investment", "A X criticism"]


def test_direction_is_ignored():
    gold = GraphDocument.from_dict(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [{"source": "A", "target": "B", "type": "trade"}],
        }
    )
    pred = GraphDocument.from_dict(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [{"source": "B", "target": "A", "type": "trade"}],
        }
    )
    assert evaluate(pred, gold)["relations_type"]["f1"] == 1.0


def test_empty_sets_score_zero():
    assert score_sets(set(), set())["f1"] == 0.0
    assert score_sets({1}, set())["precision"] == 0.0


def test_gold_against_itself_is_perfect(article):
    scores = evaluate(article, article)
    assert {m: s["f1"] for m, s in scores.items()} == {
        "actors": 1.0,
        "actors_active": 1.0,
        "relations_sign": 1.0,
        "relations_type": 1.0,
    }


def test_command_table(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["evaluate", str(GOLD), str(GOLD)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "measure",
        "precision",
        "recall",
        "f1",
        "predicted",
        "gold",
        "correct",
    ]
    assert lines[1].split() == ["actors", "1", "1", "1", "28", "28", "28"]
    assert lines[3].split() == ["relations_sign", "1", "1", "1", "34", "34", "34"]
    assert len(lines) == 5  # no misses, no false alarms


def test_command_json_lists_misses(tmp_path):
    gold = GraphDocument.from_dict(
        {
            "title": "g",
            "actors": [{"id": "KAZ"}, {"id": "RUS"}],
            "relations": [{"source": "KAZ", "target": "RUS", "type": "trade"}],
        }
    )
    pred = tmp_path / "pred.yaml"
    pred.write_text("title: p\nactors: [{id: KAZ}]\n", encoding="utf-8")
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(gold.to_dict()), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(pred), str(gold_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["actors"]["misses"] == ["RUS"]
    assert data["relations_sign"]["misses"] == ["KAZ RUS +1"]
    assert data["relations_sign"]["f1"] == 0.0


def test_command_reports_a_bad_file(tmp_path):
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path / "nope.yaml"), str(GOLD)])
    assert result.exit_code == 1
    assert "nope.yaml: cannot read" in result.output


def test_real_process_scores_the_article_extraction(tmp_path):
    out = tmp_path / "cand.yaml"
    source = ROOT / "graphs" / "sources" / "kazakhstan-multivector-2023.txt"
    done = run_cli("extract", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    done = run_cli("evaluate", str(out), str(GOLD), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = {line.split(",")[0]: line.split(",") for line in done.stdout.splitlines()}
    assert rows["relations_sign"][3] == "0.97"
    assert rows["actors_active"][3] == "1.0"
