"""The columnar validation path gives what row-by-row validation gives, only faster.

The reference is what ``Catalogue.from_frame`` does today: cells to objects (missing ->
None), ``Activity.model_validate`` per row, a repeated id rejected after its first accepted
row. Every comparison is exact: accepted rows, their values, rejected rows and messages.
"""

from __future__ import annotations

import datetime as dt
import doctest
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wor_match._errors import CatalogueError, InvalidActivityError
from wor_match.catalogue import _columns, _validate
from wor_match.catalogue._columns import (
    FIELD_KINDS,
    activities_at,
    activities_to_columns,
    activity_at,
)
from wor_match.catalogue._validate import ValidatedColumns, validate_frame
from wor_match.datasets import make_synthetic_catalogue
from wor_match.models.activity import ACTIVITY_FIELDS, MAX_CAPACITY, Activity

DEMO_CSV = Path(__file__).parents[2] / "src" / "wor_match" / "data" / "demo_catalogue.csv"


# --------------------------------------------------------------------------- the reference
def row_by_row(frame: pd.DataFrame) -> tuple[list[tuple[int, Activity]], list[dict[str, Any]]]:
    """Accepted (row, Activity) and rejected rows as Catalogue.from_frame/from_records do."""
    clean = frame.astype(object).where(frame.notna(), None)
    accepted: list[tuple[int, Activity]] = []
    rejected: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    for row, cells in enumerate(clean.to_dict(orient="records"), start=1):
        record = {str(key): value for key, value in cells.items()}
        label = str(record.get("activity_id", "") or "")
        try:
            activity = Activity.model_validate(record)
            if activity.activity_id in first_row:
                raise InvalidActivityError(
                    f"duplicate activity_id {activity.activity_id!r} "
                    f"(first in row {first_row[activity.activity_id]})"
                )
        except InvalidActivityError as error:
            rejected.append({"row": row, "activity_id": label, "message": str(error)})
            continue
        first_row[activity.activity_id] = row
        accepted.append((row, activity))
    return accepted, rejected


def assert_same_as_row_by_row(frame: pd.DataFrame) -> ValidatedColumns:
    result = validate_frame(frame)
    accepted, rejected = row_by_row(frame)
    assert result.rejected == rejected
    assert result.rows.tolist() == [row for row, _ in accepted]
    assert len(result.columns) + len(result.rejected) == len(frame)
    for i, (_, activity) in enumerate(accepted):
        assert activity_at(result.columns, i) == activity
    assert activities_at(result.columns, range(len(accepted))) == [a for _, a in accepted]
    expected = activities_to_columns(activity for _, activity in accepted)
    pd.testing.assert_frame_equal(result.columns, expected)
    return result


def frame_of(**columns: list[Any]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(cells, dtype=object) for name, cells in columns.items()})


def message_of(**cells: Any) -> str:
    """The one rejection message of a one-row frame (checked against row-by-row)."""
    result = assert_same_as_row_by_row(frame_of(**{k: [v] for k, v in cells.items()}))
    assert len(result.rejected) == 1
    return str(result.rejected[0]["message"])


