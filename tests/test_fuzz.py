"""Fuzzing the I/O layer: generated documents and mutated files, through every command.

Every case must end in exit 0, or exit 1 with ``Error:`` lines only: never a
traceback or a hang, never a partial output file, and every export of a valid
document reads back and validates. A few hundred cases by default;
``pytest --fuzz-long tests/test_fuzz.py`` runs thousands. Counts are printed at
the end of the run (``-s`` shows them).
"""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vectorgraph
from vectorgraph.cli import cli
from vectorgraph.errors import DocumentError
from vectorgraph.formats import FORMATS, readable, writable
from vectorgraph.validate import validated

COUNTS: Counter[str] = Counter()
ROUND_TRIP = [n for n in readable() if n in writable()]


@pytest.fixture(scope="module", autouse=True)
def report() -> Any:
    yield
    print(f"\nfuzz: {dict(sorted(COUNTS.items()))}")


def examples(request: pytest.FixtureRequest, normal: int) -> settings:
    long = request.config.getoption("--fuzz-long")
    return settings(
        max_examples=normal * 20 if long else normal,
        deadline=timedelta(seconds=30),
        suppress_health_check=list(HealthCheck),
        derandomize=not long,
        database=None,
    )


# -- generated documents ------------------------------------------------------------------------

BAD_TEXT = st.sampled_from(["", " ", "\x1b[31m", "\ud800", "\x00", "a|b"])
GOOD_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters="|"),
    min_size=1,
    max_size=30,
).filter(str.strip) | st.sampled_from(["=1+1", "-x", "@y", "a\r\nb\rc", '"q"', "<&>", "null"])
TEXT = GOOD_TEXT
ANY = st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=True) | BAD_TEXT
ACTOR_IDS = st.sampled_from(["A", "B", "C", "KAZ"])


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a well-typed value, one time in thirty anything at all."""
    return st.integers(0, 29).flatmap(lambda k: ANY if k == 0 else strategy)


actors = st.fixed_dictionaries(
    {"id": maybe(ACTOR_IDS)},
    optional={
        "name": maybe(TEXT),
        "type": maybe(st.sampled_from(["state", "person", "organisation", "other"])),
        "aliases": maybe(st.lists(TEXT, max_size=3)),
        "members": maybe(st.lists(ACTOR_IDS, max_size=2)),
        "note": maybe(TEXT),
    },
)
evidence = st.fixed_dictionaries(
    {"source": maybe(st.just("s")), "quote": maybe(TEXT)},
    optional={"sentence": maybe(st.integers(0, 5)), "start": maybe(st.integers(0, 9))},
)
ENDS = st.permutations(["A", "B", "C", "KAZ"]).map(lambda ids: {"source": ids[0], "target": ids[1]})
relations = st.fixed_dictionaries(
    {"type": maybe(st.sampled_from(["trade", "sanctions", "member_of", "alliance"]))},
    optional={
        "id": maybe(TEXT),
        "score": maybe(st.floats(-10, 10)),
        "weight": maybe(st.floats(1e-9, 1)),
        "directed": maybe(st.booleans()),
        "date": maybe(st.sampled_from(["2022", "2022-02", "2022/", "/2021-03-04"])),
        "confidence": maybe(st.floats(0, 1)),
        "note": maybe(TEXT),
        "count": maybe(st.integers(1, 5)),
        "evidence": maybe(st.lists(evidence, max_size=3)),
    },
)
relations = st.tuples(maybe(ENDS), relations).map(
    lambda pair: (
        {**pair[0], **pair[1]} if isinstance(pair[0], dict) else {"source": pair[0], **pair[1]}
    )
)
documents = st.fixed_dictionaries(
    {
        "title": maybe(TEXT),
        "sources": st.just([{"id": "s", "title": "S"}]),
        "actors": st.lists(actors, min_size=4, max_size=4, unique_by=lambda a: str(a["id"])),
        "relations": st.lists(relations, max_size=6),
    },
    optional={"description": maybe(TEXT), "vectorgraph": maybe(st.just(1))},
)


def test_generated_documents_validate_or_fail_cleanly_and_round_trip(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    @examples(request, 300)
    @given(documents)
    def case(data: dict[str, Any]) -> None:
        COUNTS["generated documents"] += 1
        try:
            doc = validated(data, "g.yaml")
        except DocumentError as exc:
            COUNTS["generated: invalid"] += 1
            assert exc.problems and all(
                line.startswith("g.yaml: ") and "\n" not in line for line in exc.problems
            )
            return
        COUNTS["generated: valid"] += 1
        folder = tmp_path_factory.mktemp("rt")
        for name in ROUND_TRIP:
            options = {"raw": True} if name == "csv" else {}
            written = vectorgraph.write(
                doc, folder / f"g{FORMATS[name].suffixes[0]}", name, **options
            )
            COUNTS["round trips"] += 1
            back = vectorgraph.read(written[0], name)
            assert sorted(back.actors, key=lambda a: a.id) == sorted(doc.actors, key=lambda a: a.id)
            assert len(back.relations) == len(doc.relations)
            if name in ("yaml", "json", "cytoscape"):
                assert back.relations == doc.relations
        out = io.StringIO()
        vectorgraph.write(doc, out, "dot")
        assert out.getvalue().startswith("digraph ")

    case()


# -- mutated files through every command ----------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The bundled graph in every readable format (CSV: its edges file), as bytes."""
    folder = tmp_path_factory.mktemp("seeds")
    doc = vectorgraph.load()
    out: dict[str, bytes] = {}
    for name in ROUND_TRIP:
        paths = vectorgraph.write(doc, folder / f"k{FORMATS[name].suffixes[0]}", name)
        out[name] = paths[-1].read_bytes()
    out["json-document"] = json.dumps(doc.to_dict()).encode()
    return out


