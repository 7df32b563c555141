"""The command group, its error handling and the options and output helpers commands share."""

from __future__ import annotations

import csv
import functools
import inspect
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from vectorgraph import __version__
from vectorgraph.errors import DocumentError, VectorgraphError
from vectorgraph.timeline import BY

if TYPE_CHECKING:
    from vectorgraph.document import GraphDocument
    from vectorgraph.timeslice import TimeSlice

F = TypeVar("F", bound=Callable[..., Any])


class CommandError(click.ClickException):
    """One or more ``Error: ...`` lines on stderr, exit code 1."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)

    def show(self, file: IO[Any] | None = None) -> None:
        for line in self.lines:
            click.echo(f"Error: {line}", err=True)


#: Whether this process is the ``vectorgraph`` program (its console script, ``python -m
#: vectorgraph``: :meth:`_Group.__call__` in click's standalone mode, which exits when the
#: command returns); not a caller of ``cli.main`` such as click's ``CliRunner``, which goes on.
_PROGRAM: list[bool] = []


def exit_now() -> None:
    """End the program here, skipping the interpreter's teardown, if this process is the
    program: stdout and stderr flushed, the ``atexit`` handlers run, then ``os._exit(0)``.

    A command that built millions of objects (a large graph, its measures) calls it last:
    freeing them one by one at the exit took a quarter of a CPU second, and nothing else is
    left to do. A caller of ``cli.main`` (a test) goes on; so does a program whose stdout
    cannot be flushed (the error is reported as it always is).
    """
    if not _PROGRAM:
        return
    import atexit

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    atexit._run_exitfuncs()
    os._exit(0)


class _Group(click.Group):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # the program itself (CliRunner calls main(), not this), which exits when done
        if kwargs.get("standalone_mode", True):
            _PROGRAM.append(True)
        return super().__call__(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocumentError as exc:
            raise CommandError(exc.problems) from None
        except VectorgraphError as exc:
            raise CommandError(str(exc).splitlines() or [type(exc).__name__]) from None
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as tools do
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes stdout at exit
            ctx.exit(1)
        except OSError as exc:  # stdout or stderr could not be written (a full disk)
            where = f"{exc.filename}: " if exc.filename else "output: "
            raise CommandError([f"{where}cannot write: {exc.strerror or exc}"]) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vectorgraph")
def cli() -> None:
    """Evidence-backed graphs of international relations.

    Every command that takes a graph FILE (a YAML or JSON document, or
    node-link JSON, GraphML or CSV as `vectorgraph export` writes them) uses the
    bundled article graph (Kazakhstan's multi-vector foreign policy) when none
    is given.
    """


#: A graph FILE: any path (a folder is a CSV pair; what cannot be read is an error, exit 1).
GRAPH_PATH = click.Path(path_type=Path)


def graph_argument(f: F) -> F:
    """An optional FILE argument: a graph in any readable format, the bundled graph by default."""
    return click.argument("file", required=False, type=GRAPH_PATH)(f)


def output_options(f: F) -> F:
    """``--format table|csv|json``: table on a terminal, by default."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "json"]),
        default=None,
        help="Output format [default: table on a terminal, else csv].",
    )(f)


#: The options that name a window's ``at``, ``start`` and ``end``, for messages.
SLICE_OPTIONS = ("--at", "--since", "--until")


