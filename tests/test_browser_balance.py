"""The balance view and the report in Debian's Chromium: drawn numbers, time control, printing.

``VECTORGRAPH_SCREENSHOT=1`` rewrites ``docs/balance.png`` and ``docs/report.png``.
"""

from __future__ import annotations

import math
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from test_browser import ARGS, CHROMIUM, _skip_or_fail
from vectorgraph import GraphDocument, load
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
