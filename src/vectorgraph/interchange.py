"""Reading graphs back from interchange formats: the readers of :mod:`vectorgraph.formats`.

:func:`read_graph` turns a file written by :mod:`vectorgraph.export` (or by a
spreadsheet, Gephi or another program that keeps the same attribute names) into
a validated :class:`~vectorgraph.document.GraphDocument`; each format's rules
live in its module under :mod:`vectorgraph.formats`. Graph documents
themselves (YAML or JSON with ``actors``/``relations``) are read too.

Examples
--------
>>> import tempfile, pathlib
>>> from vectorgraph import load
>>> from vectorgraph.export import export_graph
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = export_graph(load(), "json", folder / "kaz.json")  # source paths rebased to folder
>>> back = read_graph(folder / "kaz.json")
>>> back.actors == load().actors and back.relations == load().relations
True
"""

from __future__ import annotations

from pathlib import Path

from vectorgraph.document import GraphDocument
from vectorgraph.errors import DocumentError
from vectorgraph.formats import format_for, get_format, read, readable
from vectorgraph.formats._rebase import rebase_sources
from vectorgraph.formats.nodelink import from_node_link
from vectorgraph.formats.spreadsheet import find_csv_pair

__all__ = [
    "IMPORT_FORMATS",
    "find_csv_pair",
    "from_node_link",
    "import_file",
    "read_graph",
    "rebase_sources",
]

#: The formats :func:`read_graph` reads, besides the graph document itself.
IMPORT_FORMATS = tuple(name for name in readable() if name != "yaml")


def read_graph(path: str | Path, format: str | None = None) -> GraphDocument:
    """A validated document from an interchange file; the format follows the suffix.

    ``.json`` is node-link JSON when it has ``nodes``, else a graph document;
    ``.graphml`` is GraphML, ``.gexf`` GEXF, ``.cyjs`` Cytoscape.js JSON,
    ``.csv`` or a folder CSV (see :func:`find_csv_pair`); ``-`` is stdin.
    Raises :class:`DocumentError` with every problem, each naming file and place.
    """
    if format is None and str(path) != "-":
        found = format_for(path)
        if found is None or found.name == "dot":
            raise DocumentError(
                [
                    (
                        f"{path}: cannot tell the format from the name "
                        f"(give one of: {', '.join(IMPORT_FORMATS)})"
                    )
                ]
            )
        if found.name != "csv" and not Path(path).exists():
            raise DocumentError([f"{path}: no such file"])
        format = found.name
    elif format is not None:
        get_format(format)
    return read(path, format)


def import_file(path: str | Path, output: str | Path, format: str | None = None) -> GraphDocument:
    """Read an interchange file and write it as a graph document (YAML, or JSON by suffix)."""
    from vectorgraph.io import dump

    doc = read_graph(path, format)
    if str(path) != "-":
        folder = Path(path) if Path(path).is_dir() else Path(path).parent
        out_folder = Path.cwd() if str(output) == "-" else Path(output).parent
        doc = rebase_sources(doc, folder, out_folder)
    dump(doc, output)
    return doc
