"""Hand-computed values for every feature (tiny taxonomy from conftest).

Each test builds a context over all rows of a small catalogue so the feature is computed
exactly as recommend() computes it, then compares with arithmetic written out here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest

from tests.conftest import TODAY, make_catalogue, make_profile, north_of_home
from wor_match.context import MatchContext
from wor_match.features import FEATURE_NAMES, FEATURES, feature_matrix
from wor_match.features.cost import CostEase
from wor_match.features.energy_drains import EnergyDrain
from wor_match.features.first_step import FirstStep, first_step_need
from wor_match.features.freshness import Staleness
from wor_match.features.interest import EnergyMatch, InterestMatch
from wor_match.features.loneliness import LonelinessFit
from wor_match.features.positive_health import PositiveHealthFit, health_need
from wor_match.features.schedule import ScheduleFit
from wor_match.features.social_setting import SettingFit
from wor_match.features.travel import TravelEase


def context(records: list[dict[str, Any]], **profile: Any) -> MatchContext:
    catalogue = make_catalogue(records)
    rows = np.arange(len(catalogue))
    return MatchContext.build(make_profile(**profile), catalogue, rows=rows, today=TODAY)


def act(activity_id: str, **fields: Any) -> dict[str, Any]:
    return {"activity_id": activity_id, "name": fields.pop("name", "Activiteit"), **fields}


def test_feature_names_are_unique_and_documented() -> None:
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    for feature in FEATURES:
        low, high = feature.value_range
        assert low < high
        assert feature.description


def test_travel_ease_walking_one_km_north() -> None:
    # 1 km along the meridian; walking: 1 x 1.3 / 4.5 x 60 = 17.3333 min; limit 20 min:
    # ease = 1 - 17.3333 / 20 = 0.133333
    ctx = context(
        [act("a", **north_of_home(1.0)), act("b", delivery="at_home"), act("c", delivery="online")],
        mobility={"mode": "walking", "max_minutes": 20},
    )
    values = TravelEase().compute(ctx)
    assert values[0] == pytest.approx(1 - (1.3 / 4.5 * 60) / 20, rel=1e-9)
    assert values[1] == 1.0
    assert values[2] == 1.0
    assert ctx.travel_minutes[0] == pytest.approx(17.333333, rel=1e-6)
    assert np.isnan(ctx.distance_km[1])


def test_travel_ease_public_transport_has_overhead() -> None:
    # 5 km by public transport: 12 + 5 x 1.3 / 25 x 60 = 12 + 15.6 = 27.6 min; limit 45:
    # ease = 1 - 27.6 / 45 = 0.386667
    ctx = context([act("a", **north_of_home(5.0))], mobility={"mode": "public_transport"})
    assert TravelEase().compute(ctx)[0] == pytest.approx(1 - 27.6 / 45, rel=1e-9)


def test_schedule_fit_is_share_of_activity_slots() -> None:
    ctx = context(
        [
            act("half", schedule="mon:morning;wed:evening"),
            act("all", schedule="tue:morning"),
            act("flex"),
        ],
        availability=["mon:morning", "tue:morning"],
    )
    assert ScheduleFit().compute(ctx).tolist() == [0.5, 1.0, 1.0]


def test_schedule_fit_client_any_time() -> None:
    ctx = context([act("a", schedule="mon:morning;wed:evening")])
    assert ScheduleFit().compute(ctx).tolist() == [1.0]


def test_cost_ease_values() -> None:
    # 1 / (1 + cost / 10): free 1, 10 -> 0.5, 30 -> 0.25; unknown 0.5
    ctx = context(
        [
            act("a", cost_per_month=0),
            act("b", cost_per_month=10),
            act("c", cost_per_month=30),
            act("d"),
        ]
    )
    assert CostEase().compute(ctx).tolist() == [1.0, 0.5, 0.25, 0.5]


@pytest.mark.parametrize(
    ("preference", "expected"),
    [
        ("one_on_one", [0.0, 1.0, 0.5, -1.0, 0.0]),
        ("small_group", [-0.5, 0.5, 1.0, -0.5, 0.0]),
        ("large_group", [-0.5, -0.5, 0.5, 1.0, 0.0]),
        ("no_preference", [0.0, 0.0, 0.0, 0.0, 0.0]),
    ],
)
def test_setting_fit_table(preference: str, expected: list[float]) -> None:
    settings = ["individual", "one_on_one", "small_group", "large_group", None]
    ctx = context(
        [act(f"a{i}", social_setting=s) for i, s in enumerate(settings)],
        social_preference=preference,
    )
    assert SettingFit().compute(ctx).tolist() == expected


def test_loneliness_emotional_only() -> None:
    # djg11 emotional 6 (share 1), social 0: value = t x emotional_affinity, t = 6 / 11
    ctx = context(
        [
            act("one", social_setting="one_on_one"),
            act("large", social_setting="large_group"),
            act("buddy", kind="buddy", social_setting="large_group"),
        ],
        loneliness={"scale": "djg11", "emotional": 6, "social": 0},
    )
    values = LonelinessFit().compute(ctx)
    assert values.tolist() == pytest.approx([6 / 11 * 1.0, 6 / 11 * 0.2, 6 / 11 * 1.0])


def test_loneliness_mixed_small_group() -> None:
    # djg11 emotional 3 (e = 0.5), social 5 (s = 1), t = 8 / 11; small group: social 0.8,
    # emotional 0.7 -> (1 x 0.8 + 0.5 x 0.7) / 1.5 = 0.766667; x 8 / 11 = 0.557576
    ctx = context(
        [act("small", social_setting="small_group")],
        loneliness={"scale": "djg11", "emotional": 3, "social": 5},
    )
    assert LonelinessFit().compute(ctx)[0] == pytest.approx((0.8 + 0.35) / 1.5 * 8 / 11)


def test_loneliness_volunteering_and_online() -> None:
    # djg6 social 3 only (s = 1), t = 3 / 6: large-group volunteering: min(1 + 0.2, 1) = 1
    # -> 0.5; online large group: 1 x 0.5 -> 0.25
    ctx = context(
        [
            act("vol", kind="volunteering", social_setting="large_group"),
            act("web", delivery="online", social_setting="large_group"),
        ],
        loneliness={"scale": "djg6", "emotional": 0, "social": 3},
    )
    assert LonelinessFit().compute(ctx).tolist() == pytest.approx([0.5, 0.25])


def test_loneliness_absent_is_zero() -> None:
    ctx = context([act("a", social_setting="small_group")])
    assert LonelinessFit().compute(ctx).tolist() == [0.0]


@pytest.mark.parametrize(
    ("emotional", "social", "health", "need"),
    [
        (6, 5, {"mentaal_welbevinden": 3}, 1.0),  # total 11: very severe, low energy
        (5, 4, {"lichaamsfuncties": 4}, 1.0),  # total 9: severe, low (4 counts)
        (5, 4, {}, 0.5),  # severe, energy unknown
        (2, 2, {"mentaal_welbevinden": 2}, 0.5),  # moderate, low energy
        (5, 4, {"mentaal_welbevinden": 7}, 0.0),  # severe, energy fine
        (1, 1, {"mentaal_welbevinden": 2}, 0.0),  # not lonely
    ],
)
def test_first_step_need(emotional: int, social: int, health: dict[str, int], need: float) -> None:
    profile = make_profile(
        loneliness={"scale": "djg11", "emotional": emotional, "social": social},
        positive_health=health,
    )
    assert first_step_need(profile) == need


def test_first_step_threshold_mean_of_four_checks() -> None:
    near = north_of_home(0.5)  # 0.5 x 1.3 / 4.5 x 60 = 8.67 min walking: nearby
    far = north_of_home(1.0)  # 17.3 min: not nearby
    ctx = context(
        [
            act("all4", name="Inloop", social_setting="small_group", cost_per_month=0, **near),
            act("none", social_setting="large_group", cost_per_month=5, **far),
            act("two", social_setting="one_on_one", cost_per_month=3, **far, name="inloop"),
            act("home", delivery="at_home", kind="buddy"),
        ],
        loneliness={"scale": "djg11", "emotional": 6, "social": 5},
        positive_health={"mentaal_welbevinden": 2},
    )
    # home: nearby (at home) + small (buddy) + free? cost unknown -> no + low threshold? no = 2/4
    assert FirstStep().compute(ctx).tolist() == [1.0, 0.0, 0.5, 0.5]


def test_positive_health_needs() -> None:
    assert health_need(None) == 0.0
    assert health_need(6) == 0.0
    assert health_need(3) == 0.5  # (6 - 3) / 6
    assert health_need(0) == 1.0
    ctx = context(
        [
            act("vol", kind="volunteering"),  # meaningful + participation
            act("weekly", schedule="mon:morning"),  # structure
            act("yoga", name="Stoelyoga"),  # adapted movement
            act("plain"),
        ],
        positive_health={"zingeving": 3, "dagelijks_functioneren": 0, "lichaamsfuncties": 4.5},
    )
    # vol: zingeving need 0.5; weekly: structure need 1.0; yoga: (6 - 4.5) / 6 = 0.25
    assert PositiveHealthFit().compute(ctx).tolist() == [0.5, 1.0, 0.25, 0.0]


def test_staleness() -> None:
    today = TODAY
    year_ago = today - dt.timedelta(days=365)
    eighteen_months = today - dt.timedelta(days=365 + 182)
    ctx = context(
        [
            act("fresh", last_verified=today.isoformat()),
            act("year", last_verified=year_ago.isoformat()),
            act("older", last_verified=eighteen_months.isoformat()),
            act("ancient", last_verified="2019-01-01"),
            act("unknown"),
        ]
    )
    # 0 up to 365 days; then (age - 365) / 365: 182 / 365; capped at 1; unknown 0.5
    assert Staleness().compute(ctx).tolist() == pytest.approx([0.0, 0.0, 182 / 365, 1.0, 0.5])


def test_interest_match_strengths() -> None:
    ctx = context(
        [
            act("name", name="Moestuin De Zon"),  # compound "moestuin" -> gardening, in name
            act("desc", name="Club", description="We werken in de tuin"),  # description: 0.6
            act("tag", name="Club", tags=["Gardening"]),  # English tag
            act("none", name="Schaakclub"),
        ],
        interests=["tuinierren"],  # typo still matches "tuinieren"
    )
    assert InterestMatch().compute(ctx).tolist() == pytest.approx([1.0, 0.6, 1.0, 0.0])


def test_interest_direct_word_outside_taxonomy() -> None:
    # "schaak" is not in the tiny taxonomy: a direct word match inside "schaakclub"
    ctx = context([act("a", name="Schaakclub"), act("b", name="Biljart")], interests=["schaak"])
    assert InterestMatch().compute(ctx).tolist() == [1.0, 0.0]


def test_energy_match_uses_energy_sources_only() -> None:
    ctx = context([act("a", name="Wandelgroep")], interests=["tuin"], energy_sources=["walking"])
    assert EnergyMatch().compute(ctx).tolist() == [1.0]
    assert InterestMatch().compute(ctx).tolist() == [0.0]


def test_energy_drain_setting_hint_and_text() -> None:
    ctx = context(
        [
            act("large", social_setting="large_group"),
            act("small", social_setting="small_group"),
            act("loud", name="Lawaai festival", social_setting="small_group"),
        ],
        energy_drains=["drukte"],
    )
    # large group: hint 1; small: 0; "lawaai" is a keyword of the crowds theme: 1
    assert EnergyDrain().compute(ctx).tolist() == [1.0, 0.0, 1.0]


def test_features_are_zero_without_profile_signals() -> None:
    ctx = context([act("a", name="Moestuin", social_setting="large_group")])
    values = feature_matrix(ctx)
    for name in (
        "interest",
        "energy",
        "energy_drain",
        "setting",
        "loneliness",
        "first_step",
        "positive_health",
        "access_unknown",
    ):
        assert values.column(name).tolist() == [0.0], name


def test_feature_values_within_documented_ranges() -> None:
    ctx = context(
        [
            act(f"a{i}", name=n, social_setting=s, **north_of_home(0.3 * i))
            for i, (n, s) in enumerate(
                [
                    ("Moestuin", "small_group"),
                    ("Lawaai", "large_group"),
                    ("Inloop koffieochtend", "one_on_one"),
                ]
            )
        ],
        interests=["tuin"],
        energy_drains=["drukte"],
        social_preference="one_on_one",
        loneliness={"scale": "djg6", "emotional": 3, "social": 2},
        positive_health={"zingeving": 1, "meedoen": 2, "mentaal_welbevinden": 1},
    )
    matrix = feature_matrix(ctx)
    for j, feature in enumerate(FEATURES):
        low, high = feature.value_range
        assert ((matrix.values[:, j] >= low) & (matrix.values[:, j] <= high)).all(), feature.name


def test_housebound_client_at_home_offer_is_easy_to_reach() -> None:
    # regression: travel minutes were inf (not NaN) for at-home offers of housebound clients
    ctx = context([act("home", delivery="at_home")], mobility={"mode": "housebound"})
    assert np.isnan(ctx.travel_minutes[0])
    assert TravelEase().compute(ctx).tolist() == [1.0]
    assert TravelEase().reason(ctx, 0, 1.0, "nl") == "Komt bij u thuis"
