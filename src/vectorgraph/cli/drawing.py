"""``vectorgraph render``: the interactive HTML page or fragment."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from vectorgraph.cli.base import cli, graph_argument, load_graph, slice_options
from vectorgraph.render.sizing import SIZE_MEASURES

if TYPE_CHECKING:
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
    seed: int,
    physics: bool | None,
    window: TimeSlice,
) -> None:
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
    doc = load_graph(file, window)
    page = render(
        doc,
        title=title,
        size_by=size_by,
        focus=focus,
        depth=1 if depth is None else depth,
        fragment=fragment,
        seed=seed,
        physics=physics,
    )
    if output is None:
        output = Path(f"{file.stem if file is not None else BUNDLED}.html")
    with atomic_write(output) as fh:
        fh.write(page.html)
    click.echo(page.mode.describe(), err=True)
    click.echo(
        f"wrote {output} ({'fragment' if fragment else 'page'}, "
        f"{len(page.html.encode('utf-8')):,} bytes)",
        err=True,
    )
