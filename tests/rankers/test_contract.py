"""The contract every registered ranker keeps (run over available_rankers())."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.base import clone

from tests.conftest import TODAY, make_catalogue
from tests.rankers._fitted import fitted
from tests.strategies import catalogue_records, profiles
from wor_match import Catalogue, ClientProfile, available_rankers, get_ranker, recommend
from wor_match.rankers import Ranker

RANKERS = available_rankers()
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_builtin_rankers_are_registered() -> None:
    assert {"nearest", "random", "weighted"} <= set(RANKERS)


def _check(recs: object, profile: ClientProfile, catalogue: Catalogue, k: int) -> None:
    items = list(recs)  # type: ignore[call-overload]
    assert len(items) <= k
    assert [r.rank for r in items] == list(range(1, len(items) + 1))
    for r in items:
        points = sum(c.points for c in r.explanation.contributions)
        assert math.isclose(r.explanation.baseline + points, r.score, abs_tol=1e-9)
        assert r.activity_id not in recs.excluded  # type: ignore[attr-defined]
        assert catalogue[r.activity_id] == r.activity
    # best first; ties broken by distance, then activity_id
    keys = [(-r.score, r.distance_km or 0.0, r.activity_id) for r in items]
    assert keys == sorted(keys)
    # every activity is either feasible (ranked) or excluded with at least one reason
    ranked = {a for a, _ in recs.ranking}  # type: ignore[attr-defined]
    assert ranked.isdisjoint(recs.excluded)  # type: ignore[attr-defined]
    assert ranked | set(recs.excluded) == set(catalogue.ids)  # type: ignore[attr-defined]
    assert all(recs.excluded.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", RANKERS)
@PROPERTY
@given(profile=profiles(), records=catalogue_records(), k=st.integers(1, 8))
def test_contract(name: str, profile: dict, records: list, k: int) -> None:
    catalogue = make_catalogue(records)
    validated = ClientProfile.model_validate(profile)
    ranker = fitted(name)
    recs = recommend(validated, catalogue, k=k, ranker=ranker, today=TODAY)
    assert recs.ranker == name
    _check(recs, validated, catalogue, k)
    again = recommend(validated, catalogue, k=k, ranker=ranker, today=TODAY)
    assert [(r.activity_id, r.score) for r in again] == [(r.activity_id, r.score) for r in recs]


@pytest.mark.parametrize("name", RANKERS)
@PROPERTY
@given(profile=profiles(), records=catalogue_records(), seed=st.randoms())
def test_invariant_to_catalogue_row_order(name: str, profile: dict, records: list, seed) -> None:
    shuffled = list(records)
    seed.shuffle(shuffled)
    ranker = fitted(name)
    one = recommend(profile, make_catalogue(records), k=10, ranker=ranker, today=TODAY)
    two = recommend(profile, make_catalogue(shuffled), k=10, ranker=ranker, today=TODAY)
    assert [(r.activity_id, r.score) for r in one] == [(r.activity_id, r.score) for r in two]
    assert dict(one.excluded) == dict(two.excluded)


@pytest.mark.parametrize("name", RANKERS)
def test_ranker_is_a_ranker_with_params(name: str) -> None:
    ranker = get_ranker(name)
    assert isinstance(ranker, Ranker)
    assert ranker.name == name
    assert isinstance(ranker.get_params(), dict)
    assert type(ranker)(**ranker.get_params()).get_params() == ranker.get_params()
    assert clone(ranker).get_params() == ranker.get_params()


@pytest.mark.parametrize("name", RANKERS)
def test_empty_catalogue_gives_empty_result(name: str) -> None:
    recs = recommend(
        {"client_id": "c", "home": {"lat": 52, "lon": 4}}, make_catalogue([]), ranker=fitted(name)
    )
    assert len(recs) == 0
    assert dict(recs.excluded) == {}


def test_tie_rule_distance_then_id() -> None:
    # random-free ranker with equal scores: nearest with two at-home offers (0 km) and one
    # on-site; the at-home ones tie on score and distance, so activity_id decides.
    catalogue = make_catalogue(
        [
            {"activity_id": "b", "name": "x", "delivery": "at_home"},
            {"activity_id": "a", "name": "x", "delivery": "at_home"},
            {"activity_id": "c", "name": "x", "lat": 52.001, "lon": 4.0},
        ]
    )
    recs = recommend({"client_id": "c", "home": {"lat": 52, "lon": 4}}, catalogue, ranker="nearest")
    assert [r.activity_id for r in recs] == ["a", "b", "c"]


def test_random_ranker_depends_on_seed_only() -> None:
    records = [{"activity_id": f"id-{i}", "name": "x", "delivery": "online"} for i in range(30)]
    profile = {"client_id": "c", "home": {"lat": 52, "lon": 4}}
    catalogue = make_catalogue(records)
    orders = {
        seed: [
            r.activity_id
            for r in recommend(profile, catalogue, k=30, ranker=get_ranker("random", seed=seed))
        ]
        for seed in (0, 1)
    }
    assert orders[0] != orders[1]
    assert sorted(orders[0]) == sorted(orders[1])
    scores = [r.score for r in recommend(profile, catalogue, k=30, ranker="random")]
    assert all(0 <= s < 1 for s in scores)
    assert np.std(scores) > 0.1  # roughly uniform on [0, 1): sd 0.29


@pytest.mark.parametrize("name", RANKERS)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), records=catalogue_records())
def test_score_table_equals_recommend(name: str, profile: dict, records: list) -> None:
    from wor_match.features.pairs import pair_table

    catalogue = make_catalogue(records)
    ranker = fitted(name)
    recs = recommend(profile, catalogue, k=max(len(catalogue), 1), ranker=ranker, today=TODAY)
    table = pair_table([profile], catalogue, today=TODAY)
    scores = dict(zip(table["activity_id"], ranker.score_table(table), strict=True))
    assert len(scores) == len(recs.ranking)
    for activity_id, score in recs.ranking:
        assert math.isclose(scores[activity_id], score, rel_tol=1e-9, abs_tol=1e-9)
