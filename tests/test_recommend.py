"""recommend(): the public entry point, default catalogue, and properties over generated
profiles and catalogues."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import wor_match as wm
from tests.conftest import TODAY, make_catalogue
from tests.strategies import catalogue_records, profiles
from wor_match.context import MatchContext
from wor_match.filters import exclusion_masks

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXAMPLES = Path(__file__).resolve().parents[1] / "datasets" / "examples"


@PROPERTY
@given(profile=profiles(), records=catalogue_records())
def test_hard_filters_never_violated(profile: dict, records: list) -> None:
    catalogue = make_catalogue(records)
    validated = wm.ClientProfile.model_validate(profile)
    recs = wm.recommend(validated, catalogue, k=25, today=TODAY)
    for r in recs:
        a = r.activity
        assert a.status == "active"
        assert a.kind in validated.open_to
        assert a.capacity != 0
        assert set(a.languages) & set(validated.languages)
        if validated.max_cost_per_month is not None and a.cost_per_month is not None:
            assert a.cost_per_month <= validated.max_cost_per_month
        if validated.age is not None:
            assert a.min_age is None or a.min_age <= validated.age
            assert a.max_age is None or validated.age <= a.max_age
        if validated.mobility.wheelchair and a.delivery == "on_site":
            assert a.wheelchair_accessible is not False
        if validated.availability and a.schedule:
            assert {str(s) for s in a.schedule} & {str(s) for s in validated.availability}
        if a.delivery == "on_site":
            assert validated.mobility.mode != "housebound"
            assert r.travel_minutes is not None
            assert r.travel_minutes <= validated.mobility.minutes
        else:
            assert r.travel_minutes is None
            assert r.distance_km is None


@PROPERTY
@given(profile=profiles(), records=catalogue_records())
def test_spatial_index_matches_brute_force(profile: dict, records: list) -> None:
    catalogue = make_catalogue(records)
    validated = wm.ClientProfile.model_validate(profile)
    indexed = MatchContext.build(validated, catalogue, today=TODAY)
    brute = MatchContext.build(validated, catalogue, rows=np.arange(len(catalogue)), today=TODAY)

    def feasible_ids(ctx: MatchContext) -> set[str]:
        masks = exclusion_masks(ctx)
        out = np.zeros(len(ctx), dtype=bool)
        for mask in masks.values():
            out |= mask
        return set(catalogue.ids[ctx.rows[~out]].tolist())

    assert feasible_ids(indexed) == feasible_ids(brute)


def test_profile_as_dict_or_model_gives_same_result() -> None:
    catalogue = make_catalogue([{"activity_id": "a", "name": "Moestuin", "delivery": "online"}])
    data = {"client_id": "c", "home": {"lat": 52, "lon": 4}, "interests": ["tuin"]}
    one = wm.recommend(data, catalogue, today=TODAY)
    two = wm.recommend(wm.ClientProfile(**data), catalogue, today=TODAY)
    assert one.to_records() == two.to_records()


@pytest.mark.parametrize("k", [0, -1, 2.5, "3", True])
def test_bad_k(k: object) -> None:
    with pytest.raises(
        ValueError, match=r"The 'k' parameter of recommend must be an int in the range \[1, inf\)"
    ):
        wm.recommend({"client_id": "c", "home": {"lat": 52, "lon": 4}}, make_catalogue([]), k=k)  # type: ignore[arg-type]


def test_bad_language_and_catalogue() -> None:
    profile = {"client_id": "c", "home": {"lat": 52, "lon": 4}}
    with pytest.raises(ValueError, match="'language' parameter of recommend must be 'nl' or 'en'"):
        wm.recommend(profile, make_catalogue([]), language="de")  # type: ignore[arg-type]
    with pytest.raises(wm.CatalogueError, match=r"catalogue must be a wor_match\.Catalogue"):
        wm.recommend(profile, [{"activity_id": "a"}])  # type: ignore[arg-type]
    with pytest.raises(wm.InvalidProfileError, match="expected a ClientProfile or a dict"):
        wm.recommend(["not", "a", "profile"])  # type: ignore[arg-type]


def test_default_catalogue_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = {"client_id": "c", "home": {"postcode": "2181"}}
    monkeypatch.delenv("WOR_MATCH_CATALOGUE", raising=False)
    wm.use_catalogue(None)
    demo = wm.load_demo_catalogue()
    assert len(demo) >= 150
    assert wm.recommend(profile).ranking  # demo catalogue has offers near 2181
    online = tmp_path / "own.json"
    online.write_text(
        json.dumps([{"activity_id": "own-1", "name": "Online koor", "delivery": "online"}]),
        encoding="utf-8",
    )
    monkeypatch.setenv("WOR_MATCH_CATALOGUE", str(online))
    assert [r.activity_id for r in wm.recommend(profile)] == ["own-1"]
    configured = make_catalogue([{"activity_id": "cfg", "name": "x", "delivery": "at_home"}])
    try:
        wm.use_catalogue(configured)
        assert [r.activity_id for r in wm.recommend(profile)] == ["cfg"]
    finally:
        wm.use_catalogue(None)


def test_nothing_feasible_is_not_an_error() -> None:
    catalogue = make_catalogue(
        [{"activity_id": "a", "name": "x", "status": "defunct", "delivery": "online"}]
    )
    recs = wm.recommend({"client_id": "c", "home": {"lat": 52, "lon": 4}}, catalogue)
    assert len(recs) == 0
    assert recs.excluded == {"a": ("not_active",)}
    assert recs.why_not("a") == ["Loopt op dit moment niet"]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_example_profiles_get_recommendations(path: Path) -> None:
    profile = wm.ClientProfile.model_validate_json(path.read_text(encoding="utf-8"))
    recs = wm.recommend(profile, k=5, today=TODAY)
    assert len(recs) >= 3  # the demo catalogue has several fitting offers for every example
    assert len(recs) == min(5, len(recs.ranking))
    assert all(r.reasons for r in recs)
