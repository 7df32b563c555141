"""The ``vectorgraph`` command: a thin layer over the library.

Each command parses its arguments, calls one library function and formats the
result. Library errors become ``Error: ...`` lines and exit code 1; data goes to
stdout, messages to stderr. Modules that draw (pyvis) or compute (networkx) are
imported inside the commands that need them, so start-up stays quick.
"""

from __future__ import annotations

import csv
import functools
import io as _io
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from vectorgraph import __version__
from vectorgraph.errors import DocumentError, VectorgraphError

F = TypeVar("F", bound=Callable[..., Any])


class CommandError(click.ClickException):
    """One or more ``Error: ...`` lines on stderr, exit code 1."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)

    def show(self, file: IO[Any] | None = None) -> None:
        for line in self.lines:
            click.echo(f"Error: {line}", err=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocumentError as exc:
            raise CommandError(exc.problems) from None
        except VectorgraphError as exc:
            raise CommandError(str(exc).splitlines() or [type(exc).__name__]) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vectorgraph")
def cli() -> None:
    """Evidence-backed graphs of international relations.

    Every command that takes a graph FILE (YAML or JSON) uses the bundled
    article graph (Kazakhstan's multi-vector foreign policy) when none is given.
    """


def graph_argument(f: F) -> F:
    """An optional FILE argument: a graph document, the bundled graph by default."""
    return click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))(f)


def output_options(f: F) -> F:
    """``--format table|csv|json``: table on a terminal, by default."""
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                        default=None, help="Output format [default: table on a terminal, "
                        "else csv].")(f)


def load_graph(file: Path | None) -> Any:
    from vectorgraph.io import load

    return load(file)


def emit(rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str | None,
         out: IO[str] | None = None) -> None:
    """Write rows as an aligned table, CSV or a JSON list of objects."""
    out = out or sys.stdout
    rows = list(rows)
    if fmt is None:
        fmt = "table" if out.isatty() else "csv"
    if fmt == "json":
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        cells = [[_cell(r.get(c)) for c in columns] for r in rows]
        widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
        for row in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def write_output(text: str, output: Path | None) -> None:
    """Text to stdout, or atomically into ``output``."""
    if output is None:
        click.echo(text, nl=False)
        return
    from vectorgraph.io import atomic_write

    with atomic_write(output) as fh:
        fh.write(text)
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check graph documents; report every problem with its file and place.

    Exits 0 when every FILE is valid, 1 otherwise.

    \b
    Example:
        vectorgraph validate graphs/kazakhstan-multivector.yaml
    """
    from vectorgraph.io import load

    found: list[str] = []
    for file in files:
        try:
            doc = load(file)
        except DocumentError as exc:
            found.extend(exc.problems)
            continue
        click.echo(f"{file}: valid ({len(doc.actors)} actors, {len(doc.relations)} relations)",
                   err=True)
    if found:
        raise CommandError(found)


@cli.command()
@graph_argument
@output_options
def info(file: Path | None, fmt: str | None) -> None:
    """Counts of actors by type, relations by type and sign, and the sources.

    \b
    Example:
        vectorgraph info
        vectorgraph info graphs/kazakhstan-multivector.yaml --format json
    """
    from vectorgraph.summary import summarize

    summary = summarize(load_graph(file))
    if fmt == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    rows = [{"section": section, "key": key, "count": count}
            for section in ("actors", "relation_types", "signs")
            for key, count in summary[section].items()]
    rows += [{"section": "sources", "key": s["id"], "count": s["evidence"]}
             for s in summary["sources"]]
    if fmt is None and not sys.stdout.isatty():
        fmt = "table"
    click.echo(f"{summary['title']}: {summary['n_actors']} actors, "
               f"{summary['n_relations']} relations", err=True)
    emit(rows, ["section", "key", "count"], fmt)


@cli.command()
@graph_argument
@click.option("--to", "to", type=click.Choice(["json"]), default="json", show_default=True,
              help="Interchange format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout.")
def export(file: Path | None, to: str, output: Path | None) -> None:
    """Write the graph in an interchange format.

    json is networkx's node-link form: nodes (id, name, type, aliases,
    members) and links (source, target, type, sign, weight, directed,
    evidence with quotes).

    \b
    Example:
        vectorgraph export --to json -o kazakhstan.json
    """
    from vectorgraph.export import to_node_link

    data = to_node_link(load_graph(file))
    write_output(json.dumps(data, indent=2, ensure_ascii=False) + "\n", output)


# --- render ---

_SIZE_MEASURES = ("pagerank", "degree", "none")  # vectorgraph.render.sizing.SIZE_MEASURES


@cli.command("render")
@graph_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here [default: the graph's file name with .html, in the current "
              "folder].")
@click.option("--title", help="The heading [default: the graph's title].")
@click.option("--size-by", type=click.Choice(_SIZE_MEASURES), default="pagerank",
              show_default=True, help="The centrality that sizes actors.")
@click.option("--focus", metavar="ACTOR",
              help="Draw only the neighbourhood of this actor (id, name or alias).")
@click.option("--depth", type=click.IntRange(min=0), default=None,
              help="With --focus: how many ties away to reach [default: 1].")
@click.option("--fragment", is_flag=True,
              help="Write an embeddable <div> with its scripts instead of a whole page.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seeds the layout.")
@click.option("--physics/--no-physics", default=None,
              help="Force browser physics on or off [default: on up to 300 actors and "
              "1,500 relations].")
def render_command(file: Path | None, output: Path | None, title: str | None, size_by: str,
                   focus: str | None, depth: int | None, fragment: bool, seed: int,
                   physics: bool | None) -> None:
    """Draw the graph as interactive HTML: one self-contained, offline file.

    Actors are coloured and shaped by type and sized by a centrality;
    relations are coloured by sign, dashed by kind, as wide as their weight.
    Hover or click a relation for its evidence, click an actor for its ties;
    filter by sign, relation type and actor type. The same input gives
    byte-identical output.

    \b
    Example:
        vectorgraph render
        vectorgraph render graphs/kazakhstan-multivector.yaml -o kaz.html
        vectorgraph render --focus Russia --depth 1 --title "Russia's ties"
        vectorgraph render --fragment -o kaz-fragment.html
    """
    from vectorgraph.io import BUNDLED, atomic_write
    from vectorgraph.render import render

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus")
    doc = load_graph(file)
    page = render(doc, title=title, size_by=size_by, focus=focus,
                  depth=1 if depth is None else depth, fragment=fragment, seed=seed,
                  physics=physics)
    if output is None:
        output = Path(f"{file.stem if file is not None else BUNDLED}.html")
    with atomic_write(output) as fh:
        fh.write(page.html)
    click.echo(page.mode.describe(), err=True)
    click.echo(f"wrote {output} ({'fragment' if fragment else 'page'}, "
               f"{len(page.html.encode('utf-8')):,} bytes)", err=True)


# --- extraction ---


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default=None,
              help="yaml (a graph document) or json (node-link, as `export`) "
              "[default: from the output's suffix, else yaml].")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=0.0,
              show_default=True, help="Leave out relations below this confidence.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Read files in this many processes.")
