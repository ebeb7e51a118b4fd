"""Hard filters: rules an activity must pass to be recommended at all.

Each rule has a reason code; an excluded activity carries every code that applies, so a
coach can ask "why not this one?" (:attr:`wor_match.Recommendations.excluded`). Filters are
vectorised over the rows of a :class:`~wor_match.context.MatchContext`.

=========================  ===========================================================
code                       rule
=========================  ===========================================================
kind_not_wanted            the kind is not in the client's ``open_to``
not_active                 status is inactive, defunct or temporarily closed
full                       capacity is 0 (no open places)
age_out_of_range           the client's age is below min_age or above max_age
no_shared_language         no language of the activity is one the client speaks
over_budget                cost_per_month is above the client's max_cost_per_month
not_wheelchair_accessible  client uses a wheelchair; on-site activity is not accessible
no_schedule_overlap        both give time slots and none overlap
housebound_on_site         the client is housebound and the activity is on site
location_unknown           an on-site activity without coordinates (distance unknown)
too_far                    estimated travel time above the client's max_minutes
outside_coverage           only for residents of certain gemeenten or PC4 areas, and the
                           client's home is not among them (or its area is unknown)
delivery_not_wanted        on site, at home or online, and the client is not open to it
                           (``open_to_delivery``)
not_target_group           the offer is for a circumstance group (caregiver, bereaved,
                           newcomer, ...) and the client's ``situation`` holds none of
                           its groups (an unrecorded situation holds none)
not_target_gender          the offer is for women or for men, the profile states a
                           gender and it is not the offer's
service_not_asked          a service (debt help, benefits check, legal aid, social work,
                           food bank) the client is open to: one for a circumstance
                           group and the situation holds none of its groups, or one
                           for no group and the client's interests and energy sources
                           do not name it
=========================  ===========================================================

Target groups (:mod:`wor_match.target_groups`): an age group (young_people, older_people,
children) is an age limit where the offer gives none, so it shows as
``age_out_of_range``; a gender group without a stated gender is no filter but a caution
(feature ``target_group``). Services are never filler: they are offered when the client's
situation or words ask for them.

Coverage ("only for residents of gemeente X") is a separate rule from distance: the
client's home PC4 and gemeente come from the offline table (:mod:`wor_match.geo`).

Unknowns are allowed through and said in the explanation: unknown cost, unknown wheelchair
access, unknown capacity, no schedule (flexible).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

import numpy as np
import numpy.typing as npt

from wor_match._bits import any_common
from wor_match._vocab import DELIVERIES, KINDS, STATUSES
from wor_match.catalogue import Catalogue, coverage_key
from wor_match.context import MatchContext
from wor_match.models.profile import ClientProfile
from wor_match.target_groups import CIRCUMSTANCE_MASK, GENDER_GROUPS, GENDER_MASK, group_mask

__all__ = [
    "Exclusions",
    "REASON_CODES",
    "exclusion_masks",
    "feasible",
    "gender_masks",
    "meeting_themes",
    "situation_masks",
    "use_text_hooks",
]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

REASON_CODES: tuple[str, ...] = (
    "kind_not_wanted",
    "not_active",
    "full",
    "age_out_of_range",
    "no_shared_language",
    "over_budget",
    "not_wheelchair_accessible",
    "no_schedule_overlap",
    "housebound_on_site",
    "location_unknown",
    "too_far",
    "outside_coverage",
    "delivery_not_wanted",
    "not_target_group",
    "not_target_gender",
    "service_not_asked",
)
_ON_SITE = DELIVERIES.index("on_site")
_ACTIVE = STATUSES.index("active")


def _covered(ctx: MatchContext, restricted_pairs: BoolArray) -> BoolArray:
    """Per pair: does the activity's coverage include the client's home PC4 or gemeente?
    Only the pairs whose row has a coverage restriction are looked up."""
    cat, rows = ctx.catalogue, ctx.rows
    covered = np.zeros(len(rows), dtype=bool)
    restricted = np.flatnonzero(restricted_pairs)
    if not len(restricted):
        return covered
    numbers = cat.coverage_numbers

    def area_numbers(profile: ClientProfile) -> list[int]:
        keys = [coverage_key(a) if a else "" for a in (profile.home.pc4, profile.home.gemeente)]
        return [numbers.get(key, -1) for key in keys]

    areas = ctx.clients.column(f"coverage_areas@{id(numbers)}", area_numbers, np.int64)
    areas = areas.reshape(len(ctx.clients), 2)
    owners = ctx.client[restricted]
    restricted_rows = rows[restricted]
    covered[restricted] = cat.covers(restricted_rows, areas[owners, 0]) | cat.covers(
        restricted_rows, areas[owners, 1]
    )
    return covered


# bits of the per-row codes (_row_codes): kind and delivery codes, then flags
_KIND_BITS, _DELIVERY_SHIFT = 7, 3
_INACTIVE, _FULL, _INACCESSIBLE, _LOCATED, _RESTRICTED = (1 << b for b in range(5, 10))
_SERVICE = KINDS.index("service")


def _row_codes(cat: Catalogue) -> npt.NDArray[np.int64]:
    """Every catalogue row's kind, delivery and yes/no attributes packed in one integer, so
    a request gathers one array instead of seven (it matters for large catalogues)."""
    codes = cat.kind.astype(np.int64) | (cat.delivery.astype(np.int64) << _DELIVERY_SHIFT)
    codes |= np.where(cat.status != _ACTIVE, _INACTIVE, 0)
    codes |= np.where(cat.capacity == 0, _FULL, 0)
    codes |= np.where(cat.wheelchair == 0, _INACCESSIBLE, 0)
    codes |= np.where(np.isnan(cat.lat), 0, _LOCATED)
    codes |= np.where(cat.has_coverage, _RESTRICTED, 0)
    return codes


def exclusion_masks(ctx: MatchContext) -> dict[str, BoolArray]:
    """For each reason code, which of the context's pairs it excludes."""
    cat, rows, clients = ctx.catalogue, ctx.rows, ctx.clients
    n = len(rows)
    codes = cat.derived("filters.row_codes", _row_codes)[rows]
    delivery = (codes >> _DELIVERY_SHIFT) & 3
    on_site = delivery == _ON_SITE
    nothing = np.zeros(n, dtype=bool)  # (never modified in place)
    age = ctx.per_pair(clients.age)
    age_out = nothing
    if not np.isnan(age).all():
        with np.errstate(invalid="ignore"):  # NaN (age or bound unknown): no exclusion
            age_out = (cat.min_age[rows] > age) | (cat.max_age[rows] < age)
    budget = ctx.per_pair(clients.budget)
    over_budget = nothing
    if not np.isnan(budget).all():
        with np.errstate(invalid="ignore"):
            over_budget = np.nan_to_num(cat.cost[rows], nan=0.0) > budget
    availability = ctx.per_pair(clients.availability)
    no_overlap = nothing
    if availability.any():
        schedule = cat.schedule[rows]
        no_overlap = (availability != 0) & (schedule != 0) & ((schedule & availability) == 0)
    housebound = ctx.per_pair(clients.housebound)
    has_location = (codes & _LOCATED) != 0
    with np.errstate(invalid="ignore"):
        too_far = on_site & has_location & (ctx.travel_minutes > ctx.per_pair(clients.max_minutes))
    restricted = (codes & _RESTRICTED) != 0
    groups = cat.target_group_mask[rows]
    service = (codes & _KIND_BITS) == _SERVICE
    circumstance = groups & CIRCUMSTANCE_MASK
    in_group = (circumstance & ctx.per_pair(situation_masks(ctx))) != 0
    not_target_group = nothing
    if circumstance.any():
        not_target_group = (circumstance != 0) & ~in_group & ~service
    not_asked = nothing
    kind_unwanted = ((ctx.per_pair(clients.kinds) >> (codes & _KIND_BITS)) & 1) == 0
    if service.any():
        # the words are only looked at where nothing else decides (a client not open to
        # services, or in the service's group)
        # a service for a circumstance group needs the situation; words ask for the others
        undecided = service & ~in_group & ~kind_unwanted & (circumstance == 0)
        not_asked = (service & ~in_group & ~kind_unwanted & (circumstance != 0)) | (
            undecided & ~_words_ask(ctx, undecided)
        )
    wrong_gender = nothing
    gendered = groups & GENDER_MASK
    if gendered.any():
        gender = ctx.per_pair(gender_masks(ctx))
        wrong_gender = (gendered != 0) & (gender != 0) & ((gendered & gender) == 0)
    return {
        "kind_not_wanted": kind_unwanted,
        "not_active": (codes & _INACTIVE) != 0,
        "full": (codes & _FULL) != 0,
        "age_out_of_range": age_out,
        "no_shared_language": ~any_common(
            cat.language_mask[rows], ctx.per_pair(ctx.client_languages)
        ),
        "over_budget": over_budget,
        "not_wheelchair_accessible": on_site
        & ((codes & _INACCESSIBLE) != 0)
        & ctx.per_pair(clients.wheelchair),
        "no_schedule_overlap": no_overlap,
        "housebound_on_site": on_site & housebound,
        "location_unknown": on_site & ~has_location & ~housebound,
        "too_far": too_far & ~housebound,
        "outside_coverage": restricted & ~_covered(ctx, restricted),
        "delivery_not_wanted": ((ctx.per_pair(clients.deliveries) >> delivery) & 1) == 0,
        "not_target_group": not_target_group,
        "not_target_gender": wrong_gender,
        "service_not_asked": not_asked,
    }


