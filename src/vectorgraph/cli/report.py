"""``vectorgraph report``: one printable page to attach to a brief."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from vectorgraph.cli.base import (
    balance_options,
    cli,
    graph_argument,
    load_graph,
    shown,
    slice_options,
)
from vectorgraph.errors import ArgumentError, NotFoundError, VectorgraphError

if TYPE_CHECKING:
    from vectorgraph.timeslice import TimeSlice


@cli.command("report")
@graph_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here [default: the graph's file name with -report.html, in the current folder].",
)
@balance_options
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="How many of the most central actors to list.",
)
@click.option("--title", help="The heading [default: the graph's title].")
@click.option("--seed", type=int, default=0, show_default=True, help="Seeds the layout.")
@slice_options
def report_command(
    file: Path | None,
    output: Path | None,
    focal: str | None,
    poles: str | None,
    by: str | None,
    top: int,
    title: str | None,
    seed: int,
    window: TimeSlice,
) -> None:
    """Write a self-contained, printable HTML report of the graph.

    The graph, the focal actor's balance per pole and what each pole
    contains, the balance over time (for a dated graph), the most central
    actors, the unbalanced triads and the evidence table with its sources.
    Charts are SVG; the page runs no script and loads nothing, and prints
    on A4 (print it to PDF from the browser).

    \b
    Example:
        vectorgraph report -o report.html
        vectorgraph report corpus.yaml --focal Kazakhstan --by quarter -o brief.html
        vectorgraph report --since 2022 --top 5 -o since-2022.html
    """
    from vectorgraph.io import BUNDLED, atomic_write
    from vectorgraph.render.report import report

    names = None
    if poles is not None:
        names = [p.strip() for p in poles.split(",") if p.strip()]
    doc = load_graph(file, window)
    where = doc.path or "the bundled graph"
    try:
        page = report(
            doc,
            focal=focal,
            poles=names,
            by=by,
            top=top,
            title=title,
            seed=seed,
            start=window.at or window.start,
            end=window.at or window.end,
        )
    except ArgumentError as exc:
        raise click.BadParameter(str(exc), param_hint="--poles") from None
    except NotFoundError as exc:
        raise VectorgraphError(f"{where}: {exc}") from None
    if output is None:
        output = Path(f"{file.stem if file is not None else BUNDLED}-report.html")
    with atomic_write(output) as fh:
        fh.write(page)
    click.echo(f"wrote {shown(output)} (report, {len(page.encode('utf-8')):,} bytes)", err=True)
