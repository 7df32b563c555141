"""``python -m vectorgraph``: the same as the ``vectorgraph`` command."""

from vectorgraph.cli import cli

cli(prog_name="vectorgraph")
