"""Extraction over files and folders: reading texts safely, streaming, merging.

:func:`read_source` reads one text file or raises :class:`ExtractError` with one
line naming the file (unreadable, binary, not UTF-8, empty). :func:`iter_extractions`
streams the extractions of many files one at a time (optionally in several
processes), so memory holds one text at a time; :func:`extract_corpus` merges
them into one candidate document.

Examples
--------
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Turkey criticised Armenia.", encoding="utf-8")
>>> _ = (folder / "b.txt").write_bytes(b"\\x00\\x01binary")
>>> skipped = []
>>> doc = extract_corpus([folder], on_skip=skipped.append)
>>> [(r.source, r.target, r.type) for r in doc.relations], [s.id for s in doc.sources]
([('TUR', 'ARM', 'criticism')], ['a'])
>>> skipped[0].endswith("b.txt: binary file, not text")
True
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.errors import ExtractError
from vectorgraph.extract.pipeline import Extraction, Text, build_document, read_texts
from vectorgraph.urls import is_url, list_texts, read_bytes, url_stem

__all__ = [
    "TEXT_SUFFIXES",
    "ExtractError",
    "corpus_document",
    "decode_source",
    "extract_corpus",
    "extract_file",
    "extract_files",
    "iter_extractions",
    "iter_files",
    "iter_jobs",
    "read_source",
]

#: The files a folder contributes (other files in a folder are ignored).
TEXT_SUFFIXES = (".txt", ".text", ".md")
#: Files per call of a worker process of ``jobs`` > 1: enough short texts for a parse batch.
CHUNK = 8
#: The largest text file read (bigger files are skipped with a message).
MAX_TEXT_BYTES = 64 * 1024 * 1024


def read_source(path: str | Path) -> str:
    """The text of a UTF-8 file or fsspec URL; :class:`ExtractError` naming it otherwise."""
    if is_url(path):
        return decode_source(read_bytes(str(path), MAX_TEXT_BYTES), str(path))
    path = Path(path)
    try:
        # opened without blocking, so that a FIFO cannot hang the read; only
        # regular files are read (a FIFO or a device has no end to wait for)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise ExtractError(f"{path}: is a folder") from None
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ExtractError(f"{path}: is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise ExtractError(f"{path}: not a regular file ({_kind(info.st_mode)})")
        if info.st_size > MAX_TEXT_BYTES:
            raise ExtractError(
                f"{path}: file is {info.st_size:,} bytes, over the limit of {MAX_TEXT_BYTES:,}"
            )
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise ExtractError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_TEXT_BYTES:
        raise ExtractError(f"{path}: over the limit of {MAX_TEXT_BYTES:,} bytes")
    return decode_source(data, str(path))


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def decode_source(data: bytes, path: str) -> str:
    """The text of a file's bytes; :class:`ExtractError` naming ``path`` when it is none."""
    if b"\x00" in data[:8192]:
        raise ExtractError(f"{path}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    if not text.strip():
        raise ExtractError(f"{path}: the file is empty")
    return text


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str]:
    """The files named, and the text files inside the folders named (sorted, recursive).

    An fsspec URL (``s3://bucket/news/``) stays a string; a folder URL gives
    the URLs of its text files.
    """
    for item in paths:
        if is_url(item):
            yield from list_texts(str(item), TEXT_SUFFIXES)
            continue
        path = Path(item)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(TEXT_SUFFIXES) and not name.startswith("."):
                        yield Path(root) / name
        else:
            yield path


def _source_id(path: Path | str, taken: set[str]) -> str:
    stem = url_stem(path) if isinstance(path, str) else path.stem
    base = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-") or "text"
    sid, n = base, 2
    while sid in taken:
        sid, n = f"{base}-{n}", n + 1
    taken.add(sid)
    return sid


def _source_path(path: Path | str, base: Path | None) -> str:
    if isinstance(path, str):  # a URL is stored as given
        return path
    # os.path.realpath, not Path.resolve: a symlink loop is kept as named (its
    # read then fails with one line) instead of raising RuntimeError
    real = os.path.realpath(path)
    if base is None:
        return real
    try:
        return os.path.relpath(real, os.path.realpath(base))
    except ValueError:  # another drive on Windows
        return real


def iter_jobs(
    paths: Iterable[str | Path], *, base: str | Path | None = None
) -> Iterator[tuple[str, str, str]]:
    """Each file to read as ``(path, source id, stored path)``, in reading order.

    What :func:`extract_file` needs, and all that a worker process needs: small
    enough to send anywhere, the text itself read where it is extracted.
    """
    folder = Path(base) if base is not None else None
    taken: set[str] = set()
    for p in iter_files(paths):
        yield str(p), _source_id(p, taken), _source_path(p, folder)


