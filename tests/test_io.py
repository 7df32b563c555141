"""Reading and writing files: atomic writes (regular files, symlinks, FIFOs), YAML read fast and exact."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- reading and writing as a unit, safely (issue 12) --------------------------------------------


def test_a_device_is_not_read_without_bound():
    from vectorgraph.errors import DocumentError
    from vectorgraph.io import read_bytes

    with pytest.raises(DocumentError, match=r"^/dev/zero: cannot read: a device, not a file$"):
        read_bytes("/dev/zero")


def test_a_pipe_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    import vectorgraph.io
    from vectorgraph.errors import DocumentError

    monkeypatch.setattr(vectorgraph.io, "MAX_BYTES", 100)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(b"x" * 1000))
    writer.start()
    with pytest.raises(DocumentError, match=r"pipe: over the limit of 100 bytes"):
        vectorgraph.io.read_bytes(fifo)
    writer.join(timeout=10)


def test_a_small_file_is_read_without_allocating_the_limit(tmp_path):
    import tracemalloc

    from vectorgraph.io import MAX_BYTES, read_bytes

    path = tmp_path / "small.json"
    path.write_bytes(b"{}" * 1000)
    tracemalloc.start()
    try:
        data = read_bytes(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert data == b"{}" * 1000
    assert peak < MAX_BYTES // 100


def test_a_pipe_longer_than_a_chunk_is_read_whole(tmp_path):
    import vectorgraph.io

    body = bytes(range(256)) * (3 * vectorgraph.io._CHUNK // 256 + 7)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(body))
    writer.start()
    assert vectorgraph.io.read_bytes(fifo) == body
    writer.join(timeout=10)


def test_a_replaced_file_keeps_its_mode(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o600)
    with atomic_write(path) as fh:
        fh.write("new")
    assert path.read_text(encoding="utf-8") == "new"
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another owner")
def test_a_replaced_file_keeps_its_owner(tmp_path):
    path = tmp_path / "theirs.yaml"
    path.write_text("old", encoding="utf-8")
    os.chown(path, 12345, 12345)
    with atomic_write(path) as fh:
        fh.write("new")
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 12345)


def test_a_pair_is_written_both_or_neither(tmp_path):
    from vectorgraph.io import atomic_writes

    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("old a", encoding="utf-8")
    b.write_text("old b", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_writes([a, b]) as (fa, fb):
        fa.write("new a")
        fb.write("new b, half")
        raise RuntimeError("disk full")
    assert (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def _paused_writer(root, out, writes):
    """A real process inside ``atomic_write(out)``, stopped after ``writes`` (lines of code)."""
    body = "".join(f"    {line}\n" for line in writes)
    script = (
        "import sys, time\n"
        "from vectorgraph.io import atomic_write\n"
        "with atomic_write(sys.argv[1]) as fh:\n"
        f"{body}"
        "    print('writing', flush=True)\n"
        "    time.sleep(60)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    out.write_text("old", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(out)], stdout=subprocess.PIPE, env=env, text=True
    )
    assert proc.stdout is not None
    return proc


def test_sigterm_removes_the_temporary_file(tmp_path, root):
    out = tmp_path / "out.txt"
    proc = _paused_writer(root, out, ["fh.write('half')"])
    with proc.stdout:
        assert proc.stdout.readline() == "writing\n"
        proc.terminate()
        assert proc.wait(timeout=30) == 128 + 15
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    assert out.read_text(encoding="utf-8") == "old"


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: [1.5, true, ~, '1', 2022-01-01, 2022-01-01 10:00:00]\n",
        "a: &x {k: v}\nb: *x\n",
        "base: &b {k: 1}\nc:\n  <<: *b\n  j: 2\n",
        "? [1, 2]\n: v\n",
        "a: !!str 1\nb: !!binary aGk=\n",
        "a: yes\nb: 0o17\nc: 0x1f\nd: 1_000\ne: .inf\nf: -.NaN\n",
        "a: |\n  two\n  lines\nb: >\n  folded\n  text\n",
    ],
    ids=["scalars", "anchor", "merge-key", "complex-key", "tags", "yaml-1.1", "block"],
)
def test_fast_yaml_construction_is_pyyaml(text):
    import math

    import yaml

    from vectorgraph.io import _load_yaml

    try:
        expected = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:  # the same error, word for word
        with pytest.raises(type(exc)) as info:
            _load_yaml(text)
        assert str(info.value) == str(exc)
        return
    got = _load_yaml(text)
    if isinstance(expected, dict) and any(
        isinstance(v, float) and math.isnan(v) for v in expected.values()
    ):
        assert repr(got) == repr(expected)
    else:
        assert got == expected
    if "&x" in text:
        assert got["a"] is got["b"]  # an alias is the same object, as PyYAML makes it


_BLOCK_TEXTS = {
    "scalars": "a: 1\nb:\n- 1.5\n- true\n- ~\n- '1'\n- 2022-01-01\n- 2022-01-01 10:00:00\n",
    "yaml-1.1": "a: yes\nb: 0o17\nc: 0x1f\nd: 1_000\ne: .inf\nf: -.NaN\ng: 1:20\nh: Off\n",
    "word-keys": "y: 1\nno: 2\nnull: 3\n",
    "empty-value": "a:\nb: 2\nc:\n",
    "wrapped-plain": "a: one two\n  three\n  four\nb: x\n",
    "wrapped-single": "a: 'it''s: #1\n  and more'\nb: 'x'\n",
    "double": 'a: "plain: text"\nb: "a\\tb"\nc: "x\n  y"\n',
    "nested": "a:\n  b:\n    c: 1\n  d:\n  - x\n  - e: 1\n    f:\n    - 2\ng: 3\n",
    "deep-list": "a:\n  - 1\n  - 2\nb: 3\n",
    "top-list": "- 1\n- a: 2\n- - 3\n",
    "minus": "a: -5\nb: -x\nc: - x\n",
    "comment": "a: 1 # one\nb: 2\n",
    "hash": "a: x#y\nb: '#'\n",
    "colon": "a: b: c\n",
    "trailing-colon": "a: b:\n",
    "indicator": "a: [1, 2]\nb: {c: d}\nc: &x 1\nd: *x\ne: !!str 1\nf: |\n  t\n",
    "bad-indent": "a: 1\n b: 2\n",
    "bad-indent-2": "a:\n    b: 1\n  c: 2\n",
    "tab": "a:\t1\n",
    "crlf": "a: 1\r\nb: 2\r\n",
    "nel": "a: x\x85y\n",
    "line-separator": "a: x\u2028y\n",
    "control": "a: x\x01y\n",
    "blank-line": "a: 1\n\nb: 2\n",
    "trailing-space": "a: 1 \nb: 2\n",
    "two-spaces": "a:  1\n",
    "unicode-space": "a: \u3000x\u3000\nb: \xa0\n",
    "document-start": "---\na: 1\n",
    "merge": "<<: 1\n",
    "bad-date": "a: 2022-13-45\n",
    "wrapped-dash": "a: one\n  - two\n",
    "wrapped-hash": "a: one\n  #two\n",
    "unclosed": "a: 'one\n  two\nb: 1\n",
    "after-quote": "a: 'one' two\n",
    "duplicate": "a: 1\na: 2\n",
    "scalar-document": "just text\n",
    "list-after-scalar": "a: 1\n- 2\n",
}


def _same(text: str) -> None:
    """The block reader gives PyYAML's value, or leaves the text to PyYAML."""
    import yaml

    import vectorgraph.yaml_block as _yaml_block

    try:
        expected = yaml.load(text, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError):
        with pytest.raises(_yaml_block.Unsupported):
            _yaml_block.load(text)
        return
    try:
        got = _yaml_block.load(text)
    except _yaml_block.Unsupported:
        return
    assert repr(got) == repr(expected)  # repr: NaN equals itself, types show


