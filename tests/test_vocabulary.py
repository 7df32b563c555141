from __future__ import annotations

import pytest

from vectorgraph.vocabulary import RELATION_TYPES, default_weight, sign_of

# Goldstein scores of the CAMEO codes, from shared/reference/event-coding.md.
CAMEO_SCORES = {
    "04": 1.0,
    "05": 3.5,
    "057": 8.0,
    "061": 6.4,
    "062": 7.4,
    "072": 8.3,
    "08": 5.0,
    "111": -2.0,
    "12": -4.0,
    "13": -6.0,
    "16": -4.0,
    "163": -8.0,
    "19": -10.0,
}
PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


@pytest.mark.parametrize(
    "kind", sorted(RELATION_TYPES.values(), key=lambda t: t.id), ids=lambda t: t.id
)
def test_type_is_grounded_in_event_coding(kind):
    if kind.structural:
        assert kind.score == 0 and kind.sign == 0 and kind.cameo is None
    else:
        assert kind.score == CAMEO_SCORES[kind.cameo]
        assert kind.plover in PLOVER
        assert kind.sign == (1 if kind.score > 0 else -1)
    assert kind.description.endswith(".")


def test_vocabulary_covers_the_article_relations():
    wanted = {
        "member_of",
        "leads",
        "alliance",
        "security_assistance",
        "diplomatic_cooperation",
        "strategic_partnership",
        "consultation",
        "trade",
        "reexport",
        "investment",
        "sanctions",
        "sanctions_avoidance",
        "distancing",
        "criticism",
        "hostility",
        "depends_on",
        "hedges",
    }
    assert wanted <= set(RELATION_TYPES)


@pytest.mark.parametrize(
    ("score", "sign", "weight"),
    [(-8.0, -1, 0.8), (6.4, 1, 0.64), (0.0, 0, 1.0)],
    ids=["conflict", "cooperation", "structural"],
)
def test_sign_and_default_weight(score, sign, weight):
    assert sign_of(score) == sign
    assert default_weight(score) == pytest.approx(weight)


def test_readme_documents_every_type():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for kind in RELATION_TYPES.values():
        sign = "0" if kind.sign == 0 else f"{kind.sign:+d}"
        assert f"| `{kind.id}` | {sign} | {kind.score:g}" in readme.replace(".0 |", " |"), kind.id
