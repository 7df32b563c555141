"""Shared fixtures: the checkout's root, the bundled graph, and a real CLI process.

Tests take these as fixtures (``def test_x(root, run_cli)``); no test file imports
from ``conftest``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from vectorgraph import GraphDocument, load

_ROOT = Path(__file__).resolve().parents[1]

#: What the ``run_cli`` fixture gives: ``run_cli(*args, cwd=None, input=None)``.
RunCli = Callable[..., "subprocess.CompletedProcess[str]"]


def run_cli(
    *args: str, cwd: Path | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m vectorgraph ARGS`` as a real process against this checkout."""
    env = {**os.environ, "PYTHONPATH": str(_ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "vectorgraph", *args],
        cwd=cwd,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,  # the tests assert the exit code
    )


@pytest.fixture(scope="session")
def root() -> Path:
    """The checkout: README.md, graphs/, benchmarks/, src/."""
    return _ROOT


@pytest.fixture(scope="session")
def article() -> GraphDocument:
    """The bundled, curated article graph."""
    return load()


@pytest.fixture(name="run_cli", scope="session")
def run_cli_fixture() -> RunCli:
    """Runs ``python -m vectorgraph ARGS`` as a real process (exit code not checked)."""
    return run_cli


@pytest.fixture(scope="session")
def cli_process() -> RunCli:
    """The same as ``run_cli``."""
    return run_cli


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        help="run the fuzz tests (tests/test_fuzz.py) with thousands of cases, not hundreds",
    )
