"""The learned pair scorer: its candidates and features, the model's arithmetic, the hook."""

from __future__ import annotations

from vectorgraph.extract import extract
from vectorgraph.extract.learned import (
    Candidate,
    Scorer,
    candidates,
    default_model,
    proposer,
)
from vectorgraph.extract.lexicon import default_lexicon
from vectorgraph.extract.mentions import MentionFinder
from vectorgraph.extract.nlp import load_model
from vectorgraph.extract.tree import Claim, Spans


def _candidates(text: str, related: set[tuple[str, str]] = frozenset()) -> list[Candidate]:  # type: ignore[assignment]
    return candidates(
        Spans(load_model()(text)), MentionFinder().find(text), set(related), default_lexicon()
    )


class _Recorder:
    """A proposer that proposes nothing and records what the engine hands it."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, set[tuple[str, str]], list[str]]] = []

    def propose(self, sentence, spans, mentions, related, lexicon):
        ids = sorted({m.id for m in mentions if m.id})
        self.calls.append((sentence, set(related), ids))
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
    assert rec.calls == [(0, {("KAZ", "RUS")}, ["KAZ", "RUS"]), (1, set(), ["TJK", "UZB"])]


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
