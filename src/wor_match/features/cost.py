"""Cost: cheaper is easier; free is best.

Value in [0, 1]: ``1 / (1 + cost_per_month / 10)``: free 1.0, EUR 10 a month 0.5, EUR 30
0.25. Unknown cost scores 0.5 and is said in the explanation. Activities above the client's
budget are filtered out before this signal is computed.
"""

from __future__ import annotations

import numpy as np

from wor_match._vocab import Language
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray

__all__ = [
    "CostEase",
    "HALF_VALUE_EUR",
]

#: Monthly cost in EUR at which the signal is 0.5.
HALF_VALUE_EUR = 10.0


def _ease(cat: Catalogue) -> FloatArray:
    """The value of every catalogue row (it depends on the row only)."""
    cost = cat.cost
    return np.where(np.isnan(cost), 0.5, 1.0 / (1.0 + np.nan_to_num(cost) / HALF_VALUE_EUR))


class CostEase(Feature):
    name = "cost"
    value_range = (0.0, 1.0)
    description = "1 / (1 + cost per month / EUR 10); unknown cost 0.5."

    def compute(self, ctx: MatchContext) -> FloatArray:
        return np.asarray(ctx.catalogue.derived("cost.ease", _ease)[ctx.rows], dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        cost = float(ctx.catalogue.cost[ctx.rows[position]])
        if np.isnan(cost):
            return {"nl": "Kosten onbekend: even navragen", "en": "Cost unknown: worth asking"}[
                language
            ]
        if cost == 0:
            return {"nl": "Gratis", "en": "Free of charge"}[language]
        amount = f"{cost:.2f}".replace(".", ",") if language == "nl" else f"{cost:.2f}"
        return {"nl": f"Kost € {amount} per maand", "en": f"Costs EUR {amount} a month"}[language]
