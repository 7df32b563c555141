"""The report: one self-contained page with the graph, the balance, the centre, triads, evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from render_docs import hostile_dict, small_dict
from vectorgraph import GraphDocument, load, loads
from vectorgraph.cli import cli
from vectorgraph.render.report import CSP, report

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "dated-corpus.yaml"


@pytest.fixture(scope="module")
def page(article: GraphDocument) -> str:
    return report(article)


def section(page: str, name: str) -> str:
    match = re.search(f'<section id="{name}">(.*?)</section>', page, re.DOTALL)
    assert match, f"no section {name}"
    return match.group(1)


def rows(html: str) -> list[list[str]]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        [re.sub("<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        for tr in re.findall(r"<tr>(.*?)</tr>", body)
    ]


def test_self_contained_and_scriptless(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert f'content="{CSP}"' in page
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    assert "<script" not in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert [m for m in re.findall(r'<section id="(\w+)">', page)] == [
        "graph",
        "balance",
        "timeline",
        "central",
        "triads",
        "evidence",
    ]


def test_balance_table_is_the_measure(page: str) -> None:
    table = rows(section(page, "balance"))
    assert [r[0] for r in table] == ["Russia", "China", "the West", "Turkey", "Central Asia"]
    russia, west, central = table[0], table[2], table[4]
    assert russia[2:5] == ["3.91", "0.8", "0.601"]
    assert west[1] == "European Union, United States"
    assert central[1] == "Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan"
    assert russia[5] == "9"  # Kazakhstan's signed relations with Russia
    assert "entropy 0.695 · concentration 0.426</text>" in section(page, "balance")
    assert "dominant pole: Russia</text>" in section(page, "balance")


def test_central_actors(page: str) -> None:
    table = rows(section(page, "central"))
    assert len(table) == 10
    assert [r[1] for r in table[:2]] == ["Kazakhstan", "Russia"]
    assert table[0][6] == "13"  # partners by signed ties, as `vectorgraph centrality -m degree`


def test_triads(page: str) -> None:
    text = section(page, "triads")
    assert "3 signed triangles, 0 balanced (ratio 0)." in text
    assert "Frustration index 1: 1 sign change would balance the graph." in text
    assert [r[0] for r in rows(text)] == [
        "Emerson – Kazakhstan – Russia",
        "Honeywell – Kazakhstan – Russia",
        "Kazakhstan – Russia – the West",
    ]


def test_evidence_table_holds_every_sentence(page: str, article: GraphDocument) -> None:
    table = rows(section(page, "evidence"))
    assert len(table) == sum(len(r.evidence) for r in article.relations)
    first = article.relations[0].evidence[0]
    assert any(first.quote in r[3] for r in table)
    assert "Sergey Saenko" in section(page, "evidence")


def test_timeline_of_a_dated_corpus() -> None:
    page = report(load(CORPUS), by="year")
    table = rows(section(page, "timeline"))
    assert [r[0] for r in table] == ["2019", "2020", "2021", "2022", "2023"]
    assert table[3] == ["2022", "8", "6", "7", "0.673", "the West"]
    assert 'data-periods="5"' in page
    assert 'data-periods="20"' in report(load(CORPUS))  # quarters by default


def test_without_a_focal_actor() -> None:
    page = report(loads(json.dumps(small_dict())))
    assert '<section id="balance">' not in page
    assert '<section id="timeline">' not in page
    assert '<section id="central">' in page


def test_hostile_text_stays_text() -> None:
    doc = loads(json.dumps(hostile_dict()))
    page = report(doc, focal="AAA", poles=["BBB", "CCC"])
    assert "<script" not in page.lower()
    assert "<img" not in page.lower() and "<svg onload" not in page.lower()
    assert "&lt;img src=x onerror=" in page


def test_deterministic(article: GraphDocument, page: str) -> None:
    assert report(article) == page


# --- the command ----------------------------------------------------------------------


def test_cli_writes_the_report(tmp_path: Path, article: GraphDocument) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text == report(article)
    assert result.stderr == f"wrote {out} (report, {len(text.encode('utf-8')):,} bytes)\n"


def test_cli_default_name_and_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["report", str(CORPUS), "--focal", "Astana", "--by", "year", "--top", "3"]
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "dated-corpus-report.html").read_text(encoding="utf-8")
    assert len(rows(section(text, "central"))) == 3
    assert len(rows(section(text, "timeline"))) == 5


def test_cli_unknown_focal_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(CORPUS), "--focal", "Atlantis", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {CORPUS}: unknown actor 'Atlantis'\n"
    assert not out.exists()


def test_cli_one_pole_is_misuse(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--poles", "RUS", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "the balance of KAZ needs two poles or more (give --poles), found 1" in result.stderr


def test_cli_slice(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        cli, ["report", str(CORPUS), "--at", "2022", "--undated", "drop", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "6 actors" not in out.read_text(encoding="utf-8")
    assert "11 actors, 6 relations (6 dated)" in out.read_text(encoding="utf-8")


def test_cli_process(tmp_path: Path, cli_process) -> None:  # type: ignore[no-untyped-def]
    done = cli_process("report", "-o", "kaz.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "kaz.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
