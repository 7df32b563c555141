"""Scoring a candidate graph against a gold one: the library function and the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vectorgraph import GraphDocument
from vectorgraph.cli import cli
from vectorgraph.extract.evaluate import actor_map, evaluate, evaluate_many, score_sets
from vectorgraph.io import load

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
        "relations_pair": 1.0,
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
    assert lines[4].split() == ["relations_pair", "1", "1", "1", "30", "30", "30"]
    assert len(lines) == 6  # no misses, no false alarms


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


def test_real_process_scores_the_article_extraction(tmp_path, run_cli):
    out = tmp_path / "cand.yaml"
    source = ROOT / "graphs" / "sources" / "kazakhstan-multivector-2023.txt"
    done = run_cli("extract", str(source), "-o", str(out), "--engine", "cues")
    assert done.returncode == 0, done.stderr
    done = run_cli("evaluate", str(out), str(GOLD), "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = {line.split(",")[0]: line.split(",") for line in done.stdout.splitlines()}
    assert rows["relations_sign"][3] == "0.97"
    assert rows["actors_active"][3] == "1.0"


def test_the_parse_engine_meets_the_article_target(tmp_path, run_cli):
    out = tmp_path / "cand.yaml"
    source = ROOT / "graphs" / "sources" / "kazakhstan-multivector-2023.txt"
    done = run_cli("extract", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    scores = evaluate(load(out), load(GOLD))["relations_sign"]
    assert scores["f1"] >= 0.8, scores


def _doc(actors, relations=()):
    return GraphDocument.from_dict({"actors": actors, "relations": list(relations)})


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        ({"id": "RUS"}, "RUS"),
        ({"id": "RUSSIA", "name": "The Kremlin"}, "RUS"),
        ({"id": "MOSCOW", "name": "x", "aliases": ["MOSCOW\u2019S"]}, "RUS"),
        ({"id": "SEAT", "name": "Russian\u2013led"}, "RUS"),
        ({"id": "NOBODY", "name": "Nobody"}, "NOBODY"),
    ],
    ids=["id", "name-case", "alias-quote", "dash", "unmatched"],
)
def test_actors_match_by_id_name_or_alias(predicted, expected):
    gold = _doc([{"id": "RUS", "aliases": ["the Kremlin", "Moscow's", "Russian-led"]}])
    assert actor_map(_doc([predicted]), gold) == {predicted["id"]: expected}


def test_relations_of_actors_matched_by_alias_score():
    gold = _doc(
        [{"id": "RUS", "aliases": ["Moscow"]}, {"id": "KAZ"}],
        [{"source": "RUS", "target": "KAZ", "type": "trade"}],
    )
    pred = _doc(
        [{"id": "MOSCOW", "name": "Moscow"}, {"id": "KAZ"}],
        [{"source": "KAZ", "target": "MOSCOW", "type": "investment"}],
    )
    scores = evaluate(pred, gold)
    assert (scores["relations_sign"]["f1"], scores["actors"]["f1"]) == (1.0, 1.0)
    assert scores["relations_type"]["false_alarms"] == ["KAZ RUS investment"]


def test_pairs_alone_ignore_the_sign():
    gold = _doc([{"id": "A"}, {"id": "B"}], [{"source": "A", "target": "B", "type": "trade"}])
    pred = _doc([{"id": "A"}, {"id": "B"}], [{"source": "B", "target": "A", "type": "sanctions"}])
    scores = evaluate(pred, gold)
    assert (scores["relations_sign"]["f1"], scores["relations_pair"]["f1"]) == (0.0, 1.0)


def test_many_articles_are_micro_averaged():
    ab = _doc([{"id": "A"}, {"id": "B"}], [{"source": "A", "target": "B", "type": "trade"}])
    three = _doc(
        [{"id": "A"}, {"id": "B"}, {"id": "C"}],
        [
            {"source": "A", "target": "B", "type": "trade"},
            {"source": "A", "target": "C", "type": "trade"},
            {"source": "B", "target": "C", "type": "trade"},
        ],
    )
    # one: 1 of 1 right; two: 1 of 3 found, nothing wrong. Micro: P 2/2, R 2/4 (macro R would be .67)
    scores = evaluate_many([("one", ab, ab), ("two", ab, three)])["relations_sign"]
    assert (scores["precision"], scores["recall"], scores["f1"]) == (1.0, 0.5, 0.667)
    assert scores["misses"] == ["two: A C +1", "two: B C +1"]


def test_command_scores_two_folders(tmp_path):
    preds, golds = tmp_path / "pred", tmp_path / "gold"
    preds.mkdir()
    golds.mkdir()
    gold = {
        "title": "g",
        "actors": [{"id": "A"}, {"id": "B"}],
        "relations": [{"source": "A", "target": "B", "type": "trade"}],
    }
    for name in ("one", "two"):
        (golds / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
    (golds / "one.txt").write_text("not a graph", encoding="utf-8")
    (preds / "one.json").write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(preds), str(golds), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {line.split(",")[0]: line.split(",") for line in result.stdout.splitlines()}
    assert rows["relations_sign"][1:] == ["1.0", "0.5", "0.667", "1", "2", "1"]
    assert result.stderr == "two: no prediction, scored as empty\n"


def test_command_refuses_a_file_and_a_folder(tmp_path):
    result = CliRunner().invoke(cli, ["evaluate", str(GOLD), str(tmp_path)])
    assert result.exit_code == 2
    assert "PREDICTED and GOLD must both be files or both be folders" in result.output


def test_misses_are_listed_on_a_terminal(tmp_path):
    """A real process on a pseudo-terminal: the table and its misses, as a user sees them."""
    import os
    import pty
    import subprocess
    import sys

    pred = tmp_path / "pred.yaml"
    pred.write_text("title: p\nactors: [{id: KAZ}]\n", encoding="utf-8")
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "title: g\nactors: [{id: KAZ}, {id: RUS}]\n"
        "relations: [{source: KAZ, target: RUS, type: trade}]\n",
        encoding="utf-8",
    )
    main, child = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with subprocess.Popen(
        [sys.executable, "-m", "vectorgraph", "evaluate", str(pred), str(gold)],
        stdout=child,
        stderr=subprocess.PIPE,
        env=env,
    ) as proc:
        os.close(child)
        chunks = []
        while True:
            try:
                data = os.read(main, 4096)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=60)
        assert proc.stderr is not None
        proc.stderr.close()
    os.close(main)
    out = b"".join(chunks).decode().replace("\r\n", "\n")
    assert proc.returncode == 0
    assert "relations_sign misses: KAZ RUS +1" in out
    assert "actors misses: RUS" in out


@pytest.mark.slow
def test_devset_table_of_both_engines(tmp_path):
    """`bench_extract.py --devset` scores both engines per article and micro-averaged."""
    import subprocess
    import sys

    record = tmp_path / "record.tsv"
    folder = ROOT / "tests" / "data" / "extract" / "heldout"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_extract.py"),
            "--devset",
            str(folder),
            "--record",
            str(record),
            "--split",
            "heldout",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].split() == ["article", "parse", "cues"]
    assert [line.split()[0] for line in lines[2:6]] == [
        "caucasus-trade",
        "mongolia-third-neighbour",
        "turkmen-gas",
        "micro-average",
    ]
    rows = record.read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t")[:3] == ["article", "split", "engine"]
    assert [r.split("\t")[1:3] for r in rows[1:]] == [["heldout", "parse"]] * 3
