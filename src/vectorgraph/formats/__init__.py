"""Every file format of a graph, behind one registry.

Each format is one module here with its reader and writer side by side,
registered once with its names and suffixes (:data:`FORMATS`). :func:`read` and
:func:`write` serve them all; the command line asks this registry, never a
suffix table of its own. ``-`` is standard input or output.

======================  ===================  =======  =======
format                  suffixes             reads    writes
======================  ===================  =======  =======
``yaml`` (document)     .yaml .yml           yes      yes
``json`` (node-link)    .json                yes      yes
``graphml``             .graphml             yes      yes
``gexf``                .gexf                yes      yes
``cytoscape``           .cyjs                yes      yes
``csv`` (two files)     .csv, a folder       yes      yes
``dot``                 .dot .gv             no       yes
======================  ===================  =======  =======

A ``.json`` file is read by what it holds: node-link data (``nodes``),
Cytoscape.js elements (``elements``) or a graph document (``actors``).

Examples
--------
>>> import io, vectorgraph
>>> out = io.StringIO()
>>> vectorgraph.write(vectorgraph.load(), out, format="gexf")
[]
>>> back = vectorgraph.read(io.StringIO(out.getvalue()), format="gexf")
>>> len(back.relations) == len(vectorgraph.load().relations)
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from vectorgraph.errors import ArgumentError, DocumentError

if TYPE_CHECKING:
    from vectorgraph.document import GraphDocument

__all__ = [
    "FORMATS",
    "Format",
    "Input",
    "format_for",
    "get_format",
    "read",
    "readable",
    "writable",
    "write",
]


@dataclass(frozen=True)
class Input:
    """What a reader reads: a file (``path``) or a stream's text, with the label errors name."""

    label: str
    path: Path | None = None
    stream_text: str | None = None

    def text(self) -> str:
        """The whole text, bounded and decoded as :func:`vectorgraph.io.read_text` does."""
        if self.stream_text is not None:
            return self.stream_text
        from vectorgraph.io import read_text

        return read_text(self.path if self.path is not None else "-")

    @property
    def folder(self) -> Path | None:
        """The folder relative paths resolve against (None for a stream)."""
        if self.path is None:
            return None
        return self.path if self.path.is_dir() else self.path.parent


@dataclass(frozen=True)
class Format:
    """One registered format: its names, suffixes, and the module holding its code.

    The module defines ``read(source: Input) -> GraphDocument`` when the format is
    readable and ``dumps(doc, **options) -> list[str]`` (one text per file) when
    writable; ``paths(output) -> list[Path]`` where one output is several files.
    """

    name: str
    suffixes: tuple[str, ...]
    module: str
    description: str
    aliases: tuple[str, ...] = ()
    readable: bool = True
    writable: bool = True
    files: int = 1

    def load_module(self) -> Any:
        return importlib.import_module(f"vectorgraph.formats.{self.module}")


#: The registry, in the order help texts list the formats.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "yaml", (".yaml", ".yml"), "document", "graph document (YAML)", aliases=("document",)
        ),
        Format(
            "json",
            (".json",),
            "nodelink",
            "networkx node-link JSON, lossless",
            aliases=("node-link",),
        ),
        Format("graphml", (".graphml",), "graphml", "GraphML (yEd, Gephi, networkx)"),
        Format("gexf", (".gexf",), "gexf", "GEXF 1.2 for Gephi, with colours and a timeline"),
        Format("cytoscape", (".cyjs",), "cytoscape", "Cytoscape.js elements JSON"),
        Format("csv", (".csv",), "spreadsheet", "a nodes file and an edges file", files=2),
        Format("dot", (".dot", ".gv"), "dot", "Graphviz DOT", readable=False),
    )
}
_BY_NAME = {alias: f for f in FORMATS.values() for alias in (f.name, *f.aliases)}


def get_format(name: str) -> Format:
    """The format called ``name`` (or an alias); :class:`ArgumentError` otherwise."""
    try:
        return _BY_NAME[name.lower()]
    except KeyError:
        raise ArgumentError(f"unknown format {name!r} (one of: {', '.join(FORMATS)})") from None


def readable() -> list[str]:
    """The names of the formats :func:`read` reads."""
    return [f.name for f in FORMATS.values() if f.readable]


