"""Clock times, day parts and free-text schedules, against hand-computed answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wor_match.io import day_parts, parse_when_text
from wor_match.io._times import byday_to_days, parse_clock, weekday_to_day


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("10:00", 600),
        ("10:00:00", 600),
        ("9:30am", 570),
        ("9am", 540),
        ("12:00pm", 720),
        ("12:30am", 30),
        ("7:15 PM", 1155),
        ("19.30", 1170),
        ("10u", 600),
        ("10 uur", 600),
        ("09:00Z", 540),
        ("09:00-05:00", 540),
        ("24:00", 1440),
    ],
)
def test_parse_clock(text: str, minutes: int) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("noon", r"a clock time looks like 09:30, 9:30am or 19.30; got 'noon'"),
        ("25:00", r"a clock time has hours 0-23 and minutes 0-59; got '25:00'"),
        ("13pm", r"a 12-hour clock time has an hour from 1 to 12; got '13pm'"),
    ],
)
def test_parse_clock_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_clock(text)


@pytest.mark.parametrize(
    ("opens", "closes", "parts"),
    [
        ("10:00", "14:00", ("morning", "afternoon")),  # the example of the brief
        ("09:00", "12:00", ("morning",)),  # closes as the afternoon begins
        ("11:59", "12:01", ("morning", "afternoon")),
        ("12:00", "18:00", ("afternoon",)),
        ("17:59", "18:00", ("afternoon",)),
        ("18:00", "21:00", ("evening",)),
        ("08:00", "20:00", ("morning", "afternoon", "evening")),
        ("22:00", "02:00", ("evening",)),  # past midnight: to the end of the day
        ("00:00", "00:00", ("morning", "afternoon", "evening")),
        ("11:00", None, ("morning",)),
        ("12:00", "", ("afternoon",)),
        ("18:00", None, ("evening",)),
        ("1:50pm", "6:00pm", ("afternoon",)),
    ],
)
def test_day_parts(opens: str, closes: str | None, parts: tuple[str, ...]) -> None:
    assert day_parts(opens, closes) == parts


def test_day_parts_error_names_the_rule() -> None:
    with pytest.raises(ValueError, match="a clock time looks like"):
        day_parts("12:00pm (dispensing)")


@given(st.integers(0, 23), st.integers(0, 59), st.integers(1, 24 * 60))
def test_day_parts_is_never_empty_and_ordered(hour: int, minute: int, length: int) -> None:
    start = hour * 60 + minute
    end = min(start + length, 24 * 60)
    closes = "24:00" if end == 24 * 60 else f"{end // 60:02d}:{end % 60:02d}"
    parts = day_parts(f"{hour:02d}:{minute:02d}", closes)
    order = ("morning", "afternoon", "evening")
    assert parts
    assert list(parts) == sorted(parts, key=order.index)
    # contiguous: no part skipped between the first and the last
    assert len(parts) == order.index(parts[-1]) - order.index(parts[0]) + 1


def test_byday() -> None:
    assert byday_to_days("TH,FR") == (["thu", "fri"], False)
    assert byday_to_days("mo, mo,1SA") == (["mon", "sat"], True)
    assert byday_to_days("") == ([], False)
    with pytest.raises(ValueError, match=r"byday items are iCal days such as MO or 1SA; got 'XX'"):
        byday_to_days("MO,XX")


@pytest.mark.parametrize(
    ("value", "day"),
    [("1", "mon"), ("7", "sun"), ("Monday", "mon"), ("Thurs", "thu"), ("SA", "sat")],
)
def test_weekday(value: str, day: str) -> None:
    assert weekday_to_day(value) == day


def test_weekday_error() -> None:
    with pytest.raises(ValueError, match=r"weekday must be a day name or a number 1-7"):
        weekday_to_day("8")


MON_FRI_MORNING = [(d, "morning") for d in ("mon", "tue", "wed", "thu", "fri")]


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("di 10:00-12:00", [("tue", "morning")]),
        ("elke woensdagmiddag", [("wed", "afternoon")]),
        ("ma t/m vr ochtend", MON_FRI_MORNING),
        ("maandag en donderdag 19.30 - 21.30", [("mon", "evening"), ("thu", "evening")]),
        ("za 10-12 uur", [("sat", "morning")]),
        ("dinsdagavond", [("tue", "evening")]),
        ("vr - zo 10.00", [("fri", "morning"), ("sat", "morning"), ("sun", "morning")]),
        ("ma 10-12 en 14-16", [("mon", "morning"), ("mon", "afternoon")]),
        (
            "ma, wo en vr 9:00-11:00; di 19:00-21:00",
            [("mon", "morning"), ("tue", "evening"), ("wed", "morning"), ("fri", "morning")],
        ),
        ("Tuesday 2pm-4pm", [("tue", "afternoon")]),
        ("Wednesday 9-12:30pm", [("wed", "morning"), ("wed", "afternoon")]),
        ("werkdagen 's ochtends", MON_FRI_MORNING),
        ("weekend middag", [("sat", "afternoon"), ("sun", "afternoon")]),
        ("10am-12pm Monday, 2-4pm Wednesday", [("mon", "morning"), ("wed", "afternoon")]),
        ("10:00-12:00 op maandag en woensdag", [("mon", "morning"), ("wed", "morning")]),
        (
            "ma-vr 9-17",
            [(d, p) for d in ("mon", "tue", "wed", "thu", "fri") for p in ("morning", "afternoon")],
        ),
    ],
)
def test_when_text_complete(text: str, slots: list[tuple[str, str]]) -> None:
    result = parse_when_text(text)
    assert result.slots == slots
    assert result.complete
    assert result.warnings == []


def test_when_text_every_day() -> None:
    result = parse_when_text("elke dag 8:00-9:00")
    assert [d for d, _ in result.slots] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert {p for _, p in result.slots} == {"morning"}


def test_when_text_day_without_time_is_incomplete() -> None:
    result = parse_when_text("elke woensdag")
    assert result.slots == []
    assert not result.complete
    assert result.warnings == ["day without a time of day (wed): no slot made"]


def test_when_text_time_without_day_is_incomplete() -> None:
    result = parse_when_text("10:00-12:00")
    assert not result.complete
    assert result.warnings == ["time of day without a day: no slot made"]


def test_when_text_monthly_is_flagged() -> None:
    result = parse_when_text("1e zondag van de maand 14:00")
    assert result.slots == [("sun", "afternoon")]
    assert result.warnings == ["not weekly (monthly or fortnightly): mapped to weekly slots"]


def test_when_text_appointment_is_flexible() -> None:
    result = parse_when_text("op afspraak")
    assert result.slots == []
    assert result.flexible
    assert result.complete


def test_when_text_nonsense() -> None:
    result = parse_when_text("zie website")
    assert not result.complete
    assert result.warnings == ["no day or time found"]
