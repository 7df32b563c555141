"""Reading and writing graph documents (YAML, JSON), and the bundled graphs.

Loading is safe: YAML goes through the safe loader (no tags that build
objects), files over :data:`MAX_BYTES` and nesting deeper than Python's
recursion allows fail with a :class:`DocumentError`, and every problem of a
malformed document is reported at once. Writing is atomic: a failed write
leaves no half-written file.
"""

from __future__ import annotations

import fcntl
import glob
import json
import os
import re
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from importlib import resources
from pathlib import Path
from typing import IO, Any, BinaryIO

from vectorgraph.document import GraphDocument
from vectorgraph.errors import ArgumentError, DocumentError, NotFoundError, VectorgraphError
from vectorgraph.validate import validated

__all__ = [
    "BUNDLED",
    "MAX_BYTES",
    "STDIO",
    "atomic_write",
    "atomic_writes",
    "bundled_path",
    "dump",
    "dumps",
    "load",
    "loads",
    "locked_folder",
    "read_bytes",
    "read_raw",
    "read_text",
]

#: The largest document file that :func:`load` reads.
MAX_BYTES = 256 * 1024 * 1024
_CHUNK = 1 << 20  # a pipe is read by pieces of 1 MiB

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


#: The name that means standard input (reading) or standard output (writing).
STDIO = "-"


def _read_bounded(fh: BinaryIO, limit: int, first: int = _CHUNK) -> bytes:
    """At most ``limit + 1`` bytes of ``fh``, read in pieces sized to what is there.

    ``fh.read(limit + 1)`` would allocate the whole limit up front, whatever the
    file's size; a file's size is known, a pipe's is not, so a pipe is read by chunks.
    """
    parts: list[bytes] = []
    total = 0
    size = first
    while total <= limit:
        part = fh.read(min(size, limit + 1 - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
        size = _CHUNK
    return b"".join(parts)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a file, or of standard input for ``-``, at most :data:`MAX_BYTES`.

    A folder or a device is refused, and a pipe is read only up to the limit, so
    no input makes the read unbounded. Errors are :class:`DocumentError`.
    """
    limit = MAX_BYTES
    if str(path) == STDIO:
        data = _read_bounded(sys.stdin.buffer, limit)
    else:
        try:
            info = os.stat(path)
            if stat.S_ISDIR(info.st_mode):
                raise DocumentError([f"{path}: cannot read: it is a folder"])
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
                raise DocumentError([f"{path}: cannot read: a device, not a file"])
            if info.st_size > limit:
                raise DocumentError(
                    [f"{path}: file is {info.st_size:,} bytes, over the limit of {limit:,}"]
                )
            with open(path, "rb") as fh:
                data = _read_bounded(fh, limit, first=info.st_size + 1)
        except OSError as exc:
            raise DocumentError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    if len(data) > limit:
        raise DocumentError([f"{path}: over the limit of {limit:,} bytes"])
    return data


def read_text(path: str | Path) -> str:
    """The UTF-8 text of a file (a byte-order mark dropped), bounded as :func:`read_bytes`."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            [f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"]
        ) from None


def read_raw(path: str | Path) -> Any:
    """The parsed content of a YAML or JSON file, unvalidated."""
    return parse(read_text(path), str(path), json_first=str(path).lower().endswith(".json"))


def parse(text: str, label: str = "<string>", *, json_first: bool = False) -> Any:
    """Parse YAML or JSON text (JSON is YAML, but parsed natively when it looks like JSON)."""
    if not text.strip():
        raise DocumentError([f"{label}: the file is empty"])
    try:
        if json_first or text.lstrip().startswith(("{", "[")):
            from vectorgraph.measures.collapsing import no_gc

            try:
                with no_gc():  # a large document is many small objects, none in a cycle
                    return json.loads(text)
            except json.JSONDecodeError as exc:
                if json_first:
                    raise DocumentError(
                        [f"{label}: line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"]
                    ) from None
        return _yaml(text, label)
    except RecursionError:
        raise DocumentError([f"{label}: nested too deeply"]) from None


def _yaml(text: str, label: str) -> Any:
    import yaml  # here, not at start-up: only reading YAML needs it

    try:
        data = _load_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise DocumentError(
            [f"{label}: {where}invalid YAML: {_one_line(exc.problem or exc.context)}"]
        ) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise DocumentError([f"{label}: invalid YAML: {_one_line(exc)}"]) from None
    if "*" in text and _expanded_size(data, len(text) + 1000) > len(text) + 1000:
        raise DocumentError(
            [f"{label}: invalid YAML: aliases (*name) expand past the size of the file"]
        )
    return data


