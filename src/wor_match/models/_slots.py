"""Weekly time slots (day x day part) and their compact forms.

A slot is ``{"day": "mon", "part": "morning"}``; the CSV form is ``mon:morning``; internally a
set of slots is a bit mask with bit ``day_index * 3 + part_index``. A validated schedule is
canonical (:func:`canonical_slots`): each slot once, in weekly order, so it says no more than
its mask.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from wor_match._vocab import DAYS, PARTS, Day, Part
from wor_match.models._lists import split_text

__all__ = ["Slot", "canonical_slots", "parse_slots", "slots_to_mask", "slots_to_text"]

_DAY_ALIASES = {
    "ma": "mon", "maandag": "mon", "monday": "mon",
    "di": "tue", "dinsdag": "tue", "tuesday": "tue",
    "wo": "wed", "woensdag": "wed", "wednesday": "wed",
    "do": "thu", "donderdag": "thu", "thursday": "thu",
    "vr": "fri", "vrijdag": "fri", "friday": "fri",
    "za": "sat", "zaterdag": "sat", "saturday": "sat",
    "zo": "sun", "zondag": "sun", "sunday": "sun",
}  # fmt: skip
_PART_ALIASES = {"ochtend": "morning", "middag": "afternoon", "avond": "evening"}


class Slot(BaseModel):
    """One weekly time slot: a day (mon..sun) and a part of the day."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    day: Day
    part: Part

    @property
    def bit(self) -> int:
        """Index of this slot in a schedule bit mask (0-20)."""
        return DAYS.index(self.day) * len(PARTS) + PARTS.index(self.part)

    def __str__(self) -> str:
        return f"{self.day}:{self.part}"


def _parse_one(item: Any) -> dict[str, str]:
    if isinstance(item, Slot):
        return {"day": item.day, "part": item.part}
    if isinstance(item, dict):
        return {str(k): str(v).strip().lower() for k, v in item.items()}
    if isinstance(item, str):
        day, sep, part = item.strip().lower().partition(":")
        if not sep:
            raise ValueError("a slot is written day:part, for example mon:morning")
        day, part = day.strip(), part.strip()
        return {"day": _DAY_ALIASES.get(day, day), "part": _PART_ALIASES.get(part, part)}
    raise ValueError("a slot is a {'day', 'part'} object or a 'day:part' string")


def parse_slots(value: Any) -> list[dict[str, str]]:
    """Normalise the accepted slot forms to a list of ``{"day", "part"}`` dicts.

    Accepts None or "" (no slots), a ``"mon:morning;wed:evening"`` string, or a list of
    dicts, ``"day:part"`` strings or :class:`Slot` objects. Dutch day and part names
    (``ma:ochtend``) are accepted too. A string in a list is read as the string form, so
    ``["mon:morning;wed:evening"]`` is two slots and ``[""]`` none.
    """
    if value is None:
        return []
    if isinstance(value, str):
        return [_parse_one(part) for part in split_text(value)]
    if not isinstance(value, Iterable) or isinstance(value, dict):
        raise ValueError("slots must be a list or a 'day:part;day:part' string")
    slots = []
    for item in value:
        if isinstance(item, str):
            slots += [_parse_one(part) for part in split_text(item)]
        else:
            slots.append(_parse_one(item))
    return slots


def canonical_slots(slots: Iterable[Slot]) -> list[Slot]:
    """Each slot once, in weekly order (bit order): the form a validated schedule has."""
    return sorted({slot.bit: slot for slot in slots}.values(), key=lambda slot: slot.bit)


def slots_to_mask(slots: Iterable[Slot]) -> int:
    """Bit mask of a set of slots (0 for none)."""
    mask = 0
    for slot in slots:
        mask |= 1 << slot.bit
    return mask


def slots_to_text(slots: Iterable[Slot]) -> str:
    """The CSV form, ``mon:morning;wed:evening``, in weekly order."""
    return ";".join(str(s) for s in sorted(slots, key=lambda s: s.bit))
