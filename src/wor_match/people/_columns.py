"""The columnar form of a set of people: one numpy array per field the rules and scores read.

Built once per pool (and once for a query record from outside the pool, against the pool's
vocabularies), so every rule and score is a vectorised expression over rows. Sets are bit
masks: purposes, genders, diets and weekly slots in integers, languages and themes in
``uint64`` blocks (:mod:`wor_match._bits`).

Themes are the taxonomy's (:mod:`wor_match.taxonomy`): a person's interests and energy
sources are tokenised (:func:`wor_match.text.tokens`) and matched by
:meth:`~wor_match.taxonomy.Taxonomy.match`, each distinct token of the whole pool once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from wor_match._bits import BitArray, n_blocks
from wor_match.geo.travel import TRAVEL_MODES, max_radius_km
from wor_match.people.person import DIETS, GENDERS, PURPOSES, Person
from wor_match.taxonomy import Taxonomy, load_taxonomy
from wor_match.text import tokens

__all__ = ["PeopleColumns", "bits_from_masks", "mask_of", "theme_masks", "theme_sets"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def mask_of(values: Sequence[str], vocabulary: Sequence[str]) -> int:
    """Bit mask of the values' positions in a vocabulary (values outside it are ignored)."""
    mask = 0
    for value in values:
        if value in vocabulary:
            mask |= 1 << vocabulary.index(value)
    return mask


