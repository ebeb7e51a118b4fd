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
=========================  ===========================================================

Coverage ("only for residents of gemeente X") is a separate rule from distance: the
client's home PC4 and gemeente come from the offline table (:mod:`wor_match.geo`).

Unknowns are allowed through and said in the explanation: unknown cost, unknown wheelchair
access, unknown capacity, no schedule (flexible).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np
import numpy.typing as npt

from wor_match._vocab import DELIVERIES, STATUSES
from wor_match.catalogue import Catalogue, coverage_key
from wor_match.context import MatchContext
from wor_match.models.profile import ClientProfile

__all__ = [
    "Exclusions",
    "REASON_CODES",
    "exclusion_masks",
    "feasible",
]

BoolArray = npt.NDArray[np.bool_]

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
_KIND_BITS, _DELIVERY_SHIFT = 3, 2
_INACTIVE, _FULL, _INACCESSIBLE, _LOCATED, _RESTRICTED = (1 << b for b in range(4, 9))


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
    return {
        "kind_not_wanted": ((ctx.per_pair(clients.kinds) >> (codes & _KIND_BITS)) & 1) == 0,
        "not_active": (codes & _INACTIVE) != 0,
        "full": (codes & _FULL) != 0,
        "age_out_of_range": age_out,
        "no_shared_language": (cat.language_mask[rows] & ctx.per_pair(ctx.client_languages)) == 0,
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
    }


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
}
