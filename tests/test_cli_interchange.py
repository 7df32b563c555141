"""The interchange commands: export, import, merge, diff, ties, path, and the slice options."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import vectorgraph
from vectorgraph import GraphDocument, dump, load, time_slice
from vectorgraph.cli import cli


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def write_doc(
    path: Path, title: str, relations: list[dict[str, Any]], actors: str = "A B C D"
) -> Path:
    dump(
        GraphDocument.from_dict(
            {
                "title": title,
                "sources": [{"id": "s", "title": "S"}],
                "actors": [
                    {"id": a, "name": f"Actor {a}", "type": "state"} for a in actors.split()
                ],
                "relations": relations,
            }
        ),
        path,
    )
    return path


def rel(s: str, t: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {"source": s, "target": t, "type": kind, **extra}


@pytest.fixture
def old(tmp_path: Path) -> Path:
    return write_doc(
        tmp_path / "old.yaml",
        "old",
        [
            rel("A", "B", "trade", date="2021", evidence=[{"source": "s", "quote": "A trades."}]),
            rel("B", "C", "sanctions"),
            rel("C", "D", "alliance"),
        ],
    )


@pytest.fixture
def new(tmp_path: Path) -> Path:
    return write_doc(
        tmp_path / "new.yaml",
        "new",
        [
            rel("A", "B", "trade", date="2023", weight=0.9),
            rel("B", "C", "alliance"),
            rel("A", "D", "threat"),
        ],
    )


# -- export ----------------------------------------------------------------------


def test_export_gexf(tmp_path: Path) -> None:
    out = tmp_path / "kaz.gexf"
    result = invoke("export", "--to", "gexf", "-o", out)
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out}\n"
    assert len(vectorgraph.read(out).relations) == len(load().relations)
    assert out.read_text(encoding="utf-8").count("<edge ") == len(load().relations)


def test_export_json_to_stdout_is_default() -> None:
    result = invoke("export")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["links"]) == len(load().relations)


def test_export_csv_needs_output() -> None:
    result = invoke("export", "--to", "csv")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --to csv writes two files: give -o (X.csv or a folder)"
    )


def test_export_csv_folder(tmp_path: Path) -> None:
    result = invoke("export", "--to", "csv", "-o", f"{tmp_path}/sheet/")
    assert result.exit_code == 0
    assert result.stderr == (
        f"wrote {tmp_path}/sheet/nodes.csv\nwrote {tmp_path}/sheet/edges.csv\n"
    )


def test_export_sliced(tmp_path: Path) -> None:
    result = invoke("export", "--since", "2022", "--undated", "drop")
    expected = time_slice(load(), start="2022", undated="drop")
    assert [link["type"] for link in json.loads(result.stdout)["links"]] == [
        r.type for r in expected.relations
    ]
    assert 0 < len(expected.relations) < len(load().relations)


def test_export_from_alias_of_since() -> None:
    assert invoke("export", "--from", "2022").stdout == invoke("export", "--since", "2022").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--at", "2022-13"],
            "Error: Invalid value for '--at': invalid date '2022-13': month must be in 1..12",
        ),
        (
            ["--at", "2022", "--until", "2023"],
            "Error: --at cannot be combined with --since/--until",
        ),
        (
            ["--undated", "maybe"],
            "Error: Invalid value for '--undated': 'maybe' is not one of 'keep', 'drop'.",
        ),
    ],
    ids=["bad-date", "at-and-until", "bad-undated"],
)
def test_slice_misuse(args: list[str], message: str) -> None:
    result = invoke("export", *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message


def test_export_unwritable(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "x.dot"
    result = invoke("export", "--to", "dot", "-o", out)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write: No such file or directory\n"


# -- import ----------------------------------------------------------------------


def test_import_csv(tmp_path: Path) -> None:
    (tmp_path / "g.nodes.csv").write_text("id,name,type\nKAZ,Kazakhstan,state\nRUS,Russia,state\n")
    (tmp_path / "g.edges.csv").write_text("source,target,type\nKAZ,RUS,trade\n")
    out = tmp_path / "g.yaml"
    result = invoke("import", tmp_path / "g.csv", "-o", out)
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out} (2 actors, 1 relations)\n"
    assert load(out).relations[0].weight == 0.64


def test_import_errors_per_row(tmp_path: Path) -> None:
    edges = tmp_path / "edges.csv"
    edges.write_text("source,target,type\nKAZ,RUS,trade\nKAZ,RUS,frend\n")
    (tmp_path / "nodes.csv").write_text("id\nKAZ\nRUS\n")
    out = tmp_path / "g.yaml"
    result = invoke("import", tmp_path, "-o", out)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {edges}: row 3: type: unknown relation type 'frend'\n"
    assert not out.exists()


def test_import_needs_output(tmp_path: Path) -> None:
    result = invoke("import", tmp_path / "x.json")
    assert result.exit_code == 2
    assert "Missing option '-o' / '--output'" in result.stderr


# -- merge -----------------------------------------------------------------------


def test_merge(old: Path, new: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.yaml"
    result = invoke("merge", old, new, "-o", out, "--title", "Corpus")
    assert result.exit_code == 0
    assert result.stderr == (
        f"note: B and C: cooperative in {new}, conflictual in {old}: both kept\n"
        f"wrote {out} (4 actors, 5 relations; 1 combined)\n"
    )
    merged = load(out)
    assert merged.title == "Corpus"
    trade = merged.between("A", "B")[0]
    assert (trade.count, trade.weight, trade.date) == (
        2,
        pytest.approx(1 - 0.36 * 0.1),
        "2021-01-01/2023-12-31",
    )


def test_merge_sliced(old: Path, new: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.yaml"
    result = invoke("merge", old, new, "-o", out, "--at", "2023", "--undated", "drop")
    assert result.exit_code == 0
    assert [(r.type, r.count) for r in load(out).relations] == [("trade", None)]


def test_merge_invalid_input(old: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors: [{id: a}]\n")
    result = invoke("merge", old, bad, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {bad}: actors[0].id: actor id 'a' must be "
        "UPPER_SNAKE_CASE (ISO alpha-3 for states)\n"
    )
    assert not (tmp_path / "out.yaml").exists()


# -- diff ------------------------------------------------------------------------


def test_diff_csv(old: Path, new: Path) -> None:
    result = invoke("diff", old, new, "--format", "csv", "--top", "0")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "change,source,target,type,before,after",
        "relation added,A,D,threat,,0.6",
        "relation added,B,C,alliance,,0.74",
        "relation removed,B,C,sanctions,0.8,",
        "relation removed,C,D,alliance,0.74,",
        "sign flip,B,C,,-1,1",
        "weight change,A,B,trade,0.64,0.9",
    ]


def test_diff_json(old: Path, new: Path) -> None:
    data = json.loads(invoke("diff", old, new, "--format", "json").stdout)
    assert sorted(data) == [
        "actors_added",
        "actors_removed",
        "rank_moves",
        "relations_added",
        "relations_removed",
        "sign_flips",
        "weight_changes",
    ]
    assert data["sign_flips"] == [
        {"source": "B", "target": "C", "type": "", "before": -1, "after": 1}
    ]


def test_diff_of_two_slices_of_one_graph(old: Path) -> None:
    result = invoke("diff", old, old, "--format", "csv", "--at", "2021")
    assert result.stdout == "change,source,target,type,before,after\n"


# -- ties and path -----------------------------------------------------------------


def test_ties(old: Path) -> None:
    result = invoke("ties", "actor b", old, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "direction,other,type,sign,weight,date,source,sentence,quote",
        "->,C,sanctions,-,0.8,,,,",
        "--,A,trade,+,0.64,2021,s,,A trades.",
    ]


def test_ties_sign_filter(old: Path) -> None:
    result = invoke("ties", "B", old, "--sign", "+", "--format", "json")
    assert [t["type"] for t in json.loads(result.stdout)] == ["trade"]


def test_ties_unknown_type(old: Path) -> None:
    result = invoke("ties", "B", old, "--type", "frend")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--type': unknown relation type 'frend'"
    )


def test_ties_unknown_actor(old: Path) -> None:
    result = invoke("ties", "Zed", old)
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown actor 'Zed'\n"


def test_path(old: Path) -> None:
    result = invoke("path", "A", "D", old, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "chain,hops,sign,path",
        "1,3,-,A [trade +] B [sanctions -] C [alliance +] D",
    ]


def test_path_none(old: Path) -> None:
    result = invoke("path", "A", "D", old, "--sign", "+")
    assert result.exit_code == 1
    assert result.stderr == "Error: no chain of ties joins A and D\n"


@pytest.mark.parametrize("command", ["export", "import", "merge", "diff", "ties", "path"])
def test_help_has_example(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0 and "Example:" in result.stdout


# -- real processes ----------------------------------------------------------------


def test_process_export_and_import(tmp_path: Path, cli_process: Any) -> None:
    run_cli = cli_process
    done = run_cli("export", "--to", "graphml", "-o", str(tmp_path / "k.graphml"))
    assert done.returncode == 0, done.stderr
    done = run_cli("import", str(tmp_path / "k.graphml"), "-o", str(tmp_path / "k.yaml"))
    assert done.returncode == 0, done.stderr
    assert load(tmp_path / "k.yaml").actors == load().actors


def test_process_merge_diff(old: Path, new: Path, tmp_path: Path, cli_process: Any) -> None:
    run_cli = cli_process
    done = run_cli("merge", str(old), str(new), "-o", str(tmp_path / "m.yaml"))
    assert done.returncode == 0 and done.stderr.endswith("1 combined)\n")
    done = run_cli("diff", str(old), str(tmp_path / "m.yaml"), "--format", "json")
    assert done.returncode == 0
    assert json.loads(done.stdout)["relations_removed"] == []


def test_process_ties_and_path(cli_process: Any) -> None:
    run_cli = cli_process
    done = run_cli("ties", "Astana", "--sign", "-", "--format", "csv")
    assert done.returncode == 0
    assert done.stdout.splitlines()[1].startswith("->,RUS,distancing,-,0.4,")
    done = run_cli("path", "Turkey", "Moscow", "--format", "csv")
    assert done.returncode == 0
    assert done.stdout.splitlines()[1].startswith('1,2,+,"TUR [diplomatic_cooperation +] KAZ [')


def test_process_bad_date(cli_process: Any) -> None:
    done = cli_process("ties", "KAZ", "--at", "yesterday")
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--at': not a date: 'yesterday' (use YYYY, YYYY-MM or YYYY-MM-DD)"
    )


@pytest.mark.parametrize("fmt", ["json", "graphml", "csv"])
def test_commands_read_interchange_files(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"k.{fmt}"
    assert invoke("export", "--to", fmt, "-o", out).exit_code == 0
    result = invoke("ties", "KAZ", out, "--sign", "-", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == invoke("ties", "KAZ", "--sign", "-", "--format", "csv").stdout


def test_merge_by_date(old: Path, new: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.yaml"
    result = invoke("merge", old, new, "-o", out, "--by-date")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1] == f"wrote {out} (4 actors, 6 relations; 0 combined)"
    assert [r.date for r in load(out).between("A", "B")] == ["2021", "2023"]


def test_cli_formats_match_the_library() -> None:
    from vectorgraph.export import FORMATS

    (to,) = [p for p in cli.commands["export"].params if p.name == "to"]
    assert tuple(to.type.choices) == FORMATS


@pytest.mark.parametrize("command", ["render", "centrality", "vectors", "export"])
def test_slice_options_on_every_command_that_needs_them(command):
    from vectorgraph.cli import cli as group

    names = {p.name for p in group.commands[command].params}
    assert {"at", "since", "until", "undated"} <= names


def test_centrality_before_and_after_january_2022(tmp_path):
    """The CSTO intervention (2022-01) is in a slice to January 2022, not in one from 2023."""
    before = CliRunner().invoke(
        cli,
        [
            "centrality",
            "-m",
            "degree",
            "--until",
            "2022-01",
            "--undated",
            "drop",
            "--format",
            "json",
        ],
    )
    after = CliRunner().invoke(
        cli,
        ["centrality", "-m", "degree", "--since", "2023", "--undated", "drop", "--format", "json"],
    )
    assert before.exit_code == after.exit_code == 0, before.output + after.output
    degree = {r["actor"]: r["degree"] for r in json.loads(before.stdout)}
    later = {r["actor"]: r["degree"] for r in json.loads(after.stdout)}
    assert degree["CSTO"] == 1 and later["CSTO"] == 0


def test_an_inverted_slice_is_misuse():
    result = CliRunner().invoke(cli, ["centrality", "--since", "2023", "--until", "2021"])
    assert result.exit_code == 2
    assert "Error: --since 2023 is after --until 2021" in result.stderr


# -- every input one clean line; - is stdin/stdout (issue 12) ------------------------------------


def test_a_folder_as_file_is_exit_1(tmp_path: Path) -> None:
    result = invoke("info", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'edges.csv'}: no such file\n"
    result = invoke("info", tmp_path / "x.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'x.yaml'}: cannot read: No such file or directory\n",
    )


def test_a_folder_named_yaml_is_exit_1(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").mkdir()
    result = invoke("validate", tmp_path / "g.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: {tmp_path / 'g.yaml'}: cannot read: it is a folder\n",
    )


def test_table_output_drops_terminal_escapes(tmp_path: Path) -> None:
    path = write_doc(
        tmp_path / "esc.yaml",
        "esc",
        [rel("A", "B", "trade", note="n", evidence=[{"source": "s", "quote": "x\u009b2J y"}])],
    )
    result = invoke("ties", "A", path, "--format", "table")
    assert result.exit_code == 0
    assert "\u009b" not in result.stdout and "x y" in result.stdout


def test_stdin_and_stdout_are_dash(tmp_path: Path) -> None:
    gexf = invoke("export", "--to", "gexf", "-o", "-")
    assert gexf.exit_code == 0 and gexf.stdout.startswith("<gexf ")
    result = CliRunner().invoke(
        cli, ["import", "-", "--format", "gexf", "-o", "-"], input=gexf.stdout
    )
    assert result.exit_code == 0, result.stderr
    assert len(vectorgraph.read(io.StringIO(result.stdout)).relations) == len(load().relations)
    piped = CliRunner().invoke(cli, ["validate", "-"], input=gexf.stdout)
    assert piped.exit_code == 0 and piped.stderr == "-: valid (28 actors, 43 relations)\n"


def test_merge_writes_to_stdout(old: Path, new: Path) -> None:
    result = invoke("merge", old, new, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert vectorgraph.read(io.StringIO(result.stdout)).title == "old + new"


def test_import_takes_format_not_from(tmp_path: Path) -> None:
    result = invoke("import", tmp_path / "x", "--from", "csv", "-o", tmp_path / "y.yaml")
    assert result.exit_code == 2 and "No such option '--from'" in result.stderr


def test_import_gexf(tmp_path: Path) -> None:
    gexf = tmp_path / "k.gexf"
    assert invoke("export", "--to", "gexf", "-o", gexf).exit_code == 0
    result = invoke("import", gexf, "-o", tmp_path / "k.yaml")
    assert result.exit_code == 0, result.stderr
    assert len(load(tmp_path / "k.yaml").relations) == len(load().relations)


_TO_STDOUT = {
    "render": (["render"], "k.html", "<!DOCTYPE html>"),
    "report": (["report"], "k.html", "<!DOCTYPE html>"),
    "export": (["export", "g.yaml", "--to", "gexf"], "k.gexf", "<gexf"),
    "merge": (["merge", "g.yaml", "g.yaml"], "k.yaml", "vectorgraph: 1"),
    "extract": (["extract", "a.txt", "--engine", "cues"], "k.yaml", "vectorgraph: 1"),
    "import": (["import", "g.graphml"], "k.yaml", "vectorgraph: 1"),
}


@pytest.mark.parametrize("command", list(_TO_STDOUT), ids=list(_TO_STDOUT))
def test_dash_output_is_the_file_on_stdout_and_nothing_else(command, tmp_path, run_cli):
    args, name, head = _TO_STDOUT[command]
    vectorgraph.write(load(), tmp_path / "g.yaml")  # source paths rebased
    (tmp_path / "a.txt").write_text("Turkey criticised Armenia.", encoding="utf-8")
    assert run_cli("export", "--to", "graphml", "-o", "g.graphml", cwd=tmp_path).returncode == 0
    to_file = run_cli(*args, "-o", name, cwd=tmp_path)
    assert to_file.returncode == 0, to_file.stderr
    to_stdout = run_cli(*args, "-o", "-", cwd=tmp_path)
    assert to_stdout.returncode == 0, to_stdout.stderr
    # stdout holds exactly what -o FILE writes: no message, no "wrote"
    assert to_stdout.stdout.startswith(head)
    assert to_stdout.stdout == (tmp_path / name).read_text(encoding="utf-8")
    assert not (tmp_path / "-").exists()
    # stderr: the messages of -o FILE, naming stdout (export says nothing, as without -o)
    wrote = [m for m in to_file.stderr.splitlines() if m.startswith("wrote")]
    expected = [] if command == "export" else [m.replace(name, "stdout", 1) for m in wrote]
    assert [m for m in to_stdout.stderr.splitlines() if m.startswith("wrote")] == expected
    assert len(wrote) == 1
