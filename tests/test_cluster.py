"""Extraction on a Dask cluster: the partials' merge, and runs on a real local cluster.

The cluster tests start one ``distributed.LocalCluster`` of two worker
processes (not threads) for the module, and kill one of its workers mid-run.
Most runs use the cue engine (:data:`CUES`), which starts in a moment; one
runs the default parse engine on the cluster, spaCy loaded in each worker.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from vectorgraph.cli import cli
from vectorgraph.cluster import Partial, extract_corpus, open_client
from vectorgraph.errors import ArgumentError, ExtractError
from vectorgraph.extract.corpus import extract_corpus as serial
from vectorgraph.extract.corpus import extract_file, iter_jobs
from vectorgraph.io import dumps

distributed = pytest.importorskip("distributed")

#: The cue engine's options: no spaCy model to load in every (restarted) worker.
CUES = {"engine": "cues"}

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "tests" / "data" / "extract").glob("*.txt")) + [
    ROOT / "graphs" / "sources" / "kazakhstan-multivector-2023.txt"
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fourteen small texts (the test texts, each twice, shuffled), one binary, one not UTF-8."""
    folder = tmp_path_factory.mktemp("corpus")
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in TEXTS[:-1]] * 2
    rng.shuffle(texts)
    for i, text in enumerate(texts):
        (folder / f"t{i:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "t05b.txt").write_bytes(b"\x00\x01binary")
    (folder / "t11b.txt").write_bytes(b"Caf\xe9 in Astana")
    return folder


@pytest.fixture(scope="module")
def expected(corpus: Path) -> str:
    """The serial run's document (cue engine), as text."""
    return dumps(serial([corpus], **CUES), "yaml")


@pytest.fixture(scope="module")
def client():
    with open_client(workers=2) as client:
        client.wait_for_workers(2, timeout=60)
        yield client


# --- the merge of partials, without a cluster ---------------------------------------------


@pytest.fixture(scope="module")
def results() -> list:
    """The extractions of the bundled article and the test texts, one by one."""
    return [extract_file(job, **CUES) for job in iter_jobs(TEXTS)]


def _tree(parts: list[Partial], rng: random.Random) -> Partial:
    while len(parts) > 1:
        k = rng.randint(2, 4)
        parts = [Partial.merged(parts[i : i + k]) for i in range(0, len(parts), k)]
    return parts[0]


@pytest.mark.parametrize("seed", range(12), ids=lambda s: f"split{s}")
def test_partials_merged_in_any_tree_give_the_serial_document(results, seed):
    rng = random.Random(seed)
    n = len(results)
    cuts = sorted(rng.sample(range(1, n), rng.randint(0, n - 1)))
    parts = [Partial.of(results[a:b]) for a, b in zip([0, *cuts], [*cuts, n])]
    merged = _tree(parts, rng)
    assert dumps(merged.document(paths=TEXTS), "yaml") == dumps(serial(TEXTS, **CUES), "yaml")
    assert merged.files == n
    assert merged.sentences == sum(r.sentences for r in results)


def test_merging_leaves_its_inputs_unchanged(results):
    a, b = Partial.of(results[:3]), Partial.of(results[3:])
    before = (dumps(a.document(), "yaml"), dumps(b.document(), "yaml"))
    Partial.merged([a, b])
    assert (dumps(a.document(), "yaml"), dumps(b.document(), "yaml")) == before


def test_an_actors_later_forms_merge_as_in_the_serial_run(results):
    # Russia is named in several texts with different forms: its aliases gather all of them.
    whole = Partial.of(results)
    rus = next(a for a in whole.document().actors if a.id == "RUS")
    assert len(whole.later["RUS"]) >= 2
    firsts = [r.actors["RUS"].aliases for r in results if "RUS" in r.actors]
    assert set(rus.aliases) == set(sorted({x for f in firsts for x in f})[:8])


def test_an_empty_partial_has_no_document():
    with pytest.raises(ExtractError, match=r"no text files \(\.txt, \.text, \.md\) in nothing"):
        Partial().document()


# --- on a real local cluster ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("batch_size", "fan_in", "window"),
    [(1, 2, 3), (3, 3, 1024), (100, 8, 1024)],
    ids=["1x2-window3", "3x3", "one-task"],
)
def test_cluster_run_is_byte_identical_to_serial(
    client, corpus, expected, batch_size, fan_in, window
):
    skipped: list[str] = []
    files = []
    doc = extract_corpus(
        [corpus],
        client=client,
        batch_size=batch_size,
        fan_in=fan_in,
        window=window,
        options=CUES,
        on_skip=skipped.append,
        on_file=lambda: files.append(1),
    )
    assert dumps(doc, "yaml") == expected
    assert len(files) == 16
    assert skipped == [
        f"{corpus / 't05b.txt'}: binary file, not text",
        f"{corpus / 't11b.txt'}: not UTF-8 text (byte 0xe9 at offset 3)",
    ]


def test_the_default_parse_engine_on_the_cluster_gives_the_serial_document(client, corpus):
    # spaCy loads in each worker process; the document is the serial parse run's, not the cues'
    doc = extract_corpus([corpus], client=client, batch_size=3, fan_in=3)
    text = dumps(doc, "yaml")
    assert text == dumps(serial([corpus]), "yaml")
    assert text != dumps(serial([corpus], **CUES), "yaml")
    assert len(doc.sources) == 14


