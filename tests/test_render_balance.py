"""The balance view's data (render/balance.py): poles, members, ties, periods, the extension."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from render_docs import small_dict
from vectorgraph import GraphDocument, load, loads, time_slice
from vectorgraph.cli import cli
from vectorgraph.errors import ArgumentError, NotFoundError
from vectorgraph.render import render
from vectorgraph.render.balance import (
    balance_extension,
    balance_extensions,
    balance_view,
    focal_and_poles,
)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "dated-corpus.yaml"


def test_ties_behind_each_pole(article: GraphDocument) -> None:
    view = balance_view(article)
    assert view is not None
    others = {
        p: sorted(article.relations[i].other("KAZ") for i in view.ties[p]) for p in view.poles
    }
    assert others["WEST"] == ["EU", "USA", "WEST", "WEST"]
    assert others["CENTRAL_ASIA"] == ["CENTRAL_ASIA"]
    assert len(others["RUS"]) == 9
    # structural ties (hedging, membership) are not behind a pole, as the balance leaves them out
    assert all(article.relations[i].sign != 0 for ties in view.ties.values() for i in ties)
    assert view.members["CENTRAL_ASIA"] == ("KGZ", "TJK", "TKM", "UZB")


def test_focal_and_poles(article: GraphDocument) -> None:
    assert focal_and_poles(article) == ("KAZ", ("RUS", "CHN", "WEST", "TUR", "CENTRAL_ASIA"))
    assert focal_and_poles(article, "Moscow", ["Astana", "Beijing"]) == ("RUS", ("KAZ", "CHN"))
    assert focal_and_poles(loads(json.dumps(small_dict()))) is None
    with pytest.raises(ArgumentError, match="needs two poles or more"):
        focal_and_poles(article, poles=["RUS"])
    with pytest.raises(NotFoundError, match="unknown actor 'Atlantis'"):
        focal_and_poles(article, "Atlantis")


def test_extension_config(article: GraphDocument) -> None:
    view = balance_view(article)
    assert view is not None and view.timeline is not None
    ext = balance_extension(view, article)
    cfg = ext.config
    ids = [a.id for a in article.actors]
    assert [ids[p["node"]] for p in cfg["poles"]] == list(view.poles)
    assert [p["color"] for p in cfg["poles"]][:2] == ["#4477AA", "#EE6677"]
    assert cfg["by"] == "month" and len(cfg["periods"]) == 14
    # the spans say, per relation, which periods hold it: the same as a time slice
    spans = cfg["spans"]
    for k, period in enumerate(cfg["periods"]):
        held = [i for i in range(len(article.relations)) if spans[2 * i] <= k <= spans[2 * i + 1]]
        assert [article.relations[i] for i in held] == list(
            time_slice(article, at=period["at"]).relations
        )
        assert period["relations"] == len(held)
    # one pole chart for every period and one for all, hidden but the first
    assert ext.panel.count('class="vg-bal-chart"') == 15
    assert ext.panel.count(" hidden>") == 14


def test_no_view_without_a_focal_actor() -> None:
    doc = loads(json.dumps(small_dict()))
    assert balance_view(doc) is None
    assert balance_extensions(doc) == []
    with pytest.raises(NotFoundError):
        balance_extensions(doc, "KAZ")


def test_undated_graph_has_no_time_control(article: GraphDocument) -> None:
    undated = article.filter(start="1900", end="1900")  # only the undated relations
    view = balance_view(undated)
    assert view is not None and view.timeline is None
    assert balance_extension(view, undated).config["periods"] == []


def test_render_command_carries_the_view(tmp_path: Path, article: GraphDocument) -> None:
    out = tmp_path / "kaz.html"
    assert CliRunner().invoke(cli, ["render", "-o", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert '<section class="vg-ext" data-vg-ext="balance">' in text
    assert text == render(article, extensions=balance_extensions(article)).html
    plain = tmp_path / "plain.html"
    assert CliRunner().invoke(cli, ["render", "--no-balance", "-o", str(plain)]).exit_code == 0
    assert plain.read_text(encoding="utf-8") == render(article).html


def test_render_command_options(tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    args = ["render", str(CORPUS), "--focal", "Astana", "--poles", "RUS,CHN", "--by", "year"]
    result = CliRunner().invoke(cli, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.count('class="vg-bal-chart"') == 1 + 5
    assert 'data-vg-ext="balance"' in text
    # --focus: the view is of the part the page draws
    result = CliRunner().invoke(cli, ["render", "--focus", "Russia", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Balance of Kazakhstan" in out.read_text(encoding="utf-8")


def test_render_and_report_keep_to_the_slice(tmp_path: Path) -> None:
    page, brief = tmp_path / "p.html", tmp_path / "r.html"
    args = ["--since", "2022-06", "-o"]
    assert CliRunner().invoke(cli, ["render", *args, str(page)]).exit_code == 0
    assert CliRunner().invoke(cli, ["report", *args, str(brief)]).exit_code == 0
    text = page.read_text(encoding="utf-8")
    assert text.count('class="vg-bal-chart"') == 1 + 9  # 2022-06 to 2023-02
    assert "2022-05" not in text.split('class="vg-bal-series"')[1]
    assert 'data-periods="9"' in brief.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--focal", "Atlantis"], 1, "Error: {bundled}: unknown actor 'Atlantis'\n"),
        (["--poles", "RUS"], 2, "the balance of KAZ needs two poles or more"),
    ],
    ids=["unknown-focal", "one-pole"],
)
def test_render_command_errors(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    out = tmp_path / "x.html"
    result = CliRunner().invoke(cli, ["render", *args, "-o", str(out)])
    assert result.exit_code == code
    bundled = load().path
    assert message.format(bundled=bundled) in result.stderr
    assert not out.exists()
