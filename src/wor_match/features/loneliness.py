"""Loneliness type: the kind of contact an activity offers versus the kind that is missed.

Following de Jong Gierveld: *social* loneliness (missing a wider network) points to groups,
clubs, volunteering; *emotional* loneliness (missing a close bond) points to one-to-one
contact and small groups where bonds can grow. Group activities alone do little for
emotional loneliness.

Each activity has two affinities in [0, 1] (tables below; online offers count half, since
contact is at a distance). With s and e the social and emotional subscale scores as shares
of their maxima, and t the total as a share of its maximum:

    value = t x (s x social_affinity + e x emotional_affinity) / (s + e)

Value in [0, 1]; 0 without a loneliness score or when both subscales are 0.
"""

from __future__ import annotations

import numpy as np

from wor_match._vocab import DELIVERIES, KINDS, Language
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray
from wor_match.models.profile import ClientProfile

__all__ = [
    "EMOTIONAL_AFFINITY",
    "LonelinessFit",
    "SOCIAL_AFFINITY",
]

#: by setting (individual, one_on_one, small_group, large_group, unknown)
SOCIAL_AFFINITY = np.array([0.0, 0.2, 0.8, 1.0, 0.5])
EMOTIONAL_AFFINITY = np.array([0.0, 1.0, 0.7, 0.2, 0.4])
#: volunteering builds a wider network; a buddy is a close bond
VOLUNTEERING_SOCIAL_BONUS = 0.2
ONLINE_FACTOR = 0.5

_TOTAL_MAX = {"djg11": 11, "djg6": 6}


def _shares(profile: ClientProfile) -> tuple[float, float, float]:
    """(social share, emotional share, total share) of a profile; zeros without a total."""
    score = profile.loneliness
    if score is None or score.total is None:
        return 0.0, 0.0, 0.0
    return score.social_share, score.emotional_share, score.total / _TOTAL_MAX[score.scale]


def catalogue_affinities(cat: Catalogue) -> tuple[FloatArray, FloatArray]:
    """(social, emotional) affinity of every catalogue row, in [0, 1]."""
    setting = cat.setting.astype(np.intp)  # -1 (unknown) indexes the last entry
    social = SOCIAL_AFFINITY[setting].copy()
    emotional = EMOTIONAL_AFFINITY[setting].copy()
    social[cat.kind == KINDS.index("volunteering")] += VOLUNTEERING_SOCIAL_BONUS
    emotional[cat.kind == KINDS.index("buddy")] = 1.0
    online = cat.delivery == DELIVERIES.index("online")
    social[online] *= ONLINE_FACTOR
    emotional[online] *= ONLINE_FACTOR
    return np.clip(social, 0.0, 1.0), np.clip(emotional, 0.0, 1.0)


def affinities(ctx: MatchContext) -> tuple[FloatArray, FloatArray]:
    """(social, emotional) affinity of each row of a context, in [0, 1] (per catalogue
    row, computed once per catalogue)."""
    table = ctx.catalogue.derived(
        "loneliness.affinities", lambda cat: np.column_stack(catalogue_affinities(cat))
    )
    both = np.take(table, ctx.rows, axis=0)  # (numpy's table[rows] is far slower in 2-D)
    return both[:, 0], both[:, 1]


class LonelinessFit(Feature):
    name = "loneliness"
    value_range = (0.0, 1.0)
    description = "Fit between the contact an activity offers and the loneliness type."

    def compute(self, ctx: MatchContext) -> FloatArray:
        shares = ctx.clients.column("loneliness_shares", _shares)
        s, e, t = (ctx.per_pair(shares[:, j]) for j in range(3))
        lonely = (s + e) > 0
        if not lonely.any():
            return np.zeros(len(ctx), dtype=np.float64)
        social, emotional = affinities(ctx)
        value = np.divide(
            t * (s * social + e * emotional), s + e, out=np.zeros(len(ctx)), where=lonely
        )
        return np.asarray(value, dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        score = ctx.profile_at(position).loneliness
        if score is None or value < 0.2:
            return ""
        if score.emotional_share >= score.social_share:
            return {
                "nl": "Biedt persoonlijk contact, waar de antwoorden op de eenzaamheidsvragen "
                "om lijken te vragen",
                "en": "Offers personal contact, which the loneliness answers seem to ask for",
            }[language]
        return {
            "nl": "Biedt kans op nieuwe contacten, waar de antwoorden op de eenzaamheidsvragen "
            "om lijken te vragen",
            "en": "Offers a chance of new contacts, which the loneliness answers seem to ask for",
        }[language]
