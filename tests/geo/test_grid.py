"""The grid index returns exactly the points a brute-force haversine scan returns."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from wor_match.geo import haversine_km
from wor_match.geo.grid import GeoGrid

latitudes = st.floats(-90, 90, allow_nan=False)
longitudes = st.floats(-180, 180, allow_nan=False)


@st.composite
def clustered(draw: st.DrawFn) -> tuple[list[float], list[float]]:
    """Points around a centre (anywhere, poles and antimeridian included) plus strays."""
    lat0, lon0 = draw(latitudes), draw(longitudes)
    n = draw(st.integers(0, 60))
    spread = draw(st.sampled_from([0.01, 0.1, 1.0, 30.0]))
    lats = [float(np.clip(lat0 + draw(st.floats(-spread, spread)), -90, 90)) for _ in range(n)]
    lons = [float((lon0 + draw(st.floats(-spread, spread)) + 180) % 360 - 180) for _ in range(n)]
    lats += draw(st.lists(latitudes, max_size=5))
    lons += [draw(longitudes) for _ in range(len(lats) - len(lons))]
    return lats, lons


@settings(max_examples=300, deadline=None)
@given(
    points=clustered(),
    query_lat=latitudes,
    query_lon=longitudes,
    near=st.booleans(),
    radius=st.sampled_from([0.0, 0.5, 1.2, 5.0, 40.0, 800.0, 12000.0]),
    cell_km=st.sampled_from([0.5, 2.0, 25.0]),
)
def test_within_equals_brute_force(
    points: tuple[list[float], list[float]],
    query_lat: float,
    query_lon: float,
    near: bool,
    radius: float,
    cell_km: float,
) -> None:
    lats, lons = np.array(points[0]), np.array(points[1])
    if near and len(lats):  # query at a point of the data: many hits, boundary cases
        query_lat, query_lon = float(lats[0]), float(lons[0])
    grid = GeoGrid(lats, lons, cell_km=cell_km)
    found = grid.within(query_lat, query_lon, radius)
    distance = haversine_km(query_lat, query_lon, lats, lons)
    margin = radius * (1 + 1e-9) + 1e-9
    expected = np.flatnonzero(distance <= margin) if radius > 0 else np.empty(0, dtype=int)
    assert found.tolist() == expected.tolist()


def test_points_on_the_boundary_are_kept() -> None:
    # straight north along a meridian: haversine = R x delta-latitude exactly
    grid = GeoGrid([52.0, 52.009, 52.018], [4.0, 4.0, 4.0], cell_km=0.5)
    one_km = float(haversine_km(52.0, 4.0, [52.009], [4.0])[0])
    assert grid.within(52.0, 4.0, one_km).tolist() == [0, 1]


def test_empty_grid() -> None:
    assert GeoGrid([], []).within(52.0, 4.0, 10.0).tolist() == []
