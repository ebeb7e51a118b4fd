"""The catalogue text index and the fast matcher: both equal slow, obviously correct
references written out here, on random text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from unittest import mock

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from wor_match.catalogue import _text_index
from wor_match.catalogue._text_index import PostingLists, TextIndex, build_text_index
from wor_match.taxonomy import (
    FUZZY_CUTOFF,
    MIN_COMPOUND_REST,
    MIN_SUBSTRING_KEYWORD,
    Taxonomy,
    Theme,
    _keyword_index,
    _keyword_lengths,
    load_taxonomy,
)
from wor_match.text import STOPWORDS, tokens

TAXONOMY = load_taxonomy()
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYWORDS = [k for theme in TAXONOMY.themes for k in theme.keywords]
PHRASES = [k for k in KEYWORDS if " " in k]


# --- references -----------------------------------------------------------------------


def reference_match(taxonomy: Taxonomy, token_list: Sequence[str]) -> npt.NDArray[np.bool_]:
    """Taxonomy.match as it was: two full cdist calls over (tokens x keywords)."""
    keywords, owners = _keyword_index(taxonomy)
    result = np.zeros((len(token_list), len(taxonomy.themes)), dtype=bool)
    if not token_list:
        return result
    token_list = list(token_list)
    ratio = process.cdist(
        token_list, keywords, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, dtype=np.uint8
    )
    partial = process.cdist(
        token_list, keywords, scorer=fuzz.partial_ratio, score_cutoff=100, dtype=np.uint8
    )
    token_len = np.fromiter((len(t) for t in token_list), dtype=np.int32)
    keyword_len = _keyword_lengths(taxonomy)
    inside = (
        (partial > 0)
        & (keyword_len[None, :] >= MIN_SUBSTRING_KEYWORD)
        & (token_len[:, None] >= keyword_len[None, :] + MIN_COMPOUND_REST)
    )
    exact = ratio == 100
    hits = np.where(exact.any(axis=1, keepdims=True), exact, (ratio > 0) | inside)
    token_rows, keyword_cols = np.nonzero(hits)
    result[token_rows, owners[keyword_cols]] = True
    return result


def reference_index(
    structured: Sequence[Sequence[str]], descriptions: Sequence[str], taxonomy: Taxonomy
) -> tuple[list[str], list[list[set[str]]], list[list[set[str]]]]:
    """Vocabulary, per field the words of each row, and per field the themes of each row:
    tokens() per segment, Taxonomy.match on the words, exact n-gram keyword check."""
    fields = [[list(s) for s in structured], [[d] for d in descriptions]]
    vocabulary: dict[str, None] = {}
    words: list[list[set[str]]] = []
    phrases: list[list[set[str]]] = []
    for field in fields:
        words.append([])
        phrases.append([])
        for segments in field:
            row_words: list[str] = []
            row_phrases: set[str] = set()
            for segment in segments:
                row_words += tokens(segment, max_words=1)
                for gram in tokens(segment, max_words=taxonomy.max_words):
                    if " " in gram:
                        row_phrases |= {t.id for t in taxonomy.themes if gram in t.keywords}
            vocabulary.update(dict.fromkeys(row_words))
            words[-1].append(set(row_words))
            phrases[-1].append(row_phrases)
    ordered = list(vocabulary)
    hits = taxonomy.match(ordered)
    word_themes = {
        w: {taxonomy.themes[j].id for j in np.flatnonzero(hits[i])} for i, w in enumerate(ordered)
    }
    themes = [
        [set().union(p, *(word_themes[w] for w in ws)) for ws, p in zip(wf, pf, strict=True)]
        for wf, pf in zip(words, phrases, strict=True)
    ]
    return ordered, words, themes


def theme_sets(bits: npt.NDArray[np.uint64], taxonomy: Taxonomy) -> list[set[str]]:
    return [
        {t.id for j, t in enumerate(taxonomy.themes) if int(row[j // 64]) >> (j % 64) & 1}
        for row in bits
    ]


def assert_matches_reference(
    structured: Sequence[Sequence[str]], descriptions: Sequence[str], taxonomy: Taxonomy
) -> TextIndex:
    index = build_text_index(structured, descriptions, taxonomy)
    vocabulary, words, themes = reference_index(structured, descriptions, taxonomy)
    assert list(index.vocabulary) == vocabulary
    n_rows = len(descriptions)
    for lists, field_words in zip((index.structured, index.description), words, strict=True):
        assert lists.indptr.dtype == np.int64
        assert lists.rows.dtype == np.int32
        assert len(lists.indptr) == len(vocabulary) + 1
        for word_id, word in enumerate(vocabulary):
            expected = [row for row in range(n_rows) if word in field_words[row]]
            got = lists.rows[lists.indptr[word_id] : lists.indptr[word_id + 1]].tolist()
            assert got == expected, word
    n_blocks = -(-len(taxonomy.themes) // 64)
    assert index.word_themes.shape == (len(vocabulary), n_blocks)
    assert theme_sets(index.word_themes, taxonomy) == [
        {taxonomy.themes[j].id for j in np.flatnonzero(hit)} for hit in taxonomy.match(vocabulary)
    ]
    assert theme_sets(index.structured_themes, taxonomy) == themes[0]
    assert theme_sets(index.description_themes, taxonomy) == themes[1]
    return index


# --- random catalogue text --------------------------------------------------------------


def typo(word: str) -> str:
    if len(word) < 4:
        return word + "e"
    i = len(word) // 2
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


ODD = [
    "É",
    "ö",
    "ß",
    "ﬁ",
    "℃",
    "İ",
    "Σ",
    "ς",
    "e\u0301",
    "\u0301",
    "K",
    "ø",
    "😀",
    "١",
    "²",
    "½",
    "©",
    "ª",
    "–",
]
PIECES = st.one_of(
    st.sampled_from(KEYWORDS),
    st.sampled_from(PHRASES),
    st.sampled_from(PHRASES).map(str.title),
    st.sampled_from(PHRASES).map(lambda k: k.replace(" ", " de ")),  # a function word inside
    st.sampled_from(PHRASES).map(lambda k: k.replace(" ", ", ")),  # punctuation only
    st.sampled_from(KEYWORDS).map(typo),
    st.sampled_from(KEYWORDS).map(lambda k: "moes" + k.replace(" ", "")),  # compounds
    st.sampled_from(KEYWORDS).map(lambda k: k.replace("e", "é").upper()),
    st.sampled_from(sorted(STOPWORDS)),
    st.sampled_from(["s", "a", "de", "x1", "42", "repaircafe", "kinderboerderijvrijwilligers"]),
    st.sampled_from(ODD),
    st.text("abcé ĳ.-'\u0301\x1f\n", max_size=6),
)
SEPARATORS = st.sampled_from([" ", " ", "  ", ", ", "-", "/", ".", "\n", "\x1f", "\t", "é"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(PIECES, max_size=8))
    return "".join(p + draw(SEPARATORS) for p in pieces).strip(draw(st.sampled_from([" ", ""])))


catalogues = st.integers(0, 6).flatmap(
    lambda n: st.tuples(
        st.lists(st.lists(texts(), max_size=4), min_size=n, max_size=n),
        st.lists(texts(), min_size=n, max_size=n),
    )
)


@contextmanager
def tiny_chunks() -> Iterator[None]:
    """Chunks of a few segments (halved when over 40 characters): n-grams must not cross
    them, and a row's words must be counted once; row themes ORed one word at a time."""
    with (
        mock.patch.object(_text_index, "_MIN_CHUNK_SEGMENTS", 1),
        mock.patch.object(_text_index, "_CHUNK_CHARS", 20),
        mock.patch.object(_text_index, "_OR_BATCH", 1),
        mock.patch.object(_text_index, "_SNAPSHOT_EVERY", 1),
    ):
        yield


