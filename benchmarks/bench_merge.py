"""Benchmark: the memory of ``merge`` in the number of documents (it streams: flat).

Writes ``--docs`` (default 1,000) per-article graph documents as JSON in a
temporary folder, each what ``vectorgraph extract ARTICLE`` gives for a news
article: its own source, 25 relations among actors of a shared pool of
states, one evidence sentence each. Two corpora:

* **repeating**: the same 25 articles again and again (re-extractions,
  overlapping feeds): the merged document stops growing after 25 documents;
* **distinct**: every article different: the merged document grows with them.

Each is merged from the first quarter, half and all of the files, streaming (a
generator loading one file at a time, as ``vectorgraph merge`` does) and from
a list holding them all, under :mod:`tracemalloc`; the table gives the merged
document's own allocations (``result``) and the peak beyond it (``beyond``:
what the merge held besides its result), and the ratio of the largest run's
``beyond`` to the smallest's. Streaming, that ratio is 1.0 for the repeating
corpus (flat); for the distinct one the merge's working state grows with the
distinct relations, as the result does.

    python benchmarks/bench_merge.py                 # 250 / 500 / 1,000 documents
    python benchmarks/bench_merge.py --docs 100      # quicker
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from vectorgraph import load, merge

#: Relations per article, and the pool of actors they join.
RELATIONS = 25
POOL = 200
_TYPES = (
    "trade",
    "alliance",
    "sanctions",
    "diplomatic_cooperation",
    "threat",
    "investment",
    "criticism",
)


def article(k: int) -> dict[str, Any]:
    """The graph document of article ``k``: seeded by ``k``, so a repeated article is equal."""
    rng = random.Random(k)
    ids = [f"S{i:03d}" for i in range(POOL)]
    relations = []
    used: dict[str, None] = {}
    for j in range(RELATIONS):
        s, t = rng.sample(ids, 2)
        used.setdefault(s)
        used.setdefault(t)
        year = rng.randint(2015, 2024)
        relations.append(
            {
                "source": s,
                "target": t,
                "type": rng.choice(_TYPES),
                "date": str(year),
                "evidence": [
                    {
                        "source": f"a{k}",
                        "sentence": j,
                        "quote": f"In {year}, {s} and {t} agreed on article {k}'s matter {j}, "
                        "officials said on Tuesday in a statement from the ministry.",
                    }
                ],
            }
        )
    return {
        "vectorgraph": 1,
        "title": f"article {k}",
        "sources": [{"id": f"a{k}", "title": f"Article {k}"}],
        "actors": [{"id": a, "name": f"State {a}", "type": "state"} for a in used],
        "relations": relations,
    }


def write_corpus(folder: Path, n: int, repeat: int | None) -> list[Path]:
    """``n`` documents: article ``i`` (or ``i % repeat``) in file ``i``."""
    folder.mkdir()
    files = []
    for i in range(n):
        path = folder / f"{i:05d}.json"
        path.write_text(json.dumps(article(i if repeat is None else i % repeat)), "utf-8")
        files.append(path)
    return files


def traced(fn: Callable[[], Any]) -> tuple[float, float, float, int]:
    """MB held by ``fn``'s merge, MB of the peak beyond it, seconds, its relations."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        result = fn()
        seconds = time.perf_counter() - start
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return held / 1e6, (peak - held) / 1e6, seconds, len(result.document.relations)


def table(files: list[Path], label: str) -> dict[str, Any]:
    """The merge of a quarter, a half and all of ``files``, streaming and from a list."""
    print(f"\nmerge of {label}: tracemalloc, MB (result: the merged document; beyond: the rest)")
    print(
        f"{'documents':>10} {'relations':>10} {'result':>8} {'streaming: beyond':>18} "
        f"{'a list: beyond':>15} {'streaming s':>12}"
    )
    rows = []
    for n in sorted({max(1, len(files) // 4), max(1, len(files) // 2), len(files)}):
        part = files[:n]
        result, streaming, seconds, relations = traced(
            lambda part=part: merge(load(f) for f in part)
        )
        _, listed, _, _ = traced(lambda part=part: merge([load(f) for f in part]))
        rows.append({"documents": n, "relations": relations, "result_mb": result})
        rows[-1].update(streaming_beyond_mb=streaming, list_beyond_mb=listed, seconds=seconds)
        print(
            f"{n:>10} {relations:>10} {result:>8.2f} {streaming:>15.2f} MB "
            f"{listed:>12.2f} MB {seconds:>12.2f}"
        )
    first, last = rows[0], rows[-1]
    print(
        f"  {last['documents']} / {first['documents']} documents: beyond the result, streaming "
        f"{last['streaming_beyond_mb'] / first['streaming_beyond_mb']:.2f}x, a list "
        f"{last['list_beyond_mb'] / first['list_beyond_mb']:.2f}x; the result "
        f"{last['result_mb'] / first['result_mb']:.2f}x"
    )
    return {"label": label, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents to merge [1000]")
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        repeating = write_corpus(Path(tmp) / "repeating", args.docs, 25)
        distinct = write_corpus(Path(tmp) / "distinct", args.docs, None)
        table(repeating, f"{args.docs} documents repeating 25 articles")
        table(distinct, f"{args.docs} distinct articles")
    load_after = os.getloadavg()
    print(
        f"\nload average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
        f"({os.cpu_count()} cores, shared)"
    )


if __name__ == "__main__":
    main()
