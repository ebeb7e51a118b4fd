"""The client profile: what a coach learns in the intake ("het andere gesprek").

All fields but ``client_id`` and ``home`` are optional. Validation happens here, at the
boundary; everything inward receives a frozen, valid :class:`ClientProfile`. Errors are
:class:`~wor_match.InvalidProfileError` and never repeat the values given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from wor_match._errors import InvalidProfileError, UnknownPostcodeError, WorMatchError
from wor_match._vocab import DELIVERIES, KINDS, Delivery, Kind, Mode, SocialPreference
from wor_match.geo.postcodes import load_pc4_table, normalise_postcode, resolve_postcode
from wor_match.geo.travel import TRAVEL_MODES
from wor_match.models._base import ValidatedModel
from wor_match.models._lists import language_codes
from wor_match.models._slots import Slot, parse_slots, slots_to_mask
from wor_match.models.loneliness import LonelinessScore

__all__ = ["ClientProfile", "Home", "Mobility", "PositiveHealth", "as_profile"]

_FROZEN = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


class Home(BaseModel):
    """Where the client lives: coordinates, or a Dutch postcode resolved offline (PC4)."""

    model_config = _FROZEN

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    postcode: str | None = None
    precision: str = Field("coordinates", description="'coordinates' or 'pc4_centroid'")
    #: PC4 area and gemeente of the home (for coverage rules), resolved offline
    pc4: str | None = None
    gemeente: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _resolve_postcode(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("home must be an object with lat and lon, or with postcode")
        postcode = data.get("postcode")
        table = load_pc4_table()
        if data.get("lat") is not None and data.get("lon") is not None:
            data = dict(data)
            if postcode:
                data.setdefault("pc4", normalise_postcode(str(postcode)))
            elif isinstance(data["lat"], int | float) and isinstance(data["lon"], int | float):
                data.setdefault("pc4", table.nearest(float(data["lat"]), float(data["lon"])))
        elif not postcode:
            raise ValueError("home needs lat and lon, or a Dutch postcode")
        else:
            try:
                lat, lon = resolve_postcode(str(postcode))
            except UnknownPostcodeError:
                raise ValueError(
                    "postcode is not in the offline PC4 table; give lat and lon"
                ) from None
            pc4 = normalise_postcode(str(postcode))
            data = {**data, "lat": lat, "lon": lon, "precision": "pc4_centroid", "pc4": pc4}
        if data.get("pc4") and not data.get("gemeente"):
            data["gemeente"] = table.gemeente(data["pc4"])
        return data


class Mobility(BaseModel):
    """How the client gets around and for how long (one way).

    ``max_minutes`` defaults per mode (see :data:`wor_match.geo.TRAVEL_MODES`); mode
    ``wheelchair`` implies ``wheelchair=True``.
    """

    model_config = _FROZEN

    mode: Mode = "walking"
    max_minutes: int | None = Field(None, ge=0, le=240)
    wheelchair: bool = False

    @model_validator(mode="after")
    def _defaults(self) -> Mobility:
        if self.max_minutes is None:
            object.__setattr__(self, "max_minutes", TRAVEL_MODES[self.mode].default_max_minutes)
        if self.mode == "wheelchair":
            object.__setattr__(self, "wheelchair", True)
        return self

    @property
    def minutes(self) -> int:
        """The travel limit in minutes (the default for the mode when none was given)."""
        return self.max_minutes if self.max_minutes is not None else 0


class PositiveHealth(BaseModel):
    """The six dimensions of the Positive Health spider web (Huber et al. 2016), 0-10 each."""

    model_config = _FROZEN

    lichaamsfuncties: float | None = Field(None, ge=0, le=10)
    mentaal_welbevinden: float | None = Field(None, ge=0, le=10)
    zingeving: float | None = Field(None, ge=0, le=10)
    kwaliteit_van_leven: float | None = Field(None, ge=0, le=10)
    meedoen: float | None = Field(None, ge=0, le=10)
    dagelijks_functioneren: float | None = Field(None, ge=0, le=10)


def _as_text_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(";") if part.strip()]
    return value


class ClientProfile(ValidatedModel):
    """A client's profile, validated and frozen.

    Examples
    --------
    >>> profile = ClientProfile.model_validate(
    ...     {"client_id": "c1", "home": {"postcode": "2181"}, "interests": ["tuinieren"]}
    ... )
    >>> profile.mobility.mode, profile.mobility.max_minutes
    ('walking', 20)
    """

    _error_class: ClassVar[type[WorMatchError]] = InvalidProfileError
    _what: ClassVar[str] = "client profile"

    client_id: str = Field(min_length=1)
    home: Home
    age: int | None = Field(None, ge=0, le=120)
    interests: list[str] = Field(default_factory=list)
    energy_sources: list[str] = Field(default_factory=list)
    energy_drains: list[str] = Field(default_factory=list)
    mobility: Mobility = Field(default_factory=Mobility)
    loneliness: LonelinessScore | None = None
    positive_health: PositiveHealth = Field(default_factory=PositiveHealth)
    availability: list[Slot] = Field(default_factory=list)
    max_cost_per_month: float | None = Field(None, ge=0)
    languages: list[str] = Field(default_factory=lambda: ["nl"], min_length=1)
    social_preference: SocialPreference = "no_preference"
    open_to: list[Kind] = Field(default_factory=lambda: list(KINDS), min_length=1)
    open_to_delivery: list[Delivery] = Field(default_factory=lambda: list(DELIVERIES), min_length=1)

    @field_validator("interests", "energy_sources", "energy_drains", mode="before")
    @classmethod
    def _text_list(cls, value: Any) -> Any:
        return _as_text_list(value)

    @field_validator("availability", mode="before")
    @classmethod
    def _slots(cls, value: Any) -> Any:
        return parse_slots(value)

    @field_validator("languages", mode="before")
    @classmethod
    def _languages(cls, value: Any) -> Any:
        return language_codes(value)

    @property
    def availability_mask(self) -> int:
        """Bit mask of available slots; 0 means any time."""
        return slots_to_mask(self.availability)


def as_profile(profile: Any, *, json: bool = False) -> ClientProfile:
    """A validated :class:`ClientProfile` from a profile or a dict in the profile form (and,
    with ``json=True``, a JSON document as str or bytes): the one coercion every entry
    point uses. Errors never repeat the profile's values.

    Raises
    ------
    InvalidProfileError
        If the profile does not validate, or is of another type.
    """
    if isinstance(profile, ClientProfile):
        return profile
    if json and isinstance(profile, str | bytes):
        return ClientProfile.model_validate_json(profile)
    if isinstance(profile, Mapping):
        return ClientProfile.model_validate(dict(profile))
    raise InvalidProfileError(
        "Invalid client profile: expected a ClientProfile or a dict in the profile form, "
        f"got {type(profile).__name__}"
    )