def test_cluster_reads_fsspec_urls_on_the_workers(client, corpus):
    url = f"file://{corpus}"
    doc = extract_corpus([url], client=client, batch_size=4, options=CUES)
    assert dumps(doc, "yaml") == dumps(serial([url], **CUES), "yaml")
    assert doc.sources[0].path == f"file://{corpus}/t00.txt"
    assert len(doc.sources) == 14


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twenty-four texts of every test text at once: a run long enough to kill a worker in."""
    folder = tmp_path_factory.mktemp("long")
    whole = "\n\n".join(p.read_text(encoding="utf-8") for p in TEXTS)
    for i in range(24):
        (folder / f"l{i:02d}.txt").write_text(whole, encoding="utf-8")
    return folder


def test_a_killed_worker_has_its_tasks_rerun_and_the_result_is_unchanged(client, long_corpus):
    expected = dumps(serial([long_corpus]), "yaml")  # the parse engine: a run long enough
    pids = client.run(os.getpid)
    killed: dict[str, object] = {}

    def kill_once() -> None:
        if killed:
            return
        busy = {w: keys for w, keys in client.processing().items() if keys}
        worker = min(busy)
        killed["worker"], killed["tasks"] = worker, len(busy[worker])
        os.kill(pids[worker], signal.SIGKILL)

    doc = extract_corpus([long_corpus], client=client, batch_size=1, fan_in=2, on_file=kill_once)
    assert dumps(doc, "yaml") == expected
    assert killed["tasks"] >= 1  # the worker died with work in hand
    with pytest.raises(ProcessLookupError):
        os.kill(pids[killed["worker"]], 0)
    client.wait_for_workers(2, timeout=180)  # the nanny starts a new one (slow on a loaded machine)
    assert killed["worker"] not in client.scheduler_info()["workers"]


def test_cli_workers_gives_the_serial_output(tmp_path, corpus):
    runner = CliRunner()
    out, ref = tmp_path / "cluster.yaml", tmp_path / "serial.yaml"
    cues = ["--engine", "cues"]
    result = runner.invoke(cli, ["extract", str(corpus), *cues, "--workers", "2", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(cli, ["extract", str(corpus), *cues, "-o", str(ref)]).exit_code == 0
    assert out.read_bytes() == ref.read_bytes()
    assert f"skipped {corpus / 't05b.txt'}: binary file, not text" in result.stderr
    assert "14 text(s): " in result.stderr


def test_cli_scheduler_address(tmp_path, client, corpus, expected):
    out = tmp_path / "c.yaml"
    address = client.scheduler.address
    result = CliRunner().invoke(
        cli, ["extract", str(corpus), "--engine", "cues", "--scheduler", address, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    ref = tmp_path / "s.yaml"
    cues = ["extract", str(corpus), "--engine", "cues", "-o", str(ref)]
    assert CliRunner().invoke(cli, cues).exit_code == 0
    assert out.read_bytes() == ref.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:1", "--workers", "2"], "give --scheduler or --workers"),
        (["--workers", "2", "-j", "2"], "--jobs is for a run on this machine"),
    ],
    ids=["both", "jobs"],
)
def test_cli_cluster_misuse_exits_2(corpus, args, message):
    result = CliRunner().invoke(cli, ["extract", str(corpus), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_unreachable_scheduler_is_one_line():
    start = time.monotonic()
    with pytest.raises(ExtractError) as caught, open_client("tcp://127.0.0.1:9", timeout=1):
        pass
    assert str(caught.value).startswith("tcp://127.0.0.1:9: cannot reach the scheduler: ")
    assert "\n" not in str(caught.value)
    assert time.monotonic() - start < 15


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"batch_size": 0}, "batch_size and window must be >= 1 and fan_in >= 2, not 0, 1024, 8"),
        ({"fan_in": 1}, "batch_size and window must be >= 1 and fan_in >= 2, not 16, 1024, 1"),
        ({"jobs": 2}, "jobs is for the serial run; a cluster has its own workers"),
    ],
    ids=["batch", "fan-in", "jobs"],
)
def test_misuse_is_an_argument_error(corpus, options, message):
    with pytest.raises(ArgumentError) as caught:
        extract_corpus([corpus], client=object(), **options)
    assert str(caught.value) == message


def test_a_progress_bar_on_a_terminal(tmp_path, corpus):
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "vectorgraph", "extract", str(corpus), "--engine", "cues"]
        + ["--workers", "1"]
        + ["-o", str(tmp_path / "out.yaml")],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=tmp_path,
    )
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    assert proc.wait(timeout=120) == 0
    text = screen.decode("utf-8", "replace")
    assert "Extracting  [####################################]  100%" in text
    assert "14 text(s): " in text


def test_the_workers_read_the_files_not_the_client(client):
    # a memory:// file exists only in this process: the serial run reads it, the workers cannot
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/vg-test/a.txt", b"Turkey criticised Armenia.")
    try:
        assert [r.type for r in serial(["memory://vg-test/"], **CUES).relations] == ["criticism"]
        with pytest.raises(ExtractError) as caught:
            extract_corpus(["memory://vg-test/"], client=client, options=CUES)
        assert str(caught.value).startswith("memory:///vg-test/a.txt: cannot read: ")
    finally:
        fs.rm("/vg-test", recursive=True)
