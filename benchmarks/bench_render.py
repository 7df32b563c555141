"""Benchmark: ``vectorgraph.render`` against today's main, plain pyvis, and in the browser.

For 100, 1,000 and 10,000 actors (relations = 5 x actors, from :mod:`generate`)
and a corpus graph (as many actors as the largest size, 5 x relations and 5
evidence sentences per relation: 10,000 / 50,000 / 250,000 by default), in one
run:

- the time to make the HTML and its size, with this tree's
  :func:`vectorgraph.render.render` and with the baseline's (main at
  ``--baseline``, be356ec by default, exported with ``git archive`` into a
  temporary folder), each in a fresh process of the same interpreter rendering
  the same document file (loading it is not timed);
- plain pyvis (``Network.from_nx`` + ``write_html``, ``cdn_resources="in_line"``)
  on the same networkx graph, skipped where its quadratic ``from_nx`` is projected
  past ``--pyvis-limit`` seconds (pyvis's ``Edge`` rejects an attribute named
  ``directed``, so it gets a copy without it);
- in headless Chromium (Playwright), for both pages: the time from navigation
  start to vis-network's first ``afterDrawing`` (first frame; a large page paints a
  still picture of the graph before it, the "picture" column), the tab's JS heap
  after it (CDP ``Performance.getMetrics``, ``JSHeapUsedSize``), the time from a
  click on the largest actor to its details being shown, and the zoom of the
  first view (labels are drawn at 14 px x zoom).

    python benchmarks/bench_render.py                      # 100, 1000, 10000 + corpus
    python benchmarks/bench_render.py --sizes 100 1000 --no-browser --no-baseline
    python benchmarks/bench_render.py --repeat 3            # medians of 3, alternating trees

Results go to ``benchmarks/results/render.json``. Times are wall-clock on a
shared machine: compare the ratios within one run, not the seconds across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(HERE))

from generate import generate_dict
from vectorgraph import GraphDocument
from vectorgraph.io import dump

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
#: Renders DOC to OUT in a fresh process; prints the wall and CPU seconds render() took
#: (CPU time is less sensitive to a shared machine's load than wall time).
RUNNER = """
import sys, time
from vectorgraph import GraphDocument, load
from vectorgraph.render import render
doc = load(sys.argv[1])
warm = {'actors': [{'id': 'A'}, {'id': 'B'}],
        'relations': [{'source': 'A', 'target': 'B', 'type': 'trade'}]}
