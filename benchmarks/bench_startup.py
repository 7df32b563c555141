"""Start-up time of the command line, against the bare interpreter in the same run.

``python benchmarks/bench_startup.py [--runs 15]`` starts each command as a new
process ``--runs`` times and reports the median wall time and its ratio to
``python -c pass``. ``import pyvis`` is timed too, to show what the commands that
do not draw avoid by importing it only in ``render``. Prints a table and writes
JSON to ``benchmarks/results/``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"

COMMANDS = {
    "python -c pass (baseline)": ["-c", "pass"],
    "vectorgraph --help": ["-m", "vectorgraph", "--help"],
    "vectorgraph info": ["-m", "vectorgraph", "info", "--format", "csv"],
    "python -c 'import pyvis'": ["-c", "import pyvis"],
}


def median_seconds(args: list[str], runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, *args],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rows = {name: median_seconds(cmd, args.runs) for name, cmd in COMMANDS.items()}
    base = rows["python -c pass (baseline)"]
    print(f"{'command':32} {'median s':>9} {'x baseline':>11}")
    for name, seconds in rows.items():
        print(f"{name:32} {seconds:9.3f} {seconds / base:11.1f}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "startup.json").write_text(
        json.dumps({"runs": args.runs, "median_seconds": rows}, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
