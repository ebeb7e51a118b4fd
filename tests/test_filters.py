"""Each hard filter: one activity that breaks the rule, one that passes, and the reason code."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import TODAY, make_catalogue, north_of_home
from wor_match import recommend
from wor_match.filters import REASON_CODES, REASON_TEXT

NEAR = north_of_home(0.2)


def act(activity_id: str, **fields: Any) -> dict[str, Any]:
    return {"activity_id": activity_id, "name": "Activiteit", **NEAR, **fields}


def excluded_for(records: list[dict[str, Any]], **profile: Any) -> dict[str, tuple[str, ...]]:
    catalogue = make_catalogue(records)
    data = {"client_id": "c", "home": {"lat": 52.0, "lon": 4.0}, **profile}
    recs = recommend(data, catalogue, k=50, today=TODAY)
    listed = {r.activity_id for r in recs}
    assert listed.isdisjoint(recs.excluded)
    assert listed | set(recs.excluded) == {r["activity_id"] for r in records}
    return dict(recs.excluded)


@pytest.mark.parametrize(
    ("bad", "good", "profile", "code"),
    [
        ({"kind": "meals"}, {"kind": "buddy"}, {"open_to": ["buddy"]}, "kind_not_wanted"),
        ({"status": "temporarily_closed"}, {"status": "active"}, {}, "not_active"),
        ({"status": "defunct"}, {}, {}, "not_active"),
        ({"capacity": 0}, {"capacity": None}, {}, "full"),
        ({"min_age": 65}, {"min_age": 64}, {"age": 64}, "age_out_of_range"),
        ({"max_age": 30}, {"max_age": 31}, {"age": 31}, "age_out_of_range"),
        ({"languages": ["ar"]}, {"languages": ["ar", "nl"]}, {}, "no_shared_language"),
        ({"cost_per_month": 5.01}, {"cost_per_month": 5}, {"max_cost_per_month": 5}, "over_budget"),
        ({"cost_per_month": 1}, {"cost_per_month": 0}, {"max_cost_per_month": 0}, "over_budget"),
        ({"wheelchair_accessible": False}, {"wheelchair_accessible": None},
         {"mobility": {"mode": "wheelchair"}}, "not_wheelchair_accessible"),
        ({"schedule": "mon:evening"}, {"schedule": "mon:evening;tue:morning"},
         {"availability": ["tue:morning"]}, "no_schedule_overlap"),
        ({}, {"delivery": "at_home"}, {"mobility": {"mode": "housebound"}}, "housebound_on_site"),
        ({"lat": None, "lon": None}, {"delivery": "online", "lat": None, "lon": None}, {},
         "location_unknown"),
        (north_of_home(1.2), north_of_home(1.1), {"mobility": {"mode": "walking",
                                                               "max_minutes": 20}}, "too_far"),
    ],
)  # fmt: skip
def test_each_rule(
    bad: dict[str, Any], good: dict[str, Any], profile: dict[str, Any], code: str
) -> None:
    # too_far: 1.2 km x 1.3 / 4.5 x 60 = 20.8 min > 20; 1.1 km -> 19.07 min
    excluded = excluded_for([act("bad", **bad), act("good", **good)], **profile)
    assert code in excluded["bad"]
    assert "good" not in excluded


def test_unknowns_pass_the_filters() -> None:
    excluded = excluded_for(
        [act("a", cost_per_month=None, wheelchair_accessible=None, capacity=None)],
        max_cost_per_month=0,
        mobility={"mode": "wheelchair"},
        age=40,
    )
    assert excluded == {}


def test_all_reasons_are_listed() -> None:
    excluded = excluded_for(
        [act("a", status="inactive", capacity=0, languages=["tr"], cost_per_month=99)],
        max_cost_per_month=10,
    )
    assert excluded["a"] == ("not_active", "full", "no_shared_language", "over_budget")


def test_reason_text_for_every_code_in_both_languages() -> None:
    assert set(REASON_TEXT) == set(REASON_CODES)
    for texts in REASON_TEXT.values():
        assert set(texts) == {"nl", "en"}
        assert all(texts.values())


def test_coverage_by_gemeente_and_pc4() -> None:
    # HOME (52.0, 4.0) is a point; give the client a postcode so its area is known
    records = [
        act("hillegom", delivery="at_home", coverage=["Hillegom"]),
        act("pc4", delivery="at_home", coverage="2180;2181"),
        act("other", delivery="at_home", coverage=["Enschede"]),
        act("anywhere", delivery="at_home"),
    ]
    catalogue = make_catalogue(records)
    recs = recommend({"client_id": "c", "home": {"postcode": "2181 AB"}}, catalogue, today=TODAY)
    assert sorted(r.activity_id for r in recs) == ["anywhere", "hillegom", "pc4"]
    assert recs.excluded == {"other": ("outside_coverage",)}


def test_coverage_is_not_distance() -> None:
    # a nearby on-site activity for another gemeente's residents is still excluded
    far_home = {"client_id": "c", "home": {"lat": 0.0, "lon": 0.0}}  # area unknown
    catalogue = make_catalogue(
        [{"activity_id": "a", "name": "x", "delivery": "online", "coverage": ["Hillegom"]}]
    )
    assert recommend(far_home, catalogue).excluded == {"a": ("outside_coverage",)}
