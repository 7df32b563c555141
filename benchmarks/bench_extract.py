"""Extraction throughput: sentences per second on one core and on several, and memory.

Generates a seeded text corpus of at least ``--mb`` megabytes (default 10) in a
temporary folder: the sentences of the bundled article and of the test texts in
``tests/data/extract/``, recombined, plus template sentences about pairs of
states drawn from every ISO country (names, demonyms, capitals) and plain
sentences with no actor at all (news has many). Files are ~100 kB each.

Then, in this process:

* baseline: sentence splitting alone (:func:`vectorgraph.text.sentence_spans`),
  the floor any extractor pays;
* one core: :func:`vectorgraph.extract.iter_extractions` over the files, one at
  a time (streaming), with the resident memory sampled as the corpus grows;
* ``--jobs`` cores (default 2): the same with that many worker processes.

Figures are printed as sentences/s and as ratios to the baseline (the machine
may be shared; ratios travel better than absolute times). Every figure counts
all the corpus's sentences per CPU second of this process: the engine's time
includes reading, splitting, mentions and the gate, spaCy's bare pipeline
reads and splits the same files and parses every sentence. The engine's time
is then split into spaCy's on the sentences it parses and its own reading. ``--rounds N`` times
spaCy's bare pipeline and the parse engine alternately N times and prints the
median of their ratios, which a shared machine moves less than one run's.

The news corpus runs the default engine (parse) beside the cue engine and
spaCy's bare pipeline (the same sentences through ``nlp.pipe``, nothing read).

``--devset FOLDER`` instead scores both engines on the articles of a
development-set folder (each ``<slug>.txt`` beside its gold ``<slug>.yaml``):
a per-article table and the micro-averaged scores; ``--record FILE`` appends
the parse engine's rows to a record TSV (``devset/record-engine.tsv``); ``--learned``
scores the parse engine with its learned pair scorer (off by default, as in the engine; trained
on the dev split, so its dev scores are in-sample), ``--no-learned`` without it.

    python benchmarks/bench_extract.py            # 10 MB corpus
    python benchmarks/bench_extract.py --mb 2     # quicker
    python benchmarks/bench_extract.py --mb 1 --rounds 3   # the engine / bare ratio, 3 times
    python benchmarks/bench_extract.py --devset devset/dev
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vectorgraph.extract import iter_extractions
from vectorgraph.extract.gazetteer import default_gazetteer
from vectorgraph.text import sentence_spans, sentences

TEMPLATES = (
    "{A} and {B} held talks in {cap_a} on energy and transport.",
    "{A} imposed sanctions on {B} after the elections.",
    "{dem_a} exports to {B} rose by {n}% last year.",
    "{A} criticised {B} over the border dispute.",
    "The government of {A} signed a strategic partnership with {B}.",
    "{A} did not support the resolution proposed by {B}.",
    "{A} could invest in {B}'s railway network, officials said.",
    "{cap_a} balances between {B}, {C} and the West.",
    "{A} is a member of the {org}, and {B} may join it.",
    "Relations between {A} and {B} have improved since {year}.",
    "{dem_a} companies have moved to {B} from {C}.",
    "Both countries are members of the {org}.",
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
ORGS = ("Eurasian Economic Union", "CSTO", "SCO", "Organization of Turkic States", "CIS", "EU")


def _forms() -> list[tuple[str, str, str]]:
    """(name, demonym, capital) of every state the gazetteer knows all three for, else name."""
    gaz = default_gazetteer()
    by_id: dict[str, dict[str, str]] = {}
    for form, entry in gaz.forms.items():
        if entry is None or entry.type != "state":
            continue
        slot = by_id.setdefault(entry.id, {"name": entry.name})
        slot.setdefault(entry.kind, form)
    return [
        (f["name"], f.get("demonym", f["name"]), f.get("seat", f["name"]))
        for _, f in sorted(by_id.items())
    ]


def generate_corpus(folder: Path, megabytes: float, seed: int = 0) -> tuple[int, int]:
    """Write text files of ~100 kB into ``folder``; the number of files and of bytes."""
    rng = random.Random(seed)
    states = _forms()
    texts = [(ROOT / "graphs" / "sources" / "kazakhstan-multivector-2023.txt")]
    texts += sorted((ROOT / "tests" / "data" / "extract").glob("*.txt"))
    real = [s for p in texts for s in sentences(p.read_text(encoding="utf-8")) if len(s) > 40]
    target = int(megabytes * 1024 * 1024)
    written = files = 0
    while written < target:
        parts: list[str] = []
        size = 0
        while size < 100_000:
            paragraph = []
            for _ in range(rng.randint(3, 7)):
                roll = rng.random()
                if roll < 0.4:
                    paragraph.append(rng.choice(real))
                elif roll < 0.75:
                    a, b, c = rng.sample(states, 3)
                    paragraph.append(
                        rng.choice(TEMPLATES).format(
                            A=a[0],
                            B=b[0],
                            C=c[0],
                            dem_a=a[1],
                            cap_a=a[2],
                            org=rng.choice(ORGS),
                            n=rng.randint(2, 40),
                            year=rng.randint(1995, 2024),
                        )
                    )
                else:
                    paragraph.append(
                        rng.choice(PLAIN).format(n=rng.randint(2, 40), year=rng.randint(1995, 2024))
                    )
            text = " ".join(paragraph) + "\n"
            parts.append(text)
            size += len(text.encode("utf-8"))
        (folder / f"doc{files:04d}.txt").write_text("".join(parts), encoding="utf-8")
        files += 1
        written += size
    return files, written


def head_commit() -> str:
    """The short hash of the checkout's HEAD, which a record or a model names."""
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.strip()


