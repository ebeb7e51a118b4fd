"""The bilingual theme taxonomy and the fuzzy matcher from free text to themes.

The taxonomy (``wor_match/data/taxonomy.json``, documented in ``docs/taxonomy.md``) lists
activity themes with Dutch and English keywords and flags that matching signals use
(``meaningful``, ``group``, ``low_threshold``...).

Matching rule, on normalised tokens (:func:`wor_match.text.tokens`): a token matches a
keyword when ``rapidfuzz.fuzz.ratio >= 85`` (typos, inflection: "wandelen" ~ "wandelden"),
or when the keyword has at least 4 characters and occurs inside a token that is at least 3
characters longer (Dutch compounds: "moestuin" contains "tuin"; the length rule keeps
"haken" out of "schaken"). Both tests run as one ``rapidfuzz.process.cdist``
call each over (unique tokens x keywords), so the cost grows with the vocabulary, not with
the number of activities. A token that equals a keyword matches only that keyword ("iets
betekenen" is not read as a compound of "tekenen").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from wor_match.text import normalise

__all__ = [
    "FUZZY_CUTOFF",
    "Taxonomy",
    "Theme",
    "load_taxonomy",
]

#: Minimum rapidfuzz ratio (0-100 scale) for a token to match a keyword.
FUZZY_CUTOFF = 85.0
#: Minimum keyword length for the compound (substring) rule.
MIN_SUBSTRING_KEYWORD = 4
#: Characters a compound must have beyond the keyword ("moes" + "tuin").
MIN_COMPOUND_REST = 3


@dataclass(frozen=True)
class Theme:
    """One activity theme: an id, labels for reasons, keywords and flags."""

    id: str
    nl: str
    en: str
    keywords: tuple[str, ...]
    flags: frozenset[str]

    def label(self, language: str) -> str:
        """The label in ``language`` ("nl" or "en")."""
        return self.nl if language == "nl" else self.en


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """Themes plus a keyword index for vectorised matching (hashed by identity, so the
    per-taxonomy caches below are cheap to look up)."""

    themes: tuple[Theme, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(theme.id for theme in self.themes)

    def index(self, theme_id: str) -> int:
        """Column of a theme in theme matrices."""
        return self.ids.index(theme_id)

    def flagged(self, flag: str) -> npt.NDArray[np.bool_]:
        """Boolean vector over themes: which carry ``flag``."""
        return _flagged(self, flag)

    @cached_property
    def max_words(self) -> int:
        """Most words in one keyword (the n-gram size texts need)."""
        return max(len(k.split()) for t in self.themes for k in t.keywords)

    def match(self, tokens: Sequence[str]) -> npt.NDArray[np.bool_]:
        """Which themes each token matches: a (len(tokens), n_themes) boolean matrix."""
        keywords, owners = _keyword_index(self)
        n_themes = len(self.themes)
        result = np.zeros((len(tokens), n_themes), dtype=bool)
        if not tokens:
            return result
        token_list = list(tokens)
        ratio = process.cdist(
            token_list, keywords, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, dtype=np.uint8
        )
        # partial_ratio is 100 exactly when the shorter string occurs in the longer one;
        # the length mask keeps only "keyword inside a token with a real other part".
        partial = process.cdist(
            token_list, keywords, scorer=fuzz.partial_ratio, score_cutoff=100, dtype=np.uint8
        )
        token_len = np.fromiter((len(t) for t in token_list), dtype=np.int32)
        keyword_len = _keyword_lengths(self)
        inside = (
            (partial > 0)
            & (keyword_len[None, :] >= MIN_SUBSTRING_KEYWORD)
            & (token_len[:, None] >= keyword_len[None, :] + MIN_COMPOUND_REST)
        )
        # a token that is itself a keyword ("betekenen") matches only as itself, not also
        # as a typo or compound of another ("tekenen")
        exact = ratio == 100
        hits = np.where(exact.any(axis=1, keepdims=True), exact, (ratio > 0) | inside)
        token_rows, keyword_cols = np.nonzero(hits)
        result[token_rows, owners[keyword_cols]] = True
        return result


@cache
def _flagged(taxonomy: Taxonomy, flag: str) -> npt.NDArray[np.bool_]:
    return np.array([flag in theme.flags for theme in taxonomy.themes], dtype=bool)


@cache
def _keyword_lengths(taxonomy: Taxonomy) -> npt.NDArray[np.int32]:
    keywords, _ = _keyword_index(taxonomy)
    return np.fromiter((len(k) for k in keywords), dtype=np.int32, count=len(keywords))


@cache
def _keyword_index(taxonomy: Taxonomy) -> tuple[list[str], npt.NDArray[np.intp]]:
    keywords: list[str] = []
    owners: list[int] = []
    for i, theme in enumerate(taxonomy.themes):
        for keyword in theme.keywords:
            keywords.append(keyword)
            owners.append(i)
    return keywords, np.asarray(owners, dtype=np.intp)


@cache
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy, loaded once."""
    with resources.files("wor_match.data").joinpath("taxonomy.json").open("rb") as handle:
        data = json.load(handle)
    themes = tuple(
        Theme(
            id=item["id"],
            nl=item["nl"],
            en=item["en"],
            keywords=tuple(
                dict.fromkeys(normalise(k) for lang in item["keywords"].values() for k in lang)
            ),
            flags=frozenset(item.get("flags", ())),
        )
        for item in data["themes"]
    )
    return Taxonomy(themes=themes)
