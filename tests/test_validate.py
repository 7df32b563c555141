from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from vectorgraph import DocumentError, load
from vectorgraph.validate import problems

TEXT = "Russia and Kazakhstan trade a lot. Kazakhstan closed its mission in Russia.\n"


def base() -> dict[str, Any]:
    return {
        "title": "t",
        "sources": [{"id": "s", "title": "S", "path": "a.txt"}],
        "actors": [
            {"id": "KAZ", "name": "Kazakhstan", "type": "state"},
            {"id": "RUS", "name": "Russia", "type": "state"},
            {"id": "WEST", "name": "the West", "type": "region", "members": ["RUS"]},
        ],
        "relations": [
            {
                "source": "RUS",
                "target": "KAZ",
                "type": "trade",
                "evidence": [
                    {"source": "s", "sentence": 0, "quote": "Russia and Kazakhstan trade a lot."}
                ],
            }
        ],
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def check(folder: Path, change) -> list[str]:
    data = copy.deepcopy(base())
    change(data)
    return problems(data, "x.yaml", folder)


def test_the_base_document_is_valid(folder):
    assert problems(base(), "x.yaml", folder) == []


def _set(path: str, value: Any):
    def change(data):
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is _DELETE:
            del node[last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


_DELETE = object()

CASES = [
    (
        "unknown-target",
        "relations.0.target",
        "CHN",
        "x.yaml: relations[0].target: unknown actor 'CHN'",
    ),
    (
        "unknown-type",
        "relations.0.type",
        "frendship",
        "x.yaml: relations[0].type: unknown relation type 'frendship'",
    ),
    (
        "sign-out-of-range",
        "relations.0.sign",
        2,
        "x.yaml: relations[0].sign: sign must be -1, 0 or 1, got 2",
    ),
    (
        "sign-contradicts-type",
        "relations.0.sign",
        -1,
        "x.yaml: relations[0].sign: sign -1 contradicts type 'trade' (sign 1)",
    ),
    (
        "weight-out-of-range",
        "relations.0.weight",
        1.5,
        "x.yaml: relations[0].weight: 1.5 is out of range (0, 1]",
    ),
    (
        "weight-zero",
        "relations.0.weight",
        0,
        "x.yaml: relations[0].weight: 0 is out of range (0, 1]",
    ),
    (
        "weight-wrong-type",
        "relations.0.weight",
        "heavy",
        "x.yaml: relations[0].weight: expected a number, got a string",
    ),
    (
        "score-out-of-range",
        "relations.0.score",
        -11,
        "x.yaml: relations[0].score: -11 is out of range [-10, 10]",
    ),
    (
        "directed-wrong-type",
        "relations.0.directed",
        "yes",
        "x.yaml: relations[0].directed: expected true or false, got a string",
    ),
    (
        "bad-date",
        "relations.0.date",
        "2022-13",
        "x.yaml: relations[0].date: invalid date '2022-13': month must be in 1..12",
    ),
    (
        "confidence",
        "relations.0.confidence",
        1.2,
        "x.yaml: relations[0].confidence: 1.2 is out of range [0, 1]",
    ),
    (
        "missing-source",
        "relations.0.source",
        _DELETE,
        "x.yaml: relations[0]: missing field 'source'",
    ),
    (
        "self-loop",
        "relations.0.target",
        "RUS",
        "x.yaml: relations[0]: a relation needs two different actors, got 'RUS' twice",
    ),
    (
        "unknown-field",
        "relations.0.wieght",
        1,
        (
            "x.yaml: relations[0]: unknown field 'wieght' (allowed: "
            "confidence, count, date, directed, evidence, id, note, score, sign, source, target, type, weight)"
        ),
    ),
    (
        "duplicate-actor",
        "actors.1.id",
        "KAZ",
        (
            "x.yaml: actors[1].id: duplicate actor id 'KAZ'\n"
            "x.yaml: actors[2].members[0]: unknown actor 'RUS'\n"
            "x.yaml: relations[0].source: unknown actor 'RUS'"
        ),
    ),
    (
        "bad-actor-id",
        "actors.1.id",
        "Russia",
        (
            "x.yaml: actors[1].id: actor id 'Russia' must be UPPER_SNAKE_CASE (ISO alpha-3 for states)\n"
            "x.yaml: actors[2].members[0]: unknown actor 'RUS'\n"
            "x.yaml: relations[0].source: unknown actor 'RUS'"
        ),
    ),
    (
        "actor-type",
        "actors.0.type",
        "country",
        (
            "x.yaml: actors[0].type: unknown actor type 'country' (one of: state, organisation, region, "
            "company, person, other)"
        ),
    ),
    (
        "aliases-type",
        "actors.0.aliases",
        "Astana",
        "x.yaml: actors[0].aliases: expected a list of non-empty strings",
    ),
    (
        "unknown-member",
        "actors.2.members",
        ["USA"],
        "x.yaml: actors[2].members[0]: unknown actor 'USA'",
    ),
    (
        "actor-not-mapping",
        "actors.0",
        "KAZ",
        (
            "x.yaml: actors[0]: expected a mapping, got a string\n"
            "x.yaml: relations[0].target: unknown actor 'KAZ'"
        ),
    ),
    ("actors-not-list", "actors", {"KAZ": 1}, "x.yaml: actors: expected a list, got a mapping"),
    (
        "quote-not-found",
        "relations.0.evidence.0.quote",
        "Russia loves Kazakhstan.",
        "x.yaml: relations[0].evidence[0].quote: quote not found in source 's': 'Russia loves Kazakhstan.'",
    ),
    (
        "quote-wrong-sentence",
        "relations.0.evidence.0.sentence",
        1,
        "x.yaml: relations[0].evidence[0].sentence: quote is not in sentence 1 of source 's'",
    ),
    (
        "sentence-out-of-range",
        "relations.0.evidence.0.sentence",
        9,
        "x.yaml: relations[0].evidence[0].sentence: source 's' has 2 sentences, not 10",
    ),
    (
        "unknown-source",
        "relations.0.evidence.0.source",
        "t",
        "x.yaml: relations[0].evidence[0].source: unknown source 't'",
    ),
    (
        "missing-quote",
        "relations.0.evidence.0.quote",
        _DELETE,
        "x.yaml: relations[0].evidence[0]: missing field 'quote'",
    ),
    (
        "source-file-missing",
        "sources.0.path",
        "missing.txt",
        "x.yaml: sources[0].path: cannot read source text '{folder}/missing.txt': No such file or directory",
    ),
    (
        "duplicate-source",
        "sources",
        [{"id": "s", "path": "a.txt"}, {"id": "s"}],
        "x.yaml: sources[1].id: duplicate source id 's'",
    ),
    (
        "reserved-relation-id",
        "relations.0.id",
        "r7",
        (
            "x.yaml: relations[0].id: relation id 'r7' is "
            "reserved: r<number> keys the relations that have no id"
        ),
    ),
    ("version", "vectorgraph", 2, "x.yaml: vectorgraph: unsupported format version 2 (this is 1)"),
    (
        "vocabulary-clash",
        "vocabulary",
        [{"id": "trade", "score": 1}],
        "x.yaml: vocabulary[0].id: relation type 'trade' is already defined",
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_problem_is_named_with_its_place(folder, path, value, message):
    assert check(folder, _set(path, value)) == message.format(folder=folder).split("\n")


def test_offsets_must_hold_the_quote(folder):
    def change(data):
        data["relations"][0]["evidence"][0].update(start=1, end=5)

    assert check(folder, change) == [
        "x.yaml: relations[0].evidence[0].start: offsets 1..5 do not hold the quote in source 's'"
    ]


def test_every_problem_in_one_run(folder):
    def change(data):
        data["relations"][0]["target"] = "CHN"
        data["relations"][0]["type"] = "frendship"
        data["actors"][1]["type"] = "country"

    assert len(check(folder, change)) == 3


def test_a_document_may_extend_the_vocabulary(folder):
    def change(data):
        data["vocabulary"] = [
            {
                "id": "water_dispute",
                "score": -3,
                "directed": False,
                "description": "Disputes over shared rivers.",
            }
        ]
        data["relations"][0].update(type="water_dispute", sign=-1)

    assert check(folder, change) == []


def test_top_level_must_be_a_mapping():
    assert problems([1, 2], "x.yaml") == ["x.yaml: expected a mapping, got a list"]


# -- reading files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "bad.yaml",
            "title: a\nactors: [\n",
            "{path}: line 3, column 1: invalid YAML: did not find expected node content",
        ),
        (
            "bad.json",
            '{"title": "a",}',
            (
                "{path}: line 1, column 15: invalid JSON: "
                "Expecting property name enclosed in double quotes"
            ),
        ),
        ("empty.yaml", "  \n", "{path}: the file is empty"),
        (
            "tag.yaml",
            "!!python/object/apply:os.system ['touch pwned']\n",
            (
                "{path}: line 1, column 1: invalid YAML: could not determine a constructor for the tag "
                "'tag:yaml.org,2002:python/object/apply:os.system'"
            ),
        ),
        ("deep.json", "[" * 100_000 + "]" * 100_000, "{path}: nested too deeply"),
    ],
    ids=["yaml-syntax", "json-syntax", "empty", "object-tag", "deep-nesting"],
)
def test_unreadable_documents(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        load(path)
    assert info.value.problems == [message.format(path=path)]
    assert not (tmp_path / "pwned").exists()


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Türkiye\n".encode("latin-1"))
    with pytest.raises(
        DocumentError, match=r"latin1.yaml: not UTF-8 text \(byte 0xfc at offset 8\)"
    ):
        load(path)


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match=r"nope.yaml: cannot read: No such file or directory"):
        load(tmp_path / "nope.yaml")


def test_huge_file_fails_cleanly(tmp_path, monkeypatch):
    import vectorgraph.io

    monkeypatch.setattr(vectorgraph.io, "MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("title: " + "x" * 200, encoding="utf-8")
    with pytest.raises(DocumentError, match=r"big.yaml: file is 207 bytes, over the limit of 100"):
        load(path)


def test_a_source_that_is_not_a_regular_file(tmp_path):
    (tmp_path / "fifo").mkdir()
    data = base()
    data["sources"][0]["path"] = "fifo"
    assert problems(data, "x.yaml", tmp_path) == [
        f"x.yaml: sources[0].path: cannot read source text '{tmp_path / 'fifo'}': not a regular file"
    ]


def test_a_huge_source_text_is_refused(folder, monkeypatch):
    import vectorgraph.validate

    monkeypatch.setattr(vectorgraph.validate, "MAX_SOURCE_BYTES", 10)
    assert problems(base(), "x.yaml", folder) == [
        f"x.yaml: sources[0].path: source text '{folder / 'a.txt'}' is over the limit of 10 bytes"
    ]


def test_aliases_may_not_hold_the_list_separator(folder):
    def change(data):
        data["actors"][0]["aliases"] = ["Qazaq|stan"]

    assert check(folder, change) == [
        (
            "x.yaml: actors[0].aliases: an alias may not contain '|' (it separates aliases in GraphML "
            "and CSV)"
        )
    ]


# -- input that once validated and then crashed a later command (issue 12) -----------------------


def _doc(**relation: object) -> dict[str, object]:
    return {
        "title": "t",
        "actors": [{"id": "A", "name": "Alpha"}, {"id": "B"}],
        "relations": [{"source": "A", "target": "B", "type": "trade", **relation}],
    }


@pytest.mark.parametrize(
    "field", ["weight", "score", "sign", "note", "date", "confidence"], ids=lambda f: f
)
def test_null_is_a_field_left_out(field: str) -> None:
    from vectorgraph.validate import validated

    doc = validated(_doc(**{field: None}))
    assert doc.relations[0] == validated(_doc()).relations[0]


def test_null_name_and_vocabulary_score_default() -> None:
    from vectorgraph.validate import validated

    data = _doc()
    data["actors"] = [{"id": "A", "name": None, "type": None}, {"id": "B"}]
    data["vocabulary"] = [{"id": "talks", "score": None}]
    doc = validated(data)
    assert (doc.actors[0].name, doc.actors[0].type, doc.vocabulary[0].score) == ("A", "other", 0.0)


@pytest.mark.parametrize(
    ("text", "what"),
    [("\ud800", "a lone surrogate (U+D800)"), ("\x1bb", "a control character (U+001B)")],
    ids=["surrogate", "escape"],
)
def test_text_no_format_can_carry_is_an_error(text: str, what: str) -> None:
    data = _doc(note=f"x{text}")
    assert problems(data, "x.json") == [
        f"x.json: relations[0].note: {what} at offset 1: not allowed in text"
    ]


def test_a_date_and_time_is_not_a_date(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "actors: [{id: A}, {id: B}]\n"
        "relations: [{source: A, target: B, type: trade, date: 2022-01-01 10:00:00}]\n",
        encoding="utf-8",
    )
    with pytest.raises(DocumentError) as info:
        load(path)
    assert info.value.problems == [
        (
            f"{path}: relations[0].date: expected a date (YYYY, YYYY-MM, YYYY-MM-DD or A/B), "
            "got a date and time 2022-01-01 10:00:00"
        )
    ]


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    import time

    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("title: *i")
    path = tmp_path / "lol.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(DocumentError) as info:
        load(path)
    assert time.perf_counter() - start < 5
    assert info.value.problems == [
        f"{path}: invalid YAML: aliases (*name) expand past the size of the file"
    ]


def test_nesting_past_the_limit_is_one_problem() -> None:
    from vectorgraph.validate import MAX_DEPTH

    deep: object = "x"
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    data = _doc(note=deep)
    found = problems(data, "x.json")
    assert len(found) == 1 and found[0].endswith(f"nested too deeply (over {MAX_DEPTH} levels)")


def test_yaml_error_without_a_position_is_one_line() -> None:
    from vectorgraph.io import _one_line

    assert _one_line("expected a single document\n  in the stream") == (
        "expected a single document in the stream"
    )


@pytest.mark.parametrize(
    ("content", "sentence", "start"),
    [
        (b"First line.\r\nSecond.\r\nKazakhstan trades.\r\n", 2, 22),
        ("\ufeffKazakhstan trades.\n".encode(), 0, 0),
    ],
    ids=["crlf", "bom"],
)
def test_sources_are_read_as_extraction_reads_them(
    tmp_path: Path, content: bytes, sentence: int, start: int
) -> None:
    """The validator reads a source text as the extractor does: BOM dropped, CRLF kept."""
    (tmp_path / "a.txt").write_bytes(content)
    quote = "Kazakhstan trades."
    ev = {"source": "s", "quote": quote, "sentence": sentence, "start": start}
    data = {
        "sources": [{"id": "s", "path": "a.txt"}],
        "actors": [{"id": "A"}, {"id": "B"}],
        "relations": [
            {
                "source": "A",
                "target": "B",
                "type": "trade",
                "evidence": [{**ev, "end": start + len(quote)}],
            }
        ],
    }
    assert problems(data, "x.yaml", tmp_path) == []


#: One relation field at a time set to a value the checks must refuse (or, last, accept).
_RELATION_CHANGES = {
    "source-unknown": ("source", "CHN"),
    "source-number": ("source", 3),
    "same-ends": ("target", "RUS"),
    "type-unknown": ("type", "friendship"),
    "type-empty": ("type", " "),
    "sign-two": ("sign", 2),
    "sign-contradicts": ("sign", -1),
    "sign-bool": ("sign", True),
    "score-high": ("score", 11),
    "weight-zero": ("weight", 0),
    "directed-string": ("directed", "yes"),
    "date-bad": ("date", "2022-13"),
    "confidence-nan": ("confidence", float("nan")),
    "note-empty": ("note", ""),
    "count-zero": ("count", 0),
    "id-reserved": ("id", "r7"),
    "unknown-field": ("colour", "red"),
    "evidence-mapping": ("evidence", {"source": "s"}),
    "evidence-item": ("evidence", ["a quote"]),
    "evidence-source": ("evidence", [{"source": "t", "quote": "q"}]),
    "evidence-no-quote": ("evidence", [{"source": "u"}]),
    "evidence-sentence": ("evidence", [{"source": "u", "quote": "q", "sentence": -1}]),
    "evidence-span": ("evidence", [{"source": "u", "quote": "q", "source_span": [3, 1]}]),
    "evidence-field": ("evidence", [{"source": "u", "quote": "q", "page": 2}]),
    "evidence-quote-not-in-text": ("evidence", [{"source": "s", "quote": "Nowhere."}]),
    "valid": ("score", 7.5),
}
_VALID = ("score", 7.5)


@pytest.mark.parametrize(
    ("key", "value"), list(_RELATION_CHANGES.values()), ids=list(_RELATION_CHANGES)
)
def test_the_fast_relation_check_accepts_only_what_the_full_checks_accept(
    folder: Path, monkeypatch: pytest.MonkeyPatch, key: str, value: Any
) -> None:
    import vectorgraph.validate as module

    def document() -> dict[str, Any]:
        data = base()
        data["sources"].append({"id": "u", "title": "U"})  # no text: quotes unchecked
        rel = data["relations"][0]
        rel[key] = value
        data["relations"] = [dict(rel, id="a"), rel, dict(rel, id="a")]
        return data

    fast = problems(document(), "x.yaml", folder)
    monkeypatch.setattr(module, "_sound_relation", lambda *args: False)
    full = problems(document(), "x.yaml", folder)
    assert fast == full
    assert "x.yaml: relations[2].id: duplicate relation id 'a'" in full
    assert len(full) == 1 if (key, value) == _VALID else len(full) >= 2


def _outcome(data: Any, json_text: str | None) -> Any:
    from vectorgraph.validate import validated

    try:
        return validated(data, "g.json", json_text=json_text).to_dict()
    except DocumentError as exc:
        return exc.problems


@pytest.mark.parametrize(
    "text",
    [
        '{"title": "t", "actors": [{"id": "A", "name": "A"}]}',
        '{"title": "t", "actors": [{"id": "A", "name": null}]}',
        '{"title": "t\\u0001", "actors": []}',
        '{"title": "t\\b", "actors": []}',
        '{"title": "t\\ud800", "actors": []}',
        '{"title": "t\\uffff", "actors": []}',
        '{"title": "t", "actors": [ [1]]}',
        '{"title": "t", "actors": [{"id": "A", "name": "A", "aliases": [\n[1]]}]}',
    ],
    ids=[
        "clean",
        "null",
        "control",
        "backspace",
        "surrogate",
        "non-character",
        "nested",
        "nested-nl",
    ],
)
def test_json_text_clears_what_the_encoder_clears(text: str) -> None:
    # the shape check read from the JSON text gives the outcome of the check by the encoder
    import json

    from vectorgraph.validate import _suspect_json

    data = json.loads(text)
    assert _outcome(data, text) == _outcome(data, None)
    assert _suspect_json(text) == (text != '{"title": "t", "actors": [{"id": "A", "name": "A"}]}')
