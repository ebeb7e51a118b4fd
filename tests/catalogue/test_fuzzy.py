"""WordIndex gives exactly the brute-force answers: rapidfuzz over every word, ``in`` for
every word. Vocabularies are drawn to be hard: near-duplicates, typos of each other,
compounds, words with spaces, duplicates in the list, very short and very long words."""

from __future__ import annotations

import doctest

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from wor_match.catalogue import _fuzzy
from wor_match.catalogue._fuzzy import MAX_INDEXED_LENGTH, WordIndex

# a small alphabet makes near-duplicates and shared segments likely
LETTERS = "aeinrst"


def brute_similar(token: str, words: list[str], cutoff: float = 85.0) -> npt.NDArray[np.intp]:
    if not words:
        return np.empty(0, dtype=np.intp)
    scores = process.cdist([token], words, scorer=fuzz.ratio, score_cutoff=cutoff)[0]
    return np.flatnonzero(scores > 0)


def brute_containing(
    token: str, words: list[str], min_length: int = 4, min_extra: int = 3
) -> npt.NDArray[np.intp]:
    if len(token) < min_length:
        return np.empty(0, dtype=np.intp)
    hits = [i for i, w in enumerate(words) if len(w) >= len(token) + min_extra and token in w]
    return np.array(hits, dtype=np.intp)


@st.composite
def edited(draw: st.DrawFn, word: str) -> str:
    """``word`` after a few deletions, insertions, substitutions or swaps."""
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["delete", "insert", "substitute", "swap"]))
        at = draw(st.integers(0, len(word)))
        char = draw(st.sampled_from(LETTERS + " z"))
        if kind == "insert":
            word = word[:at] + char + word[at:]
        elif at < len(word) and kind == "delete":
            word = word[:at] + word[at + 1 :]
        elif at < len(word) and kind == "substitute":
            word = word[:at] + char + word[at + 1 :]
        elif at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word


plain_words = st.text(alphabet=LETTERS, min_size=0, max_size=16)


@st.composite
def vocabularies(draw: st.DrawFn) -> list[str]:
    base = draw(st.lists(plain_words, min_size=0, max_size=25))
    words = list(base)
    for word in base:
        choice = draw(st.integers(0, 5))
        if choice == 0:
            words.append(draw(edited(word)))  # a typo of another word
        elif choice == 1:
            words.append(word + draw(st.sampled_from(base)))  # a compound
        elif choice == 2:
            words.append(f"{word} {draw(st.sampled_from(base))}")  # two words
        elif choice == 3:
            words.append(word)  # a duplicate
    if draw(st.booleans()) and words:
        words.append(draw(st.sampled_from(words)) * draw(st.integers(2, 4)))  # long words
    return draw(st.permutations(words))


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[str], str]:
    words = draw(vocabularies())
    if draw(st.integers(0, 3)) and words:
        word = draw(st.sampled_from(words))
        token = draw(edited(word))
        if draw(st.booleans()) and len(token) > 2:  # part of a word, as in a compound
            start = draw(st.integers(0, len(token) - 1))
            token = token[start : draw(st.integers(start + 1, len(token)))]
    else:
        token = draw(st.text(alphabet=LETTERS + " zé", max_size=20))
    return words, token


cutoffs = st.sampled_from([85.0, 100.0, 50.0, 90.0]) | st.floats(50, 100)


@settings(max_examples=300, deadline=None)
@given(case=cases(), cutoff=cutoffs, min_cutoff=st.sampled_from([85.0, 70.0, 95.0]))
def test_similar_equals_brute_force(
    case: tuple[list[str], str], cutoff: float, min_cutoff: float
) -> None:
    words, token = case
    found = WordIndex(words, min_cutoff=min_cutoff).similar(token, cutoff)
    assert found.dtype == np.intp
    np.testing.assert_array_equal(found, brute_similar(token, words, cutoff))


@settings(max_examples=300, deadline=None)
@given(case=cases(), min_length=st.integers(0, 6), min_extra=st.integers(-1, 4))
def test_containing_equals_brute_force(
    case: tuple[list[str], str], min_length: int, min_extra: int
) -> None:
    words, token = case
    found = WordIndex(words).containing(token, min_length=min_length, min_extra=min_extra)
    assert found.dtype == np.intp
    np.testing.assert_array_equal(found, brute_containing(token, words, min_length, min_extra))


