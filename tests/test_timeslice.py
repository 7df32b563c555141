"""Time slices: relations whose date or period overlaps the slice."""

from __future__ import annotations

import pytest

from vectorgraph import GraphDocument, time_slice
from vectorgraph.errors import ArgumentError
from vectorgraph.timeslice import TimeSlice, check_date, check_window


@pytest.fixture
def dated() -> GraphDocument:
    dates = ["2019", "2021-12", "2022-01-15", "2022/", "/2021-06", "2020/2023", None]
    return GraphDocument.from_dict(
        {
            "actors": [{"id": "A"}, {"id": "B"}],
            "relations": [
                {"source": "A", "target": "B", "type": "trade", "id": str(d), "date": d}
                if d
                else {"source": "A", "target": "B", "type": "trade", "id": "none"}
                for d in dates
            ],
        }
    )


def ids(doc: GraphDocument) -> list[str | None]:
    return [r.id for r in doc.relations]


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"at": "2022"}, ["2022-01-15", "2022/", "2020/2023", "none"]),
        ({"at": "2021-12-31"}, ["2021-12", "2020/2023", "none"]),
        ({"end": "2021-12"}, ["2019", "2021-12", "/2021-06", "2020/2023", "none"]),
        ({"start": "2022-01"}, ["2022-01-15", "2022/", "2020/2023", "none"]),
        ({"start": "2021-07", "end": "2021-11"}, ["2020/2023", "none"]),
        ({"start": "2022", "undated": "drop"}, ["2022-01-15", "2022/", "2020/2023"]),
        ({"undated": "drop"}, ["2019", "2021-12", "2022-01-15", "2022/", "/2021-06", "2020/2023"]),
        ({}, ["2019", "2021-12", "2022-01-15", "2022/", "/2021-06", "2020/2023", "none"]),
    ],
    ids=["at-year", "at-day", "until", "since", "window", "drop-undated", "only-drop", "none"],
)
def test_time_slice(dated: GraphDocument, kwargs: dict[str, str], expected: list[str]) -> None:
    assert ids(time_slice(dated, **kwargs)) == expected


def test_actors_stay(dated: GraphDocument) -> None:
    assert len(time_slice(dated, at="1990", undated="drop").actors) == 2


def test_at_with_start_is_an_error(dated: GraphDocument) -> None:
    with pytest.raises(ValueError, match="either at or start/end"):
        time_slice(dated, at="2022", start="2021")


def test_bad_undated(dated: GraphDocument) -> None:
    with pytest.raises(ValueError, match="undated must be one of keep, drop, not 'maybe'"):
        time_slice(dated, undated="maybe")


def test_time_slice_object(dated: GraphDocument) -> None:
    window = TimeSlice(at="2019", undated="drop")
    assert window.active
    assert ids(window.apply(dated)) == ["2019", "/2021-06"]
    assert not TimeSlice(undated="drop").active


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022-13", "invalid date '2022-13': month must be in 1..12"),
        ("2022-02-30", "invalid date '2022-02-30': day is out of range for month"),
        ("soon", "not a date: 'soon' (use YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("2023/2022", "period '2023/2022' ends before it starts"),
    ],
    ids=["month", "day", "word", "backwards"],
)
def test_check_date(text: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        check_date(text)
    assert str(err.value) == message


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"start": "2023", "end": "2021"}, "start 2023 is after end 2021"),
        ({"start": "2022-02", "end": "2022-01-31"}, "start 2022-02 is after end 2022-01-31"),
        ({"at": "2022", "end": "2023"}, "give either at or start/end, not both"),
        ({"undated": "maybe"}, "undated must be one of keep, drop, not 'maybe'"),
        ({"start": "soon"}, "not a date: 'soon' (use YYYY, YYYY-MM or YYYY-MM-DD)"),
        ({"at": "2022-13"}, "invalid date '2022-13': month must be in 1..12"),
    ],
    ids=["inverted-years", "inverted-days", "at-and-end", "bad-undated", "not-a-date", "bad-at"],
)
def test_a_bad_window_is_misuse_everywhere(
    dated: GraphDocument, kwargs: dict[str, str], message: str
) -> None:
    """time_slice, TimeSlice and check_window refuse the same windows, with one message."""
    for attempt in (
        lambda: time_slice(dated, **kwargs),
        lambda: TimeSlice(**kwargs),
        lambda: check_window(
            kwargs.get("at"), kwargs.get("start"), kwargs.get("end"), kwargs.get("undated", "keep")
        ),
    ):
        with pytest.raises(ArgumentError) as err:
            attempt()
        assert str(err.value) == message


def test_a_one_day_window_is_not_inverted(dated: GraphDocument) -> None:
    assert ids(time_slice(dated, start="2022-01-15", end="2022-01-15")) == [
        "2022-01-15",
        "2022/",
        "2020/2023",
        "none",
    ]


def test_check_window_speaks_the_callers_names() -> None:
    with pytest.raises(ArgumentError) as err:
        check_window("2022", "2021", None, names=("--at", "--since", "--until"))
    assert str(err.value) == "--at cannot be combined with --since/--until"


def test_check_date_is_misuse() -> None:
    with pytest.raises(ArgumentError, match="not a date: 'soon'"):
        check_date("soon")