def _rss_mb() -> float:
    """The resident memory of this process now, in MB (Linux), else the peak."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def _count(path: Path) -> int:
    """Worker for the counts-only run: extract one file, send back its sentence count."""
    result = next(iter_extractions([path], engine="parse"))
    if isinstance(result, str):
        raise SystemExit(f"unexpected skip: {result}")
    return result.sentences


def run_counts(files: list[Path], jobs: int) -> tuple[int, float, float]:
    """Extract in ``jobs`` processes, only counts travel back; sentences, wall and CPU seconds."""
    import multiprocessing

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        count = sum(pool.imap_unordered(_count, files))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return count, wall, cpu


def run(
    files: list[Path],
    jobs: int,
    samples: list[tuple[float, float]] | None = None,
    engine: str = "parse",
    learned: bool = False,
) -> tuple[int, float, float]:
    """Extract every file (streaming, results dropped); sentences, wall and CPU seconds
    (``learned``: the parse engine with its learned pair scorer)."""
    count = 0
    cpu = time.process_time()
    start = time.perf_counter()
    step = max(1, len(files) // 10)
    for done, result in enumerate(
        iter_extractions(files, jobs=jobs, engine=engine, learned=learned), 1
    ):
        if isinstance(result, str):
            raise SystemExit(f"unexpected skip: {result}")
        count += result.sentences
        if samples is not None and done % step == 0:
            samples.append((done / len(files), _rss_mb()))
    return count, time.perf_counter() - start, time.process_time() - cpu


RECORD_COLUMNS = (
    "article",
    "split",
    "engine",
    "commit",
    "date",
    "relations_sign_precision",
    "relations_sign_recall",
    "relations_sign_f1",
    "predicted",
    "gold",
    "correct",
    "actors_f1",
)


def score_devset(
    folder: Path, engines: tuple[str, ...], learned: bool = False
) -> dict[str, list[dict[str, object]]]:
    """Per engine: one row per article of ``folder`` and a last row of micro-averaged scores
    (``learned``: with the parse engine's learned pair scorer, when a model is shipped)."""
    from vectorgraph.extract import extract
    from vectorgraph.extract.evaluate import evaluate, evaluate_many
    from vectorgraph.io import load

    texts = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".yaml").is_file())
    golds = {p.stem: load(p.with_suffix(".yaml")) for p in texts}
    out: dict[str, list[dict[str, object]]] = {}
    for engine in engines:
        rows: list[dict[str, object]] = []
        triples = []
        for path in texts:
            text = path.read_text(encoding="utf-8")
            doc = extract(text, source_id=path.stem, engine=engine, learned=learned)
            scores = evaluate(doc, golds[path.stem])
            triples.append((path.stem, doc, golds[path.stem]))
            rows.append(_row(path.stem, scores))
        rows.append(_row("micro-average", evaluate_many(triples)))
        out[engine] = rows
    return out


def _row(article: str, scores: dict[str, dict[str, object]]) -> dict[str, object]:
    rel, pairs = scores["relations_sign"], scores["relations_pair"]
    return {
        "article": article,
        "relations_sign_precision": rel["precision"],
        "relations_sign_recall": rel["recall"],
        "relations_sign_f1": rel["f1"],
        "predicted": rel["predicted"],
        "gold": rel["gold"],
        "correct": rel["correct"],
        "pairs_f1": pairs["f1"],
        "actors_f1": scores["actors"]["f1"],
    }