@contextmanager
def colliding_hash() -> Iterator[None]:
    """Every word hashes alike: all but the first take the exact dictionary path."""
    with mock.patch.object(_text_index, "_hash", lambda keys: keys[0] & np.uint64(0)):
        yield


# --- properties -------------------------------------------------------------------------


@PROPERTY
@given(catalogues)
@example(([], []))
@example(([[""]], [""]))
@example(([["Repair Café", "Tai-Chi"], []], ["s avonds\x1fsamen eten", "Dagje uit"]))
def test_index_equals_the_reference(catalogue: tuple[list[list[str]], list[str]]) -> None:
    structured, descriptions = catalogue
    assert_matches_reference(structured, descriptions, TAXONOMY)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues, st.booleans())
def test_index_is_the_same_in_tiny_chunks_and_with_hash_collisions(
    catalogue: tuple[list[list[str]], list[str]], collide: bool
) -> None:
    structured, descriptions = catalogue
    with tiny_chunks():
        if collide:
            with colliding_hash():
                assert_matches_reference(structured, descriptions, TAXONOMY)
        else:
            assert_matches_reference(structured, descriptions, TAXONOMY)


WORDS = st.one_of(
    st.sampled_from(KEYWORDS),
    st.sampled_from(KEYWORDS).map(typo),
    st.sampled_from(KEYWORDS).map(lambda k: "xyz" + k),
    st.sampled_from(KEYWORDS).map(lambda k: k + "groep"),
    st.sampled_from(KEYWORDS).map(lambda k: k[1:]),
    st.text("abdeiklnorstuvwz", min_size=1, max_size=30),
    st.text(min_size=0, max_size=12),
)


@PROPERTY
@given(st.lists(WORDS, max_size=40))
@example(["a" * 300 + "b"])  # long tokens: ratio rounds to 100 in uint8 without being equal
@example(["betekenen", "iets betekenen", "schaken", "moestuin", "tuinen", ""])
def test_match_equals_the_full_cdist_reference(words: list[str]) -> None:
    expected = reference_match(TAXONOMY, words)
    assert (TAXONOMY.match(words) == expected).all()
    # both paths, whatever the number of tokens: few (a client's phrases) and many
    assert (TAXONOMY._match_few(words) == expected).all()
    assert (TAXONOMY._match_many(words) == expected).all()


