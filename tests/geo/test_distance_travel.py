"""Great-circle distance and travel time, values by hand; the haversine bound against geopy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from geopy.distance import geodesic
from hypothesis import given
from hypothesis import strategies as st

from wor_match.geo.distance import EARTH_RADIUS_KM, haversine_km
from wor_match.geo.travel import (
    DETOUR_FACTOR,
    TRAVEL_MODES,
    max_radius_km,
    minutes_at,
    travel_minutes,
)


def test_haversine_by_hand() -> None:
    # one degree of longitude on the equator and one of latitude anywhere: 2 pi R / 360
    degree = 2 * math.pi * EARTH_RADIUS_KM / 360
    assert haversine_km(0.0, 0.0, [0.0], [1.0])[0] == pytest.approx(degree, rel=1e-12)
    assert haversine_km(52.0, 5.0, [53.0], [5.0])[0] == pytest.approx(degree, rel=1e-12)
    # at latitude 60, a small step east is cos(60) = 1/2 as long
    assert haversine_km(60.0, 5.0, [60.0], [5.001])[0] == pytest.approx(
        degree * 0.001 / 2, rel=1e-6
    )
    # pole to pole: half the circumference
    assert haversine_km(90.0, 0.0, [-90.0], [0.0])[0] == pytest.approx(math.pi * EARTH_RADIUS_KM)


def test_haversine_shapes_and_missing_points() -> None:
    result = haversine_km(52.0, 5.0, [52.0, np.nan, 52.0], [5.0, 5.0, np.nan])
    assert result[0] == 0.0
    assert np.isnan(result[1:]).all()
    many = haversine_km([52.0, 53.0], [5.0, 5.0], [52.0, 52.0], [5.0, 5.0])  # one origin each
    assert many[0] == 0.0
    assert many[1] == pytest.approx(2 * math.pi * EARTH_RADIUS_KM / 360)


DUTCH_LAT = st.floats(50.75, 53.55)
DUTCH_LON = st.floats(3.35, 7.25)


@given(lat=DUTCH_LAT, lon=DUTCH_LON, lat2=DUTCH_LAT, lon2=DUTCH_LON)
def test_haversine_within_035_percent_of_geodesic_in_the_netherlands(
    lat: float, lon: float, lat2: float, lon2: float
) -> None:
    fast = float(haversine_km(lat, lon, [lat2], [lon2])[0])
    exact = geodesic((lat, lon), (lat2, lon2)).km
    assert abs(fast - exact) <= 0.0035 * exact + 1e-9


@given(lat=DUTCH_LAT, lon=DUTCH_LON, lat2=DUTCH_LAT, lon2=DUTCH_LON, lat3=DUTCH_LAT, lon3=DUTCH_LON)
def test_haversine_is_a_metric(
    lat: float, lon: float, lat2: float, lon2: float, lat3: float, lon3: float
) -> None:
    ab = float(haversine_km(lat, lon, [lat2], [lon2])[0])
    ba = float(haversine_km(lat2, lon2, [lat], [lon])[0])
    ac = float(haversine_km(lat, lon, [lat3], [lon3])[0])
    cb = float(haversine_km(lat3, lon3, [lat2], [lon2])[0])
    assert ab >= 0
    assert ab == pytest.approx(ba, abs=1e-9)
    assert ab <= ac + cb + 1e-9


@pytest.mark.parametrize(
    ("mode", "km", "minutes"),
    [("walking", 1.0, 1.3 / 4.5 * 60),  # 17.33
     ("bicycle", 3.0, 3.9 / 15 * 60),  # 15.6
     ("public_transport", 10.0, 12 + 13 / 25 * 60),  # 43.2
     ("car", 5.0, 5 + 6.5 / 35 * 60),  # 16.14
     ("walking", 0.0, 0.0)],
)  # fmt: skip
def test_travel_minutes_by_hand(mode: str, km: float, minutes: float) -> None:
    assert DETOUR_FACTOR == 1.3
    assert travel_minutes([km], mode)[0] == pytest.approx(minutes)  # type: ignore[arg-type]


def test_housebound_and_missing_distances() -> None:
    assert travel_minutes([0.5], "housebound")[0] == math.inf
    assert np.isnan(travel_minutes([np.nan], "walking")[0])
    assert np.isnan(travel_minutes([np.nan], "housebound")[0])
    assert max_radius_km(60, "housebound") == 0.0
    assert max_radius_km(10, "public_transport") == 0.0  # the overhead alone is 12 minutes


@given(
    mode=st.sampled_from([m for m, p in TRAVEL_MODES.items() if p.speed_kmh > 0]),
    max_minutes=st.floats(0, 180),
)
def test_max_radius_is_the_inverse_of_travel_time(mode: str, max_minutes: float) -> None:
    radius = max_radius_km(max_minutes, mode)  # type: ignore[arg-type]
    params = TRAVEL_MODES[mode]  # type: ignore[index]
    if max_minutes <= params.overhead_minutes:
        assert radius == 0.0
    else:
        back = travel_minutes([radius], mode)[0]  # type: ignore[arg-type]
        assert back == pytest.approx(max_minutes, rel=1e-9, abs=1e-9)


def test_minutes_at_broadcasts_per_client() -> None:
    result = minutes_at([1.0, 2.0], [4.5, 15.0], [0.0, 12.0])
    assert result.tolist() == pytest.approx([1.3 / 4.5 * 60, 12 + 2.6 / 15 * 60])