def devset_main(folder: Path, record: Path | None, split: str, learned: bool = False) -> None:
    import datetime

    from vectorgraph.extract.learned import default_model

    engines = ("parse", "cues")
    table = score_devset(folder, engines, learned)
    scorer = "on" if learned and default_model() is not None else "off"
    print(
        f"{folder}: relations pairs + polarity (P R F1 predicted/gold), pairs alone F1, actors F1"
        f" (learned pair scorer {scorer})"
    )
    head = f"{'article':52}" + "".join(f"  {e:>34}" for e in engines)
    print(head)
    for i, row in enumerate(table[engines[0]]):
        cells = []
        for e in engines:
            r = table[e][i]
            cells.append(
                f"{r['relations_sign_precision']:.3f} {r['relations_sign_recall']:.3f} "
                f"{r['relations_sign_f1']:.3f} {r['predicted']:>3}/{r['gold']:<3} "
                f"{r['pairs_f1']:.3f} {r['actors_f1']:.3f}"
            )
        print(f"{str(row['article'])[:52]:52}" + "".join(f"  {c:>34}" for c in cells))
    if record is None:
        return
    commit = head_commit()
    today = datetime.date.today().isoformat()
    new = not record.exists()
    with record.open("a", encoding="utf-8") as fh:
        if new:
            fh.write("\t".join(RECORD_COLUMNS) + "\n")
        for row in table["parse"][:-1]:
            full = {**row, "split": split, "engine": "parse", "commit": commit, "date": today}
            fh.write("\t".join(str(full[c]) for c in RECORD_COLUMNS) + "\n")
    print(f"appended {len(table['parse']) - 1} rows to {record}")


def bare_pipeline(files: list[Path], full: bool = False) -> tuple[int, float]:
    """spaCy's pipeline alone over every sentence of the corpus: sentences and CPU seconds.

    The engine's trimmed pipeline, or (``full``) the model's own without ``ner``.
    Reading and splitting the files is timed too, as in the engine's run.
    """
    import contextlib

    from vectorgraph.extract.nlp import DEFAULT_MODELS, load_model, one_thread

    if full:
        import spacy

        nlp = spacy.load(DEFAULT_MODELS[0], exclude=["ner"])
    else:
        nlp = load_model()
    count = 0
    cpu = time.process_time()
    with contextlib.nullcontext() if full else one_thread():
        for path in files:
            for _ in nlp.pipe(sentences(path.read_text(encoding="utf-8")), batch_size=256):
                count += 1
    return count, time.process_time() - cpu