def _load_yaml(text: str) -> Any:
    """``yaml.load(text, CSafeLoader)``, built faster for what documents hold.

    The block YAML the tool writes is read line by line by
    :mod:`vectorgraph.yaml_block` (exact, PyYAML's resolver deciding
    every plain scalar), which leaves all else to the C loader below.
    libyaml parses and composes the node tree; PyYAML's constructor then spends
    most of the time (five sixths of it for a large document) in generic Python
    code. Here plain maps, lists and the standard scalar tags are built in one
    tight walk, with PyYAML's own constructors for typed scalars (numbers,
    booleans, null, dates), anchors shared as PyYAML shares them. Anything
    else (merge keys ``<<``, complex keys, explicit or unknown tags) goes
    through PyYAML's whole constructor, so the result and every error are
    PyYAML's.
    """
    import yaml

    from vectorgraph.yaml_block import Unsupported
    from vectorgraph.yaml_block import load as load_block

    try:
        return load_block(text)
    except Unsupported:
        pass
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _construct(node, yaml.constructor.SafeConstructor())
        except _Unusual:
            pass
    finally:
        loader.dispose()
    return yaml.load(text, Loader=loader_class)


class _Unusual(Exception):
    """A node the fast construction leaves to PyYAML."""


_TAG = "tag:yaml.org,2002:"


def _construct(root: Any, constructor: Any) -> Any:
    import yaml
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    scalars = {
        _TAG + "int": constructor.construct_yaml_int,
        _TAG + "float": constructor.construct_yaml_float,
        _TAG + "bool": constructor.construct_yaml_bool,
        _TAG + "null": constructor.construct_yaml_null,
        _TAG + "timestamp": constructor.construct_yaml_timestamp,
    }
    text_tag, seq_tag, map_tag = _TAG + "str", _TAG + "seq", _TAG + "map"
    built: dict[int, Any] = {}

    def build(node: Any) -> Any:
        kind = node.__class__
        if kind is ScalarNode:
            if node.tag == text_tag:
                return node.value
            make = scalars.get(node.tag)
            if make is None:
                raise _Unusual
            try:
                return make(node)
            except ValueError as exc:  # a timestamp such as 2022-13-45
                raise yaml.constructor.ConstructorError(
                    None, None, f"{node.value!r} is not a date: {exc}", node.start_mark
                ) from None
        known = built.get(id(node))
        if known is not None:
            return known
        if kind is SequenceNode and node.tag == seq_tag:
            items: list[Any] = []
            built[id(node)] = items
            items.extend([build(child) for child in node.value])
            return items
        if kind is MappingNode and node.tag == map_tag:
            mapping: dict[Any, Any] = {}
            built[id(node)] = mapping
            for key, value in node.value:
                if key.__class__ is not ScalarNode or key.tag not in (text_tag, *scalars):
                    raise _Unusual  # merge keys, complex keys
                mapping[build(key)] = build(value)
            return mapping
        raise _Unusual

    return build(root)


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def _expanded_size(data: Any, limit: int) -> int:
    """How many values ``data`` holds once YAML aliases are expanded (counted up to ``limit``).

    An alias shares one object in memory, but every later step (validation,
    export) walks it once per use: a few hundred bytes of nested aliases (a
    "billion laughs") would expand to billions of values. Without aliases a
    text of ``n`` characters holds fewer than ``n`` values.
    """
    sizes: dict[int, int] = {}

    def size(value: Any) -> int:
        if not isinstance(value, (list, dict)):
            return 1
        known = sizes.get(id(value))
        if known is None:
            children = value.values() if isinstance(value, dict) else value
            known = 1
            for child in children:
                known += size(child)
                if known > limit:
                    break
            sizes[id(value)] = known
        return known

    return size(data)


def loads(text: str, label: str = "<string>", base: str | Path | None = None) -> GraphDocument:
    """A validated document from YAML or JSON text; source texts resolve against ``base``."""
    return validated(parse(text, label), label, base)


def load(path: str | Path | None = None) -> GraphDocument:
    """Read and validate a graph document; the bundled article graph when ``path`` is None.

    Raises :class:`DocumentError` listing every problem, each with file and place.

    >>> doc = load()
    >>> doc.actor("KAZ").name
    'Kazakhstan'
    """
    path = bundled_path() if path is None else Path(path)
    text = read_text(path)
    json_first = str(path).lower().endswith(".json")
    data = parse(text, str(path), json_first=json_first)
    # JSON is parsed as JSON or refused, so its text can clear the data's shape
    return validated(data, str(path), path.parent, json_text=text if json_first else None)


def dumps(doc: GraphDocument, format: str = "yaml") -> str:
    """The document as YAML or JSON text."""
    data = doc.to_dict()
    if format == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format == "yaml":
        import yaml

        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        return str(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100))
    raise ArgumentError(f"unknown document format {format!r} (yaml or json)")


def dump(doc: GraphDocument, path: str | Path, format: str | None = None) -> None:
    """Write the document to ``path`` atomically (``-``: stdout); the format follows the suffix."""
    fmt = format or ("json" if str(path).lower().endswith(".json") else "yaml")
    with atomic_write(path) as fh:
        fh.write(dumps(doc, fmt))