def _date_param(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from vectorgraph.timeslice import check_date

    try:
        return check_date(value)
    except VectorgraphError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from None


#: The units of the balance over time.
PERIOD_UNITS = BY


def balance_options(f: F) -> F:
    """``--focal``, ``--poles`` and ``--by`` of the commands that draw the balance: the
    defaults named in their help are the library's."""
    from vectorgraph.measures import DEFAULT_FOCAL, DEFAULT_POLES

    f = click.option(
        "--by",
        type=click.Choice(PERIOD_UNITS),
        help="Periods of the balance over time [default: the finest giving at most 24].",
    )(f)
    f = click.option(
        "--poles",
        metavar="A,B,...",
        help=f"Comma-separated pole actors [default: {','.join(DEFAULT_POLES)}, those present].",
    )(f)
    return click.option(
        "--focal",
        metavar="ACTOR",
        help=f"Whose balance to show (id, name or alias) [default: {DEFAULT_FOCAL} when the "
        "graph holds it].",
    )(f)


def slice_options(f: F) -> F:
    """``--at``, ``--since``/``--from``, ``--until``, ``--undated``: a time slice.

    The command receives it as ``window``, a :class:`vectorgraph.timeslice.TimeSlice`
    checked by :func:`vectorgraph.timeslice.check_window`, to pass to
    :func:`load_graph`. Apply it below the command's other decorators.
    A command that takes no ``window`` parameter is refused when it is defined.
    """
    if "window" not in inspect.signature(f).parameters:
        raise TypeError(f"{f.__name__} takes slice options: give it a 'window' parameter")

    @functools.wraps(f)
    def wrapper(
        *args: Any,
        at: str | None,
        since: str | None,
        until: str | None,
        undated: str,
        **kwargs: Any,
    ) -> Any:
        from vectorgraph.timeslice import TimeSlice, check_window

        try:
            check_window(at, since, until, undated, names=SLICE_OPTIONS)
        except VectorgraphError as exc:
            raise click.UsageError(str(exc)) from None
        window = TimeSlice(at=at, start=since, end=until, undated=undated)
        return f(*args, window=window, **kwargs)

    options = [
        click.option(
            "--at",
            metavar="DATE",
            callback=_date_param,
            help="Keep the relations in force at DATE (YYYY, YYYY-MM, YYYY-MM-DD or A/B).",
        ),
        click.option(
            "--since",
            "--from",
            "since",
            metavar="DATE",
            callback=_date_param,
            help="Keep the relations in force on or after DATE.",
        ),
        click.option(
            "--until",
            "until",
            metavar="DATE",
            callback=_date_param,
            help="Keep the relations in force on or before DATE.",
        ),
        click.option(
            "--undated",
            type=click.Choice(["keep", "drop"]),
            default="keep",
            show_default=True,
            help="What a time slice does with undated relations.",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper  # type: ignore[return-value]


def load_graph(file: Path | None, window: TimeSlice | None = None) -> GraphDocument:
    """Load and validate FILE (the bundled graph when None), sliced by ``window``.

    FILE is any format of :mod:`vectorgraph.formats` (by suffix, else by
    content), ``-`` for stdin.
    """
    from vectorgraph.formats import read

    doc = read(file)
    return doc if window is None else window.apply(doc)


def emit(
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    fmt: str | None,
    out: IO[str] | None = None,
) -> None:
    """Write rows as an aligned table, CSV or a JSON list of objects."""
    out = out or sys.stdout
    rows = list(rows)
    if fmt is None:
        fmt = "table" if out.isatty() else "csv"
    if fmt == "json":
        out.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(
            out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(
            {k: round(v, 12) if isinstance(v, float) else v for k, v in r.items()} for r in rows
        )
    else:
        cells = [[cell(r.get(c)) for c in columns] for r in rows]
        widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]
        out.write("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
        for row in cells:
            out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")


#: Terminal control sequences (CSI, OSC and other escapes) and control characters:
#: a table cell shows none of them, so text from a document cannot drive the terminal.
_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x00-\x1f\x7f-\x9f]"
)


def cell(value: Any) -> str:
    r"""A table cell: floats to 4 significant digits, control sequences removed.

    >>> cell("Red\x1b[31m alert\x07\nnext")
    'Red alert next'
    """
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return _CONTROL.sub(lambda m: " " if m.group() in "\t\n\r" else "", str(value))


def shown(output: Path | str) -> str:
    """How a message (on stderr) names an output: ``-`` is stdout.

    >>> shown("-"), shown("k.html")
    ('stdout', 'k.html')
    """
    return "stdout" if str(output) == "-" else str(output)


def write_output(text: str, output: Path | None) -> None:
    """Text to stdout, or atomically into ``output`` (``-``: stdout too)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from vectorgraph.io import atomic_write

    with atomic_write(output) as fh:
        fh.write(text)
    click.echo(f"wrote {shown(output)}", err=True)