render(GraphDocument.from_dict(warm))  # imports (igraph, pyvis) and cached assets
start, cpu = time.perf_counter(), time.process_time()
page = render(doc)
took, cpu = time.perf_counter() - start, time.process_time() - cpu
open(sys.argv[2], 'w', encoding='utf-8').write(page.html)
print(took, cpu)
"""
#: The words of the corpus graph's generated quotes.
_VOCABULARY = (
    "the ministry said talks on trade energy security transit pipeline grain sanctions "
    "border investment agreement officials during visit announced would expand cooperation"
)
_WORDS = _VOCABULARY.split()


def corpus_dict(
    n_actors: int, n_relations: int, per_relation: int, seed: int = 0
) -> dict[str, Any]:
    """A generated graph whose relations carry ``per_relation`` news-length quotes each."""
    data = generate_dict(n_actors, n_relations, seed)
    rng = random.Random(seed)
    sentence = 0
    for r in data["relations"]:
        evidence = []
        for _ in range(per_relation):
            words = " ".join(rng.choice(_WORDS) for _ in range(18))
            quote = f"{r['source']} and {r['target']}: {words}."
            evidence.append({"source": "gen", "sentence": sentence, "quote": quote})
            sentence += 1
        r["evidence"] = evidence
    data["title"] = f"corpus {n_actors}/{n_relations}/{sentence}"
    return data


def export_baseline(rev: str, folder: Path) -> Path:
    """``src/`` of ``rev`` (git archive) under ``folder``; its path."""
    target = folder / f"baseline-{rev}"
    target.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", "--format=tar", rev, "src"],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target / "src"


def time_render(src: Path, doc_path: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds ``render`` takes on ``doc_path`` in a fresh process importing ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(doc_path), str(out)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    wall, cpu = result.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def time_pyvis(doc: GraphDocument, folder: Path) -> tuple[float, int]:
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


_CLICK_POINT = """() => {
  const r = document.querySelector('.vg-root'), i = window.vectorgraph.instances[r.id];
  let best = 0;
  i.data.nodes.forEach((n, k) => { if (n[5] > i.data.nodes[best][5]) { best = k; } });
  const p = i.network.getPositions([best])[best], d = i.network.canvasToDOM(p);
  const c = r.querySelector('.vg-canvas').getBoundingClientRect();
  return [c.left + d.x, c.top + d.y, i.network.getScale()];
}"""


def browse(browser: Any, path: Path, timeout_s: float) -> dict[str, float]:
    """First frame, heap, click-to-details and first zoom of one page."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_selector(
        ".vg-root[data-vg-first-draw-at]", timeout=timeout_s * 1000, state="attached"
    )
    at, still = page.evaluate(
        "() => { const d = document.querySelector('.vg-root').dataset;"
        " return [Number(d.vgFirstDrawAt), Number(d.vgPreviewAt || d.vgFirstDrawAt)]; }"
    )
    page.wait_for_timeout(500)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    x, y, scale = page.evaluate(_CLICK_POINT)
    start = time.perf_counter()
    page.mouse.click(x, y)
    page.wait_for_function(
        "() => (document.querySelector('.vg-info').getAttribute('data-vg-shown') || '')"
        ".startsWith('node:')",
        timeout=timeout_s * 1000,
    )
    click = time.perf_counter() - start
    page.close()
    return {
        "first_draw_s": at / 1000,
        "picture_s": min(at, still) / 1000,
        "heap_mb": metrics["JSHeapUsedSize"] / 1e6,
        "click_s": click,
        "zoom": scale,
    }


