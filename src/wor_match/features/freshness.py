"""Stale data: how long ago the catalogue entry was last verified.

Out-of-date entries are the top complaint about local service maps. Value in [0, 1], used
with a small negative weight: 0 when verified within :data:`STALE_AFTER_DAYS` of the request
date, rising linearly to 1 a further year later; 0.5 when the date is unknown. The reason
says how old the entry is so a coach can check before referring.
"""

from __future__ import annotations

import numpy as np

from wor_match._vocab import Language
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray

__all__ = ["STALE_AFTER_DAYS", "Staleness"]

STALE_AFTER_DAYS = 365
UNKNOWN_VALUE = 0.5


def _staleness(cat: Catalogue, today: int) -> FloatArray:
    """The value of every catalogue row on one day (ordinal)."""
    verified = cat.verified
    stale = np.clip((today - verified - STALE_AFTER_DAYS) / 365.0, 0.0, 1.0)
    return np.where(np.isnan(verified), UNKNOWN_VALUE, stale)


class Staleness(Feature):
    name = "stale"
    value_range = (0.0, 1.0)
    description = "Age of last_verified beyond a year, as a share of the following year."

    def compute(self, ctx: MatchContext) -> FloatArray:
        today = ctx.today.toordinal()
        cached: dict[int, FloatArray] = ctx.catalogue.derived("stale", lambda cat: {})
        if today not in cached:
            cached.clear()  # keep the values of one day only
            cached[today] = _staleness(ctx.catalogue, today)
        return np.asarray(cached[today][ctx.rows], dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        verified = ctx.catalogue.verified[ctx.rows[position]]
        if np.isnan(verified):
            return {
                "nl": "Onbekend wanneer deze gegevens zijn gecontroleerd",
                "en": "Unknown when this entry was last checked",
            }[language]
        if value <= 0:
            return ""
        months = int((ctx.today.toordinal() - verified) // 30.44)
        return {
            "nl": f"Gegevens {months} maanden niet gecontroleerd: even nagaan of het nog loopt",
            "en": f"Entry not checked for {months} months: worth confirming it still runs",
        }[language]
