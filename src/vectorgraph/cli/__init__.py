"""The ``vectorgraph`` command: a thin layer over the library.

Each command parses its arguments, calls one library function and formats the
result. Library errors become ``Error: ...`` lines and exit code 1; data goes to
stdout, messages to stderr. Modules that draw (pyvis) or compute (networkx) are
imported inside the commands that need them, so start-up stays quick.

``base`` holds the group and the shared options; each other module registers
one family of commands on it.
"""

from __future__ import annotations

from vectorgraph.cli import analysis, documents, drawing, extraction, report  # noqa: F401 - registers
from vectorgraph.cli.base import cli

__all__ = ["cli"]
