"""Export to every interchange format, read back by networkx with the attributes intact."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest

from vectorgraph import GraphDocument, load, read_graph
from vectorgraph.errors import DocumentError, VectorgraphError
from vectorgraph.export import (
    FORMATS,
    csv_paths,
    export_graph,
    flat_graph,
    to_csv,
    to_cytoscape,
    to_dot,
    to_gexf,
    to_graphml,
    to_node_link,
)
from vectorgraph.interchange import from_node_link

EVIDENCE = [
    {"source": "s1", "sentence": 0, "quote": "A sanctions B.", "start": 0, "end": 14},
    {"source": "s1", "sentence": 1, "quote": 'A said "enough" to B.'},
]


@pytest.fixture
def small() -> GraphDocument:
    """Three actors; two parallel A->B relations; one undirected dated; one with an id."""
    return GraphDocument.from_dict(
        {
            "title": 'Small "test" graph',
            "description": "For export tests.",
            "sources": [{"id": "s1", "title": "Notes", "author": "Me", "date": "2023"}],
            "vocabulary": [
                {
                    "id": "praise",
                    "label": "praise",
                    "score": 2.0,
                    "directed": True,
                    "description": "Source praises target.",
                }
            ],
            "actors": [
                {"id": "A", "name": "Alpha", "type": "state", "aliases": ["Al", "The A"]},
                {
                    "id": "B",
                    "name": "Beta",
                    "type": "organisation",
                    "members": ["A"],
                    "note": "A bloc.",
                },
                {"id": "C", "name": "Gamma", "type": "person"},
            ],
            "relations": [
                {"source": "A", "target": "B", "type": "sanctions", "evidence": EVIDENCE},
                {"source": "A", "target": "B", "type": "hostility", "date": "2022-03"},
                {"source": "B", "target": "A", "type": "trade", "date": "2022"},
                {
                    "id": "crit",
                    "source": "C",
                    "target": "B",
                    "type": "praise",
                    "confidence": 0.5,
                    "note": "Warm words.",
                },
            ],
        }
    )


def test_formats_listed() -> None:
    assert FORMATS == ("json", "graphml", "gexf", "cytoscape", "csv", "dot")


def test_json_is_lossless(small: GraphDocument, tmp_path: Path) -> None:
    out = tmp_path / "small.json"
    export_graph(small, "json", out)
    assert read_graph(out) == small


def test_json_is_node_link_networkx_reads(small: GraphDocument) -> None:
    G = nx.node_link_graph(to_node_link(small), edges="links")
    assert isinstance(G, nx.MultiDiGraph)
    assert sorted(G.edges(keys=True)) == [
        ("A", "B", "r0"),
        ("A", "B", "r1"),
        ("B", "A", "r2"),
        ("C", "B", "crit"),
    ]
    assert G.edges["A", "B", "r0"]["evidence"][1]["quote"] == 'A said "enough" to B.'
    assert G.nodes["A"]["aliases"] == ["Al", "The A"]


def test_json_links_follow_relation_order_and_carry_ids(small: GraphDocument) -> None:
    links = to_node_link(small)["links"]
    assert [link["type"] for link in links] == ["sanctions", "hostility", "trade", "praise"]
    assert [link.get("id") for link in links] == [None, None, None, "crit"]


def test_bundled_graph_json_round_trip(article: GraphDocument) -> None:
    data = json.loads(json.dumps(to_node_link(article)))
    assert from_node_link(data) == article


def test_flat_graph_rule(small: GraphDocument) -> None:
    G = flat_graph(small)
    assert G.nodes["A"] == {"name": "Alpha", "type": "state", "aliases": "Al|The A"}
    assert G.nodes["B"] == {
        "name": "Beta",
        "type": "organisation",
        "members": "A",
        "note": "A bloc.",
    }
    edge = G.edges["A", "B", "r0"]
    assert edge["quote"] == "A sanctions B."
    assert json.loads(edge["evidence"]) == EVIDENCE
    assert "date" not in edge and "id" not in edge
    assert G.edges["C", "B", "crit"]["id"] == "crit"
    assert json.loads(G.graph["sources"]) == [
        {"id": "s1", "title": "Notes", "author": "Me", "date": "2023"}
    ]


def test_graphml_read_back_by_networkx(small: GraphDocument, tmp_path: Path) -> None:
    out = tmp_path / "small.graphml"
    export_graph(small, "graphml", out)
    G = nx.read_graphml(out, force_multigraph=True)
    assert sorted(G.edges(keys=True)) == [
        ("A", "B", "r0"),
        ("A", "B", "r1"),
        ("B", "A", "r2"),
        ("C", "B", "crit"),
    ]
    edge = G.edges["A", "B", "r0"]
    assert (edge["type"], edge["sign"], edge["score"], edge["weight"], edge["directed"]) == (
        "sanctions",
        -1,
        -8.0,
        0.8,
        True,
    )
    assert json.loads(edge["evidence"]) == EVIDENCE
    assert G.edges["B", "A", "r2"]["directed"] is False
    assert G.edges["B", "A", "r2"]["date"] == "2022"
    assert G.edges["C", "B", "crit"]["confidence"] == 0.5
    assert G.nodes["A"] == {"name": "Alpha", "type": "state", "aliases": "Al|The A"}
    assert G.graph["title"] == 'Small "test" graph'


def test_graphml_import_keeps_all_but_order(small: GraphDocument, tmp_path: Path) -> None:
    out = tmp_path / "small.graphml"
    export_graph(small, "graphml", out)
    back = read_graph(out)
    assert back.actors == small.actors
    assert back.sources == small.sources and back.vocabulary == small.vocabulary
    assert back.description == small.description
    key = repr
    assert sorted(back.relations, key=key) == sorted(small.relations, key=key)


def _gexf(doc: GraphDocument, tmp_path: Path) -> Path:
    out = tmp_path / "small.gexf"
    export_graph(doc, "gexf", out)
    return out


def test_gexf_read_back_by_networkx(small: GraphDocument, tmp_path: Path) -> None:
    G = nx.read_gexf(_gexf(small, tmp_path))
    assert isinstance(G, nx.MultiDiGraph)
    assert sorted(G.edges(keys=True)) == [
        ("A", "B", "r0"),
        ("A", "B", "r1"),
        ("B", "A", "r2"),
        ("C", "B", "crit"),
    ]
    edge = G.edges["A", "B", "r0"]
    assert (edge["relation"], edge["label"], edge["sign"], edge["weight"], edge["directed"]) == (
        "sanctions",
        "sanctions",
        -1,
        0.8,
        True,
    )
    assert json.loads(edge["evidence"]) == EVIDENCE
    assert G.edges["A", "B", "r1"]["start"] == "2022-03-01"
    assert G.edges["A", "B", "r1"]["end"] == "2022-03-31"
    assert G.nodes["A"]["label"] == "Alpha"
    assert G.nodes["A"]["aliases"] == "Al|The A"


def test_gexf_colours_by_sign_and_type(small: GraphDocument, tmp_path: Path) -> None:
    root = ET.parse(_gexf(small, tmp_path)).getroot()
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("name") == 'Small "test" graph'
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    colours = {}
    for edge in root.iterfind(".//g:edge", ns):
        c = edge.find("viz:color", ns)
        assert c is not None
        colours[edge.get("id")] = (c.get("r"), c.get("g"), c.get("b"))
    assert colours == {  # the page's palette (vectorgraph.palette): vermilion, green
        "r0": ("213", "94", "0"),
        "r1": ("213", "94", "0"),
        "r2": ("0", "158", "115"),
        "crit": ("0", "158", "115"),
    }
    node = root.find(".//g:node[@id='B']/viz:color", ns)
    assert node is not None and node.get("r") == "230"  # an organisation: orange #E69F00


def test_gexf_open_period_has_start_only(tmp_path: Path) -> None:
    doc = GraphDocument.from_dict(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [{"source": "A", "target": "B", "type": "trade", "date": "2022/"}],
        }
    )
    G = nx.read_gexf(io.BytesIO(to_gexf(doc).encode()))
    data = next(iter(G.edges(data=True)))[2]
    assert data["start"] == "2022-01-01" and "end" not in data


def test_cytoscape_read_back_by_networkx(small: GraphDocument) -> None:
    data = json.loads(json.dumps(to_cytoscape(small)))
    G = nx.cytoscape_graph(data)
    assert G.is_multigraph() and G.number_of_edges() == 4
    edges = {(u, v, d["type"]): d for u, v, d in G.edges(data=True)}
    assert edges["A", "B", "sanctions"]["evidence"] == EVIDENCE
    assert "date" not in edges["A", "B", "sanctions"]
    assert G.nodes["A"]["name"] == "Alpha"


def test_dot_text(small: GraphDocument) -> None:
    text = to_dot(small)
    lines = text.splitlines()
    assert lines[0] == 'digraph "Small \\"test\\" graph" {'
    assert lines[-1] == "}"
    assert (
        '  "B" -> "A" [key="r2", label="trade", type="trade", sign=1, score=6.4, '
        'weight=0.64, directed=false, date="2022", color="#009e73", dir="none"];' in lines
    )
    assert sum(" -> " in line for line in lines) == 4
    assert 'quote="A sanctions B."' in text
    assert 'evidence="[{\\"source\\": \\"s1\\"' in text


def test_csv_text(small: GraphDocument) -> None:
    nodes, edges = to_csv(small)
    assert nodes.splitlines() == [
        "id,name,type,aliases,members,note",
        "A,Alpha,state,Al|The A,,",
        "B,Beta,organisation,,A,A bloc.",
        "C,Gamma,person,,,",
    ]
    rows = edges.splitlines()
    assert rows[0] == (
        "id,source,target,type,sign,score,weight,directed,date,confidence,count,note,quote,evidence"
    )
    assert rows[3] == ",B,A,trade,1,6.4,0.64,false,2022,,,,,"
    assert rows[4] == "crit,C,B,praise,1,2.0,0.2,true,,0.5,,Warm words.,,"


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("out/kaz.csv", ("out/kaz.nodes.csv", "out/kaz.edges.csv")),
        ("out/kaz", ("out/kaz.nodes.csv", "out/kaz.edges.csv")),
        ("out/sheet/", ("out/sheet/nodes.csv", "out/sheet/edges.csv")),
    ],
    ids=["csv-suffix", "bare-name", "folder-slash"],
)
def test_csv_paths(output: str, expected: tuple[str, str]) -> None:
    assert tuple(str(p) for p in csv_paths(output)) == expected


def test_csv_paths_existing_folder(tmp_path: Path) -> None:
    assert csv_paths(tmp_path) == (tmp_path / "nodes.csv", tmp_path / "edges.csv")


def test_csv_cannot_carry_vocabulary_additions(small: GraphDocument, tmp_path: Path) -> None:
    export_graph(small, "csv", tmp_path / "small.csv")
    with pytest.raises(DocumentError) as err:
        read_graph(tmp_path / "small.csv")
    assert err.value.problems == [
        f"{tmp_path / 'small.edges.csv'}: row 5: type: unknown relation type 'praise'"
    ]


def test_csv_round_trip_keeps_actors_and_relations(small: GraphDocument, tmp_path: Path) -> None:
    small = replace(small, vocabulary=(), relations=small.relations[:3])
    written = export_graph(small, "csv", tmp_path / "small.csv")
    assert written == [tmp_path / "small.nodes.csv", tmp_path / "small.edges.csv"]
    back = read_graph(tmp_path / "small.csv")
    assert back.actors == small.actors
    assert back.relations == small.relations
    assert back.title == "small"
    assert [(s.id, s.title, s.author) for s in back.sources] == [("s1", "s1", None)]


def test_csv_round_trip_of_bundled_graph(article: GraphDocument, tmp_path: Path) -> None:
    export_graph(article, "csv", tmp_path)
    back = read_graph(tmp_path)
    assert back.actors == article.actors and back.relations == article.relations


def test_export_text_without_output(small: GraphDocument) -> None:
    assert export_graph(small, "dot") == to_dot(small)
    assert export_graph(small, "graphml") == to_graphml(small)


def test_csv_needs_output(small: GraphDocument) -> None:
    with pytest.raises(ValueError, match="csv export writes two files"):
        export_graph(small, "csv")


def test_unknown_format(small: GraphDocument) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xls'"):
        export_graph(small, "xls")


def test_failed_write_leaves_nothing(small: GraphDocument, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "x.gexf"
    with pytest.raises(VectorgraphError, match="cannot write"):
        export_graph(small, "gexf", missing)
    assert not (tmp_path / "no").exists()


def test_source_paths_rebased_to_output(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    export_graph(load(), "json", out)
    source = read_graph(out).sources[0]
    assert source.path is not None
    assert (tmp_path / source.path).resolve() == (
        Path(__file__).resolve().parents[1] / "graphs/sources/kazakhstan-multivector-2023.txt"
    )


def test_gexf_is_the_same_file_every_day(article) -> None:
    from vectorgraph.export import to_gexf

    text = to_gexf(article)
    assert "lastmodifieddate" not in text
    assert text == to_gexf(article)
