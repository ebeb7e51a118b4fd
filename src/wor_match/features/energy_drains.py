"""Energy drains (energievreters): how much of what drains the client an activity holds.

Value in [0, 1], used with a negative weight. It is the larger of
- the text match of the drains against the activity's concepts and words (as for
  interests, at its level),
- setting hints from drain themes in the taxonomy: a theme flagged ``setting:large_group``
  ("drukte", "crowds") scores 1 on large-group activities; ``time:morning`` /
  ``time:evening`` score the share of the activity's slots in that part of the day;
  ``online`` scores 1 on online activities.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import numpy.typing as npt

from wor_match._vocab import DELIVERIES, SETTINGS, Language
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features._base import Feature, FloatArray
from wor_match.features._terms import ClientTerms, client_terms, text_strength
from wor_match.features.interest import find_link, link_sentence
from wor_match.models._slots import part_mask

__all__ = ["EnergyDrain"]


#: taxonomy flags of drain themes that also read the activity's setting, delivery or times
_HINTS = ("setting:large_group", "online", "time:morning", "time:evening")


def _popcount(values: np.ndarray) -> np.ndarray:
    return np.bitwise_count(values.astype(np.uint64)).astype(np.float64)


def _row_hints(cat: Catalogue) -> npt.NDArray[np.float64]:
    """(rows, 4): what each hint scores on every catalogue row: large group 1/0, online
    1/0, and the shares of the activity's slots in the morning and in the evening."""
    slots = _popcount(cat.schedule)
    shares = [
        np.divide(_popcount(cat.schedule & mask), slots, out=np.zeros_like(slots), where=slots > 0)
        for mask in (part_mask("morning"), part_mask("evening"))
    ]
    return np.column_stack(
        [
            (cat.setting == SETTINGS.index("large_group")).astype(np.float64),
            (cat.delivery == DELIVERIES.index("online")).astype(np.float64),
            *shares,
        ]
    ).reshape(len(cat), len(_HINTS))


def _hint_flags(ctx: MatchContext, terms: ClientTerms) -> npt.NDArray[np.bool_]:
    """(clients, 4): which hint flags the concepts of each client's drains carry."""
    concepts = ctx.catalogue.taxonomy.concepts
    flags = np.zeros((len(terms.matches), len(_HINTS)), dtype=bool)
    for c, match in enumerate(terms.matches):
        found = {flag for index in match.concept_phrase for flag in concepts[index].flags}
        flags[c] = [hint in found for hint in _HINTS]
    return flags


class EnergyDrain(Feature):
    name = "energy_drain"
    value_range = (0.0, 1.0)
    description = "How much of what drains the client's energy the activity holds."
    #: the sentence when a hint, not the text, gives the value
    hint_templates: ClassVar[dict[str, dict[str, str]]] = {
        "nl": {
            "setting:large_group": "Let op: een grote groep, en {phrase} kost u energie",
            "online": "Let op: online, en {phrase} kost u energie",
            "time:morning": "Let op: (ook) in de ochtend, en {phrase} kost u energie",
            "time:evening": "Let op: (ook) 's avonds, en {phrase} kost u energie",
        },
        "en": {
            "setting:large_group": "Note: a large group, and {phrase} drains your energy",
            "online": "Note: online, and {phrase} drains your energy",
            "time:morning": "Note: (partly) in the morning, and {phrase} drains your energy",
            "time:evening": "Note: (partly) in the evening, and {phrase} drains your energy",
        },
    }

    def compute(self, ctx: MatchContext) -> FloatArray:
        terms = client_terms(ctx, "energy_drains")
        if terms.empty:
            return np.zeros(len(ctx), dtype=np.float64)
        value = text_strength(ctx, "energy_drains")
        hints = ctx.per_pair(_hint_flags(ctx, terms))
        if not hints.any():
            return value
        table = ctx.catalogue.derived("energy_drain.hints", _row_hints)
        row_hints = np.take(table, ctx.rows, axis=0)  # (table[rows] is far slower in 2-D)
        for j in range(len(_HINTS)):
            if hints[:, j].any():
                value = np.maximum(value, np.where(hints[:, j], row_hints[:, j], 0.0))
        return np.asarray(value, dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        if value <= 0:
            return ""
        match = client_terms(ctx, "energy_drains").of(int(ctx.client[position]))
        link = find_link(ctx, match, position)
        if link is not None and link.strength >= value:
            return link_sentence(ctx, link, "drain", language, position)
        # the value comes from a hint: the first hint that reaches it names its phrase
        row = int(ctx.rows[position])
        row_hints = ctx.catalogue.derived("energy_drain.hints", _row_hints)[row]
        concepts = ctx.catalogue.taxonomy.concepts
        for j, hint in enumerate(_HINTS):
            phrases = [p for i, p in match.concept_phrase.items() if hint in concepts[i].flags]
            if phrases and row_hints[j] >= value:
                return self.hint_templates[language][hint].format(phrase=phrases[0])
        return ""