@contextmanager
def atomic_write(path: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write to a temporary file beside ``path`` and move it into place only on success.

    ``-`` is standard output. A symlink is written through (its target is
    replaced); a FIFO or device is written directly, since it cannot be
    replaced. A replaced file keeps its permissions and, where the process may
    set it, its owner. The temporary file (``.NAME.PID.XXXXXXXX.tmp``) is
    removed on any failure, SIGTERM included; SIGKILL cannot be caught, so the
    next write of the same file removes the temporary files of writers that no
    longer run. Failures raise :class:`VectorgraphError` naming ``path``.
    """
    with atomic_writes([path], mode) as (fh,):
        yield fh


@contextmanager
def atomic_writes(paths: Iterable[str | Path], mode: str = "w") -> Iterator[list[IO[Any]]]:
    """Several files written as a unit: every one is replaced, or none is.

    Each is written to a temporary file first; only when all are complete are
    they moved into place, one after the other, while holding a lock on their
    folder, so that concurrent writers of the same set cannot interleave.
    """
    named = [Path(p) for p in paths]
    encoding = None if "b" in mode else "utf-8"
    with ExitStack() as stack:
        handles: list[IO[Any]] = []
        pending: list[tuple[str, Path, Path]] = []  # (temporary, target, as named)
        try:
            for path in named:
                if str(path) == STDIO:
                    out = sys.stdout.buffer if encoding is None else sys.stdout
                    handles.append(out)
                    continue
                target = Path(os.path.realpath(path))
                if target.is_dir():
                    raise VectorgraphError(f"{path}: cannot write: it is a folder")
                if target.exists() and not target.is_file():
                    handles.append(stack.enter_context(_direct(path, target, mode, encoding)))
                    continue
                try:
                    _remove_stale(target)
                    fd, tmp = tempfile.mkstemp(
                        prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
                    )
                except OSError as exc:
                    raise VectorgraphError(f"{path}: cannot write: {exc.strerror or exc}") from None
                pending.append((tmp, target, path))
                handles.append(stack.enter_context(os.fdopen(fd, mode, encoding=encoding)))
            with _removed_on_sigterm([tmp for tmp, _, _ in pending]):
                yield handles
                for fh in handles:
                    fh.flush()
                stack.close()
                _replace_all(pending)
        except OSError as exc:
            where = next((p for t, _, p in pending if exc.filename == t), None) or named[0]
            raise VectorgraphError(f"{where}: cannot write: {exc.strerror or exc}") from None
        finally:
            stack.close()
            for tmp, _, _ in pending:
                Path(tmp).unlink(missing_ok=True)


def _remove_stale(target: Path) -> None:
    """Remove the temporary files that writers of ``target`` killed by SIGKILL left behind.

    A temporary file is named ``.NAME.PID.XXXXXXXX.tmp`` after its writer's
    process id; one whose process no longer exists on this machine is stale.
    A file of a live process (or of one this process may not signal) is kept.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)\.[a-z0-9_]{{8}}\.tmp")
    for path in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        match = pattern.fullmatch(path.name)
        if match is None:
            continue
        pid = int(match.group(1))
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            path.unlink(missing_ok=True)
        except (OSError, OverflowError):  # alive but another user's, or no such pid number
            continue


@contextmanager
def _direct(path: Path, target: Path, mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    try:
        with open(target, mode, encoding=encoding) as fh:
            yield fh
    except OSError as exc:
        raise VectorgraphError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _replace_all(pending: list[tuple[str, Path, Path]]) -> None:
    """Give each temporary file the old file's mode (and owner), then move them all in."""
    umask = os.umask(0)
    os.umask(umask)
    for tmp, target, _ in pending:
        try:
            old = os.stat(target)
        except FileNotFoundError:
            os.chmod(tmp, 0o666 & ~umask)
            continue
        os.chmod(tmp, stat.S_IMODE(old.st_mode))
        try:
            os.chown(tmp, old.st_uid, old.st_gid)
        except OSError:  # not permitted: the file becomes the writer's, as a new one would
            pass
    if not pending:
        return
    with locked_folder(pending[0][1].parent):
        for tmp, target, _ in pending:
            os.replace(tmp, target)


@contextmanager
def locked_folder(folder: str | Path, *, shared: bool = False) -> Iterator[None]:
    """Hold a lock on ``folder``: exclusive while a set of files is moved in, shared to read one.

    :func:`atomic_writes` moves its files in under the exclusive lock; a reader
    of several files written together (the CSV pair) reads them under the
    shared lock, so they always come from the same write. The lock is
    advisory (``flock``): it orders vectorgraph's own readers and writers.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        if not shared:
            raise
        yield  # a folder that cannot be opened to lock: its files are read unlocked
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


@contextmanager
def _removed_on_sigterm(tmps: list[str]) -> Iterator[None]:
    """While writing, SIGTERM removes the temporary files before the process ends."""
    if not tmps or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
