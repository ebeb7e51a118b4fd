"""One matching request: a profile against a catalogue, with what is computed once for it.

The context holds the candidate rows (sorted catalogue row indices), their distances and
travel times, and the profile's text matched to themes and to the catalogue's vocabulary.
Filters and features read from it; nothing in it depends on rankers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from wor_match._vocab import DELIVERIES
from wor_match.catalogue import DESCRIPTION_WEIGHT, STRUCTURED_WEIGHT, Catalogue
from wor_match.geo.distance import haversine_km
from wor_match.geo.travel import max_radius_km, travel_minutes
from wor_match.models.profile import ClientProfile
from wor_match.taxonomy import FUZZY_CUTOFF, MIN_COMPOUND_REST, MIN_SUBSTRING_KEYWORD
from wor_match.text import tokens

__all__ = ["Language", "MatchContext", "TermMatch", "candidate_rows"]

Language = Literal["nl", "en"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
_ON_SITE = DELIVERIES.index("on_site")


def candidate_rows(profile: ClientProfile, catalogue: Catalogue) -> IntArray:
    """Rows worth scoring, from three candidate sets, each only if the client is open to
    that delivery: on-site offers within the travel limit (spatial index), at-home offers
    whose coverage includes the client's home (or that have none), and online offers. The
    hard filters then apply every rule exactly, so this equals a brute-force scan."""
    wanted = set(profile.open_to_delivery)
    parts = []
    if "on_site" in wanted:
        mobility = profile.mobility
        radius = max_radius_km(mobility.minutes, mobility.mode)
        parts.append(catalogue.within_km(profile.home.lat, profile.home.lon, radius))
    if "at_home" in wanted:
        areas = [area for area in (profile.home.pc4, profile.home.gemeente) if area]
        parts.append(catalogue.at_home_for(areas))
    if "online" in wanted:
        parts.append(catalogue.online)
    if not parts:
        return np.empty(0, dtype=np.intp)
    # the three sets are disjoint (by delivery): no de-duplication needed
    return np.sort(np.concatenate(parts)).astype(np.intp)


@dataclass(frozen=True)
class TermMatch:
    """A list of client phrases (interests, energy sources or drains) matched to themes and
    to the catalogue's own words."""

    #: per theme, 1.0 when a phrase matches it
    theme_weights: FloatArray
    #: theme index -> the first phrase that matched it (for reasons)
    theme_phrase: dict[int, str]
    #: vocabulary columns matched directly (words outside the taxonomy), and their phrases
    vocabulary_columns: IntArray
    vocabulary_phrase: dict[int, str]

    @property
    def empty(self) -> bool:
        return not self.theme_phrase and len(self.vocabulary_columns) == 0