def extract(paths: tuple[Path, ...], output: Path | None, fmt: str | None,
            min_confidence: float, jobs: int) -> None:
    """Extract a candidate graph from texts (files or folders of .txt/.md).

    Finds actors (states, organisations, regions, persons, companies) and the
    relations each sentence asserts, with the sentence as evidence and a
    confidence. Several texts give one merged graph; files that cannot be read
    are skipped with a message. Review the result before use.

    \b
    Example:
        vectorgraph extract graphs/sources/kazakhstan-multivector-2023.txt -o candidate.yaml
        vectorgraph extract articles/ --min-confidence 0.5 --format json -o corpus.json
    """
    from vectorgraph.extract.corpus import extract_corpus, iter_files

    files = list(iter_files(paths))
    base = (output.parent if str(output.parent) else Path(".")) if output else None
    fmt = fmt or ("json" if output is not None and output.suffix.lower() == ".json" else "yaml")
    skipped: list[str] = []

    def skip(message: str) -> None:
        skipped.append(message)

    if len(files) > 1:
        with click.progressbar(length=len(files), label="Extracting", file=sys.stderr) as bar:
            doc = extract_corpus(files, base=base, min_confidence=min_confidence, jobs=jobs,
                                 on_skip=skip, on_file=lambda: bar.update(1))
    else:
        doc = extract_corpus(files or paths, base=base, min_confidence=min_confidence,
                             on_skip=skip)
    for message in skipped:
        click.echo(f"skipped {message}", err=True)
    if fmt == "json":
        from vectorgraph.export import to_node_link

        text = json.dumps(to_node_link(doc), indent=2, ensure_ascii=False) + "\n"
    else:
        from vectorgraph.io import dumps

        text = dumps(doc, "yaml")
    click.echo(f"{len(doc.sources)} text(s): {len(doc.actors)} actors, "
               f"{len(doc.relations)} relations", err=True)
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
    from vectorgraph.extract.evaluate import MEASURES, evaluate as score

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
