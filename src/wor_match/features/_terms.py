"""Client phrases (interests, energy sources and drains) matched to the catalogue's text.

A client's phrases are matched once per request context: each distinct token against the
taxonomy's concepts and against the catalogue's own words (through its key table and fuzzy
word index, never a scan of all words). :func:`text_strength` then scores every pair at
the best level found (:data:`LEVEL_STRENGTH`, ``docs/taxonomy.md``): the client's own word
in the activity's name, categories or tags > another term of the same concept there > a
concept of the same theme there > the word or concept only in the description. The
interest, energy and energy-drain features read this; the strengths are their policy, so
they live here and not in the catalogue. :func:`unmatched_phrases` says which phrases
found nothing in the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np
import numpy.typing as npt

from wor_match._bits import BitArray, any_common, n_blocks, to_bits
from wor_match.catalogue import Catalogue
from wor_match.catalogue._text_index import PostingLists
from wor_match.context import MatchContext
from wor_match.filters import meeting_themes, use_text_hooks
from wor_match.models.profile import ClientProfile
from wor_match.text import tokens

__all__ = [
    "LEVEL_STRENGTH",
    "ClientTerms",
    "MatchLevel",
    "TermKind",
    "TermMatch",
    "client_terms",
    "holding",
    "text_strength",
    "unmatched_phrases",
]

TermKind = Literal["interests", "energy_sources", "energy_drains"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

MatchLevel = Literal["word", "synonym", "theme", "description"]
#: The strength of each level of a text match, in [0, 1] (docs/taxonomy.md): the client's
#: own word (or its key, or a compound of it) in the name, categories or tags > a term of
#: the same concept there > a concept of the same theme there > a word or term of the
#: client's concepts only in the description. A direct match always outranks a theme-only
#: match of an otherwise equal offer.
LEVEL_STRENGTH: dict[MatchLevel, float] = {
    "word": 1.0,
    "synonym": 0.85,
    "theme": 0.5,
    "description": 0.4,
}

_TERM_KINDS: tuple[TermKind, ...] = ("interests", "energy_sources", "energy_drains")


@dataclass(frozen=True)
class TermMatch:
    """One client's phrases of one kind (interests, energy sources or drains) matched to
    concepts and to the catalogue's own words."""

    #: per concept, 1.0 when a phrase matches it
    concept_weights: FloatArray
    #: concept index -> the first phrase that matched it (for reasons)
    concept_phrase: dict[int, str]
    #: catalogue words that are a phrase's own word (level "word"), and their phrases
    vocabulary_columns: IntArray
    vocabulary_phrase: dict[int, str]
    #: per phrase, in the client's order: the phrase, its concepts and its catalogue words
    phrase_hits: tuple[tuple[str, frozenset[int], frozenset[int]], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.concept_phrase and len(self.vocabulary_columns) == 0

    @cached_property
    def concept_bits(self) -> BitArray:
        """The matched concepts as a bit set."""
        return to_bits(self.concept_weights > 0)


@dataclass(frozen=True)
class ClientTerms:
    """Every client's :class:`TermMatch` of one kind, and their concepts as bit sets."""

    matches: tuple[TermMatch, ...]
    #: (clients, blocks): the concepts each client's phrases matched
    concept_bits: BitArray
    #: (clients, blocks): every concept of the themes of those concepts
    sibling_bits: BitArray

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
    """The concepts of every pair's activity: (in name, categories or tags; in the
    description), gathered once per context."""
    table = ctx.catalogue.derived("context.theme_bits", _theme_bits)
    both = np.take(table, ctx.rows, axis=0)  # (table[rows] is far slower in 2-D)
    blocks = both.shape[1] // 2
    return both[:, :blocks], both[:, blocks:]


def text_strength(ctx: MatchContext, which: TermKind) -> FloatArray:
    """Per pair, in [0, 1]: the client's phrases of one kind against the activity, at
    the best level found (:data:`LEVEL_STRENGTH`); 0 when nothing matches."""
    terms = client_terms(ctx, which)
    if terms.empty:
        return np.zeros(len(ctx), dtype=np.float64)
    cat, rows = ctx.catalogue, ctx.rows
    structured, described = ctx.cached_per_pair("row_theme_bits", _row_theme_bits)
    wanted = ctx.per_pair(terms.concept_bits)
    strength = np.where(
        any_common(structured, wanted),
        LEVEL_STRENGTH["synonym"],
        np.where(
            any_common(structured, ctx.per_pair(terms.sibling_bits)),
            LEVEL_STRENGTH["theme"],
            np.where(any_common(described, wanted), LEVEL_STRENGTH["description"], 0.0),
        ),
    )
    direct = [c for c, m in enumerate(terms.matches) if len(m.vocabulary_columns)]
    if direct:
        bounds = ctx.segments()
        for c in direct:
            start, stop = bounds[c], bounds[c + 1]
            words = terms.matches[c].vocabulary_columns
            segment = rows[start:stop]
            hit = np.where(
                holding(cat.structured_postings, words, segment, len(cat)),
                LEVEL_STRENGTH["word"],
                np.where(
                    holding(cat.description_postings, words, segment, len(cat)),
                    LEVEL_STRENGTH["description"],
                    0.0,
                ),
            )
            strength[start:stop] = np.maximum(strength[start:stop], hit)
    return np.asarray(strength, dtype=np.float64)


def unmatched_phrases(ctx: MatchContext, which: TermKind, client: int = 0) -> tuple[str, ...]:
    """The client's phrases of one kind that match no activity of the catalogue at any
    level (no own word anywhere, no concept anywhere, no concept of the same theme in a
    name, category or tag): "Voor 'vissen' is in deze catalogus niets gevonden"."""
    taxonomy = ctx.catalogue.taxonomy
    present, present_structured = ctx.catalogue.derived("terms.present_concepts", _present_concepts)
    missing = []
    for phrase, concepts, words in client_terms(ctx, which).of(client).phrase_hits:
        if words:
            continue
        wanted = np.zeros(len(taxonomy.concepts), dtype=bool)
        wanted[list(concepts)] = True
        if any_common(present, to_bits(wanted)) or any_common(
            present_structured, to_bits(taxonomy.siblings(wanted))
        ):
            continue
        missing.append(phrase)
    return tuple(dict.fromkeys(missing))


def holding(
    postings: PostingLists, words: IntArray, rows: IntArray, n_rows: int
) -> npt.NDArray[np.bool_]:
    """Per row of ``rows``: does it hold any of ``words``? (a mask over the catalogue
    from their posting lists: far cheaper than ``np.isin`` or a sorted union here)"""
    indptr = postings.indptr
    mask = np.zeros(n_rows, dtype=bool)
    for word in words.tolist():
        mask[postings.rows[indptr[word] : indptr[word + 1]]] = True
    return mask[rows]


def _present_concepts(catalogue: Catalogue) -> tuple[BitArray, BitArray]:
    """The concepts found anywhere in the catalogue, and in a name, category or tag."""
    structured = np.bitwise_or.reduce(catalogue.structured_theme_bits, axis=0)
    described = np.bitwise_or.reduce(catalogue.description_theme_bits, axis=0)
    return structured | described, structured


def _theme_bits(catalogue: Catalogue) -> BitArray:
    """Structured and description concept bits side by side: one gather reads both."""
    return np.ascontiguousarray(
        np.hstack([catalogue.structured_theme_bits, catalogue.description_theme_bits])
    )


def match_terms(profiles: Sequence[ClientProfile], catalogue: Catalogue) -> dict[str, ClientTerms]:
    """Match every client's phrases of every kind: each distinct token once, against the
    taxonomy's concepts and against the catalogue's words (:meth:`Catalogue.match_words`:
    the client's own words, never by a scan of all words)."""
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
    taxonomy = catalogue.taxonomy
    n_concepts = len(taxonomy.concepts)
    matches = []
    bits = np.zeros((len(per_client), n_blocks(n_concepts)), dtype=np.uint64)
    siblings = np.zeros_like(bits)
    for c, client in enumerate(per_client):
        weights = np.zeros(n_concepts, dtype=np.float64)
        concept_phrase: dict[int, str] = {}
        vocabulary_phrase: dict[int, str] = {}
        phrase_hits = []
        for phrase, phrase_tokens in client:
            concepts = {hit for token in phrase_tokens for hit in theme_hits[position[token]]}
            words = {word for token in phrase_tokens for word in word_hits[position[token]]}
            for hit in sorted(concepts):
                concept_phrase.setdefault(hit, phrase)
            for word in sorted(words):
                vocabulary_phrase.setdefault(word, phrase)
            phrase_hits.append((phrase, frozenset(concepts), frozenset(words)))
        weights[list(concept_phrase)] = 1.0
        bits[c] = to_bits(weights > 0)
        siblings[c] = to_bits(taxonomy.siblings(weights > 0))
        columns = np.array(sorted(vocabulary_phrase), dtype=np.intp)
        matches.append(
            TermMatch(weights, concept_phrase, columns, vocabulary_phrase, tuple(phrase_hits))
        )
    return ClientTerms(tuple(matches), bits, siblings)


def words_ask_for_service(
    ctx: MatchContext, service: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Per pair (only the ``service`` pairs are looked at): do the client's interests or
    energy sources match the activity's text, other than through the meeting-place theme
    alone? (Words that ask for company, "koffie drinken", match a walk-in's "inloop";
    they do not ask for the debt advice held there.) The ``service_not_asked`` rule of
    :mod:`wor_match.filters`."""
    asked = np.zeros(len(ctx), dtype=bool)
    positions = np.flatnonzero(service)
    if not len(positions):
        return asked
    part = ctx.subset(positions)
    structured, described = part.cached_per_pair("row_theme_bits", _row_theme_bits)
    themes = structured | described
    meeting = to_bits(meeting_themes(ctx.catalogue))
    kinds: tuple[TermKind, ...] = ("interests", "energy_sources")
    for which in kinds:
        strength = text_strength(part, which)
        matched = themes & part.per_pair(client_terms(part, which).concept_bits)
        other = any_common(matched, ~meeting)
        only_words = ~matched.any(axis=1)  # matched through a catalogue word, not a theme
        asked[positions] |= (strength > 0) & (other | only_words)
    return asked


def words_relevance(ctx: MatchContext) -> FloatArray:
    """Per pair, how well the client's interests or energy sources match (the larger of
    the two :func:`text_strength` values)."""
    return np.maximum(text_strength(ctx, "interests"), text_strength(ctx, "energy_sources"))


use_text_hooks(words_ask_for_service, words_relevance)