def situation_masks(ctx: MatchContext) -> npt.NDArray[np.int64]:
    """Per client, the target-group mask of its situation."""
    return ctx.clients.column("situation_mask", lambda p: group_mask(p.situation), np.int64)


_GENDER_BITS: dict[str, int] = {
    gender: group_mask([code]) for code, gender in GENDER_GROUPS.items()
}


def gender_masks(ctx: MatchContext) -> npt.NDArray[np.int64]:
    """Per client, the mask of the gender group of its stated gender (0: none stated, or
    'other')."""
    return ctx.clients.column(
        "gender_mask", lambda p: _GENDER_BITS.get(p.gender or "", 0), np.int64
    )


#: The taxonomy theme of meeting places (walk-in, living room, coffee morning).
MEETING_THEME = "meeting_socialising"


def meeting_themes(catalogue: Catalogue) -> npt.NDArray[np.bool_]:
    """Per taxonomy concept (the columns of the catalogue's concept bit sets), whether it
    belongs to the meeting-place theme (or, in a taxonomy without it, to a theme flagged
    ``low_threshold``)."""
    taxonomy = catalogue.taxonomy
    ids = [theme.id for theme in taxonomy.themes]
    if MEETING_THEME in ids:
        return np.asarray(taxonomy.concept_themes == ids.index(MEETING_THEME), dtype=bool)
    return np.asarray(taxonomy.flagged("low_threshold"), dtype=bool)


