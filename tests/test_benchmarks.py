"""The benchmarks run at a small size, so they do not rot between measured runs."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.slow
@pytest.mark.parametrize(
    ("script", "args", "expected"),
    [
        (
            "bench_render.py",
            ["--sizes", "30", "--no-browser", "--out", "{tmp}/render.json"],
            "vg/pyvis",
        ),
        ("bench_extract.py", ["--mb", "0.05", "--jobs", "1"], "sentences/s per core"),
        ("bench_measures.py", ["--small", "--samples", "50"], "centrality --measure all"),
        ("bench_startup.py", ["--runs", "1"], "vectorgraph --help"),
        (
            "bench_balance.py",
            ["--sizes", "30", "--no-browser", "--out", "{tmp}/balance.json"],
            "+balance s",
        ),
        ("bench_corpus.py", ["--articles", "30", "--merge-docs", "30"], "byte-identical"),
        ("bench_merge.py", ["--docs", "40"], "beyond the result, streaming"),
        (
            "bench_page.py",
            [
                "--actors",
                "400",
                "--relations",
                "800",
                "--evidence",
                "2",
                "--no-baseline",
                "--out",
                "{tmp}/page.json",
            ],
            "1st frame s",
        ),
    ],
    ids=["render", "extract", "measures", "startup", "balance", "corpus", "merge", "page"],
)
def test_benchmark_runs(tmp_path, root, script, args, expected):
    result = subprocess.run(
        [
            sys.executable,
            str(root / "benchmarks" / script),
            *(a.format(tmp=tmp_path) for a in args),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
        check=False,  # the assertion shows stderr
    )
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout
