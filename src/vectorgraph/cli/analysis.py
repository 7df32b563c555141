"""Measures: ``vectorgraph centrality``, ``vectors`` and ``balance``."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from vectorgraph.cli.base import (
    PERIOD_UNITS,
    F,
    cell,
    cli,
    emit,
    exit_now,
    graph_argument,
    load_graph,
    output_options,
    slice_options,
)
from vectorgraph.errors import NotFoundError, VectorgraphError
from vectorgraph.measures import CENTRALITY_MEASURES, DEFAULT_FOCAL, DEFAULT_POLES, DISTANCES
from vectorgraph.measures.collapsing import no_gc

if TYPE_CHECKING:
    from vectorgraph.document import GraphDocument
    from vectorgraph.timeslice import TimeSlice


def _weight_options(f: F) -> F:
    """``--weight NAME``, ``--unweighted`` and ``--include-structural``."""
    f = click.option(
        "--include-structural",
        is_flag=True,
        help="Count structural ties (membership, leadership, ...) as positive ties.",
    )(f)
    f = click.option(
        "--unweighted", is_flag=True, help="Count every relation as 1 instead of its strength."
    )(f)
    return click.option(
        "--weight",
        default="weight",
        show_default=True,
        help="Edge attribute holding a relation's strength.",
    )(f)


T = TypeVar("T")


def _top(rows: list[T], top: int | None) -> list[T]:
    return rows if top is None else rows[:top]


def _sort_key(value: Any) -> float:
    # round away float noise so that equal scores sort by id
    return -round(value, 12) if isinstance(value, (int, float)) else float("inf")


@cli.command("centrality")
@graph_argument
@output_options
@click.option(
    "-m",
    "--measure",
    "measures",
    multiple=True,
    default=("strength",),
    show_default=True,
    metavar="NAME[,NAME...]",
    help=f"{', '.join(CENTRALITY_MEASURES)}, or all. Repeatable.",
)
@click.option("--top", type=click.IntRange(min=1), help="Only the N highest actors.")
@_weight_options
@click.option(
    "--distance",
    type=click.Choice(DISTANCES),
    default="hops",
    show_default=True,
    help="Path length for betweenness, closeness, harmonic: hops, or 1/strength.",
)
@click.option(
    "--directed",
    is_flag=True,
    help="Read path measures, eigenvector and PageRank along relation direction.",
)
@click.option(
    "--samples",
    type=click.IntRange(min=2),
    help="Estimate betweenness from K sampled source actors.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for --samples.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="N: betweenness, closeness and harmonic split over N processes beside "
    "the other measures (graphs of 2,000 actors or more; the same values) "
    "[default: 2 on a machine with two cores or more, else 1].",
)
@slice_options
def centrality_command(
    file: Path | None,
    fmt: str | None,
    measures: tuple[str, ...],
    top: int | None,
    weight: str,
    unweighted: bool,
    include_structural: bool,
    distance: str,
    directed: bool,
    samples: int | None,
    seed: int,
    workers: int | None,
    window: TimeSlice,
) -> None:
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
    from vectorgraph.measures import centralities, parse_measures, searches_ahead

    try:
        names = parse_measures(measures)
    except VectorgraphError as exc:
        raise click.BadParameter(str(exc), param_hint="--measure") from None
    if workers is None:
        workers = 2 if (os.cpu_count() or 1) >= 2 else 1
    options: dict[str, Any] = {
        "distance": distance,
        "directed": directed,
        "include_structural": include_structural,
        "samples": samples,
        "seed": seed,
    }
    # the document, its graphs and the table are millions of small objects in no cycle: the
    # collector, each time it ran, walked them all (2 of 11 CPU seconds at 10,000 actors)
    with searches_ahead(workers, file) as ahead, no_gc():  # numba starts while the file is read
        doc = load_graph(file, window)
        if ahead is not None:
            ahead.send(doc, names, **options)  # the searches start before networkx
        weighted = None if unweighted else weight
        # from the document itself: no networkx graph on the default engine's way
        table = centralities(doc, names, weight=weighted, workers=workers, ahead=ahead, **options)
        columns = list(table)
        rows = [
            {"actor": a.id, "name": a.name, **{c: table[c][a.id] for c in columns}}
            for a in doc.actors
        ]
        rows.sort(key=lambda r: (_sort_key(r[columns[0]]), str(r["actor"])))
        emit(_top(rows, top), ["actor", "name", *columns], fmt)
        if ahead is not None:  # a large file, and the process ends next: neither turning the
            gc.freeze()  # collector back on nor the exit walks what this command built
    if ahead is not None:  # the child stopped: end without freeing the graphs one by one
        exit_now()


@cli.command()
@graph_argument
@output_options
@click.option(
    "--focal", default=DEFAULT_FOCAL, show_default=True, help="The actor whose ties are measured."
)
@click.option(
    "--poles",
    default=",".join(DEFAULT_POLES),
    show_default=True,
    help="Comma-separated pole actors; a pole's members count toward it.",
)
@click.option("--all-states", is_flag=True, help="One row for every state instead of --focal.")
@click.option(
    "--two-step",
    is_flag=True,
    help="Add ties through organisations and companies outside the poles.",
)
@click.option(
    "--by",
    type=click.Choice(PERIOD_UNITS),
    help="The balance of --focal in every year, quarter or month of the relations' dates.",
)
@click.option("--top", type=click.IntRange(min=1), help="Only the first N rows.")
@_weight_options
@slice_options
def vectors(
    file: Path | None,
    fmt: str | None,
    focal: str,
    poles: str,
    all_states: bool,
    two_step: bool,
    by: str | None,
    top: int | None,
    weight: str,
    unweighted: bool,
    include_structural: bool,
    window: TimeSlice,
) -> None:
    """How an actor spreads its ties across poles: the multi-vector balance.

    For --focal, one row per pole: positive, negative and net tie weight,
    share of the focal actor's positive weight, and p, the share among the
    poles. The balance index (normalised entropy of p: 1 even, 0 one pole;
    concentration; dominant pole) goes to stderr, or into --format json.
    --all-states gives the index of every state, most even first. --by
    gives one row per period: counts (relations in force, the focal actor's
    ties, their evidence sentences), the index and p per pole.

    \b
    Example:
        vectorgraph vectors
        vectorgraph vectors --focal KAZ --poles RUS,CHN,WEST --two-step
        vectorgraph vectors --all-states --format json
        vectorgraph vectors --by quarter --undated drop
    """
    from vectorgraph.measures import vector_balances

    if by is not None and all_states:
        raise click.UsageError("--by cannot be combined with --all-states")
    names = [p.strip() for p in poles.split(",") if p.strip()]
    if not names:
        raise click.BadParameter("give at least one pole", param_hint="--poles")
    doc = load_graph(file, window)
    where = doc.path or "the bundled graph"

    def resolve(name: str, role: str) -> str:  # an id, name or alias, as `ties` and `path` take
        try:
            return doc.find_actor(name).id
        except NotFoundError:
            raise NotFoundError(f"{where}: unknown {role} actor {name!r}") from None

    pole_ids = [resolve(name, "pole") for name in names]
    if not all_states:
        focal = resolve(focal, "focal")
    if by is not None:
        _timeline(
            doc,
            window,
            where,
            by,
            focal,
            pole_ids,
            fmt,
            top,
            weight,
            unweighted,
            include_structural,
            two_step,
        )
        return
    G = doc.to_networkx()
    results = vector_balances(
        G,
        pole_ids,
        focals=None if all_states else [focal],
        weight=None if unweighted else weight,
        include_structural=include_structural,
        two_step=two_step,
    )
    if fmt == "json":
        data: Any = [b.to_dict() for b in _top(list(results), top)]
        click.echo(json.dumps(data if all_states else data[0], indent=2, ensure_ascii=False))
        return
    if all_states:
        rows = [
            {
                "focal": b.focal,
                "name": G.nodes[b.focal].get("name", b.focal),
                "entropy": b.entropy,
                "concentration": b.concentration,
                "dominant": b.dominant,
                "positive": b.total_positive,
                **{f"p_{t.pole}": t.p for t in b.poles},
            }
            for b in results
        ]
        emit(
            _top(rows, top),
            [
                "focal",
                "name",
                "entropy",
                "concentration",
                "dominant",
                "positive",
                *(f"p_{p}" for p in pole_ids),
            ],
            fmt,
        )
        return
    b = results[0]
    rows = sorted(
        (t.to_dict() for t in b.poles), key=lambda r: (_sort_key(r["positive"]), r["pole"])
    )
    excluded = f"; own pole left out: {', '.join(b.excluded)}" if b.excluded else ""
    click.echo(
        f"{b.focal}: entropy {cell(b.entropy) or 'undefined'}, concentration "
        f"{cell(b.concentration) or 'undefined'}, dominant {b.dominant or 'none'} "
        f"(K={len(b.poles)}{excluded})",
        err=True,
    )
    emit(_top(rows, top), ["pole", "positive", "negative", "net", "share", "p"], fmt)


def _timeline(
    doc: GraphDocument,
    window: TimeSlice,
    where: str,
    by: str,
    focal: str,
    poles: list[str],
    fmt: str | None,
    top: int | None,
    weight: str,
    unweighted: bool,
    include_structural: bool,
    two_step: bool,
) -> None:
    """``vectors --by``: the balance per period."""
    from vectorgraph.timeline import balance_timeline

    try:
        timeline = balance_timeline(
            doc,
            by,
            focal,
            poles,
            start=window.at or window.start,
            end=window.at or window.end,
            weight=None if unweighted else weight,
            include_structural=include_structural,
            two_step=two_step,
        )
    except VectorgraphError as exc:
        raise VectorgraphError(f"{where}: {exc}") from None
    if fmt == "json":
        data = timeline.to_dict()
        data["periods"] = _top(data["periods"], top)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    first, last = timeline.periods[0].period.label, timeline.periods[-1].period.label
    click.echo(f"{focal} by {by}: {len(timeline.periods)} periods, {first} to {last}", err=True)
    emit(_top(timeline.rows(), top), timeline.columns, fmt)


@cli.command()
@graph_argument
@output_options
@click.option("--triads", is_flag=True, help="List the unbalanced triads instead of the summary.")
@click.option("--top", type=click.IntRange(min=1), help="Only the first N triads.")
@click.option("--no-frustration", is_flag=True, help="Skip the frustration index.")
@click.option(
    "--exact-limit",
    type=click.IntRange(min=2, max=24),
    default=20,
    show_default=True,
    help="Largest block solved exactly by trying every split.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Seed of the heuristic for larger blocks.",
)
@_weight_options
@slice_options
def balance(
    file: Path | None,
    fmt: str | None,
    triads: bool,
    top: int | None,
    no_frustration: bool,
    exact_limit: int,
    seed: int,
    weight: str,
    unweighted: bool,
    include_structural: bool,
    window: TimeSlice,
) -> None:
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

    result = structural_balance(
        load_graph(file, window).to_networkx(),
        weight=None if unweighted else weight,
        include_structural=include_structural,
        frustration=not no_frustration,
        exact_limit=exact_limit,
        seed=seed,
    )
    if fmt == "json":
        data = result.to_dict()
        data["unbalanced"] = _top(data["unbalanced"], top)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if triads:
        emit(_top(result.rows(), top), result.COLUMNS, fmt)
        return
    summary: list[tuple[str, Any]] = [
        ("triangles", result.triangles),
        ("balanced", result.balanced),
        ("unbalanced", result.triangles - result.balanced),
        ("ratio", result.ratio),
        *((kind, n) for kind, n in result.counts.items()),
        ("ambivalent", result.ambivalent),
    ]
    f = result.frustration
    if f is not None:
        summary += [
            ("frustration", f.value),
            ("frustration_exact", f.exact),
            ("frustration_lower_bound", f.lower_bound),
            (
                "frustrated_edges",
                " ".join(f"{u}-{v}" for u, v in f.edges[:20])
                + (" ..." if len(f.edges) > 20 else ""),
            ),
        ]
    emit([{"measure": k, "value": v} for k, v in summary], ["measure", "value"], fmt)