#: How the client's words meet the activities' text: (does a word ask for the service of
#: each masked pair, per pair; how well the words match each pair, in [0, 1]). Phrase
#: matching lives in a higher layer (:mod:`wor_match.features._terms`), which sets this
#: when it is imported (every ranker imports it); until then words ask for nothing.
TEXT_HOOKS: list[
    tuple[Callable[[MatchContext, BoolArray], BoolArray], Callable[[MatchContext], FloatArray]]
] = []


def use_text_hooks(
    words_ask: Callable[[MatchContext, BoolArray], BoolArray],
    relevance: Callable[[MatchContext], FloatArray],
) -> None:
    """Set :data:`TEXT_HOOKS` (done by :mod:`wor_match.features._terms`)."""
    TEXT_HOOKS[:] = [(words_ask, relevance)]


def _words_ask(ctx: MatchContext, service: BoolArray) -> BoolArray:
    """Per pair (only the masked service pairs are looked at): do the client's words ask
    for the service?"""
    if not TEXT_HOOKS or not service.any():
        return np.zeros(len(ctx), dtype=bool)
    return TEXT_HOOKS[0][0](ctx, service)


def feasible(ctx: MatchContext) -> MatchContext:
    """The context narrowed to the rows no rule excludes."""
    masks = exclusion_masks(ctx)
    excluded = np.zeros(len(ctx), dtype=bool)
    for mask in masks.values():
        excluded |= mask
    return ctx.subset(np.flatnonzero(~excluded))


