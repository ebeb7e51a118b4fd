"""From scores to a shortlist a coach can use: relevance first, then variety.

A ranker scores every feasible offer; the shortlist is not simply the k best scores.

**Relevance first.** When the client named interests or energy sources, the offers are put
in three tiers:

=====  =========================================================================
tier   offers
=====  =========================================================================
0      match at least one of the client's interests or energy sources
1      match none, but are a low-threshold general offer: an activity whose name,
       categories or tags name a meeting place (the taxonomy's theme
       ``meeting_socialising``: a walk-in, a living room, a coffee morning) or a
       buddy, at most EUR 5 a month; listed after every tier-0 offer, with a note
       saying why
2      match none and are not low-threshold: never listed (``why_not`` says so)
=====  =========================================================================

An offer in a lower tier never ranks above one in a higher tier, whatever the scores.
A client who named no interests and no energy sources has every offer in tier 0.

**Variety** (``diversity=True``, the default): within a tier the list is built greedily by
maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998): each next place goes to
the offer with the highest ``score - DIVERSITY_PENALTY x similarity``, where similarity is
the largest similarity to an offer already listed. Two offers are similar by which of the
client's phrases they match (Jaccard overlap of those phrases; of their themes when they
match none) and at least :data:`SAME_PROVIDER_SIMILARITY` when they have the same
provider. The same offer is listed once: an offer with the name of one already listed (but
for a trailing "(...)", as in "Online gespreksgroep (groep 2)" or the online group every
town lists) is left out. So a second gardening offer must beat the best offer for the client's other
interest by more than :data:`DIVERSITY_PENALTY` points (two thirds of a full interest
match) to come before it. Scores and their explanations are not changed: the order is.
An offer placed above one with a higher score carries a note saying so.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from wor_match._bits import any_common, to_bits
from wor_match._vocab import KINDS, Language
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features import FeatureMatrix
from wor_match.features._terms import TermKind, client_terms, holding
from wor_match.filters import meeting_themes
from wor_match.results import Ranking

__all__ = [
    "DIVERSITY_PENALTY",
    "NOTES",
    "POOL",
    "SAME_PROVIDER_SIMILARITY",
    "Shortlist",
    "choose",
    "matched_sets",
    "pool_order",
    "row_providers",
    "shortlist",
    "tiers",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
Int64Array = npt.NDArray[np.int64]

#: Points a full similarity to a listed offer costs in the greedy choice.
DIVERSITY_PENALTY = 2.0
#: Similarity of two offers of the same provider, at least.
SAME_PROVIDER_SIMILARITY = 0.25
#: A general offer costs at most this much a month (or its cost is unknown): filler must
#: be an easy step, not a paid service.
GENERAL_MAX_COST = 5.0
#: How many of a tier's best offers (by the tie rule) the greedy choice looks at, at least.
POOL = 30

TIER_RELEVANT, TIER_GENERAL, TIER_OTHER = 0, 1, 2

#: Notes on listed offers, by code and language.
NOTES: dict[str, dict[str, str]] = {
    "general": {
        "nl": "Algemeen en laagdrempelig: sluit niet aan bij de genoemde interesses, "
        "maar is een makkelijke eerste stap",
        "en": "General and low-threshold: matches none of the interests named, but is an "
        "easy first step",
    },
    "variety": {
        "nl": "Voor afwisseling hoger gezet: lijkt minder op het aanbod erboven dan een "
        "aanbod met een hogere score",
        "en": "Placed higher for variety: less like the offers above than one with a higher score",
    },
}


def _row_general(cat: Catalogue) -> npt.NDArray[np.bool_]:
    wanted = meeting_themes(cat)
    # named in the name, categories or tags: a description that mentions coffee is not enough
    low_threshold = any_common(cat.structured_theme_bits, to_bits(wanted))
    activity_or_buddy = (cat.kind == KINDS.index("activity")) | (cat.kind == KINDS.index("buddy"))
    cheap = np.isnan(cat.cost) | (cat.cost <= GENERAL_MAX_COST)
    return np.asarray(
        (low_threshold | (cat.kind == KINDS.index("buddy"))) & activity_or_buddy & cheap
    )


def row_providers(cat: Catalogue) -> IntArray:
    """Per catalogue row, a number per offer name (its name without a trailing "(...)",
    such as "(Oost)" or "(groep 2)") times 2**32 plus a number per provider (2**32 - 1:
    none given), computed once."""

    def compute(catalogue: Catalogue) -> IntArray:
        import pandas as pd

        providers = catalogue._columns["provider"]
        provider_codes, _ = pd.factorize(providers.where(providers != "", None))
        base_names = catalogue._columns["name"].str.replace(r"\s*\([^)]*\)$", "", regex=True)
        name_codes, _ = pd.factorize(base_names.str.lower())
        provider_codes = np.where(provider_codes < 0, 0xFFFFFFFF, provider_codes)
        return np.asarray((name_codes.astype(np.int64) << 32) | provider_codes, dtype=np.int64)

    result: IntArray = cat.derived("shortlist.provider", compute)
    return result


def _stated(ctx: MatchContext) -> npt.NDArray[np.bool_]:
    return ctx.clients.column(
        "stated_interests", lambda p: bool(p.interests or p.energy_sources), bool
    )


def tiers(ctx: MatchContext, features: FeatureMatrix) -> npt.NDArray[np.int8]:
    """The tier of every pair (see the module docs)."""
    relevant = (features.column("interest") > 0) | (features.column("energy") > 0)
    relevant |= ~ctx.per_pair(_stated(ctx))
    general = ctx.catalogue.derived("shortlist.general", _row_general)[ctx.rows]
    return np.where(relevant, TIER_RELEVANT, np.where(general, TIER_GENERAL, TIER_OTHER)).astype(
        np.int8
    )


def matched_sets(ctx: MatchContext, positions: IntArray) -> npt.NDArray[np.uint64]:
    """Per pair at ``positions``: bit sets to compare offers by. Bit i of block 0 is the
    client's i-th phrase (interests, then energy sources) when the offer matches it; an
    offer matching no phrase has its themes in the blocks after it instead (so it is
    compared with other such offers by what it is about)."""
    cat = ctx.catalogue
    structured, described = cat.structured_theme_bits, cat.description_theme_bits
    blocks = structured.shape[1]
    sets = np.zeros((len(positions), 1 + blocks), dtype=np.uint64)
    if not len(positions):
        return sets
    rows = ctx.rows[positions]
    row_themes = structured[rows] | described[rows]
    owners = ctx.client[positions]
    kinds: tuple[TermKind, ...] = ("interests", "energy_sources")
    # per client (one for a request), each matched concept and catalogue word once
    for client in np.unique(owners).tolist():
        mine = np.flatnonzero(owners == client)
        profile = ctx.clients.profiles[client]
        bit_of: dict[str, int] = {}
        for j, phrase in enumerate([*profile.interests, *profile.energy_sources][:64]):
            bit_of.setdefault(phrase, 0)
            bit_of[phrase] |= 1 << j
        found = np.zeros(len(mine), dtype=np.uint64)
        for kind in kinds:
            match = client_terms(ctx, kind).of(client)
            for concept, phrase in match.concept_phrase.items():
                block, bit = divmod(concept, 64)
                has = (row_themes[mine, block] >> np.uint64(bit)) & np.uint64(1) == 1
                found[has] |= np.uint64(bit_of.get(phrase, 0))
            by_phrase: dict[str, list[int]] = {}
            for word, phrase in match.vocabulary_phrase.items():
                by_phrase.setdefault(phrase, []).append(word)
            for phrase, words in by_phrase.items():
                # a mask over the catalogue from the posting lists (np.isin over a sorted
                # union per word was most of the shortlist's time at 100,000 rows)
                ids = np.asarray(words, dtype=np.intp)
                mine_rows = rows[mine]
                has = holding(cat.structured_postings, ids, mine_rows, len(cat)) | holding(
                    cat.description_postings, ids, mine_rows, len(cat)
                )
                found[has] |= np.uint64(bit_of.get(phrase, 0))
        sets[mine, 0] = found
    unmatched = sets[:, 0] == 0
    sets[unmatched, 1:] = row_themes[unmatched]
    return sets


def _similarity(themes: npt.NDArray[np.uint64], provider: IntArray) -> FloatArray:
    """Pairwise similarity of a pool of offers (module docs); ``provider`` holds a number
    per provider (-1 for none) and, in its upper half, a number per offer name."""
    common = np.bitwise_count(themes[:, None, :] & themes[None, :, :]).sum(axis=2)
    either = np.bitwise_count(themes[:, None, :] | themes[None, :, :]).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        similarity = np.where(either > 0, common / np.maximum(either, 1), 0.0)
    providers = provider & 0xFFFFFFFF
    same = (providers[:, None] == providers[None, :]) & (providers[:, None] != 0xFFFFFFFF)
    similarity = np.maximum(similarity, np.where(same, SAME_PROVIDER_SIMILARITY, 0.0))
    return np.asarray(similarity)


def choose(
    order: IntArray,
    scores: FloatArray,
    tier: npt.NDArray[np.int8],
    themes: npt.NDArray[np.uint64],
    provider: IntArray,
    k: int,
    *,
    relevance_first: bool = True,
    diversity: bool = True,
) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """The shortlist of one client: positions (into ``scores``) in list order, and per
    listed offer whether it was placed above a higher-scored offer for variety.

    ``order`` holds positions best first by the tie rule (it may stop early: only its
    first offers of each tier are looked at).
    """
    if not relevance_first:
        groups = [order]
    else:
        ordered_tier = tier[order]
        groups = [order[ordered_tier == t] for t in (TIER_RELEVANT, TIER_GENERAL)]
    chosen: list[int] = []
    moved: list[bool] = []
    listed_names: list[int] = []
    for group in groups:
        room = k - len(chosen)
        if room <= 0:
            break
        pool = group[: max(POOL, 3 * k)]
        if not diversity or len(pool) <= 1:
            picks = pool[:room].tolist()
            chosen += picks
            moved += [False] * len(picks)
            continue
        similarity = _similarity(themes[pool], provider[pool])
        pool_scores = scores[pool]
        names = provider[pool] >> 32
        nearest = np.zeros(len(pool))
        taken = np.isin(names, listed_names) & (names >= 0)  # listed in an earlier tier
        for _ in range(min(room, len(pool))):
            if taken.all():
                break
            gain = np.where(taken, -np.inf, pool_scores - DIVERSITY_PENALTY * nearest)
            pick = int(np.argmax(gain))  # the first of equal gains: the tie rule's order
            skipped = ~taken[:pick]
            moved.append(bool((pool_scores[:pick][skipped] > pool_scores[pick]).any()))
            chosen.append(int(pool[pick]))
            listed_names.append(int(names[pick]))
            # the same offer again (same name) is never listed
            taken |= (names == names[pick]) & (names >= 0)
            taken[pick] = True
            nearest = np.maximum(nearest, similarity[pick])
    return np.asarray(chosen, dtype=np.intp), np.asarray(moved, dtype=bool)


class Shortlist:
    """The listed positions of one request, and the notes on them."""

    def __init__(
        self, positions: IntArray, tier: npt.NDArray[np.int8], moved: npt.NDArray[np.bool_]
    ) -> None:
        self.positions = positions
        self.tier = tier
        self.moved = moved

    def notes(self, index: int, stated: bool, language: Language) -> list[str]:
        """Notes for the offer listed at ``index``."""
        notes = []
        if stated and self.tier[index] == TIER_GENERAL:
            notes.append(NOTES["general"][language])
        if self.moved[index]:
            notes.append(NOTES["variety"][language])
        return notes


def pool_order(
    tier: npt.NDArray[np.int8],
    scores: FloatArray,
    sort: object,
    k: int,
) -> IntArray:
    """Positions of each tier's best offers (at least :data:`POOL`, 3k), tier by tier and
    by the tie rule within a tier; ``sort(positions)`` orders positions by the tie rule."""
    size = max(POOL, 3 * k)
    parts = []
    for t in (TIER_RELEVANT, TIER_GENERAL, TIER_OTHER):
        positions = np.flatnonzero(tier == t)
        if len(positions) > 4 * size:
            kth = np.partition(-scores[positions], size - 1)[size - 1]
            positions = positions[-scores[positions] <= kth]
        parts.append(sort(positions)[:size])  # type: ignore[operator]
    return np.concatenate(parts).astype(np.intp)


def shortlist(
    ctx: MatchContext,
    features: FeatureMatrix,
    ranking: Ranking,
    scores: FloatArray,
    k: int,
    *,
    relevance_first: bool = True,
    diversity: bool = True,
) -> Shortlist:
    """:func:`choose` for a single-client context and its :class:`Ranking`."""
    if not relevance_first and not diversity:
        positions = ranking.top(k)
        zeros = np.zeros(len(positions), dtype=np.int8)
        return Shortlist(positions, zeros, zeros.astype(bool))
    tier = tiers(ctx, features) if relevance_first else np.zeros(len(ctx), dtype=np.int8)
    order = pool_order(tier, scores, ranking.sort, k)
    themes = np.zeros((len(ctx), 1), dtype=np.uint64)
    provider = np.full(len(ctx), -1, dtype=np.int64)
    if diversity and len(order) > 1:
        themes = np.zeros((len(ctx), 1 + ctx.catalogue.structured_theme_bits.shape[1]), np.uint64)
        themes[order] = matched_sets(ctx, order)
        provider = row_providers(ctx.catalogue)[ctx.rows]
    positions, moved = choose(
        order, scores, tier, themes, provider, k,
        relevance_first=relevance_first, diversity=diversity,
    )  # fmt: skip
    return Shortlist(positions, tier[positions], moved)
