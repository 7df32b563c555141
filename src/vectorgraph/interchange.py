"""Reading graphs back from interchange formats: node-link JSON, CSV, GraphML.

:func:`read_graph` turns a file written by :mod:`vectorgraph.export` (or by a
spreadsheet, Gephi or another program that keeps the same attribute names) into
a validated :class:`~vectorgraph.document.GraphDocument`. Graph documents
themselves (YAML or JSON with ``actors``/``relations``) are read by
:func:`vectorgraph.io.load`; ``read_graph`` accepts them too.

What each format carries back:

* ``json`` (node-link): everything, losslessly.
* ``graphml``: everything but the order of the relations (they come back grouped
  by source actor), provided the file keeps vectorgraph's attribute names; with
  other names, missing fields default from the vocabulary. A node's ``label``
  stands in for a missing ``name`` and an edge's ``relation`` for a missing
  ``type``, so a graph opened from GEXF in Gephi and saved as GraphML comes back.
* ``csv``: actors and relations, losslessly (evidence rides in the ``evidence``
  column as JSON); not the sources' titles, authors, dates and paths, the
  description or vocabulary additions. The title is the file's name.

CSV for spreadsheets: a nodes file (``id, name, type, aliases, members, note``)
and an edges file (``source, target, type`` and optionally ``id, sign, score,
weight, directed, date, confidence, count, note, quote, evidence``). Empty cells
are missing values: sign, score, weight and direction default from the relation
type. ``aliases`` and ``members`` are split on ``|``. A ``quote`` without an
``evidence`` cell becomes one evidence item whose source is ``quote_source``
(a column) or the file's name. Without a nodes file, actors are made from the
edges' ends (type ``other``). Errors name the file and the row as a spreadsheet
numbers it (the header is row 1)::

    edges.csv: row 4: type: unknown relation type 'frend'

Examples
--------
>>> import json, tempfile, pathlib
>>> from vectorgraph import load
>>> from vectorgraph.export import to_node_link
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "kaz.json").write_text(json.dumps(to_node_link(load())))
>>> read_graph(folder / "kaz.json") == load()
True
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.errors import DocumentError
from vectorgraph.validate import problems

__all__ = [
    "IMPORT_FORMATS",
    "find_csv_pair",
    "from_node_link",
    "import_file",
    "read_graph",
    "rebase_sources",
]

#: The formats :func:`read_graph` reads.
IMPORT_FORMATS = ("json", "csv", "graphml")

_ACTOR_KEYS = ("id", "name", "type", "aliases", "members", "note")
_RELATION_KEYS = (
    "id",
    "source",
    "target",
    "type",
    "sign",
    "score",
    "weight",
    "directed",
    "date",
    "confidence",
    "count",
    "note",
    "evidence",
)
_PLACE = re.compile(r"^: (actors|relations)\[(\d+)\](?:\.(.+?))?: (.*)$", re.DOTALL)


def read_graph(path: str | Path, format: str | None = None) -> GraphDocument:
    """A validated document from an interchange file; the format follows the suffix.

    ``.json`` is node-link JSON when it has ``nodes``, else a graph document;
    ``.graphml`` is GraphML,
    ``.csv`` or a folder CSV (see :func:`find_csv_pair`).
    Raises :class:`DocumentError` with every problem, each naming file and place.
    """
    path = Path(path)
    fmt = format or _guess(path)
    if fmt == "csv":
        return _read_csv(path)
    if not path.exists():
        raise DocumentError([f"{path}: no such file"])
    if fmt == "json":
        from vectorgraph.io import read_raw

        data = read_raw(path)
        if isinstance(data, dict) and "nodes" in data:
            return from_node_link(data, str(path))
        found = problems(data, str(path), path.parent)  # a graph document, as load() reads it
        if found:
            raise DocumentError(found)
        return GraphDocument.from_dict(data, path=str(path))
    if fmt == "graphml":
        return _read_graphml(path)
    raise ValueError(f"unknown import format {fmt!r} (one of: {', '.join(IMPORT_FORMATS)})")


def _guess(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if path.is_dir() or suffix == "csv":
        return "csv"
    if suffix in ("json", "graphml"):
        return suffix
    raise DocumentError(
        [f"{path}: cannot tell the format from the name (give one of: {', '.join(IMPORT_FORMATS)})"]
    )


def _clean(data: dict[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    return {k: data[k] for k in keys if data.get(k) not in (None, "", [])}


def _places(
    data: dict[str, Any],
    label: str,
    actor_place: Callable[[int], str],
    relation_place: Callable[[int], str],
) -> list[str]:
    """The validation problems of ``data``, each naming the place in the original file."""
    found = []
    for line in problems(data, "", None):
        match = _PLACE.match(line)
        if match is None:
            found.append(f"{label}{line}" if line.startswith(":") else f"{label}: {line}")
            continue
        kind, index, field, message = match.groups()
        where = (actor_place if kind == "actors" else relation_place)(int(index))
        found.append(f"{where}: {field}: {message}" if field else f"{where}: {message}")
    return found


def _check(
    data: dict[str, Any],
    label: str,
    actor_place: Callable[[int], str],
    relation_place: Callable[[int], str],
    earlier: Iterable[str] = (),
) -> GraphDocument:
    """A document from ``data``, or a DocumentError with ``earlier`` and every problem."""
    found = [*earlier, *_places(data, label, actor_place, relation_place)]
    if found:
        raise DocumentError(_by_row(found))
    return GraphDocument.from_dict(data, path=label)


_ROW = re.compile(r"^(.*?): row (\d+): ")


def _by_row(lines: list[str]) -> list[str]:
    """Problems sorted by file and row (stable; lines without a row keep their place first)."""

    def key(line: str) -> tuple[str, int]:
        match = _ROW.match(line)
        return (match.group(1), int(match.group(2))) if match else ("", 0)

    return sorted(lines, key=key)


def from_node_link(data: Any, label: str = "<node-link>") -> GraphDocument:
    """A document from node-link data (as :func:`vectorgraph.export.to_node_link` writes)."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise DocumentError(
            [f"{label}: not node-link JSON (expected an object with 'nodes' and 'links')"]
        )
    links = data.get("links", data.get("edges")) or []
    if not isinstance(links, list):
        raise DocumentError([f"{label}: links: expected a list, got {type(links).__name__}"])
    graph = data.get("graph") or {}
    if isinstance(graph, list):  # networkx < 3.4 wrote [key, value] pairs in places
        graph = dict(graph)
    doc: dict[str, Any] = _clean(graph, ("title", "description", "sources", "vocabulary"))
    doc.setdefault("title", Path(label).stem)
    doc["actors"] = [_clean(n, _ACTOR_KEYS) if isinstance(n, dict) else n for n in data["nodes"]]
    doc["relations"] = [_clean(e, _RELATION_KEYS) if isinstance(e, dict) else e for e in links]
    return _check(doc, label, lambda i: f"{label}: nodes[{i}]", lambda i: f"{label}: links[{i}]")


