"""Seeded generators of bad input: profiles, catalogue records and CSV files.

Each generator takes a ``random.Random`` and returns one case. Bad values come from
:data:`BAD_VALUES` (wrong types, NaN, infinity, huge numbers, unicode and control
characters, long strings, deep nesting); every case also carries a :data:`MARKER`-tagged
string, standing for personal data, that must never appear in an error message.
"""

from __future__ import annotations

import math
import random
from typing import Any

#: stands for a personal value: it must never be echoed by an error
MARKER = "PRIVÉ-7f3a"


def deep(depth: int, leaf: Any = MARKER) -> Any:
    value: Any = leaf
    for _ in range(depth):
        value = [value]
    return value


BAD_VALUES: list[Any] = [
    None, True, False, 0, -1, 10**500, -(10**500), 1e308, -1e308, math.nan, math.inf,
    -math.inf, 1.5, "", " ", "\x00", "\x1b[31m", "\u202e", "é漢字🙂", "9" * 500, "nan", "inf",
    "-0", "1e999", "52,29", "x" * 5000, [], {}, [None], [[]], {"a": 1}, deep(30), deep(2000),
    [1, "two", None], {"nested": {"deeper": [MARKER]}}, b"bytes", MARKER, f"{MARKER};{MARKER}",
    f"={MARKER}", "ja", "mon:morning", "tue:nacht", "2181", "2181 AB", "0000",
]  # fmt: skip

PROFILE_FIELDS = ["client_id", "home", "age", "interests", "energy_sources", "energy_drains",
                  "mobility", "loneliness", "positive_health", "availability",
                  "max_cost_per_month", "languages", "social_preference", "open_to",
                  "open_to_delivery"]  # fmt: skip
NESTED = {
    "home": ["lat", "lon", "postcode", "precision", "pc4", "gemeente"],
    "mobility": ["mode", "max_minutes", "wheelchair"],
    "positive_health": ["lichaamsfuncties", "zingeving", "meedoen"],
    "loneliness": ["djg_answers", "scale", "emotional", "social", "total"],
}


ANSWERS = ["ja", "nee", "min_of_meer"]


def bad_value(rng: random.Random) -> Any:
    return rng.choice(BAD_VALUES)


def valid_profile(rng: random.Random, number: int) -> dict[str, Any]:
    home: dict[str, Any] = (
        {"postcode": rng.choice(["2181", "6231 AB", "3431", "7511"])}
        if rng.random() < 0.5
        else {"lat": 52.0 + rng.random(), "lon": 4.5 + rng.random() * 2}
    )
    return {
        "client_id": f"fuzz-{number}",
        "home": home,
        "age": rng.randint(18, 99),
        "interests": rng.sample(["tuinieren", "wandelen", MARKER, "koken", "zingen"], 2),
        "energy_drains": [MARKER],
        "mobility": {"mode": rng.choice(["walking", "bicycle", "car"]), "max_minutes": 20},
        "loneliness": {"djg_answers": {str(i): rng.choice(ANSWERS) for i in range(1, 12)}},
        "positive_health": {"zingeving": rng.randint(0, 10)},
        "max_cost_per_month": rng.choice([0, 5, 20]),
    }


def bad_profile(rng: random.Random, number: int) -> Any:
    """A profile with one to three things wrong (or, rarely, not a dict at all)."""
    if rng.random() < 0.03:
        return bad_value(rng)
    profile = valid_profile(rng, number)
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.45:
            profile[rng.choice(PROFILE_FIELDS)] = bad_value(rng)
        elif roll < 0.8:
            field = rng.choice(list(NESTED))
            inner = profile.get(field)
            inner = dict(inner) if isinstance(inner, dict) else {}
            inner[rng.choice(NESTED[field])] = bad_value(rng)
            profile[field] = inner
        elif roll < 0.9:
            answers = {str(i): "ja" for i in range(1, 12)}
            answers[rng.choice([str(rng.randint(-3, 15)), "inf", "1.5", "", MARKER])] = bad_value(
                rng
            )
            profile["loneliness"] = {"djg_answers": answers}
        elif roll < 0.95:
            profile[rng.choice(["unknown_field", "Interests", "home_address"])] = MARKER
        else:
            profile.pop(rng.choice(["client_id", "home"]), None)
    return profile


