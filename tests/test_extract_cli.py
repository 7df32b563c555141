"""The `extract` command and the corpus functions: files, folders, errors, formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from vectorgraph.cli import cli
from vectorgraph.extract import ExtractError, extract_corpus, iter_extractions, read_source
from vectorgraph.io import load

DATA = Path(__file__).parent / "data" / "extract"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Turkey criticised Armenia.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(
        "Turkey criticised Armenia again. China invested in Tajikistan.", encoding="utf-8"
    )
    (folder / "notes.csv").write_text("Russia,China", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\t\n", "the file is empty"),
        (b"\x00\x01\x02PK", "binary file, not text"),
        (b"Caf\xe9 in Astana", "not UTF-8 text (byte 0xe9 at offset 3)"),
    ],
    ids=["empty", "blank", "binary", "latin-1"],
)
def test_read_source_rejects_with_one_line(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ExtractError) as info:
        read_source(path)
    assert str(info.value) == f"{path}: {message}"


def test_read_source_missing_and_folder(tmp_path):
    with pytest.raises(ExtractError, match=r"nope.txt: cannot read: No such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(ExtractError, match=r": is a folder$"):
        read_source(tmp_path)


def test_corpus_merges_relations_and_evidence_across_files(corpus, tmp_path):
    doc = extract_corpus([corpus], base=tmp_path)
    assert [s.id for s in doc.sources] == ["a", "b"]
    assert [s.path for s in doc.sources] == ["texts/a.txt", "texts/sub/b.txt"]
    by_type = {r.type: r for r in doc.relations}
    assert [(e.source, e.sentence) for e in by_type["criticism"].evidence] == [("a", 0), ("b", 0)]
    assert (by_type["investment"].source, by_type["investment"].target) == ("CHN", "TJK")


def test_corpus_streams_one_result_per_file_in_order(corpus, tmp_path):
    bad = corpus / "z.txt"
    bad.write_bytes(b"\xff\xfe")
    results = list(iter_extractions([corpus]))
    # a folder's own files come before its subfolders'
    assert [type(r).__name__ for r in results] == ["Extraction", "str", "Extraction"]
    assert results[1] == f"{bad}: not UTF-8 text (byte 0xff at offset 0)"


def test_corpus_in_two_processes_gives_the_same_document(corpus):
    one = extract_corpus([corpus])
    two = extract_corpus([corpus], jobs=2)
    assert one.to_dict() == two.to_dict()


def test_corpus_with_nothing_readable_raises_every_reason(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"\x00")
    with pytest.raises(ExtractError) as info:
        extract_corpus([tmp_path])
    assert str(info.value).splitlines() == [
        f"{tmp_path / 'a.txt'}: the file is empty",
        f"{tmp_path / 'b.txt'}: binary file, not text",
    ]


def test_command_writes_a_valid_document_with_relative_source_path(tmp_path):
    out = tmp_path / "out" / "cand.yaml"
    out.parent.mkdir()
    result = CliRunner().invoke(cli, ["extract", str(DATA / "csto-armenia.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = load(out)  # validates, quotes checked against the source text
    stored = doc.sources[0].path
    assert not Path(stored).is_absolute()
    assert (out.parent / stored).resolve() == (DATA / "csto-armenia.txt").resolve()
    assert "1 text(s): 16 actors" in result.output  # 15 and Nagorno-Karabakh (gazetteer)
    assert f"wrote {out}" in result.output


def test_command_json_is_node_link(tmp_path):
    out = tmp_path / "cand.json"
    result = CliRunner().invoke(
        cli, ["extract", str(DATA / "negation-modality.txt"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(data) == ["directed", "graph", "links", "multigraph", "nodes"]
    assert {(link["source"], link["target"], link["type"]) for link in data["links"]} == {
        ("SRB", "HUN", "consultation"),
        ("AZE", "TKM", "strategic_partnership"),
        ("MNG", "KAZ", "investment"),
    }


def test_command_min_confidence(tmp_path):
    result = CliRunner().invoke(
        cli, ["extract", str(DATA / "negation-modality.txt"), "--min-confidence", "0.5"]
    )
    assert result.exit_code == 0, result.output
    assert "text(s): 11 actors, 1 relations" in result.output


def test_command_skips_bad_files_with_a_message(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "c.yaml"
    result = CliRunner().invoke(cli, ["extract", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"skipped {corpus / 'empty.txt'}: the file is empty" in result.output
    assert [s.id for s in load(out).sources] == ["a", "b"]


def test_command_single_bad_file_is_an_error_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00binary")
    out = tmp_path / "c.yaml"
    result = CliRunner().invoke(cli, ["extract", str(bad), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == f"Error: {bad}: binary file, not text\n"
    assert not out.exists()


def test_command_rejects_a_bad_confidence():
    result = CliRunner().invoke(cli, ["extract", "x.txt", "--min-confidence", "2"])
    assert result.exit_code == 2
    assert "Invalid value for '--min-confidence'" in result.output


def test_real_process_folder_to_stdout(corpus, run_cli):
    done = run_cli("extract", str(corpus), "--format", "yaml")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "2 text(s): 4 actors, 2 relations" in done.stderr
    assert "type: criticism" in done.stdout
    assert f"path: {(corpus / 'a.txt').resolve()}" in done.stdout


def test_real_process_error_has_no_traceback(tmp_path, run_cli):
    bad = tmp_path / "latin.txt"
    bad.write_bytes(b"Caf\xe9")
    done = run_cli("extract", str(bad))
    assert done.returncode == 1
    assert done.stderr == f"Error: {bad}: not UTF-8 text (byte 0xe9 at offset 3)\n"


@pytest.mark.parametrize("command", ["extract", "evaluate"], ids=str)
def test_help_has_an_example_and_the_readme_names_the_command(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"vectorgraph {command}" in readme


def test_command_empty_folder_is_an_error(tmp_path):
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == f"Error: no text files (.txt, .text, .md) in {tmp_path}\n"


def test_a_symlink_loop_is_one_line_or_a_skip(tmp_path, run_cli):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("Turkey criticised Armenia.", encoding="utf-8")
    loop = folder / "loop.txt"
    loop.symlink_to("loop.txt")  # a real loop: the link points at itself
    alone = run_cli("extract", str(loop), "--engine", "cues")
    assert alone.returncode == 1
    assert alone.stderr == f"Error: {loop}: cannot read: Too many levels of symbolic links\n"
    out = tmp_path / "c.yaml"
    result = CliRunner().invoke(cli, ["extract", str(folder), "--engine", "cues", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"skipped {loop}: cannot read: Too many levels of symbolic links" in result.output
    assert [s.id for s in load(out).sources] == ["a"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_skipped_not_waited_on(tmp_path, root):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "a.txt").write_text("Turkey criticised Armenia.", encoding="utf-8")
    fifo = folder / "f.txt"
    os.mkfifo(fifo)  # nobody writes to it: reading it would wait for ever
    env = {**os.environ, "PYTHONPATH": str(root / "src")}

    def extract(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "vectorgraph", "extract", *args, "--engine", "cues"]
        # a hang fails the test (TimeoutExpired) instead of stalling the suite
        return subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=60, check=False
        )

    done = extract(str(folder))
    assert done.returncode == 0, done.stderr
    assert f"skipped {fifo}: not a regular file (a FIFO)\n" in done.stderr
    assert "type: criticism" in done.stdout
    alone = extract(str(fifo))
    assert alone.returncode == 1
    assert alone.stderr == f"Error: {fifo}: not a regular file (a FIFO)\n"
