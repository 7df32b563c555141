from __future__ import annotations

import pytest

from vectorgraph.text import sentence_spans, sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? four", ["One.", "Two!", "Three? four"]),
        ("Growth of 8.6% – fine. Next", ["Growth of 8.6% – fine.", "Next"]),
        (
            "Mr. Li met Dr. Ng in the U.S. today. Yes.",
            ["Mr. Li met Dr. Ng in the U.S. today.", "Yes."],
        ),
        ("He said “No.” Then left.", ["He said “No.”", "Then left."]),
        ("Line one\n\n  Line two  \n", ["Line one", "Line two"]),
        ("worth $ 1 billion. 84 more", ["worth $ 1 billion.", "84 more"]),
        ("", []),
    ],
    ids=["stops", "decimal", "abbreviations", "closing-quote", "lines", "digit-start", "empty"],
)
def test_sentences(text, expected):
    assert sentences(text) == expected


def test_spans_index_the_original_text():
    text = "  First one.  Second one.\nThird"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["First one.", "Second one.", "Third"]
    assert sentence_spans(text)[0] == (2, 12)
