"""Weekly time slots (day x day part) and their compact forms.

A slot is ``{"day": "mon", "part": "morning"}``; the CSV form is ``mon:morning``; internally a
set of slots is a bit mask with bit ``day_index * 3 + part_index``. A validated schedule is
canonical (:func:`canonical_slots`): each slot once, in weekly order, so it says no more than
its mask.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Final

from pydantic import BaseModel, ConfigDict

from wor_match._vocab import DAYS, PARTS, Day, Part
from wor_match.models._lists import split_text

__all__ = [
    "ALL_SLOTS",
    "N_SLOTS",
    "SLOT_BITS",
    "Slot",
    "canonical_slots",
    "mask_to_slots",
    "mask_to_text",
    "parse_slots",
    "part_mask",
    "slots_to_mask",
]

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


#: Every weekly slot, in bit order: ``ALL_SLOTS[bit].bit == bit``.
ALL_SLOTS: Final = tuple(Slot(day=day, part=part) for day in DAYS for part in PARTS)
#: Number of weekly slots (7 days x 3 day parts); a schedule is a bit mask over them.
N_SLOTS: Final = len(ALL_SLOTS)
#: (day, part) -> the slot's bit.
SLOT_BITS: Final[dict[tuple[str, str], int]] = {(s.day, s.part): s.bit for s in ALL_SLOTS}


@lru_cache(maxsize=4096)
def mask_to_slots(mask: int) -> tuple[Slot, ...]:
    """The slots of a bit mask, in weekly order (the inverse of :func:`slots_to_mask`).

    Examples
    --------
    >>> [str(slot) for slot in mask_to_slots(257)]
    ['mon:morning', 'wed:evening']
    """
    return tuple(slot for slot in ALL_SLOTS if mask >> slot.bit & 1)


def mask_to_text(mask: int) -> str:
    """The CSV form of a slot mask, in weekly order (``mon:morning;wed:evening``)."""
    return ";".join(map(str, mask_to_slots(int(mask))))


def part_mask(part: Part) -> int:
    """The mask of one part of the day on every day of the week."""
    return slots_to_mask(slot for slot in ALL_SLOTS if slot.part == part)