class Exclusions(Mapping[str, tuple[str, ...]]):
    """activity_id -> reason codes, for every activity of the catalogue that a hard filter
    excludes. Computed on first access (a request that never asks pays nothing)."""

    def __init__(self, ctx: MatchContext) -> None:
        self._ctx = ctx
        self._data: dict[str, tuple[str, ...]] | None = None

    def _compute(self) -> dict[str, tuple[str, ...]]:
        if self._data is None:
            cat = self._ctx.catalogue
            full = MatchContext.build(
                self._ctx.profile,
                cat,
                rows=np.arange(len(cat), dtype=np.intp),
                today=self._ctx.today,
            )
            masks = exclusion_masks(full)
            stacked = np.column_stack([masks[code] for code in REASON_CODES]) if len(cat) else None
            data: dict[str, tuple[str, ...]] = {}
            if stacked is not None:
                for row in np.flatnonzero(stacked.any(axis=1)):
                    codes = tuple(
                        c for c, hit in zip(REASON_CODES, stacked[row], strict=True) if hit
                    )
                    data[str(cat.ids[row])] = codes
            self._data = data
        return self._data

    def __getitem__(self, activity_id: str) -> tuple[str, ...]:
        return self._compute()[activity_id]

    def target_groups(self, activity_id: str) -> list[str]:
        """The target groups of an activity of the catalogue (as given or inferred)."""
        return list(self._ctx.catalogue[activity_id].target_groups)

    def nearest_misses(self, n: int = 3) -> list[tuple[str, str, str]]:
        """Up to ``n`` offers one relaxed rule would add: (activity_id, name, code) of the
        activities excluded by exactly one of :data:`RELAXABLE`; those that match the
        client's interests or energy sources best first, then the nearest, then by rule
        and activity_id."""
        data = self._compute()
        single = [(a, codes[0]) for a, codes in data.items()
                  if len(codes) == 1 and codes[0] in RELAXABLE]  # fmt: skip
        if not single:
            return []
        cat = self._ctx.catalogue
        rows = np.array([cat.row_of(a) for a, _ in single], dtype=np.intp)
        part = MatchContext.build(self._ctx.profile, cat, rows=rows, today=self._ctx.today)
        relevance = TEXT_HOOKS[0][1](part).tolist() if TEXT_HOOKS else [0.0] * len(single)
        minutes = np.nan_to_num(part.travel_minutes, nan=0.0).tolist()  # at home, online: 0
        order = sorted(
            range(len(single)),
            key=lambda i: (-relevance[i], minutes[i], RELAXABLE.index(single[i][1]), single[i][0]),
        )
        names = [a.name for a in cat.activities_at(rows[order])]
        found: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for i, name in zip(order, names, strict=True):
            base = re.sub(r"\s*\([^)]*\)$", "", name).lower()  # the same offer once
            if base not in seen and len(found) < n:
                seen.add(base)
                found.append((single[i][0], name, single[i][1]))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._compute())

    def __len__(self) -> int:
        return len(self._compute())

    def __repr__(self) -> str:
        return f"Exclusions({self._compute()!r})"


