"""Positive Health: what the spider web (Huber et al. 2016) suggests an activity could add.

For each dimension the need is ``clip((6 - score) / 6, 0, 1)`` (0 from a score of 6 up; 1
at 0; 0 when not scored), paired with an aspect of the activity (0 or 1):

=======================  =============================================================
dimension                aspect of the activity
=======================  =============================================================
zingeving                meaningful role: volunteering, or a theme flagged meaningful
meedoen                  participation: a group setting, volunteering, or flagged
dagelijks_functioneren   weekly structure: at least one fixed weekly slot
lichaamsfuncties         adapted movement: a theme flagged adapted_movement
=======================  =============================================================

Value in [0, 1]: the largest need x aspect.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from wor_match._bits import any_common, to_bits
from wor_match._vocab import KINDS, SETTINGS
from wor_match.context import Language, MatchContext
from wor_match.features._base import Feature, FloatArray

__all__ = ["DIMENSIONS", "PositiveHealthFit", "health_need"]

#: A dimension scored at or above this does not call for anything.
NEED_FROM = 6.0
DIMENSIONS = ("zingeving", "meedoen", "dagelijks_functioneren", "lichaamsfuncties")
_TEXT = {
    "zingeving": (
        "Kan zingeving bieden: een betekenisvolle rol",
        "May add meaning: a purposeful role",
    ),
    "meedoen": (
        "Kan meedoen bevorderen: samen met anderen",
        "May support taking part, with others",
    ),
    "dagelijks_functioneren": (
        "Geeft structuur in de week: een vast moment",
        "Gives the week structure: a fixed moment",
    ),
    "lichaamsfuncties": ("Aangepast bewegen", "Adapted movement"),
}


def health_need(score: float | None) -> float:
    """Need from one spider-web score (0-10)."""
    if score is None:
        return 0.0
    return float(np.clip((NEED_FROM - score) / NEED_FROM, 0.0, 1.0))


class PositiveHealthFit(Feature):
    name = "positive_health"
    value_range = (0.0, 1.0)
    description = "Largest spider-web need that the activity's aspects could meet."

    def _scores(self, ctx: MatchContext) -> FloatArray:
        cat, rows = ctx.catalogue, ctx.rows
        need = ctx.clients.column(
            "health_need",
            lambda p: [health_need(getattr(p.positive_health, d)) for d in DIMENSIONS],
        ).reshape(len(ctx.clients), len(DIMENSIONS))
        themes = cat.structured_theme_bits[rows] | cat.description_theme_bits[rows]
        kind, setting = cat.kind[rows], cat.setting[rows]
        volunteering = kind == KINDS.index("volunteering")

        def flagged(flag: str) -> npt.NDArray[np.bool_]:
            return any_common(themes, to_bits(cat.taxonomy.flagged(flag)))

        group = (setting == SETTINGS.index("small_group")) | (
            setting == SETTINGS.index("large_group")
        )
        aspects = {
            "zingeving": volunteering | flagged("meaningful"),
            "meedoen": group | volunteering | flagged("participation"),
            "dagelijks_functioneren": cat.schedule[rows] != 0,
            "lichaamsfuncties": flagged("adapted_movement"),
        }
        pair_need = ctx.per_pair(need)
        return np.column_stack(
            [pair_need[:, j] * aspects[d].astype(np.float64) for j, d in enumerate(DIMENSIONS)]
        )

    def _cached_scores(self, ctx: MatchContext) -> FloatArray:
        # computed once per request context; reason() reuses what compute() found
        cached: FloatArray | None = ctx.__dict__.get("_positive_health_scores")
        if cached is None:
            cached = self._scores(ctx)
            ctx.__dict__["_positive_health_scores"] = cached
        return cached

    def compute(self, ctx: MatchContext) -> FloatArray:
        if len(ctx) == 0:
            return np.zeros(0, dtype=np.float64)
        return np.asarray(self._cached_scores(ctx).max(axis=1), dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        if value <= 0:
            return ""
        scores = self._cached_scores(ctx)[position]
        nl, en = _TEXT[DIMENSIONS[int(np.argmax(scores))]]
        return nl if language == "nl" else en
