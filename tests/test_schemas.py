"""The shipped JSON Schemas: current, valid, and they accept the examples and the envelope."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import wor_match as wm
from tests.strategies import profiles
from wor_match.schemas import SCHEMA_NAMES, build_schema, read_schema, schema_text

EXAMPLES = sorted((Path(__file__).parents[1] / "datasets" / "examples").glob("*.json"))


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(read_schema(name)))


@pytest.mark.parametrize("name", SCHEMA_NAMES)
def test_shipped_schema_is_current_and_valid(name: str) -> None:
    # run scripts/build_schemas.py when this fails after a model change
    assert read_schema(name) == schema_text(name)
    jsonschema.Draft202012Validator.check_schema(build_schema(name))


def test_unknown_schema_name() -> None:
    with pytest.raises(wm.InvalidParameterError, match="'name' parameter of build_schema"):
        read_schema("client")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_profiles_validate(path: Path) -> None:
    assert len(EXAMPLES) >= 6
    _validator("profile").validate(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "profile",
    [
        {"client_id": "c", "home": {"lat": "52.29", "lon": "4.58"}},
        {"client_id": "c", "home": {"postcode": "2181 AB"}, "interests": "tuin; koken"},
        {"client_id": "c", "home": {"postcode": 2181}, "availability": ["mon:morning"]},
    ],
)
def test_looser_input_forms_validate(profile: dict[str, Any]) -> None:
    wm.ClientProfile.model_validate(profile)  # the library accepts it ...
    _validator("profile").validate(profile)  # ... and so does the schema


@pytest.mark.parametrize(
    "profile",
    [
        {"client_id": "c", "home": {}},
        {"client_id": "c", "home": {"postcode": "2181"}, "age": 130},
        {
            "client_id": "c",
            "home": {"postcode": "2181"},
            "loneliness": {"djg_answers": {"12": "ja"}},
        },
        {"client_id": "c", "home": {"postcode": "2181"}, "nickname": "x"},
    ],
)
def test_schema_refuses_what_the_library_refuses(profile: dict[str, Any]) -> None:
    with pytest.raises(wm.WorMatchError):
        wm.ClientProfile.model_validate(profile)
    assert not _validator("profile").is_valid(profile)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_generated_profiles_validate(profile: dict[str, Any]) -> None:
    _validator("profile").validate(json.loads(json.dumps(profile)))


def test_demo_activities_validate() -> None:
    validator = _validator("activity")
    for activity in wm.load_demo_catalogue():
        validator.validate(activity.model_dump(mode="json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_envelopes_validate(path: Path) -> None:
    profile = json.loads(path.read_text(encoding="utf-8"))
    for language in ("nl", "en"):
        recs = wm.recommend(profile, k=5, language=language, today=dt.date(2026, 11, 22))
        envelope = recs.to_envelope()
        _validator("envelope").validate(json.loads(json.dumps(envelope)))
        assert envelope["feasible"] == len(recs.ranking)
        reasons = [code for codes in recs.excluded.values() for code in codes]
        assert sum(envelope["excluded"].values()) == len(reasons)
        assert [item["activity_id"] for item in envelope["items"]] == [
            item.activity_id for item in recs
        ]
