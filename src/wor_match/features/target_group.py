"""Target group: a bonus when the client is in the group an offer is for, a caution when
the group depends on a gender the profile does not state.

Value in [-0.5, 1] (:mod:`wor_match.target_groups`):

- 1.0 when the client's ``situation`` holds one of the offer's circumstance groups
  ("Voor mantelzorgers, zoals u"): an offer made for exactly this situation is what a coach
  looks for first (a mantelzorgcafé for a caregiver);
- 0.5 when the offer is for the client's gender (stated in the profile) or for an age group
  the client's age falls in ("Voor ouderen (55+)");
- -0.5 when the offer is for women or for men and the profile states no gender (or
  'other'): shown, with a caution to check;
- 0 otherwise, and for offers without target groups.

Offers for a circumstance group the client is not in, or for the other gender, never get
here: the hard filters (:mod:`wor_match.filters`) took them out.
"""

from __future__ import annotations

import numpy as np

from wor_match._vocab import Language
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray
from wor_match.filters import gender_masks, situation_masks
from wor_match.target_groups import (
    AGE_LIMITS,
    CIRCUMSTANCE_MASK,
    GENDER_GROUPS,
    GENDER_MASK,
    GROUP_LABELS,
    TARGET_GROUPS,
    group_mask,
)

__all__ = ["TargetGroupFit"]

IN_GROUP = 1.0
SAME_GENDER_OR_AGE = 0.5
GENDER_UNKNOWN = -0.5
_AGE_MASK = group_mask(AGE_LIMITS)


class TargetGroupFit(Feature):
    name = "target_group"
    value_range = (GENDER_UNKNOWN, IN_GROUP)
    description = "The client is in the group the offer is for (bonus), or its gender is unknown."

    def compute(self, ctx: MatchContext) -> FloatArray:
        groups = ctx.catalogue.target_group_mask[ctx.rows]
        value = np.zeros(len(ctx), dtype=np.float64)
        if not groups.any():
            return value
        gendered = groups & GENDER_MASK
        gender = ctx.per_pair(gender_masks(ctx))
        value[(gendered != 0) & (gender == 0)] = GENDER_UNKNOWN
        # an age group present means its limits were applied (the row gave none, or its
        # own): a client who passed the filter is in it
        same = ((gendered & gender) != 0) | (
            ((groups & _AGE_MASK) != 0) & ~np.isnan(ctx.per_pair(ctx.clients.age))
        )
        value[same] = SAME_GENDER_OR_AGE
        in_group = (groups & CIRCUMSTANCE_MASK & ctx.per_pair(situation_masks(ctx))) != 0
        value[in_group] = IN_GROUP
        return value

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        groups = int(ctx.catalogue.target_group_mask[int(ctx.rows[position])])
        client = int(ctx.client[position])
        labels = GROUP_LABELS[language]
        codes = [code for i, code in enumerate(TARGET_GROUPS) if groups >> i & 1]
        if value >= IN_GROUP:
            situation = int(situation_masks(ctx)[client])
            mine = [c for c in codes if group_mask([c]) & CIRCUMSTANCE_MASK & situation]
            text = labels[mine[0]]
            return f"Voor {text}, zoals u" if language == "nl" else f"For {text}, like you"
        if value > 0:
            gender = int(gender_masks(ctx)[client])
            mine = [c for c in codes if group_mask([c]) & gender] or [
                c for c in codes if c in AGE_LIMITS
            ]
            text = labels[mine[0]]
            return f"Bedoeld voor {text}" if language == "nl" else f"Meant for {text}"
        if value < 0:
            text = " en ".join(labels[c] for c in codes if c in GENDER_GROUPS)
            if language == "nl":
                return f"Alleen voor {text}: geslacht niet vastgelegd, even nagaan"
            text = " and ".join(GROUP_LABELS["en"][c] for c in codes if c in GENDER_GROUPS)
            return f"Only for {text}: gender not recorded, please check"
        return ""
