"""The interchange benchmark runs end to end at a tiny size (so it does not rot)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    sys.path.insert(0, str(BENCH))
    import bench_interchange

    return bench_interchange


@pytest.mark.slow
def test_tiny_run(bench: ModuleType, tmp_path: Path) -> None:
    loaded = bench.bench_load(tmp_path, 40, 120)
    assert loaded["json"]["ratio"] > 0 and loaded["yaml"]["bytes"] > 0
    assert loaded["yaml_to_json"] > 0 and loaded["yaml_to_json_process"] > 0
    merged = bench.bench_merge(5, 30, 20)
    assert merged["relations_in"] == 100 and 0 < merged["relations_out"] <= 100
    exported = bench.bench_export(tmp_path, bench.generate(40, 120))
    assert set(exported) >= {"json", "graphml", "gexf", "cytoscape", "csv", "dot"}
    assert exported["gexf"]["ratio_to_networkx_writer"] > 0
    run = bench.end_to_end(tmp_path, 50)
    assert run["relations"] == 250 and (tmp_path / "e2e-50.html").stat().st_size > 0
