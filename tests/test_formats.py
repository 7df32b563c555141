"""The registry of formats: every format reads back what it writes, whatever the text holds."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import vectorgraph
from vectorgraph import GraphDocument, load
from vectorgraph.cli import cli
from vectorgraph.errors import ArgumentError, DocumentError
from vectorgraph.formats import FORMATS, format_for, get_format, readable, writable
from vectorgraph.validate import validated

ROUND_TRIP = [name for name in readable() if name in writable()]
#: Text that once broke a format: CR, quotes, separators, formulas, markup, any Unicode.
HOSTILE = 'He said "no",\r\nthen\rleft; <b>&amp;</b> =1+1 @x -y \t tab \u2028 \U0001f600 \u202e'


def hostile_doc(evidence: int = 3) -> GraphDocument:
    quotes = [{"source": "s", "quote": f"{HOSTILE} {i}"} for i in range(evidence)]
    return validated(
        {
            "title": HOSTILE,
            "description": HOSTILE,
            "sources": [{"id": "s", "title": HOSTILE}],
            "actors": [
                {"id": "A", "name": HOSTILE, "type": "state", "aliases": ["=cmd", "+x"]},
                {"id": "B", "name": "-B", "note": HOSTILE},
            ],
            "relations": [
                {"source": "A", "target": "B", "type": "trade", "note": HOSTILE, "weight": 1e-5},
                {"source": "B", "target": "A", "type": "sanctions", "evidence": quotes},
                {"id": "x1", "source": "A", "target": "B", "type": "alliance", "date": "2022/"},
            ],
        }
    )


def test_registry_names_and_suffixes() -> None:
    assert list(FORMATS) == ["yaml", "json", "graphml", "gexf", "cytoscape", "csv", "dot"]
    assert format_for("x.GEXF") is FORMATS["gexf"] and format_for("x.yml") is FORMATS["yaml"]
    assert get_format("node-link") is FORMATS["json"]
    with pytest.raises(ArgumentError, match="unknown format 'xls'"):
        get_format("xls")


@pytest.mark.parametrize("name", ROUND_TRIP, ids=ROUND_TRIP)
def test_every_format_reads_back_hostile_text(name: str, tmp_path: Path) -> None:
    doc = hostile_doc(evidence=400)
    options = {"raw": True} if name == "csv" else {}
    written = vectorgraph.write(doc, tmp_path / f"g{FORMATS[name].suffixes[0]}", name, **options)
    back = vectorgraph.read(written[0], name)

    def key(r: object) -> tuple[str, str, str]:  # GraphML returns relations grouped by source
        return (r.source, r.target, r.type)  # type: ignore[attr-defined]

    assert sorted(back.relations, key=key) == sorted(doc.relations, key=key)
    assert back.actors == doc.actors
    if name not in ("csv",):
        assert back.title == doc.title


@pytest.mark.parametrize("name", [n for n in ROUND_TRIP if n != "csv"], ids=lambda n: n)
def test_streams_and_dash(name: str) -> None:
    out = io.StringIO()
    vectorgraph.write(load(), out, name)
    back = vectorgraph.read(io.StringIO(out.getvalue()))  # the format from the content
    assert len(back.relations) == len(load().relations)


def test_csv_neutralises_formulas_by_default_and_reads_back(tmp_path: Path) -> None:
    doc = hostile_doc()
    nodes, _ = vectorgraph.write(doc, tmp_path / "g.csv")
    text = nodes.read_text(encoding="utf-8")
    assert "'=cmd|+x" in text and ",'-B," in text
    back = vectorgraph.read(tmp_path / "g.csv")
    assert back.actor("B").name == "'-B"  # what a spreadsheet shows as -B


def test_gexf_reads_back_direction_and_graph_data(tmp_path: Path) -> None:
    doc = load()
    path = vectorgraph.write(doc, tmp_path / "k.gexf")[0]
    back = vectorgraph.read(path)
    assert back.title == doc.title
    assert [(s.id, s.title, s.author) for s in back.sources] == [
        (s.id, s.title, s.author) for s in doc.sources
    ]
    assert sum(not r.directed for r in back.relations) == sum(not r.directed for r in doc.relations)
    text = path.read_text(encoding="utf-8")
    assert text.count('type="undirected"') == sum(not r.directed for r in doc.relations)


def test_cytoscape_edges_have_ids_and_the_graph_data_is_an_object() -> None:
    data = json.loads(vectorgraph.export_graph(load(), "cytoscape"))
    assert data["data"]["title"] == load().title and isinstance(data["data"]["sources"], list)
    ids = [e["data"]["id"] for e in data["elements"]["edges"]]
    ids += [n["data"]["id"] for n in data["elements"]["nodes"]]
    assert len(ids) == len(set(ids)) and all(isinstance(i, str) and i for i in ids)


def test_a_relation_id_equal_to_an_actor_id_stays_unique_in_cytoscape() -> None:
    doc = GraphDocument.from_dict(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [{"id": "A", "source": "A", "target": "B", "type": "trade"}],
        }
    )
    data = json.loads(vectorgraph.export_graph(doc, "cytoscape"))
    assert data["elements"]["edges"][0]["data"]["id"] == "A@edge"
    back = vectorgraph.read(io.StringIO(json.dumps(data)), "cytoscape")
    assert back.relations == doc.relations


def test_render_k_gexf_reads_gexf(tmp_path: Path) -> None:
    path = vectorgraph.write(load(), tmp_path / "k.gexf")[0]
    result = CliRunner().invoke(cli, ["info", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["n_relations"] == len(load().relations)


CYTOSCAPE = Path(__file__).parent / "cytoscape"


def test_cytoscape_json_loads_in_cytoscape_js() -> None:
    """cytoscape.js itself (the npm package pinned in tests/cytoscape, which .ci/run installs)
    loads the export with cy.json(): every element, edge ids and the graph's data intact."""
    import os
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None or not (CYTOSCAPE / "node_modules" / "cytoscape").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("node and tests/cytoscape/node_modules are needed (npm ci in .ci/run)")
        pytest.skip("needs node and `npm ci --prefix tests/cytoscape`")
    doc = load()
    done = subprocess.run(
        [node, str(CYTOSCAPE / "load.js")],
        input=vectorgraph.export_graph(doc, "cytoscape"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    kept = json.loads(done.stdout)
    assert (kept["nodes"], kept["edges"], kept["loops"]) == (
        len(doc.actors),
        len(doc.relations),
        0,
    )
    assert len(set(kept["edgeIds"])) == len(doc.relations)
    assert kept["title"] == doc.title
    assert [s["id"] for s in kept["sources"]] == [s.id for s in doc.sources]
    first = doc.relations[0]
    assert (kept["firstEdge"]["source"], kept["firstEdge"]["target"]) == (
        first.source,
        first.target,
    )
    assert kept["firstEdge"]["evidence"][0]["quote"] == first.evidence[0].quote


def test_a_tiny_score_gets_a_weight_that_reads_back(tmp_path: Path) -> None:
    """Found by the fuzz test: score 6e-58 gave a default weight of 0.0, which does not validate."""
    doc = validated(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [{"source": "A", "target": "B", "type": "trade", "score": 6e-58}],
        }
    )
    assert doc.relations[0].weight == 1e-6
    assert vectorgraph.read(vectorgraph.write(doc, tmp_path / "t.yaml")[0]) == doc


@pytest.mark.parametrize("name", ["gexf", "graphml", "json", "cytoscape"], ids=lambda n: n)
def test_interchange_readers_check_quotes_against_the_sources(name: str, tmp_path: Path) -> None:
    """Found by the fuzz test: a GEXF with an edited quote was read, then merge wrote a document
    that does not validate. Readers check quotes against the source texts as documents do."""
    path = vectorgraph.write(load(), tmp_path / f"k{FORMATS[name].suffixes[0]}", name)[0]
    text = path.read_text(encoding="utf-8")
    assert "members of the EAEU, so" in text
    path.write_text(text.replace("members of the EAEU, so", "members of the EAEX, so"), "utf-8")
    with pytest.raises(DocumentError) as err:
        vectorgraph.read(path)
    assert err.value.problems and all("quote not found in source" in p for p in err.value.problems)


def test_concurrent_writers_of_a_csv_pair_never_mix_graphs(tmp_path, root):
    import os
    import subprocess
    import sys

    from generate import generate

    graphs = {"a": generate(30, 200, seed=1), "b": generate(45, 300, seed=2)}
    for name, doc in graphs.items():
        vectorgraph.write(doc, tmp_path / f"{name}.yaml")
    pair = tmp_path / "out" / "g.csv"
    vectorgraph.write(graphs["a"], pair, format="csv")
    expected = {len(doc.relations): sorted(a.id for a in doc.actors) for doc in graphs.values()}
    script = (
        "import sys, vectorgraph\n"
        "doc = vectorgraph.read(sys.argv[1])\n"
        "for _ in range(40):\n"
        "    vectorgraph.write(doc, sys.argv[2], format='csv')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path / f"{name}.yaml"), str(pair)], env=env
        )
        for name in ("a", "b", "a", "b")
    ]
    seen: set[int] = set()
    try:
        while any(w.poll() is None for w in writers):
            doc = vectorgraph.read(pair)  # a mixed pair fails validation or the checks below
            assert sorted(a.id for a in doc.actors) == expected[len(doc.relations)]
            seen.add(len(doc.relations))
    finally:
        codes = [w.wait(timeout=120) for w in writers]
    assert codes == [0, 0, 0, 0]
    doc = vectorgraph.read(pair)
    assert sorted(a.id for a in doc.actors) == expected[len(doc.relations)]
    assert seen  # the reader ran while the writers wrote
    assert sorted(p.name for p in pair.parent.iterdir()) == ["g.edges.csv", "g.nodes.csv"]
