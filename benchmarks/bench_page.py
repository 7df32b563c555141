"""Benchmark: the page of a corpus graph, this tree against a baseline, in one run.

A corpus graph (10,000 actors, 50,000 relations, 5 news-length evidence sentences
per relation by default: 250,000) from :func:`bench_render.corpus_dict` is written
to a JSON document once; then, for this tree and the baseline (``--baseline``,
``main`` by default, exported with ``git archive``), alternating:

- **render**: ``python -m vectorgraph render DOC -o PAGE`` in a fresh process, the
  whole process (start-up, reading and validating the document, the page, writing
  it): wall seconds and CPU seconds (user + system, less sensitive to a shared
  machine's load); the page's size;
- **in Chromium** (headless, Playwright), a fresh tab per page:

  - *first frame*: from navigation start to vis-network's first ``afterDrawing``
    event (the page stores ``performance.now()`` at it in ``data-vg-first-draw-at``;
    both count from the navigation's time origin): the frame that shows every actor
    and every relation, with the actors clickable (a large page's overview is drawn
    by the page itself, see ``render/app.js``); with the renderer process's CPU
    seconds until then (from ``/proc``; the tab's share of a loaded machine varies,
    its CPU time much less), and the still picture a large page paints before it;
  - *complete*: until every relation and label has reached vis-network and been
    drawn (``data-vg-complete-at``; the first frame holds the actors and the
    strongest relations, the others arrive in slices after it); a page without that
    mark (an older tree) is complete at its first frame;
  - *click to panel*: a click on the largest actor at once after the first frame,
    while the rest arrives (is the tab responsive?), then, when the page is complete
    and half a second later, a click on a relation (its evidence parsed on demand):
    from the ``pointerdown`` event to the animation frame after the details panel
    changed, with the number of quotes shown;
  - *memory*: the tab's JS heap (CDP ``Performance.getMetrics``) and the renderer
    process's proportional set size (``/proc/PID/smaps_rollup``) after the clicks.

The load average is recorded with every figure: the machine is shared.

    python benchmarks/bench_page.py                          # 10,000 / 50,000 / 250,000
    python benchmarks/bench_page.py --repeat 3               # medians of 3
    python benchmarks/bench_page.py --actors 300 --no-baseline  # the suite's smoke run

Results go to ``benchmarks/results/page.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
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

from bench_render import ARGS, CHROMIUM, corpus_dict, export_baseline
from vectorgraph import GraphDocument
from vectorgraph.io import dump


def load() -> float:
    """The one-minute load average."""
    return round(os.getloadavg()[0], 2)


def time_process(src: Path, doc_path: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``vectorgraph render`` as a fresh process importing ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "vectorgraph", "render", str(doc_path), "-o", str(out)],
        check=True,
        capture_output=True,
        env=env,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def renderers() -> list[int]:
    """The Chromium renderer processes descended from this one."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if b"--type=renderer" not in (entry / "cmdline").read_bytes():
                continue
            pid = int(entry.name)
            while pid > 1:
                pid = int(_stat(pid)[1])
                if pid == os.getpid():
                    found.append(int(entry.name))
                    break
        except (OSError, ValueError):
            continue
    return found


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """``{pid: user + system CPU seconds so far}`` of the live ones of ``pids``."""
    out = {}
    for pid in pids:
        try:
            fields = _stat(pid)
        except OSError:
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


def pss_mb(pids: list[int]) -> float:
    """The proportional set size of ``pids``, in MB."""
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total / 1024


