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

#: The formats of ``vectorgraph export`` (the same as :data:`vectorgraph.export.FORMATS`).
EXPORT_FORMATS = ("json", "graphml", "gexf", "cytoscape", "csv", "dot")


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

    Every command that takes a graph FILE (a YAML or JSON document, or
    node-link JSON, GraphML or CSV as `vectorgraph export` writes them) uses the
    bundled article graph (Kazakhstan's multi-vector foreign policy) when none
    is given.
    """


def graph_argument(f: F) -> F:
    """An optional FILE argument: a graph document, the bundled graph by default."""
    return click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))(f)


def output_options(f: F) -> F:
    """``--format table|csv|json``: table on a terminal, by default."""
    return click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
                        default=None, help="Output format [default: table on a terminal, "
                        "else csv].")(f)


SLICE_KEY = "vectorgraph.slice"


def _date_param(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from vectorgraph.timeslice import check_date

    try:
        return check_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


def slice_options(f: F) -> F:
    """``--at``, ``--since``/``--from``, ``--until``, ``--undated``: a time slice.

    Every graph the command loads with :func:`load_graph` is sliced (see
    :mod:`vectorgraph.timeslice`). Apply it below the command's other decorators.
    """
    @functools.wraps(f)
    def wrapper(*args: Any, at: str | None, since: str | None, until: str | None,
                undated: str, **kwargs: Any) -> Any:
        from vectorgraph.timeslice import TimeSlice

        if at is not None and (since is not None or until is not None):
            raise click.UsageError("--at cannot be combined with --since/--until")
        window = TimeSlice(at=at, start=since, end=until, undated=undated)
        if window.active or undated == "drop":
            click.get_current_context().meta[SLICE_KEY] = window
        return f(*args, **kwargs)

    options = [
        click.option("--at", metavar="DATE", callback=_date_param,
                     help="Keep the relations in force at DATE (YYYY, YYYY-MM, YYYY-MM-DD "
                     "or A/B)."),
        click.option("--since", "--from", "since", metavar="DATE", callback=_date_param,
                     help="Keep the relations in force on or after DATE."),
        click.option("--until", "until", metavar="DATE", callback=_date_param,
                     help="Keep the relations in force on or before DATE."),
        click.option("--undated", type=click.Choice(["keep", "drop"]), default="keep",
                     show_default=True, help="What a time slice does with undated relations."),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


#: Suffixes that :func:`load_graph` reads with :func:`vectorgraph.interchange.read_graph`.
INTERCHANGE_SUFFIXES = (".json", ".graphml", ".csv")


def load_graph(file: Path | None) -> Any:
    """Load and validate FILE (the bundled graph when None), sliced by ``slice_options``.

    Besides YAML and JSON documents, FILE may be node-link JSON, GraphML or CSV
    (see :mod:`vectorgraph.interchange`).
    """
    if file is not None and file.suffix.lower() in INTERCHANGE_SUFFIXES:
        from vectorgraph.interchange import read_graph

        doc = read_graph(file)
    else:
        from vectorgraph.io import load

        doc = load(file)
    ctx = click.get_current_context(silent=True)
    window = ctx.meta.get(SLICE_KEY) if ctx is not None else None
    return window.apply(doc) if window is not None else doc


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
@click.option("--to", "to", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True,
              help="Interchange format.")
@click.option("-o", "--output", type=click.Path(),
              help="Write here instead of stdout (csv: X.csv -> X.nodes.csv + X.edges.csv, "
              "a folder or a name ending in / -> nodes.csv + edges.csv).")
@slice_options
def export(file: Path | None, to: str, output: str | None) -> None:
    """Write the graph in an interchange format.

    \b
    json       networkx node-link JSON, lossless (vectorgraph import reads it)
    graphml    GraphML (yEd, Gephi, networkx); lists joined by '|',
               evidence as a JSON string plus the first quote
    gexf       GEXF for Gephi: sign, relation type, weight as attributes,
               colours by sign and actor type, dates on the timeline
    cytoscape  Cytoscape.js elements JSON
    csv        a nodes file and an edges file (spreadsheets, Kumu); needs -o
    dot        Graphviz DOT

    \b
    Example:
        vectorgraph export --to gexf -o kazakhstan.gexf
        vectorgraph export --to csv -o sheet/kaz.csv --since 2022
    """
    from vectorgraph.export import export_graph

    if to == "csv" and output is None:
        raise click.UsageError("--to csv writes two files: give -o (X.csv or a folder)")
    result = export_graph(load_graph(file), to, output)
    if isinstance(result, str):
        click.echo(result, nl=False)
    else:
        for path in result:
            click.echo(f"wrote {path}", err=True)


# --- render ---

from vectorgraph.render.sizing import SIZE_MEASURES  # noqa: E402 - light: no pyvis, no networkx


@cli.command("render")
@graph_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here [default: the graph's file name with .html, in the current "
              "folder].")
@click.option("--title", help="The heading [default: the graph's title].")
@click.option("--size-by", type=click.Choice(SIZE_MEASURES), default="pagerank",
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
@slice_options
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


# --- measures ---

def _weight_options(f: F) -> F:
    """``--weight NAME``, ``--unweighted`` and ``--include-structural``."""
    f = click.option("--include-structural", is_flag=True,
                     help="Count structural ties (membership, leadership, ...) as positive "
                     "ties.")(f)
    f = click.option("--unweighted", is_flag=True,
                     help="Count every relation as 1 instead of its strength.")(f)
    return click.option("--weight", default="weight", show_default=True,
                        help="Edge attribute holding a relation's strength.")(f)


T = TypeVar("T")


def _top(rows: list[T], top: int | None) -> list[T]:
    return rows if top is None else rows[:top]


def _sort_key(value: Any) -> float:
    # round away float noise so that equal scores sort by id
    return -round(value, 12) if isinstance(value, (int, float)) else float("inf")


@cli.command("centrality")
@graph_argument
@output_options
@click.option("-m", "--measure", "measures", multiple=True, default=("strength",),
              show_default=True, metavar="NAME[,NAME...]",
              help="degree, in_degree, out_degree, strength, betweenness, closeness, "
              "harmonic, eigenvector, pagerank, pn, signed, or all. Repeatable.")
@click.option("--top", type=click.IntRange(min=1), help="Only the N highest actors.")
@_weight_options
@click.option("--distance", type=click.Choice(["hops", "inverse"]), default="hops",
              show_default=True, help="Path length for betweenness, closeness, harmonic: "
              "hops, or 1/strength.")
@click.option("--directed", is_flag=True,
              help="Read path measures, eigenvector and PageRank along relation direction.")
@click.option("--samples", type=click.IntRange(min=2),
              help="Estimate betweenness from K sampled source actors.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for --samples.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="2: exact betweenness runs in a second process beside the other "
              "measures (graphs of 2,000 actors or more). Helps only with a free core.")
@slice_options
def centrality_command(file: Path | None, fmt: str | None, measures: tuple[str, ...],
                       top: int | None, weight: str, unweighted: bool,
                       include_structural: bool, distance: str, directed: bool,
                       samples: int | None, seed: int, workers: int) -> None:
    """Centrality of every actor, sorted by the first measure, then id.

    Parallel relations between two actors are summed; eigenvector and
    PageRank read positive ties only; structural ties are left out unless
    --include-structural. See the README's Measures section for the rules.

    \b
    Example:
        vectorgraph centrality --top 5
        vectorgraph centrality -m pagerank,betweenness --format json
        vectorgraph centrality big.json -m all --samples 500 --seed 1
    """
    from vectorgraph.measures import centralities, parse_measures

    try:
        names = parse_measures(measures)
    except VectorgraphError as exc:
        raise click.BadParameter(str(exc), param_hint="--measure") from None
    G = load_graph(file).to_networkx()
    table = centralities(G, names, weight=None if unweighted else weight, distance=distance,
                         directed=directed, include_structural=include_structural,
                         samples=samples, seed=seed, workers=workers)
    columns = list(table)
    rows = [{"actor": v, "name": G.nodes[v].get("name", v),
             **{c: table[c][v] for c in columns}} for v in G]
    rows.sort(key=lambda r: (_sort_key(r[columns[0]]), str(r["actor"])))
    emit(_top(rows, top), ["actor", "name", *columns], fmt)


@cli.command()
@graph_argument
@output_options
@click.option("--focal", default="KAZ", show_default=True, help="The actor whose ties are "
              "measured.")
@click.option("--poles", default="RUS,CHN,WEST,TUR,CENTRAL_ASIA", show_default=True,
              help="Comma-separated pole actors; a pole's members count toward it.")
@click.option("--all-states", is_flag=True, help="One row for every state instead of --focal.")
@click.option("--two-step", is_flag=True,
              help="Add ties through organisations and companies outside the poles.")
@click.option("--top", type=click.IntRange(min=1), help="Only the first N rows.")
@_weight_options
@slice_options
def vectors(file: Path | None, fmt: str | None, focal: str, poles: str, all_states: bool,
            two_step: bool, top: int | None, weight: str, unweighted: bool,
            include_structural: bool) -> None:
    """How an actor spreads its ties across poles: the multi-vector balance.

    For --focal, one row per pole: positive, negative and net tie weight,
    share of the focal actor's positive weight, and p, the share among the
    poles. The balance index (normalised entropy of p: 1 even, 0 one pole;
    concentration; dominant pole) goes to stderr, or into --format json.
    --all-states gives the index of every state, most even first.

    \b
    Example:
        vectorgraph vectors
        vectorgraph vectors --focal KAZ --poles RUS,CHN,WEST --two-step
        vectorgraph vectors --all-states --format json
    """
    from vectorgraph.measures import vector_balances

    pole_ids = [p.strip() for p in poles.split(",") if p.strip()]
    if not pole_ids:
        raise click.BadParameter("give at least one pole", param_hint="--poles")
    G = load_graph(file).to_networkx()
    results = vector_balances(G, pole_ids, focals=None if all_states else [focal],
                              weight=None if unweighted else weight,
                              include_structural=include_structural, two_step=two_step)
    if fmt == "json":
        data: Any = [b.to_dict() for b in _top(list(results), top)]
        click.echo(json.dumps(data if all_states else data[0], indent=2, ensure_ascii=False))
        return
    if all_states:
        rows = [{"focal": b.focal, "name": G.nodes[b.focal].get("name", b.focal),
                 "entropy": b.entropy, "concentration": b.concentration,
                 "dominant": b.dominant, "positive": b.total_positive,
                 **{f"p_{t.pole}": t.p for t in b.poles}} for b in results]
        emit(_top(rows, top), ["focal", "name", "entropy", "concentration", "dominant",
                               "positive", *(f"p_{p}" for p in pole_ids)], fmt)
        return
    b = results[0]
    rows = sorted((t.to_dict() for t in b.poles), key=lambda r: (_sort_key(r["positive"]),
                                                                  r["pole"]))
    excluded = f"; own pole left out: {', '.join(b.excluded)}" if b.excluded else ""
    click.echo(f"{b.focal}: entropy {_cell(b.entropy) or 'undefined'}, concentration "
               f"{_cell(b.concentration) or 'undefined'}, dominant {b.dominant or 'none'} "
               f"(K={len(b.poles)}{excluded})", err=True)
    emit(_top(rows, top), ["pole", "positive", "negative", "net", "share", "p"], fmt)


@cli.command()
@graph_argument
@output_options
@click.option("--triads", is_flag=True, help="List the unbalanced triads instead of the "
              "summary.")
@click.option("--top", type=click.IntRange(min=1), help="Only the first N triads.")
@click.option("--no-frustration", is_flag=True, help="Skip the frustration index.")
@click.option("--exact-limit", type=click.IntRange(min=2, max=24), default=20,
              show_default=True, help="Largest block solved exactly by trying every split.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the heuristic for larger blocks.")
@_weight_options
def balance(file: Path | None, fmt: str | None, triads: bool, top: int | None,
            no_frustration: bool, exact_limit: int, seed: int, weight: str, unweighted: bool,
            include_structural: bool) -> None:
    """Structural balance: signed triangles, unbalanced triads, frustration index.

    Each pair takes the sign of its net strength (positive minus negative).
    A triangle is balanced when the product of its signs is positive (+++,
    +--). The frustration index is the fewest sign changes that balance the
    graph: exact up to --exact-limit actors per block, else a bound.

    \b
    Example:
        vectorgraph balance
        vectorgraph balance --triads --format csv
        vectorgraph balance big.json --format json --no-frustration
    """
    from vectorgraph.measures import structural_balance

    result = structural_balance(load_graph(file).to_networkx(),
                                weight=None if unweighted else weight,
                                include_structural=include_structural,
                                frustration=not no_frustration, exact_limit=exact_limit,
                                seed=seed)
    if fmt == "json":
        data = result.to_dict()
        data["unbalanced"] = _top(data["unbalanced"], top)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if triads:
        rows = [{"a": t.actors[0], "b": t.actors[1], "c": t.actors[2], "kind": t.kind,
                 "edges": " ".join(f"{u}{'+' if s > 0 else '-'}{v}" for u, v, s in t.edges)}
                for t in result.unbalanced]
        emit(_top(rows, top), ["a", "b", "c", "kind", "edges"], fmt)
        return
    summary: list[tuple[str, Any]] = [
        ("triangles", result.triangles), ("balanced", result.balanced),
        ("unbalanced", result.triangles - result.balanced), ("ratio", result.ratio),
        *((kind, n) for kind, n in result.counts.items()), ("ambivalent", result.ambivalent)]
    f = result.frustration
    if f is not None:
        summary += [("frustration", f.value), ("frustration_exact", f.exact),
                    ("frustration_lower_bound", f.lower_bound),
                    ("frustrated_edges", " ".join(f"{u}-{v}" for u, v in f.edges[:20])
                     + (" ..." if len(f.edges) > 20 else ""))]
    emit([{"measure": k, "value": v} for k, v in summary], ["measure", "value"], fmt)


# --- interchange: import, merge, diff, ties, path ---

_SIGN_CHOICES = {"+": 1, "+1": 1, "1": 1, "-": -1, "-1": -1, "0": 0}


def _signs(values: tuple[str, ...]) -> list[int] | None:
    return sorted({_SIGN_CHOICES[v] for v in values}) if values else None


def _sign_text(sign: int) -> str:
    return {1: "+", -1: "-", 0: "0"}[sign]


def sign_type_options(f: F) -> F:
    """``--sign`` and ``--type`` (each repeatable): keep only those relations."""
    f = click.option("--type", "types", multiple=True, metavar="TYPE",
                     help="Only relations of this type (repeatable).")(f)
    return click.option("--sign", "signs", multiple=True,
                        type=click.Choice(list(_SIGN_CHOICES)),
                        help="Only relations of this sign: + - or 0 (repeatable).")(f)


def _check_types(doc: Any, types: tuple[str, ...]) -> list[str] | None:
    for kind in types:
        if kind not in doc.types:
            raise click.BadParameter(f"unknown relation type {kind!r}", param_hint="'--type'")
    return list(types) or None


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--from", "fmt", type=click.Choice(["json", "csv", "graphml"]), default=None,
              help="The file's format [default: from its suffix; a folder is csv].")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The graph document to write (YAML, or JSON for .json).")
def import_(file: Path, fmt: str | None, output: Path) -> None:
    """Make a graph document from node-link JSON, CSV or GraphML.

    CSV: a nodes file (id, name, type, aliases, members, note) and an edges
    file (source, target, type; optional sign, score, weight, directed, date,
    confidence, note, quote, evidence). FILE names the pair: X.csv,
    X.nodes.csv or X.edges.csv, or a folder with nodes.csv and edges.csv.
    Empty cells default from the relation type; errors name file and row.

    \b
    Example:
        vectorgraph import sheet/kaz.csv -o kaz.yaml
        vectorgraph import kazakhstan.graphml -o kaz.yaml
    """
    from vectorgraph.interchange import import_file

    doc = import_file(file, output, fmt)
    click.echo(f"wrote {output} ({len(doc.actors)} actors, {len(doc.relations)} relations)",
               err=True)


@cli.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The merged graph document (YAML, or JSON for .json).")
@click.option("--title", help="Title of the merged graph [default: the titles joined].")
@click.option("--by-date", is_flag=True,
              help="Combine only relations of the same date (keeps time slices sharp).")
@slice_options
def merge(files: tuple[Path, ...], output: Path, title: str | None, by_date: bool) -> None:
    """Merge graph documents into one.

    The same actor id is one actor (aliases joined, the first name and type
    win); relations of the same type and sign between the same actors are
    combined (evidence joined, a count, weight 1 - prod(1 - w)); opposite
    claims stay side by side. Decisions and disagreements are reported. The
    date of combined relations is the period covering theirs; --by-date
    combines only relations of the same date.

    \b
    Example:
        vectorgraph merge graphs/a.yaml graphs/b.yaml -o corpus.yaml
    """
    from vectorgraph.io import dump
    from vectorgraph.merging import merge as merge_docs

    docs = [load_graph(f) for f in files]
    merged = merge_docs(docs, title=title, base=output.parent, by_date=by_date)
    dump(merged.document, output)
    for line in merged.conflicts:
        click.echo(f"note: {line}", err=True)
    doc = merged.document
    combined = sum(len(d.relations) for d in docs) - len(doc.relations)
    click.echo(f"wrote {output} ({len(doc.actors)} actors, {len(doc.relations)} relations; "
               f"{combined} combined)", err=True)


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=0),
              help="How many of the largest rank moves to list.")
@output_options
@slice_options
def diff(old: Path, new: Path, top: int, fmt: str | None) -> None:
    """What changed from graph OLD to graph NEW.

    Actors and relations added and removed, sign flips (of a relation, and of
    a pair's net sign), weight changes, and the actors whose centrality rank
    (PageRank over positive ties) moved most.

    \b
    Example:
        vectorgraph diff before.yaml after.yaml
        vectorgraph diff old.yaml new.yaml --format json
    """
    from vectorgraph.compare import diff as diff_docs

    result = diff_docs(load_graph(old), load_graph(new), top=top)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    emit(result.rows(), ["change", "source", "target", "type", "before", "after"], fmt)


@cli.command()
@click.argument("actor")
@graph_argument
@sign_type_options
@output_options
@slice_options
def ties(actor: str, file: Path | None, signs: tuple[str, ...], types: tuple[str, ...],
         fmt: str | None) -> None:
    """An actor's relations with their evidence, strongest first.

    ACTOR is an id, a name or an alias. One row per piece of evidence;
    direction -> means ACTOR acts on the other, <- the reverse, -- undirected.

    \b
    Example:
        vectorgraph ties Astana --sign -
        vectorgraph ties RUS --type sanctions --format json
    """
    from vectorgraph.queries import actor_ties

    doc = load_graph(file)
    found = actor_ties(doc, actor, sign=_signs(signs), type=_check_types(doc, types))
    if fmt == "json":
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    rows = []
    for tie in found:
        base = {**tie, "sign": _sign_text(tie["sign"])}
        for ev in tie["evidence"] or [{}]:
            rows.append({**base, **ev})
    emit(rows, ["direction", "other", "type", "sign", "weight", "date", "source", "sentence",
                "quote"], fmt)


@cli.command()
@click.argument("source")
@click.argument("target")
@graph_argument
@sign_type_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1),
              help="At most this many chains.")
@output_options
@slice_options
def path(source: str, target: str, file: Path | None, signs: tuple[str, ...],
         types: tuple[str, ...], limit: int, fmt: str | None) -> None:
    """The shortest chains of ties between two actors, with signs.

    Each hop shows the relations between its two actors (type and sign); a
    hop's sign is that of the sum of sign x weight, the chain's the product
    of its hops'.

    \b
    Example:
        vectorgraph path Turkey Moscow
        vectorgraph path USA CHN --sign + --format json
    """
    from vectorgraph.queries import shortest_chains

    doc = load_graph(file)
    chains = shortest_chains(doc, source, target, limit=limit, sign=_signs(signs),
                             type=_check_types(doc, types))
    if fmt == "json":
        click.echo(json.dumps(chains, indent=2, ensure_ascii=False))
        return
    rows = []
    for i, chain in enumerate(chains, 1):
        parts = [chain["actors"][0]]
        for hop in chain["hops"]:
            kinds = ", ".join(f"{r['type']} {_sign_text(r['sign'])}" for r in hop["relations"])
            parts.append(f"[{kinds}] {hop['target']}")
        rows.append({"chain": i, "hops": len(chain["hops"]), "sign": _sign_text(chain["sign"]),
                     "path": " ".join(parts)})
    emit(rows, ["chain", "hops", "sign", "path"], fmt)
