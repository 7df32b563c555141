"""Merging documents: actors by id, relations combined by rule, conflicts kept and reported."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from vectorgraph import GraphDocument, dumps, load, loads, merge
from vectorgraph.errors import VectorgraphError


def doc(
    title: str,
    actors: list[Any],
    relations: list[Any],
    sources: list[Any] | None = None,
    **extra: Any,
) -> GraphDocument:
    return GraphDocument.from_dict(
        {
            "title": title,
            "actors": actors,
            "relations": relations,
            "sources": sources if sources is not None else [{"id": "s", "title": "S"}],
            **extra,
        },
        path=f"{title}.yaml",
    )


def ev(quote: str, source: str = "s") -> dict[str, Any]:
    return {"source": source, "quote": quote}


A = {"id": "A", "name": "Alpha", "type": "state", "aliases": ["Al"]}
B = {"id": "B", "name": "Beta", "type": "state"}


def test_actors_joined_first_name_and_type_win() -> None:
    one = doc("one", [A, B], [])
    two = doc(
        "two",
        [
            {
                "id": "A",
                "name": "Alfa",
                "type": "organisation",
                "aliases": ["Al", "AA"],
                "note": "later",
            },
            {"id": "C"},
        ],
        [],
    )
    merged = merge([one, two])
    actor = merged.document.actor("A")
    assert (actor.name, actor.type, actor.aliases, actor.note) == (
        "Alpha",
        "state",
        ("Al", "Alfa", "AA"),
        "later",
    )
    assert [a.id for a in merged.document.actors] == ["A", "B", "C"]
    assert merged.conflicts == [
        "actor 'A': type 'organisation' in two.yaml, 'state' earlier: kept 'state'"
    ]


def test_same_claims_combined() -> None:
    one = doc(
        "one",
        [A, B],
        [
            {
                "id": "t1",
                "source": "A",
                "target": "B",
                "type": "trade",
                "weight": 0.8,
                "date": "2021",
                "confidence": 0.4,
                "evidence": [ev("x"), ev("y")],
            }
        ],
    )
    two = doc(
        "two",
        [A, B],
        [
            {
                "source": "B",
                "target": "A",
                "type": "trade",
                "weight": 0.8,
                "score": 5.0,
                "date": "2022-06",
                "confidence": 0.9,
                "note": "n",
                "evidence": [ev("y"), ev("z")],
            },
            {"source": "A", "target": "B", "type": "trade", "weight": 0.5},
        ],
    )
    merged = merge([one, two]).document
    assert len(merged.relations) == 1
    rel = merged.relations[0]
    assert rel.count == 3
    assert rel.weight == pytest.approx(1 - 0.2 * 0.2 * 0.5)  # noisy-or: 0.98
    assert rel.score == pytest.approx((6.4 + 5.0 + 6.4) / 3)
    assert [e.quote for e in rel.evidence] == ["x", "y", "z"]
    assert (rel.id, rel.note, rel.confidence, rel.date) == ("t1", "n", 0.9, "2021-01-01/2022-06-30")
    assert (rel.source, rel.target) == ("A", "B")


def test_directed_claims_keep_their_direction() -> None:
    one = doc("one", [A, B], [{"source": "A", "target": "B", "type": "sanctions"}])
    two = doc(
        "two",
        [A, B],
        [
            {"source": "B", "target": "A", "type": "sanctions"},
            {"source": "A", "target": "B", "type": "sanctions"},
        ],
    )
    merged = merge([one, two]).document
    assert [(r.source, r.target, r.count) for r in merged.relations] == [
        ("A", "B", 2),
        ("B", "A", None),
    ]


def test_opposite_claims_stay_and_are_reported() -> None:
    one = doc("one", [A, B], [{"source": "A", "target": "B", "type": "alliance"}])
    two = doc("two", [A, B], [{"source": "A", "target": "B", "type": "threat"}])
    merged = merge([one, two])
    assert [r.type for r in merged.document.relations] == ["alliance", "threat"]
    assert merged.conflicts == [
        "A and B: cooperative in one.yaml, conflictual in two.yaml: both kept"
    ]


def test_mixed_ties_within_one_document_are_no_conflict(article: GraphDocument) -> None:
    assert merge([article]).conflicts == []
    assert merge([article, article]).conflicts == []


def test_same_sign_score_override_is_a_separate_claim() -> None:
    one = doc("one", [A, B], [{"source": "A", "target": "B", "type": "trade"}])
    two = doc(
        "two", [A, B], [{"source": "A", "target": "B", "type": "trade", "score": -1.0, "sign": -1}]
    )
    merged = merge([one, two])
    assert [(r.type, r.sign) for r in merged.document.relations] == [("trade", 1), ("trade", -1)]
    assert len(merged.conflicts) == 1


def test_clashing_sources_renamed_with_their_evidence() -> None:
    one = doc(
        "one", [A, B], [{"source": "A", "target": "B", "type": "trade", "evidence": [ev("x")]}]
    )
    two = doc(
        "two",
        [A, B],
        [{"source": "A", "target": "B", "type": "trade", "evidence": [ev("x")]}],
        sources=[{"id": "s", "title": "Another text"}],
    )
    merged = merge([one, two])
    assert [(s.id, s.title) for s in merged.document.sources] == [
        ("s", "S"),
        ("s~2", "Another text"),
    ]
    assert [e.source for e in merged.document.relations[0].evidence] == ["s", "s~2"]
    assert merged.conflicts == ["source 's' of two.yaml differs from an earlier one: renamed 's~2'"]


def test_identical_sources_are_one() -> None:
    one = doc("one", [A, B], [])
    assert [s.id for s in merge([one, one]).document.sources] == ["s"]


def test_clashing_relation_ids_renamed() -> None:
    one = doc("one", [A, B], [{"id": "r", "source": "A", "target": "B", "type": "trade"}])
    two = doc("two", [A, B], [{"id": "r", "source": "A", "target": "B", "type": "threat"}])
    assert [r.id for r in merge([one, two]).document.relations] == ["r", "r~2"]


def test_vocabulary_joined_first_definition_kept() -> None:
    praise = {"id": "praise", "score": 2.0}
    one = doc("one", [A, B], [], vocabulary=[praise])
    two = doc("two", [A, B], [], vocabulary=[{**praise, "score": 3.0}])
    merged = merge([one, two])
    assert [(t.id, t.score) for t in merged.document.vocabulary] == [("praise", 2.0)]
    assert merged.conflicts == [
        "relation type 'praise' of two.yaml differs from an earlier definition: kept the first"
    ]


def test_counts_add_up_when_merging_merged_documents() -> None:
    one = doc("one", [A, B], [{"source": "A", "target": "B", "type": "trade"}])
    twice = merge([one, one]).document
    assert merge([twice, one]).document.relations[0].count == 3


def test_merged_output_validates(article: GraphDocument) -> None:

    from generate import generate

    docs = [generate(60, 200, seed=s) for s in range(4)]
    merged = merge(docs).document
    again = loads(dumps(merged))
    assert again == merged
    assert sum(r.count or 1 for r in merged.relations) == 800


def test_source_paths_rebased(tmp_path: Path) -> None:
    out = tmp_path / "corpus.yaml"
    merged = merge([load()], base=tmp_path).document
    from vectorgraph import dump

    dump(merged, out)
    assert load(out).relations == load().relations  # quotes checked against the source text


def test_title() -> None:
    one, two = doc("one", [A], []), doc("two", [A], [])
    assert merge([one, two]).document.title == "one + two"
    assert merge([one, two], title="Corpus").document.title == "Corpus"


def test_nothing_to_merge() -> None:
    with pytest.raises(VectorgraphError, match="nothing to merge"):
        merge([])


def test_by_date_keeps_dated_claims_apart() -> None:
    one = doc(
        "one",
        [A, B],
        [
            {"source": "A", "target": "B", "type": "trade", "date": "2021"},
            {"source": "A", "target": "B", "type": "trade", "date": "2023"},
        ],
    )
    two = doc("two", [A, B], [{"source": "B", "target": "A", "type": "trade", "date": "2023"}])
    merged = merge([one, two], by_date=True).document
    assert [(r.date, r.count) for r in merged.relations] == [("2021", None), ("2023", 2)]
    assert [(r.date, r.count) for r in merge([one, two]).document.relations] == [
        ("2021-01-01/2023-12-31", 3)
    ]


# --- streaming ----------------------------------------------------------------------------


def _heavy(i: int) -> GraphDocument:
    """A document of 20 relations with 20 evidence quotes each, the same in every copy."""
    actors = [{"id": f"X{k}", "type": "state"} for k in range(21)]
    relations = [
        {
            "source": f"X{k}",
            "target": f"X{k + 1}",
            "type": "trade",
            "weight": 0.1,
            "evidence": [ev(f"quote {k}-{q} " + "x" * 200) for q in range(20)],
        }
        for k in range(20)
    ]
    return doc(f"d{i}", actors, relations)


def test_merge_takes_a_generator_and_counts_what_it_read() -> None:
    merged = merge(_heavy(i) for i in range(3))
    assert merged == merge([_heavy(i) for i in range(3)])
    assert merged.relations_read == 60
    rel = merged.document.relations[0]
    assert (rel.count, len(rel.evidence), rel.weight) == (3, 20, 0.271)


def test_merge_of_an_empty_generator_is_an_error() -> None:
    with pytest.raises(VectorgraphError, match="nothing to merge"):
        merge(d for d in [])


def test_merge_streams_memory_flat_in_the_number_of_documents() -> None:
    import tracemalloc

    def peak(n: int) -> int:
        tracemalloc.start()
        try:
            merge(_heavy(i) for i in range(n))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(10), peak(40)
    # holding the documents would take 4x; streaming keeps one document and the result
    assert large < 1.3 * small, (small, large)


def _claim(i: int) -> GraphDocument:
    """A small document: A and B trade in every one, and threaten each other in every third."""
    relations = [{"source": "A", "target": "B", "type": "trade", "weight": 0.1}]
    if i % 3 == 0:
        relations.append({"source": "A", "target": "B", "type": "threat", "weight": 0.2})
    return GraphDocument.from_dict(
        {"title": "same", "actors": [A, B], "relations": relations}, path=f"d{i}.yaml"
    )


def test_merge_state_is_constant_in_the_number_of_documents() -> None:
    import tracemalloc

    def peak(n: int) -> int:
        # the interpreter's free lists (tuples, floats) filled first: blocks taken from them
        # are not traced, so only what the merge keeps shows
        merge(_claim(i) for i in range(3000))
        tracemalloc.start()
        try:
            merge(_claim(i) for i in range(n))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    # a list of weights, scores or documents per claim would grow by tens of kB
    small, large = peak(200), peak(2000)
    assert large - small < 2_000, (small, large)


def test_conflicts_name_the_first_documents_and_count_the_rest() -> None:
    merged = merge(_claim(i) for i in range(40))
    trade = merged.document.relations[0]
    assert (trade.type, trade.count, trade.weight) == ("trade", 40, round(1 - 0.9**40, 6))
    plus = ", ".join(f"d{i}.yaml" for i in range(10))
    minus = ", ".join(f"d{i}.yaml" for i in range(0, 30, 3))
    assert merged.conflicts == [
        f"A and B: cooperative in {plus} and 30 more, conflictual in {minus} and 4 more: both kept"
    ]


def test_documents_with_both_signs_each_are_no_conflict_when_streamed() -> None:
    both = [
        doc(
            f"m{i}",
            [A, B],
            [
                {"source": "A", "target": "B", "type": "trade"},
                {"source": "B", "target": "A", "type": "threat"},
            ],
        )
        for i in range(3)
    ]
    assert merge(iter(both)).conflicts == []
    one_sided = doc("t", [A, B], [{"source": "A", "target": "B", "type": "trade"}])
    message = (
        "A and B: cooperative in m0.yaml, m1.yaml, m2.yaml, t.yaml, conflictual in m0.yaml, "
        "m1.yaml, m2.yaml: both kept"
    )
    assert merge(iter([*both, one_sided])).conflicts == [message]
