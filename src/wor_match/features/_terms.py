"""Client phrases (interests, energy sources and drains) matched to the catalogue's text.

A client's phrases are matched once per request context: each distinct token against the
taxonomy's themes and against the catalogue's own words (through its fuzzy word index,
never a scan of all words). :func:`text_strength` then scores every pair: how strongly the
activity holds what the client named, by where it holds it (:data:`STRUCTURED_WEIGHT` in
its name, categories or tags, :data:`DESCRIPTION_WEIGHT` in its description only). The
interest, energy and energy-drain features read this; the weights are their policy, so
they live here and not in the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np
import numpy.typing as npt

from wor_match._bits import BitArray, add_member, any_common, n_blocks, to_bits
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.models.profile import ClientProfile
from wor_match.text import tokens

__all__ = [
    "DESCRIPTION_WEIGHT",
    "STRUCTURED_WEIGHT",
    "ClientTerms",
    "TermKind",
    "TermMatch",
    "client_terms",
    "text_strength",
]

TermKind = Literal["interests", "energy_sources", "energy_drains"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Theme strength when a theme is found in name, categories or tags, and in description only.
STRUCTURED_WEIGHT = 1.0
DESCRIPTION_WEIGHT = 0.6

_TERM_KINDS: tuple[TermKind, ...] = ("interests", "energy_sources", "energy_drains")


@dataclass(frozen=True)
class TermMatch:
    """One client's phrases of one kind (interests, energy sources or drains) matched to
    themes and to the catalogue's own words."""

    #: per theme, 1.0 when a phrase matches it
    theme_weights: FloatArray
    #: theme index -> the first phrase that matched it (for reasons)
    theme_phrase: dict[int, str]
    #: catalogue words matched directly whose themes the phrases did not already match
    #: (a row holding such a word would score the same through its themes), and phrases
    vocabulary_columns: IntArray
    vocabulary_phrase: dict[int, str]

    @property
    def empty(self) -> bool:
        return not self.theme_phrase and len(self.vocabulary_columns) == 0

    @cached_property
    def theme_bits(self) -> BitArray:
        """The matched themes as a bit set."""
        return to_bits(self.theme_weights > 0)


@dataclass(frozen=True)
class ClientTerms:
    """Every client's :class:`TermMatch` of one kind, and their themes as bit sets."""

    matches: tuple[TermMatch, ...]
    #: (clients, blocks): the themes each client's phrases matched
    theme_bits: BitArray

    def of(self, client: int) -> TermMatch:
        return self.matches[client]

    @property
    def empty(self) -> bool:
        return all(match.empty for match in self.matches)


def client_terms(ctx: MatchContext, which: TermKind) -> ClientTerms:
    """Every client's phrases of one kind, matched once per context's clients (all three
    kinds in one pass over the distinct tokens)."""
    matched: dict[str, ClientTerms] = ctx.cached_per_client("terms", _match_all)
    return matched[which]


def _match_all(ctx: MatchContext) -> dict[str, ClientTerms]:
    return match_terms(ctx.clients.profiles, ctx.catalogue)


def _row_theme_bits(ctx: MatchContext) -> tuple[BitArray, BitArray]:
    """The themes of every pair's activity: (in name, categories or tags; in the
    description), gathered once per context."""
    table = ctx.catalogue.derived("context.theme_bits", _theme_bits)
    both = np.take(table, ctx.rows, axis=0)  # (table[rows] is far slower in 2-D)
    blocks = both.shape[1] // 2
    return both[:, :blocks], both[:, blocks:]


