"""Reading and writing graph documents (YAML, JSON), and the bundled graphs.

Loading is safe: YAML goes through the safe loader (no tags that build
objects), files over :data:`MAX_BYTES` and nesting deeper than Python's
recursion allows fail with a :class:`DocumentError`, and every problem of a
malformed document is reported at once. Writing is atomic: a failed write
leaves no half-written file.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import IO, Any

from vectorgraph.document import GraphDocument
from vectorgraph.errors import DocumentError, NotFoundError, VectorgraphError
from vectorgraph.validate import problems

__all__ = [
    "BUNDLED",
    "MAX_BYTES",
    "atomic_write",
    "bundled_path",
    "dump",
    "dumps",
    "load",
    "loads",
    "read_raw",
]

#: The largest document file that :func:`load` reads.
MAX_BYTES = 256 * 1024 * 1024
#: The name of the bundled article graph, the default input of the CLI.
BUNDLED = "kazakhstan-multivector"


def bundled_path(name: str = BUNDLED) -> Path:
    """The path of a bundled graph (``graphs/<name>.yaml``), installed or in a checkout."""
    candidates = [
        Path(str(resources.files("vectorgraph") / "_graphs")),
        Path(__file__).resolve().parents[2] / "graphs",
    ]
    for folder in candidates:
        path = folder / f"{name}.yaml"
        if path.is_file():
            return path
    raise NotFoundError(f"no bundled graph named {name!r}")


def read_raw(path: str | Path) -> Any:
    """The parsed content of a YAML or JSON file, unvalidated."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentError(
                [f"{path}: file is {size:,} bytes, over the limit of {MAX_BYTES:,}"]
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            [f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"]
        ) from None
    return parse(text, str(path), json_first=path.suffix.lower() == ".json")


def parse(text: str, label: str = "<string>", *, json_first: bool = False) -> Any:
    """Parse YAML or JSON text (JSON is YAML, but parsed natively when it looks like JSON)."""
    if not text.strip():
        raise DocumentError([f"{label}: the file is empty"])
    import yaml  # here, not at start-up: only reading YAML needs it

    try:
        if json_first or text.lstrip().startswith(("{", "[")):
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                if json_first:
                    raise DocumentError(
                        [f"{label}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"]
                    ) from None
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise DocumentError(
            [f"{label}: {where}invalid YAML: {exc.problem or exc.context}"]
        ) from None
    except yaml.YAMLError as exc:
        raise DocumentError([f"{label}: invalid YAML: {exc}"]) from None
    except RecursionError:
        raise DocumentError([f"{label}: nested too deeply"]) from None


def loads(text: str, label: str = "<string>", base: str | Path | None = None) -> GraphDocument:
    """A validated document from YAML or JSON text; source texts resolve against ``base``."""
    return _build(parse(text, label), label, base)


def load(path: str | Path | None = None) -> GraphDocument:
    """Read and validate a graph document; the bundled article graph when ``path`` is None.

    Raises :class:`DocumentError` listing every problem, each with file and place.

    >>> doc = load()
    >>> doc.actor("KAZ").name
    'Kazakhstan'
    """
    path = bundled_path() if path is None else Path(path)
    return _build(read_raw(path), str(path), path.parent)


def _build(data: Any, label: str, base: str | Path | None) -> GraphDocument:
    found = problems(data, label, base)
    if found:
        raise DocumentError(found)
    return GraphDocument.from_dict(data, path=label)


def dumps(doc: GraphDocument, format: str = "yaml") -> str:
    """The document as YAML or JSON text."""
    data = doc.to_dict()
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format == "yaml":
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return str(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100))
    raise ValueError(f"unknown document format {format!r} (yaml or json)")


def dump(doc: GraphDocument, path: str | Path, format: str | None = None) -> None:
    """Write the document to ``path`` atomically; the format follows the suffix by default."""
    path = Path(path)
    fmt = format or ("json" if path.suffix.lower() == ".json" else "yaml")
    with atomic_write(path) as fh:
        fh.write(dumps(doc, fmt))


@contextmanager
def atomic_write(path: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path`` and move it into place only on success.

    A symlink is written through (its target is replaced); a FIFO or device is
    written directly, since it cannot be replaced. Failures raise
    :class:`VectorgraphError` naming ``path``.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    encoding = None if "b" in mode else "utf-8"
    if target.is_dir():
        raise VectorgraphError(f"{path}: cannot write: it is a folder")
    if target.exists() and not target.is_file():
        try:
            with open(target, mode, encoding=encoding) as fh:
                yield fh
        except OSError as exc:
            raise VectorgraphError(f"{path}: cannot write: {exc.strerror or exc}") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise VectorgraphError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise VectorgraphError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
