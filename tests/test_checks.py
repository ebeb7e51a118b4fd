from __future__ import annotations

import numpy as np
import pytest

from wor_match._checks import check_choice, check_k, check_language
from wor_match._errors import InvalidProfileError
from wor_match.models.profile import ClientProfile, as_profile


@pytest.mark.parametrize("bad", [0, -3, 1.5, True, "3", None])
def test_check_k_rejects(bad: object) -> None:
    with pytest.raises(
        ValueError,
        match=r"^The 'k' parameter of top_list must be an int in the range \[1, inf\)\. Got ",
    ):
        check_k(bad, function="top_list")


def test_check_k_accepts_numpy_integers() -> None:
    value = check_k(np.int64(3))
    assert value == 3
    assert type(value) is int


def test_check_choice_names_parameter_and_choices() -> None:
    assert check_choice("engine", "dask", ("local", "dask"), function="f") == "dask"
    with pytest.raises(
        ValueError, match=r"^The 'engine' parameter of f must be 'local' or 'dask'\. Got 'x' "
    ):
        check_choice("engine", "x", ("local", "dask"), function="f")
    with pytest.raises(ValueError, match=r"must be 'a', 'b' or 'c'\. Got 'd' instead\.$"):
        check_choice("mode", "d", ("a", "b", "c"), function="f")


def test_check_language() -> None:
    assert check_language("en") == "en"
    with pytest.raises(ValueError, match=r"'language' parameter of recommend must be 'nl' or"):
        check_language("de")  # type: ignore[arg-type]


def test_as_profile_forms_agree() -> None:
    raw = {"client_id": "c1", "home": {"lat": 52.0, "lon": 5.0}}
    profile = as_profile(raw)
    assert isinstance(profile, ClientProfile)
    assert as_profile(profile) is profile
    assert as_profile(profile.model_dump_json(), json=True) == profile


def test_as_profile_rejects_other_types_without_echoing_them() -> None:
    with pytest.raises(InvalidProfileError, match=r"expected a ClientProfile or a dict.*got str$"):
        as_profile('{"client_id": "secret-name"}')
    with pytest.raises(InvalidProfileError, match="got list"):
        as_profile(["secret-name"])