@settings(max_examples=300, deadline=None)
@given(case=cases())
def test_lookup_equals_the_matcher_rule(case: tuple[list[str], str]) -> None:
    """The per-token union ``wor_match.context`` builds with cdist: ratio >= 85, or
    partial_ratio == 100 with the compound length rule."""
    words, token = case
    (found,) = WordIndex(words).lookup([token])
    expected = set(brute_similar(token, words).tolist())
    if words and len(token) >= 4:
        partial = process.cdist([token], words, scorer=fuzz.partial_ratio, score_cutoff=100)[0]
        lengths = np.array([len(w) for w in words])
        expected |= set(np.flatnonzero((partial > 0) & (lengths >= len(token) + 3)).tolist())
    assert found.tolist() == sorted(expected)


def test_compound_contains_its_part() -> None:
    index = WordIndex(["schaakclub", "schaak", "schaken", "haken"])
    assert index.containing("schaak").tolist() == [0]
    # "haken" is inside "schaken", but "sc" is too short a rest to call it a compound
    assert index.containing("haken").tolist() == []


def test_inflection_is_similar() -> None:
    index = WordIndex(["wandelen", "wandelgroep", "wandelden", "handelen"])
    assert index.similar("wandelden").tolist() == [0, 2]  # ratio 94 and 100
    assert fuzz.ratio("wandelden", "handelen") < 85
    assert index.similar("wandelden", 100).tolist() == [2]


def test_three_letter_token() -> None:
    words = ["tuin", "tuinieren", "tui", "uit"]
    index = WordIndex(words)
    assert index.similar("tui").tolist() == [0, 2]  # fuzz.ratio("tui", "tuin") == 85.7
    assert index.containing("tui").tolist() == []  # shorter than min_length
    assert index.containing("tui", min_length=3).tolist() == [1]


def test_empty_vocabulary() -> None:
    index = WordIndex([])
    assert len(index) == 0
    assert index.similar("tuin").tolist() == []
    assert index.containing("tuin").tolist() == []
    assert index.containing("", min_length=0, min_extra=0).tolist() == []
    assert [ids.tolist() for ids in index.lookup(["tuin", ""])] == [[], []]


def test_cutoff_100_means_exact() -> None:
    words = ["koken", "koken", "kokend", "samen koken", "koke"]
    index = WordIndex(words)
    assert index.similar("koken", 100).tolist() == [0, 1]
    assert index.similar("koken").tolist() == [0, 1, 2, 4]


def test_empty_token_and_empty_word() -> None:
    index = WordIndex(["", "a", "abc"])
    assert index.similar("").tolist() == [0]  # rapidfuzz: two empty strings score 100
    assert index.containing("", min_length=0).tolist() == [2]


def test_characters_outside_the_vocabulary() -> None:
    words = ["cafe", "repair cafe", "koffie"]
    index = WordIndex(words)
    for token in ["café", "repair café", "kóffie", "€"]:
        assert index.similar(token).tolist() == brute_similar(token, words).tolist()


def test_words_longer_than_the_indexed_length() -> None:
    long_word = "koffieochtend" * 4
    assert len(long_word) > MAX_INDEXED_LENGTH
    words = [long_word, long_word[1:], "koffie"]
    index = WordIndex(words)
    for token in [long_word, long_word[:-2] + "x", "koffie", "ochtendkoffie"]:
        assert index.similar(token).tolist() == brute_similar(token, words).tolist()
        assert index.containing(token).tolist() == brute_containing(token, words).tolist()


def test_ids_refer_to_the_given_order() -> None:
    words = ["moestuinieren", "tuin", "tuinen", "moestuin"]
    index = WordIndex(words)
    assert index.similar("tuinen").tolist() == [2]
    assert index.containing("tuin").tolist() == [0, 3]  # "tuinen": only 2 more letters
    assert repr(index) == "WordIndex(4 words, min_cutoff=85)"


@pytest.mark.parametrize("cutoff", [0, -5, 100.5, float("nan"), "85"])
def test_cutoff_out_of_range_is_rejected(cutoff: object) -> None:
    index = WordIndex(["tuin"])
    with pytest.raises(ValueError, match=r"'cutoff' parameter of WordIndex.similar must be"):
        index.similar("tuin", cutoff)  # type: ignore[arg-type]


def test_min_cutoff_out_of_range_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"'min_cutoff' parameter of WordIndex must be .* Got 0"):
        WordIndex(["tuin"], min_cutoff=0)


def test_docstring_examples() -> None:
    result = doctest.testmod(_fuzzy, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
