"""Interest and energy match: the client's phrases against the activity's concepts and words.

Value in [0, 1], the strength of the best level found (``LEVEL_STRENGTH`` in
:mod:`wor_match.features._terms`, ``docs/taxonomy.md``): 1.0 when the client's own word (or its
key, or a compound of it) is in the activity's name, categories or tags; 0.85 for another
term of the same concept there; 0.5 for another concept of the same theme there; 0.4 when
the word or concept is only in the description; 0 otherwise (and 0 for everyone when the
profile names none).

Reasons are explained at their level and name both the client's phrase and the catalogue
word it matched, found again in the activity's own text (:func:`find_link`): "Sluit aan bij
uw interesse: biljarten" versus "Ook een spel, zoals biljarten (hier: schaakclub)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np

from wor_match._bits import BitArray
from wor_match._vocab import Language
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray
from wor_match.features._terms import (
    LEVEL_STRENGTH,
    MatchLevel,
    TermMatch,
    client_terms,
    text_strength,
)
from wor_match.text import normalise, tokens

__all__ = ["EnergyMatch", "InterestMatch", "TermLink", "as_written", "find_link", "link_sentence"]


@dataclass(frozen=True)
class TermLink:
    """Why a phrase matched an activity: the client's phrase, the catalogue word (as it
    stands, normalised, in the activity's text), the field, the level and, for concept
    levels, the concept of the catalogue word."""

    phrase: str
    word: str
    level: MatchLevel
    structured: bool
    concept: int | None = None

    @property
    def strength(self) -> float:
        return LEVEL_STRENGTH[self.level]


def _field_tokens(text: list[str], max_words: int) -> list[str]:
    return list(dict.fromkeys(t for segment in text for t in tokens(segment, max_words=max_words)))


def find_link(ctx: MatchContext, match: TermMatch, position: int) -> TermLink | None:
    """The best link between the client's phrases and the activity at ``position``, read
    from the activity's own text with the same rules the vectorised match uses: its
    strength equals :func:`~wor_match.features._terms.text_strength` at that pair (a test
    checks it)."""
    taxonomy = ctx.catalogue.taxonomy
    words = {int(c): ctx.catalogue.vocabulary[int(c)] for c in match.vocabulary_columns}
    client_themes = {taxonomy.concepts[c].theme: c for c in sorted(match.concept_phrase)}
    best: TermLink | None = None
    for is_structured, unigrams, found in _row_text(ctx.catalogue, int(ctx.rows[position])):
        for column, word in words.items():
            if word in unigrams:
                level: MatchLevel = "word" if is_structured else "description"
                best = _better(best, TermLink(match.vocabulary_phrase[column], word, level,
                                              is_structured))  # fmt: skip
        for token, concepts in found:
            for concept in concepts:
                if concept in match.concept_phrase:
                    level = "synonym" if is_structured else "description"
                    link = TermLink(match.concept_phrase[concept], token, level, is_structured,
                                    concept)  # fmt: skip
                    best = _better(best, link)
                elif is_structured and taxonomy.concepts[concept].theme in client_themes:
                    phrase = match.concept_phrase[client_themes[taxonomy.concepts[concept].theme]]
                    best = _better(best, TermLink(phrase, token, "theme", True, concept))
    return best


_RowText = tuple[tuple[bool, frozenset[str], tuple[tuple[str, tuple[int, ...]], ...]], ...]
_ROW_CACHE_SIZE = 10_000


def _row_text(catalogue: Catalogue, row: int) -> _RowText:
    """Per field of a row (structured, then description): its words, and its words and
    exact multi-word terms with their concepts (the index's own for words). Kept per row."""
    cache: dict[int, _RowText] = catalogue.derived("interest.row_text", lambda _: {})
    if row in cache:
        return cache[row]
    if len(cache) > _ROW_CACHE_SIZE:
        cache.clear()
    taxonomy = catalogue.taxonomy
    word_ids = catalogue.derived("interest.word_ids", _word_ids)
    structured, description = catalogue.text_of(row)
    fields = []
    for is_structured, text in ((True, structured), (False, [description])):
        field_tokens = _field_tokens(text, taxonomy.max_words)
        unigrams = [t for t in field_tokens if " " not in t]
        found = [
            (token, tuple(sorted(_members(catalogue.word_theme_bits[word_ids[token]]))))
            for token in unigrams
        ]
        found += [(t, tuple(sorted(taxonomy.literal(t)))) for t in field_tokens if " " in t]
        fields.append((is_structured, frozenset(unigrams), tuple(f for f in found if f[1])))
    cache[row] = tuple(fields)
    return cache[row]


def _word_ids(catalogue: Catalogue) -> dict[str, int]:
    return {word: i for i, word in enumerate(catalogue.vocabulary)}


def _members(bits: BitArray) -> set[int]:
    """The members of one bit set."""
    if not bits.any():
        return set()
    as_bytes = np.ascontiguousarray(bits.astype("<u8")).view(np.uint8)
    return set(np.flatnonzero(np.unpackbits(as_bytes, bitorder="little")).tolist())


def _better(best: TermLink | None, link: TermLink) -> TermLink:
    return link if best is None or link.strength > best.strength else best


Role = Literal["interest", "energy", "drain"]

#: Sentences per role, level and language; {here} is " (hier: word)" when the catalogue
#: word is not one of the phrase's own words.
TEMPLATES: dict[Role, dict[str, dict[str, str]]] = {
    "interest": {
        "nl": {
            "word": "Sluit aan bij uw interesse: {phrase}{here}",
            "synonym": "Sluit aan bij uw interesse: {phrase}{here}",
            "theme": "Ook {kind}, zoals {phrase}{here}",
            "description": "In de beschrijving staat {word}, bij uw interesse {phrase}",
        },
        "en": {
            "word": "Matches your interest: {phrase}{here}",
            "synonym": "Matches your interest: {phrase}{here}",
            "theme": "Also {kind}, like {phrase}{here}",
            "description": "Its description mentions {word}, for your interest {phrase}",
        },
    },
    "energy": {
        "nl": {
            "word": "Past bij wat u energie geeft: {phrase}{here}",
            "synonym": "Past bij wat u energie geeft: {phrase}{here}",
            "theme": "Ook {kind}, zoals wat u energie geeft: {phrase}{here}",
            "description": "In de beschrijving staat {word}, bij wat u energie geeft: {phrase}",
        },
        "en": {
            "word": "Fits what gives you energy: {phrase}{here}",
            "synonym": "Fits what gives you energy: {phrase}{here}",
            "theme": "Also {kind}, like what gives you energy: {phrase}{here}",
            "description": "Its description mentions {word}, for what gives you energy: {phrase}",
        },
    },
    "drain": {
        "nl": {
            "word": "Let op: bevat iets wat u energie kost: {phrase}{here}",
            "synonym": "Let op: bevat iets wat u energie kost: {phrase}{here}",
            "theme": "Let op: ook {kind}, zoals wat u energie kost: {phrase}{here}",
            "description": "Let op: in de beschrijving staat {word}, en {phrase} kost u energie",
        },
        "en": {
            "word": "Note: includes something that drains your energy: {phrase}{here}",
            "synonym": "Note: includes something that drains your energy: {phrase}{here}",
            "theme": "Note: also {kind}, like what drains your energy: {phrase}{here}",
            "description": "Note: its description mentions {word}, and {phrase} drains your energy",
        },
    },
}
_HERE = {"nl": " (hier: {word})", "en": " (here: {word})"}


def link_sentence(
    ctx: MatchContext, link: TermLink, role: Role, language: Language, position: int | None = None
) -> str:
    """The reason for a link, at its level, naming the phrase and the catalogue word (as the
    activity at ``position`` writes it, accents included, when it is given)."""
    own = set(normalise(link.phrase).split())
    word = link.word if position is None else as_written(ctx, position, link)
    here = "" if set(link.word.split()) <= own else _HERE[language].format(word=word)
    kind = ""
    if link.concept is not None:
        kind = ctx.catalogue.taxonomy.theme_of(link.concept).kind(language)
    return TEMPLATES[role][language][link.level].format(
        phrase=link.phrase, word=word, here=here, kind=kind
    )


_WORDS = re.compile(r"[^\W_]+")


def as_written(ctx: MatchContext, position: int, link: TermLink) -> str:
    """The link's catalogue word as the activity's own text writes it, in lower case
    ("handwerkcafé", where the index holds "handwerkcafe"); the indexed form when no run
    of the activity's words normalises to it."""
    structured, description = ctx.catalogue.text_of(int(ctx.rows[position]))
    size = len(link.word.split())
    for text in structured if link.structured else [description]:
        words = _WORDS.findall(text.lower())
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start : start + size])
            if normalise(candidate) == link.word:
                return candidate
    return link.word


class _TermFeature(Feature):
    which: ClassVar[Literal["interests", "energy_sources"]]
    role: ClassVar[Role]

    def compute(self, ctx: MatchContext) -> FloatArray:
        return text_strength(ctx, self.which)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        if value <= 0:
            return ""
        match = client_terms(ctx, self.which).of(int(ctx.client[position]))
        link = find_link(ctx, match, position)
        return "" if link is None else link_sentence(ctx, link, self.role, language, position)


class InterestMatch(_TermFeature):
    name = "interest"
    value_range = (0.0, 1.0)
    description = "Match between the client's interests and the activity's concepts and words."
    which = "interests"
    role = "interest"


class EnergyMatch(_TermFeature):
    name = "energy"
    value_range = (0.0, 1.0)
    description = "Match between what gives the client energy and the activity."
    which = "energy_sources"
    role = "energy"
