"""The parse engine's plain tree: nodes and spans read once per sentence, as spaCy reads them."""

from __future__ import annotations

import pytest

from vectorgraph.extract.mentions import Mention
from vectorgraph.extract.nlp import load_model
from vectorgraph.extract.tree import Near, Spans

SENTENCES = [
    pytest.param("The Kyrgyz foreign ministry rejected it.", id="plain"),
    pytest.param("Russia said that  Kazakhstan is a partner . ", id="double-space-trailing"),
    pytest.param("Kazakhstan's President Tokayev met Xi (in Astana) - twice.", id="punctuation"),
    pytest.param("Relations cooled. Then Uzbekistan turned to Turkey!", id="two-roots"),
    pytest.param("the Moscow-led bloc, whose members are Armenia and Belarus", id="no-verb"),
]


def spacy_root(doc: object, start: int, end: int) -> int | None:
    """What the engine read before :class:`Spans`: spaCy's own expanded span and its root."""
    span = doc.char_span(start, end, alignment_mode="expand")  # type: ignore[attr-defined]
    return span.root.i if span is not None and len(span) else None


@pytest.mark.parametrize("text", SENTENCES)
def test_spans_root_is_spacys_for_every_character_span(text: str) -> None:
    doc = load_model()(text)
    spans = Spans(doc)
    size = len(text)
    for start in range(-1, size + 2):
        for end in range(start, size + 2):
            try:
                want = spacy_root(doc, start, end)
            except IndexError:  # spaCy refuses a span that ends before it begins
                want = None
            assert spans.root(start, end) == want, (start, end, text[start:end])


def test_spans_root_of_a_name_is_its_head_word() -> None:
    text = "The Kyrgyz foreign ministry rejected it."
    spans = Spans(load_model()(text))
    assert spans.root(4, 27) == 3  # "Kyrgyz foreign ministry": "ministry"
    assert spans.root(text.index("rejected"), len(text)) == 4  # the sentence's root inside
    assert spans.root(5, 5) == 1  # an empty span inside a word: that word ...
    assert spans.root(4, 4) is None  # ... but none at its first character
    assert spans.root(50, 60) is None


def test_near_counts_arcs_between_mentions_and_accepts_spans_or_doc() -> None:
    text = "Russia said that Kazakhstan is a partner of China."
    doc = load_model()(text)
    rus = Mention("RUS", 0, 6, "Russia", "state")
    kaz = Mention("KAZ", 17, 27, "Kazakhstan", "state")
    implied = Mention("CHN", 0, 0, "", "state")
    for near in (Near(doc), Near(Spans(doc))):
        assert near(rus, kaz)
        assert near(rus, implied)  # no span: near all
        assert near.anchor(kaz) == 3
