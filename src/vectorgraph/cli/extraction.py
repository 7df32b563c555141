"""``vectorgraph extract`` and ``vectorgraph evaluate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from vectorgraph.cli.base import cli, emit, load_graph, output_options, write_output


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
def extract(
    paths: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    min_confidence: float,
    jobs: int,
    scheduler: str | None,
    workers: int | None,
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
        vectorgraph extract articles/ --workers 2 -o corpus.yaml
        vectorgraph extract s3://news/2024/ --scheduler tcp://10.0.0.5:8786 -o corpus.yaml
    """
    from vectorgraph.extract.corpus import extract_corpus, iter_files

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
            )
    else:
        doc = extract_corpus(files or paths, base=base, min_confidence=min_confidence, on_skip=skip)
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
@click.argument("predicted", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("gold", type=click.Path(dir_okay=False, path_type=Path))
@output_options
def evaluate(predicted: Path, gold: Path, fmt: str | None) -> None:
    """Score a candidate graph against a curated one.

    Precision, recall and F1 for actors (all gold actors, and only those in a
    gold relation) and relations (unordered actor pair with sign, and with
    type), followed by the misses and false alarms (table), or all of it
    (json).

    \b
    Example:
        vectorgraph extract graphs/sources/kazakhstan-multivector-2023.txt -o cand.yaml
        vectorgraph evaluate cand.yaml graphs/kazakhstan-multivector.yaml
    """
    from vectorgraph.extract.evaluate import MEASURES
    from vectorgraph.extract.evaluate import evaluate as score

    scores = score(load_graph(predicted), load_graph(gold))
    if fmt == "json":
        click.echo(json.dumps(scores, indent=2, ensure_ascii=False))
        return
    columns = ["measure", "precision", "recall", "f1", "predicted", "gold", "correct"]
    rows = [{"measure": m, **{c: scores[m][c] for c in columns[1:]}} for m in MEASURES]
    if fmt is None and not sys.stdout.isatty():
        fmt = "table"
    emit(rows, columns, fmt)
    if fmt == "table":
        for m in MEASURES:
            for key in ("misses", "false_alarms"):
                if scores[m][key]:
                    click.echo(f"{m} {key.replace('_', ' ')}: {', '.join(scores[m][key])}")
