"""Accessibility unknown: a wheelchair user and an on-site activity of unknown access.

Inaccessible activities are filtered out; unknown access is allowed but flagged. Value 1 for
such rows, else 0; used with a small negative weight.
"""

from __future__ import annotations

import numpy as np

from wor_match._vocab import DELIVERIES, Language
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray

__all__ = ["AccessUnknown"]


class AccessUnknown(Feature):
    name = "access_unknown"
    value_range = (0.0, 1.0)
    description = "1 when a wheelchair user meets an on-site activity of unknown access."

    def compute(self, ctx: MatchContext) -> FloatArray:
        wheelchair = ctx.per_pair(ctx.clients.wheelchair)
        if not wheelchair.any():
            return np.zeros(len(ctx), dtype=np.float64)
        cat, rows = ctx.catalogue, ctx.rows
        on_site = cat.delivery[rows] == DELIVERIES.index("on_site")
        return np.asarray(wheelchair & on_site & (cat.wheelchair[rows] < 0), dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        if value <= 0:
            return ""
        return {
            "nl": "Rolstoeltoegankelijkheid onbekend: vooraf navragen",
            "en": "Wheelchair access unknown: check beforehand",
        }[language]
