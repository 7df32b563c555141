"""Measure results in a notebook: escaped HTML tables and pandas DataFrames."""

from __future__ import annotations

import sys

import pytest

from vectorgraph import GraphDocument
from vectorgraph.measures import structural_balance, vector_balance
from vectorgraph.measures.display import PANDAS_HINT, data_frame, html_table
from vectorgraph.timeline import balance_timeline


def test_cells_are_escaped_text() -> None:
    out = html_table([{"name": "<img src=x onerror=alert(1)>", "v": None}], ["name", "v"])
    assert "<img" not in out
    assert "<td>&lt;img src=x onerror=alert(1)&gt;</td><td></td>" in out


def test_vector_balance_shows_its_poles(article: GraphDocument) -> None:
    b = vector_balance(article.to_networkx(), "KAZ")
    out = b._repr_html_()
    assert out.startswith(
        '<table class="vectorgraph-table">\n<caption>KAZ: entropy 0.695, dominant RUS'
    )
    assert out.count("<tr>") == 1 + 5
    assert '<tr><td>RUS</td><td style="text-align:right">3.91</td>' in out


def test_balance_shows_its_unbalanced_triads(article: GraphDocument) -> None:
    out = structural_balance(article.to_networkx())._repr_html_()
    assert "3 signed triangles, balanced ratio 0.000" in out
    assert "<td>EMERSON</td><td>KAZ</td><td>RUS</td><td>++-</td>" in out


def test_to_pandas(article: GraphDocument) -> None:
    pd = pytest.importorskip("pandas")
    G = article.to_networkx()
    frame = vector_balance(G, "KAZ").to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["pole", "positive", "negative", "net", "share", "p"]
    assert frame.set_index("pole").loc["RUS", "positive"] == pytest.approx(3.91)
    triads = structural_balance(G).to_pandas()
    assert list(triads["a"]) == ["EMERSON", "HONEYWELL", "KAZ"]
    t = balance_timeline(article, "year").to_pandas()
    assert list(t["period"]) == ["2022", "2023"]
    assert list(t["relations"]) == [41, 38]


def test_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="^pandas is not installed: pip install"):
        data_frame([], ["a"])
    assert "vectorgraph[notebook]" in PANDAS_HINT