@dataclass(frozen=True)
class MatchContext:
    """A request: profile, catalogue, candidate rows and the date used for staleness."""

    profile: ClientProfile
    catalogue: Catalogue
    rows: IntArray
    today: dt.date = field(default_factory=dt.date.today)

    @classmethod
    def build(
        cls,
        profile: ClientProfile,
        catalogue: Catalogue,
        *,
        rows: IntArray | None = None,
        today: dt.date | None = None,
    ) -> MatchContext:
        """A context over ``rows`` (default: :func:`candidate_rows`)."""
        if rows is None:
            rows = candidate_rows(profile, catalogue)
        return cls(profile, catalogue, np.asarray(rows, dtype=np.intp), today or dt.date.today())

    def subset(self, positions: IntArray) -> MatchContext:
        """The same request over a subset of this context's rows (positions into rows),
        keeping the distances and text matches already computed."""
        child = MatchContext(self.profile, self.catalogue, self.rows[positions], self.today)
        for name in ("distance_km", "travel_minutes"):
            if name in self.__dict__:
                child.__dict__[name] = self.__dict__[name][positions]
        for name in ("_term_cache",):
            if name in self.__dict__:
                child.__dict__[name] = self.__dict__[name]
        return child

    def __len__(self) -> int:
        return len(self.rows)

    @cached_property
    def distance_km(self) -> FloatArray:
        """Straight-line km for on-site rows with coordinates; NaN where distance does not
        apply (at home, online) or is unknown."""
        cat = self.catalogue
        rows = self.rows
        distance = haversine_km(
            self.profile.home.lat, self.profile.home.lon, cat.lat[rows], cat.lon[rows]
        )
        distance[cat.delivery[rows] != _ON_SITE] = np.nan
        return distance

    @cached_property
    def travel_minutes(self) -> FloatArray:
        """Estimated one-way minutes by the client's mode (NaN where distance is NaN)."""
        return travel_minutes(self.distance_km, self.profile.mobility.mode)

    @cached_property
    def _term_cache(self) -> dict[str, TermMatch]:
        return {}

    def terms(self, which: Literal["interests", "energy_sources", "energy_drains"]) -> TermMatch:
        """The profile's phrases of one kind, matched once per request."""
        cache = self._term_cache
        if which not in cache:
            cache[which] = _match_terms(getattr(self.profile, which), self.catalogue)
        return cache[which]

    def text_strength(self, match: TermMatch) -> FloatArray:
        """Per candidate row, in [0, 1]: the best theme strength over the matched themes,
        or a direct word match (name, categories, tags: 1.0; description: 0.6)."""
        cat = self.catalogue
        strength = (cat.themes[self.rows] * match.theme_weights[None, :]).max(axis=1, initial=0)
        columns = match.vocabulary_columns
        if len(columns):
            # rows holding any of the matched words, straight from the column-major index
            structured, described = cat.token_columns
            direct = np.zeros(len(cat), dtype=np.float64)
            direct[structured[:, columns].indices] = STRUCTURED_WEIGHT
            in_description = described[:, columns].indices
            direct[in_description] = np.maximum(direct[in_description], DESCRIPTION_WEIGHT)
            strength = np.maximum(strength, direct[self.rows])
        return np.asarray(strength, dtype=np.float64)


def _match_terms(phrases: list[str], catalogue: Catalogue) -> TermMatch:
    taxonomy = catalogue.taxonomy
    theme_weights = np.zeros(len(taxonomy.themes), dtype=np.float64)
    theme_phrase: dict[int, str] = {}
    phrase_tokens = [(phrase, tokens(phrase, max_words=taxonomy.max_words)) for phrase in phrases]
    flat = [token for _, ts in phrase_tokens for token in ts]
    owner = [phrase for phrase, ts in phrase_tokens for _ in ts]
    if flat:
        hits = taxonomy.match(flat)
        for token_index, theme_index in zip(*np.nonzero(hits), strict=True):
            theme_weights[theme_index] = 1.0
            theme_phrase.setdefault(int(theme_index), owner[token_index])
    vocabulary = list(catalogue.vocabulary)
    columns: list[int] = []
    vocabulary_phrase: dict[int, str] = {}
    if flat and vocabulary:
        ratio = process.cdist(flat, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        partial = process.cdist(flat, vocabulary, scorer=fuzz.partial_ratio, score_cutoff=100)
        flat_len = np.array([len(t) for t in flat])[:, None]
        vocab_len = np.array([len(v) for v in vocabulary])[None, :]
        # the client's word inside a longer catalogue word ("schaak" in "schaakclub")
        inside = (
            (partial > 0)
            & (flat_len >= MIN_SUBSTRING_KEYWORD)
            & (vocab_len >= flat_len + MIN_COMPOUND_REST)
        )
        for token_index, column in zip(*np.nonzero((ratio > 0) | inside), strict=True):
            if int(column) not in vocabulary_phrase:
                vocabulary_phrase[int(column)] = owner[token_index]
                columns.append(int(column))
    return TermMatch(
        theme_weights=theme_weights,
        theme_phrase=theme_phrase,
        vocabulary_columns=np.array(sorted(columns), dtype=np.intp),
        vocabulary_phrase=vocabulary_phrase,
    )
