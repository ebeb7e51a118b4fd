"""An activity, volunteer role, buddy or meal service from a local catalogue.

Only ``activity_id`` and ``name`` are required: real catalogues are messy. Free-text
``categories`` and ``tags`` are kept as given; the catalogue maps what it recognises to the
theme taxonomy (:mod:`wor_match.taxonomy`).

A validated activity says exactly what its CSV form says, so a catalogue can hold it as
columns and give it back unchanged: list items are split on ";" wherever they come from
(``["a;b"]``, ``"a;b"`` and ``["a", "b"]`` are the same list; blank items are dropped), the
schedule holds each slot once in weekly order, a blank postcode is None, and ``capacity``
is at most :data:`MAX_CAPACITY` (so a float column holds it exactly).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pydantic import Field, field_validator, model_validator

from wor_match._errors import InvalidActivityError, WorMatchError
from wor_match._vocab import Delivery, Kind, Referral, Setting, Status
from wor_match.models._base import ValidatedModel
from wor_match.models._lists import language_codes, split_list
from wor_match.models._slots import Slot, canonical_slots, parse_slots

__all__ = [
    "ACTIVITY_FIELDS",
    "Activity",
    "LIST_FIELDS",
    "MAX_CAPACITY",
]

_TRUE = frozenset({"true", "1", "yes", "ja", "y", "j", "waar"})
_FALSE = frozenset({"false", "0", "no", "nee", "n", "onwaar"})
_UNKNOWN = frozenset({"unknown", "onbekend", "?"})
#: Largest capacity accepted: far above any real group, and exact in a float64 column.
MAX_CAPACITY = 1_000_000_000


# The field rules below are plain functions so that the columnar validation
# (wor_match.catalogue._validate) applies the very same code to each distinct cell value.


def _choice(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _tristate(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        if text in _UNKNOWN:
            return None
        raise ValueError("wheelchair_accessible must be true, false or empty (unknown)")
    return value


class Activity(ValidatedModel):
    """One offer in a catalogue, validated and frozen.

    Examples
    --------
    >>> a = Activity.model_validate({"activity_id": "a1", "name": "Wandelgroep",
    ...     "schedule": "tue:morning", "wheelchair_accessible": "", "categories": "Bewegen;Natuur"})
    >>> a.schedule[0].day, a.wheelchair_accessible, a.categories
    ('tue', None, ['Bewegen', 'Natuur'])
    """

    _error_class: ClassVar[type[WorMatchError]] = InvalidActivityError
    _what: ClassVar[str] = "activity"

    activity_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    description: str = ""
    kind: Kind = "activity"
    delivery: Delivery = "on_site"
    categories: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    postcode: str | None = None
    schedule: list[Slot] = Field(default_factory=list)
    cost_per_month: float | None = Field(None, ge=0)
    wheelchair_accessible: bool | None = None
    social_setting: Setting | None = None
    min_age: int | None = Field(None, ge=0, le=120)
    max_age: int | None = Field(None, ge=0, le=120)
    languages: list[str] = Field(default_factory=lambda: ["nl"])
    capacity: int | None = Field(None, ge=0, le=MAX_CAPACITY)
    status: Status = "active"
    provider: str = ""
    contact: str = ""
    url: str = ""
    referral: Referral = "signposting"
    last_verified: dt.date | None = None
    coverage: list[str] = Field(default_factory=list)
    source: str = ""

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data: Any) -> Any:
        # CSV and spreadsheet cells arrive as "" (or NaN from pandas) when empty.
        if isinstance(data, dict):
            return {
                key: None if value is None or value == "" or value != value else value
                for key, value in data.items()
            }
        return data

    @field_validator("categories", "tags", "coverage", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return split_list(value)

    @field_validator("description", "provider", "contact", "url", "source", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator("kind", "delivery", "status", "referral", mode="before")
    @classmethod
    def _defaults(cls, value: Any, info: Any) -> Any:
        if value is None:
            return cls.model_fields[info.field_name].default
        return _choice(value)

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any) -> Any:
        if value is None:
            return ["nl"]
        return language_codes(value)

    @field_validator("schedule", mode="before")
    @classmethod
    def _slots(cls, value: Any) -> Any:
        return parse_slots(value)

    @field_validator("schedule")
    @classmethod
    def _canonical_schedule(cls, value: list[Slot]) -> list[Slot]:
        return canonical_slots(value)

    @field_validator("postcode")
    @classmethod
    def _blank_postcode(cls, value: str | None) -> str | None:
        # "  " is stripped to "": as missing as an empty cell
        return value or None

    @field_validator("wheelchair_accessible", mode="before")
    @classmethod
    def _wheelchair(cls, value: Any) -> Any:
        return _tristate(value)

    @field_validator("min_age", "max_age", "capacity", mode="before")
    @classmethod
    def _whole_number(cls, value: Any) -> Any:
        # pandas reads an integer column with gaps as floats (18.0)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Activity:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("lat and lon must be given together")
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError("min_age must not exceed max_age")
        return self

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict in the CSV column order (lists as lists, slots as 'day:part')."""
        data = self.model_dump(mode="json")
        data["schedule"] = [str(slot) for slot in self.schedule]
        return data


#: Column order of the CSV form.
ACTIVITY_FIELDS: tuple[str, ...] = tuple(Activity.model_fields)
#: Fields written as ';'-separated lists in CSV.
LIST_FIELDS: frozenset[str] = frozenset({"categories", "tags", "schedule", "languages", "coverage"})
