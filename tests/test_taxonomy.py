"""The shipped taxonomy and the matcher: what must match, and what must not."""

from __future__ import annotations

import numpy as np
import pytest

from wor_match.taxonomy import Taxonomy, Theme, load_taxonomy
from wor_match.text import normalise, tokens

TAXONOMY = load_taxonomy()


def themes_of(text: str, taxonomy: Taxonomy = TAXONOMY) -> set[str]:
    hits = taxonomy.match(tokens(text, max_words=taxonomy.max_words))
    return {taxonomy.themes[j].id for j in np.nonzero(hits)[1]}


def test_shipped_taxonomy_is_well_formed() -> None:
    ids = TAXONOMY.ids
    assert len(ids) == len(set(ids)) >= 25
    for theme in TAXONOMY.themes:
        assert theme.nl
        assert theme.en
        assert len(theme.keywords) >= 5
        assert all(k == normalise(k) for k in theme.keywords)
    flags = {flag for theme in TAXONOMY.themes for flag in theme.flags}
    # every flag a matching signal reads is present
    assert {
        "meaningful",
        "participation",
        "adapted_movement",
        "low_threshold",
        "setting:large_group",
    } <= flags


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("wandelen", "walking"),
        ("walking", "walking"),
        ("Wandelgroep", "walking"),  # compound
        ("wandelden", "walking"),  # inflection
        ("tuinierren", "gardening_nature"),  # typo
        ("Moestuin", "gardening_nature"),
        ("gardening", "gardening_nature"),
        ("Repair Café", "repair_diy"),  # accents, two words
        ("samen koken", "cooking_meals"),
        ("eettafel", "eating_together"),
        ("taalcafé", "language_conversation"),
        ("Schaakclub", "games"),
        ("stoelyoga", "adapted_movement"),
        ("iets betekenen voor een ander", "volunteering_helping"),
        ("drukte", "crowds_noise"),
        ("painting", "arts_crafts"),
        ("koorzang", "music_singing"),
    ],
)
def test_matches(text: str, theme: str) -> None:
    assert theme in themes_of(text)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("schaken", "handicrafts"),  # "haken" inside "schaken"
        ("iets betekenen", "arts_crafts"),  # "tekenen" inside "betekenen"
        ("digitaal", "language_conversation"),  # "taal"
        ("indrukwekkend", "crowds_noise"),  # "druk"
        ("boekhouding", "reading_library"),  # "boek"
        ("plannen", "gardening_nature"),  # ratio 86 with "planten"
        ("museumbezoek", "buddy_contact"),  # "bezoek"
    ],
)
def test_false_positives_are_guarded(text: str, theme: str) -> None:
    assert theme not in themes_of(text)


def test_matcher_rules_on_a_tiny_taxonomy() -> None:
    tiny = Taxonomy(
        (
            Theme("garden", "tuin", "garden", ("tuin", "tuinieren"), frozenset()),
            Theme("gym", "gym", "gym", ("gym",), frozenset()),
        )
    )
    assert themes_of("moestuin", tiny) == {"garden"}  # 4-letter keyword, 4 extra letters
    assert themes_of("tuinen", tiny) == set()  # 2 extra letters, ratio 80: no match
    assert themes_of("gymzaal", tiny) == set()  # keyword under 4 letters: no compound rule
    assert themes_of("gym", tiny) == {"gym"}
    assert themes_of("tuinieren", tiny) == {"garden"}  # exact keyword
    assert tiny.match([]).shape == (0, 2)