#: Sentences for "why not this one?", per reason code and language.
REASON_TEXT: dict[str, dict[str, str]] = {
    "kind_not_wanted": {
        "nl": "Dit soort aanbod staat niet in de wensen (open_to)",
        "en": "This kind of offer is not among the wishes (open_to)",
    },
    "not_active": {"nl": "Loopt op dit moment niet", "en": "Not running at the moment"},
    "full": {"nl": "Geen plaatsen vrij", "en": "No open places"},
    "age_out_of_range": {
        "nl": "Leeftijd valt buiten de doelgroep",
        "en": "Age is outside the target group",
    },
    "no_shared_language": {
        "nl": "Geen gedeelde taal",
        "en": "No shared language",
    },
    "over_budget": {"nl": "Duurder dan het budget", "en": "More expensive than the budget"},
    "not_wheelchair_accessible": {
        "nl": "Niet rolstoeltoegankelijk",
        "en": "Not wheelchair accessible",
    },
    "no_schedule_overlap": {
        "nl": "Geen van de tijden past bij de beschikbaarheid",
        "en": "None of its times fit the availability",
    },
    "housebound_on_site": {
        "nl": "Vindt buitenshuis plaats en de cliënt komt de deur niet uit",
        "en": "Takes place away from home and the client is housebound",
    },
    "location_unknown": {
        "nl": "Locatie onbekend, reistijd niet te bepalen",
        "en": "Location unknown, so travel time cannot be estimated",
    },
    "too_far": {"nl": "Verder weg dan de maximale reistijd", "en": "Beyond the travel-time limit"},
    "outside_coverage": {
        "nl": "Alleen voor inwoners van een ander gebied",
        "en": "Only for residents of another area",
    },
    "delivery_not_wanted": {
        "nl": "Deze vorm (op locatie, aan huis of online) past niet bij de wens",
        "en": "This form (on site, at home or online) is not what the client wants",
    },
    "not_target_group": {
        "nl": "Bedoeld voor een specifieke doelgroep",
        "en": "Meant for a specific target group",
    },
    "not_target_gender": {
        "nl": "Bedoeld voor een andere doelgroep (vrouwen of mannen)",
        "en": "Meant for another group (women or men)",
    },
    "service_not_asked": {
        "nl": "Een dienst (hulp of advies) waar de situatie of de wensen niet om vragen",
        "en": "A service (help or advice) that neither the situation nor the wishes ask for",
    },
}

#: Rules a coach may relax with the client (a little further, another day, a little more
#: money, a waiting list, another kind or form), in the order nearest misses are named.
RELAXABLE: tuple[str, ...] = (
    "too_far",
    "no_schedule_overlap",
    "over_budget",
    "full",
    "kind_not_wanted",
    "delivery_not_wanted",
)

#: Short labels for the exclusion summary ("12 te ver, 5 geen gedeelde taal").
REASON_SHORT: dict[str, dict[str, str]] = {
    "kind_not_wanted": {"nl": "soort niet gewenst", "en": "kind not wanted"},
    "not_active": {"nl": "loopt niet", "en": "not running"},
    "full": {"nl": "vol", "en": "full"},
    "age_out_of_range": {"nl": "andere leeftijd", "en": "other ages"},
    "no_shared_language": {"nl": "geen gedeelde taal", "en": "no shared language"},
    "over_budget": {"nl": "te duur", "en": "over budget"},
    "not_wheelchair_accessible": {
        "nl": "niet rolstoeltoegankelijk",
        "en": "not wheelchair accessible",
    },
    "no_schedule_overlap": {"nl": "andere tijden", "en": "other times"},
    "housebound_on_site": {"nl": "buitenshuis", "en": "away from home"},
    "location_unknown": {"nl": "locatie onbekend", "en": "location unknown"},
    "too_far": {"nl": "te ver", "en": "too far"},
    "outside_coverage": {"nl": "ander gebied", "en": "another area"},
    "delivery_not_wanted": {"nl": "vorm niet gewenst", "en": "form not wanted"},
    "not_target_group": {"nl": "andere doelgroep", "en": "another target group"},
    "not_target_gender": {"nl": "voor vrouwen of mannen", "en": "for women or men"},
    "service_not_asked": {"nl": "dienst niet gevraagd", "en": "service not asked for"},
}