def _bits_from_sets(sets: Sequence[Sequence[int]], n_members: int) -> BitArray:
    bits = np.zeros((len(sets), n_blocks(n_members)), dtype=np.uint64)
    for row, members in enumerate(sets):
        for member in members:
            bits[row, member // 64] |= np.uint64(1 << (member % 64))
    return bits


def _phrase_themes(phrase_lists: Sequence[Sequence[str]], taxonomy: Taxonomy) -> dict[str, int]:
    """Each distinct phrase's taxonomy themes as a bit mask (each distinct token matched
    once, by :meth:`~wor_match.taxonomy.Taxonomy.match`)."""
    split: dict[str, list[str]] = {}
    for phrases in phrase_lists:
        for phrase in phrases:
            if phrase not in split:
                split[phrase] = tokens(phrase, max_words=taxonomy.max_words)
    distinct = list(dict.fromkeys(t for phrase_tokens in split.values() for t in phrase_tokens))
    token_mask: dict[str, int] = {}
    if distinct:
        for token, row in zip(distinct, taxonomy.match(distinct), strict=True):
            # the taxonomy matches concepts; people share themes (a concept's theme)
            themes = np.unique(taxonomy.concept_themes[np.flatnonzero(row)])
            token_mask[token] = sum(1 << int(theme) for theme in themes)
    out = {}
    for phrase, phrase_tokens in split.items():
        mask = 0
        for token in phrase_tokens:
            mask |= token_mask[token]
        out[phrase] = mask
    return out


def theme_masks(phrase_lists: Sequence[Sequence[str]], taxonomy: Taxonomy) -> list[int]:
    """The themes each list of phrases matches, as one bit mask per list."""
    of = _phrase_themes(phrase_lists, taxonomy)
    masks = []
    for phrases in phrase_lists:
        mask = 0
        for phrase in phrases:
            mask |= of[phrase]
        masks.append(mask)
    return masks


def theme_sets(phrase_lists: Sequence[Sequence[str]], taxonomy: Taxonomy) -> list[list[int]]:
    """The themes each list of phrases matches, as sorted theme indices."""
    return [
        [i for i in range(mask.bit_length()) if mask >> i & 1]
        for mask in theme_masks(phrase_lists, taxonomy)
    ]


def bits_from_masks(masks: Sequence[int], n_members: int) -> BitArray:
    """Python-int bit masks as ``uint64`` blocks (:mod:`wor_match._bits` layout)."""
    blocks = n_blocks(n_members)
    bits = np.zeros((len(masks), blocks), dtype=np.uint64)
    low = (1 << 64) - 1
    for block in range(blocks):
        bits[:, block] = np.fromiter(
            ((mask >> (64 * block)) & low for mask in masks), dtype=np.uint64, count=len(masks)
        )
    return bits


@dataclass(frozen=True, eq=False)
class PeopleColumns:
    """Per-person arrays, row i describing person ``ids[i]``.

    Unknown numbers are NaN; an empty mask means "not given" (any time, any gender...) except
    ``languages`` (a person speaks at least one language) and the ``given`` flags.
    """

    ids: npt.NDArray[np.object_]
    lat: FloatArray
    lon: FloatArray
    consent: BoolArray
    seeks: IntArray  # bits over PURPOSES
    offers: IntArray  # bits over PURPOSES (buddy and meals only)
    capacity: IntArray
    age: FloatArray
    gender: IntArray  # position in GENDERS, -1 unknown
    partner_min_age: FloatArray
    partner_max_age: FloatArray
    partner_gender: IntArray  # bits over GENDERS, 0 = no preference
    partner_languages: BitArray  # over ``language_vocabulary``
    partner_languages_given: BoolArray
    languages: BitArray  # over ``language_vocabulary``
    availability: IntArray  # weekly slot bits, 0 = any time
    speed_kmh: FloatArray
    overhead_minutes: FloatArray
    radius_km: FloatArray  # how far the person travels (0 when housebound)
    housebound: BoolArray
    diet: IntArray  # bits over DIETS
    likes: BitArray  # taxonomy themes of interests and energy sources
    waiting_since: FloatArray  # proleptic ordinal of the date, NaN unknown
    language_vocabulary: tuple[str, ...]
    taxonomy: Taxonomy

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(
        cls,
        people: Sequence[Person],
        *,
        language_vocabulary: tuple[str, ...] | None = None,
        taxonomy: Taxonomy | None = None,
    ) -> PeopleColumns:
        """Columns of ``people``; a query record is built against its pool's vocabulary."""
        taxonomy = taxonomy or load_taxonomy()
        if language_vocabulary is None:
            language_vocabulary = tuple(
                sorted(
                    {code for p in people for code in p.languages}
                    | {code for p in people for code in p.partner.languages}
                )
            )
        position = {code: i for i, code in enumerate(language_vocabulary)}
        n_languages = len(language_vocabulary)

        def array(values: Sequence[Any], dtype: Any) -> Any:
            return np.array(values, dtype=dtype) if len(values) else np.empty(0, dtype=dtype)

        def nan(value: float | None) -> float:
            return np.nan if value is None else float(value)

        radius_of: dict[tuple[str, int], float] = {}
        radius = []
        for p in people:
            key = (p.mobility.mode, p.mobility.minutes)
            if key not in radius_of:
                radius_of[key] = max_radius_km(p.mobility.minutes, p.mobility.mode)
            radius.append(radius_of[key])
        likes = theme_masks([[*p.interests, *p.energy_sources] for p in people], taxonomy)
        return cls(
            ids=array([p.person_id for p in people], object),
            lat=array([p.home.lat for p in people], np.float64),
            lon=array([p.home.lon for p in people], np.float64),
            consent=array([p.consent for p in people], bool),
            seeks=array([mask_of(p.seeks, PURPOSES) for p in people], np.int64),
            offers=array([mask_of(p.offers, PURPOSES) for p in people], np.int64),
            capacity=array([p.capacity for p in people], np.int64),
            age=array([nan(p.age) for p in people], np.float64),
            gender=array([GENDERS.index(p.gender) if p.gender else -1 for p in people], np.int64),
            partner_min_age=array([nan(p.partner.min_age) for p in people], np.float64),
            partner_max_age=array([nan(p.partner.max_age) for p in people], np.float64),
            partner_gender=array([mask_of(p.partner.gender, GENDERS) for p in people], np.int64),
            partner_languages=_bits_from_sets(
                [[position[c] for c in p.partner.languages if c in position] for p in people],
                n_languages,
            ),
            partner_languages_given=array([bool(p.partner.languages) for p in people], bool),
            languages=_bits_from_sets(
                [[position[c] for c in p.languages if c in position] for p in people],
                n_languages,
            ),
            availability=array([p.availability_mask for p in people], np.int64),
            speed_kmh=array([TRAVEL_MODES[p.mobility.mode].speed_kmh for p in people], np.float64),
            overhead_minutes=array(
                [TRAVEL_MODES[p.mobility.mode].overhead_minutes for p in people], np.float64
            ),
            radius_km=array(radius, np.float64),
            housebound=array([p.mobility.mode == "housebound" for p in people], bool),
            diet=array([mask_of(p.diet, DIETS) for p in people], np.int64),
            likes=bits_from_masks(likes, len(taxonomy.themes)),
            waiting_since=array(
                [p.waiting_since.toordinal() if p.waiting_since else np.nan for p in people],
                np.float64,
            ),
            language_vocabulary=language_vocabulary,
            taxonomy=taxonomy,
        )