def extract_file(job: tuple[str, str, str], **options: Any) -> Extraction | str:
    """The extraction of one job of :func:`iter_jobs`, or its skip message (str).

    ``options`` go to :func:`~vectorgraph.extract.pipeline.read_text`.
    """
    return next(extract_files([job], **options))


def extract_files(
    jobs: Iterable[tuple[str, str, str]], **options: Any
) -> Iterator[Extraction | str]:
    """:func:`extract_file` of each job in turn, the texts read together
    (:func:`~vectorgraph.extract.pipeline.read_texts`: the parse engine parses
    the sentences of consecutive short texts in one batch)."""
    return read_texts((_text(job) for job in jobs), **options)


def _text(job: tuple[str, str, str]) -> Text | str:
    """The text of a job, or its skip message."""
    path, sid, stored = job
    try:
        text = read_source(path)
    except ExtractError as exc:
        return str(exc)
    title = path.rsplit("/", 1)[-1] if is_url(path) else Path(path).name
    return Text(text, sid, title, stored)


def _extract_chunk(jobs: list[tuple[str, str, str]], **options: Any) -> list[Extraction | str]:
    return list(extract_files(jobs, **options))


def iter_extractions(
    paths: Iterable[str | Path],
    *,
    base: str | Path | None = None,
    jobs: int = 1,
    engine: str = "parse",
    model: str | None = None,
    learned: bool = False,
) -> Iterator[Extraction | str]:
    """The extraction of each file in turn, or a skip message (str) for a file that fails.

    Source paths are stored relative to ``base`` (the folder of the output
    document), absolute when ``base`` is None. ``jobs`` > 1 reads files in
    that many processes, :data:`CHUNK` consecutive files per call; the order
    stays that of the files. ``engine``, ``model`` and ``learned`` are those of
    :func:`vectorgraph.extract.pipeline.read_text`.
    """
    work = iter_jobs(paths, base=base)
    if jobs <= 1:
        yield from extract_files(work, engine=engine, model=model, learned=learned)
        return
    import multiprocessing

    chunks = iter(lambda: list(itertools.islice(work, CHUNK)), [])
    extract = functools.partial(_extract_chunk, engine=engine, model=model, learned=learned)
    with multiprocessing.get_context("spawn" if os.name == "nt" else "fork").Pool(jobs) as pool:
        for results in pool.imap(extract, chunks, chunksize=1):
            yield from results


def extract_corpus(
    paths: Iterable[str | Path],
    *,
    base: str | Path | None = None,
    min_confidence: float = 0.0,
    title: str | None = None,
    jobs: int = 1,
    on_skip: Callable[[str], None] | None = None,
    on_file: Callable[[], None] | None = None,
    engine: str = "parse",
    model: str | None = None,
    learned: bool = False,
) -> GraphDocument:
    """One candidate document for many texts (files and folders), merged.

    A file that cannot be read is reported through ``on_skip`` and left out;
    when no file could be read, :class:`ExtractError` lists every reason.
    ``on_file`` is called after each file (for a progress bar).
    """
    paths = list(paths)
    done: list[Extraction] = []
    skipped: list[str] = []
    if engine == "parse":
        from vectorgraph.extract.nlp import load_model

        load_model(model)  # once, before the workers fork; a missing model fails here
    results = iter_extractions(
        paths, base=base, jobs=jobs, engine=engine, model=model, learned=learned
    )
    for result in results:
        if isinstance(result, str):
            skipped.append(result)
            if on_skip is not None:
                on_skip(result)
        else:
            done.append(result)
        if on_file is not None:
            on_file()
    return corpus_document(
        done, skipped=skipped, paths=paths, title=title, min_confidence=min_confidence
    )


def corpus_document(
    done: Sequence[Extraction],
    *,
    skipped: Sequence[str],
    paths: Sequence[str | Path],
    title: str | None = None,
    min_confidence: float = 0.0,
) -> GraphDocument:
    """The document of a corpus's extractions (in file order), as :func:`extract_corpus` makes it.

    :class:`ExtractError` when none was read: every skip message, or that
    ``paths`` held no text file.
    """
    if not done:
        if skipped:
            raise ExtractError("\n".join(skipped))
        named = ", ".join(str(p) for p in paths) or "nothing"
        raise ExtractError(f"no text files ({', '.join(TEXT_SUFFIXES)}) in {named}")
    if title is None:
        title = done[0].source.title if len(done) == 1 else f"Candidate graph of {len(done)} texts"
    return build_document(list(done), title=title, min_confidence=min_confidence)
