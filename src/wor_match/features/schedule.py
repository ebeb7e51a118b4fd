"""Schedule fit: how much of the activity's week falls when the client is available.

Value in [0, 1]: the share of the activity's slots that lie in the client's availability.
1 when either side gives no slots (a client available any time; a flexible activity, by
appointment). No overlap at all is a hard filter, so feasible rows score above 0.
"""

from __future__ import annotations

import numpy as np

from wor_match._vocab import Language
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray
from wor_match.models._slots import mask_to_slots

__all__ = ["ScheduleFit"]

_DAY_NL = {
    "mon": "ma",
    "tue": "di",
    "wed": "wo",
    "thu": "do",
    "fri": "vr",
    "sat": "za",
    "sun": "zo",
}
_PART_NL = {"morning": "ochtend", "afternoon": "middag", "evening": "avond"}


def slot_names(mask: int, language: Language) -> list[str]:
    """Readable slots of a bit mask, in weekly order ("di ochtend")."""
    if language == "nl":
        return [f"{_DAY_NL[s.day]} {_PART_NL[s.part]}" for s in mask_to_slots(int(mask))]
    return [f"{s.day.capitalize()} {s.part}" for s in mask_to_slots(int(mask))]


class ScheduleFit(Feature):
    name = "schedule"
    value_range = (0.0, 1.0)
    description = "Share of the activity's time slots within the client's availability."

    def compute(self, ctx: MatchContext) -> FloatArray:
        availability = ctx.per_pair(ctx.clients.availability)
        if not availability.any():
            return np.ones(len(ctx), dtype=np.float64)
        schedule = ctx.catalogue.schedule[ctx.rows].astype(np.uint64)
        slots = np.bitwise_count(schedule).astype(np.float64)
        shared = np.bitwise_count(schedule & availability.astype(np.uint64)).astype(np.float64)
        # no slots on either side: flexible, fits
        fit = np.divide(shared, slots, out=np.ones_like(slots), where=slots > 0)
        return np.where(availability == 0, 1.0, fit)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        schedule = int(ctx.catalogue.schedule[ctx.rows[position]])
        if schedule == 0:
            return {
                "nl": "Tijden in overleg (geen vaste dagdelen)",
                "en": "Times by arrangement (no fixed slots)",
            }[language]
        availability = ctx.profile_at(position).availability_mask or schedule
        shared = slot_names(schedule & availability, language)
        if not shared:
            return ""
        if language == "nl":
            return "Op een moment dat het uitkomt: " + ", ".join(shared[:3])
        return "At a time that suits: " + ", ".join(shared[:3])