def writable() -> list[str]:
    """The names of the formats :func:`write` writes."""
    return [f.name for f in FORMATS.values() if f.writable]


def format_for(path: str | Path) -> Format | None:
    """The format a file's name says (a folder is CSV), or None."""
    name = str(path).lower()
    for fmt in FORMATS.values():
        if name.endswith(fmt.suffixes):
            return fmt
    return FORMATS["csv"] if Path(path).is_dir() else None


def _sniff(text: str) -> Format:
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    if head.startswith("<"):
        return FORMATS["gexf"] if "<gexf" in head else FORMATS["graphml"]
    first = head.split("\n", 1)[0]
    if "," in first and {"source", "target"} <= {c.strip() for c in first.split(",")}:
        return FORMATS["csv"]
    return FORMATS["json"] if head.startswith("{") else FORMATS["yaml"]


def read(source: str | Path | IO[Any] | None = None, format: str | None = None) -> GraphDocument:
    """A validated document from a file, ``-`` (stdin) or an open stream, in any readable format.

    The format follows ``format``, else the file's suffix, else its content.
    Raises :class:`DocumentError` listing every problem, each naming the file
    and the place. Without ``source``, the bundled article graph.
    """
    if source is None:
        from vectorgraph.io import load

        return load()
    if hasattr(source, "read"):
        stream: IO[Any] = source  # type: ignore[assignment]
        data = stream.read()
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        item = Input(str(getattr(stream, "name", "<stream>")), None, text)
        fmt = get_format(format) if format else _sniff(text)
    else:
        path = Path(str(source))
        item = Input(str(source), None if str(source) == "-" else path)
        if format:
            fmt = get_format(format)
        elif str(source) == "-":
            item = Input("<stdin>", None, item.text())
            fmt = _sniff(item.text())
        else:
            found = format_for(path)
            if found is None:
                if not path.exists():
                    raise DocumentError([f"{path}: no such file"])
                found = _sniff(item.text())
            fmt = found
    if not fmt.readable:
        raise ArgumentError(f"cannot read {fmt.name} (readable: {', '.join(readable())})")
    doc: GraphDocument = fmt.load_module().read(item)
    return doc


def write(
    doc: GraphDocument,
    target: str | Path | IO[str],
    format: str | None = None,
    **options: Any,
) -> list[Path]:
    """Write ``doc`` to a file, ``-`` (stdout) or an open text stream; returns the files written.

    The format follows ``format``, else the suffix (YAML when there is none).
    Files are written atomically; several files (CSV) as a unit, both or
    neither. Options go to the format's writer (``csv``: ``raw=True`` keeps
    cells a spreadsheet would run as formulas). Sources' relative paths are
    rewritten to stay valid from the output's folder.
    """
    from vectorgraph.io import STDIO, atomic_writes

    if format:
        fmt = get_format(format)
    elif hasattr(target, "write"):
        fmt = FORMATS["yaml"]
    else:
        fmt = format_for(target) or FORMATS["yaml"]
    if not fmt.writable:
        raise ArgumentError(f"cannot write {fmt.name}")
    module = fmt.load_module()
    if hasattr(target, "write"):
        texts: Sequence[str] = module.dumps(doc, **options)
        if len(texts) != 1:
            raise ArgumentError(f"{fmt.name} writes {len(texts)} files: give a path, not a stream")
        target.write(texts[0])
        return []
    if str(target) == STDIO and fmt.files > 1:
        raise ArgumentError(f"{fmt.name} writes {fmt.files} files: give a path, not -")
    paths: list[Path] = module.paths(target) if fmt.files > 1 else [Path(str(target))]
    if doc.path is not None and str(target) != STDIO:
        from vectorgraph.formats._rebase import rebase_sources

        doc = rebase_sources(doc, Path(doc.path).parent, paths[0].parent)
    texts = module.dumps(doc, **options)
    if fmt.files > 1:
        paths[0].parent.mkdir(parents=True, exist_ok=True)
    with atomic_writes(paths) as handles:
        for fh, text in zip(handles, texts):
            fh.write(text)
    return [] if str(target) == STDIO else paths


Reader = Callable[[Input], "GraphDocument"]
