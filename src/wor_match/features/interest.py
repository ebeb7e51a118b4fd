"""Interest match: the client's interests against the activity's themes and words.

Value in [0, 1]: 1.0 when a theme or word the client named appears in the activity's name,
categories or tags, 0.6 when only in its description, 0 otherwise (and 0 for everyone when
the profile names no interests). Typos, inflection, compounds and Dutch/English synonyms
are handled by the taxonomy matcher (:mod:`wor_match.taxonomy`).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from wor_match._bits import first_common
from wor_match._vocab import Language
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray
from wor_match.features._terms import TermMatch, client_terms, text_strength
from wor_match.text import normalise

__all__ = ["EnergyMatch", "InterestMatch", "describe_match"]


def describe_match(ctx: MatchContext, match: TermMatch, position: int, language: Language) -> str:
    """Which named theme (or word) an activity row matched, in the client's words: the
    first theme found in its name, categories or tags, else in its description, else a
    word of the catalogue the client named."""
    cat = ctx.catalogue
    row = int(ctx.rows[position])
    wanted = match.theme_bits
    theme_index = first_common(cat.structured_theme_bits[row], wanted)
    if theme_index is None:
        theme_index = first_common(cat.description_theme_bits[row], wanted)
    if theme_index is not None:
        theme = cat.taxonomy.themes[theme_index]
        phrase, label = match.theme_phrase[theme_index], theme.label(language)
        return phrase if normalise(phrase) == normalise(label) else f"{phrase} ({label})"
    for column in match.vocabulary_columns:
        column = int(column)
        if cat.structured_postings.holds(row, column) or cat.description_postings.holds(
            row, column
        ):
            return match.vocabulary_phrase[column]
    return ""


class _TermFeature(Feature):
    which: ClassVar[Literal["interests", "energy_sources"]]
    template: ClassVar[dict[str, str]]

    def compute(self, ctx: MatchContext) -> FloatArray:
        return text_strength(ctx, self.which)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        if value <= 0:
            return ""
        match = client_terms(ctx, self.which).of(int(ctx.client[position]))
        what = describe_match(ctx, match, position, language)
        return self.template[language].format(what=what) if what else ""


class InterestMatch(_TermFeature):
    name = "interest"
    value_range = (0.0, 1.0)
    description = "Match between the client's interests and the activity's themes and words."
    which = "interests"
    template: ClassVar[dict[str, str]] = {
        "nl": "Sluit aan bij de interesse: {what}",
        "en": "Matches the interest: {what}",
    }


class EnergyMatch(_TermFeature):
    name = "energy"
    value_range = (0.0, 1.0)
    description = "Match between what gives the client energy and the activity."
    which = "energy_sources"
    template: ClassVar[dict[str, str]] = {
        "nl": "Past bij wat energie geeft: {what}",
        "en": "Fits what gives energy: {what}",
    }