@pytest.mark.parametrize("text", list(_BLOCK_TEXTS.values()), ids=list(_BLOCK_TEXTS))
def test_block_yaml_is_pyyaml_or_left_to_it(text):
    _same(text)


@pytest.mark.parametrize(
    "name",
    [
        "scalars",
        "yaml-1.1",
        "word-keys",
        "empty-value",
        "wrapped-plain",
        "wrapped-single",
        "nested",
    ],
)
def test_block_yaml_reads_the_shapes_it_should(name):
    import yaml

    import vectorgraph.yaml_block as _yaml_block

    text = _BLOCK_TEXTS[name]
    assert repr(_yaml_block.load(text)) == repr(yaml.load(text, Loader=yaml.CSafeLoader))


def test_block_yaml_reads_every_bundled_graph_as_written():
    import yaml

    import vectorgraph.yaml_block as _yaml_block
    from vectorgraph import dumps, load

    root = Path(__file__).resolve().parents[1] / "graphs"
    for path in sorted(root.glob("*.yaml")):
        text = dumps(load(path))  # the YAML the tool writes
        assert _yaml_block.load(text) == yaml.load(text, Loader=yaml.CSafeLoader), path


_keys = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,6}", fullmatch=True)
_leaves = (
    st.text(max_size=120)
    | st.sampled_from(["yes", "No", "~", "null", "1:20", "0x1f", ".5", "-", "- a", "#", "a: b"])
    | st.integers()
    | st.floats()
    | st.booleans()
    | st.none()
)
_values = st.recursive(
    _leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(data=st.dictionaries(_keys, _values, min_size=1, max_size=5))
def test_block_yaml_is_pyyaml_on_what_pyyaml_writes(data):
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    _same(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100))


