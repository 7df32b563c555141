"""Benchmark: what the balance view and the report cost, against the page without them.

For 100, 1,000 and 10,000 actors (relations = 5 x actors, dated 2015 to 2024,
from :mod:`generate`), in one process: the time to render the page with the
balance view (focal actor ``A00000``, poles ``A00001`` to ``A00004``, its time
control by year) and its size, against the same page without it; the time of
:func:`vectorgraph.timeline.balance_timeline` by year and by month
against one :func:`vector_balance` of the whole graph; and the time and size
of :func:`vectorgraph.render.report.report`. With a browser, Chromium opens
both pages and reports vis-network's first frame, and the time the time
control takes to redraw one year.

    python benchmarks/bench_balance.py                  # 100, 1000, 10000
    python benchmarks/bench_balance.py --sizes 100 --no-browser

Results go to ``benchmarks/results/balance.json``; compare the ratios, not the
seconds (the machine is shared).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from generate import generate
from vectorgraph.measures import vector_balance
from vectorgraph.render import render
from vectorgraph.render.balance import balance_extensions
from vectorgraph.render.report import report
from vectorgraph.timeline import balance_timeline

FOCAL = "A00000"
POLES = ("A00001", "A00002", "A00003", "A00004")
CHROMIUM = "/usr/bin/chromium"


def timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def browser_times(pages: dict[str, str]) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        for name, html in pages.items():
            path = Path(tmp) / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            page = chromium.new_page(viewport={"width": 1400, "height": 900})
            page.goto(path.as_uri())
            page.wait_for_function(
                "() => document.querySelector('.vg-root').hasAttribute('data-vg-first-draw-ms')",
                timeout=300_000,
            )
            out[f"{name}_first_draw_s"] = (
                float(page.evaluate("document.querySelector('.vg-root').dataset.vgFirstDrawMs"))
                / 1000
            )
            if name == "balance":
                out["time_control_s"] = page.evaluate(
                    "(() => { const r = document.querySelector('.vg-bal-range input');"
                    " const t = performance.now(); r.value = '5';"
                    " r.dispatchEvent(new Event('input')); return (performance.now() - t) / 1000; })()"
                )
            page.close()
        chromium.close()
    return out


def run(n: int, browser: bool) -> dict[str, Any]:
    doc = generate(n, 5 * n, seed=0)
    G = doc.to_networkx()
    extensions = balance_extensions(doc, FOCAL, POLES, by="year")
    t_plain, plain = timed(lambda: render(doc))
    t_ext, _ = timed(lambda: balance_extensions(doc, FOCAL, POLES, by="year"))
    t_bal, page = timed(lambda: render(doc, extensions=extensions))
    t_one, _ = timed(lambda: vector_balance(G, FOCAL, POLES))
    t_year, _ = timed(lambda: balance_timeline(doc, "year", FOCAL, POLES))
    t_month, _ = timed(lambda: balance_timeline(doc, "month", FOCAL, POLES))
    t_report, text = timed(lambda: report(doc, focal=FOCAL, poles=POLES, by="year"))
    row: dict[str, Any] = {
        "actors": n,
        "relations": 5 * n,
        "page_s": t_plain,
        "page_bytes": len(plain.html.encode("utf-8")),
        "balance_view_s": t_ext,
        "page_with_balance_s": t_bal + t_ext,
        "page_with_balance_bytes": len(page.html.encode("utf-8")),
        "vector_balance_s": t_one,
        "timeline_year_s": t_year,
        "timeline_month_s": t_month,
        "report_s": t_report,
        "report_bytes": len(text.encode("utf-8")),
    }
    if browser and Path(CHROMIUM).is_file():
        row.update(browser_times({"plain": plain.html, "balance": page.html}))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "balance.json")
    args = parser.parse_args()
    run(30, False)  # warm up: imports and caches, outside the measured runs
    rows = [run(n, not args.no_browser) for n in args.sizes]
    head = (
        f"{'actors':>7} {'page s':>7} {'+balance s':>10} {'ratio':>6} {'MB':>6} {'+bal MB':>7}"
        f" {'year s':>7} {'month s':>8} {'one s':>7} {'report s':>8} {'report MB':>9}"
    )
    print(head)
    for r in rows:
        print(
            f"{r['actors']:>7} {r['page_s']:>7.2f} {r['page_with_balance_s']:>10.2f}"
            f" {r['page_with_balance_s'] / r['page_s']:>6.2f}"
            f" {r['page_bytes'] / 1e6:>6.2f} {r['page_with_balance_bytes'] / 1e6:>7.2f}"
            f" {r['timeline_year_s']:>7.2f} {r['timeline_month_s']:>8.2f}"
            f" {r['vector_balance_s']:>7.3f} {r['report_s']:>8.2f} {r['report_bytes'] / 1e6:>9.2f}"
        )
        if "balance_first_draw_s" in r:
            print(
                f"        first frame: plain {r['plain_first_draw_s']:.2f} s, with balance "
                f"{r['balance_first_draw_s']:.2f} s; time control redraw "
                f"{r['time_control_s']:.2f} s"
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    args.out.write_text(json.dumps({"load_average": load, "rows": rows}, indent=2) + "\n")
    print(f"load average {load}; wrote {args.out}")


if __name__ == "__main__":
    main()
