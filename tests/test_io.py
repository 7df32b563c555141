"""Writing files: atomic for regular files, through symlinks, directly into FIFOs; clear errors."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from generate import generate
from vectorgraph import VectorgraphError, dump
from vectorgraph.cli import cli
from vectorgraph.io import atomic_write


def test_a_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(path) as fh:
        fh.write("new, half")
        raise RuntimeError("boom")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_symlink_is_written_through(tmp_path):
    real = tmp_path / "real.txt"
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with atomic_write(link) as fh:
        fh.write("through")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "through"


def test_a_fifo_is_written_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    with atomic_write(fifo) as fh:
        fh.write("streamed")
    reader.join(timeout=10)
    assert got == ["streamed"] and fifo.is_fifo()


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "out.html").mkdir()
    with (
        pytest.raises(VectorgraphError, match=r"out.html: cannot write: it is a folder"),
        atomic_write(tmp_path / "out.html") as fh,
    ):
        fh.write("x")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_stdout_is_one_error_line(root: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "vectorgraph", "export", "--to", "dot"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr == "Error: output: cannot write: No space left on device\n"


@pytest.mark.skipif(not hasattr(fcntl, "F_SETPIPE_SZ"), reason="needs Linux pipes")
def test_a_closed_pipe_ends_quietly(tmp_path: Path, root: Path) -> None:
    big = tmp_path / "big.json"
    dump(generate(2000, 8000), big)
    args = ["ties", "A00000", str(big)]
    # The pipe holds one page, far less than the output: the child cannot write it
    # all and exit before the reader goes away, whatever the scheduling.
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    capacity = fcntl.fcntl(write_end, fcntl.F_GETPIPE_SZ)
    assert len(CliRunner().invoke(cli, args).stdout.encode()) > 2 * capacity
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    try:
        with subprocess.Popen(
            [sys.executable, "-m", "vectorgraph", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
        ) as proc:
            os.close(write_end)
            write_end = -1
            assert os.read(read_end, 10) == b"direction,"  # unbuffered: exactly 10 bytes
            os.close(read_end)  # the reader goes away, as `| head` does
            read_end = -1
            assert proc.wait(timeout=120) == 1
            assert proc.stderr is not None and proc.stderr.read() == b""
    finally:
        for fd in (read_end, write_end):
            if fd != -1:
                os.close(fd)