# --------------------------------------------------------------------------- messy frames
# Per field: cells a catalogue may well hold (valid, though some only after stripping or
# parsing), and cells that are wrong or unusual. A frame mixes them at a drawn rate.
TEXT = ["", " ", "Koor", " Wandelen ", "tekst\x1c", "\x1f", "\u3000y\xa0", "a;b", None, math.nan]
GOOD: dict[str, list[Any]] = {
    "activity_id": ["a1", "a2", " a1 ", "a3", "a1\u2000", "b\x1c", "\x1cb"],
    "name": TEXT[2:],
    "description": TEXT,
    "provider": TEXT,
    "contact": TEXT,
    "url": TEXT,
    "source": TEXT,
    "postcode": ["2181", " 2182 AB ", "  ", "", None, "\x1c"],
    "kind": ["activity", " Buddy ", "MEALS", "", None, "\x1cmeals"],
    "delivery": ["on_site", "online", " At_Home", "", None],
    "status": ["active", "Inactive", "temporarily_closed", "", None],
    "referral": ["signposting", "DIRECT", "", None],
    "social_setting": ["small_group", "one_on_one", "", None],
    "categories": ["Natuur;tuinieren", " a ; ;b ", ";", "", None, "x\x1c;y", "Hillegom",
                   ["x;y", " z "]],
    "tags": ["moestuin;buiten zijn", "a;a", " ", "", None],
    "coverage": ["Hillegom;2181", "3511", "", None, " ; "],
    "languages": ["nl", "NL; en", "nl;;EN", ";", "", None, "ar", " "],
    "schedule": ["mon:morning", "ma:ochtend;di:avond", "tue:evening;mon:morning;tue:evening",
                 "", None, "  ", ";", "zondag : middag", "mon:morning;", "Sat:Afternoon",
                 ["wed:evening;mon:morning"]],
    "lat": [52.1, "52.29390", " 52.1 ", -90, 90.0, "", None, math.nan, "1e1", 52, -0.0, "+5",
            "1_0", np.float64(52.5)],
    "lon": [4.5, "4.58811", -180, "", None, math.nan, "+5", "1_0", 4],
    "cost_per_month": [0, 0.0, "2.5", "inf", math.inf, "", None, -0.0, "1e3", 12.5, "-0",
                       2**60],
    "min_age": [18, 18.0, "18", "18.0", " 18 ", "", None, math.nan, "+18", 65, 0, "1_8", -0.0,
                "018"],
    "max_age": [65.0, "70", "", None, 120, "99.0"],
    "capacity": [0, 5, 5.0, "5", 1e9, "", None, MAX_CAPACITY],
    "wheelchair_accessible": ["true", " Ja ", "nee", "?", "onbekend", "", None, True, False, 1,
                              0, 1.0, "1"],
    "last_verified": ["2026-03-05", "2024-02-29", "2026-03-05T00:00:00", "", None,
                      "0001-01-01", "9999-12-31", dt.date(2026, 1, 2)],
}  # fmt: skip
BAD: dict[str, list[Any]] = {
    "activity_id": ["", " ", None, math.nan, 5],
    "name": ["", " ", None, 3.0],
    "description": [1, 2.5],
    "provider": [7],
    "contact": [True],
    "url": [0.5],
    "source": [3],
    "postcode": [2181],
    "kind": ["volunteer", "  ", 3],
    "delivery": ["thuis"],
    "status": ["closed"],
    "referral": ["verwijzing"],
    "social_setting": [" small_group", "Small_Group", "crowd"],
    "categories": [7],
    "tags": [1.5],
    "coverage": [False],
    "languages": ["nld", "n1", 5],
    "schedule": ["mon:noon", "monday", 3],
    "lat": ["91", "abc", "nan", "52,1", True, "inf", 1e300],
    "lon": ["181", "x"],
    "cost_per_month": ["-1", -math.inf, "gratis", True],
    "min_age": [7.5, "7.5", -1, 121, True, "abc"],
    "max_age": [12, 121.0],
    "capacity": ["-1", 1e10, "99999999999999999999", 2.5, MAX_CAPACITY + 1, 2**53 + 1],
    "wheelchair_accessible": ["maybe", 2, 0.5],
    "last_verified": [" 2026-03-05", "2026-3-5", "2026-02-30", "20260305", "0000-01-01", 5],
}
assert set(GOOD) == set(BAD) == set(ACTIVITY_FIELDS)
MESSY_TEXT = st.text(alphabet=" \t\x1c\x1f\xa0\u2000ab;:,.-+_eE0123456789", max_size=6)


