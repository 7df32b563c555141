"""The blind development set: every gold document validates, is credited, and its
dev articles carry a blind score recorded from their first run."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from vectorgraph import load
from vectorgraph.text import sentence_spans

DEVSET = Path(__file__).resolve().parents[1] / "devset"
GOLD = sorted(DEVSET.glob("*/*.yaml"))
DEV = sorted(p for p in GOLD if p.parent.name == "dev")


def _record() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(DEVSET.glob("record-*.tsv")):
        with path.open(encoding="utf-8", newline="") as f:
            rows += csv.DictReader(f, delimiter="\t")
    return rows


@pytest.mark.parametrize("path", GOLD, ids=[f"{p.parent.name}/{p.stem}" for p in GOLD])
def test_gold_validates_and_is_credited(path):
    doc = load(path)
    (source,) = doc.sources
    assert source.url and source.url.startswith("http"), "a published article has its URL"
    assert source.author, "the article is credited"
    text = (path.parent / source.path).read_text(encoding="utf-8")
    assert 250 <= len(text.split()) <= 400
    spans = sentence_spans(text)
    for rel in doc.relations:
        assert rel.evidence, f"{rel.source}-{rel.type}-{rel.target} has no evidence"
        for ev in rel.evidence:
            start, end = spans[ev.sentence]
            assert ev.quote in text[start:end]


def test_every_text_has_its_gold():
    texts = sorted(DEVSET.glob("*/*.txt"))
    assert [p for p in texts if not p.with_suffix(".yaml").is_file()] == []


def test_a_third_is_kept_aside():
    assert len(GOLD) >= 20
    test = [p for p in GOLD if p.parent.name == "test"]
    assert len(test) * 3 >= len(GOLD) - 1


@pytest.mark.parametrize("path", DEV, ids=[p.stem for p in DEV])
def test_every_dev_article_has_its_first_blind_score(path):
    rows = [r for r in _record() if r["article"] == path.stem and r["engine"] == "cues"]
    assert rows, f"{path.stem} has no blind score in devset/record-*.tsv"
    run = DEVSET / "runs" / f"cues-{rows[0]['commit']}" / f"{path.stem}.yaml"
    assert run.is_file(), f"the first run's predictions are kept: {run}"


RUNS = sorted(DEVSET.glob("runs/*/*.yaml"))


@pytest.mark.parametrize("path", RUNS, ids=[f"{p.parent.name}/{p.stem}" for p in RUNS])
def test_every_kept_run_finds_its_text(path):
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    (source,) = doc["sources"]
    assert (path.parent / source["path"]).is_file(), "a score can be recomputed from the run"
