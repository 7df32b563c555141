"""The learned pair scorer: its candidates and features, the model's arithmetic, the hook."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from vectorgraph.extract import extract
from vectorgraph.extract.learned import (
    GENERIC,
    Candidate,
    Model,
    Scorer,
    candidates,
    default_model,
    proposer,
)
from vectorgraph.extract.lexicon import default_lexicon
from vectorgraph.extract.mentions import MentionFinder
from vectorgraph.extract.nlp import load_model
from vectorgraph.extract.tree import Claim, Spans
from vectorgraph.vocabulary import RELATION_TYPES


def _candidates(
    text: str, related: dict[tuple[str, str], set[int]] | None = None
) -> list[Candidate]:
    """The candidates of one sentence, every pair unrelated but ``related``."""
    spans = Spans(load_model()(text))
    return candidates(spans, MentionFinder().find(text), related or {}, default_lexicon())


class _Recorder:
    """A proposer that proposes nothing and records what the engine hands it."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, dict[tuple[str, str], set[int]], list[str]]] = []

    def propose(self, sentence, spans, mentions, related, lexicon):
        ids = sorted({m.id for m in mentions if m.id})
        self.calls.append((sentence, dict(related), ids))
        return []


class _Always:
    """A proposer that relates every candidate as hostility."""

    def propose(self, sentence, spans, mentions, related, lexicon):
        return [
            Claim(c.source, c.target, "hostility", 0.42)
            for c in candidates(spans, mentions, related, lexicon)
        ]


TEXT = "Kazakhstan criticised Russia. Uzbekistan, unlike Tajikistan, stays out of the alliance."


def test_the_engine_hands_the_scorer_each_parsed_sentence_with_the_pairs_its_rules_related():
    rec = _Recorder()
    doc = extract(TEXT, learned=rec)
    assert [(r.source, r.target, r.type) for r in doc.relations] == [("KAZ", "RUS", "criticism")]
    assert rec.calls == [(0, {("KAZ", "RUS"): {-1}}, ["KAZ", "RUS"]), (1, {}, ["TJK", "UZB"])]


def test_proposals_join_the_document_with_the_sentence_as_evidence():
    rules = extract(TEXT, learned=False)
    both = extract(TEXT, learned=_Always())
    added = set(both.relations) - set(rules.relations)
    assert set(rules.relations) <= set(both.relations)
    assert {(r.source, r.target, r.type, r.confidence) for r in added} >= {
        ("UZB", "TJK", "hostility", 0.42)
    }
    assert len(added) == 1
    assert all(r.evidence[0].sentence == 1 for r in added)
    assert not any({r.source, r.target} == {"KAZ", "RUS"} and r.type == "hostility" for r in added)


def test_without_a_shipped_model_or_when_asked_the_engine_runs_its_rules_alone():
    assert proposer(False) is None
    rec = _Recorder()
    assert proposer(rec) is rec
    if default_model() is None:
        assert proposer(True) is None
    else:
        assert isinstance(proposer(True), Scorer)


# -- candidates and their features ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pair", "wanted"),
    [
        (
            "China has courted Kazakhstan with loans.",
            ("CHN", "KAZ"),
            {"deps=nsubj^dobj", "top=court", "len=2", "kinds=state|state", "psign=1"},
        ),
        (
            "Kazakhstan remains wary of Russia.",
            ("KAZ", "RUS"),
            {"top=remain", "lem=wary", "lem=of", "pred=hostility", "psign=-1", "head_b=of"},
        ),
        (
            "Uzbekistan, Tajikistan and others remained silent.",
            ("UZB", "TJK"),
            {"coord", "len=1", "btw=,"},
        ),
        (
            "The CSTO and Armenia stayed out of the conflict.",
            ("CSTO", "ARM"),
            {"kinds=organisation|state", "mk=name", "pred=none"},
        ),
    ],
    ids=["subject-object", "copula-preposition", "coordination", "kinds"],
)
def test_a_candidate_carries_the_features_of_its_tree_path(text, pair, wanted):
    found = {(c.source.id, c.target.id): c for c in _candidates(text)}
    assert set(found[pair].features) >= wanted


def test_pairs_the_rules_related_and_attributes_are_no_candidates():
    text = "Chinese carmaker Great Wall Motors praised Kazakhstan and Russia."
    every = {(c.source.id, c.target.id) for c in _candidates(text)}
    assert ("CHN", "KAZ") not in every and ("CHN", "GREAT_WALL_MOTORS") not in every
    assert ("KAZ", "RUS") in every
    left = {(c.source.id, c.target.id) for c in _candidates(text, {("KAZ", "RUS"): {1}})}
    assert left == every - {("KAZ", "RUS")}


def test_a_pair_named_twice_is_one_candidate_read_at_its_nearest_mentions():
    text = "Russia, which Kazakhstan borders, said Kazakhstan depends on Russia's grain."
    found = [c for c in _candidates(text) if {c.source.id, c.target.id} == {"KAZ", "RUS"}]
    assert len(found) == 1
    c = found[0]
    assert c.source.text == "Russia" and c.source.start == 0 and "len=2" in c.features


# -- the model ----------------------------------------------------------------------------------


MODEL = Model(
    weights={
        "top=court": (0.0, 0.0, 3.0),
        "neg": (1.0, 0.0, -4.0),
        "kinds=organisation|state": (0.0, 3.0, 0.0),
    },
    bias=(-2.0, -2.0, -1.0),
    threshold=0.5,
    types={"0|organisation|state": "member_of"},
)