def cell(name: str, bad_percent: int) -> st.SearchStrategy[Any]:
    @st.composite
    def draw_cell(draw: st.DrawFn) -> Any:
        if draw(st.integers(0, 99)) >= bad_percent:
            return draw(st.sampled_from(GOOD[name]))
        return draw(st.sampled_from(BAD[name]) | MESSY_TEXT)

    return draw_cell()


def as_column(cells: list[Any], style: str) -> pd.Series[Any]:
    """The cells as a Series of one of the dtypes a frame may hold, where they fit it."""
    values = [value for value in cells if value is not None and value == value]
    strings: dict[str, Any] = {
        "str": "str",
        "string": "string",
        "python": pd.StringDtype("python", np.nan),
    }
    if style in strings and all(isinstance(v, str) for v in values):
        column: pd.Series[Any] = pd.Series(cells, dtype=strings[style])
        return column
    if style == "category" and all(isinstance(v, str) for v in values):
        return pd.Series(cells, dtype="category")
    if style == "number" and all(type(v) in (int, float) and abs(v) < 2**62 for v in values):
        if all(type(v) is int for v in values):
            return pd.Series(cells, dtype="Int64")
        return pd.Series([math.nan if v is None else v for v in cells], dtype="float64")
    if style == "number" and values and all(type(v) is bool for v in values):
        return pd.Series(cells, dtype="boolean")
    return pd.Series(cells, dtype=object)


@st.composite
def messy_frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(0, 8))
    bad_percent = draw(st.sampled_from([0, 0, 3, 10, 40]))
    names = {name for name in ACTIVITY_FIELDS if draw(st.booleans())}
    names |= {"activity_id", "name"} if draw(st.integers(0, 9)) else set()
    if ("lat" in names) != ("lon" in names) and draw(st.integers(0, 3)):
        names |= {"lat", "lon"}  # mostly both: lat without lon is one rule, not every frame
    columns = {}
    for name in draw(st.permutations(sorted(names))):
        cells = draw(st.lists(cell(name, bad_percent), min_size=n, max_size=n))
        style = draw(st.sampled_from(["object", "str", "number", "string", "python", "category"]))
        columns[name] = as_column(cells, style)
    return pd.DataFrame(columns, index=pd.RangeIndex(n))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(frame=frame_of(activity_id=["a1", " a1 ", "a1"], name=["", "x", "y"]))
@example(frame=frame_of(activity_id=["a1"], name=["x"], lat=[52.0], lon=[None]))
@example(frame=frame_of(activity_id=["a1"], name=["x"], min_age=[70.0], max_age=["18"]))
@given(frame=messy_frames())
def test_same_outcome_as_row_by_row(frame: pd.DataFrame) -> None:
    assert_same_as_row_by_row(frame)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=messy_frames())
def test_same_outcome_without_factorising(frame: pd.DataFrame) -> None:
    # large columns of nearly distinct strings are read without hashing: the same outcome
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_validate, "_SAMPLE", 1)
        assert_same_as_row_by_row(frame)


# --------------------------------------------------------------------------- known frames
def test_demo_catalogue_as_read_from_csv() -> None:
    frame = pd.read_csv(DEMO_CSV, dtype=str, keep_default_na=False)
    result = assert_same_as_row_by_row(frame)
    assert len(result.columns) == len(frame)


def test_synthetic_catalogue() -> None:
    result = assert_same_as_row_by_row(make_synthetic_catalogue(2000, seed=3))
    assert result.rejected == []


def test_csv_read_with_default_dtypes() -> None:
    # numbers as float64, postcodes as int64 (rejected: a postcode is text), gaps as NaN
    assert_same_as_row_by_row(pd.read_csv(DEMO_CSV))


def test_clean_rows_never_take_the_slow_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: Any) -> None:
        raise AssertionError("a clean row took the row-by-row path")

    monkeypatch.setattr(_validate, "_validate_rows", fail)
    frame = make_synthetic_catalogue(500, seed=4)
    result = validate_frame(frame)
    assert len(result.columns) == 500
    demo = pd.read_csv(DEMO_CSV, dtype=str, keep_default_na=False)
    assert len(validate_frame(demo).columns) == len(demo)


