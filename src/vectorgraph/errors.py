"""The exceptions vectorgraph raises: all derive from :class:`VectorgraphError`."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "ArgumentError",
    "DocumentError",
    "ExtractError",
    "NotFoundError",
    "VectorgraphError",
]


class VectorgraphError(Exception):
    """Base of every error the library raises on bad input or bad use."""


class DocumentError(VectorgraphError):
    """A graph document that cannot be read or does not validate.

    ``problems`` holds one line per problem, each naming the file and the place,
    e.g. ``graphs/x.yaml: relations[3].target: unknown actor 'CHN'``.
    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class NotFoundError(VectorgraphError, KeyError):
    """An actor id or other name that the graph does not hold."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ArgumentError(VectorgraphError, ValueError):
    """A function called with an argument it cannot use (an unknown measure, an
    inverted time window); a ``ValueError`` too, as Python code expects."""


class ExtractError(VectorgraphError):
    """A text that cannot be extracted from; the message names the file."""