def _cell(row: dict[str, Any], key: str, fmt: str) -> str:
    return format(row[key], fmt) if key in row else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument(
        "--evidence",
        type=int,
        default=5,
        help="evidence sentences per relation of the corpus graph (0: no corpus graph)",
    )
    parser.add_argument("--baseline", default="be356ec", help="the git revision to compare with")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each measurement (the median is shown)"
    )
    parser.add_argument(
        "--pyvis-limit",
        type=float,
        default=120.0,
        help="skip pyvis where its projected time exceeds this many seconds",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results" / "render.json")
    args = parser.parse_args()

    graphs: list[tuple[str, dict[str, Any]]] = [
        (f"{n:,}", generate_dict(n, 5 * n, seed=0)) for n in args.sizes
    ]
    if args.evidence:
        n = max(args.sizes)
        graphs.append((f"corpus {n:,}", corpus_dict(n, 5 * n, args.evidence, seed=0)))
    rows: list[dict[str, Any]] = []
    last: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        trees = {"now": REPO / "src"}
        if not args.no_baseline:
            trees["base"] = export_baseline(args.baseline, folder)
        pages: dict[tuple[int, str], Path] = {}
        for k, (name, data) in enumerate(graphs):
            doc = GraphDocument.from_dict(data)
            doc_path = folder / f"doc-{k}.json"
            dump(doc, doc_path)
            row: dict[str, Any] = {
                "graph": name,
                "actors": len(doc.actors),
                "relations": len(doc.relations),
                "evidence": sum(len(r.evidence) for r in doc.relations),
            }
            times: dict[str, list[tuple[float, float]]] = {tree: [] for tree in trees}
            for _ in range(args.repeat):  # alternating, so that the shared load hits both
                for tree, src in trees.items():
                    out = folder / f"{tree}-{k}.html"
                    times[tree].append(time_render(src, doc_path, out))
                    row[f"{tree}_bytes"] = out.stat().st_size
                    pages[(k, tree)] = out
            for tree, took in times.items():
                row[f"{tree}_s"] = statistics.median(t[0] for t in took)
                row[f"{tree}_cpu_s"] = statistics.median(t[1] for t in took)
            n = len(doc.actors)
            projected = last[1] * (n / last[0]) ** 2 if last else 0.0
            if name.startswith("corpus"):
                row["pyvis_skipped"] = "the corpus graph (same actors and relations as above)"
            elif projected > args.pyvis_limit:
                row["pyvis_skipped"] = (
                    f"projected {projected:.0f} s from {last[1]:.2f} s at "
                    f"{last[0]:,} actors (quadratic from_nx)"
                )
            else:
                pv_s, pv_bytes = time_pyvis(doc, folder)
                row.update(pyvis_s=pv_s, pyvis_bytes=pv_bytes, ratio=row["now_s"] / pv_s)
                last = (n, pv_s)
            rows.append(row)
            print(f"  {name} rendered", file=sys.stderr, flush=True)
        if not args.no_browser and Path(CHROMIUM).is_file():
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                seen: dict[tuple[int, str], list[dict[str, float]]] = {key: [] for key in pages}
                for _ in range(args.repeat):
                    for (k, tree), path in pages.items():
                        seen[(k, tree)].append(browse(browser, path, timeout_s=300))
                        print(f"  {rows[k]['graph']} {tree} browsed", file=sys.stderr, flush=True)
                for (k, tree), runs in seen.items():
                    for key in runs[0]:
                        rows[k][f"{tree}_{key}"] = statistics.median(r[key] for r in runs)
                browser.close()

    print(
        f"{'graph':>13} {'relations':>9} {'evidence':>8} | {'render s':>8} {'base':>6} "
        f"{'ratio':>5} {'cpu s':>6} {'base':>6} | {'MB':>6} {'base':>6} | {'picture s':>9} | "
        f"{'1st frame s':>11} {'base':>5} | "
        f"{'heap MB':>7} {'base':>5} | {'click s':>7} {'base':>5} | {'zoom':>5} {'base':>5} | "
        f"{'pyvis s':>7} {'vg/pyvis':>8}"
    )
    for r in rows:
        ratio = f"{r['now_s'] / r['base_s']:>5.2f}" if "base_s" in r else f"{'-':>5}"
        base_mb = f"{r['base_bytes'] / 1e6:>6.2f}" if "base_bytes" in r else f"{'-':>6}"
        print(
            f"{r['graph']:>13} {r['relations']:>9,} {r['evidence']:>8,} | "
            f"{r['now_s']:>8.2f} {_cell(r, 'base_s', '>6.2f')} {ratio} "
            f"{r['now_cpu_s']:>6.2f} {_cell(r, 'base_cpu_s', '>6.2f')} | "
            f"{r['now_bytes'] / 1e6:>6.2f} {base_mb} | "
            f"{_cell(r, 'now_picture_s', '>9.2f')} | "
            f"{_cell(r, 'now_first_draw_s', '>11.2f')} {_cell(r, 'base_first_draw_s', '>5.2f')} | "
            f"{_cell(r, 'now_heap_mb', '>7.0f')} {_cell(r, 'base_heap_mb', '>5.0f')} | "
            f"{_cell(r, 'now_click_s', '>7.2f')} {_cell(r, 'base_click_s', '>5.2f')} | "
            f"{_cell(r, 'now_zoom', '>5.2f')} {_cell(r, 'base_zoom', '>5.2f')} | "
            f"{_cell(r, 'pyvis_s', '>7.2f')} {_cell(r, 'ratio', '>8.2f')}"
        )
    for r in rows:
        if "pyvis_skipped" in r:
            print(f"{r['graph']}: pyvis skipped: {r['pyvis_skipped']}")
    print(f"vg/pyvis: render time against plain pyvis; base: {args.baseline}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"python": platform.python_version(), "baseline": args.baseline, "repeat": args.repeat}
    meta["load_average"] = list(os.getloadavg())
    args.out.write_text(json.dumps({**meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
