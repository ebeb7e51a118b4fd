"""Near-duplicates across sources: hand-made records with known answers, and the merge policy."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from wor_match.io.duplicates import find_duplicates, merge_duplicates

SHEET = {
    "activity_id": "sheet-1",
    "name": "Wandelgroep De Stap",
    "provider": "Welzijn Hillegom",
    "lat": 52.2900,
    "lon": 4.5800,
    "schedule": [{"day": "tue", "part": "morning"}],
    "categories": ["Bewegen"],
    "source": "sheet:kaart:row 1",
}
HSDS = {
    "activity_id": "hsds-9",
    "name": "wandelgroep de stap",
    "provider": "Welzijn Hillegom",
    "lat": 52.2930,
    "lon": 4.5800,
    "schedule": [{"day": "tue", "part": "morning"}, {"day": "thu", "part": "morning"}],
    "categories": ["Wandelen"],
    "contact": "0252 123456",
    "last_verified": "2026-09-01",
    "source": "hsds:feed:service/9",
}
FAR = {**SHEET, "activity_id": "far", "lat": 52.40, "source": "far"}  # 12 km north
OTHER_TIME = {**SHEET, "activity_id": "evening", "schedule": [{"day": "wed", "part": "evening"}]}
OTHER_PROVIDER = {**SHEET, "activity_id": "prov", "provider": "Sportbedrijf Lisse"}
FLEXIBLE = {**SHEET, "activity_id": "flex", "schedule": []}
ONLINE_A = {"activity_id": "on-a", "name": "Online schrijfclub", "delivery": "online"}
ONLINE_B = {"activity_id": "on-b", "name": "Schrijfclub online", "delivery": "online"}
NO_PLACE = {"activity_id": "nowhere", "name": "Wandelgroep De Stap"}


def pairs(records: list[dict[str, Any]], **kwargs: Any) -> list[tuple[str, str]]:
    found = find_duplicates(records, **kwargs)
    return list(zip(found["left_id"], found["right_id"], strict=True))


def test_same_activity_from_two_sources() -> None:
    found = find_duplicates([SHEET, HSDS])
    assert len(found) == 1
    row = found.iloc[0]
    assert (row["left_id"], row["right_id"]) == ("sheet-1", "hsds-9")
    assert row["name_score"] == 100.0  # case and accents ignored
    assert row["provider_score"] == 100.0
    # 0.003 degrees of latitude = 0.003 * pi/180 * 6371 km = 0.334 km
    assert row["distance_km"] == pytest.approx(0.334, abs=0.001)
    assert row["shared_slots"] == 1


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (FAR, []),  # 12 km away: another group
        (OTHER_TIME, []),  # no shared slot
        (OTHER_PROVIDER, []),  # different provider
        (FLEXIBLE, [("sheet-1", "flex")]),  # a flexible schedule overlaps everything
        (NO_PLACE, []),  # no coordinates and no postcode: nothing to compare by
    ],
)
def test_rules(other: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    assert pairs([SHEET, other]) == expected


def test_online_needs_no_place_and_word_order_does_not_count() -> None:
    assert pairs([ONLINE_A, ONLINE_B, SHEET]) == [("on-a", "on-b")]


def test_postcode_blocks_without_coordinates() -> None:
    a = {"activity_id": "a", "name": "Koffieochtend", "postcode": "2182 AB"}
    b = {"activity_id": "b", "name": "Koffie-ochtend", "postcode": "2182"}
    us = {"activity_id": "c", "name": "Koffieochtend", "postcode": "21820"}  # not Dutch
    found = find_duplicates([a, b, us])
    assert list(zip(found["left_id"], found["right_id"], strict=True)) == [("a", "b")]
    assert math.isnan(found["distance_km"].iloc[0])


def test_thresholds_are_checked() -> None:
    with pytest.raises(ValueError, match=r"The 'name_threshold' parameter of find_duplicates"):
        find_duplicates([SHEET], name_threshold=101)
    with pytest.raises(ValueError, match=r"The 'max_km' parameter of find_duplicates must be >= 0"):
        find_duplicates([SHEET], max_km=-1)


def test_merge_policy_keeps_provenance() -> None:
    records = [SHEET, ONLINE_A, HSDS]
    merged, log = merge_duplicates(records, find_duplicates(records))
    assert [r["activity_id"] for r in merged] == ["on-a", "hsds-9"]  # input order of the kept
    kept = merged[1]
    # HSDS is kept: verified most recently; its own values win, lists are united
    assert kept["schedule"] == HSDS["schedule"]
    assert kept["categories"] == ["Wandelen", "Bewegen"]
    assert kept["contact"] == "0252 123456"
    assert kept["source"] == "hsds:feed:service/9 | sheet:kaart:row 1"
    assert log.to_dict("records") == [
        {
            "kept_id": "hsds-9",
            "merged_ids": ["sheet-1"],
            "sources": ["hsds:feed:service/9", "sheet:kaart:row 1"],
        }
    ]


def test_merge_fills_empty_fields_from_the_others() -> None:
    rich = {**SHEET, "activity_id": "rich", "description": "Elke dinsdag", "url": "https://x.nl"}
    poor = {**SHEET, "activity_id": "poor", "source": "", "description": ""}
    merged, _ = merge_duplicates([poor, rich], find_duplicates([poor, rich]))
    # same last_verified (none): the more complete record is kept
    assert [r["activity_id"] for r in merged] == ["rich"]
    assert merged[0]["source"] == "sheet:kaart:row 1 | poor"


def test_merge_unknown_id() -> None:
    bad = pd.DataFrame({"left_id": ["sheet-1"], "right_id": ["ghost"]})
    with pytest.raises(KeyError, match="pair names activity_id 'ghost', which is not a record"):
        merge_duplicates([SHEET], bad)