def test_match_equals_the_reference_on_rounding_and_shared_keywords() -> None:
    long = Taxonomy(
        (
            Theme("a", "a", "a", ("b" * 150 + "c", "ab", "abcd"), frozenset()),
            Theme("b", "b", "b", ("abcd", "x" * 70), frozenset()),
        )
    )
    words = ["b" * 150 + "d", "b" * 151 + "c", "zzzabcd", "zzabcdzz", "y" + "x" * 70 + "yyy", ""]
    for match in (long.match, long._match_few, long._match_many):
        assert (match(words) == reference_match(long, words)).all()
    assert long.match(["zzzabcd"]).tolist() == [[True, True]]  # a keyword of two themes


@PROPERTY
@given(st.text(max_size=12), st.text(min_size=1, max_size=80))
@example("abcd", "xxabcdxx")
@example("a" * 70, "b" + "a" * 70 + "b")
def test_partial_ratio_is_100_exactly_when_the_shorter_occurs_in_the_longer(
    shorter: str, longer: str
) -> None:
    if len(shorter) > len(longer):
        shorter, longer = longer, shorter
    hundred = fuzz.partial_ratio(longer, shorter, score_cutoff=100) == 100
    assert hundred == (bool(shorter) and shorter in longer)


# --- hand-made cases --------------------------------------------------------------------


def themes_of(structured: list[str], description: str = "") -> tuple[set[str], set[str]]:
    index = build_text_index([structured], [description], TAXONOMY)
    return (
        theme_sets(index.structured_themes, TAXONOMY)[0],
        theme_sets(index.description_themes, TAXONOMY)[0],
    )


def test_repair_cafe_matches_through_the_exact_bigram() -> None:
    assert "repair_diy" in themes_of(["Repair Café"])[0]
    assert "repair_diy" in themes_of([], "Elke maand een Repair Café!")[1]


def test_moestuin_matches_through_the_compound_rule() -> None:
    assert themes_of(["Moestuin"]) == ({"gardening_nature"}, set())


def test_a_multi_word_keyword_with_a_typo_does_not_match() -> None:
    # "line dance" and "tai chi" are keywords; their words alone match nothing
    assert themes_of(["Line dacne"]) == (set(), set())
    assert themes_of([], "taj chi") == (set(), set())
    assert themes_of([], "tai chi")[1] == {"yoga_relaxation"}


def test_phrases_do_not_cross_segments_or_function_words() -> None:
    assert themes_of(["Tai", "Chi"]) == (set(), set())
    assert themes_of([], "tai en chi") == (set(), set())
    assert themes_of([], "tai, chi")[1] == {"yoga_relaxation"}  # punctuation is no boundary


def test_posting_lists_answer_rows_of_and_holds() -> None:
    index = build_text_index(
        [["Wandelen"], ["Koken"], ["Wandelen", "koken"]], ["", "wandelen", ""], TAXONOMY
    )
    walk, cook = index.vocabulary.index("wandelen"), index.vocabulary.index("koken")
    assert index.structured.rows_of(np.array([walk])).tolist() == [0, 2]
    assert index.structured.rows_of(np.array([walk, cook])).tolist() == [0, 1, 2]
    assert index.structured.rows_of(np.array([], dtype=np.intp)).tolist() == []
    assert index.description.rows_of(np.array([walk])).tolist() == [1]
    assert index.structured.holds(2, cook)
    assert not index.structured.holds(0, cook)
    assert not index.description.holds(2, walk)
    assert isinstance(index.structured, PostingLists)


def test_theme_bits_use_blocks_of_64() -> None:
    many = Taxonomy(
        tuple(Theme(f"t{i}", "x", "x", (f"woord{i:03d}",), frozenset()) for i in range(70))
    )
    index = build_text_index([["woord069 woord001"]], ["woord064"], many)
    assert index.structured_themes.shape == (1, 2)
    assert index.structured_themes[0].tolist() == [1 << 1, 1 << 5]
    assert index.description_themes[0].tolist() == [0, 1 << 0]


def test_index_is_the_same_without_the_pandas_size_hint() -> None:
    structured = [["Repair Café", "Bewegen & Sport"], ["Moestuin"], ["wandelgroep", "Tai Chi"]]
    descriptions = ["Elke dinsdag samen eten", "tuinieren en wandelen", "s avonds zingen"]
    for replacement in (None, mock.Mock(side_effect=TypeError)):
        with mock.patch.object(_text_index, "_factorize_array", replacement):
            assert_matches_reference(structured, descriptions, TAXONOMY)


def test_function_words_fit_one_load() -> None:
    # the index recognises function words by their first 8 bytes
    assert max(map(len, STOPWORDS)) <= 8


def test_empty_catalogue() -> None:
    index = assert_matches_reference([], [], TAXONOMY)
    assert index.vocabulary == ()
    assert index.structured_themes.shape == (0, 1)
    assert index.structured.indptr.tolist() == [0]


def test_fields_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="one structured field per description: got 2"):
        build_text_index([["a"], ["b"]], ["c"], TAXONOMY)
