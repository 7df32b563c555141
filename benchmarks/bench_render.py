"""Benchmark: ``vectorgraph.render`` against plain pyvis, and the browser's first frame.

For 100, 1,000 and 10,000 actors (relations = 5 x actors, from
:mod:`generate`), in one process: the time to make the HTML and its size with
:func:`vectorgraph.render.render`, and with plain pyvis (``Network.from_nx`` +
``write_html``, ``cdn_resources="in_line"``) on the same networkx graph. Then
Chromium (headless, via Playwright) opens each vectorgraph page and reports the
time from navigation start to vis-network's first ``afterDrawing`` event.

pyvis's ``from_nx`` checks every new edge against all earlier ones, so it grows
quadratically; it is skipped at a size where the time measured at the previous
size, scaled quadratically, exceeds ``--pyvis-limit`` seconds (the table says so).
pyvis's ``Edge`` also rejects an edge attribute named ``directed``, so the
baseline gets a copy of the graph without it.

    python benchmarks/bench_render.py                 # 100, 1000, 10000
    python benchmarks/bench_render.py --sizes 100 1000 --no-browser

Results go to ``benchmarks/results/render.json``; times are wall-clock on this
machine, so compare the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from generate import generate
from vectorgraph.render import render

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def time_vectorgraph(doc: Any) -> tuple[float, str, str]:
    start = time.perf_counter()
    page = render(doc)
    return time.perf_counter() - start, page.html, page.mode.describe()


def time_pyvis(doc: Any, folder: Path) -> tuple[float, int]:
    from pyvis.network import Network

    G = doc.to_networkx()
    for _, _, data in G.edges(data=True):
        data.pop("directed")  # pyvis's Edge takes `directed` as a parameter of its own
    path = folder / "pyvis.html"
    cwd = os.getcwd()
    os.chdir(folder)  # write_html may write a lib/ folder into the current folder
    try:
        start = time.perf_counter()
        net = Network(directed=True, cdn_resources="in_line")
        net.from_nx(G)
        net.write_html(str(path), notebook=False)
        elapsed = time.perf_counter() - start
    finally:
        os.chdir(cwd)
    return elapsed, path.stat().st_size


def first_frames(pages: dict[int, Path], timeout_s: float) -> dict[int, dict[str, float]]:
    """``{size: {"first_draw_s": ..., "mount_to_draw_s": ...}}`` in headless Chromium."""
    from playwright.sync_api import sync_playwright

    out: dict[int, dict[str, float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for size, path in pages.items():
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(path.as_uri(), wait_until="commit")
            page.wait_for_selector(
                ".vg-root[data-vg-first-draw-at]", timeout=timeout_s * 1000, state="attached"
            )
            at, mount = page.evaluate(
                "() => { const r = document.querySelector('.vg-root');"
                " return [Number(r.dataset.vgFirstDrawAt), Number(r.dataset.vgFirstDrawMs)]; }"
            )
            out[size] = {"first_draw_s": at / 1000, "mount_to_draw_s": mount / 1000}
            page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--pyvis-limit",
        type=float,
        default=120.0,
        help="skip pyvis where its projected time exceeds this many seconds",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results" / "render.json")
    args = parser.parse_args()

    rows: list[dict[str, Any]] = []
    pages: dict[int, Path] = {}
    last: tuple[int, float] | None = None
    render(generate(10, 50))  # imports and cached assets out of the first measurement
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in args.sizes:
            doc = generate(n, 5 * n, seed=0)
            vg_s, html, mode = time_vectorgraph(doc)
            pages[n] = folder / f"vg-{n}.html"
            pages[n].write_text(html, encoding="utf-8")
            row: dict[str, Any] = {
                "actors": n,
                "relations": 5 * n,
                "vectorgraph_s": vg_s,
                "vectorgraph_bytes": len(html.encode("utf-8")),
                "mode": mode,
            }
            projected = last[1] * (n / last[0]) ** 2 if last else 0.0
            if projected > args.pyvis_limit:
                row["pyvis_skipped"] = (
                    f"projected {projected:.0f} s from {last[1]:.2f} s at "
                    f"{last[0]:,} actors (quadratic from_nx)"
                )
            else:
                pv_s, pv_bytes = time_pyvis(doc, folder)
                row.update(pyvis_s=pv_s, pyvis_bytes=pv_bytes, ratio=vg_s / pv_s)
                last = (n, pv_s)
            rows.append(row)
            print(f"  {n:>6,} actors done", file=sys.stderr, flush=True)
        if not args.no_browser and Path(CHROMIUM).is_file():
            for n, frame in first_frames(pages, timeout_s=300).items():
                next(r for r in rows if r["actors"] == n).update(frame)

    print(
        f"{'actors':>7} {'relations':>9} {'vg s':>7} {'vg MB':>7} {'pyvis s':>8} "
        f"{'pyvis MB':>8} {'vg/pyvis':>8} {'1st frame s':>11}"
    )
    for r in rows:
        pv = (
            f"{r['pyvis_s']:>8.2f} {r['pyvis_bytes'] / 1e6:>8.2f} {r['ratio']:>8.2f}"
            if "pyvis_s" in r
            else f"{'skipped':>8} {'':>8} {'':>8}"
        )
        frame = f"{r['first_draw_s']:>11.2f}" if "first_draw_s" in r else f"{'-':>11}"
        print(
            f"{r['actors']:>7,} {r['relations']:>9,} {r['vectorgraph_s']:>7.2f} "
            f"{r['vectorgraph_bytes'] / 1e6:>7.2f} {pv} {frame}"
        )
    for r in rows:
        print(
            f"{r['actors']:,}: {r['mode']}"
            + (f"; pyvis skipped: {r['pyvis_skipped']}" if "pyvis_skipped" in r else "")
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"python": platform.python_version(), "rows": rows}, indent=2) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
