"""The bilingual theme taxonomy and the fuzzy matcher from free text to themes.

The taxonomy (``wor_match/data/taxonomy.json``, documented in ``docs/taxonomy.md``) lists
activity themes with Dutch and English keywords and flags that matching signals use
(``meaningful``, ``group``, ``low_threshold``...).

Matching rule for one token (:meth:`Taxonomy.match`): a token matches a keyword when
``rapidfuzz.fuzz.ratio >= 85`` (typos, inflection: "wandelen" ~ "wandelden"), or when the
keyword has at least 4 characters and occurs inside a token that is at least 3 characters
longer (Dutch compounds: "moestuin" contains "tuin"; the length rule keeps "haken" out of
"schaken"). A token that equals a keyword matches only that keyword ("iets betekenen" is
not read as a compound of "tekenen").

Which tokens a text gives depends on its side:

- a client's phrases (interests, energy sources and drains) give every token of
  :func:`wor_match.text.tokens` with ``max_words=taxonomy.max_words``: words and n-grams
  of adjacent words, all matched with the rule above, so a multi-word keyword matches
  with a typo too ("taj chi", "samen etne");
- catalogue text (``wor_match.catalogue._text_index``) has a *structured* field (name, categories,
  tags: one segment each) and a *description* (one segment). Its words, the unigram
  tokens ``tokens(segment, max_words=1)``, match with the rule above; a multi-word
  keyword matches only when it appears exactly as consecutive words of one segment with
  no function word among them (one of the n-grams ``tokens()`` produces). There is no
  fuzzy matching of catalogue n-grams: "Repair Café" matches repair, "taj chi" matches
  nothing in a catalogue. The catalogue's vocabulary is its distinct words, unigrams
  only.

A keyword holding a function word ("dagje uit", "veel mensen") never equals an n-gram of
``tokens()``: in catalogue text it never matches, in a client's phrase only fuzzily
through a similar n-gram (see ``docs/taxonomy.md``).

Speed: tokens are grouped by length, ``fuzz.ratio`` runs (as ``rapidfuzz.process.cdist``)
only against the keywords whose length leaves a ratio of 85 within reach
(``200 min(a, b) / (a + b)`` bounds it), and the compound rule is an exact substring
search over hashed windows of the token (``fuzz.partial_ratio == 100``, the former test,
holds exactly when the keyword occurs in the token; a property test checks it). Results
are identical to running both tests over all (tokens x keywords) pairs; 200,000 distinct
words take well under a second.
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
        """Which themes each token matches: a (len(tokens), n_themes) boolean matrix.

        Tokens are grouped by length: ``fuzz.ratio`` runs only against the keywords whose
        length can still reach the cutoff, and the compound rule is an exact substring
        search (``partial_ratio == 100`` holds exactly when the keyword occurs in the
        token), so the cost grows with the number of tokens, not tokens x keywords.
        """
        if len(tokens) <= _FEW_TOKENS:
            return self._match_few(list(tokens))
        return self._match_many(list(tokens))

    def _match_few(self, token_list: list[str]) -> npt.NDArray[np.bool_]:
        """:meth:`match` for a handful of tokens (a client's phrases): one cdist call and
        plain substring tests, without the set-up the grouped path needs."""
        keywords, owners = _keyword_index(self)
        result = np.zeros((len(token_list), len(self.themes)), dtype=bool)
        if not token_list:
            return result
        scores = process.cdist(
            token_list, keywords, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, dtype=np.uint8
        )
        by_length = _compound_keywords(self)
        for i, token in enumerate(token_list):
            row = scores[i]
            exact = np.flatnonzero(row == 100)
            if len(exact):  # a token that is itself a keyword matches only as itself
                result[i, owners[exact]] = True
                continue
            result[i, owners[np.flatnonzero(row)]] = True
            for length, candidates in by_length:
                if length > len(token) - MIN_COMPOUND_REST:
                    break
                for column, keyword in candidates:
                    if keyword in token:
                        result[i, owners[column]] = True
        return result

    def _match_many(self, token_list: list[str]) -> npt.NDArray[np.bool_]:
        keywords, owners = _keyword_index(self)
        result = np.zeros((len(token_list), len(self.themes)), dtype=bool)
        if len(token_list) == 0:
            return result
        token_len = np.fromiter(map(len, token_list), dtype=np.int64, count=len(token_list))
        keyword_len = _keyword_lengths(self).astype(np.int64)
        found_tokens: list[npt.NDArray[np.intp]] = []
        found_keywords: list[npt.NDArray[np.intp]] = []
        found_exact: list[npt.NDArray[np.bool_]] = []
        order = np.argsort(token_len, kind="stable")
        lengths, starts = np.unique(token_len[order], return_index=True)
        for length, group in zip(lengths.tolist(), np.split(order, starts[1:]), strict=True):
            words = [token_list[i] for i in group]
            # max ratio for lengths a, b is 200 min(a, b) / (a + b): a one-point margin
            # keeps every pair that could reach the cutoff
            shortest = np.minimum(keyword_len, length)
            reachable = np.flatnonzero(
                200 * shortest >= (FUZZY_CUTOFF - 1) * (keyword_len + length)
            )
            if reachable.size:
                scores = process.cdist(
                    words,
                    [keywords[j] for j in reachable],
                    scorer=fuzz.ratio,
                    score_cutoff=FUZZY_CUTOFF,
                    dtype=np.uint8,
                )
                rows, cols = _nonzero(scores)
                found_tokens.append(group[rows])
                found_keywords.append(reachable[cols])
                # == 100 after rounding to uint8, as the original full cdist did
                found_exact.append(scores[rows, cols] == 100)
            rows, columns = _compounds(self, words, length)
            found_tokens.append(group[rows])
            found_keywords.append(columns)
            found_exact.append(np.zeros(len(rows), dtype=bool))
        token_rows = np.concatenate(found_tokens)
        keyword_cols = np.concatenate(found_keywords)
        exact = np.concatenate(found_exact)
        # a token that is itself a keyword ("betekenen") matches only as itself, not also
        # as a typo or compound of another ("tekenen")
        has_exact = np.zeros(len(token_list), dtype=bool)
        has_exact[token_rows[exact]] = True
        keep = exact | ~has_exact[token_rows]
        result[token_rows[keep], owners[keyword_cols[keep]]] = True
        return result


#: Up to this many tokens, match() takes the direct path (one cdist, plain substring tests).
_FEW_TOKENS = 32


@cache
def _compound_keywords(taxonomy: Taxonomy) -> tuple[tuple[int, tuple[tuple[int, str], ...]], ...]:
    """Keywords the compound rule can use (4+ characters), grouped by length, ascending:
    (length, ((column, keyword), ...))."""
    keywords, _ = _keyword_index(taxonomy)
    lengths = sorted({len(k) for k in keywords if len(k) >= MIN_SUBSTRING_KEYWORD})
    return tuple(
        (length, tuple((j, k) for j, k in enumerate(keywords) if len(k) == length))
        for length in lengths
    )


_HASH_BASE = np.uint64(0x100000001B3)
_BUCKET_SHIFT = np.uint64(48)


@dataclass(frozen=True)
class _KeywordsOfLength:
    """Keywords of one length for the substring search: columns, code points, hashes."""

    columns: npt.NDArray[np.intp]  # keyword columns, in the order of ``hashes``
    codes: npt.NDArray[np.uint32]  # (n, length) code points
    hashes: npt.NDArray[np.uint64]  # sorted polynomial hashes of ``codes``
    runs: npt.NDArray[np.intp]  # at the first of equal hashes: how many are equal
    buckets: npt.NDArray[np.bool_]  # which values of the top hash bits occur


def _code_points(words: list[str], length: int) -> npt.NDArray[np.uint32]:
    """(len(words), length) code points of words that all have ``length`` characters."""
    return np.array(words, dtype=f"<U{length}").view(np.uint32).reshape(len(words), length)


def _window_hashes(codes: npt.NDArray[np.uint32], length: int) -> npt.NDArray[np.uint64]:
    """Hashes of every ``length``-character window: (n_words, n_windows)."""
    n_windows = codes.shape[1] - length + 1
    hashes = np.zeros((codes.shape[0], n_windows), dtype=np.uint64)
    for offset in range(length):
        hashes *= _HASH_BASE
        hashes += codes[:, offset : offset + n_windows]
    return hashes


@cache
def _substring_keywords(taxonomy: Taxonomy) -> tuple[_KeywordsOfLength, ...]:
    keywords, _ = _keyword_index(taxonomy)
    lengths = _keyword_lengths(taxonomy)
    groups = []
    for length in np.unique(lengths[lengths >= MIN_SUBSTRING_KEYWORD]).tolist():
        columns = np.flatnonzero(lengths == length)
        codes = _code_points([keywords[j] for j in columns], length)
        hashes = _window_hashes(codes, length)[:, 0]
        order = np.argsort(hashes, kind="stable")
        hashes = hashes[order]
        _, first, counts = np.unique(hashes, return_index=True, return_counts=True)
        runs = np.zeros(len(hashes), dtype=np.intp)
        runs[first] = counts
        buckets = np.zeros(1 << (64 - int(_BUCKET_SHIFT)), dtype=bool)
        buckets[hashes >> _BUCKET_SHIFT] = True
        groups.append(_KeywordsOfLength(columns[order], codes[order], hashes, runs, buckets))
    return tuple(groups)


def _compounds(
    taxonomy: Taxonomy, words: list[str], length: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """(word, keyword column) pairs of the compound rule for words of one ``length``: the
    keyword has at least 4 characters, occurs in the word, and the word is at least 3
    characters longer. Window hashes find candidates; code points confirm them."""
    rows: list[npt.NDArray[np.intp]] = [np.empty(0, dtype=np.intp)]
    columns: list[npt.NDArray[np.intp]] = [np.empty(0, dtype=np.intp)]
    codes: npt.NDArray[np.uint32] | None = None
    for group in _substring_keywords(taxonomy):
        size = group.codes.shape[1]
        if size > length - MIN_COMPOUND_REST:
            break
        if codes is None:
            codes = _code_points(words, length)
        hashes = _window_hashes(codes, size)
        # a 64 KiB bit table on the top hash bits discards almost every window cheaply
        word_of, start = _nonzero(group.buckets[hashes >> _BUCKET_SHIFT])
        if not word_of.size:
            continue
        found = hashes[word_of, start]
        first = np.searchsorted(group.hashes, found)
        spans = np.where(
            group.hashes[np.minimum(first, len(group.hashes) - 1)] == found,
            group.runs[np.minimum(first, len(group.hashes) - 1)],
            0,
        )
        # a hash may stand for several keywords (shared across themes, or a collision)
        candidate = np.repeat(first, spans) + _ranks_within(spans)
        word_of = np.repeat(word_of, spans)
        start = np.repeat(start, spans)
        window = codes[word_of[:, None], start[:, None] + np.arange(size)]
        confirmed = (window == group.codes[candidate]).all(axis=1)
        rows.append(word_of[confirmed])
        columns.append(group.columns[candidate[confirmed]])
    return np.concatenate(rows), np.concatenate(columns)


def _nonzero(
    matrix: npt.NDArray[np.uint8] | npt.NDArray[np.bool_],
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """``np.nonzero`` of a mostly-zero matrix: rows with a hit first (one cheap pass)."""
    rows = np.flatnonzero(matrix.max(axis=1)) if matrix.size else np.empty(0, dtype=np.intp)
    hit_rows, cols = np.nonzero(matrix[rows])
    return rows[hit_rows], cols


def _ranks_within(counts: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """0, 1, ..., c - 1 for each count c, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - counts, counts)


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
