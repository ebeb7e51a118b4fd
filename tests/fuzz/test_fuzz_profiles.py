"""Fuzz: thousands of bad profiles are each accepted or refused with a wor_match error that
names the field; nothing else is raised and no personal value is echoed."""

from __future__ import annotations

import json
import random

import pytest

import wor_match as wm
from tests.conftest import make_catalogue
from tests.fuzz.generators import MARKER, bad_profile

N_CASES = 6000
SEED = 20261122

CATALOGUE_RECORDS = [
    {"activity_id": "on", "name": "Moestuin", "lat": 52.29, "lon": 4.58},
    {"activity_id": "home", "name": "Maaltijd", "delivery": "at_home", "kind": "meals"},
    {"activity_id": "web", "name": "Online koor", "delivery": "online"},
]


def _check_refusal(error: wm.WorMatchError) -> None:
    message = str(error)
    assert MARKER not in message, message
    assert MARKER.encode("unicode_escape").decode() not in message, message
    assert error.field is not None or "(root)" in message, message
    assert error.code in {"invalid_profile", "unknown_postcode"}, error


def test_fuzz_profiles() -> None:
    rng = random.Random(SEED)
    catalogue = make_catalogue(CATALOGUE_RECORDS)
    accepted = refused = 0
    for number in range(N_CASES):
        case = bad_profile(rng, number)
        try:
            profile = wm.ClientProfile.model_validate(case)
        except wm.WorMatchError as error:
            _check_refusal(error)
            refused += 1
            continue
        accepted += 1
        if accepted % 10 == 0:  # accepted ones must also be scored without a crash
            recs = wm.recommend(profile, catalogue, k=3)
            assert len(recs) <= 3
    assert accepted + refused == N_CASES
    # the generator mixes in valid changes too: both outcomes occur often
    assert refused > N_CASES // 2
    assert accepted > N_CASES // 50


def test_fuzz_profile_json_documents() -> None:
    rng = random.Random(SEED + 1)
    for number in range(1000):
        case = bad_profile(rng, number)
        try:
            text = json.dumps(case, allow_nan=True)
        except (TypeError, ValueError, RecursionError):
            continue  # not representable as JSON (bytes, 2,000 deep): covered above
        try:
            wm.ClientProfile.model_validate_json(text)
        except wm.WorMatchError as error:
            _check_refusal(error)


@pytest.mark.parametrize("seed", range(3))
def test_fuzz_recommend_many_reports_each_client(seed: int) -> None:
    rng = random.Random(seed)
    cases = [bad_profile(rng, number) for number in range(150)]
    frame = wm.recommend_many(cases, make_catalogue(CATALOGUE_RECORDS), k=2)
    assert frame["client_id"].nunique() <= len(cases)
    invalid = frame[frame["status"] == "invalid"]
    assert invalid["error_code"].isin(["invalid_profile", "unknown_postcode"]).all()
    # the client id is the caller's own key (echoed on purpose); nothing else may carry input
    others = frame.drop(columns="client_id").astype(str)
    assert not others.apply(lambda column: column.str.contains(MARKER)).any().any()
