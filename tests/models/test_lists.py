"""The list forms activities and profiles share (wor_match.models._lists)."""

from __future__ import annotations

import pytest

from wor_match import ClientProfile, InvalidProfileError
from wor_match.models._lists import language_codes, split_list
from wor_match.models.activity import Activity


def test_every_list_form_is_the_same_list() -> None:
    assert split_list("a; b;;") == split_list(["a;b", " "]) == split_list(["a", "b"]) == ["a", "b"]
    assert split_list(None) == []
    assert split_list([b"x;y", 3]) == ["x", "y", 3]
    assert split_list({"a": 1}) == {"a": 1}  # left for pydantic to reject


def test_language_codes() -> None:
    assert language_codes(" NL;en ") == ["nl", "en"]
    with pytest.raises(ValueError, match="ISO 639-1"):
        language_codes(["nl", "dutch"])


def test_profiles_and_activities_read_languages_alike() -> None:
    home = {"postcode": "2181"}
    for form in ("nl;EN", ["nl;en"], ["NL", "en"]):
        profile = ClientProfile.model_validate({"client_id": "c", "home": home, "languages": form})
        activity = Activity.model_validate({"activity_id": "a", "name": "n", "languages": form})
        assert profile.languages == activity.languages == ["nl", "en"]
    with pytest.raises(InvalidProfileError, match="ISO 639-1") as caught:
        ClientProfile.model_validate({"client_id": "c", "home": home, "languages": ["dutch"]})
    assert "dutch" not in str(caught.value)  # errors never echo profile values
