"""An Activity says exactly what its CSV form says (so a catalogue can hold it as columns)."""

from __future__ import annotations

from typing import Any

import pytest

from wor_match._errors import InvalidActivityError
from wor_match.models._slots import Slot, canonical_slots, parse_slots
from wor_match.models.activity import MAX_CAPACITY, Activity


def activity(**fields: Any) -> Activity:
    return Activity.model_validate({"activity_id": "a1", "name": "Koor", **fields})


@pytest.mark.parametrize("field", ["categories", "tags", "coverage"])
@pytest.mark.parametrize(
    "value",
    ["a;b", ["a;b"], ["a", "b"], [" a ; ", "", "b "], ("a", "b;"), [b"a;b"]],
)  # fmt: skip
def test_list_items_are_split_like_the_string_form(field: str, value: Any) -> None:
    assert getattr(activity(**{field: value}), field) == ["a", "b"]


def test_any_iterable_pydantic_reads_as_a_list_is_split() -> None:
    assert activity(tags=(item for item in ["a;b", "c"])).tags == ["a", "b", "c"]
    assert activity(tags={"a;b"}).tags == ["a", "b"]


def test_list_items_that_are_not_text_are_still_rejected() -> None:
    with pytest.raises(
        InvalidActivityError, match=r"categories\.1: Input should be a valid string"
    ):
        activity(categories=["a", 7])
    with pytest.raises(InvalidActivityError, match="categories: Input should be a valid list"):
        activity(categories={"a": 1})


def test_language_lists_are_split_and_lower_cased() -> None:
    assert activity(languages=["NL;EN", " ar "]).languages == ["nl", "en", "ar"]
    assert activity(languages="").languages == ["nl"]
    assert activity(languages=";").languages == []
    with pytest.raises(InvalidActivityError, match="languages must be ISO 639-1 codes"):
        activity(languages=["nl;nld"])


def test_schedule_is_canonical() -> None:
    mon_morning, wed_evening = Slot(day="mon", part="morning"), Slot(day="wed", part="evening")
    for value in [
        "wo:avond;ma:ochtend;mon:morning",
        ["wed:evening;mon:morning"],
        [{"day": "wed", "part": "evening"}, "mon:morning", mon_morning],
    ]:
        assert activity(schedule=value).schedule == [mon_morning, wed_evening]
    assert activity(schedule=[""]).schedule == []
    assert activity(schedule="wed:evening;mon:morning").to_record()["schedule"] == [
        "mon:morning",
        "wed:evening",
    ]


def test_parse_slots_reads_strings_in_a_list_as_the_string_form() -> None:
    assert parse_slots(["ma:ochtend;di:avond", " "]) == [
        {"day": "mon", "part": "morning"},
        {"day": "tue", "part": "evening"},
    ]
    with pytest.raises(ValueError, match="a slot is written day:part"):
        parse_slots(["monday"])


def test_canonical_slots() -> None:
    slots = [Slot(day="sun", part="evening"), Slot(day="mon", part="morning")] * 2
    assert [str(s) for s in canonical_slots(slots)] == ["mon:morning", "sun:evening"]


def test_blank_postcode_is_none() -> None:
    assert activity(postcode="  ").postcode is None
    assert activity(postcode=" 2181 ").postcode == "2181"


def test_capacity_has_an_upper_bound() -> None:
    assert activity(capacity=MAX_CAPACITY).capacity == MAX_CAPACITY
    with pytest.raises(
        InvalidActivityError,
        match=r"capacity: Input should be less than or equal to 1000000000",
    ):
        activity(capacity=MAX_CAPACITY + 1)
