"""One reading of costs, ages and dates for the sheet and HSDS importers (io/_values.py).

Expected values are worked out by hand: a week is 52/12 of a month, so 2.50 a week is
2.50 * 52 / 12 = 10.8333... = 10.83 a month (rounded to cents); 60 a year is 60 / 12 = 5.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wor_match.io import read_hsds, read_sheet
from wor_match.io._values import (
    age_range,
    monthly_cost,
    parse_age,
    parse_age_limit,
    parse_cost,
    parse_date,
    parse_number,
)
from wor_match.io.hsds import services_to_result


# ------------------------------------------------------------------ costs
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gratis", (0.0, None)),
        ("Free", (0.0, None)),
        ("€ 0,00", (0.0, None)),
        ("€ 10 per maand", (10.0, None)),
        ("€10 p/m", (10.0, None)),
        ("€ 2,50 per week", (10.83, None)),  # 2.5 * 52 / 12 = 10.8333
        ("€ 60 per jaar", (5.0, None)),
        ("15 euro per kwartaal", (5.0, None)),
        ("", (None, None)),
    ],
)
def test_parse_cost(text: str, expected: tuple[float | None, str | None]) -> None:
    assert parse_cost(text) == expected


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ("€3 per keer", "is per session, not per month"),
        ("€ 5", "no period"),
        ("€ 5 of € 10 per maand", "several amounts"),
        ("op aanvraag", "no amount found"),
    ],
)
def test_parse_cost_unknown(text: str, warning: str) -> None:
    value, problem = parse_cost(text)
    assert value is None
    assert problem is not None
    assert warning in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("65+", (65, None, None)),
        ("18-99", (18, 99, None)),
        ("18 t/m 27 jaar", (18, 27, None)),
        ("vanaf 55", (55, None, None)),
        ("55 jaar en ouder", (55, None, None)),
        ("tot 25", (None, 24, None)),
        ("t/m 25", (None, 25, None)),
        ("under 18", (None, 17, None)),
        ("alle leeftijden", (None, None, None)),
    ],
)
def test_parse_age(text: str, expected: tuple[int | None, int | None, None]) -> None:
    assert parse_age(text) == expected


def test_parse_age_reversed_range() -> None:
    assert parse_age("99-18")[2] == "age: '99-18' is not a range from low to high within 0-120"
    assert parse_age("150+") == (None, None, "age: '150+' is outside 0-120 (kept in description)")
    assert parse_age("tot 0") == (None, None, "age: 'tot 0' is outside 0-120 (kept in description)")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-12", ("2026-03-12", None)),
        ("12-03-2026", ("2026-03-12", None)),
        ("1/2/26", ("2026-02-01", None)),
        ("12.03.2026", ("2026-03-12", None)),
        ("mrt 2026", ("2026-03-01", "last_verified: only a month given, the 1st is used")),
        (
            "gisteren",
            (None, "last_verified: 'gisteren' is not a date such as 2025-03-12 or 12-03-2025"),
        ),
    ],
)
def test_parse_date(value: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$ 25 per month", (None, "cost: '$ 25 per month' is not in euros: cost unknown")),
        ("£50 per hour", (None, "cost: '£50 per hour' is not in euros: cost unknown")),
        ("€ 0 per keer", (0.0, None)),  # nothing per session is nothing per month
        ("€5/m", (5.0, None)),
        ("$0", (0.0, None)),
        ("No fee", (0.0, None)),
    ],
)
def test_parse_cost_currency_and_free(text: str, expected: tuple[float | None, str | None]) -> None:
    assert parse_cost(text) == expected


def test_parse_cost_names_the_field() -> None:
    assert parse_cost("op aanvraag", field="fees_description") == (
        None,
        "fees_description: no amount found in 'op aanvraag': cost unknown",
    )


@pytest.mark.parametrize(
    ("amount", "period", "expected"),
    [
        (2.5, "per week", 10.83),  # 2.5 * 52 / 12 = 10.833
        (12.345, "per month", 12.345),  # per month is the amount itself, not rounded
        (60, "per jaar", 5.0),  # 60 / 12
        (15, "per quarter", 5.0),  # 15 / 3
        (0, "per session", 0.0),
    ],
)
def test_monthly_cost(amount: float, period: str, expected: float) -> None:
    assert monthly_cost(amount, period) == (expected, None)


def test_monthly_cost_unknown() -> None:
    assert monthly_cost(35, "per 1 hour session", field="cost_options") == (
        None,
        "cost_options: '35 per 1 hour session' is per session, not per month: cost unknown",
    )
    assert monthly_cost(5, "", field="cost_options") == (
        None,
        "cost_options: no period (per week, per maand, ...) in '5': cost unknown",
    )


# ------------------------------------------------------------------ the same cost from both
def hsds_cost(service: dict[str, Any]) -> tuple[float | None, str]:
    result = services_to_result([{"id": "s", "name": "Yoga", **service}], package="p", source="p")
    (record,) = result.records
    return record.get("cost_per_month"), str(result.report["warnings"].iloc[0])


def sheet_cost(tmp_path: Path, text: str) -> float | None:
    path = tmp_path / "kaart.csv"
    path.write_text(f"Naam;Kosten\nYoga;{text}\n", encoding="utf-8")
    (record,) = read_sheet(path).records
    return record.get("cost_per_month")


def test_two_fifty_a_week_is_the_same_from_a_sheet_and_from_hsds(tmp_path: Path) -> None:
    expected = 10.83  # 2.50 * 52 / 12 = 10.8333
    assert sheet_cost(tmp_path, "€ 2,50 per week") == expected
    assert hsds_cost({"fees_description": "€ 2,50 per week"})[0] == expected
    option = {"amount": 2.5, "currency": "EUR", "option": "per week"}
    assert hsds_cost({"cost_options": [option]})[0] == expected


def test_hsds_cost_options_win_over_fees_description() -> None:
    service = {
        "fees_description": "Gratis",
        "cost_options": [
            {"amount": 60, "currency": "EUR", "amount_description": "per jaar"},  # 5 a month
            {"amount": 10, "currency": "EUR", "amount_description": "per maand"},
        ],
    }
    cost, warnings = hsds_cost(service)
    assert cost == 5.0
    assert "cost_options: several monthly amounts, the lowest is used" in warnings


def test_hsds_unreadable_costs_are_said_once() -> None:
    service = {
        "fees_description": "£50 per hour",
        "cost_options": [{"amount": 35, "currency": "GBP", "option": "per session"}],
    }
    cost, warnings = hsds_cost(service)
    assert cost is None
    assert "cost_options: amount in GBP not converted to EUR: cost unknown" in warnings
    assert "fees_description" not in warnings
    cost, warnings = hsds_cost({"fees_description": "€3 per keer"})
    assert cost is None
    assert "fees_description: '€3 per keer' is per session, not per month" in warnings


@given(
    st.sampled_from(["€ ", "", "EUR ", "$"])
    .flatmap(lambda c: st.decimals(0, 200, places=2).map(lambda d: f"{c}{d}".replace(".", ",")))
    .flatmap(
        lambda amount: st.sampled_from(
            ["per week", "per maand", "p/m", "per jaar", "per kwartaal", "per keer", ""]
        ).map(lambda period: f"{amount} {period}".strip())
    )
    | st.sampled_from(["gratis", "Free", "vrijwillige bijdrage", "op aanvraag", "geen kosten"])
)
def test_hsds_fees_read_like_a_sheet_cost(text: str) -> None:
    # the sheet's answer is parse_cost itself (the sheet tests check that the sheet uses it)
    assert hsds_cost({"fees_description": text})[0] == parse_cost(text)[0]


# ------------------------------------------------------------------ ages
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (18, 18),
        ("18", 18),
        ("18.0", 18),
        ("18,0", 18),
        (0, 0),
        (120, 120),
        ("", None),
        (None, None),
    ],
)
def test_parse_age_limit(value: object, expected: int | None) -> None:
    assert parse_age_limit(value, field="min_age") == (expected, None)


@pytest.mark.parametrize("value", [17.5, "150", -1, "achttien", True])
def test_parse_age_limit_rejects(value: object) -> None:
    shown = str(value)
    assert parse_age_limit(value, field="maximum_age") == (
        None,
        f"maximum_age: must be a whole number from 0 to 120; got {shown!r}, ignored",
    )


def test_age_range() -> None:
    assert age_range(55, 120) == (55, 120, None)
    assert age_range(None, 17) == (None, 17, None)
    assert age_range(70, 60) == (None, None, "min_age exceeds max_age: both ignored")


def test_ages_read_alike_from_a_sheet_and_from_hsds(tmp_path: Path) -> None:
    path = tmp_path / "kaart.csv"
    path.write_text("Naam;min_age;max_age\nKoor;18,0;150\nDans;70;60\n", encoding="utf-8")
    sheet = read_sheet(path)
    koor, dans = sheet.records
    assert (koor["min_age"], "max_age" in koor, "min_age" in dans) == (18, False, False)
    assert (
        "max_age: must be a whole number from 0 to 120; got '150', ignored"
        in (sheet.report["warnings"].iloc[0])
    )
    assert "min_age exceeds max_age: both ignored" in sheet.report["warnings"].iloc[1]
    services = [
        {"id": "k", "name": "Koor", "minimum_age": "18,0", "maximum_age": 150},
        {"id": "d", "name": "Dans", "minimum_age": 70, "maximum_age": 60},
    ]
    hsds = services_to_result(services, package="p", source="p")
    koor, dans = hsds.records
    assert (koor["min_age"], "max_age" in koor, "min_age" in dans) == (18, False, False)
    assert (
        "maximum_age: must be a whole number from 0 to 120; got '150', ignored"
        in (hsds.report["warnings"].iloc[0])
    )


# ------------------------------------------------------------------ dates
def test_hsds_dates_are_iso_only(tmp_path: Path) -> None:
    services = [
        {
            "id": "a",
            "name": "A",
            "assured_date": "03/12/2025",
            "last_modified": "2025-02-03T10:00Z",
        },
        {"id": "b", "name": "B", "assured_date": "12-03-2025"},
    ]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services), encoding="utf-8")
    result = read_hsds(path)
    first, second = result.records
    assert first["last_verified"] == "2025-02-03"  # last_modified, after the unreadable one
    assert "last_verified" not in second
    assert (
        "assured_date: must be an ISO date (YYYY-MM-DD); got '12-03-2025', ignored"
        in (result.report["warnings"].iloc[1])
    )


def test_parse_date_field_and_iso_only() -> None:
    assert parse_date("12-03-2026", field="assured_date", iso_only=True) == (
        None,
        "assured_date: must be an ISO date (YYYY-MM-DD); got '12-03-2026', ignored",
    )
    assert parse_date("31-02-2026") == (
        None,
        "last_verified: '31-02-2026' is not a valid date (day-month-year)",
    )


# ------------------------------------------------------------------ numbers
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2,50", 2.5),
        (" 7 ", 7.0),
        (7, 7.0),
        ("1e3", 1000.0),
        ("nan", None),
        (float("inf"), None),
        (True, None),
        (None, None),
        ("", None),
        ("zeven", None),
        ([], None),
    ],
)
def test_parse_number(value: object, expected: float | None) -> None:
    assert parse_number(value) == expected
