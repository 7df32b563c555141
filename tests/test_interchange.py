"""Import from node-link JSON, CSV (as a spreadsheet writes it) and GraphML."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from vectorgraph import GraphDocument, import_file, load, read_graph
from vectorgraph.errors import DocumentError
from vectorgraph.interchange import find_csv_pair, rebase_sources

SEED = Path(__file__).resolve().parents[1] / "graphs/sources/kazakhstan-multivector-2023.txt"
NODES = (
    "id,name,type,aliases\nKAZ,Kazakhstan,state,Astana|Kazakh\nRUS,Russia,state,\n"
    "EU,European Union,organisation,\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DocumentError) as err:
        read_graph(path)
    return err.value.problems


def test_spreadsheet_defaults_from_vocabulary(tmp_path: Path) -> None:
    write(tmp_path, "kaz.nodes.csv", NODES)
    write(
        tmp_path,
        "kaz.edges.csv",
        "source,target,type,sign,date,directed,quote\n"
        "EU,RUS,sanctions,,2022,,The EU sanctioned Russia.\n"
        "KAZ,RUS,trade,+,,yes,\n",
    )
    doc = read_graph(tmp_path / "kaz.csv")
    sanctions, trade = doc.relations
    assert (sanctions.sign, sanctions.score, sanctions.weight, sanctions.directed) == (
        -1,
        -8.0,
        0.8,
        True,
    )
    assert sanctions.date == "2022"
    assert [(e.source, e.quote) for e in sanctions.evidence] == [
        ("kaz", "The EU sanctioned Russia.")
    ]
    assert (trade.sign, trade.weight, trade.directed) == (1, 0.64, True)
    assert doc.actor("KAZ").aliases == ("Astana", "Kazakh")
    assert doc.title == "kaz"
    assert [(s.id, s.title) for s in doc.sources] == [("kaz", "kaz")]


def test_quote_source_column(tmp_path: Path) -> None:
    write(tmp_path, "kaz.nodes.csv", NODES)
    write(
        tmp_path,
        "kaz.edges.csv",
        "source,target,type,quote,quote_source\nEU,RUS,sanctions,Sanctions.,tass-2022\n",
    )
    doc = read_graph(tmp_path / "kaz.edges.csv")
    assert doc.relations[0].evidence[0].source == "tass-2022"


def test_errors_per_row(tmp_path: Path) -> None:
    write(tmp_path, "kaz.nodes.csv", NODES + "kgz,Kyrgyzstan,country,\n")
    edges = write(
        tmp_path,
        "kaz.edges.csv",
        "source,target,type,sign,weight,evidence\n"
        "KAZ,RUS,trade,,,\n"
        "KAZ,RUS,frend,,,\n"
        "KAZ,RUS,trade,x,,\n"
        "KAZ,ZZZ,trade,,,\n"
        "KAZ,RUS,trade,,2,\n"
        "KAZ,RUS,trade,-,,\n"
        'KAZ,RUS,trade,,,"[{""quote"": 1"\n',
    )
    nodes = tmp_path / "kaz.nodes.csv"
    assert problems_of(edges) == [
        f"{edges}: row 3: type: unknown relation type 'frend'",
        f"{edges}: row 4: sign: sign must be +1, -1 or 0, got 'x'",
        f"{edges}: row 5: target: unknown actor 'ZZZ'",
        f"{edges}: row 6: weight: 2.0 is out of range (0, 1]",
        f"{edges}: row 7: sign: sign -1 contradicts type 'trade' (sign 1)",
        f"{edges}: row 8: evidence: invalid JSON: Expecting ',' delimiter (column 13)",
        f"{nodes}: row 5: id: actor id 'kgz' must be UPPER_SNAKE_CASE (ISO alpha-3 for states)",
        (
            f"{nodes}: row 5: type: unknown actor type 'country' "
            "(one of: state, organisation, region, company, person, other)"
        ),
    ]


def test_quote_that_contradicts_evidence(tmp_path: Path) -> None:
    write(tmp_path, "kaz.nodes.csv", NODES)
    evidence = json.dumps([{"source": "s", "quote": "Old."}]).replace('"', '""')
    edges = write(
        tmp_path,
        "kaz.edges.csv",
        f'source,target,type,quote,evidence\nKAZ,RUS,trade,New.,"{evidence}"\n',
    )
    assert problems_of(edges) == [
        (
            f"{edges}: row 2: quote: differs from the first quote in 'evidence' "
            "(edit one and clear the other)"
        )
    ]


def test_missing_columns(tmp_path: Path) -> None:
    edges = write(tmp_path, "e.csv", "from,to,kind\nKAZ,RUS,trade\n")
    assert problems_of(edges) == [
        f"{edges}: missing column 'source' (columns: from, to, kind)",
        f"{edges}: missing column 'target' (columns: from, to, kind)",
        f"{edges}: missing column 'type' (columns: from, to, kind)",
    ]


def test_edges_alone_make_their_actors(tmp_path: Path) -> None:
    edges = write(tmp_path, "links.csv", "source,target,type\nKAZ,RUS,trade\nRUS,UKR,threat\n")
    doc = read_graph(edges)
    assert [(a.id, a.name, a.type) for a in doc.actors] == [
        ("KAZ", "KAZ", "other"),
        ("RUS", "RUS", "other"),
        ("UKR", "UKR", "other"),
    ]
    assert doc.title == "links"


def test_edges_alone_bad_actor_id(tmp_path: Path) -> None:
    edges = write(tmp_path, "links.csv", "source,target,type\nKaz,RUS,trade\n")
    assert problems_of(edges) == [
        (
            f"{edges}: actor 'Kaz' (from the edges' ends): id: actor id 'Kaz' must be "
            "UPPER_SNAKE_CASE (ISO alpha-3 for states)"
        ),
        f"{edges}: row 2: source: unknown actor 'Kaz'",
    ]


def test_spreadsheet_bom_and_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes("\ufeffsource,target,type\nKAZ,RUS,trade\n".encode())
    assert len(read_graph(tmp_path / "a.csv").relations) == 1
    (tmp_path / "b.csv").write_bytes("source,target,type\nKAZ,RUS,tr\xe4de\n".encode("latin-1"))
    assert problems_of(tmp_path / "b.csv") == [
        f"{tmp_path / 'b.csv'}: not UTF-8 text (save the sheet as CSV UTF-8)"
    ]


@pytest.mark.parametrize(
    "name", ["kaz.csv", "kaz.nodes.csv", "kaz.edges.csv"], ids=["stem", "nodes", "edges"]
)
def test_find_csv_pair(tmp_path: Path, name: str) -> None:
    write(tmp_path, "kaz.nodes.csv", NODES)
    write(tmp_path, "kaz.edges.csv", "source,target,type\n")
    assert find_csv_pair(tmp_path / name) == (
        tmp_path / "kaz.nodes.csv",
        tmp_path / "kaz.edges.csv",
    )


def test_find_csv_pair_folder_without_edges(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="edges.csv: no such file"):
        find_csv_pair(tmp_path)


def test_node_link_errors_name_links(tmp_path: Path) -> None:
    data = {
        "nodes": [{"id": "A"}, {"id": "B"}],
        "links": [{"source": "A", "target": "B", "type": "frend"}],
    }
    path = write(tmp_path, "x.json", json.dumps(data))
    assert problems_of(path) == [f"{path}: links[0]: type: unknown relation type 'frend'"]


def test_json_that_is_not_node_link(tmp_path: Path) -> None:
    path = write(tmp_path, "x.json", "[1, 2]")
    assert problems_of(path) == [f"{path}: expected a mapping, got a list"]
    path = write(tmp_path, "y.json", '{"nodes": {"A": 1}}')
    assert problems_of(path) == [
        f"{path}: not node-link JSON (expected an object with 'nodes' and 'links')"
    ]


def test_json_graph_document_is_accepted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "doc.json",
        json.dumps(
            {
                "actors": [{"id": "A"}, {"id": "B"}],
                "relations": [{"source": "A", "target": "B", "type": "trade"}],
            }
        ),
    )
    assert len(read_graph(path).relations) == 1


def test_foreign_graphml_defaults(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_node("KAZ", name="Kazakhstan", aliases="Astana|Qazaqstan", colour="blue")
    G.add_node("RUS")
    G.add_edge("KAZ", "RUS", type="trade", thickness=3)
    G.add_edge("KAZ", "RUS", type="distancing")
    nx.write_graphml(G, tmp_path / "g.graphml")
    doc = read_graph(tmp_path / "g.graphml")
    assert doc.actor("KAZ").aliases == ("Astana", "Qazaqstan")
    assert doc.actor("RUS").type == "other"
    assert [(r.type, r.sign, r.weight) for r in doc.relations] == [
        ("trade", 1, 0.64),
        ("distancing", -1, 0.4),
    ]


def test_graphml_errors_name_the_edge(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_edge("KAZ", "RUS", type="frend")
    nx.write_graphml(G, tmp_path / "g.graphml")
    path = tmp_path / "g.graphml"
    assert problems_of(path) == [f"{path}: edge KAZ->RUS (0): type: unknown relation type 'frend'"]


def test_unreadable_graphml(tmp_path: Path) -> None:
    path = write(tmp_path, "g.graphml", "<graphml><graph>")
    assert problems_of(path)[0].startswith(f"{path}: not readable GraphML: ")


def test_unknown_suffix(tmp_path: Path) -> None:
    path = write(tmp_path, "g.xlsx", "")
    assert problems_of(path) == [
        f"{path}: cannot tell the format from the name (give one of: json, csv, graphml)"
    ]


def test_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.json") == [f"{tmp_path / 'nope.json'}: no such file"]


def test_rebase_sources() -> None:
    doc = GraphDocument.from_dict(
        {
            "sources": [
                {"id": "a", "path": "t/a.txt"},
                {"id": "b", "path": "/abs/b.txt"},
                {"id": "c"},
            ]
        }
    )
    moved = rebase_sources(doc, "graphs", "graphs/out")
    assert [s.path for s in moved.sources] == ["../t/a.txt", "/abs/b.txt", None]


def test_import_file_writes_a_valid_document(tmp_path: Path) -> None:
    from vectorgraph.export import export_graph

    export_graph(load(), "graphml", tmp_path / "kaz.graphml")
    out = tmp_path / "deeper" / "kaz.yaml"
    out.parent.mkdir()
    doc = import_file(tmp_path / "kaz.graphml", out)
    again = load(out)  # validates, quotes checked against the rebased source text
    assert again.actors == doc.actors == load().actors
    assert again.sources[0].path is not None
    assert (out.parent / again.sources[0].path).resolve() == SEED


def test_graphml_saved_by_gephi_from_our_gexf(tmp_path: Path) -> None:
    """Gephi keeps GEXF's columns: node ``label`` and edge ``relation``; both are understood."""
    G = nx.MultiDiGraph()
    G.add_node("KAZ", label="Kazakhstan", type="state")
    G.add_node("RUS", label="Russia", type="state")
    G.add_edge("KAZ", "RUS", relation="distancing", label="distancing", weight=0.4)
    nx.write_graphml(G, tmp_path / "gephi.graphml")
    doc = read_graph(tmp_path / "gephi.graphml")
    assert [a.name for a in doc.actors] == ["Kazakhstan", "Russia"]
    assert [(r.type, r.sign, r.weight) for r in doc.relations] == [("distancing", -1, 0.4)]


def test_csv_without_the_suffix(tmp_path: Path) -> None:
    edges = write(tmp_path, "links.txt", "source,target,type\nKAZ,RUS,trade\n")
    assert find_csv_pair(edges) == (None, edges)
    assert len(read_graph(edges, "csv").relations) == 1


def test_csv_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "gone.csv") == [
        f"{tmp_path / 'gone.csv'}: cannot read: No such file or directory"
    ]
