"""First step: for high loneliness with low energy, low-threshold, nearby, small-scale offers.

Need in {0, 0.5, 1}: 1 when the loneliness band is severe (or very severe) and energy is
low (mentaal_welbevinden or lichaamsfuncties at most 4 on the spider web); 0.5 when only
one of the two holds with the other unknown, or the band is moderate with low energy;
0 otherwise.

Threshold in [0, 1]: the mean of four checks: close by (at most 10 minutes, or at home),
small scale (one-to-one, small group, or a buddy), free, and a low-threshold theme in the
taxonomy (walk-in, coffee morning, huiskamer). Value = need x threshold.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from wor_match._bits import any_common, to_bits
from wor_match._vocab import DELIVERIES, KINDS, SETTINGS, Language
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray
from wor_match.models.profile import ClientProfile

__all__ = ["FirstStep", "first_step_need"]

#: Spider-web score at or below which energy counts as low.
LOW_ENERGY = 4.0
NEARBY_MINUTES = 10.0


def first_step_need(profile: ClientProfile) -> float:
    """How much the profile calls for a low-threshold first step: 0, 0.5 or 1."""
    band = profile.loneliness.band if profile.loneliness else None
    health = profile.positive_health
    energy = [v for v in (health.mentaal_welbevinden, health.lichaamsfuncties) if v is not None]
    low_energy: bool | None = min(energy) <= LOW_ENERGY if energy else None
    severe = band in ("severe", "very_severe")
    if severe and low_energy:
        return 1.0
    if (severe and low_energy is None) or (band == "moderate" and low_energy):
        return 0.5
    return 0.0


def _row_checks(cat: Catalogue) -> npt.NDArray[np.float64]:
    """Per catalogue row, how many of the three checks that do not depend on the client
    it passes: small scale, free, a low-threshold theme."""
    small = (
        (cat.setting == SETTINGS.index("one_on_one"))
        | (cat.setting == SETTINGS.index("small_group"))
        | (cat.kind == KINDS.index("buddy"))
    )
    free = cat.cost == 0
    low_threshold = any_common(
        cat.structured_theme_bits | cat.description_theme_bits,
        to_bits(cat.taxonomy.flagged("low_threshold")),
    )
    return np.asarray(small.astype(np.float64) + free + low_threshold, dtype=np.float64)


class FirstStep(Feature):
    name = "first_step"
    value_range = (0.0, 1.0)
    description = "Low-threshold, nearby, small-scale offer when loneliness is high and energy low."

    def compute(self, ctx: MatchContext) -> FloatArray:
        need = ctx.per_pair(ctx.clients.column("first_step_need", first_step_need))
        if not need.any():
            return np.zeros(len(ctx), dtype=np.float64)
        cat, rows = ctx.catalogue, ctx.rows
        with np.errstate(invalid="ignore"):
            nearby = (cat.delivery[rows] == DELIVERIES.index("at_home")) | (
                ctx.travel_minutes <= NEARBY_MINUTES
            )
        passed = cat.derived("first_step.checks", _row_checks)[rows] + nearby
        return np.asarray(need * (passed / 4.0), dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        if value < 0.5:
            return ""
        return {
            "nl": "Laagdrempelig en dichtbij: een kleine eerste stap",
            "en": "Low-threshold and close by: a small first step",
        }[language]
