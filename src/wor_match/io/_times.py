"""Clock times, day parts and weekly slots from the many ways catalogues write them.

Day parts follow the activity model: *morning* is before 12:00, *afternoon* 12:00-17:59,
*evening* 18:00 and later. An opening interval covers every part it overlaps, so
10:00-14:00 covers morning and afternoon, and 09:00-12:00 covers the morning only (the
interval is half-open: it closes as the afternoon begins).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from wor_match._vocab import DAYS, PARTS, Day, Part

__all__ = [
    "WhenText",
    "byday_to_days",
    "day_parts",
    "parse_clock",
    "parse_when_text",
    "weekday_to_day",
]

#: Start and end (minutes after midnight, end exclusive) of each day part.
PART_BOUNDS: dict[Part, tuple[int, int]] = {
    "morning": (0, 12 * 60),
    "afternoon": (12 * 60, 18 * 60),
    "evening": (18 * 60, 24 * 60),
}

_CLOCK = re.compile(
    r"""^\s*(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?(?::(?P<s>\d{2})(?:\.\d+)?)?\s*
    (?P<ampm>[ap]\.?\s?m\.?)?\s*(?:uur|u)?\s*
    (?P<tz>z|[+-]\d{2}(?::?\d{2})?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)


def parse_clock(text: str) -> int:
    """Minutes after midnight of a clock time.

    Accepts ``10:00``, ``10:00:00``, ``9:30am``, ``9am``, ``12:00pm``, ``19.30``, ``10u``,
    ``10 uur`` and ISO forms with a zone suffix (``09:00Z``, ``09:00-05:00``; the zone is
    ignored: opening hours are local).

    Raises
    ------
    ValueError
        If the text is not a clock time or is out of range.

    Examples
    --------
    >>> parse_clock("9:30am"), parse_clock("12:00pm"), parse_clock("19.30"), parse_clock("10u")
    (570, 720, 1170, 600)
    """
    match = _CLOCK.match(text)
    if match is None:
        raise ValueError(f"a clock time looks like 09:30, 9:30am or 19.30; got {text!r}")
    hour, minute = int(match["h"]), int(match["m"] or 0)
    ampm = (match["ampm"] or "").replace(".", "").replace(" ", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError(f"a 12-hour clock time has an hour from 1 to 12; got {text!r}")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour == 24 and minute == 0:
        return 24 * 60
    if hour > 23 or minute > 59:
        raise ValueError(f"a clock time has hours 0-23 and minutes 0-59; got {text!r}")
    return hour * 60 + minute


def day_parts(opens_at: str, closes_at: str | None = None) -> tuple[Part, ...]:
    """The day parts an opening interval covers, in day order.

    The interval ``[opens_at, closes_at)`` covers a part when it overlaps it. Without a
    closing time only the part in which it opens is covered. A closing time at or before
    the opening time means the offer runs past midnight: it covers every part from the
    opening time to the end of the day (``00:00``-``00:00`` is the whole day).

    Raises
    ------
    ValueError
        If either time cannot be read (see :func:`parse_clock`).

    Examples
    --------
    >>> day_parts("10:00", "14:00")
    ('morning', 'afternoon')
    >>> day_parts("09:00", "12:00"), day_parts("18:00")
    (('morning',), ('evening',))
    """
    start = parse_clock(opens_at)
    if closes_at is None or not closes_at.strip():
        end = start + 1
    else:
        end = parse_clock(closes_at)
        if end <= start:
            end = 24 * 60
    start = min(start, 24 * 60 - 1)
    return tuple(
        part for part in PARTS if start < PART_BOUNDS[part][1] and end > PART_BOUNDS[part][0]
    )


_RRULE_DAYS = {
    "MO": "mon",
    "TU": "tue",
    "WE": "wed",
    "TH": "thu",
    "FR": "fri",
    "SA": "sat",
    "SU": "sun",
}
_BYDAY_ITEM = re.compile(r"^\s*([+-]?\d{1,2})?\s*(MO|TU|WE|TH|FR|SA|SU)\s*$", re.IGNORECASE)


def byday_to_days(byday: str) -> tuple[list[Day], bool]:
    """Days of an iCal ``BYDAY`` list (``"MO,WE"``, ``"1SA"``) and whether any had an ordinal.

    An ordinal (``1SA``: the first Saturday of the month) still maps to its weekday; the
    second value tells the caller to warn that the offer is not weekly.

    Raises
    ------
    ValueError
        If an item is not a two-letter iCal day, optionally with an ordinal.
    """
    days: list[Day] = []
    ordinal = False
    for item in byday.split(","):
        if not item.strip():
            continue
        match = _BYDAY_ITEM.match(item)
        if match is None:
            raise ValueError(f"byday items are iCal days such as MO or 1SA; got {item.strip()!r}")
        ordinal = ordinal or match[1] is not None
        day: Day = _RRULE_DAYS[match[2].upper()]  # type: ignore[assignment]
        if day not in days:
            days.append(day)
    return days, ordinal


_WEEKDAY_NAMES: dict[str, Day] = {
    "monday": "mon", "mon": "mon", "mo": "mon", "maandag": "mon", "ma": "mon",
    "tuesday": "tue", "tue": "tue", "tues": "tue", "tu": "tue", "dinsdag": "tue", "di": "tue",
    "wednesday": "wed", "wed": "wed", "we": "wed", "woensdag": "wed", "wo": "wed",
    "thursday": "thu", "thu": "thu", "thur": "thu", "thurs": "thu", "th": "thu",
    "donderdag": "thu", "do": "thu",
    "friday": "fri", "fri": "fri", "fr": "fri", "vrijdag": "fri", "vr": "fri",
    "saturday": "sat", "sat": "sat", "sa": "sat", "zaterdag": "sat", "za": "sat",
    "sunday": "sun", "sun": "sun", "su": "sun", "zondag": "sun", "zo": "sun",
}  # fmt: skip


def weekday_to_day(value: str) -> Day:
    """The day of an HSDS 1.x ``weekday`` cell: a name (``Monday``, ``Mon``, ``MO``) or an
    ISO 8601 number (1 = Monday ... 7 = Sunday; HSDS 1.x does not fix the numbering, and
    ISO is the reading that fits the official sample).

    Raises
    ------
    ValueError
        If the value is neither.
    """
    text = value.strip().lower().rstrip(".")
    if text.isdigit() and 1 <= int(text) <= 7:
        return DAYS[int(text) - 1]
    if text in _WEEKDAY_NAMES:
        return _WEEKDAY_NAMES[text]
    raise ValueError(f"weekday must be a day name or a number 1-7 (1 = Monday); got {value!r}")


# --------------------------------------------------------------------- free text
_PART_WORDS: dict[str, Part] = {
    "ochtend": "morning", "ochtends": "morning", "morgen": "morning", "morgens": "morning",
    "voormiddag": "morning", "morning": "morning", "mornings": "morning",
    "middag": "afternoon", "middags": "afternoon", "namiddag": "afternoon",
    "afternoon": "afternoon", "afternoons": "afternoon",
    "avond": "evening", "avonds": "evening", "evening": "evening", "evenings": "evening",
    "night": "evening", "nights": "evening",
}  # fmt: skip
_FULL_DAYS = {
    "maandag": "mon",
    "dinsdag": "tue",
    "woensdag": "wed",
    "donderdag": "thu",
    "vrijdag": "fri",
    "zaterdag": "sat",
    "zondag": "sun",
}
_DAY_GROUPS: dict[str, tuple[Day, ...]] = {
    "dagelijks": DAYS, "daily": DAYS, "werkdagen": DAYS[:5], "doordeweeks": DAYS[:5],
    "weekdagen": DAYS[:5], "weekdays": DAYS[:5], "weekend": DAYS[5:], "weekends": DAYS[5:],
}  # fmt: skip
_NOT_WEEKLY = {
    "maand",
    "maands",
    "month",
    "monthly",
    "maandelijks",
    "tweewekelijks",
    "biweekly",
    "fortnightly",
    "eerste",
    "laatste",
    "first",
    "last",
    "1e",
    "2e",
    "3e",
    "4e",
}
_FLEXIBLE = {
    "afspraak",
    "appointment",
    "overleg",
    "aanvraag",
    "arrangement",
    "flexibel",
    "flexible",
    "nader",
}
_ALL_DAY_PHRASES = ("elke dag", "iedere dag", "every day", "7 dagen per week", "24/7")

_TOKEN = re.compile(
    r"""(?P<range>(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s*(?:uur|u|h)?\s*(?P<a1>[ap]m)?\s*
        (?:-|–|—|tot|to|until)\s*
        (?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?\s*(?:uur|u|h)?\s*(?P<a2>[ap]m)?)(?![\d])
      |(?P<clock>(?P<h3>\d{1,2})(?:[:.](?P<m3>\d{2})\s*(?P<a3>[ap]m)?|\s*(?P<a4>[ap]m)|\s*(?:uur|u)\b))
      |(?P<through>t/m|tm|tot\s+en\s+met|through|thru|-|–)
      |(?P<word>[a-z0-9']+)
    """,
    re.VERBOSE,
)


@dataclass
class WhenText:
    """What :func:`parse_when_text` made of a free-text day/time description.

    ``slots`` are ``(day, part)`` pairs in weekly order; ``warnings`` say what could not be
    read or was approximated; ``complete`` is True when the whole text became slots (or
    was read as flexible, e.g. "op afspraak") and the original text need not be kept.
    """

    slots: list[tuple[Day, Part]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    complete: bool = True
    flexible: bool = False


def _clock(hour: str, minute: str | None, ampm: str | None) -> str:
    return f"{int(hour)}:{minute or '00'}{ampm or ''}"


def parse_when_text(text: str) -> WhenText:
    """Weekly slots from free Dutch or English text such as ``"di 10:00-12:00"``,
    ``"elke woensdagmiddag"``, ``"ma t/m vr ochtend"`` or ``"maandag en donderdag 19.30-21.30"``.

    Days collect until a time or day part follows; that time applies to all of them. A new
    day after a time starts a new group. Times may also come first ("10am-12pm Monday,
    2-4pm Wednesday"): then a new time after the days starts the next group. Ranges of
    days use ``t/m``, ``-`` or ``through``.
    "werkdagen", "weekend", "dagelijks" and "elke dag" name groups of days. What cannot be
    placed (a day without a time, a time without a day) makes the result incomplete with a
    warning; monthly or fortnightly wording still yields the weekday with a warning.

    Examples
    --------
    >>> parse_when_text("ma t/m vr ochtend").slots[:2]
    [('mon', 'morning'), ('tue', 'morning')]
    >>> parse_when_text("elke woensdagmiddag").slots
    [('wed', 'afternoon')]
    """
    result = WhenText()
    lowered = " ".join(text.lower().split())
    for phrase in _ALL_DAY_PHRASES:
        lowered = lowered.replace(phrase, " dagelijks ")
    groups: list[tuple[list[Day], list[Part]]] = []
    days: list[Day] = []
    parts: list[Part] = []
    range_pending = False
    not_weekly = False

    leading: list[str] = []  # what the current group began with: "day" or "time"

    def close() -> None:
        nonlocal days, parts
        if days or parts:
            groups.append((days, parts))
        days, parts = [], []
        leading.clear()

    def add_day(day: Day) -> None:
        nonlocal range_pending
        # a group is days then times ("di 10-12") or times then days ("10am-12pm Monday");
        # going back to the kind it began with starts the next group
        if parts and leading != ["time"]:
            close()
        if not leading:
            leading.append("day")
        if range_pending and days:
            first, last = DAYS.index(days[-1]), DAYS.index(day)
            span = [DAYS[i % 7] for i in range(first + 1, last + 1 + (7 if last < first else 0))]
            days.extend(d for d in span if d not in days)
        elif day not in days:
            days.append(day)
        range_pending = False

    def add_parts(new: Iterable[Part]) -> None:
        if days and leading == ["time"]:
            close()
        if not leading:
            leading.append("time")
        parts.extend(p for p in new if p not in parts)

    for token in _TOKEN.finditer(lowered):
        if token["range"]:
            closes = _clock(token["h2"], token["m2"], token["a2"])
            opens = _clock(token["h1"], token["m1"], token["a1"] or token["a2"])
            try:
                if not token["a1"] and token["a2"] and parse_clock(opens) > parse_clock(closes):
                    opens = _clock(token["h1"], token["m1"], "am")  # "9-12:30pm"
                add_parts(day_parts(opens, closes))
            except ValueError:
                result.warnings.append(f"time {token['range'].strip()!r} not understood")
                result.complete = False
        elif token["clock"]:
            opens = _clock(token["h3"], token["m3"], token["a3"] or token["a4"])
            try:
                add_parts(day_parts(opens))
            except ValueError:
                result.warnings.append(f"time {token['clock'].strip()!r} not understood")
                result.complete = False
        elif token["through"]:
            range_pending = bool(days) and not parts
        else:
            word = token["word"].strip("'")
            if word in _WEEKDAY_NAMES and len(word) > 1 and word not in {"we", "to"}:
                add_day(_WEEKDAY_NAMES[word])
            elif word in _PART_WORDS:
                add_parts([_PART_WORDS[word]])
            elif word in _DAY_GROUPS:
                for day in _DAY_GROUPS[word]:
                    add_day(day)
            elif word in _NOT_WEEKLY:
                not_weekly = True
            elif word in _FLEXIBLE:
                result.flexible = True
            elif word in {"en", "and", "of", "or"}:
                range_pending = False  # "dinsdag- en donderdagmiddag" lists, not a range
            else:
                compound = next((d for d in _FULL_DAYS if word.startswith(d)), None)
                if compound is not None:
                    add_day(_FULL_DAYS[compound])  # type: ignore[arg-type]
                    rest = word[len(compound) :]
                    if rest in _PART_WORDS:
                        add_parts([_PART_WORDS[rest]])
    close()

    slots: set[tuple[Day, Part]] = set()
    for group_days, group_parts in groups:
        if group_days and group_parts:
            slots.update((d, p) for d in group_days for p in group_parts)
        elif group_days:
            result.complete = False
            result.warnings.append(
                "day without a time of day (" + ", ".join(group_days) + "): no slot made"
            )
        else:
            result.complete = False
            result.warnings.append("time of day without a day: no slot made")
    result.slots = sorted(slots, key=lambda s: (DAYS.index(s[0]), PARTS.index(s[1])))
    if not_weekly and result.slots:
        result.warnings.append("not weekly (monthly or fortnightly): mapped to weekly slots")
    if not groups and not result.flexible:
        result.complete = False
        result.warnings.append("no day or time found")
    if result.flexible and not result.slots:
        result.complete = True
    return result
