"""Shared fixtures: the bundled graph, small documents, and a real CLI process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from vectorgraph import GraphDocument, load

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "graphs" / "sources" / "kazakhstan-multivector-2023.txt"


@pytest.fixture(scope="session")
def article() -> GraphDocument:
    """The bundled, curated article graph."""
    return load()


def run_cli(
    *args: str, cwd: Path | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m vectorgraph ARGS`` as a real process against this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "vectorgraph", *args],
        cwd=cwd,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def cli_process() -> Any:
    return run_cli


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-long",
        action="store_true",
        help="run the fuzz tests (tests/test_fuzz.py) with thousands of cases, not hundreds",
    )
