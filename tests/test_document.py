from __future__ import annotations

import datetime as dt

import pytest

from vectorgraph import GraphDocument, NotFoundError, dumps, load, loads
from vectorgraph.document import parse_period


def small() -> GraphDocument:
    return GraphDocument.from_dict(
        {
            "title": "small",
            "actors": [
                {"id": "KAZ", "name": "Kazakhstan", "type": "state", "aliases": ["Astana"]},
                {"id": "RUS", "name": "Russia", "type": "state", "aliases": ["Moscow"]},
                {"id": "EAEU", "name": "Eurasian Economic Union", "type": "organisation"},
                {"id": "TOKAYEV", "name": "Tokayev", "type": "person"},
            ],
            "relations": [
                {"source": "KAZ", "target": "RUS", "type": "trade", "date": "2021"},
                {"source": "KAZ", "target": "RUS", "type": "distancing", "date": "2023-02"},
                {"source": "KAZ", "target": "EAEU", "type": "member_of"},
                {"source": "TOKAYEV", "target": "KAZ", "type": "leads", "weight": 0.5},
            ],
        }
    )


def test_defaults_come_from_the_vocabulary():
    rels = small().relations
    assert [(r.sign, r.score, r.weight, r.directed) for r in rels] == [
        (1, 6.4, 0.64, False),
        (-1, -4.0, 0.4, True),
        (0, 0.0, 1.0, True),
        (0, 0.0, 0.5, True),
    ]


def test_score_override_sets_sign_and_weight():
    doc = GraphDocument.from_dict(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [{"source": "A", "target": "B", "type": "trade", "score": -3}],
        }
    )
    assert (doc.relations[0].sign, doc.relations[0].weight) == (-1, 0.3)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip_is_lossless(article, fmt, tmp_path):
    text = dumps(article, fmt)
    again = loads(text, "x", base=article_base())
    assert again == article
    assert dumps(again, fmt) == text


def article_base():
    from vectorgraph import bundled_path

    return bundled_path().parent


def test_round_trip_through_files(tmp_path):
    doc = small()
    path = tmp_path / "small.yaml"
    from vectorgraph import dump

    dump(doc, path)
    assert load(path) == doc


def test_queries():
    doc = small()
    assert [r.type for r in doc.ties("KAZ")] == ["trade", "distancing", "member_of", "leads"]
    assert [r.type for r in doc.ties("KAZ", sign=-1)] == ["distancing"]
    assert [r.type for r in doc.ties("KAZ", type=["leads", "trade"])] == ["trade", "leads"]
    assert [r.type for r in doc.between("RUS", "KAZ")] == ["trade", "distancing"]
    assert doc.find_actor("moscow").id == "RUS"
    with pytest.raises(NotFoundError, match="unknown actor 'CHN'"):
        doc.ties("CHN")


def test_filter_by_actor_type_and_date():
    doc = small()
    states = doc.filter(actor_type="state")
    assert [a.id for a in states.actors] == ["KAZ", "RUS"]
    assert [r.type for r in states.relations] == ["trade", "distancing"]
    after = doc.filter(start="2022")
    assert [r.type for r in after.relations] == ["distancing", "member_of", "leads"]
    dated_only = doc.filter(end="2022-12-31", keep_undated=False)
    assert [r.type for r in dated_only.relations] == ["trade"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022", (dt.date(2022, 1, 1), dt.date(2022, 12, 31))),
        ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
        ("2023-12", (dt.date(2023, 12, 1), dt.date(2023, 12, 31))),
        ("2022-01-05/2022-02", (dt.date(2022, 1, 5), dt.date(2022, 2, 28))),
        ("2022/", (dt.date(2022, 1, 1), dt.date.max)),
    ],
    ids=["year", "leap-month", "december", "period", "open-period"],
)
def test_parse_period(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["22", "2022-13", "2023/2022", "soon"])
def test_parse_period_rejects(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_to_networkx_keeps_everything(article):
    G = article.to_networkx()
    assert G.number_of_nodes() == len(article.actors)
    assert G.number_of_edges() == len(article.relations)
    data = G.get_edge_data("CSTO", "KAZ")
    (attrs,) = data.values()
    assert attrs["type"] == "security_assistance" and attrs["sign"] == 1
    assert attrs["evidence"][0]["quote"].startswith("Last year began in the country")
    assert G.nodes["WEST"]["members"] == ["USA", "EU"]
