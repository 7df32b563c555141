"""Texts behind fsspec URLs (``s3://``, ``gs://``, ``https://``, ``file://``...).

A path with ``://`` is a URL: :func:`list_texts` expands a folder URL into the
URLs of its text files (sorted) and :func:`read_bytes` reads one, through
`fsspec <https://filesystem-spec.readthedocs.io>`_ (the ``cluster`` extra).
Local paths never come here, so plain use needs no fsspec.

Examples
--------
>>> is_url("s3://news/2024/"), is_url("articles/a.txt")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from vectorgraph.errors import ExtractError

__all__ = ["is_url", "list_texts", "read_bytes", "url_stem"]

_HINT = "reading URLs needs fsspec: pip install 'vectorgraph[cluster]'"


def is_url(path: object) -> bool:
    """Whether ``path`` names a file through a protocol (it contains ``://``)."""
    return "://" in str(path)


def url_stem(url: str) -> str:
    """The file name of a URL without its suffix, as :attr:`pathlib.Path.stem`."""
    return PurePosixPath(url.split("://", 1)[1].split("?", 1)[0]).stem


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        import fsspec
    except ImportError:
        raise ExtractError(f"{url}: {_HINT}") from None
    try:
        return fsspec.core.url_to_fs(url)  # type: ignore[no-any-return]
    except (ImportError, ValueError) as exc:
        raise ExtractError(f"{url}: {exc}") from None


def list_texts(url: str, suffixes: Iterable[str]) -> list[str]:
    """``url`` itself, or the sorted URLs of the text files under a folder URL."""
    fs, root = _filesystem(url)
    try:
        if not fs.isdir(root):
            return [url]
        found = fs.find(root)
    except OSError as exc:
        raise ExtractError(f"{url}: cannot list: {exc}") from None
    ends = tuple(suffixes)
    keep = [
        p for p in found if p.lower().endswith(ends) and not PurePosixPath(p).name.startswith(".")
    ]
    return [fs.unstrip_protocol(p) for p in sorted(keep)]


def read_bytes(url: str, limit: int) -> bytes:
    """The bytes of the file at ``url``; :class:`ExtractError` naming it when that fails."""
    fs, path = _filesystem(url)
    try:
        size = fs.size(path)
        if size is not None and size > limit:
            raise ExtractError(f"{url}: file is {size:,} bytes, over the limit of {limit:,}")
        with fs.open(path, "rb") as fh:
            return fh.read(limit + 1)  # type: ignore[no-any-return]
    except IsADirectoryError:
        raise ExtractError(f"{url}: is a folder") from None
    except OSError as exc:
        raise ExtractError(f"{url}: cannot read: {exc.strerror or exc}") from None
