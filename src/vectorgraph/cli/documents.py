"""Commands on documents: validate, info, export, import, merge, diff, ties, path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from vectorgraph.cli.base import (
    GRAPH_PATH,
    CommandError,
    F,
    cli,
    emit,
    graph_argument,
    load_graph,
    output_options,
    shown,
    slice_options,
)
from vectorgraph.errors import DocumentError
from vectorgraph.export import FORMATS
from vectorgraph.formats import readable
from vectorgraph.ties import SIGN_FORMS, parse_sign, sign_text

if TYPE_CHECKING:
    from vectorgraph.timeslice import TimeSlice


@cli.command()
@click.argument("files", nargs=-1, type=GRAPH_PATH)
def validate(files: tuple[Path, ...]) -> None:
    """Check graphs; report every problem with its file and place.

    Exits 0 when every FILE is valid, 1 otherwise; without FILE, checks the
    bundled graph. FILE is any format the other commands read (`-`: stdin).

    \b
    Example:
        vectorgraph validate graphs/kazakhstan-multivector.yaml
    """
    found: list[str] = []
    for file in files or (None,):
        try:
            doc = load_graph(file)
        except DocumentError as exc:
            found.extend(exc.problems)
            continue
        name = file if file is not None else doc.path
        click.echo(
            f"{name}: valid ({len(doc.actors)} actors, {len(doc.relations)} relations)", err=True
        )
    if found:
        raise CommandError(found)


@cli.command()
@graph_argument
@output_options
@slice_options
def info(file: Path | None, fmt: str | None, window: TimeSlice) -> None:
    """Counts of actors by type, relations by type and sign, and the sources.

    \b
    Example:
        vectorgraph info
        vectorgraph info graphs/kazakhstan-multivector.yaml --format json
    """
    from vectorgraph.summary import summarize

    summary = summarize(load_graph(file, window))
    if fmt == "json":
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    rows = [
        {"section": section, "key": key, "count": count}
        for section in ("actors", "relation_types", "signs")
        for key, count in summary[section].items()
    ]
    rows += [
        {"section": "sources", "key": s["id"], "count": s["evidence"]} for s in summary["sources"]
    ]
    click.echo(
        f"{summary['title']}: {summary['n_actors']} actors, {summary['n_relations']} relations",
        err=True,
    )
    emit(rows, ["section", "key", "count"], fmt)


@cli.command()
@graph_argument
@click.option(
    "--to",
    "to",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="Interchange format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write here instead of stdout (csv: X.csv -> X.nodes.csv + X.edges.csv, "
    "a folder or a name ending in / -> nodes.csv + edges.csv).",
)
@click.option(
    "--csv-raw",
    is_flag=True,
    help="csv: write cells beginning = + - @ as they are (lossless), not behind a ' "
    "that keeps a spreadsheet from running them as formulas.",
)
@slice_options
def export(
    file: Path | None, to: str, output: str | None, csv_raw: bool, window: TimeSlice
) -> None:
    """Write the graph in an interchange format.

    \b
    json       networkx node-link JSON, lossless (vectorgraph import reads it)
    graphml    GraphML (yEd, Gephi, networkx); lists joined by '|',
               evidence as a JSON string plus the first quote
    gexf       GEXF 1.2 for Gephi: sign, relation type, weight as attributes,
               each edge's direction, colours by sign and actor type,
               dates on the timeline
    cytoscape  Cytoscape.js elements JSON (cy.json() form)
    csv        a nodes file and an edges file (spreadsheets, Kumu); needs -o;
               formula-like cells behind a ' unless --csv-raw
    dot        Graphviz DOT

    Every format but dot reads back (vectorgraph import, and FILE of every
    command). -o - is stdout.

    \b
    Example:
        vectorgraph export --to gexf -o kazakhstan.gexf
        vectorgraph export --to csv -o sheet/kaz.csv --since 2022
    """
    from vectorgraph.export import export_graph

    if to == "csv" and output in (None, "-"):
        raise click.UsageError("--to csv writes two files: give -o (X.csv or a folder)")
    options = {"raw": True} if csv_raw and to == "csv" else {}
    result = export_graph(load_graph(file, window), to, output, **options)
    if isinstance(result, str):
        click.echo(result, nl=False)
    else:
        for path in result:
            click.echo(f"wrote {path}", err=True)


#: What --sign accepts: the forms :func:`vectorgraph.ties.parse_sign` reads, ASCII only.
_SIGN_CHOICES = [form for form in SIGN_FORMS if form.isascii()]


def _signs(values: tuple[str, ...]) -> list[int] | None:
    return sorted({parse_sign(v) for v in values}) if values else None


def sign_type_options(f: F) -> F:
    """``--sign`` and ``--type`` (each repeatable): keep only those relations."""
    f = click.option(
        "--type",
        "types",
        multiple=True,
        metavar="TYPE",
        help="Only relations of this type (repeatable).",
    )(f)
    return click.option(
        "--sign",
        "signs",
        multiple=True,
        type=click.Choice(_SIGN_CHOICES),
        help="Only relations of this sign: + - or 0 (repeatable).",
    )(f)


def _check_types(doc: Any, types: tuple[str, ...]) -> list[str] | None:
    for kind in types:
        if kind not in doc.types:
            raise click.BadParameter(f"unknown relation type {kind!r}", param_hint="'--type'")
    return list(types) or None


@cli.command("import")
@click.argument("file", type=GRAPH_PATH)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(readable()),
    default=None,
    help="FILE's format [default: from its suffix, else its content; a folder is csv].",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The graph document to write (YAML, or JSON for .json; - for stdout).",
)
def import_(file: Path, fmt: str | None, output: Path) -> None:
    """Make a graph document from node-link JSON, GraphML, GEXF, Cytoscape.js JSON or CSV.

    CSV: a nodes file (id, name, type, aliases, members, note) and an edges
    file (source, target, type; optional sign, score, weight, directed, date,
    confidence, note, quote, evidence). FILE names the pair: X.csv,
    X.nodes.csv or X.edges.csv, or a folder with nodes.csv and edges.csv.
    Empty cells default from the relation type; errors name file and row.

    \b
    Example:
        vectorgraph import sheet/kaz.csv -o kaz.yaml
        vectorgraph import kazakhstan.graphml -o kaz.yaml
        vectorgraph export --to gexf | vectorgraph import - --format gexf -o -
    """
    from vectorgraph.interchange import import_file

    doc = import_file(file, output, fmt)
    click.echo(
        f"wrote {shown(output)} ({len(doc.actors)} actors, {len(doc.relations)} relations)",
        err=True,
    )


@cli.command()
@click.argument("files", nargs=-1, required=True, type=GRAPH_PATH)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="The merged graph document (YAML, or JSON for .json; - for stdout).",
)
@click.option("--title", help="Title of the merged graph [default: the titles joined].")
@click.option(
    "--by-date",
    is_flag=True,
    help="Combine only relations of the same date (keeps time slices sharp).",
)
@slice_options
def merge(
    files: tuple[Path, ...], output: Path, title: str | None, by_date: bool, window: TimeSlice
) -> None:
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

    docs = (load_graph(f, window) for f in files)  # one document in memory at a time
    merged = merge_docs(docs, title=title, base=output.parent, by_date=by_date)
    dump(merged.document, output)
    for line in merged.conflicts:
        click.echo(f"note: {line}", err=True)
    doc = merged.document
    combined = merged.relations_read - len(doc.relations)
    click.echo(
        f"wrote {shown(output)} ({len(doc.actors)} actors, {len(doc.relations)} relations; "
        f"{combined} combined)",
        err=True,
    )


@cli.command()
@click.argument("old", type=GRAPH_PATH)
@click.argument("new", type=GRAPH_PATH)
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many of the largest rank moves to list.",
)
@output_options
@slice_options
def diff(old: Path, new: Path, top: int, fmt: str | None, window: TimeSlice) -> None:
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

    result = diff_docs(load_graph(old, window), load_graph(new, window), top=top)
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
def ties(
    actor: str,
    file: Path | None,
    signs: tuple[str, ...],
    types: tuple[str, ...],
    fmt: str | None,
    window: TimeSlice,
) -> None:
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
        base = {**tie, "sign": sign_text(tie["sign"])}
        for ev in tie["evidence"] or [{}]:
            rows.append({**base, **ev})
    emit(
        rows,
        ["direction", "other", "type", "sign", "weight", "date", "source", "sentence", "quote"],
        fmt,
    )


@cli.command()
@click.argument("source")
@click.argument("target")
@graph_argument
@sign_type_options
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(min=1),
    help="At most this many chains.",
)
@output_options
@slice_options
def path(
    source: str,
    target: str,
    file: Path | None,
    signs: tuple[str, ...],
    types: tuple[str, ...],
    limit: int,
    fmt: str | None,
    window: TimeSlice,
) -> None:
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
    chains = shortest_chains(
        doc, source, target, limit=limit, sign=_signs(signs), type=_check_types(doc, types)
    )
    if fmt == "json":
        click.echo(json.dumps(chains, indent=2, ensure_ascii=False))
        return
    rows = []
    for i, chain in enumerate(chains, 1):
        parts = [chain["actors"][0]]
        for hop in chain["hops"]:
            kinds = ", ".join(f"{r['type']} {sign_text(r['sign'])}" for r in hop["relations"])
            parts.append(f"[{kinds}] {hop['target']}")
        rows.append(
            {
                "chain": i,
                "hops": len(chain["hops"]),
                "sign": sign_text(chain["sign"]),
                "path": " ".join(parts),
            }
        )
    emit(rows, ["chain", "hops", "sign", "path"], fmt)