TOKENS = [
    b"null",
    b"~",
    b"&a [*a]",
    b"*a",
    b"\x00",
    b"\xff",
    b"\xed\xa0\x80",
    b'"\\ud800"',
    b"\r",
    b"2022-01-01 10:00:00",
    b"<!ENTITY x 'y'>",
    b"]]>",
    b"{",
    b"[",
    b"-",
    b"=",
    b"\x1b[2J",
    b'attr.type="complex"',
    b"maybe",
    b"1e400",
    b"-1",
    b"NaN",
    b",",
    b'"',
    b"\n",
    b"<",
]


@st.composite
def mutations(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        else:
            del data[at:]
    return bytes(data)


SUFFIX = {name: FORMATS[name].suffixes[0] for name in ROUND_TRIP} | {"json-document": ".json"}
COMMANDS = [
    ["validate", "{f}"],
    ["info", "{f}", "--format", "json"],
    ["ties", "KAZ", "{f}", "--format", "table"],
    ["export", "{f}", "--to", "gexf", "-o", "{o}.gexf"],
    ["export", "{f}", "--to", "csv", "-o", "{o}.csv"],
    ["export", "{f}", "--to", "graphml", "-o", "{o}.graphml"],
    ["export", "{f}", "--to", "dot"],
    ["import", "{f}", "-o", "{o}.yaml"],
    ["centrality", "{f}", "--format", "csv"],
    ["balance", "{f}", "--format", "csv"],
    ["path", "KAZ", "RUS", "{f}", "--format", "csv"],
    ["merge", "{f}", "{f}", "-o", "{o}.json"],
    ["diff", "{f}", "{f}", "--format", "json"],
    ["export", "{f}", "--since", "2022", "--to", "json"],
]


def run_command(args: list[str], folder: Path) -> None:
    before = set(folder.iterdir())
    result = CliRunner().invoke(cli, args)
    COUNTS["commands"] += 1
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        COUNTS["tracebacks"] += 1
        raise AssertionError(f"{args}: traceback") from result.exception
    assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr)
    made = set(folder.iterdir()) - before
    assert not [p for p in made if p.name.startswith(".")], f"{args}: temporary file left"
    if result.exit_code == 1:
        COUNTS["exit 1"] += 1
        assert result.stderr and all(
            line.startswith("Error: ") for line in result.stderr.splitlines()
        ), (args, result.stderr)
        assert not made, f"{args}: partial output {made}"
    else:
        COUNTS["exit 0"] += 1
        for path in made:  # every file a command wrote reads back
            if path.suffix in (".gexf", ".graphml", ".yaml", ".json") or path.name.endswith(
                ".edges.csv"
            ):
                vectorgraph.read(path)
                COUNTS["outputs read back"] += 1


def test_mutated_files_through_every_command(
    request: pytest.FixtureRequest,
    seeds: dict[str, bytes],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    @examples(request, 300)
    @given(
        st.sampled_from(sorted(seeds)).flatmap(
            lambda n: st.tuples(st.just(n), mutations(seeds[n]))
        ),
        st.data(),
    )
    def case(named: tuple[str, bytes], data: st.DataObject) -> None:
        name, content = named
        COUNTS["mutated files"] += 1
        folder = tmp_path_factory.mktemp("m")
        path = folder / f"input{SUFFIX[name]}"
        if name == "csv":
            path = folder / "input.edges.csv"
        path.write_bytes(content)
        for args in data.draw(
            st.lists(st.sampled_from(COMMANDS), min_size=2, max_size=5, unique_by=str)
        ):
            run_command([a.format(f=path, o=folder / "out") for a in args], folder)

    case()
