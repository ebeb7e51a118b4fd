"""Energy drains (energievreters): how much of what drains the client an activity holds.

Value in [0, 1], used with a negative weight. It is the larger of
- the text match of the drains against the activity's themes and words (as for interests),
- setting hints from drain themes in the taxonomy: a theme flagged ``setting:large_group``
  ("drukte", "crowds") scores 1 on large-group activities; ``time:morning`` /
  ``time:evening`` score the share of the activity's slots in that part of the day;
  ``online`` scores 1 on online activities.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from wor_match._vocab import DELIVERIES, PARTS, SETTINGS
from wor_match.context import Language, MatchContext
from wor_match.features._base import Feature, FloatArray
from wor_match.features.interest import describe_match

__all__ = ["EnergyDrain"]

_DAY_PART_MASKS = {
    part: sum(1 << (day * len(PARTS) + index) for day in range(7))
    for index, part in enumerate(PARTS)
}


def _popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values.astype(np.uint64)).astype(np.float64)


class EnergyDrain(Feature):
    name = "energy_drain"
    value_range = (0.0, 1.0)
    description = "How much of what drains the client's energy the activity holds."
    template: ClassVar[dict[str, str]] = {
        "nl": "Let op: bevat iets wat energie kost ({what})",
        "en": "Note: includes something that drains energy ({what})",
    }

    def compute(self, ctx: MatchContext) -> FloatArray:
        match = ctx.terms("energy_drains")
        if match.empty:
            return np.zeros(len(ctx), dtype=np.float64)
        value = ctx.text_strength(match)
        cat, rows = ctx.catalogue, ctx.rows
        for index in np.flatnonzero(match.theme_weights):
            flags = cat.taxonomy.themes[index].flags
            if "setting:large_group" in flags:
                hint = (cat.setting[rows] == SETTINGS.index("large_group")).astype(np.float64)
                value = np.maximum(value, hint)
            if "online" in flags:
                hint = (cat.delivery[rows] == DELIVERIES.index("online")).astype(np.float64)
                value = np.maximum(value, hint)
            for part in ("morning", "evening"):
                if f"time:{part}" in flags:
                    schedule = cat.schedule[rows]
                    slots = _popcount(schedule)
                    in_part = _popcount(schedule & _DAY_PART_MASKS[part])
                    share = np.divide(in_part, slots, out=np.zeros_like(slots), where=slots > 0)
                    value = np.maximum(value, share)
        return value

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        if value <= 0:
            return ""
        match = ctx.terms("energy_drains")
        what = describe_match(ctx, match, position, language)
        if not what:
            what = ", ".join(sorted(set(match.theme_phrase.values())))
        return self.template[language].format(what=what)
