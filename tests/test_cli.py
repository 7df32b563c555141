"""The CLI spine: validate, info, export, --help, --version, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from vectorgraph import __version__, load, time_slice
from vectorgraph.cli import cli
from vectorgraph.cli.base import load_graph, slice_options
from vectorgraph.timeslice import TimeSlice


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(
        "actors:\n- {id: KAZ, type: state}\n- {id: KAZ, type: country}\n"
        "relations:\n- {source: KAZ, target: CHN, type: trade}\n",
        encoding="utf-8",
    )
    return path


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"vectorgraph, version {__version__}\n"


def test_validate_bundled(runner, root):
    path = root / "graphs" / "kazakhstan-multivector.yaml"
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 0
    assert re.fullmatch(
        rf"{re.escape(str(path))}: valid \(\d+ actors, \d+ relations\)\n", result.stderr
    )


def test_validate_reports_every_problem(runner, broken):
    result = runner.invoke(cli, ["validate", str(broken)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {broken}: actors[1].id: duplicate actor id 'KAZ'",
        (
            f"Error: {broken}: actors[1].type: unknown actor type 'country' "
            "(one of: state, organisation, region, company, person, other)"
        ),
        f"Error: {broken}: relations[0].target: unknown actor 'CHN'",
    ]
    assert result.stdout == ""


def test_validate_without_a_file_checks_the_bundled_graph(runner):
    """As every other command does (issue 12: it was a usage error, exit 2)."""
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0
    assert result.stderr.endswith("kazakhstan-multivector.yaml: valid (28 actors, 43 relations)\n")


def test_missing_file_is_one_line(runner, tmp_path):
    result = runner.invoke(cli, ["info", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {tmp_path / 'nope.yaml'}: cannot read: No such file or directory\n"
    )


def test_info_json(runner):
    result = runner.invoke(cli, ["info", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["actors"]["state"] == 12
    assert sum(data["signs"].values()) == data["n_relations"]
    assert data["sources"][0]["author"] == "Sergey Saenko, international observer"


def test_info_table(runner):
    result = runner.invoke(cli, ["info", "--format", "table"])
    assert result.exit_code == 0
    assert re.search(
        r"^relation_types\s+diplomatic_cooperation\s+\d+$", result.stdout, re.MULTILINE
    )


def test_export_json_to_file(runner, tmp_path, article):
    out = tmp_path / "g.json"
    result = runner.invoke(cli, ["export", "--to", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(article.actors)
    assert len(data["links"]) == len(article.relations)
    link = next(link for link in data["links"] if link["source"] == "CSTO")
    assert {k: link[k] for k in ("target", "type", "sign", "weight", "directed")} == {
        "target": "KAZ",
        "type": "security_assistance",
        "sign": 1,
        "weight": 0.83,
        "directed": True,
    }
    assert link["evidence"][0]["quote"].startswith("Last year began")
    node = next(n for n in data["nodes"] if n["id"] == "KAZ")
    assert node["aliases"][:2] == ["Republic of Kazakhstan", "Astana"]


def test_export_reads_back_into_networkx(runner):
    import networkx as nx

    result = runner.invoke(cli, ["export"])
    G = nx.node_link_graph(json.loads(result.stdout), edges="links")
    assert G.is_multigraph() and G.is_directed()
    assert G.nodes["TOKAYEV"]["type"] == "person"


def test_failed_export_leaves_no_file(runner, tmp_path, broken):
    out = tmp_path / "out.json"
    result = runner.invoke(cli, ["export", str(broken), "-o", str(out)])
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == [broken]


def test_every_command_has_an_example_and_is_in_the_readme(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert command.help and "Example:" in command.help, name
        assert f"vectorgraph {name}" in readme, name


def test_real_process_errors_without_traceback(tmp_path, broken, run_cli):
    result = run_cli("info", str(broken))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Error: {broken}: actors[1].id: duplicate actor id 'KAZ'")


def test_real_process_export(tmp_path, run_cli):
    result = run_cli("export", "--to", "json", cwd=tmp_path)
    assert result.returncode == 0
    assert json.loads(result.stdout)["multigraph"] is True


def test_help_does_not_import_heavy_modules(root):
    import subprocess
    import sys

    code = (
        "import sys; from vectorgraph.cli import cli; "
        "print(sorted(m for m in ('pyvis', 'networkx', 'igraph', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(root / "src")},
        check=True,
    ).stdout
    assert out.strip() == "[]"


#: The commands that read a graph and take a time slice (validate and evaluate
#: judge whole files; extract and import make graphs).
SLICED = {
    "balance",
    "centrality",
    "diff",
    "export",
    "info",
    "merge",
    "path",
    "render",
    "ties",
    "vectors",
}


def _slice_params(name: str) -> dict[str, tuple[Any, ...]]:
    return {
        p.name: (tuple(p.opts), getattr(p, "help", None), p.default, str(p.type))
        for p in cli.commands[name].params
        if p.name in {"at", "since", "until", "undated"}
    }


@pytest.mark.parametrize("name", sorted(cli.commands), ids=sorted(cli.commands))
def test_every_command_takes_the_same_slice_options_or_none(name):
    assert len(_slice_params("export")) == 4
    assert _slice_params(name) in ({}, _slice_params("export"))


@pytest.mark.parametrize("name", sorted(SLICED), ids=sorted(SLICED))
def test_the_commands_that_read_a_graph_take_a_time_slice(name):
    assert _slice_params(name) == _slice_params("export")


def test_a_sliced_command_must_take_the_window():
    def sliced(file: Path | None) -> None:
        raise AssertionError("never runs")

    with pytest.raises(TypeError, match="sliced takes slice options: give it a 'window' parameter"):
        slice_options(sliced)


def test_load_graph_slices_by_its_window_parameter():
    whole = load_graph(None)
    window = TimeSlice(start="2023", undated="drop")
    assert load_graph(None, window) == window.apply(whole)
    assert 0 < len(load_graph(None, window).relations) < len(whole.relations)


def test_info_takes_a_time_slice(runner):
    data = json.loads(runner.invoke(cli, ["info", "--format", "json"]).stdout)
    result = runner.invoke(
        cli, ["info", "--since", "2023", "--undated", "drop", "--format", "json"]
    )
    assert result.exit_code == 0
    expected = time_slice(load(), start="2023", undated="drop")
    assert json.loads(result.stdout)["n_relations"] == len(expected.relations)
    assert 0 < len(expected.relations) < data["n_relations"]


def test_balance_takes_a_time_slice(runner):
    from vectorgraph.measures import structural_balance

    args = ["balance", "--until", "2022-06", "--undated", "drop", "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    sliced = time_slice(load(), end="2022-06", undated="drop").to_networkx()
    assert json.loads(result.stdout)["triangles"] == structural_balance(sliced).triangles
    whole = json.loads(runner.invoke(cli, ["balance", "--format", "json"]).stdout)
    assert json.loads(result.stdout)["triangles"] < whole["triangles"]


def test_an_inverted_slice_of_balance_is_misuse(runner):
    result = runner.invoke(cli, ["balance", "--since", "2023", "--until", "2021"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --since 2023 is after --until 2021"


def _on_a_terminal(root: Path, *args: str) -> str:
    """What ``python -m vectorgraph ARGS`` prints with its stdout on a pseudo-terminal."""
    import os
    import subprocess
    import sys

    leader, follower = os.openpty()
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    with subprocess.Popen(
        [sys.executable, "-m", "vectorgraph", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env,
    ) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        assert proc.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_info_prints_a_table_on_a_terminal_and_csv_into_a_pipe(root, run_cli):
    shown = _on_a_terminal(root, "info")
    assert re.match(r"section\s+key\s+count\n", shown)
    assert re.search(r"^relation_types\s+diplomatic_cooperation\s+\d+$", shown, re.MULTILINE)
    piped = run_cli("info")
    assert piped.returncode == 0
    assert piped.stdout.startswith("section,key,count\n")
    assert re.search(r"^relation_types,diplomatic_cooperation,\d+$", piped.stdout, re.MULTILINE)


def test_defaults_and_choices_come_from_the_library():
    from vectorgraph.measures import CENTRALITY_MEASURES, DEFAULT_FOCAL, DEFAULT_POLES, DISTANCES

    vectors = {p.name: p for p in cli.commands["vectors"].params}
    assert vectors["focal"].default == DEFAULT_FOCAL
    assert tuple(vectors["poles"].default.split(",")) == DEFAULT_POLES
    centrality = {p.name: p for p in cli.commands["centrality"].params}
    assert tuple(centrality["distance"].type.choices) == DISTANCES
    assert centrality["measures"].help == f"{', '.join(CENTRALITY_MEASURES)}, or all. Repeatable."