def test_doubtful_but_valid_rows_are_accepted_with_their_values() -> None:
    # forms the fast path leaves to pydantic: it accepts them all
    frame = frame_of(
        activity_id=["a1", "a2", "a3"],
        name=["x", "y", "z"],
        lat=[" 52.1 ", True, 52],
        lon=["1_0", 4, "+5"],
        min_age=[True, "18.0", " 7 "],
        last_verified=["2026-03-05T00:00:00", dt.date(2026, 1, 2), None],
        categories=[["a;b", " c "], ("d",), None],
    )
    result = assert_same_as_row_by_row(frame)
    assert result.rows.tolist() == [1, 2, 3]
    assert activity_at(result.columns, 0).categories == ["a", "b", "c"]


# --------------------------------------------------------------------------- canonical form
def test_round_trip_of_the_demo_catalogue() -> None:
    frame = pd.read_csv(DEMO_CSV, dtype=str, keep_default_na=False)
    activities = [Activity.model_validate(r) for r in frame.to_dict(orient="records")]
    columns = activities_to_columns(activities)
    assert [activity_at(columns, i) for i in range(len(columns))] == activities
    assert activities_at(columns, np.arange(len(columns))) == activities


def test_round_trip_of_a_synthetic_catalogue() -> None:
    frame = make_synthetic_catalogue(2000, seed=3)
    clean = frame.astype(object).where(frame.notna(), None)
    activities = [Activity.model_validate(r) for r in clean.to_dict(orient="records")]
    columns = activities_to_columns(activities)
    assert [activity_at(columns, i) for i in range(len(columns))] == activities
    rows = [1999, 0, -1, 7, 7]  # any order, repeats and negative rows, like activity_at
    assert activities_at(columns, rows) == [activities[r] for r in rows]
    assert activities_at(columns, []) == []
    with pytest.raises(IndexError, match="row 2000 is out of range for 2000 activities"):
        activities_at(columns, [3, 2000])
    with pytest.raises(IndexError, match="row -2001 is out of range"):
        activities_at(columns, [-2001])
    with pytest.raises(TypeError, match="rows must be integer row positions"):
        activities_at(columns, [1.5])
    with pytest.raises(TypeError, match="rows must be integer row positions"):
        activities_at(columns, [True, False])


def test_canonical_columns_and_dtypes() -> None:
    activity = Activity.model_validate(
        {
            "activity_id": " a1 ",
            "name": "Koor",
            "lat": "52.1",
            "lon": "4.6",
            "schedule": "wo:avond;ma:ochtend;mon:morning",
            "languages": "NL; en",
            "wheelchair_accessible": "ja",
            "min_age": 18.0,
            "last_verified": "2026-03-05",
            "postcode": "  ",
            "categories": ["Zang;Muziek", " "],
        }
    )
    columns = activities_to_columns([activity])
    assert list(columns.columns) == list(ACTIVITY_FIELDS)
    assert isinstance(columns.index, pd.RangeIndex)
    row = {name: columns[name].tolist()[0] for name in ACTIVITY_FIELDS}
    assert row["activity_id"] == "a1"
    assert row["schedule"] == 0b1_0000_0001  # mon:morning (bit 0), wed:evening (bit 8)
    assert row["languages"] == "nl;en"
    assert row["categories"] == "Zang;Muziek"
    assert row["postcode"] == ""
    assert row["social_setting"] == ""
    assert row["wheelchair_accessible"] == 1
    assert row["min_age"] == 18.0
    assert math.isnan(row["max_age"])
    assert row["last_verified"] == dt.date(2026, 3, 5).toordinal()
    assert row["kind"] == "activity"
    assert row["referral"] == "signposting"
    kinds = {"object": "O", "schedule": "int64", "float": "float64", "tristate": "int8"}
    for name in ACTIVITY_FIELDS:
        dtype = str(columns[name].dtype)
        if FIELD_KINDS[name] in ("float", "whole", "date"):
            assert dtype == "float64", name
        elif FIELD_KINDS[name] in ("schedule", "tristate"):
            assert dtype == kinds[FIELD_KINDS[name]], name
        else:
            assert dtype == "object", name
            assert all(type(value) is str for value in columns[name]), name