#: Notes the pointerdown of the next click and the animation frame after the details
#: panel changes.
_WATCH = """() => {
  const info = document.querySelector('.vg-info');
  window.__vgBench = {down: null, painted: null, shown: null};
  document.addEventListener('pointerdown', e => {
    window.__vgBench = {down: performance.now(), painted: null, shown: null};
  }, true);
  new MutationObserver(() => {
    const b = window.__vgBench;
    if (b.down === null || b.painted !== null) { return; }
    b.shown = info.getAttribute('data-vg-shown');
    requestAnimationFrame(() => { b.painted = performance.now(); });
  }).observe(info, {attributes: true, childList: true});
}"""
#: The page point of the largest actor.
_NODE_POINT = """() => {
  const r = document.querySelector('.vg-root'), i = window.vectorgraph.instances[r.id];
  let best = 0;
  i.data.nodes.forEach((n, k) => { if (n[5] > i.data.nodes[best][5]) { best = k; } });
  const c = r.querySelector('.vg-canvas').getBoundingClientRect();
  const d = i.network.canvasToDOM(i.network.getPositions([best])[best]);
  return [c.left + d.x, c.top + d.y];
}"""
#: The page point of the largest actor, and of the middle of the first relation from
#: `j` on whose middle is in view and holds that relation only (no actor).
_POINTS = """(j) => {
  const r = document.querySelector('.vg-root'), i = window.vectorgraph.instances[r.id];
  const net = i.network, E = i.data.edges;
  let best = 0;
  i.data.nodes.forEach((n, k) => { if (n[5] > i.data.nodes[best][5]) { best = k; } });
  const c = r.querySelector('.vg-canvas').getBoundingClientRect();
  const page = d => [c.left + d.x, c.top + d.y];
  for (let k = j; k < j + 2000 && k < E.length; k++) {
    const pos = net.getPositions([E[k][0], E[k][1]]), a = pos[E[k][0]], b = pos[E[k][1]];
    if (!a || !b || E[k][0] === E[k][1]) { continue; }
    const d = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
    if (d.x < 300 || d.y < 40 || d.x > c.width - 40 || d.y > c.height - 80) { continue; }
    if (net.getNodeAt(d) === undefined && net.getEdgeAt(d) === k) {
      return [page(net.canvasToDOM(net.getPositions([best])[best])), page(d), k];
    }
  }
  throw new Error('no relation to click in view');
}"""


def _click(page: Any, xy: list[float], prefix: str, timeout_s: float) -> tuple[float, str]:
    """Seconds from the click's pointerdown to the frame after the panel shows ``prefix``."""
    page.mouse.click(*xy)
    page.wait_for_function(
        "(p) => { const b = window.__vgBench;"
        " return b.painted !== null && b.shown !== null && (b.shown + ':').startsWith(p + ':'); }",
        arg=prefix,
        timeout=timeout_s * 1000,
    )
    took, shown = page.evaluate("() => [__vgBench.painted - __vgBench.down, __vgBench.shown]")
    return took / 1000, shown


