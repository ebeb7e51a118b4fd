"""Bad values in a client profile: each is an InvalidProfileError naming the field and rule.

Regression tests for issue 11 ("Values"): huge, infinite and NaN coordinates, numeric strings,
DJG keys that are not item numbers, deep nesting and text limits.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import wor_match as wm
from wor_match.models.profile import MAX_PHRASE_CHARS, MAX_PHRASES


def _profile(**fields: object) -> dict[str, object]:
    return {"client_id": "c1", "home": {"postcode": "2181"}, **fields}


LAT_RULE = r"home\.lat: must be a finite number of degrees between -90 and 90"


@pytest.mark.parametrize(
    "lat",
    [1e308, -1e308, 10**500, "9" * 500, math.nan, math.inf, -math.inf, "nan", "52,29", True, [52]],
)
def test_bad_latitude_names_field_and_rule(lat: object) -> None:
    with pytest.raises(wm.InvalidProfileError, match=LAT_RULE) as info:
        wm.ClientProfile.model_validate({"client_id": "c1", "home": {"lat": lat, "lon": 4.58}})
    assert info.value.field == "home.lat"
    assert info.value.code == "invalid_profile"


def test_bad_longitude_names_lon() -> None:
    with pytest.raises(wm.InvalidProfileError, match=r"home\.lon: .* between -180 and 180"):
        wm.ClientProfile.model_validate({"client_id": "c1", "home": {"lat": 52.3, "lon": 1e308}})


def test_numeric_strings_behave_like_numbers() -> None:
    # Hillegom, PC4 2181: a string coordinate gets the same area (and so coverage) as a number
    as_numbers = wm.ClientProfile.model_validate(
        {"client_id": "c1", "home": {"lat": 52.2936, "lon": 4.5826}}
    )
    as_strings = wm.ClientProfile.model_validate(
        {"client_id": "c1", "home": {"lat": "52.2936", "lon": " 4.5826 "}}
    )
    assert as_strings.home == as_numbers.home
    assert as_numbers.home.pc4 is not None
    assert as_numbers.home.gemeente == "Hillegom"


def test_string_coordinates_pass_a_coverage_rule() -> None:
    catalogue = wm.Catalogue.from_records(
        [
            {
                "activity_id": "a1",
                "name": "Buurtkamer",
                "lat": 52.2936,
                "lon": 4.5826,
                "coverage": "Hillegom",
            }
        ]
    )
    for home in ({"lat": 52.2936, "lon": 4.5826}, {"lat": "52.2936", "lon": "4.5826"}):
        recs = wm.recommend({"client_id": "c1", "home": home}, catalogue)
        assert [item.activity_id for item in recs] == ["a1"], home


@pytest.mark.parametrize("key", [math.inf, -math.inf, math.nan, 1.5, 3.0, True, "1e3", "٣", None])
def test_djg_keys_that_are_not_item_numbers(key: object) -> None:
    answers = {key: "ja"}
    with pytest.raises(wm.InvalidProfileError, match="djg_answers keys must be item numbers 1-11"):
        wm.ClientProfile.model_validate(_profile(loneliness={"djg_answers": answers}))


def test_djg_item_given_twice() -> None:
    answers = {1: "ja", "1": "nee"}
    with pytest.raises(wm.InvalidProfileError, match="djg_answers item 1 is given twice"):
        wm.ClientProfile.model_validate(_profile(loneliness={"djg_answers": answers}))


def test_djg_answer_that_is_not_text() -> None:
    answers = {str(i): ["ja"] for i in range(1, 12)}
    with pytest.raises(wm.InvalidProfileError, match="answers must be yes, more_or_less or no"):
        wm.ClientProfile.model_validate(_profile(loneliness={"djg_answers": answers}))


@pytest.mark.parametrize(
    "field", ["interests", "languages", "availability", "loneliness", "home", "age"]
)
def test_deep_nesting_is_refused_not_a_recursion_error(field: str) -> None:
    deep: object = "x"
    for _ in range(2000):
        deep = [deep]
    with pytest.raises(wm.InvalidProfileError, match=f"{field}: nested deeper than 16 levels"):
        wm.ClientProfile.model_validate(_profile(**{field: deep}))


def test_deep_json_is_refused() -> None:
    text = '{"client_id": "c1", "home": {"postcode": "2181"}, "interests": '
    text += "[" * 2000 + "]" * 2000 + "}"
    with pytest.raises(wm.InvalidProfileError, match="recursion limit"):
        wm.ClientProfile.model_validate_json(text)


@pytest.mark.parametrize(
    ("field", "value"),
    [("max_cost_per_month", math.nan), ("age", math.inf), ("max_cost_per_month", math.inf)],
)
def test_non_finite_numbers(field: str, value: float) -> None:
    with pytest.raises(wm.InvalidProfileError, match=f"{field}: Input should be a finite number"):
        wm.ClientProfile.model_validate(_profile(**{field: value}))


def test_non_finite_positive_health() -> None:
    with pytest.raises(
        wm.InvalidProfileError, match=r"positive_health\.zingeving: Input should be a finite"
    ):
        wm.ClientProfile.model_validate(_profile(positive_health={"zingeving": math.nan}))


def test_phrase_length_limit() -> None:
    ok = wm.ClientProfile.model_validate(_profile(interests=["x" * MAX_PHRASE_CHARS]))
    assert len(ok.interests[0]) == MAX_PHRASE_CHARS
    with pytest.raises(
        wm.InvalidProfileError, match=r"interests\.0: String should have at most 200 characters"
    ):
        wm.ClientProfile.model_validate(_profile(interests=["x" * 1_000_000]))


def test_number_of_phrases_limit() -> None:
    words = [f"woord{i}" for i in range(MAX_PHRASES)]
    assert len(wm.ClientProfile.model_validate(_profile(energy_drains=words)).energy_drains) == 50
    with pytest.raises(wm.InvalidProfileError, match="energy_drains: List should have at most 50"):
        wm.ClientProfile.model_validate(_profile(energy_drains=[*words, "nog een"]))


def test_unknown_key_that_is_not_a_field_name_is_not_echoed() -> None:
    secret = "heeft schulden bij de bank"
    with pytest.raises(wm.InvalidProfileError, match="<key>: Extra inputs") as info:
        wm.ClientProfile.model_validate(_profile(**{secret: 1}))
    assert secret not in str(info.value)


def test_unknown_postcode_is_the_exported_error() -> None:
    rule = r"home\.postcode: .* not in the offline"
    with pytest.raises(wm.UnknownPostcodeError, match=rule) as info:
        wm.ClientProfile.model_validate({"client_id": "c1", "home": {"postcode": "1000"}})
    assert (info.value.code, info.value.field) == ("unknown_postcode", "home.postcode")


@pytest.mark.parametrize("postcode", ["abc", "x" * 10_000, ["2181"], True])
def test_malformed_postcode(postcode: object) -> None:
    with pytest.raises(wm.InvalidProfileError, match=r"home\.postcode: must be a Dutch postcode"):
        wm.ClientProfile.model_validate({"client_id": "c1", "home": {"postcode": postcode}})


@given(st.floats(allow_nan=True, allow_infinity=True) | st.integers() | st.text(max_size=50))
def test_any_latitude_is_accepted_or_refused_cleanly(lat: object) -> None:
    data = {"client_id": "c1", "home": {"lat": lat, "lon": 4.58}}
    refusal: wm.InvalidProfileError | None = None
    try:
        profile = wm.ClientProfile.model_validate(data)
    except wm.InvalidProfileError as error:
        refusal = error
    if refusal is None:
        assert math.isfinite(profile.home.lat)
        assert -90 <= profile.home.lat <= 90
    else:
        # one fixed sentence: the value given is never part of it
        assert str(refusal) == f"Invalid client profile: {LAT_RULE.replace(chr(92), '')}"
        assert refusal.field == "home.lat"