def _read_graphml(path: Path) -> GraphDocument:
    import networkx as nx

    try:
        G = nx.read_graphml(path, force_multigraph=True)
    except (nx.NetworkXError, SyntaxError, ValueError) as exc:
        raise DocumentError([f"{path}: not readable GraphML: {exc}"]) from None
    doc: dict[str, Any] = _clean(G.graph, ("title", "description"))
    doc.setdefault("title", path.stem)
    problems_: list[str] = []
    for key in ("sources", "vocabulary"):
        if G.graph.get(key):
            doc[key] = _json_cell(G.graph[key], f"{path}: graph: {key}", problems_)
    nodes = list(G.nodes(data=True))
    edges = list(G.edges(keys=True, data=True))
    doc["actors"] = [_split_lists({"id": n, "name": a.get("label"), **a}) for n, a in nodes]
    doc["relations"] = []
    for u, v, k, a in edges:
        rel = _clean({"type": a.get("relation"), **a, "source": u, "target": v}, _RELATION_KEYS)
        if "evidence" in rel:
            rel["evidence"] = _json_cell(
                rel["evidence"], f"{path}: edge {u}->{v} ({k}): evidence", problems_
            )
        doc["relations"].append(rel)
    if problems_:
        raise DocumentError(problems_)
    return _check(
        doc,
        str(path),
        lambda i: f"{path}: node {nodes[i][0]}",
        lambda i: f"{path}: edge {edges[i][0]}->{edges[i][1]} ({edges[i][2]})",
    )