def text_strength(ctx: MatchContext, which: TermKind) -> FloatArray:
    """Per pair, in [0, 1]: the client's phrases of one kind against the activity:
    :data:`STRUCTURED_WEIGHT` (1.0) when a matched theme or word is in its name, categories
    or tags, :data:`DESCRIPTION_WEIGHT` (0.6) when only in its description, else 0."""
    terms = client_terms(ctx, which)
    if terms.empty:
        return np.zeros(len(ctx), dtype=np.float64)
    cat, rows = ctx.catalogue, ctx.rows
    wanted = ctx.per_pair(terms.theme_bits)
    structured, described = ctx.cached_per_pair("row_theme_bits", _row_theme_bits)
    in_structured = any_common(structured, wanted)
    in_description = any_common(described, wanted)
    strength = np.where(
        in_structured, STRUCTURED_WEIGHT, np.where(in_description, DESCRIPTION_WEIGHT, 0.0)
    )
    direct = [c for c, m in enumerate(terms.matches) if len(m.vocabulary_columns)]
    if direct:
        bounds = ctx.segments()
        for c in direct:
            start, stop = bounds[c], bounds[c + 1]
            words = terms.matches[c].vocabulary_columns
            segment = rows[start:stop]
            hit = np.where(
                np.isin(segment, cat.structured_postings.rows_of(words)),
                STRUCTURED_WEIGHT,
                np.where(
                    np.isin(segment, cat.description_postings.rows_of(words)),
                    DESCRIPTION_WEIGHT,
                    0.0,
                ),
            )
            strength[start:stop] = np.maximum(strength[start:stop], hit)
    return np.asarray(strength, dtype=np.float64)


def _theme_bits(catalogue: Catalogue) -> BitArray:
    """Structured and description theme bits side by side: one gather reads both."""
    return np.ascontiguousarray(
        np.hstack([catalogue.structured_theme_bits, catalogue.description_theme_bits])
    )


def match_terms(profiles: Sequence[ClientProfile], catalogue: Catalogue) -> dict[str, ClientTerms]:
    """Match every client's phrases of every kind: each distinct token once, against the
    taxonomy and against the catalogue's words (through its word index, never a scan of
    all words)."""
    taxonomy = catalogue.taxonomy
    split: dict[str, list[str]] = {}  # phrase -> its tokens, once per distinct phrase

    def tokenised(phrases: list[str]) -> list[tuple[str, list[str]]]:
        return [
            (phrase, split.setdefault(phrase, tokens(phrase, max_words=taxonomy.max_words)))
            for phrase in phrases
        ]

    kinds = {
        kind: [tokenised(getattr(profile, kind)) for profile in profiles] for kind in _TERM_KINDS
    }
    distinct = list(
        dict.fromkeys(
            token
            for per_client in kinds.values()
            for client in per_client
            for _, phrase_tokens in client
            for token in phrase_tokens
        )
    )
    position = {token: i for i, token in enumerate(distinct)}
    theme_hits = (
        [np.flatnonzero(row).tolist() for row in taxonomy.match(distinct)] if distinct else []
    )
    word_hits = [hits.tolist() for hits in catalogue.match_words(distinct)]
    return {
        kind: _client_terms(per_client, position, theme_hits, word_hits, catalogue)
        for kind, per_client in kinds.items()
    }


def _client_terms(
    per_client: list[list[tuple[str, list[str]]]],
    position: dict[str, int],
    theme_hits: list[list[int]],
    word_hits: list[list[int]],
    catalogue: Catalogue,
) -> ClientTerms:
    n_themes = len(catalogue.taxonomy.themes)
    matches = []
    bits = np.zeros((len(per_client), n_blocks(n_themes)), dtype=np.uint64)
    for c, client in enumerate(per_client):
        weights = np.zeros(n_themes, dtype=np.float64)
        theme_phrase: dict[int, str] = {}
        vocabulary_phrase: dict[int, str] = {}
        for phrase, phrase_tokens in client:
            for token in phrase_tokens:
                for hit in theme_hits[position[token]]:
                    theme_phrase.setdefault(hit, phrase)
        for theme in theme_phrase:
            weights[theme] = 1.0
            add_member(bits[c], theme)
        for phrase, phrase_tokens in client:
            for token in phrase_tokens:
                for word in word_hits[position[token]]:
                    vocabulary_phrase.setdefault(word, phrase)
        columns = np.array(sorted(vocabulary_phrase), dtype=np.intp)
        if len(columns):
            # a word whose themes the phrases matched adds nothing: every row holding it
            # already scores through those themes (same field, same strength)
            covered = any_common(catalogue.word_theme_bits[columns], bits[c])
            for word in columns[covered].tolist():
                del vocabulary_phrase[word]
            columns = columns[~covered]
        matches.append(TermMatch(weights, theme_phrase, columns, vocabulary_phrase))
    return ClientTerms(tuple(matches), bits)
