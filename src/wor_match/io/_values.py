"""Costs, ages and dates as catalogues write them: one reading for every importer.

The sheet importer and the HSDS importer both use these parsers, so "€ 2,50 per week" is
10.83 a month wherever it is written (a spreadsheet cost column, an HSDS
``fees_description``, or an HSDS ``cost_option`` with amount 2.50 and option "per
week"). Each parser returns its value and a warning (or None); a warning names the field
and the rule and says what was left unknown. Values quoted in warnings are catalogue
text, never client data.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Final

__all__ = [
    "age_range",
    "monthly_cost",
    "parse_age",
    "parse_age_limit",
    "parse_cost",
    "parse_date",
    "parse_number",
]

#: The largest age an activity model accepts.
MAX_AGE: Final = 120


def parse_number(value: Any) -> float | None:
    """A finite number from a cell: ``7``, ``7.0``, ``"7"``, ``"7,5"`` (Dutch decimal comma).

    None, empty text, booleans, NaN and infinity give None.

    Examples
    --------
    >>> parse_number("2,50"), parse_number(" 18 "), parse_number("nan"), parse_number(True)
    (2.5, 18.0, None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value.replace(",", ".") if isinstance(value, str) else value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# ------------------------------------------------------------------ costs
_AMOUNT = re.compile(r"(?:€|eur|euro)?\s*(\d+(?:[.,]\d{1,2})?)\s*(?:€|eur|euro)?", re.IGNORECASE)
_PER_SESSION: Final = "per session"
#: Period phrases and their factor to a month; None: a price per session, no monthly cost.
_PERIODS: list[tuple[re.Pattern[str], float | None]] = [
    (re.compile(r"per\s*maand|p/?m\b|p\.m\b|/\s*maand|/\s*m\b|per month|a month|monthly|"
                r"maandelijks|/\s*month", re.IGNORECASE), 1.0),
    (re.compile(r"per\s*week|p/?w\b|/\s*week|weekly|a week|wekelijks", re.IGNORECASE),
     52 / 12),
    (re.compile(r"per\s*jaar|p/?j\b|/\s*jaar|per year|a year|yearly|annual|jaarlijks",
                re.IGNORECASE), 1 / 12),
    (re.compile(r"per\s*kwartaal|per quarter|quarterly", re.IGNORECASE), 1 / 3),
    (re.compile(r"per\s*(keer|les|bijeenkomst|sessie|avond|ochtend|middag|dag|uur)|"
                r"per session|per class|per visit|per hour|each time|p/?k\b|\bsessions?\b",
                re.IGNORECASE), None),
]  # fmt: skip
_FREE_WORDS = re.compile(
    r"^\s*(gratis|free|geen kosten|kosteloos|nvt|n\.v\.t\.|geen|none|no fees?|no cost|"
    r"[€$]?\s*0([.,]0{1,2})?\s*(euro)?)\s*\.?$",
    re.IGNORECASE,
)
_VOLUNTARY = re.compile(r"vrijwillige bijdrage|donatie|voluntary|donation", re.IGNORECASE)
_OTHER_CURRENCY = re.compile(r"[$£¥]|\b(usd|gbp|dollars?|pounds?)\b", re.IGNORECASE)


def _period(text: str) -> float | str | None:
    """The factor from the period in the text to a month, ``"per session"``, or None."""
    for pattern, factor in _PERIODS:
        if pattern.search(text):
            return _PER_SESSION if factor is None else factor
    return None


def monthly_cost(
    amount: float, period: str, *, field: str = "cost", shown: str | None = None
) -> tuple[float | None, str | None]:
    """A monthly cost in EUR from an amount and the text that gives its period.

    Per week is x 52/12, per year / 12, per quarter / 3 (rounded to cents); per month is
    the amount itself. A price per session cannot be turned into a monthly cost without
    knowing how often one goes: unknown, with a warning; so is an amount without a
    period, unless it is 0 (free whatever the period). ``shown`` is the text quoted in the
    warning (default: the period text).

    Examples
    --------
    >>> monthly_cost(2.5, "per week")
    (10.83, None)
    >>> monthly_cost(35, "per 1 hour session", field="cost_options")
    (None, "cost_options: '35 per 1 hour session' is per session, not per month: cost unknown")
    """
    if amount == 0:
        return 0.0, None
    quoted = (shown if shown is not None else f"{amount:g} {period}".strip())[:40]
    factor = _period(period)
    if factor == _PER_SESSION:
        return None, f"{field}: {quoted!r} is per session, not per month: cost unknown"
    if not isinstance(factor, float):
        return None, f"{field}: no period (per week, per maand, ...) in {quoted!r}: cost unknown"
    return (amount if factor == 1.0 else round(amount * factor, 2)), None


def parse_cost(text: str, *, field: str = "cost") -> tuple[float | None, str | None]:
    """Monthly cost in EUR from free text, and a warning when it had to be left unknown.

    The period rules are those of :func:`monthly_cost`. "Vrijwillige bijdrage" (voluntary
    contribution) counts as free, with a warning. An amount in another currency ($, £)
    is not converted: unknown, with a warning.

    Examples
    --------
    >>> parse_cost("€ 2,50 per week")
    (10.83, None)
    >>> parse_cost("gratis"), parse_cost("€3 per keer")[0]
    ((0.0, None), None)
    """
    value = text.strip()
    if not value:
        return None, None
    if _FREE_WORDS.match(value):
        return 0.0, None
    if _VOLUNTARY.search(value) and not re.search(r"\d", value):
        return 0.0, f"{field}: voluntary contribution read as free"
    amounts = [float(m[1].replace(",", ".")) for m in _AMOUNT.finditer(value) if m[1]]
    if not amounts:
        return None, f"{field}: no amount found in {value[:40]!r}: cost unknown"
    if _OTHER_CURRENCY.search(value):
        return None, f"{field}: {value[:40]!r} is not in euros: cost unknown"
    if len(set(amounts)) > 1:
        return None, f"{field}: several amounts in {value[:40]!r}: cost unknown"
    return monthly_cost(amounts[0], value, field=field, shown=value)


# ------------------------------------------------------------------ ages
_AGE_RANGE = re.compile(r"^\D*(\d{1,3})\s*(?:-|–|t/m|tot en met|to|tot)\s*(\d{1,3})\D*$")
_AGE_MIN = re.compile(
    r"^\D*?(\d{1,3})\s*(?:\+|jaar en ouder|en ouder|and over|and older|plus)"
    r"|(?:vanaf|from|over|ouder dan|boven)\s*(\d{1,3})",
    re.IGNORECASE,
)
_AGE_MAX = re.compile(
    r"(?:tot|jonger dan|under|onder|younger than|t/m|up to)\s*(\d{1,3})", re.IGNORECASE
)
_ALL_AGES = re.compile(r"alle leeftijden|iedereen|all ages|everyone|geen", re.IGNORECASE)


def parse_age_limit(value: Any, *, field: str) -> tuple[int | None, str | None]:
    """A minimum or maximum age given as a number: a whole number from 0 to 120.

    Spreadsheets write whole numbers as ``18``, ``18.0`` or ``18,0``; HSDS as JSON numbers
    or CSV text. Empty gives (None, None).

    Examples
    --------
    >>> parse_age_limit("18,0", field="min_age"), parse_age_limit(None, field="min_age")
    ((18, None), (None, None))
    >>> parse_age_limit(17.5, field="maximum_age")
    (None, "maximum_age: must be a whole number from 0 to 120; got '17.5', ignored")
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    number = parse_number(value)
    if number is None or not number.is_integer() or not 0 <= number <= MAX_AGE:
        shown = str(value).strip()[:10]
        return None, f"{field}: must be a whole number from 0 to {MAX_AGE}; got {shown!r}, ignored"
    return int(number), None


def age_range(
    low: int | None, high: int | None, *, names: tuple[str, str] = ("min_age", "max_age")
) -> tuple[int | None, int | None, str | None]:
    """The ages as a range, or neither (with a warning) when the minimum exceeds the maximum.

    Examples
    --------
    >>> age_range(70, 60, names=("minimum_age", "maximum_age"))
    (None, None, 'minimum_age exceeds maximum_age: both ignored')
    """
    if low is not None and high is not None and low > high:
        return None, None, f"{names[0]} exceeds {names[1]}: both ignored"
    return low, high, None


def parse_age(text: str) -> tuple[int | None, int | None, str | None]:
    """(min_age, max_age, warning) from "65+", "18-99", "vanaf 55", "tot 25", "t/m 25".

    "tot 25", "jonger dan 25" and "under 25" exclude 25 (max 24); "t/m 25" and "up to 25"
    include it.

    Examples
    --------
    >>> parse_age("65+"), parse_age("18 - 99 jaar"), parse_age("tot 25")
    ((65, None, None), (18, 99, None), (None, 24, None))
    """
    value = text.strip()
    if not value or _ALL_AGES.search(value):
        return None, None, None
    low, high, problem = _read_age(value)
    if any(age is not None and not 0 <= age <= MAX_AGE for age in (low, high)):
        return None, None, f"age: {value[:30]!r} is outside 0-120 (kept in description)"
    return low, high, problem


def _read_age(value: str) -> tuple[int | None, int | None, str | None]:
    match = _AGE_RANGE.match(value)
    if match:
        low, high = int(match[1]), int(match[2])
        if low <= high:
            return low, high, None
        return None, None, f"age: {value[:30]!r} is not a range from low to high within 0-120"
    match = _AGE_MIN.search(value)
    if match:
        return int(match[1] or match[2]), None, None
    match = _AGE_MAX.search(value)
    if match:
        inclusive = re.search(r"t/m|up to", value, re.IGNORECASE) is not None
        return None, int(match[1]) - (0 if inclusive else 1), None
    return None, None, f"age: {value[:30]!r} not understood (kept in description)"


# ------------------------------------------------------------------ dates
_MONTHS = {"jan": 1, "feb": 2, "mrt": 3, "maa": 3, "mar": 3, "apr": 4, "mei": 5, "may": 5,
           "jun": 6, "jul": 7, "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11,
           "dec": 12}  # fmt: skip


def parse_date(
    value: Any, *, field: str = "last_verified", iso_only: bool = False
) -> tuple[str | None, str | None]:
    """ISO date and a warning, from ISO dates (a time after the date is ignored), Dutch
    day-first dates (12-03-2025, 12/3/2025, 12.03.2025), month names ("maart 2025" = the
    1st, with a warning) or Excel dates.

    ``iso_only=True`` reads ISO dates only: HSDS dates are ISO 8601 by the specification,
    and a day-first reading of a month-first (US) export would swap day and month.

    Examples
    --------
    >>> parse_date("12-03-2026"), parse_date("2025-02-03T10:00:00Z", iso_only=True)
    (('2026-03-12', None), ('2025-02-03', None))
    >>> parse_date("03/12/2025", field="assured_date", iso_only=True)
    (None, "assured_date: must be an ISO date (YYYY-MM-DD); got '03/12/2025', ignored")
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    text = str(value).strip()
    if not text:
        return None, None
    try:
        return dt.date.fromisoformat(text[:10]).isoformat(), None
    except ValueError:
        if iso_only:
            return None, f"{field}: must be an ISO date (YYYY-MM-DD); got {text[:20]!r}, ignored"
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})", text)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        try:
            return dt.date(year, month, day).isoformat(), None
        except ValueError:
            return None, f"{field}: {text!r} is not a valid date (day-month-year)"
    match = re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", text.lower())
    if match and match[1][:3] in _MONTHS:
        date = dt.date(int(match[2]), _MONTHS[match[1][:3]], 1)
        return date.isoformat(), f"{field}: only a month given, the 1st is used"
    return None, f"{field}: {text[:30]!r} is not a date such as 2025-03-12 or 12-03-2025"
