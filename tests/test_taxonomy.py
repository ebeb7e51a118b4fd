"""The shipped taxonomy and the matcher: what must match, and what must not."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from wor_match.taxonomy import Concept, MatchRules, Taxonomy, Theme, load_taxonomy
from wor_match.text import STOPWORDS, normalise, tokens, word_key

TAXONOMY = load_taxonomy()
ROOT = Path(__file__).resolve().parents[1]


def concepts_of(text: str, taxonomy: Taxonomy = TAXONOMY) -> set[str]:
    hits = taxonomy.match(tokens(text, max_words=taxonomy.max_words))
    return {taxonomy.concepts[j].id for j in np.nonzero(hits)[1]}


def themes_of(text: str) -> set[str]:
    return {TAXONOMY.theme_of(TAXONOMY.index(c)).id for c in concepts_of(text)}


def _build_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_taxonomy", ROOT / "scripts" / "build_taxonomy.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_taxonomy_is_built_from_the_checked_in_source() -> None:
    shipped = json.loads(resources.files("wor_match.data").joinpath("taxonomy.json").read_text())
    assert _build_script().build() == shipped


def test_shipped_taxonomy_is_well_formed() -> None:
    assert len(TAXONOMY.concepts) >= 200
    assert len(TAXONOMY.ids) == len(set(TAXONOMY.ids))
    assert len({t.id for t in TAXONOMY.themes}) == len(TAXONOMY.themes) >= 30
    for concept in TAXONOMY.concepts:
        assert concept.terms_nl, concept.id  # every concept has Dutch and English terms
        assert concept.terms_en, concept.id
        assert all(k == normalise(k) for k in concept.keywords)
        assert not any(w in STOPWORDS for k in concept.keywords for w in k.split())
    for index, theme in enumerate(TAXONOMY.themes):
        assert any(c.theme == index for c in TAXONOMY.concepts), theme.id
        assert theme.kind("nl")
        assert theme.kind("en")
    flags = {flag for theme in TAXONOMY.themes for flag in theme.flags}
    # every flag a matching signal reads is present
    assert {
        "meaningful",
        "participation",
        "adapted_movement",
        "low_threshold",
        "setting:large_group",
    } <= flags


def test_no_term_sits_in_two_unrelated_concepts() -> None:
    owners: dict[tuple[str, str], set[int]] = {}
    for concept in TAXONOMY.concepts:
        for language, terms in (("nl", concept.terms_nl), ("en", concept.terms_en)):
            for term in terms:
                owners.setdefault((language, word_key(term, language)), set()).add(concept.theme)
    shared = {key: themes for key, themes in owners.items() if len(themes) > 1}
    assert shared == {}


def test_the_build_refuses_a_bad_source() -> None:
    script = _build_script()
    themes = [{"id": "games"}, {"id": "music"}]
    concepts = [
        {"id": "chess", "theme": "games", "terms": {"nl": ["schaken"], "en": []}},
        {"id": "x", "theme": "music", "terms": {"nl": ["schaak", "voor een ander"], "en": ["X"]}},
    ]
    problems = script.check(themes, concepts, {"false_friends": [["a", "b", "c"]]})
    assert "concept 'chess' has no en term" in problems
    assert "term 'voor een ander' holds a function word: it can never match" in problems
    assert "term 'X' is not normalised ('x')" in problems
    assert "nl term stem 'schaak' sits in unrelated themes ['games', 'music']" in problems
    assert "false_friends must be pairs" in problems


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("wandelen", "walking"),
        ("walking", "walking"),
        ("Wandelgroep", "walking"),  # compound: a term and a generic head
        ("wandelden", "walking"),  # inflection, by the stem
        ("gewandeld", "walking"),
        ("wandelingen", "walking"),
        ("tuinierren", "gardening"),  # typo
        ("Moestuin", "gardening"),
        ("moestuinvereniging", "gardening"),
        ("gardening", "gardening"),
        ("Repair Café", "repair_cafe"),  # accents, two words
        ("samen koken", "cooking"),
        ("eettafel", "eating_together"),
        ("taalcafé", "language_cafe"),
        ("Schaakclub", "chess"),
        ("biljartvereniging", "billiards"),
        ("stoelyoga", "chair_exercise"),
        ("iets betekenen", "helping_others"),
        ("drukte", "crowds"),
        ("painting", "painting"),
        ("seniorenkoor", "choir"),  # a term as the head
        ("vissen", "angling"),
        ("hengelsportvereniging", "angling"),
        ("fishing", "angling"),
        ("bingo", "bingo"),
        ("haken", "crochet"),
        ("crochet", "crochet"),
        ("modelbouw", "model_building"),
        ("klaverjassen", "cards"),
        ("cantorij", "choir"),
        ("houtbewerking", "woodworking"),
        ("computeren", "computers"),
        ("digitale vaardigheden", "digital_skills"),
        ("ik schilder graag", "painting"),  # sentences
        ("vroeger veel getekend", "drawing"),
        ("I love choir singing", "choir"),
        ("I love choir singing", "singing"),
        ("met mijn handen werken", "diy"),
        ("taj chi", "tai_chi"),  # a client's n-gram with a typo
    ],
)
def test_matches(text: str, concept: str) -> None:
    assert concept in concepts_of(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("schaken", "handicrafts"),  # "haken" inside "schaken"
        ("iets betekenen", "arts_crafts"),  # "tekenen" inside "betekenen"
        ("indrukwekkend", "crowds_noise"),  # "druk"
        ("boekhouding", "reading_library"),  # "boek"
        ("plannen", "gardening_nature"),
        ("binnenlopen", "walking"),  # a verb particle: to drop by
        ("werken", "handicrafts"),
        ("weken", "repair_diy"),
        ("huisarts", "culture_museum"),
        ("gewichtsverlies", "care_support"),
        ("kunstgebit", "arts_crafts"),  # "gebit" is no known head
        ("rekenen", "arts_crafts"),  # one letter from "tekenen"
    ],
)
def test_false_positives_are_guarded(text: str, theme: str) -> None:
    assert theme not in themes_of(text)


FALSE_FRIENDS = [tuple(pair) for pair in sorted(map(sorted, TAXONOMY.rules.false_friends))]


@pytest.mark.parametrize(("first", "second"), FALSE_FRIENDS)
def test_false_friends_are_never_the_same_word(first: str, second: str) -> None:
    assert not TAXONOMY.typo(first, second)
    assert not TAXONOMY.same_word(first, second)
    assert not TAXONOMY.same_word(second, first)


def test_the_false_friends_of_the_issue_are_listed() -> None:
    assert {("weken", "werken"), ("binnenlopen", "lopen"), ("handwerken", "werken")} <= set(
        FALSE_FRIENDS
    )


def test_typo_rule() -> None:
    typo = TAXONOMY.typo
    assert typo("tuinierren", "tuinieren")  # one insertion
    assert typo("wandleen", "wandelen")  # two neighbours swapped
    assert typo("biljarrten", "biljarten")
    assert not typo("weken", "werken")  # under six letters
    assert not typo("tekenen", "rekenen")  # another first letter
    assert not typo("vissen", "missen")
    assert not typo("koken", "kaken")
    assert typo("kinderboerderij", "kinderbordrij")  # two edits from ten letters
    assert not typo("tuinieren", "tuinieren")  # the same word is no typo


def test_same_word_is_the_clients_own_word() -> None:
    same = TAXONOMY.same_word
    assert same("biljarten", "biljartclub")
    assert same("schaak", "schaakclub")
    assert same("wandelen", "wandelingen")
    assert same("schilder", "schilderen")
    assert not same("werken", "handwerken")  # a known word is not split
    assert not same("werk", "handwerkcafe")  # the split is handwerk + cafe
    assert not same("lopen", "binnenlopen")
    assert not same("tuin", "moestuin")  # a concept's other term, not the word


def test_matcher_rules_on_a_tiny_taxonomy() -> None:
    tiny = Taxonomy(
        (Concept("garden", 0, ("tuin", "tuinieren"), ("garden",)),
         Concept("gym", 1, ("gym",), ("gym",))),
        (Theme("nature", "natuur", "nature", frozenset()),
         Theme("sport", "sport", "sport", frozenset())),
        MatchRules(heads=frozenset({"club"}), particles=frozenset({"binnen"})),
    )  # fmt: skip
    assert concepts_of("moestuin", tiny) == {"garden"}  # the head is a term
    assert concepts_of("binnentuin", tiny) == set()  # a particle as modifier
    assert concepts_of("tuinen", tiny) == {"garden"}  # the stem
    assert concepts_of("gymclub", tiny) == {"gym"}  # 3-letter term, generic head
    assert concepts_of("gymzaal", tiny) == set()  # "zaal" is no head here
    assert concepts_of("gym", tiny) == {"gym"}
    assert tiny.match([]).shape == (0, 2)
    assert tiny.siblings(np.array([True, False])).tolist() == [True, False]