ACTIVITY_FIELDS = ["activity_id", "name", "description", "kind", "delivery", "categories",
                   "tags", "lat", "lon", "postcode", "schedule", "cost_per_month",
                   "wheelchair_accessible", "social_setting", "min_age", "max_age", "languages",
                   "capacity", "status", "provider", "contact", "url", "referral",
                   "last_verified", "coverage", "source"]  # fmt: skip


def valid_record(rng: random.Random, number: int) -> dict[str, Any]:
    record: dict[str, Any] = {
        "activity_id": f"act-{number}",
        "name": rng.choice(["Moestuin", "Koor", "Wandelgroep"]) + f" {MARKER}",
        "description": MARKER,
        "kind": rng.choice(["activity", "volunteering", "buddy", "meals"]),
        "schedule": rng.choice(["mon:morning", "tue:evening;sat:afternoon", ""]),
        "cost_per_month": rng.choice([0, 5, None]),
        "languages": rng.choice(["nl", "nl;en", ["ar", "tr"]]),
    }
    if rng.random() < 0.7:
        record["lat"], record["lon"] = 52.0 + rng.random(), 4.5 + rng.random() * 2
    else:
        record["postcode"] = rng.choice(["2181", "7511 AB", "1000"])
    return record


def bad_record(rng: random.Random, number: int) -> Any:
    """A catalogue record with one to three things wrong (or not a record at all)."""
    import pandas as pd

    if rng.random() < 0.03:
        return rng.choice([MARKER, 5, None, [MARKER], ("a", "b")])
    record = valid_record(rng, number)
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.7:
            field = rng.choice([f for f in ACTIVITY_FIELDS if f != "activity_id"])
            record[field] = bad_value(rng)
        elif roll < 0.8:
            record[rng.choice(ACTIVITY_FIELDS)] = rng.choice([pd.NA, pd.NaT, math.nan])
        elif roll < 0.9:
            record["activity_id"] = rng.choice([f"act-{max(number - 1, 0)}", "", None, pd.NA, 7])
        else:
            record["unknown_column"] = MARKER
    return record


CSV_COLUMNS = ["activity_id", "name", "description", "postcode", "lat", "lon", "cost_per_month",
               "schedule", "languages", "delivery"]  # fmt: skip
CELL_NOISE = ["", " ", "nan", "-", "=1+1", "+31 6 1234", "@x", "é漢字🙂", "\x1b", "\t", "x" * 3000,
              "1e308", "-999", "52,2", "mon:nacht", "online", "at_home", MARKER]  # fmt: skip


def bad_csv(rng: random.Random, number: int) -> tuple[bytes, int]:
    """CSV bytes and the number of data lines written (each record on one line; folds and
    broken rows included; -1 for random bytes). The header is the first line."""
    columns = rng.sample(CSV_COLUMNS[2:], rng.randint(0, 6))
    header = ["activity_id", "name", *columns]
    lines = [",".join(header)]
    for row in range(rng.randint(0, 25)):
        cells = [f"f{number}-{row}", f"Activiteit {row}"]
        for column in columns:
            if column == "delivery":
                cells.append(rng.choice(["online", "at_home", "on_site", "ufo"]))
            elif column in ("lat", "lon"):
                cells.append(str(rng.choice([52.1, 4.6, 1e308, "abc", ""])))
            else:
                cells.append(rng.choice(CELL_NOISE))
        roll = rng.random()
        if roll < 0.08:
            cells.append("extra")  # one field too many
        elif roll < 0.14:
            position = rng.randrange(1, len(cells))
            cells[position] = '"' + cells[position]  # a stray quote
        elif roll < 0.18:
            cells = cells[: rng.randint(1, len(cells))]  # trailing cells missing
        elif roll < 0.2:
            cells[1] = "Na\x00me"  # a NUL byte
        quoted = []
        for cell in cells:
            # cells with a delimiter or a quote are quoted properly, unless broken on purpose
            if ("," in cell or '"' in cell[1:]) and not cell.startswith('"'):
                cell = '"' + cell.replace('"', '""') + '"'
            quoted.append(cell)
        line = ",".join(quoted)
        lines.append(line if line.strip() else "x")
    text = "\n".join(lines) + rng.choice(["\n", ""])
    if rng.random() < 0.3:
        text = text.replace("\n", "\r\n")
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
    data = text.encode(encoding, errors="replace")
    if rng.random() < 0.03:  # noise: the line count is unknown (-1)
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 200))), -1
    return data, len(lines) - 1