def parsed_only(files: list[Path]) -> tuple[int, float]:
    """The engine's trimmed pipeline over only the sentences the engine parses (its gate
    chosen beforehand, untimed): sentences and CPU seconds, spaCy's share of the engine."""
    from vectorgraph.extract.nlp import load_model, one_thread
    from vectorgraph.extract.pipeline import PARSE_BATCH, parsed_sentences

    nlp = load_model()
    texts = [s for path in files for s in parsed_sentences(path.read_text(encoding="utf-8"))]
    cpu = time.process_time()
    with one_thread():
        count = sum(1 for _ in nlp.pipe(texts, batch_size=PARSE_BATCH))
    return count, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size in MB [10]")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes [2]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="time spaCy's bare pipeline and the parse engine alternately this many times "
        "and give the median of their ratios [1]",
    )
    parser.add_argument("--devset", type=Path, help="score both engines on this folder instead")
    parser.add_argument("--record", type=Path, help="with --devset: append rows to this TSV")
    parser.add_argument("--split", default="dev", help="with --record: the split's name [dev]")
    parser.add_argument(
        "--no-learned",
        action="store_true",
        help="the parse engine's rules alone, without the learned pair scorer (trained on the "
        "dev split, so its dev scores are in-sample); the engine's default",
    )
    parser.add_argument(
        "--learned", action="store_true", help="the parse engine with its learned pair scorer"
    )
    args = parser.parse_args()
    if args.devset is not None:
        devset_main(
            args.devset, args.record, args.split, learned=args.learned and not args.no_learned
        )
        return

    default_gazetteer()  # built once per process, as in real use
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        n_files, n_bytes = generate_corpus(folder, args.mb, args.seed)
        files = sorted(folder.glob("*.txt"))
        print(
            f"corpus: {n_files} files, {n_bytes / 1e6:.1f} MB, generated in "
            f"{time.perf_counter() - t0:.1f} s"
        )

        cpu0 = time.process_time()
        n_split = sum(len(sentence_spans(p.read_text(encoding="utf-8"))) for p in files)
        base_cpu = time.process_time() - cpu0
        print(
            f"baseline (read + split only): {n_split:,} sentences, "
            f"{n_split / base_cpu:,.0f} sentences per CPU second"
        )

        from vectorgraph.extract.lexicon import default_lexicon
        from vectorgraph.extract.nlp import load_model

        load_model()  # once per process, as in real use (and the lexicon, as the gazetteer)
        default_lexicon()
        nf, cf = bare_pipeline(files[:2], full=True)
        nb, cb = bare_pipeline(files)
        print(
            f"spaCy bare pipeline (every sentence through nlp.pipe, nothing read): "
            f"{nb / cb:,.0f} sentences/s per core as the engine trims it "
            f"({', '.join(load_model().pipe_names)}); {nf / cf:,.0f}/s with the model's own "
            f"pipeline without ner"
        )
        nc, _, cc = run(files, 1, engine="cues")
        print(f"1 core, cue engine: {nc / cc:,.0f} sentences/s per core")
        samples: list[tuple[float, float]] = []
        n1, t1, c1 = run(files, 1, samples)
        print(
            f"1 core, parse engine (default):  {n1:,} sentences, {c1:.1f} CPU s = "
            f"{n1 / c1:,.0f} sentences/s per core (wall {t1:.1f} s = {n1 / t1:,.0f}/s; "
            f"{base_cpu / c1:.3f} x baseline speed; {cb / c1 * n1 / nb:.2f} x spaCy's bare "
            f"pipeline; {cc / c1 * n1 / nc:.2f} x the cue engine)"
        )
        n_parsed, c_parsed = parsed_only(files)
        print(
            f"  of which spaCy on the {n_parsed:,} sentences it parses ({n_parsed / n1:.0%}): "
            f"{c_parsed:.1f} CPU s ({c_parsed / cb:.2f} x the bare run's); the engine's own "
            f"reading (mentions, gate, tree, cue table) {c1 - c_parsed:.1f} CPU s "
            f"({(c1 - c_parsed) / cb:.2f} x the bare run's)"
        )
        if args.learned:  # the scorer's cost, against the rules alone just before, same process
            nl, _, cl = run(files, 1, learned=True)
            print(
                f"1 core, parse engine with the learned pair scorer: {nl / cl:,.0f} sentences/s "
                f"per core, {cl / c1:.3f} x the rules' CPU time"
            )
        ratios = [cb / c1 * n1 / nb]
        for k in range(2, args.rounds + 1):  # the host is shared: alternate, then the median
            nb_k, cb_k = bare_pipeline(files)
            n1_k, _, c1_k = run(files, 1)
            ratios.append(cb_k / c1_k * n1_k / nb_k)
            print(
                f"round {k}: spaCy bare pipeline {nb_k / cb_k:,.0f}/s, parse engine "
                f"{n1_k / c1_k:,.0f}/s per core: {ratios[-1]:.2f} x"
            )
        if args.rounds > 1:
            print(
                f"parse engine / spaCy's bare pipeline over {args.rounds} alternating rounds: "
                f"median {statistics.median(ratios):.2f} x ({', '.join(f'{r:.2f}' for r in ratios)})"
            )
        rss = [m for _, m in samples]
        print(
            "memory (resident MB) as the corpus grows: "
            + ", ".join(f"{share:.0%}: {m:.0f}" for share, m in samples)
            + f"  (spread {max(rss) - min(rss):.1f} MB; peak "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB)"
        )

        n2, t2, c2 = run_counts(files, args.jobs)
        print(
            f"{args.jobs} cores: {n2:,} sentences in {t2:.1f} s wall = {n2 / t2:,.0f} sentences/s "
            f"({t1 / t2:.2f} x one core's wall time; {n2 / c2:,.0f} per CPU second)"
        )
        n3, t3, _ = run(files, args.jobs)
        print(
            f"{args.jobs} cores, full results sent back (as `extract -j`): {n3 / t3:,.0f} "
            f"sentences/s wall"
        )
        print(
            f"load average now: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
            f"on {os.cpu_count()} CPUs"
        )
        if not n1 == n2 == n3 == n_split:
            raise SystemExit(f"sentence counts differ: {n_split} {n1} {n2} {n3}")


if __name__ == "__main__":
    main()
