# ruff: noqa: F811 - the browser fixtures come from test_browser and are parameters here
"""The balance view and the report in Debian's Chromium: drawn numbers, time control, printing.

``VECTORGRAPH_SCREENSHOT=1`` rewrites ``docs/balance.png``, ``docs/balance-time.png`` and
``docs/report.png``.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from render_docs import hostile_dict
from test_browser import (  # noqa: F401 - browser and open_html are fixtures used here too
    ARGS,
    CHROMIUM,
    Opened,
    _skip_or_fail,
    browser,
    doc_of,
    open_html,
)
from vectorgraph import GraphDocument, load, time_slice
from vectorgraph.render import render
from vectorgraph.render.balance import balance_extensions
from vectorgraph.render.report import report

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "dated-corpus.yaml"
A4 = (595.0, 842.0)  # points


def print_to_pdf(html: Path, pdf: Path) -> None:
    """Chromium's own --print-to-pdf, as a person would run it: a real process."""
    if not Path(CHROMIUM).is_file():
        _skip_or_fail(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    done = subprocess.run(
        [CHROMIUM, *ARGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert pdf.stat().st_size > 10_000


def _collect(runs: list[tuple[str, float]]) -> Any:
    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            runs.append((unicodedata.normalize("NFKC", text.strip()), size * math.hypot(a, b)))

    return visit


def pdf_pages(pdf: Path) -> list[list[tuple[str, float]]]:
    """Each page's text runs (ligatures undone) with their printed size in points."""
    import pypdf

    pages = []
    for page in pypdf.PdfReader(pdf).pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=1)
        runs: list[tuple[str, float]] = []
        page.extract_text(visitor_text=_collect(runs))
        pages.append(runs)
    return pages


def page_with(pages: list[list[tuple[str, float]]], text: str) -> list[tuple[str, float]]:
    found = [p for p in pages if any(t == text for t, _ in p)]
    assert found, f"{text!r} is on no page"
    return found[0]


@pytest.mark.parametrize(
    ("source", "timeline", "caption", "last_period"),
    [
        (None, "Kazakhstan: balance by month", "Each month's shares", "2023-01"),
        (CORPUS, "Kazakhstan: balance by quarter", "Each quarter's shares", "2023-Q3"),
    ],
    ids=["bundled", "dated-corpus"],
)
def test_report_prints_to_pdf_with_its_charts(
    tmp_path: Path, source: Path | None, timeline: str, caption: str, last_period: str
) -> None:
    doc: GraphDocument = load(source)
    html = tmp_path / "report.html"
    html.write_text(report(doc), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    print_to_pdf(html, pdf)
    pages = pdf_pages(pdf)
    assert len(pages) >= 2
    # the pole chart is whole on one page: its heading, every pole, its bars' labels, its key
    chart = page_with(pages, "Kazakhstan: ties per pole")
    texts = {t for t, _ in chart}
    assert {"Russia", "China", "the West", "Turkey", "Central Asia", "conflictual"} <= texts
    assert "p: share among the poles" in texts
    # the time series: heading, key, ticks and the last labelled period on one page
    runs = [t for t, _ in page_with(pages, timeline)]
    end = next(i for i, t in enumerate(runs) if t.startswith(caption))
    chart_runs = runs[runs.index(timeline) : end]
    assert {"entropy", "0.25", "0.75"} <= set(chart_runs)
    assert last_period in "".join(chart_runs)  # rotated labels come out in pieces
    # legible on paper: no chart or table text below 7 pt
    smallest = min(size for page in pages for _, size in page)
    assert smallest >= 7.0, smallest


# --- the balance view on the page ---------------------------------------------------


def balance_page(doc: GraphDocument, **options: Any) -> str:
    focal = options.pop("focal", None)
    poles = options.pop("poles", None)
    by = options.pop("by", None)
    extensions = balance_extensions(doc, focal, poles, by=by)
    return render(doc, extensions=extensions, physics=False, **options).html


def drawn_bars(page: Opened) -> list[dict[str, Any]]:
    """The visible pole chart's bars: pole, kind, stated value and drawn width in units."""
    return page.js(
        "(() => { const c = [...document.querySelectorAll('.vg-bal-chart')].find(d => !d.hidden);"
        " const svg = c.querySelector('svg'); const k = svg.viewBox.baseVal.width /"
        " svg.getBoundingClientRect().width; const scale = Number(svg.dataset.scale);"
        " return [...svg.querySelectorAll('rect.vg-bar')].map(r => ({pole: r.dataset.pole,"
        " kind: r.dataset.kind, value: Number(r.dataset.value),"
        " drawn: r.getBoundingClientRect().width * k / scale})); })()"
    )


def vectors_json(cli_process: Any, *args: str) -> dict[str, Any]:
    done = cli_process("vectors", *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_pole_chart_bars_equal_vectors(
    open_html: Any, article: GraphDocument, cli_process: Any
) -> None:
    page = open_html(balance_page(article))
    assert page.errors == []
    expected = vectors_json(cli_process)
    bars = drawn_bars(page)
    assert len(bars) == 2 * len(expected["poles"])
    for row in expected["poles"]:
        for kind in ("positive", "negative"):
            (bar,) = [b for b in bars if (b["pole"], b["kind"]) == (row["pole"], kind)]
            assert bar["value"] == pytest.approx(row[kind], rel=1e-5)
            assert bar["drawn"] == pytest.approx(row[kind], abs=0.02)  # the length on screen
    text = page.js("document.querySelector('.vg-balance').innerText")
    assert f"entropy {expected['entropy']:.3f}" in text
    assert "dominant pole: Russia" in text
    members = page.js(
        "[...document.querySelectorAll('.vg-bal-pole')].map(r => r.innerText.replace(/\\s+/g, ' '))"
    )
    assert members[2] == "the West contains European Union, United States"
    assert members[4] == "Central Asia contains Kyrgyzstan, Tajikistan, Turkmenistan, Uzbekistan"


@pytest.mark.parametrize(
    ("source", "periods"),
    [
        (None, [("2022-01", "2022-01"), ("2023-01", "2023-01")]),
        (CORPUS, [("2020-Q1", "2020-01/2020-03"), ("2022-Q3", "2022-07/2022-09")]),
    ],
    ids=["bundled", "dated-corpus"],
)
def test_time_control_draws_what_at_draws(
    open_html: Any,
    cli_process: Any,
    tmp_path: Path,
    source: Path | None,
    periods: list[tuple[str, str]],
) -> None:
    doc = load(source)
    args = [str(source)] if source else []
    page = open_html(balance_page(doc), "balance.html")
    labels = page.inst("inst.data.extensions.balance.periods.map(p => p.label)")
    for period, at in periods:
        out = f"at-{len(at)}-{period}.html"
        done = cli_process("render", *args, "--at", at, "--no-balance", "-o", out, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        sliced = open_html((tmp_path / out).read_text(encoding="utf-8"), out)
        at_edges = sliced.counts()[1]
        assert at_edges == len(time_slice(doc, at=at).relations)

        k = labels.index(period)
        page.page.locator(".vg-bal-range input").fill(str(k + 1))
        assert page.inst("root.dataset.vgPeriod") == period
        assert page.counts()[1] == at_edges
        assert page.counts()[1] < len(doc.relations)
        now = page.page.locator(".vg-bal-now").inner_text()
        assert f"{period}: {at_edges} relations in force" in now
        # the pole chart follows: its bars are the balance of that period
        expected = vectors_json(cli_process, *args, "--at", at)
        bars = {(b["pole"], b["kind"]): b["value"] for b in drawn_bars(page)}
        assert bars == pytest.approx(
            {
                (r["pole"], kind): r[kind]
                for r in expected["poles"]
                for kind in ("positive", "negative")
            },
            rel=1e-5,
        )
        # All draws everything again; a column of the time series is the same control
        page.page.locator(".vg-bal-now button").click()
        assert page.counts()[1] == len(doc.relations)
        page.page.locator(f'.vg-bal-series .vg-period[data-index="{k}"]').click()
        assert page.counts()[1] == at_edges
    assert page.errors == []


def test_clicking_a_pole_shows_its_evidence(open_html: Any, article: GraphDocument) -> None:
    page = open_html(balance_page(article))
    ties = [
        i
        for i, r in enumerate(article.relations)
        if r.sign != 0 and {r.source, r.target} == {"KAZ", "RUS"}
    ]
    # a real click on Russia's row of the chart
    page.page.locator('.vg-bal-chart:not([hidden]) .vg-pole[data-pole="RUS"]').click()
    info = page.page.locator(".vg-info")
    assert info.get_attribute("data-vg-shown") == "ext:balance"
    assert info.locator(".vg-bal-detail").get_attribute("data-vg-pole") == "RUS"
    assert info.locator("h3").inner_text() == "Kazakhstan and Russia"
    shown = [int(x) for x in info.locator("h4").evaluate_all("hs => hs.map(h => h.dataset.vgEdge)")]
    assert shown == ties
    quotes = info.locator("blockquote p").all_inner_texts()
    assert quotes == [e.quote for i in ties for e in article.relations[i].evidence]
    # the ties behind the pole are brought forward, every other relation dimmed
    bright = page.inst("inst.edges.get().filter(e => e.color.color !== '#dddddd').map(e => e.id)")
    assert sorted(bright) == ties
    # a pole with members: the West's ties include those with the US and the EU
    page.page.locator('.vg-bal-pole[data-vg-pole="WEST"] button').click()
    west = {
        article.relations[int(j)].other("KAZ")
        for j in info.locator("h4").evaluate_all("hs => hs.map(h => h.dataset.vgEdge)")
    }
    assert west == {"WEST", "USA", "EU"}
    assert page.errors == []


def test_poles_are_drawn_as_groups(open_html: Any, article: GraphDocument) -> None:
    page = open_html(balance_page(article))
    ids = [a.id for a in article.actors]
    pos = page.inst("inst.network.getPositions()")
    hub = pos[str(ids.index("CENTRAL_ASIA"))]
    for member in ("KGZ", "TJK", "TKM", "UZB"):  # isolates in the article: put under their pole
        p = pos[str(ids.index(member))]
        assert math.dist((p["x"], p["y"]), (hub["x"], hub["y"])) == pytest.approx(90, abs=1)
    # the group's ring is painted round each member in the pole's colour (#66CCEE)
    uzb = ids.index("UZB")
    r, g, b, _ = page.inst(
        "(() => { const n = inst.network.body.nodes[" + str(uzb) + "];"
        " const p = inst.network.canvasToDOM({x: n.x + (n.options.size || 10) + 6, y: n.y});"
        " const c = root.querySelector('.vg-canvas canvas'); const k = c.width / c.clientWidth;"
        " return Array.from(c.getContext('2d').getImageData(Math.round(p.x * k),"
        " Math.round(p.y * k), 1, 1).data); })()"
    )
    assert (r, g, b) == pytest.approx((0x66, 0xCC, 0xEE), abs=40)


def test_hostile_document_in_the_balance_view(open_html: Any) -> None:
    doc = doc_of(hostile_dict())
    page = open_html(balance_page(doc, focal="AAA", poles=["BBB", "CCC"]))
    page.page.locator('.vg-bal-pole[data-vg-pole="BBB"] button').click()
    assert page.js("window.__vgPwned === undefined")
    assert page.dialogs == []
    text = page.page.locator(".vg-info").inner_text()
    assert hostile_dict()["relations"][0]["evidence"][0]["quote"] in text
    assert page.errors == []


@pytest.mark.skipif(os.environ.get("VECTORGRAPH_SCREENSHOT") != "1", reason="screenshots only")
def test_screenshots(open_html: Any, article: GraphDocument, tmp_path: Path) -> None:
    page = open_html(balance_page(article))
    page.page.locator('.vg-bal-pole[data-vg-pole="WEST"] button').click()
    page.page.wait_for_timeout(500)
    page.page.screenshot(path=str(ROOT / "docs" / "balance.png"))
    corpus = open_html(balance_page(load(CORPUS)), "corpus.html")
    corpus.page.locator(".vg-bal-range input").fill("15")
    corpus.page.wait_for_timeout(500)
    corpus.page.screenshot(path=str(ROOT / "docs" / "balance-time.png"))
    html = tmp_path / "report.html"
    html.write_text(report(article), encoding="utf-8")
    corpus.page.set_viewport_size({"width": 900, "height": 1270})
    corpus.page.goto(html.as_uri())
    corpus.page.emulate_media(media="print")
    corpus.page.screenshot(path=str(ROOT / "docs" / "report.png"), full_page=False)


def test_two_figures_with_balance_views_stay_apart(open_html: Any, article: GraphDocument) -> None:
    corpus = load(CORPUS)
    a = render(article, fragment=True, physics=False, extensions=balance_extensions(article))
    b = render(
        corpus,
        fragment=True,
        physics=False,
        library=False,
        extensions=balance_extensions(corpus, by="year"),
    )
    page = open_html(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        f"{a.html}<p>Between.</p>{b.html}</body></html>"
    )
    assert page.errors == [] and page.requests == [page.url]
    assert page.page.locator(".vg-balance").count() == 2
    # the second figure's time control redraws the second figure only
    page.page.locator(f"#{b.id} .vg-bal-range input").fill("4")  # 2022
    assert page.counts(1)[1] == len(time_slice(corpus, at="2022").relations)
    assert page.counts(0)[1] == len(article.relations)
    assert page.inst("root.dataset.vgPeriod", 1) == "2022"
    assert page.inst("root.dataset.vgPeriod || ''", 0) == ""
    # a pole of the first figure shows its evidence in the first figure's panel only
    page.page.locator(f'#{a.id} .vg-bal-pole[data-vg-pole="TUR"] button').click()
    assert (
        page.page.locator(f"#{a.id} .vg-info .vg-bal-detail").get_attribute("data-vg-pole") == "TUR"
    )
    assert page.page.locator(f"#{b.id} .vg-info .vg-bal-detail").count() == 0
