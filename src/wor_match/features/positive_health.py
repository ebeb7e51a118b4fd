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
from wor_match._vocab import KINDS, SETTINGS, Language
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
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

    @staticmethod
    def _needs(ctx: MatchContext) -> FloatArray:
        """(clients, dimensions): the need of every client on every dimension."""
        return ctx.clients.column(
            "health_need",
            lambda p: [health_need(getattr(p.positive_health, d)) for d in DIMENSIONS],
        ).reshape(len(ctx.clients), len(DIMENSIONS))

    def compute(self, ctx: MatchContext) -> FloatArray:
        # per client, the value for each of the 16 combinations of aspects (the largest
        # need among them); per pair, one look-up by the row's combination
        need = self._needs(ctx)
        combos = np.arange(1 << len(DIMENSIONS))
        has = (combos[:, None] >> np.arange(len(DIMENSIONS))[None, :]) & 1
        table = (need[:, None, :] * has[None, :, :]).max(axis=2)  # (clients, 16)
        pattern = ctx.catalogue.derived("positive_health.pattern", _aspect_pattern)[ctx.rows]
        if ctx.single:
            return np.asarray(table[0][pattern], dtype=np.float64)
        return np.asarray(table.ravel()[ctx.client * len(combos) + pattern], dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        if value <= 0:
            return ""
        row = ctx.rows[position]
        aspects = ctx.catalogue.derived("positive_health.aspects", catalogue_aspects)[row]
        scores = self._needs(ctx)[ctx.client[position]] * aspects
        nl, en = _TEXT[DIMENSIONS[int(np.argmax(scores))]]
        return nl if language == "nl" else en


def _aspect_pattern(cat: Catalogue) -> npt.NDArray[np.intp]:
    """Per catalogue row, its aspects as bits (bit j: dimension j of DIMENSIONS)."""
    aspects = catalogue_aspects(cat).astype(np.intp)
    return np.asarray(aspects @ (1 << np.arange(len(DIMENSIONS))), dtype=np.intp)


def catalogue_aspects(cat: Catalogue) -> npt.NDArray[np.bool_]:
    """(rows, dimensions): which aspect of the table above each catalogue row has."""
    themes = cat.structured_theme_bits | cat.description_theme_bits
    volunteering = cat.kind == KINDS.index("volunteering")

    def flagged(flag: str) -> npt.NDArray[np.bool_]:
        return any_common(themes, to_bits(cat.taxonomy.flagged(flag)))

    group = (cat.setting == SETTINGS.index("small_group")) | (
        cat.setting == SETTINGS.index("large_group")
    )
    aspects = {
        "zingeving": volunteering | flagged("meaningful"),
        "meedoen": group | volunteering | flagged("participation"),
        "dagelijks_functioneren": cat.schedule != 0,
        "lichaamsfuncties": flagged("adapted_movement"),
    }
    return np.column_stack([aspects[d] for d in DIMENSIONS]).reshape(len(cat), len(DIMENSIONS))
