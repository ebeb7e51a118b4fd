"""The bilingual concept taxonomy and the matcher from words to concepts.

The taxonomy (``wor_match/data/taxonomy.json``, built by ``scripts/build_taxonomy.py`` from
the checked-in source in ``scripts/taxonomy/``, documented in ``docs/taxonomy.md``) is a
shallow hierarchy: a few hundred *concepts* (billiards, choir, angling), each with Dutch and
English terms and common misspellings, grouped into about 35 *themes* (games, music,
fishing) that carry the flags matching signals read (``meaningful``, ``group``...).

Matching rule for one token (:meth:`Taxonomy.match`), in order; the first rule that finds
something decides:

1. **Known word.** The token is a term, or has the key of one (its Snowball stem, see
   :func:`wor_match.text.word_key`: Dutch keys for Dutch terms, English keys for English
   terms): "wandelingen" and "gewandeld" are "wandelen", "choirs" is "choir". A known word
   matches only as itself, never as a compound or a typo of another word.
2. **Compound.** A Dutch word splits into a modifier and a head at one place where the
   head is a known word: a term ("moes" + "tuin", "senioren" + "koor") or a generic head
   from ``rules.heads`` after a term ("schaak" + "club", "biljart" + "vereniging"). The
   modifier has at least three characters and is not a verb particle or bound prefix
   (``rules.particles``: "binnen" + "lopen" is to drop by, "be" + "tekenen" is to mean), so
   a split never leaves a fragment that makes it a different word. The word matches the
   concepts of its known parts.
3. **Typo.** Only for real typos: both words have at least 6 characters, start with the
   same letter, are one edit apart (optimal string alignment: insert, delete, substitute,
   swap two neighbours; two edits from 10 characters), have ``fuzz.ratio >= 85``, and are
   not a listed false friend (``rules.false_friends``). Words under 6 characters never
   match fuzzily: "werken" and "weken" differ by one letter and mean different things.

A client's phrases give every token of :func:`wor_match.text.tokens` (words and n-grams);
catalogue text gives its words, and multi-word terms match catalogue text only as exact
consecutive words (``wor_match.catalogue._text_index``).

Speed: rule 1 is a vectorised look-up of keys (PyStemmer stems about a million words a
second); rule 2 looks only at the places where a term or head occurs in the word (an exact
substring search over hashed windows, confirmed character by character); rule 3 runs
``rapidfuzz.process.cdist`` only on the words the first two rules left, grouped by length,
against terms whose length can reach the cutoff. A property test checks the vectorised
path against the plain rules applied word by word.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from wor_match.text import KEY_LANGUAGES, normalise, word_key, word_keys

__all__ = [
    "FUZZY_CUTOFF",
    "MIN_FUZZY_LENGTH",
    "Concept",
    "MatchRules",
    "Taxonomy",
    "Theme",
    "load_taxonomy",
]

#: Minimum rapidfuzz ratio (0-100 scale) for a typo; the edit rule below is the tighter one.
FUZZY_CUTOFF = 85.0
#: Words shorter than this never match fuzzily (both words must be this long).
MIN_FUZZY_LENGTH = 6
#: From this length (of the shorter word) a typo may be two edits, below it one.
TWO_EDITS_FROM = 10
#: Shortest modifier of a compound ("moes" + "tuin") and shortest term head.
MIN_MODIFIER = 3
MIN_HEAD_TERM = 4
#: Most letters of an inflection after a compound part ("wandel" + "ingen").
MAX_ENDING = 6
#: Linking sounds between modifier and head ("vrijwilliger-s-werk", "boek-en-club").
_LINKS = ("s", "en", "e")

Language = Literal["nl", "en"]


@dataclass(frozen=True)
class Theme:
    """A group of concepts: an id, labels, the phrase theme-level reasons use ("een spel"),
    flags, and the terms of all its concepts (``keywords``)."""

    id: str
    nl: str
    en: str
    flags: frozenset[str]
    keywords: tuple[str, ...] = ()
    kind_nl: str = ""
    kind_en: str = ""

    def label(self, language: str) -> str:
        """The label in ``language`` ("nl" or "en")."""
        return self.nl if language == "nl" else self.en

    def kind(self, language: str) -> str:
        """What an offer of this theme is, for "Ook een spel, zoals biljarten"."""
        return (self.kind_nl if language == "nl" else self.kind_en) or self.label(language)


@dataclass(frozen=True)
class Concept:
    """One concept: its terms per language (the first is its label), misspellings, and
    the index of its theme."""

    id: str
    theme: int
    terms_nl: tuple[str, ...]
    terms_en: tuple[str, ...]
    typos: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()

    @property
    def nl(self) -> str:
        return self.terms_nl[0]

    @property
    def en(self) -> str:
        return self.terms_en[0]

    def label(self, language: str) -> str:
        return self.nl if language == "nl" else self.en

    @property
    def keywords(self) -> tuple[str, ...]:
        """Every term, Dutch, English and misspelt, once."""
        return tuple(dict.fromkeys((*self.terms_nl, *self.terms_en, *self.typos)))


@dataclass(frozen=True)
class MatchRules:
    """The data of the compound and typo rules (``scripts/taxonomy/rules.toml``)."""

    heads: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    false_friends: frozenset[frozenset[str]] = frozenset()

    def false_friend(self, first: str, second: str) -> bool:
        return frozenset((first, second)) in self.false_friends


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """Concepts grouped in themes, plus the tables for vectorised matching (hashed by
    identity, so the per-taxonomy caches below are cheap to look up)."""

    concepts: tuple[Concept, ...]
    themes: tuple[Theme, ...]
    rules: MatchRules = field(default_factory=MatchRules)

    @property
    def ids(self) -> tuple[str, ...]:
        """Concept ids, in column order of concept matrices."""
        return tuple(concept.id for concept in self.concepts)

    def index(self, concept_id: str) -> int:
        """Column of a concept in concept matrices."""
        return self.ids.index(concept_id)

    def theme_of(self, concept: int) -> Theme:
        return self.themes[self.concepts[concept].theme]

    def flagged(self, flag: str) -> npt.NDArray[np.bool_]:
        """Boolean vector over concepts: which belong to a theme that carries ``flag``."""
        return _flagged(self, flag)

    @cached_property
    def concept_themes(self) -> npt.NDArray[np.intp]:
        """The theme index of every concept."""
        return np.array([c.theme for c in self.concepts], dtype=np.intp)

    def siblings(self, concepts: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        """Every concept of the themes of the given concepts (boolean vector over
        concepts, the given ones included)."""
        themes = np.unique(self.concept_themes[np.asarray(concepts, dtype=bool)])
        return np.isin(self.concept_themes, themes)

    @cached_property
    def max_words(self) -> int:
        """Most words in one term (the n-gram size texts need)."""
        return max(len(k.split()) for c in self.concepts for k in c.keywords)

    # -- matching one word at a time (the rules, for a client's phrases and reasons) ----

    def known(self, token: str) -> frozenset[int]:
        """Rule 1: the concepts a token is a term of, literally or by its key."""
        return _known(self, token)

    def literal(self, term: str) -> frozenset[int]:
        """The concepts a term belongs to as written (how multi-word terms match
        catalogue text)."""
        return _key_tables(self)["literal"].get(term, frozenset())

    def split(self, word: str) -> tuple[str, str] | None:
        """Rule 2: (modifier, head) of a Dutch compound of known parts, or None. A known
        word is never split."""
        if " " in word or self.known(word):
            return None
        return _split(self, word)

    def compound(self, word: str) -> frozenset[int]:
        """The concepts of the known parts of a compound (empty when it does not split)."""
        parts = self.split(word)
        if parts is None:
            return frozenset()
        return frozenset(_known_modifier(self, parts[0]) | _known_nl(self, parts[1]))

    def typo(self, first: str, second: str) -> bool:
        """Rule 3: whether two different words are a real typo of each other."""
        return _typo(self.rules, first, second)

    def concepts_of(self, token: str) -> frozenset[int]:
        """The concepts one token matches, by the three rules in order (kept per token)."""
        cache = _token_cache(self)
        found = cache.get(token)
        if found is None:
            if len(cache) > _TOKEN_CACHE_SIZE:
                cache.clear()
            found = cache[token] = self._concepts_of(token)
        return found

    def _concepts_of(self, token: str) -> frozenset[int]:
        known = self.known(token)
        if known:
            return known
        compound = self.compound(token)
        if compound:
            return compound
        if len(token) < MIN_FUZZY_LENGTH:
            return frozenset()
        terms, owners = _term_list(self)
        # fuzz.ratio >= 85 is part of the rule: rapidfuzz finds those terms in one call
        close = process.extract(
            token, terms, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        )
        return frozenset(int(owners[j]) for term, _, j in close if self.typo(token, term))

    def same_word(self, token: str, word: str) -> bool:
        """Whether a catalogue ``word`` is the client's own ``token`` (the first level of
        a match): the same word or key; a part of a compound that splits by rule 2 (or,
        when no term splits it, a compound of the token itself: "schaak" in
        "schaakclub"); for a known word only the token before a generic head
        ("biljart" + "club", never "werken" in "handwerken"); or a typo of it when not
        both are known words. The token or its Dutch key occurs literally in a compound
        it is part of."""
        if token == word:
            return True
        if any(_word_key(token, lang) == _word_key(word, lang) for lang in KEY_LANGUAGES):
            return True
        if " " not in token and " " not in word and self._part_of(token, word):
            return True
        return (not self.known(token) or not self.known(word)) and self.typo(token, word)

    @staticmethod
    def may_hold(word: str, form: str) -> bool:
        """Whether ``form`` stands where a compound part can: at the start of ``word``,
        or ending it within :data:`MAX_ENDING` letters (an inflection)."""
        if word.startswith(form):
            return True
        end = word.rfind(form)
        return end >= MIN_MODIFIER and len(word) - end - len(form) <= MAX_ENDING

    def _part_of(self, token: str, word: str) -> bool:
        key = _word_key(token, "nl")
        forms = [f for f in (token, key) if len(f) >= MIN_HEAD_TERM and self.may_hold(word, f)]
        if not forms:
            return False
        known = bool(self.known(word))
        parts = None if known else _split(self, word)
        if parts is not None:
            modifier, head = parts
            return _word_key(head, "nl") == key or key in _modifier_keys(modifier)
        # the token first, then (a linking sound and) a generic head or a term
        for form in forms:
            if not word.startswith(form):
                continue
            for link in ("", *_LINKS):
                head = word[len(form) + len(link) :]
                if not word[len(form) :].startswith(link) or len(head) < MIN_MODIFIER:
                    continue
                if _is_head(self, head):
                    return True
                # a known word ("handwerken") splits only before a generic head
                if not known and len(head) >= MIN_HEAD_TERM and _known_nl(self, head):
                    return True
        if known:
            return False
        # the token as the head, after a modifier that is no particle
        for form in forms:
            place = word.find(form, MIN_MODIFIER)
            while place >= 0:
                modifier, head = word[:place], word[place:]
                if modifier not in self.rules.particles and _word_key(head, "nl") == key:
                    return True
                place = word.find(form, place + 1)
        return False

    # -- matching many tokens (a catalogue's vocabulary) ----------------------------------

    def match(self, tokens: Sequence[str]) -> npt.NDArray[np.bool_]:
        """Which concepts each token matches: a (len(tokens), n_concepts) boolean matrix,
        equal to :meth:`concepts_of` token by token."""
        token_list = list(tokens)
        result = np.zeros((len(token_list), len(self.concepts)), dtype=bool)
        if not token_list:
            return result
        if len(token_list) <= _FEW_TOKENS:
            for i, token in enumerate(token_list):
                result[i, list(self.concepts_of(token))] = True
            return result
        single = np.fromiter((" " not in t for t in token_list), dtype=bool, count=len(token_list))
        _match_known(self, token_list, single, result)
        left = np.flatnonzero(~result.any(axis=1))
        _match_compounds(self, token_list, left[single[left]], result)
        left = np.flatnonzero(~result.any(axis=1))
        _match_typos(self, token_list, left, result)
        return result


#: Up to this many tokens, match() applies the rules one token at a time.
_FEW_TOKENS = 64
_TOKEN_CACHE_SIZE = 100_000


@cache
def _token_cache(taxonomy: Taxonomy) -> dict[str, frozenset[int]]:
    return {}


def _word_key(token: str, language: Language) -> str:
    return word_key(token, language)


@cache
def _key_tables(taxonomy: Taxonomy) -> dict[str, dict[str, frozenset[int]]]:
    """literal term -> concepts, and per language key -> concepts."""
    literal: dict[str, set[int]] = {}
    keyed: dict[str, dict[str, set[int]]] = {language: {} for language in KEY_LANGUAGES}
    for index, concept in enumerate(taxonomy.concepts):
        for term in concept.keywords:
            literal.setdefault(term, set()).add(index)
        for language, terms in (("nl", concept.terms_nl + concept.typos), ("en", concept.terms_en)):
            for term in terms:
                keyed[language].setdefault(_word_key(term, language), set()).add(index)  # type: ignore[arg-type]
    tables = {"literal": {k: frozenset(v) for k, v in literal.items()}}
    for language in KEY_LANGUAGES:
        tables[language] = {k: frozenset(v) for k, v in keyed[language].items()}
    return tables


@cache
def _term_list(taxonomy: Taxonomy) -> tuple[list[str], npt.NDArray[np.intp]]:
    """Every distinct (term, concept) pair: terms and their concepts."""
    terms: list[str] = []
    owners: list[int] = []
    for index, concept in enumerate(taxonomy.concepts):
        for term in concept.keywords:
            terms.append(term)
            owners.append(index)
    return terms, np.asarray(owners, dtype=np.intp)


def _known(taxonomy: Taxonomy, token: str) -> frozenset[int]:
    tables = _key_tables(taxonomy)
    found = set(tables["literal"].get(token, ()))
    for language in KEY_LANGUAGES:
        found |= tables[language].get(_word_key(token, language), frozenset())
    return frozenset(found)


def _known_nl(taxonomy: Taxonomy, part: str) -> frozenset[int]:
    """Concepts of a Dutch compound part: a Dutch term literally or by its Dutch key."""
    tables = _key_tables(taxonomy)
    literal = tables["literal"].get(part, frozenset())
    return literal | tables["nl"].get(_word_key(part, "nl"), frozenset())


def _known_modifier(taxonomy: Taxonomy, modifier: str) -> frozenset[int]:
    """Concepts of a modifier, with or without a linking sound ("vrijwilliger-s")."""
    found = _known_nl(taxonomy, modifier)
    for link in _LINKS:
        stripped = modifier[: -len(link)]
        if modifier.endswith(link) and len(stripped) >= MIN_MODIFIER:
            found |= _known_nl(taxonomy, stripped)
    return found


def _modifier_keys(modifier: str) -> set[str]:
    """Dutch keys of a modifier, with and without a linking sound."""
    keys = {_word_key(modifier, "nl"), modifier}
    for link in _LINKS:
        stripped = modifier[: -len(link)]
        if modifier.endswith(link) and len(stripped) >= MIN_MODIFIER:
            keys |= {stripped, _word_key(stripped, "nl")}
    return keys


@cache
def _head_keys(taxonomy: Taxonomy) -> frozenset[str]:
    heads = taxonomy.rules.heads
    return frozenset(heads) | frozenset(_word_key(h, "nl") for h in heads)


def _is_head(taxonomy: Taxonomy, part: str) -> bool:
    return part in taxonomy.rules.heads or _word_key(part, "nl") in _head_keys(taxonomy)


def _valid_split(taxonomy: Taxonomy, modifier: str, head: str) -> bool:
    """Rule 2 at one place: the head is a term (4+ characters), or a generic head after a
    known modifier; the modifier is 3+ characters and not a particle or bound prefix."""
    if len(modifier) < MIN_MODIFIER or modifier in taxonomy.rules.particles:
        return False
    if len(head) >= MIN_HEAD_TERM and _known_nl(taxonomy, head):
        return True
    return _is_head(taxonomy, head) and bool(_known_modifier(taxonomy, modifier))


def _split(taxonomy: Taxonomy, word: str) -> tuple[str, str] | None:
    """The split with the longest valid head (the first one from the left), among the
    places where a term or generic head (or its key) begins (kept per word)."""
    cache = _split_cache(taxonomy)
    if word not in cache:
        if len(cache) > _TOKEN_CACHE_SIZE:
            cache.clear()
        cache[word] = _split_uncached(taxonomy, word)
    return cache[word]


@cache
def _split_cache(taxonomy: Taxonomy) -> dict[str, tuple[str, str] | None]:
    return {}


def _split_uncached(taxonomy: Taxonomy, word: str) -> tuple[str, str] | None:
    sizes = _pattern_sets(taxonomy)
    places = [
        place
        for place in range(MIN_MODIFIER, len(word) - MIN_MODIFIER + 1)
        if any(word[place : place + size] in members for size, members in sizes)
    ]
    return _split_at(taxonomy, word, places)


@cache
def _pattern_sets(taxonomy: Taxonomy) -> tuple[tuple[int, frozenset[str]], ...]:
    by_size: dict[int, set[str]] = {}
    for pattern in _split_patterns(taxonomy):
        by_size.setdefault(len(pattern), set()).add(pattern)
    return tuple((size, frozenset(members)) for size, members in sorted(by_size.items()))


def _split_at(taxonomy: Taxonomy, word: str, places: Iterable[int]) -> tuple[str, str] | None:
    for place in places:
        if _valid_split(taxonomy, word[:place], word[place:]):
            return word[:place], word[place:]
    return None


def _typo(rules: MatchRules, first: str, second: str) -> bool:
    if first == second:
        return False
    shorter = min(len(first), len(second))
    if shorter < MIN_FUZZY_LENGTH or first[0] != second[0]:
        return False
    budget = 2 if shorter >= TWO_EDITS_FROM else 1
    if OSA.distance(first, second, score_cutoff=budget) > budget:
        return False
    if fuzz.ratio(first, second) < FUZZY_CUTOFF:
        return False
    return not rules.false_friend(first, second)


# -- the vectorised path ---------------------------------------------------------------


def _match_known(
    taxonomy: Taxonomy,
    token_list: list[str],
    single: npt.NDArray[np.bool_],
    result: npt.NDArray[np.bool_],
) -> None:
    """Rule 1 for every token: literal terms and keys looked up through pandas indexes."""
    tables = _key_tables(taxonomy)
    words = [token_list[i] for i in np.flatnonzero(single)]
    keys = {language: word_keys(words, language) for language in KEY_LANGUAGES}
    positions = np.flatnonzero(single)
    lookups: list[tuple[npt.NDArray[np.intp], list[str], dict[str, frozenset[int]]]] = [
        (np.arange(len(token_list)), token_list, tables["literal"])
    ]
    lookups += [(positions, keys[language], tables[language]) for language in KEY_LANGUAGES]
    multi = np.flatnonzero(~single)
    if multi.size:
        for language in KEY_LANGUAGES:
            lookups.append(
                (multi, [_word_key(token_list[i], language) for i in multi], tables[language])
            )
    for rows, values, table in lookups:
        index = pd.Index(list(table))
        found = index.get_indexer(pd.Index(values))
        hit = np.flatnonzero(found >= 0)
        if not hit.size:
            continue
        concept_sets = list(table.values())
        for at, key_position in zip(hit.tolist(), found[hit].tolist(), strict=True):
            result[rows[at], list(concept_sets[key_position])] = True


@cache
def _split_patterns(taxonomy: Taxonomy) -> tuple[str, ...]:
    """What may start a head: Dutch single-word terms and their keys (4+ characters), and
    the generic heads and their keys (3+)."""
    patterns: set[str] = set()
    for concept in taxonomy.concepts:
        for term in (*concept.terms_nl, *concept.typos):
            if " " not in term and len(term) >= MIN_HEAD_TERM:
                patterns.add(term)
                key = _word_key(term, "nl")
                if len(key) >= MIN_HEAD_TERM:
                    patterns.add(key)
    patterns |= {h for h in _head_keys(taxonomy) if len(h) >= MIN_MODIFIER}
    return tuple(sorted(patterns))


def _match_compounds(
    taxonomy: Taxonomy,
    token_list: list[str],
    candidates: npt.NDArray[np.intp],
    result: npt.NDArray[np.bool_],
) -> None:
    """Rule 2 for words no term knows: only at the places where a term or head starts
    (at least three characters in, leaving three for the head)."""
    if not candidates.size:
        return
    words = [token_list[i] for i in candidates]
    places = _occurrences(_split_patterns(taxonomy), words, min_start=MIN_MODIFIER)
    for at, starts in places.items():
        word = words[at]
        parts = _split_at(taxonomy, word, sorted(starts))
        if parts is not None:
            concepts = _known_modifier(taxonomy, parts[0]) | _known_nl(taxonomy, parts[1])
            result[candidates[at], list(concepts)] = True


def _match_typos(
    taxonomy: Taxonomy,
    token_list: list[str],
    candidates: npt.NDArray[np.intp],
    result: npt.NDArray[np.bool_],
) -> None:
    """Rule 3 for the tokens the other rules left: words grouped by first letter and
    length, ``cdist`` against the terms with that first letter and a length within two
    (the rule allows no more), then the rule itself on the pairs over the cutoff."""
    terms, owners = _term_list(taxonomy)
    words = [token_list[i] for i in candidates]
    if not words:
        return
    by_letter = _terms_by_letter(taxonomy)
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    firsts = np.array(words, dtype=object).astype("U1")
    long_enough = np.flatnonzero(lengths >= MIN_FUZZY_LENGTH)
    order = long_enough[np.lexsort((lengths[long_enough], firsts[long_enough]))]
    keys = np.char.add(firsts[order], lengths[order].astype("U3"))
    _, starts = np.unique(keys, return_index=True)
    for group_array in np.split(order, np.sort(starts)[1:]) if order.size else []:
        group = group_array.tolist()
        letter, length = words[group[0]][0], len(words[group[0]])
        if letter not in by_letter:
            continue
        letter_terms, term_len = by_letter[letter]
        reachable = np.flatnonzero(np.abs(term_len - length) <= 2)
        if not reachable.size:
            continue
        scores = process.cdist(
            [words[i] for i in group],
            [terms[letter_terms[j]] for j in reachable],
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_CUTOFF,
            dtype=np.uint8,
        )
        rows, cols = np.nonzero(scores)
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            term_index = letter_terms[reachable[c]]
            if _typo(taxonomy.rules, words[group[r]], terms[term_index]):
                result[candidates[group[r]], owners[term_index]] = True


@cache
def _terms_by_letter(
    taxonomy: Taxonomy,
) -> dict[str, tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]]:
    """First letter -> (indexes into the term list, their lengths) of terms that can be
    typos (at least MIN_FUZZY_LENGTH characters)."""
    terms, _ = _term_list(taxonomy)
    by_letter: dict[str, list[int]] = {}
    for index, term in enumerate(terms):
        if len(term) >= MIN_FUZZY_LENGTH:
            by_letter.setdefault(term[0], []).append(index)
    return {
        letter: (
            np.array(indexes, dtype=np.intp),
            np.array([len(terms[i]) for i in indexes], dtype=np.int64),
        )
        for letter, indexes in by_letter.items()
    }


def _occurrences(
    patterns: Sequence[str], words: list[str], *, min_start: int
) -> dict[int, set[int]]:
    """word position -> the starts (>= ``min_start``) at which some pattern occurs in it,
    found with hashed windows per pattern length and confirmed by comparison."""
    found: dict[int, set[int]] = {}
    if not words or not patterns:
        return found
    word_len = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    by_length: dict[int, set[str]] = {}
    for pattern in patterns:
        by_length.setdefault(len(pattern), set()).add(pattern)
    for length in np.unique(word_len).tolist():
        if length <= min_start:
            continue
        group = np.flatnonzero(word_len == length)
        group_words = [words[i] for i in group]
        codes = _code_points(group_words, length)
        for size, members in by_length.items():
            if size > length - min_start:
                continue
            table = _pattern_hashes(tuple(sorted(members)))
            hashes = _window_hashes(codes, size)[:, min_start:]
            slots = np.minimum(np.searchsorted(table, hashes), len(table) - 1)
            hit_word, hit_start = np.nonzero(table[slots] == hashes)
            for w, start in zip(hit_word.tolist(), hit_start.tolist(), strict=True):
                place = start + min_start
                word = group_words[w]
                if word[place : place + size] in members:
                    found.setdefault(int(group[w]), set()).add(place)
    return found


_HASH_BASE = np.uint64(0x100000001B3)


@cache
def _pattern_hashes(members: tuple[str, ...]) -> npt.NDArray[np.uint64]:
    size = len(members[0])
    return np.unique(_window_hashes(_code_points(list(members), size), size)[:, 0])


def _code_points(words: list[str], length: int) -> npt.NDArray[np.uint32]:
    """(len(words), length) code points of words that all have ``length`` characters."""
    return np.array(words, dtype=f"<U{length}").view(np.uint32).reshape(len(words), length)


def _window_hashes(codes: npt.NDArray[np.uint32], length: int) -> npt.NDArray[np.uint64]:
    """Hashes of every ``length``-character window: (n_words, n_windows)."""
    n_windows = codes.shape[1] - length + 1
    hashes = np.zeros((codes.shape[0], max(n_windows, 0)), dtype=np.uint64)
    for offset in range(length):
        hashes *= _HASH_BASE
        hashes += codes[:, offset : offset + n_windows]
    return hashes


@cache
def _flagged(taxonomy: Taxonomy, flag: str) -> npt.NDArray[np.bool_]:
    return np.array([flag in concept.flags for concept in taxonomy.concepts], dtype=bool)


def _normalised(terms: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise(term) for term in terms if normalise(term)))


def taxonomy_from_data(data: dict[str, Any]) -> Taxonomy:
    """A taxonomy from the JSON form ``scripts/build_taxonomy.py`` writes."""
    theme_index = {item["id"]: i for i, item in enumerate(data["themes"])}
    concepts = []
    for item in data["concepts"]:
        theme = data["themes"][theme_index[item["theme"]]]
        concepts.append(
            Concept(
                id=item["id"],
                theme=theme_index[item["theme"]],
                terms_nl=_normalised(item["terms"]["nl"]),
                terms_en=_normalised(item["terms"]["en"]),
                typos=_normalised(item.get("typos", ())),
                flags=frozenset(theme.get("flags", ())),
            )
        )
    themes = tuple(
        Theme(
            id=item["id"],
            nl=item["nl"],
            en=item["en"],
            flags=frozenset(item.get("flags", ())),
            keywords=tuple(dict.fromkeys(k for c in concepts if c.theme == i for k in c.keywords)),
            kind_nl=item.get("kind", {}).get("nl", ""),
            kind_en=item.get("kind", {}).get("en", ""),
        )
        for i, item in enumerate(data["themes"])
    )
    rules = data.get("rules", {})
    return Taxonomy(
        concepts=tuple(concepts),
        themes=themes,
        rules=MatchRules(
            heads=frozenset(_normalised(rules.get("heads", ()))),
            particles=frozenset(_normalised(rules.get("particles", ()))),
            false_friends=frozenset(
                frozenset(_normalised(pair)) for pair in rules.get("false_friends", ())
            ),
        ),
    )


@cache
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy, loaded once."""
    with resources.files("wor_match.data").joinpath("taxonomy.json").open("rb") as handle:
        return taxonomy_from_data(json.load(handle))
