"""Corpus extraction on a Dask cluster against the serial run, and merge at 1,000 documents.

Generates a seeded corpus of ``--articles`` news-length articles (default
2,000; 25 to 45 sentences, about 700 words each) in a temporary folder: the
sentences of the bundled article and of the test texts in
``tests/data/extract/`` recombined, template sentences about pairs of states
drawn from the gazetteer, and plain sentences with no actor. Then, in one run:

* **serial**: :func:`vectorgraph.extract_corpus` in this process;
* **1 worker**, **2 workers**: the same on a ``distributed.LocalCluster`` of
  that many worker processes (one thread each), started before the clock
  starts (its start-up is reported apart), the workers reading the files;

with ``--engine`` (default: the default parse engine; ``cues`` for the cue
engine), its model loaded in this process and in every worker before the clock
starts, and reports wall time, articles and sentences per second, the
scheduler's overhead (1 worker against serial), the speed-up of 2 workers, and
the peak resident memory of each worker process. The three documents must be
byte-identical, and the run fails if they are not, or if a worker loaded the
parse engine's model more than once.

**reduction**: the tree reduction alone on the extractions of the first
``--reduction-articles`` articles (default 500): what the partials weigh and
what merging them costs.

**merge**: ``--merge-docs`` (default 1,000) per-article documents written as
JSON are merged streaming (a generator loading one file at a time, as
``vectorgraph merge`` does) and from a list holding them all; the peak of
Python's allocations (tracemalloc) for a quarter, a half and all of them.

The machine may be shared: the load average is printed with the figures, and
ratios travel better than absolute times.

    python benchmarks/bench_corpus.py                   # 2,000 articles, 1,000 documents
    python benchmarks/bench_corpus.py --articles 200 --merge-docs 100   # quicker
    python benchmarks/bench_corpus.py --engine cues     # the cue engine
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vectorgraph import dumps, extract_corpus, load, merge
from vectorgraph.cluster import open_client
from vectorgraph.extract.gazetteer import default_gazetteer
from vectorgraph.text import sentence_spans, sentences

TEMPLATES = (
    "{A} and {B} held talks in {cap} on energy and transport.",
    "{A} imposed sanctions on {B} after the elections.",
    "{A} criticised {B} over the border dispute.",
    "The government of {A} signed a strategic partnership with {B}.",
    "{A} could invest in {B}'s railway network, officials said.",
    "Relations between {A} and {B} have improved since {year}.",
    "{A} accused {B} of supplying weapons to rebels.",
)
PLAIN = (
    "Inflation slowed to {n}% in the third quarter.",
    "The harvest was better than expected this year.",
    "Analysts expect growth to continue into next year.",
    "The new airport terminal opened in {year}.",
    "Prices for fuel and food have risen sharply.",
    "Experts disagree about the long-term effects of the reform.",
)


def _states() -> list[tuple[str, str]]:
    """(name, capital) of every state the gazetteer knows both for."""
    by_id: dict[str, dict[str, str]] = {}
    for form, entry in default_gazetteer().forms.items():
        if entry is not None and entry.type == "state":
            slot = by_id.setdefault(entry.id, {"name": entry.name})
            slot.setdefault(entry.kind, form)
    return [(f["name"], f.get("seat", f["name"])) for _, f in sorted(by_id.items())]


def generate_articles(folder: Path, count: int, seed: int = 0) -> int:
    """Write ``count`` articles into ``folder``; the number of sentences written."""
    rng = random.Random(seed)
    states = _states()
    texts = [ROOT / "graphs" / "sources" / "kazakhstan-multivector-2023.txt"]
    texts += sorted((ROOT / "tests" / "data" / "extract").glob("*.txt"))
    real = [s for p in texts for s in sentences(p.read_text(encoding="utf-8")) if len(s) > 40]
    total = 0
    for i in range(count):
        paragraphs = []
        for _ in range(rng.randint(5, 9)):
            lines = []
            for _ in range(rng.randint(4, 6)):
                roll = rng.random()
                if roll < 0.5:
                    lines.append(rng.choice(real))
                elif roll < 0.75:
                    (a, cap), (b, _) = rng.sample(states, 2)
                    year = rng.randint(1995, 2024)
                    lines.append(rng.choice(TEMPLATES).format(A=a, B=b, cap=cap, year=year))
                else:
                    n, year = rng.randint(2, 40), rng.randint(1995, 2024)
                    lines.append(rng.choice(PLAIN).format(n=n, year=year))
            paragraphs.append(" ".join(lines))
        text = "\n\n".join(paragraphs) + "\n"
        total += len(sentence_spans(text))
        (folder / f"article{i:05d}.txt").write_text(text, encoding="utf-8")
    return total


def _peak_rss_mb() -> float:
    """The peak resident memory of the calling process, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """The CPU time of the calling process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _model_loads() -> int:
    """How many spaCy pipelines this process has loaded (the engine's cache misses)."""
    from vectorgraph.extract.nlp import _load

    return int(_load.cache_info().misses)


def _warm(engine: str) -> None:
    """What a long run does once per process: load the gazetteer and the engine's model, and
    extract the bundled article (spaCy's first texts are slower than the later ones)."""
    from vectorgraph.extract import extract

    article = ROOT / "graphs" / "sources" / "kazakhstan-multivector-2023.txt"
    extract(article.read_text(encoding="utf-8"), engine=engine)


def run_cluster(
    folder: Path, workers: int, engine: str
) -> tuple[float, float, float, str, list[float]]:
    """Start-up and run seconds, CPU seconds of the run (workers, and this process with the
    scheduler), the document's text, each worker's peak memory (MB)."""
    start = time.perf_counter()
    with open_client(workers=workers) as client:
        client.wait_for_workers(workers)
        client.run(_warm, engine)  # as any long run: the engine loaded once per worker
        before = sum(client.run(_cpu_seconds).values()) + _cpu_seconds()
        ready = time.perf_counter()
        doc = extract_corpus([folder], client=client, options={"engine": engine})
        wall = time.perf_counter() - ready
        cpu = sum(client.run(_cpu_seconds).values()) + _cpu_seconds() - before
        peaks = sorted(client.run(_peak_rss_mb).values())
        loads = sorted(client.run(_model_loads).values())
    if engine == "parse" and loads != [1] * workers:
        raise SystemExit(f"{workers} worker(s) loaded the model {loads} times, not once each")
    return ready - start, wall, cpu, dumps(doc, "yaml"), peaks


def bench_extract(folder: Path, articles: int, n_sentences: int, engine: str) -> None:
    _warm(engine)  # as the workers do
    start = time.perf_counter()
    cpu = time.process_time()
    doc = extract_corpus([folder], options={"engine": engine})
    t_serial, cpu_serial = time.perf_counter() - start, time.process_time() - cpu
    serial = dumps(doc, "yaml")
    rows = [("serial (this process)", 0.0, t_serial, cpu_serial, [_peak_rss_mb()])]
    for workers in (1, 2):
        boot, wall, cpu, text, peaks = run_cluster(folder, workers, engine)
        if text != serial:
            raise SystemExit(f"{workers} worker(s): the document differs from the serial run's")
        rows.append((f"{workers} worker{'s' if workers > 1 else ''}", boot, wall, cpu, peaks))
    print(f"\nengine: {engine}")
    print(
        f"{'run':<22} {'start s':>8} {'wall s':>7} {'articles/s':>11} {'sentences/s':>12} "
        f"{'x serial':>9} {'CPU s':>6} {'x serial':>9}  peak memory per process (MB)"
    )
    for name, boot, wall, cpu, peaks in rows:
        print(
            f"{name:<22} {boot:>8.2f} {wall:>7.2f} {articles / wall:>11.1f} "
            f"{n_sentences / wall:>12,.0f} {wall / t_serial:>9.2f} {cpu:>6.1f} "
            f"{cpu / cpu_serial:>9.2f}  " + ", ".join(f"{p:.0f}" for p in peaks)
        )
    one, two = rows[1][2], rows[2][2]
    print(
        f"serial: {n_sentences / cpu_serial:,.0f} sentences ({articles / cpu_serial:,.1f} "
        f"articles) per CPU second; scheduler overhead (1 worker against serial): wall "
        f"{100 * (one / t_serial - 1):+.1f}%, CPU {100 * (rows[1][3] / cpu_serial - 1):+.1f}%; "
        f"2 workers: {one / two:.2f}x 1 worker; the three documents byte-identical "
        f"({len(serial):,} bytes of YAML)"
    )


def _merge_table(files: list[Path], label: str) -> None:
    """Peak allocations beyond the merged document, streaming and from a list."""
    print(f"\nmerge of {label}: Python's allocations (tracemalloc) at the peak, beyond the result")
    print(
        f"{'documents':>10} {'result MB':>10} {'streaming: beyond':>18} "
        f"{'a list: beyond':>15} {'streaming s':>12}"
    )
    for n in sorted({max(1, len(files) // 4), len(files)}):
        beyond, result, seconds = [], 0.0, 0.0
        for streaming in (True, False):
            tracemalloc.start()
            start = time.perf_counter()
            if streaming:
                merged = merge(load(f) for f in files[:n])
                seconds = time.perf_counter() - start
            else:
                merged = merge([load(f) for f in files[:n]])
            held, peak = tracemalloc.get_traced_memory()  # held: the merged document
            tracemalloc.stop()
            beyond.append((peak - held) / 1e6)
            result = held / 1e6
            del merged
        print(
            f"{n:>10} {result:>10.1f} {beyond[0]:>15.1f} MB {beyond[1]:>12.1f} MB {seconds:>12.1f}"
        )


def extractions(folder: Path, count: int, engine: str) -> list[Any]:
    """The extractions of the first ``count`` articles, once, for the reduction and the merge
    (extracting them again for each, with the parse engine, doubled the benchmark's time)."""
    from vectorgraph.extract.corpus import extract_files, iter_jobs

    return list(extract_files(list(iter_jobs([folder]))[:count], engine=engine))


def bench_reduction(results: list[Any]) -> None:
    """The tree reduction alone, in this process: what it moves and how fast it merges."""
    import pickle

    from vectorgraph.cluster import BATCH_SIZE, FAN_IN, Partial

    articles = len(results)
    level = [Partial.of(results[i : i + BATCH_SIZE]) for i in range(0, len(results), BATCH_SIZE)]
    leaf_bytes = sum(len(pickle.dumps(p)) for p in level)
    seconds = moved = travel = 0.0
    while len(level) > 1:
        start = time.process_time()
        sent = [pickle.loads(pickle.dumps(p)) for p in level]  # what moving them costs
        travel += time.process_time() - start
        moved += sum(len(pickle.dumps(p)) for p in level)
        start = time.process_time()
        level = [Partial.merged(sent[i : i + FAN_IN]) for i in range(0, len(sent), FAN_IN)]
        seconds += time.process_time() - start
    root = level[0]
    evidence = sum(len(e) for _, e, _ in root.relations.values())
    root_bytes = len(pickle.dumps(root))
    print(
        f"\nreduction of {articles:,} articles (batches of {BATCH_SIZE}, fan-in {FAN_IN}), in "
        f"this process: {len(root.first):,} actors, {len(root.relations):,} distinct relations, "
        f"{evidence:,} evidence sentences; partials of the leaves {leaf_bytes / 1e6:.1f} MB "
        f"pickled, the root {root_bytes / 1e6:.1f} MB ({root_bytes / articles:,.0f} bytes per "
        f"article), {moved / 1e6:.1f} MB moved up the tree; CPU: merging {seconds:.2f} s, "
        f"pickling there and back {travel:.2f} s"
    )


def bench_merge(folder: Path, results: list[Any]) -> None:
    """Merge per-article documents: all distinct, and repeating 25 articles."""
    from vectorgraph.extract.pipeline import build_document

    docs = folder / "docs"
    docs.mkdir()
    for i, found in enumerate(results):
        # what `vectorgraph extract ARTICLE` writes: extract() of the text, titled by its file
        doc = build_document([found], title=found.source.title)
        (docs / f"{i:05d}.json").write_text(dumps(doc, "json"), encoding="utf-8")
    distinct = sorted(docs.glob("*.json"))
    # the same 25 articles read again and again (re-extractions, overlapping feeds): the
    # merged document stops growing, so the memory of a streaming merge stays flat
    repeating = [distinct[i % 25] for i in range(len(distinct))] if len(distinct) >= 25 else []
    _merge_table(distinct, f"{len(distinct)} distinct per-article documents")
    if repeating:
        _merge_table(repeating, f"{len(repeating)} documents repeating 25 articles")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles [2000]")
    parser.add_argument("--merge-docs", type=int, default=1000, help="documents to merge [1000]")
    parser.add_argument(
        "--reduction-articles", type=int, default=500, help="articles for the reduction [500]"
    )
    parser.add_argument(
        "--engine", choices=("parse", "cues"), default="parse", help="extraction engine [parse]"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        n_sentences = generate_articles(folder, args.articles, args.seed)
        size = sum(p.stat().st_size for p in folder.glob("*.txt"))
        print(
            f"corpus: {args.articles:,} articles, {n_sentences:,} sentences, "
            f"{size / 1e6:.1f} MB, generated in {time.perf_counter() - start:.1f} s"
        )
        bench_extract(folder, args.articles, n_sentences, args.engine)
        wanted = min(max(args.reduction_articles, args.merge_docs), args.articles)
        results = [r for r in extractions(folder, wanted, args.engine) if not isinstance(r, str)]
        if args.reduction_articles:
            bench_reduction(results[: args.reduction_articles])
        if args.merge_docs:
            bench_merge(folder, results[: args.merge_docs])
    load_after = os.getloadavg()
    print(
        f"\nload average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
        f"({os.cpu_count()} cores, shared)"
    )


if __name__ == "__main__":
    main()