def _split_lists(actor: dict[str, Any]) -> dict[str, Any]:
    out = _clean(actor, _ACTOR_KEYS)
    for key in ("aliases", "members"):
        if isinstance(out.get(key), str):
            out[key] = [s.strip() for s in out[key].split("|") if s.strip()]
    return out


def _json_cell(text: Any, where: str, found: list[str]) -> Any:
    try:
        return json.loads(text)
    except (TypeError, json.JSONDecodeError) as exc:
        found.append(f"{where}: invalid JSON: {getattr(exc, 'msg', exc)}")
        return None


# -- CSV ------------------------------------------------------------------------


def find_csv_pair(path: str | Path) -> tuple[Path | None, Path]:
    """The nodes file (or None) and the edges file that ``path`` names.

    A folder holds ``nodes.csv`` and ``edges.csv``; ``X.csv``, ``X.nodes.csv``
    and ``X.edges.csv`` name the pair ``X.nodes.csv`` + ``X.edges.csv``; any
    other CSV file is an edges file alone.
    """
    path = Path(path)
    if path.is_dir():
        nodes, edges = path / "nodes.csv", path / "edges.csv"
    else:
        name = path.name
        for tail in (".nodes.csv", ".edges.csv", ".csv"):
            if name.lower().endswith(tail):
                stem = name[: -len(tail)]
                break
        else:
            return None, path
        nodes, edges = path.with_name(f"{stem}.nodes.csv"), path.with_name(f"{stem}.edges.csv")
        if not edges.exists() and not name.lower().endswith(".nodes.csv"):
            return None, path
    if not edges.exists():
        raise DocumentError([f"{edges}: no such file"])
    return (nodes if nodes.exists() else None), edges


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise DocumentError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    except UnicodeDecodeError:
        raise DocumentError([f"{path}: not UTF-8 text (save the sheet as CSV UTF-8)"]) from None
    reader = csv.DictReader(io.StringIO(text))
    rows = [
        {k.strip(): (v or "").strip() for k, v in row.items() if isinstance(k, str)}
        for row in reader
    ]
    return [f.strip() for f in reader.fieldnames or []], rows


_TRUE = {"true", "yes", "1", "y", "t"}
_FALSE = {"false", "no", "0", "n", "f"}
_SIGNS = {"+": 1, "+1": 1, "1": 1, "-": -1, "-1": -1, "0": 0, "−": -1, "−1": -1}


def _cell(key: str, value: str) -> Any:
    """A CSV cell as the document value; raises ValueError with a message."""
    if key == "sign":
        if value not in _SIGNS:
            raise ValueError(f"sign must be +1, -1 or 0, got {value!r}")
        return _SIGNS[value]
    if key in ("score", "weight", "confidence"):
        try:
            return float(value)
        except ValueError:
            raise ValueError(f"expected a number, got {value!r}") from None
    if key == "count":
        if not value.isdigit():
            raise ValueError(f"expected a whole number, got {value!r}")
        return int(value)
    if key == "directed":
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise ValueError(f"expected true or false, got {value!r}")
    if key == "evidence":
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    return value


