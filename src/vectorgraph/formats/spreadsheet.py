"""CSV for spreadsheets: a nodes file and an edges file, one row per actor and per relation.

The nodes file has ``id, name, type, aliases, members, note``; the edges file
``source, target, type`` and optionally ``id, sign, score, weight, directed,
date, confidence, count, note, quote, evidence``. Empty cells are missing
values: sign, score, weight and direction default from the relation type.
``aliases`` and ``members`` are split on ``|``. Evidence rides in the
``evidence`` column as JSON, so actors and relations come back losslessly; not
the sources' titles, authors, dates and paths, the description or vocabulary
additions. A ``quote`` without an ``evidence`` cell becomes one evidence item
whose source is ``quote_source`` (a column) or the file's name. Without a nodes
file, actors are made from the edges' ends (type ``other``). Errors name the
file and the row as a spreadsheet numbers it (the header is row 1)::

    edges.csv: row 4: type: unknown relation type 'frend'

A text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return is one a spreadsheet would run as a formula, so the writer puts ``'``
before it (the spreadsheet shows the text as it is); ``raw=True`` (``export
--csv-raw``) writes cells unchanged, for a lossless round trip through
vectorgraph itself. Files are UTF-8; a byte-order mark is allowed.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from vectorgraph.document import RELATION_FIELDS, GraphDocument
from vectorgraph.errors import DocumentError
from vectorgraph.formats import Input
from vectorgraph.formats._flat import checked, flat_actor, flat_relation, split_lists
from vectorgraph.ties import parse_sign

__all__ = [
    "EDGE_COLUMNS",
    "FORMULA_START",
    "NODE_COLUMNS",
    "csv_paths",
    "dumps",
    "find_csv_pair",
    "paths",
    "read",
    "to_csv",
]

#: The columns of the CSV nodes file, in order.
NODE_COLUMNS = ("id", "name", "type", "aliases", "members", "note")
#: The columns of the CSV edges file, in order.
EDGE_COLUMNS = (
    *(f for f in RELATION_FIELDS if f not in ("evidence",)),
    "quote",
    "evidence",
)
#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The largest cell the reader takes (a relation with hundreds of quotes fits).
MAX_CELL = 64 * 1024 * 1024


def _cell_text(value: Any, raw: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value)
    text: str = value
    if not raw and text.startswith(FORMULA_START):
        text = "'" + text
    if any(c in text for c in ',"\r\n') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_text(columns: tuple[str, ...], rows: list[dict[str, Any]], raw: bool) -> str:
    lines = [",".join(columns)]
    lines += [",".join(_cell_text(row.get(c), raw) for c in columns) for row in rows]
    return "\n".join(lines) + "\n"


def to_csv(doc: GraphDocument, *, raw: bool = False) -> tuple[str, str]:
    """The text of the nodes file and of the edges file.

    >>> doc = GraphDocument.from_dict({"actors": [{"id": "A"}, {"id": "B"}],
    ...     "relations": [{"source": "A", "target": "B", "type": "sanctions",
    ...                    "note": "=HYPERLINK(1)"}]})
    >>> print(to_csv(doc)[1], end="")
    id,source,target,type,sign,score,weight,directed,date,confidence,count,note,quote,evidence
    ,A,B,sanctions,-1,-8.0,0.8,true,,,,'=HYPERLINK(1),,
    """
    nodes = [{"id": a.id, **flat_actor(a)} for a in doc.actors]
    edges = [{"source": r.source, "target": r.target, **flat_relation(r)} for r in doc.relations]
    return _csv_text(NODE_COLUMNS, nodes, raw), _csv_text(EDGE_COLUMNS, edges, raw)


def dumps(doc: GraphDocument, *, raw: bool = False) -> list[str]:
    return list(to_csv(doc, raw=raw))


def csv_paths(output: str | Path) -> tuple[Path, Path]:
    """Where the CSV nodes and edges files go for ``-o OUTPUT``.

    A folder (existing, or written with a trailing slash) gets ``nodes.csv`` and
    ``edges.csv``; otherwise ``X.csv`` or ``X`` gives ``X.nodes.csv`` and ``X.edges.csv``.

    >>> [p.name for p in csv_paths("out/kaz.csv")]
    ['kaz.nodes.csv', 'kaz.edges.csv']
    """
    text = str(output)
    path = Path(output)
    if path.is_dir() or text.endswith(("/", "\\")):
        return path / "nodes.csv", path / "edges.csv"
    stem = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(f"{stem}.nodes.csv"), path.with_name(f"{stem}.edges.csv")


def paths(output: str | Path) -> list[Path]:
    return list(csv_paths(output))


# -- reading ------------------------------------------------------------------------


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


def _rows(label: str, text: str) -> tuple[list[str], list[dict[str, str]]]:
    csv.field_size_limit(MAX_CELL)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        rows = [
            {k.strip(): _value(k.strip(), v or "") for k, v in row.items() if isinstance(k, str)}
            for row in reader
        ]
    except csv.Error as exc:
        raise DocumentError([f"{label}: row {reader.line_num}: not readable CSV: {exc}"]) from None
    return [f.strip() for f in reader.fieldnames or []], rows


#: Cells whose surrounding white space is dropped (ids, types and typed values); text cells
#: (names, notes, quotes) keep theirs, so a document comes back exactly. A cell of white
#: space only is empty.
_STRIPPED = {
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
    "members",
    "quote_source",
}


def _value(column: str, cell: str) -> str:
    if column in _STRIPPED or not cell.strip():
        return cell.strip()
    return cell


def _text(path: Path) -> str:
    from vectorgraph.io import read_bytes

    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError([f"{path}: not UTF-8 text (save the sheet as CSV UTF-8)"]) from None


class _BadValue(Exception):
    """A cell or attribute value that does not parse; its message becomes a problem line."""


_TRUE = {"true", "yes", "1", "y", "t"}
_FALSE = {"false", "no", "0", "n", "f"}


def _cell(key: str, value: str) -> Any:
    """A CSV cell as the document value; raises _BadValue with a message."""
    if key == "sign":
        try:
            return parse_sign(value)
        except KeyError:
            raise _BadValue(f"sign must be +1, -1 or 0, got {value!r}") from None
    if key in ("score", "weight", "confidence"):
        try:
            return float(value)
        except ValueError:
            raise _BadValue(f"expected a number, got {value!r}") from None
    if key == "count":
        if not (value.isascii() and value.isdigit()):
            raise _BadValue(f"expected a whole number, got {value!r}")
        return int(value)
    if key == "directed":
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise _BadValue(f"expected true or false, got {value!r}")
    if key == "evidence":
        try:
            evidence = json.loads(value)
        except json.JSONDecodeError as exc:
            raise _BadValue(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
        except RecursionError:
            raise _BadValue("invalid JSON: nested too deeply") from None
        if not isinstance(evidence, list):
            raise _BadValue("expected a JSON list of evidence objects")
        return evidence
    return value


def read(source: Input) -> GraphDocument:
    """A document from a CSV pair (a path) or an edges file alone (a stream)."""
    found: list[str] = []
    if source.path is None:
        nodes_path, edges_label = None, source.label
        edges_text = source.text()
    else:
        from vectorgraph.io import locked_folder

        nodes_path, edges_path = find_csv_pair(source.path)
        edges_label = str(edges_path)
        # both files under the lock a writer of the pair holds while moving it in,
        # so that they come from one write
        with locked_folder(edges_path.parent, shared=True):
            edges_text = _text(edges_path)
            nodes_text = _text(nodes_path) if nodes_path is not None else ""
    title = Path(edges_label).name.removesuffix(".csv").removesuffix(".edges") or "graph"
    fields, edge_rows = _rows(edges_label, edges_text)
    for column in ("source", "target", "type"):
        if column not in fields:
            found.append(
                f"{edges_label}: missing column {column!r} (columns: {', '.join(fields) or 'none'})"
            )
    actors: list[dict[str, Any]] = []
    if nodes_path is not None:
        node_fields, node_rows = _rows(str(nodes_path), nodes_text)
        if "id" not in node_fields:
            found.append(f"{nodes_path}: missing column 'id' (columns: {', '.join(node_fields)})")
        actors = [split_lists(row) for row in node_rows]
    if found:
        raise DocumentError(found)
    if nodes_path is None:
        seen = dict.fromkeys(
            row[k] for row in edge_rows for k in ("source", "target") if row.get(k)
        )
        actors = [{"id": a} for a in seen]
    relations: list[dict[str, Any]] = []
    used_sources: dict[str, None] = {}
    for i, row in enumerate(edge_rows):
        where = f"{edges_label}: row {i + 2}"
        rel: dict[str, Any] = {}
        for key in RELATION_FIELDS:
            if row.get(key):
                try:
                    rel[key] = _cell(key, row[key])
                except _BadValue as exc:
                    found.append(f"{where}: {key}: {exc}")
        quote = row.get("quote")
        if quote and "evidence" in rel:
            first = rel["evidence"][0] if rel["evidence"] else None
            first = first.get("quote") if isinstance(first, dict) else None
            if first != quote and not (quote.startswith("'") and quote[1:] == first):
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
            return f"{edges_label}: actor {actors[i]['id']!r} (from the edges' ends)"
        return f"{nodes_path}: row {i + 2}"

    return checked(doc, edges_label, actor_place, lambda i: f"{edges_label}: row {i + 2}", found)
