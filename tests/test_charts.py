"""SVG charts written from Python: what is drawn is what the measures computed."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from render_docs import hostile_dict
from vectorgraph import GraphDocument, load, loads
from vectorgraph.measures import vector_balance
from vectorgraph.render.charts import graph_chart, pole_chart, timeline_chart
from vectorgraph.timeline import balance_timeline

ROOT = Path(__file__).resolve().parents[1]
NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


@pytest.fixture(scope="module")
def corpus() -> GraphDocument:
    return load(ROOT / "tests" / "data" / "dated-corpus.yaml")


def test_pole_bars_are_the_balance(article: GraphDocument) -> None:
    b = vector_balance(article.to_networkx(), "KAZ")
    root = parse(pole_chart(b, {a.id: a.name for a in article.actors}))
    scale = float(root.get("data-scale"))
    bars = root.findall(".//s:rect[@class='vg-bar']", NS)
    assert len(bars) == 2 * len(b.poles)
    for t in b.poles:
        for kind, value in (("positive", t.positive), ("negative", t.negative)):
            (bar,) = [r for r in bars if (r.get("data-pole"), r.get("data-kind")) == (t.pole, kind)]
            assert float(bar.get("data-value")) == pytest.approx(value, rel=1e-5)
            assert float(bar.get("width")) == pytest.approx(value * scale, abs=0.01)
    # the widest bar is Russia's cooperative weight, 3.91
    widest = max(bars, key=lambda r: float(r.get("width")))
    assert (widest.get("data-pole"), widest.get("data-kind")) == ("RUS", "positive")
    index = root.find(".//s:text[@class='vg-index']", NS).text
    assert index == "entropy 0.695 · concentration 0.426"
    assert root.find(".//s:text[@class='vg-dominant']", NS).text == "dominant pole: Russia"
    ps = [e.text for e in root.findall(".//s:text[@class='vg-p']", NS)]
    assert ps == ["p 0.601", "p 0.0538", "p 0.238", "p 0.0538", "p 0.0538"]


def test_negative_bars_end_at_the_axis(article: GraphDocument) -> None:
    b = vector_balance(article.to_networkx(), "KAZ")
    root = parse(pole_chart(b))
    zero = float(root.get("data-zero"))
    for bar in root.findall(".//s:rect[@class='vg-bar'][@data-kind='negative']", NS):
        assert float(bar.get("x")) + float(bar.get("width")) == pytest.approx(zero, abs=0.01)


def test_pole_chart_without_an_index(article: GraphDocument) -> None:
    b = vector_balance(article.to_networkx(), "CHN")
    root = parse(pole_chart(b))
    assert root.find(".//s:text[@class='vg-index']", NS).text == "no index:"
    assert root.find(".//s:text[@class='vg-dominant']", NS).text == (
        "no cooperative tie to two poles or more"
    )


def test_charts_are_deterministic(article: GraphDocument, corpus: GraphDocument) -> None:
    b = vector_balance(article.to_networkx(), "KAZ")
    assert pole_chart(b) == pole_chart(vector_balance(article.to_networkx(), "KAZ"))
    t = balance_timeline(corpus, "quarter")
    assert timeline_chart(t) == timeline_chart(balance_timeline(corpus, "quarter"))
    assert graph_chart(article, seed=3) == graph_chart(article, seed=3)


def test_timeline_segments_are_the_shares(corpus: GraphDocument) -> None:
    t = balance_timeline(corpus, "year")
    root = parse(timeline_chart(t))
    assert root.get("data-periods") == "5"
    columns = root.findall(".//s:g[@class='vg-period']", NS)
    assert [c.get("data-period") for c in columns] == ["2019", "2020", "2021", "2022", "2023"]
    heights = []
    for column, pb in zip(columns, t.periods):
        drawn = {
            r.get("data-pole"): float(r.get("data-value"))
            for r in column.findall("s:rect[@class='vg-share']", NS)
        }
        assert drawn == pytest.approx({p.pole: p.p for p in pb.balance.poles if p.p}, rel=1e-5)
        heights.append(sum(float(r.get("height")) for r in column.findall("s:rect", NS)[1:]))
    assert heights == pytest.approx([heights[0]] * 5, abs=0.05)  # every column sums to 1
    points = root.find(".//s:polyline[@class='vg-entropy']", NS).get("points").split()
    assert len(points) == 5
    ys = [float(p.split(",")[1]) for p in points]
    # 2023 is the most even year, 2019 the least: the line is highest in 2023
    assert min(ys) == ys[4] and max(ys) == ys[0]


def test_timeline_of_many_periods_thins_its_labels(corpus: GraphDocument) -> None:
    root = parse(timeline_chart(balance_timeline(corpus, "month")))
    labels = [e.text for e in root.findall("s:text", NS) if e.get("transform")]
    assert labels[:3] == ["2019-01", "2019-05", "2019-09"]
    assert len(labels) == 15


def test_graph_chart_draws_one_line_per_pair(article: GraphDocument) -> None:
    root = parse(graph_chart(article))
    ties = root.findall(".//s:line[@class='vg-tie']", NS)
    pairs = {tuple(sorted((r.source, r.target))) for r in article.relations}
    assert len(ties) == len(pairs)
    assert len(root.findall(".//s:circle[@class='vg-actor']", NS)) == len(article.actors)
    # the West's two members and Central Asia's four
    assert len(root.findall(".//s:line[@class='vg-member']", NS)) == 6
    signs = sorted(t.get("data-sign") for t in ties)
    assert signs.count("-1") == 4  # Russia-Ukraine, the West-Russia, Honeywell, Emerson


def test_graph_chart_draws_poles_in_their_colours(article: GraphDocument) -> None:
    root = parse(graph_chart(article, groups={"WEST": "#AA3377", "CENTRAL_ASIA": "#66CCEE"}))
    rings = root.findall(".//s:circle[@class='vg-ring']", NS)
    ids = [a.id for a in article.actors]
    ringed = {(r.get("data-group"), r.get("stroke")) for r in rings}
    assert ringed == {("WEST", "#AA3377"), ("CENTRAL_ASIA", "#66CCEE")}
    assert len(rings) == 3 + 5  # each pole and its members
    west = [
        m
        for m in root.findall(".//s:line[@class='vg-member']", NS)
        if m.get("data-group") == "WEST"
    ]
    assert {m.get("stroke") for m in west} == {"#AA3377"} and len(west) == 2
    assert len(ids) == len(root.findall(".//s:circle[@class='vg-actor']", NS))


def test_document_text_is_escaped() -> None:
    doc = loads(json.dumps(hostile_dict()))
    names = {a.id: a.name for a in doc.actors}
    b = vector_balance(doc.to_networkx(), "AAA", ("BBB", "CCC"))
    t = balance_timeline(doc, "year", "AAA", ("BBB", "CCC"))
    for svg in (graph_chart(doc), pole_chart(b, names), timeline_chart(t, names)):
        assert "<script" not in svg.lower()
        assert "<img" not in svg.lower()
        parse(svg)  # well-formed: nothing broke out of an attribute or a text node
