"""Hard rules for a pair of people, each with a reason code, vectorised over pairs.

A pair is a *seeker* (the person asking: for ``peer`` either of two peers) and a
*partner* (for ``buddy`` and ``meals`` the giver: a volunteer or a home cook). A pair that
breaks any rule is never matched; every code that applies is kept, so a coach can ask
"why not this person?".

======================  ===============================================================
code                    rule
======================  ===============================================================
no_consent              either person has not consented (missing consent is no consent)
same_person             the two records are the same person
not_seeking             the seeker does not seek the purpose (for peers: either of them)
not_offering            the giver does not offer the purpose (buddy and meals)
partner_age             an age preference of either side is not met (or the age is
                        unknown while a preference is given)
partner_gender          a gender preference of either side is not met (or unknown)
partner_language        either side asks for one of some languages; the other speaks none
no_shared_language      the two share no language
too_far                 peers: each must reach the other within their own travel time
                        (a housebound peer is visited: the other must reach them; two
                        housebound peers never meet); buddy and meals: the giver travels
                        to the seeker within the giver's travel time (a housebound giver
                        never does), so a housebound seeker only gets givers who come
no_shared_time          both give weekly times and none is shared
diet_not_covered        meals: the seeker needs a diet the cook cannot cook
no_room                 buddy and meals: the giver has no room (capacity 0; in ``assign``,
                        also every place taken)
======================  ===============================================================

Travel follows :mod:`wor_match.geo.travel` (haversine x detour 1.3 at the mode's speed,
plus overhead): a person reaches a distance when it is within :func:`max_radius_km` of
their own mode and minutes. Loneliness, Positive Health and situation are in no rule.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from wor_match.people._columns import PeopleColumns
from wor_match.people.person import PURPOSES, Purpose

__all__ = ["REASON_CODES", "REASON_TEXT", "Role", "pair_rules", "peer_reach_km", "violations"]

BoolArray = npt.NDArray[np.bool_]
IntpArray = npt.NDArray[np.intp]
Role = Literal["seeker", "giver"]

REASON_CODES: tuple[str, ...] = (
    "no_consent",
    "same_person",
    "not_seeking",
    "not_offering",
    "partner_age",
    "partner_gender",
    "partner_language",
    "no_shared_language",
    "too_far",
    "no_shared_time",
    "diet_not_covered",
    "no_room",
)

REASON_TEXT: dict[str, dict[str, str]] = {
    "no_consent": {"nl": "Geen toestemming om te koppelen", "en": "No consent to be matched"},
    "same_person": {"nl": "Dezelfde persoon", "en": "The same person"},
    "not_seeking": {"nl": "Zoekt dit niet", "en": "Does not seek this"},
    "not_offering": {"nl": "Biedt dit niet aan", "en": "Does not offer this"},
    "partner_age": {
        "nl": "Past niet bij een leeftijdswens",
        "en": "Does not meet an age preference",
    },
    "partner_gender": {"nl": "Past niet bij een wens over gender",
                       "en": "Does not meet a gender preference"},
    "partner_language": {"nl": "Spreekt niet de gevraagde taal",
                         "en": "Does not speak a language asked for"},
    "no_shared_language": {"nl": "Geen gedeelde taal", "en": "No shared language"},
    "too_far": {"nl": "Te ver weg", "en": "Too far away"},
    "no_shared_time": {"nl": "Geen gedeeld moment in de week", "en": "No shared time in the week"},
    "diet_not_covered": {"nl": "Kan het dieet niet koken", "en": "Cannot cook the diet"},
    "no_room": {"nl": "Geen plek meer", "en": "No room left"},
}  # fmt: skip


def _popcount_any(left: npt.NDArray[np.uint64], right: npt.NDArray[np.uint64]) -> BoolArray:
    return np.asarray(((left & right) != 0).any(axis=-1))


def peer_reach_km(
    viewer: PeopleColumns, v: IntpArray, other: PeopleColumns, o: IntpArray
) -> npt.NDArray[np.float64]:
    """The travel radius that scales the viewer's closeness: for peers the viewer's own
    (the other's when the viewer is housebound and is visited). For buddy and meals the
    giver's radius serves both sides (the giver travels)."""
    return np.where(viewer.housebound[v], other.radius_km[o], viewer.radius_km[v])


def pair_rules(
    purpose: Purpose,
    seeker: PeopleColumns,
    s: IntpArray,
    partner: PeopleColumns,
    p: IntpArray,
    distance_km: npt.NDArray[np.float64],
) -> dict[str, BoolArray]:
    """For each reason code, which pairs ``(seeker row s[i], partner row p[i])`` break it."""
    bit = np.int64(1 << PURPOSES.index(purpose))
    peer = purpose == "peer"
    out: dict[str, BoolArray] = {}
    out["no_consent"] = ~(seeker.consent[s] & partner.consent[p])
    out["same_person"] = seeker.ids[s] == partner.ids[p]
    seeks = (seeker.seeks[s] & bit) != 0
    if peer:
        seeks &= (partner.seeks[p] & bit) != 0
    out["not_seeking"] = ~seeks
    out["not_offering"] = np.zeros(len(s), dtype=bool) if peer else (partner.offers[p] & bit) == 0
    out["partner_age"] = _age_breaks(seeker, s, partner, p) | _age_breaks(partner, p, seeker, s)
    out["partner_gender"] = _gender_breaks(seeker, s, partner, p) | _gender_breaks(
        partner, p, seeker, s
    )
    out["partner_language"] = _language_breaks(seeker, s, partner, p) | _language_breaks(
        partner, p, seeker, s
    )
    out["no_shared_language"] = ~_popcount_any(seeker.languages[s], partner.languages[p])
    if peer:
        hs, hp = seeker.housebound[s], partner.housebound[p]
        reach = (
            (hs | (distance_km <= seeker.radius_km[s]))
            & (hp | (distance_km <= partner.radius_km[p]))
            & ~(hs & hp)
        )
    else:
        reach = ~partner.housebound[p] & (distance_km <= partner.radius_km[p])
    out["too_far"] = ~reach
    a, b = seeker.availability[s], partner.availability[p]
    out["no_shared_time"] = (a != 0) & (b != 0) & ((a & b) == 0)
    if purpose == "meals":
        out["diet_not_covered"] = (seeker.diet[s] & ~partner.diet[p]) != 0
    else:
        out["diet_not_covered"] = np.zeros(len(s), dtype=bool)
    out["no_room"] = np.zeros(len(s), dtype=bool) if peer else partner.capacity[p] <= 0
    return out


def _age_breaks(
    asking: PeopleColumns, a: IntpArray, other: PeopleColumns, o: IntpArray
) -> BoolArray:
    low, high, age = asking.partner_min_age[a], asking.partner_max_age[a], other.age[o]
    given = ~np.isnan(low) | ~np.isnan(high)
    with np.errstate(invalid="ignore"):
        outside = (age < low) | (age > high)  # NaN compares False: no bound, no break
    return np.asarray(given & (np.isnan(age) | outside))


def _gender_breaks(
    asking: PeopleColumns, a: IntpArray, other: PeopleColumns, o: IntpArray
) -> BoolArray:
    wanted, gender = asking.partner_gender[a], other.gender[o]
    known = gender >= 0
    fits = known & ((wanted >> np.where(known, gender, 0)) & 1 == 1)
    return np.asarray((wanted != 0) & ~fits)


def _language_breaks(
    asking: PeopleColumns, a: IntpArray, other: PeopleColumns, o: IntpArray
) -> BoolArray:
    return np.asarray(
        asking.partner_languages_given[a]
        & ~_popcount_any(asking.partner_languages[a], other.languages[o])
    )


def violations(rules: dict[str, BoolArray]) -> BoolArray:
    """Pairs that break at least one rule."""
    broken = np.zeros(len(next(iter(rules.values()))), dtype=bool) if rules else np.zeros(0, bool)
    for mask in rules.values():
        broken |= mask
    return broken
