"""Shared fixtures: a tiny controlled taxonomy and builders for profiles and catalogues.

Feature tests use the tiny taxonomy so their expected values can be computed by hand; the
shipped taxonomy is tested on its own (tests/test_taxonomy.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from wor_match import Catalogue, ClientProfile
from wor_match.taxonomy import Taxonomy, Theme

TODAY = dt.date(2026, 11, 22)
HOME = {"lat": 52.0, "lon": 4.0}


def tiny_taxonomy() -> Taxonomy:
    return Taxonomy(
        (
            Theme(
                "gardening",
                "tuinieren",
                "gardening",
                ("tuin", "tuinieren", "moestuin", "garden", "gardening"),
                frozenset({"outdoors", "meaningful"}),
            ),
            Theme(
                "walking",
                "wandelen",
                "walking",
                ("wandel", "wandelen", "walk", "walking"),
                frozenset({"movement"}),
            ),
            Theme(
                "crowds",
                "drukte",
                "crowds",
                ("drukte", "crowds", "lawaai"),
                frozenset({"setting:large_group"}),
            ),
            Theme(
                "walk_in",
                "inloop",
                "walk-in",
                ("inloop", "koffieochtend"),
                frozenset({"low_threshold"}),
            ),
            Theme(
                "chair_yoga",
                "stoelyoga",
                "chair yoga",
                ("stoelyoga", "chair yoga"),
                frozenset({"adapted_movement"}),
            ),
            Theme(
                "cooking",
                "samen koken",
                "cooking together",
                ("samen koken", "kook"),
                frozenset({"participation"}),
            ),
        )
    )


def make_catalogue(records: list[Mapping[str, Any]], **kwargs: Any) -> Catalogue:
    return Catalogue.from_records(records, taxonomy=tiny_taxonomy(), **kwargs)


def make_profile(**fields: Any) -> ClientProfile:
    data: dict[str, Any] = {"client_id": "test-client", "home": dict(HOME)}
    data.update(fields)
    return ClientProfile.model_validate(data)


def north_of_home(km: float) -> dict[str, float]:
    """A point straight north of HOME: along a meridian, haversine = R x delta-latitude."""
    from math import degrees

    from wor_match.geo import EARTH_RADIUS_KM

    return {"lat": HOME["lat"] + degrees(km / EARTH_RADIUS_KM), "lon": HOME["lon"]}


@pytest.fixture
def catalogue_factory() -> Callable[..., Catalogue]:
    return make_catalogue


@pytest.fixture
def profile_factory() -> Callable[..., ClientProfile]:
    return make_profile