def _read_csv(path: Path) -> GraphDocument:
    nodes_path, edges_path = find_csv_pair(path)
    found: list[str] = []
    title = edges_path.name.removesuffix(".csv").removesuffix(".edges") or "graph"
    fields, edge_rows = _rows(edges_path)
    for column in ("source", "target", "type"):
        if column not in fields:
            found.append(
                f"{edges_path}: missing column {column!r} (columns: {', '.join(fields) or 'none'})"
            )
    actors: list[dict[str, Any]] = []
    if nodes_path is not None:
        node_fields, node_rows = _rows(nodes_path)
        if "id" not in node_fields:
            found.append(f"{nodes_path}: missing column 'id' (columns: {', '.join(node_fields)})")
        actors = [_split_lists(row) for row in node_rows]
    if found:
        raise DocumentError(found)
    if nodes_path is None:
        seen = dict.fromkeys(row[k] for row in edge_rows for k in ("source", "target") if row[k])
        actors = [{"id": a} for a in seen]
    relations: list[dict[str, Any]] = []
    used_sources: dict[str, None] = {}
    for i, row in enumerate(edge_rows):
        where = f"{edges_path}: row {i + 2}"
        rel: dict[str, Any] = {}
        for key in _RELATION_KEYS:
            if row.get(key):
                try:
                    rel[key] = _cell(key, row[key])
                except ValueError as exc:
                    found.append(f"{where}: {key}: {exc}")
        quote = row.get("quote")
        if quote and "evidence" in rel:
            first = (
                rel["evidence"][0].get("quote")
                if (
                    isinstance(rel["evidence"], list)
                    and rel["evidence"]
                    and isinstance(rel["evidence"][0], dict)
                )
                else None
            )
            if first != quote:
                found.append(
                    f"{where}: quote: differs from the first quote in 'evidence' "
                    "(edit one and clear the other)"
                )
        elif quote:
            rel["evidence"] = [{"source": row.get("quote_source") or title, "quote": quote}]
        for ev in rel.get("evidence") or ():
            if isinstance(ev, dict) and isinstance(ev.get("source"), str):
                used_sources[ev["source"]] = None
        relations.append(rel)
    doc = {
        "title": title,
        "sources": [{"id": s, "title": s} for s in used_sources],
        "actors": actors,
        "relations": relations,
    }

    def actor_place(i: int) -> str:
        if nodes_path is None:
            return f"{edges_path}: actor {actors[i]['id']!r} (from the edges' ends)"
        return f"{nodes_path}: row {i + 2}"

    return _check(doc, str(edges_path), actor_place, lambda i: f"{edges_path}: row {i + 2}", found)


def rebase_sources(doc: GraphDocument, old: str | Path, new: str | Path) -> GraphDocument:
    """``doc`` with its sources' relative paths moved from folder ``old`` to folder ``new``.

    >>> doc = GraphDocument.from_dict({"sources": [{"id": "s", "path": "texts/a.txt"}]})
    >>> rebase_sources(doc, "graphs", "out").sources[0].path
    '../graphs/texts/a.txt'
    """
    import os
    from dataclasses import replace

    if Path(old).resolve() == Path(new).resolve():
        return doc
    sources = tuple(
        s
        if s.path is None or Path(s.path).is_absolute()
        else replace(s, path=Path(os.path.relpath(Path(old) / s.path, new)).as_posix())
        for s in doc.sources
    )
    return replace(doc, sources=sources)


def import_file(path: str | Path, output: str | Path, format: str | None = None) -> GraphDocument:
    """Read an interchange file and write it as a graph document (YAML, or JSON by suffix)."""
    from vectorgraph.io import dump

    path, output = Path(path), Path(output)
    doc = read_graph(path, format)
    folder = path if path.is_dir() else path.parent
    doc = rebase_sources(doc, folder, output.parent)
    dump(doc, output)
    return doc
