"""``vectorgraph render``: the interactive HTML page or fragment."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from vectorgraph.cli.base import (
    balance_options,
    cli,
    exit_now,
    graph_argument,
    load_graph,
    shown,
    slice_options,
)
from vectorgraph.render.sizing import SIZE_MEASURES

if TYPE_CHECKING:
    from vectorgraph.document import GraphDocument
    from vectorgraph.render.page import Extension
    from vectorgraph.timeslice import TimeSlice


@cli.command("render")
@graph_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here [default: the graph's file name with .html, in the current folder].",
)
@click.option("--title", help="The heading [default: the graph's title].")
@click.option(
    "--size-by",
    type=click.Choice(SIZE_MEASURES),
    default="pagerank",
    show_default=True,
    help="The centrality that sizes actors.",
)
@click.option(
    "--focus",
    metavar="ACTOR",
    help="Draw only the neighbourhood of this actor (id, name or alias).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    help="With --focus: how many ties away to reach [default: 1].",
)
@click.option(
    "--fragment",
    is_flag=True,
    help="Write an embeddable <div> with its scripts instead of a whole page.",
)
@click.option(
    "--id",
    "root_id",
    metavar="ID",
    help="The figure's element id, to embed the same graph twice [default: from a hash of the content].",
)
@click.option(
    "--no-library",
    is_flag=True,
    help="With --fragment: leave out vis-network and the page script, for a page whose first "
    "fragment already carries them.",
)
@balance_options
@click.option("--no-balance", is_flag=True, help="Leave the balance view out.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seeds the layout.")
@click.option(
    "--physics/--no-physics",
    default=None,
    help="Force browser physics on or off [default: on up to 300 actors and 1,500 relations].",
)
@slice_options
def render_command(
    file: Path | None,
    output: Path | None,
    title: str | None,
    size_by: str,
    focus: str | None,
    depth: int | None,
    fragment: bool,
    root_id: str | None,
    no_library: bool,
    focal: str | None,
    poles: str | None,
    by: str | None,
    no_balance: bool,
    seed: int,
    physics: bool | None,
    window: TimeSlice,
) -> None:
    """Draw the graph as interactive HTML: one self-contained, offline file.

    Actors are coloured and shaped by type and sized by a centrality;
    relations are coloured by sign, dashed by kind, as wide as their weight.
    Hover or click a relation for its evidence, click an actor for its ties;
    filter by sign, relation type and actor type. The balance view shows
    how the focal actor spreads its ties over the poles; a dated graph gets
    a time control. The same input gives byte-identical output.

    \b
    Example:
        vectorgraph render
        vectorgraph render graphs/kazakhstan-multivector.yaml -o kaz.html
        vectorgraph render --focus Russia --depth 1 --title "Russia's ties"
        vectorgraph render --fragment -o kaz-fragment.html
        vectorgraph render --fragment --id kaz-2 --no-library -o kaz-again.html
        vectorgraph render corpus.yaml --focal Kazakhstan --by year
    """
    from vectorgraph.errors import ArgumentError
    from vectorgraph.io import BUNDLED, atomic_write
    from vectorgraph.measures.collapsing import no_gc
    from vectorgraph.render import render

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus")
    if no_library and not fragment:
        raise click.UsageError("--no-library needs --fragment (a whole page always carries it)")
    # a large document is millions of objects that live until the page is written: the
    # cyclic collector walked them all again and again (a tenth of a 10,000-actor render)
    with no_gc():
        doc = load_graph(file, window)
        extensions = [] if no_balance else _balance(doc, window, focus, depth, focal, poles, by)
        try:
            page = render(
                doc,
                title=title,
                size_by=size_by,
                focus=focus,
                depth=1 if depth is None else depth,
                fragment=fragment,
                seed=seed,
                physics=physics,
                id=root_id,
                library=not no_library,
                extensions=extensions,
            )
        except ArgumentError as exc:  # the only argument render checks itself is the id
            raise click.BadParameter(str(exc), param_hint="'--id'") from None
    if output is None:
        output = Path(f"{file.stem if file is not None else BUNDLED}.html")
    with atomic_write(output) as fh:
        fh.write(page.html)
    click.echo(page.mode.describe(), err=True)
    click.echo(
        f"wrote {shown(output)} ({'fragment' if fragment else 'page'}, "
        f"{len(page.html.encode('utf-8')):,} bytes)",
        err=True,
    )
    exit_now()  # the process ends here: no freeing the document object by object


def _balance(
    doc: GraphDocument,
    window: TimeSlice,
    focus: str | None,
    depth: int | None,
    focal: str | None,
    poles: str | None,
    by: str | None,
) -> list[Extension]:
    """The balance view's extension for the graph the page draws (its --focus part)."""
    from vectorgraph.errors import ArgumentError, NotFoundError, VectorgraphError
    from vectorgraph.render.balance import balance_extensions
    from vectorgraph.render.data import neighbourhood

    drawn = neighbourhood(doc, focus, 1 if depth is None else depth) if focus else doc
    names = [p.strip() for p in poles.split(",") if p.strip()] if poles is not None else None
    try:
        return balance_extensions(
            drawn,
            focal,
            names,
            by=by,
            start=window.at or window.start,
            end=window.at or window.end,
        )
    except ArgumentError as exc:
        raise click.BadParameter(str(exc), param_hint="'--poles'") from None
    except NotFoundError as exc:
        raise VectorgraphError(f"{doc.path or 'the bundled graph'}: {exc}") from None