@settings(max_examples=150, deadline=None)
@given(cut=st.integers(0, 4000), junk=st.sampled_from(list(" \n:-#'\"x!&*[]{}|>\t")))
def test_block_yaml_is_pyyaml_on_broken_text(cut, junk):
    from vectorgraph import dumps, load

    text = dumps(load())[:6000]
    _same(text[:cut] + junk + text[cut:])
    _same(text[:cut] + text[cut + 1 :])


def test_an_impossible_yaml_date_is_one_error_line(tmp_path):
    path = tmp_path / "bad-date.yaml"
    path.write_text("vectorgraph: 1\ntitle: x\ndate: 2022-13-45\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: line 3, column 7: invalid YAML: "
        "'2022-13-45' is not a date: month must be in 1..12\n"
    )


def test_the_next_write_removes_what_a_sigkilled_writer_left(tmp_path, root):
    out = tmp_path / "out.txt"
    proc = _paused_writer(root, out, ["fh.write('complete, never moved in')", "fh.flush()"])
    with proc.stdout:
        assert proc.stdout.readline() == "writing\n"
        proc.kill()  # SIGKILL: nothing in the writer runs
        assert proc.wait(timeout=30) == -9
    (left,) = tmp_path.glob(".out.txt.*.tmp")
    assert left.name.startswith(f".out.txt.{proc.pid}.")
    # a live writer's file (this process's pid, another writer of the same file) stays
    live = tmp_path / f".out.txt.{os.getppid()}.abcdefgh.tmp"
    live.write_text("in progress", encoding="utf-8")
    other = tmp_path / ".other.txt.1.abcdefgh.tmp"  # another file's: not ours to touch
    other.write_text("x", encoding="utf-8")
    with atomic_write(out) as fh:
        fh.write("new")
    assert out.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out.txt", live.name, other.name])


@pytest.mark.parametrize(
    "text",
    ['{"title": "t", "actors": [{"id": "A"}, {"id": "B"}], "relations": []}', '{"title": 3}', "{"],
    ids=["valid", "invalid", "not-json"],
)
def test_loading_pauses_the_collector_and_gives_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    import gc

    from vectorgraph import DocumentError, load

    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    paused: list[bool] = []
    real = gc.disable

    def spy() -> None:
        paused.append(gc.isenabled())
        real()

    monkeypatch.setattr(gc, "disable", spy)
    try:
        doc = load(path)
    except DocumentError:
        doc = None
    assert gc.isenabled()
    assert paused and paused[0]  # on when the parse began, paused for it
    if doc is not None:
        assert doc.to_networkx().number_of_nodes() == 2 and gc.isenabled()