def test_every_field_has_a_kind() -> None:
    assert list(FIELD_KINDS) == list(ACTIVITY_FIELDS)


def test_empty_inputs() -> None:
    assert list(activities_to_columns([]).columns) == list(ACTIVITY_FIELDS)
    result = validate_frame(pd.DataFrame({"activity_id": [], "name": []}))
    assert len(result.columns) == 0
    assert result.rejected == []
    assert len(result.rows) == 0
    assert list(result.columns.columns) == list(ACTIVITY_FIELDS)


def test_activity_at_index_rules() -> None:
    columns = validate_frame(make_synthetic_catalogue(3, seed=1)).columns
    assert activity_at(columns, -1) == activity_at(columns, 2)
    assert activity_at(columns, np.int64(1)).activity_id == "syn-0000001"
    with pytest.raises(IndexError, match="row 3 is out of range for 3 activities"):
        activity_at(columns, 3)
    with pytest.raises(CatalogueError, match=r"canonical catalogue columns are missing \['url'\]"):
        activity_at(columns.drop(columns=["url"]), 0)


def test_activity_at_gives_independent_lists() -> None:
    columns = validate_frame(frame_of(activity_id=["a"], name=["b"], tags=["x;y"])).columns
    first, second = activity_at(columns, 0), activity_at(columns, 0)
    assert first.tags == ["x", "y"]
    assert first.tags is not second.tags


# --------------------------------------------------------------------------- rejections
@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"activity_id": "a1", "name": ""}, "name: Input should be a valid string"),
        ({"activity_id": " ", "name": "x"}, "activity_id: String should have at least 1 character"),
        ({"activity_id": 5, "name": "x"}, "activity_id: Input should be a valid string"),
        ({"kind": "club"}, "kind: Input should be 'activity', 'volunteering', 'buddy' or 'meals'"),
        ({"delivery": "thuis"}, "delivery: Input should be 'on_site', 'at_home' or 'online'"),
        ({"status": "closed"},
         "status: Input should be 'active', 'inactive', 'defunct' or 'temporarily_closed'"),
        ({"referral": "verwijzing"}, "referral: Input should be 'signposting' or 'direct'"),
        ({"social_setting": "Small_Group"},
         "social_setting: Input should be 'individual', 'one_on_one', 'small_group' or "
         "'large_group'"),
        ({"lat": "91", "lon": "4"}, "lat: Input should be less than or equal to 90"),
        ({"lat": "52,1", "lon": "4"},
         "lat: Input should be a valid number, unable to parse string as a number"),
        ({"lat": 52.1}, "(root): lat and lon must be given together"),
        ({"cost_per_month": "-1"}, "cost_per_month: Input should be greater than or equal to 0"),
        ({"min_age": 7.5},
         "min_age: Input should be a valid integer, got a number with a fractional part"),
        ({"min_age": "7.5"},
         "min_age: Input should be a valid integer, unable to parse string as an integer"),
        ({"max_age": 121}, "max_age: Input should be less than or equal to 120"),
        ({"min_age": 70, "max_age": 18.0}, "(root): min_age must not exceed max_age"),
        ({"capacity": "1000000001"},
         "capacity: Input should be less than or equal to 1000000000"),
        ({"schedule": "mon:noon"},
         "schedule.0.part: Input should be 'morning', 'afternoon' or 'evening'"),
        ({"schedule": "monday"}, "schedule: a slot is written day:part, for example mon:morning"),
        ({"languages": "nld"}, "languages: languages must be ISO 639-1 codes such as nl, en, ar"),
        ({"wheelchair_accessible": "maybe"},
         "wheelchair_accessible: wheelchair_accessible must be true, false or empty (unknown)"),
        ({"wheelchair_accessible": 2},
         "wheelchair_accessible: Input should be a valid boolean, unable to interpret input"),
        ({"last_verified": "2026-02-30"},
         "last_verified: Input should be a valid date or datetime, day value is outside "
         "expected range"),
        ({"categories": 7}, "categories: Input should be a valid list"),
        ({"postcode": 2181}, "postcode: Input should be a valid string"),
        ({"lat": "x", "lon": "y", "kind": "?"},
         "kind: Input should be 'activity', 'volunteering', 'buddy' or 'meals'; "
         "lat: Input should be a valid number, unable to parse string as a number; "
         "lon: Input should be a valid number, unable to parse string as a number"),
    ],
)  # fmt: skip
def test_rejection_messages(cells: dict[str, Any], message: str) -> None:
    record = {"activity_id": "a1", "name": "Koor", **cells}
    assert message_of(**record) == f"Invalid activity: {message}"


