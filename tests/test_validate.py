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