def test_the_model_is_a_softmax_over_none_and_the_three_signs():
    p = MODEL.probabilities(["top=court", "unknown feature"])
    e = [1.0, math.exp(-2.0), math.exp(-2.0), math.exp(2.0)]
    assert p == pytest.approx([v / sum(e) for v in e])
    assert MODEL.best(["top=court"]) == (1, round(p[3], 3))
    assert MODEL.best(["top=court", "neg"])[0] == -1 or MODEL.best(["top=court", "neg"])[1] < 0.5
    assert MODEL.best([]) == (1, round(MODEL.probabilities([])[3], 3))


def test_the_model_round_trips_through_its_json_form():
    again = Model.from_dict(json.loads(json.dumps(MODEL.to_dict())))
    assert again == MODEL
    assert list(MODEL.to_dict()["weights"]) == sorted(MODEL.weights)


def test_a_proposal_takes_the_type_of_the_predicate_on_its_path_else_the_table_else_generic():
    [court] = [c for c in _candidates("China has courted Kazakhstan with loans.")]
    assert MODEL.type_of(1, court) == "diplomatic_cooperation"  # court: the lexicon's
    [bloc] = _candidates("The CSTO and Armenia stayed out of the conflict.")
    assert MODEL.type_of(0, bloc) == "member_of"  # the table
    [pair] = _candidates("Uzbekistan, Tajikistan and others remained silent.")
    assert MODEL.type_of(-1, pair) == GENERIC[-1] == "hostility"


def test_the_scorer_proposes_what_reaches_the_threshold_and_points_structural_ties_to_the_bloc():
    text = "The CSTO and Armenia stayed out of the conflict. Uzbekistan has courted Tajikistan."
    doc = extract(text, learned=Scorer(MODEL))
    rules = extract(text, learned=False)
    added = {(r.source, r.target, r.type) for r in set(doc.relations) - set(rules.relations)}
    assert added == {("ARM", "CSTO", "member_of")}  # "courted": the rules' already
    low = Model(MODEL.weights, MODEL.bias, 0.999, MODEL.types)
    assert extract(text, learned=Scorer(low)) == rules


@pytest.mark.parametrize(
    "text",
    [
        "Uzbekistan did not court Tajikistan.",
        "Uzbekistan never courted Tajikistan.",
        "Uzbekistan could court Tajikistan.",
        "Uzbekistan may court Tajikistan.",
        "Uzbekistan refused to court Tajikistan.",
    ],
    ids=["not", "never", "could", "may", "refused"],
)
def test_a_negated_or_possible_pair_is_left_to_the_rules_reading_of_the_mood(text):
    assert _candidates(text) == []
    assert _candidates("Uzbekistan has courted Tajikistan.") != []


def test_a_conjunct_of_a_ruled_pair_carries_the_rules_sign():
    text = "Russia sanctioned Ukraine and Georgia."
    found = {(c.source.id, c.target.id): c for c in _candidates(text, {("RUS", "UKR"): {-1}})}
    assert set(found) == {("RUS", "GEO"), ("UKR", "GEO")}
    assert {"sib=-1", "ruled_a"} <= set(found["RUS", "GEO"].features)
    assert not any(f.startswith("sib=") for f in found["UKR", "GEO"].features)
    alone = {(c.source.id, c.target.id): c for c in _candidates(text)}
    assert not any(f.startswith(("sib=", "ruled")) for f in alone["RUS", "GEO"].features)


# -- the shipped model --------------------------------------------------------------------------


def test_the_shipped_model_is_read_once_and_holds_its_cross_validated_figures():
    model = default_model()
    assert model is not None and default_model() is model
    assert 0.2 <= model.threshold <= 0.8 and len(model.weights) > 1000
    figures = model.meta["cross_validated"]
    assert set(figures) == {"dev127", "dev45", "dev82"}
    for part in figures.values():
        assert set(part) == {"rules", "rules_and_scorer_out_of_fold", "marginal_precision"}
    assert all(t in RELATION_TYPES for t in model.types.values())


def test_the_engine_applies_the_shipped_model_only_when_asked():
    """The model's proposals are not all right (this one is not in the guide's reading: the
    freeze is of Armenia's part in the CSTO): the scorer is off by default."""
    text = "Armenia froze its participation in the CSTO, led by Russia."
    rules = {(r.source, r.target, r.type) for r in extract(text).relations}
    both = extract(text, learned=True)
    assert both == extract(text, learned=Scorer(default_model()))  # type: ignore[arg-type]
    added = {(r.source, r.target, r.type) for r in both.relations} - rules
    assert rules == {("ARM", "CSTO", "distancing")}
    assert added == {("ARM", "RUS", "sanctions")}  # "froze": the lexicon's type on the path
    conf = {(r.source, r.target): r.confidence for r in both.relations}
    assert default_model().threshold <= conf["ARM", "RUS"] < 1  # type: ignore[union-attr]


def test_the_run_time_scorer_needs_no_scikit_learn():
    code = (
        "import sys; from vectorgraph.extract.learned import default_model; "
        "assert default_model() is not None; assert 'sklearn' not in sys.modules; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr


def test_a_membership_proposed_between_two_states_becomes_generic():
    model = Model(
        weights={"kinds=state|state": (0.0, 6.0, 0.0)},
        bias=(-3.0, -3.0, -3.0),
        threshold=0.5,
        types={"0|state|state": "member_of"},
    )
    text = "Uzbekistan, unlike Tajikistan, stays out of the alliance."
    added = set(extract(text, learned=Scorer(model)).relations) - set(extract(text).relations)
    assert {(r.source, r.target, r.type, r.sign) for r in added} == {("UZB", "TJK", GENERIC[0], 0)}