def test_missing_required_column() -> None:
    result = assert_same_as_row_by_row(frame_of(activity_id=["a1", "a2"]))
    assert result.rejected == [
        {"row": 1, "activity_id": "a1", "message": "Invalid activity: name: Field required"},
        {"row": 2, "activity_id": "a2", "message": "Invalid activity: name: Field required"},
    ]


def test_duplicate_ids_point_at_the_first_accepted_row() -> None:
    frame = frame_of(
        activity_id=["a1", "a1", " a1 ", "b", "a1", "b"],
        name=["", "Koor", "Koor", "Koor", "Koor", "Koor"],
    )
    result = assert_same_as_row_by_row(frame)
    assert result.rows.tolist() == [2, 4]
    assert result.rejected == [
        {
            "row": 1,
            "activity_id": "a1",
            "message": "Invalid activity: name: Input should be a valid string",
        },
        {"row": 3, "activity_id": " a1 ", "message": "duplicate activity_id 'a1' (first in row 2)"},
        {"row": 5, "activity_id": "a1", "message": "duplicate activity_id 'a1' (first in row 2)"},
        {"row": 6, "activity_id": "b", "message": "duplicate activity_id 'b' (first in row 4)"},
    ]


def test_duplicate_of_a_row_accepted_on_the_slow_path() -> None:
    frame = frame_of(
        activity_id=["a1", "a1"], name=["Koor", "Koor"], lat=[" 52 ", None], lon=["4", None]
    )
    result = assert_same_as_row_by_row(frame)
    assert result.rejected[0]["message"] == "duplicate activity_id 'a1' (first in row 1)"


def test_unknown_columns() -> None:
    frame = frame_of(activity_id=["a1"], name=["x"], naam=["y"], Kind=["z"])
    with pytest.raises(
        CatalogueError,
        match=r"unknown catalogue columns \['Kind', 'naam'\]; "
        r"expected a subset of \['activity_id', 'name', ",
    ):
        validate_frame(frame)


def test_repeated_columns() -> None:
    frame = pd.DataFrame([["a1", "x", "y"]], columns=["activity_id", "name", "name"])
    with pytest.raises(CatalogueError, match=r"catalogue columns must be unique; \['name'\] "):
        validate_frame(frame)


def test_rows_are_positions_not_index_labels() -> None:
    frame = frame_of(activity_id=["a1", "a2", "a3"], name=["x", "", "z"])
    frame.index = pd.Index([10, 10, 5])
    result = assert_same_as_row_by_row(frame)
    assert result.rows.tolist() == [1, 3]
    assert result.rejected[0]["row"] == 2


@pytest.mark.parametrize("module", [_columns, _validate])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0
    assert result.attempted > 0
