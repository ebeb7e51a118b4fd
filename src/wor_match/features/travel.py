"""Travel ease: how easily the client gets there by their own mode.

Value in [0, 1]: ``1 - travel_minutes / max_minutes`` for on-site activities (1 on the
doorstep, 0 at the limit; beyond the limit the activity is filtered out); 1 for at-home and
online offers, where no travel is needed. Travel time comes from
:func:`wor_match.geo.travel_minutes` (haversine x detour 1.3, speed and overhead by mode).
"""

from __future__ import annotations

import numpy as np

from wor_match._vocab import DELIVERIES, Language
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray
from wor_match.geo.travel import TRAVEL_MODES

__all__ = ["TravelEase"]


def _number(value: float, language: Language, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language == "nl" else text


class TravelEase(Feature):
    name = "travel"
    value_range = (0.0, 1.0)
    description = "Ease of getting there: 1 - travel minutes / the client's limit."

    def compute(self, ctx: MatchContext) -> FloatArray:
        limit = np.maximum(ctx.per_pair(ctx.clients.max_minutes), 1)
        minutes = ctx.travel_minutes
        ease = np.clip(1.0 - minutes / limit, 0.0, 1.0)
        return np.where(np.isnan(minutes), 1.0, ease)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        minutes = ctx.travel_minutes[position]
        if np.isnan(minutes):
            delivery = ctx.catalogue.delivery[ctx.rows[position]]
            if delivery == DELIVERIES.index("at_home"):
                return {"nl": "Komt bij u thuis", "en": "Comes to the client's home"}[language]
            return {"nl": "Online, geen reistijd", "en": "Online, no travel"}[language]
        mode = TRAVEL_MODES[ctx.profile_at(position).mobility.mode]
        km = _number(float(ctx.distance_km[position]), language)
        whole = max(round(minutes), 1)
        if language == "nl":
            unit = "minuut" if whole == 1 else "minuten"
            return f"Ongeveer {whole} {unit} {mode.label_nl} ({km} km hemelsbreed)"
        unit = "minute" if whole == 1 else "minutes"
        return f"About {whole} {unit} {mode.label_en} ({km} km as the crow flies)"