def browse(browser: Any, path: Path, edge: int, timeout_s: float) -> dict[str, float]:
    """First frame, CPU, clicks and memory of one page in a fresh tab."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto("about:blank")
    cpu0, load0 = cpu_seconds(renderers()), load()
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_selector(
        ".vg-root[data-vg-first-draw-at]", timeout=timeout_s * 1000, state="attached"
    )
    pids = renderers()  # the page may have a renderer of its own (site isolation)
    cpu = sum(t - cpu0.get(pid, 0.0) for pid, t in cpu_seconds(pids).items())
    at, still = page.evaluate(
        "() => { const d = document.querySelector('.vg-root').dataset;"
        " return [Number(d.vgFirstDrawAt), Number(d.vgPreviewAt || d.vgFirstDrawAt)]; }"
    )
    page.evaluate(_WATCH)
    node_s, _ = _click(page, page.evaluate(_NODE_POINT), "node", timeout_s)
    page.wait_for_function(
        "() => { const r = document.querySelector('.vg-root');"
        " return 'vgCompleteAt' in r.dataset"
        " || !('relationSlice' in window.vectorgraph.instances[r.id].data); }",
        timeout=timeout_s * 1000,
    )
    complete = page.evaluate(
        "() => { const d = document.querySelector('.vg-root').dataset;"
        " return Number(d.vgCompleteAt || d.vgFirstDrawAt); }"
    )
    page.wait_for_timeout(500)
    _, edge_xy, edge = page.evaluate(_POINTS, edge)
    edge_s, _ = _click(page, edge_xy, f"edge:{edge}", 60)
    quotes = page.evaluate("() => document.querySelectorAll('.vg-info blockquote').length")
    page.wait_for_timeout(300)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    row = {
        "first_frame_s": at / 1000,
        "picture_s": min(at, still) / 1000,
        "first_frame_cpu_s": cpu,
        "complete_s": complete / 1000,
        "node_click_s": node_s,
        "edge_click_s": edge_s,
        "quotes": float(quotes),
        "heap_mb": metrics["JSHeapUsedSize"] / 1e6,
        "pss_mb": pss_mb(pids),
        "load": (load0 + load()) / 2,
    }
    page.close()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--actors", type=int, default=10000, help="over 300, so that the page runs no physics"
    )
    parser.add_argument("--relations", type=int, help="[default: 5 x actors]")
    parser.add_argument("--evidence", type=int, default=5, help="sentences per relation")
    parser.add_argument("--baseline", default="main", help="the git revision to compare with")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (medians shown)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per page step")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "page.json")
    args = parser.parse_args()
    relations = args.relations or 5 * args.actors

    data = corpus_dict(args.actors, relations, args.evidence, seed=0)
    doc = GraphDocument.from_dict(data)
    sizes = {
        "actors": len(doc.actors),
        "relations": len(doc.relations),
        "evidence": sum(len(r.evidence) for r in doc.relations),
    }
    edge = len(doc.relations) // 2
    runs: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        doc_path = folder / "corpus.json"
        dump(doc, doc_path)
        del doc, data
        trees = {"now": REPO / "src"}
        if not args.no_baseline:
            trees["base"] = export_baseline(args.baseline, folder)
        runs = {tree: [] for tree in trees}
        pages = {tree: folder / f"{tree}.html" for tree in trees}
        for _ in range(args.repeat):  # alternating, so that the shared load hits both
            for tree, src in trees.items():
                load0 = load()
                wall, cpu = time_process(src, doc_path, pages[tree])
                runs[tree].append(
                    {
                        "render_s": wall,
                        "render_cpu_s": cpu,
                        "render_load": (load0 + load()) / 2,
                        "page_mb": pages[tree].stat().st_size / 1e6,
                    }
                )
                print(f"  {tree} rendered", file=sys.stderr, flush=True)
        if not args.no_browser and Path(CHROMIUM).is_file():
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for k in range(args.repeat):
                    for tree in trees:
                        runs[tree][k].update(browse(browser, pages[tree], edge, args.timeout))
                        print(f"  {tree} browsed", file=sys.stderr, flush=True)
                browser.close()

    rows = {
        tree: {key: statistics.median(r[key] for r in found) for key in found[0]}
        for tree, found in runs.items()
    }
    columns = [
        ("render_s", "render s", ".2f"),
        ("render_cpu_s", "cpu s", ".2f"),
        ("render_load", "load", ".1f"),
        ("page_mb", "page MB", ".1f"),
        ("picture_s", "picture s", ".2f"),
        ("first_frame_s", "1st frame s", ".2f"),
        ("first_frame_cpu_s", "tab cpu s", ".2f"),
        ("complete_s", "complete s", ".2f"),
        ("node_click_s", "actor click s", ".2f"),
        ("edge_click_s", "evidence click s", ".2f"),
        ("quotes", "quotes", ".0f"),
        ("heap_mb", "heap MB", ".0f"),
        ("pss_mb", "tab PSS MB", ".0f"),
        ("load", "load", ".1f"),
    ]
    print(
        f"{sizes['actors']:,} actors, {sizes['relations']:,} relations, "
        f"{sizes['evidence']:,} evidence sentences"
    )
    print(f"{'tree':>5} | " + " | ".join(f"{title:>{len(title)}}" for _, title, _ in columns))
    for tree, row in rows.items():
        cells = [
            format(row[key], f">{len(title)}{fmt}") if key in row else f"{'-':>{len(title)}}"
            for key, title, fmt in columns
        ]
        print(f"{tree:>5} | " + " | ".join(cells))
    print(f"base: {args.baseline}; load: the one-minute load average during the step")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "python": platform.python_version(),
        "baseline": None if args.no_baseline else args.baseline,
        "repeat": args.repeat,
        **sizes,
    }
    args.out.write_text(json.dumps({**meta, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
