"""A person record for people-to-people matching: a client profile plus the people fields.

:class:`Person` subclasses :class:`~wor_match.ClientProfile`, so every client-profile field
(home, age, interests, energy sources and drains, mobility, availability, languages, social
preference, loneliness, Positive Health) is validated by the very same code; only the
people fields are new:

- ``person_id`` (required, takes the place of ``client_id``) and ``home`` (required);
- ``consent``: only ``True`` is ever matched; missing means ``False``;
- ``seeks``: any of ``peer``, ``buddy``, ``meals``; ``offers``: ``buddy``, ``meals``;
- ``capacity``: how many new partners a giver can take now (default 1);
- ``partner``: preferences about the other person (``min_age``, ``max_age``, ``gender``,
  ``languages``), hard rules on both sides;
- ``diet``: for a meal seeker what they need, for a cook what they can cook;
- ``waiting_since``: the date a seeker joined the waiting list;
- ``gender`` and ``situation`` (caregiver, bereaved, newcomer...): defined here until the
  client profile carries them; ``situation`` never enters a score or a reason.

Errors are :class:`~wor_match.InvalidProfileError` ("Invalid person record: ...") and never
repeat the values given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from wor_match.models._lists import language_codes, split_list
from wor_match.models.profile import ClientProfile
from wor_match.target_groups import Gender, TargetGroup

__all__ = [
    "DIETS",
    "GENDERS",
    "GIVER_PURPOSES",
    "PURPOSES",
    "SITUATIONS",
    "Diet",
    "Gender",
    "GiverPurpose",
    "PartnerPreferences",
    "Person",
    "Purpose",
    "Situation",
]

Purpose = Literal["peer", "buddy", "meals"]
GiverPurpose = Literal["buddy", "meals"]
Diet = Literal[
    "vegetarian",
    "vegan",
    "halal",
    "kosher",
    "no_pork",
    "diabetic",
    "low_salt",
    "gluten_free",
    "lactose_free",
    "soft",
]

#: gender and situation are the client profile's fields and vocabulary
#: (:mod:`wor_match.target_groups`): one definition for offers and people
Situation = TargetGroup

PURPOSES: tuple[Purpose, ...] = get_args(Purpose)
GIVER_PURPOSES: tuple[GiverPurpose, ...] = get_args(GiverPurpose)
GENDERS: tuple[Gender, ...] = get_args(Gender)
DIETS: tuple[Diet, ...] = get_args(Diet)
SITUATIONS: tuple[Situation, ...] = get_args(Situation)

_FROZEN = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)
#: Capacity above this is surely a typo (Thuisgekookt cooks take a handful of neighbours).
MAX_CAPACITY = 50


def _lower_list(value: Any) -> Any:
    items = split_list(value)
    if isinstance(items, list):
        return [item.strip().lower() if isinstance(item, str) else item for item in items]
    return items


class PartnerPreferences(BaseModel):
    """What a person asks of the other person; each given preference is a hard rule."""

    model_config = _FROZEN

    min_age: int | None = Field(None, ge=0, le=120)
    max_age: int | None = Field(None, ge=0, le=120)
    gender: list[Gender] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)

    @field_validator("gender", mode="before")
    @classmethod
    def _genders(cls, value: Any) -> Any:
        return _lower_list(value)

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any) -> Any:
        return language_codes(value)

    @model_validator(mode="after")
    def _age_order(self) -> PartnerPreferences:
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValueError("partner.min_age must not be above partner.max_age")
        return self


class Person(ClientProfile):
    """One person in a people pool, validated and frozen.

    Examples
    --------
    >>> person = Person.model_validate({"person_id": "p1", "home": {"postcode": "2181"},
    ...     "consent": True, "seeks": "peer", "interests": ["wandelen"]})
    >>> person.person_id, person.seeks, person.capacity
    ('p1', ['peer'], 1)
    """

    _what: ClassVar[str] = "person record"

    person_id: str = Field(min_length=1)
    #: the person_id (kept so a Person is a ClientProfile for every existing signal)
    client_id: str = Field("", exclude=True)
    consent: bool = False
    seeks: list[Purpose] = Field(default_factory=list)
    offers: list[GiverPurpose] = Field(default_factory=list)
    capacity: int = Field(1, ge=0, le=MAX_CAPACITY)
    partner: PartnerPreferences = Field(default_factory=PartnerPreferences)
    diet: list[Diet] = Field(default_factory=list)
    waiting_since: dt.date | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_client_id(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("client_id") not in (None, ""):
            raise ValueError("a person record has person_id, not client_id")
        return data

    @field_validator("seeks", "offers", "diet", mode="before")
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _lower_list(value)

    @field_validator("consent", mode="before")
    @classmethod
    def _consent(cls, value: Any) -> Any:
        # only an explicit yes counts: a blank CSV cell is no consent
        if value is None or (isinstance(value, str) and not value.strip()):
            return False
        if isinstance(value, str) and value.strip().lower() in ("ja", "yes", "y", "j"):
            return True
        if isinstance(value, str) and value.strip().lower() in ("nee", "no", "n"):
            return False
        return value

    @model_validator(mode="after")
    def _person(self) -> Person:
        object.__setattr__(self, "client_id", self.person_id)
        return self
