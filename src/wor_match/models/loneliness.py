"""De Jong Gierveld loneliness scale (DJG-11 and DJG-6): scoring and bands.

Source: de Jong Gierveld & van Tilburg, *Manual of the Loneliness Scale* (VU Amsterdam, 1999,
updated 2022); CBS technical explanation of its loneliness survey. Items use the 11-item
numbering. Each item scores 1 (lonely) or 0: a negatively worded item scores 1 for "yes" or
"more or less", a positively worded item scores 1 for "no" or "more or less". "More or less"
always counts.

The scale opens a conversation; it does not diagnose. Text for coaches and clients never
labels a person with a band; :mod:`wor_match` uses the scores only to weigh settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, model_validator

__all__ = [
    "Answer",
    "DJG6_ITEMS",
    "DJG_ITEMS",
    "LonelinessBand",
    "LonelinessScore",
    "score_djg",
]

Answer = Literal["yes", "more_or_less", "no"]
LonelinessBand = Literal["not_lonely", "moderate", "severe", "very_severe"]
Scale = Literal["djg11", "djg6"]

#: item number -> (wording, subscale)
DJG_ITEMS: dict[int, tuple[Literal["positive", "negative"], Literal["social", "emotional"]]] = {
    1: ("positive", "social"),
    2: ("negative", "emotional"),
    3: ("negative", "emotional"),
    4: ("positive", "social"),
    5: ("negative", "emotional"),
    6: ("negative", "emotional"),
    7: ("positive", "social"),
    8: ("positive", "social"),
    9: ("negative", "emotional"),
    10: ("negative", "emotional"),
    11: ("positive", "social"),
}
#: The six items of the short scale, in the 11-item numbering.
DJG6_ITEMS: frozenset[int] = frozenset({3, 9, 10, 4, 7, 8})

_ANSWERS: dict[str, Answer] = {
    "yes": "yes",
    "ja": "yes",
    "more_or_less": "more_or_less",
    "more or less": "more_or_less",
    "min_of_meer": "more_or_less",
    "min of meer": "more_or_less",
    "no": "no",
    "nee": "no",
}

_SUBSCALE_MAX = {"djg11": {"emotional": 6, "social": 5}, "djg6": {"emotional": 3, "social": 3}}


def _band(scale: Scale, total: int) -> LonelinessBand:
    if scale == "djg11":
        if total <= 2:
            return "not_lonely"
        if total <= 8:
            return "moderate"
        return "severe" if total <= 10 else "very_severe"
    if total <= 1:
        return "not_lonely"
    return "moderate" if total <= 4 else "severe"


def _item_score(item: int, answer: Answer) -> int:
    wording, _ = DJG_ITEMS[item]
    if answer == "more_or_less":
        return 1
    return int(answer == ("yes" if wording == "negative" else "no"))


def _item_number(key: Any) -> int | None:
    """An item number 1-11 from an int or a digit string ("3", " 3"); None otherwise (a
    float such as 3.0 or inf, a bool, anything else)."""
    if isinstance(key, bool):
        return None
    if isinstance(key, str):
        key = key.strip()
        if not (key.isascii() and key.isdigit() and len(key) <= 2):
            return None
        key = int(key)
    if not isinstance(key, int) or key not in DJG_ITEMS:
        return None
    return key


def _parse_answers(answers: Mapping[Any, Any]) -> dict[int, Answer | None]:
    parsed: dict[int, Answer | None] = {}
    for key, raw in answers.items():
        item = _item_number(key)
        if item is None:
            raise ValueError("djg_answers keys must be item numbers 1-11")
        if item in parsed:
            raise ValueError(f"djg_answers item {item} is given twice")
        if raw is None:
            parsed[item] = None
            continue
        answer = _ANSWERS.get(raw.strip().lower()) if isinstance(raw, str) else None
        if answer is None:
            raise ValueError(
                f"djg_answers item {item}: answers must be yes, more_or_less or no "
                "(Dutch: ja, min_of_meer, nee)"
            )
        parsed[item] = answer
    return parsed


def score_djg(answers: Mapping[Any, Any]) -> LonelinessScore:
    """Score De Jong Gierveld answers given in the 11-item numbering.

    Parameters
    ----------
    answers : mapping
        Item number (int or str, 1-11) to answer: ``yes``, ``more_or_less`` or ``no``
        (Dutch ``ja``, ``min_of_meer``, ``nee``); None marks a missing answer. Give all 11
        items (DJG-11) or exactly items 3, 4, 7, 8, 9 and 10 (DJG-6).

    Returns
    -------
    LonelinessScore
        Subscale scores, total and band. Missing data follow the manual: a subscale is
        missing if any of its items is missing; the total is missing if more than one item
        is missing (with one missing item it is the sum of the answered items).

    Examples
    --------
    >>> score = score_djg({3: "ja", 9: "min_of_meer", 10: "nee", 4: "nee", 7: "ja", 8: "ja"})
    >>> (score.scale, score.emotional, score.social, score.total, score.band)
    ('djg6', 2, 1, 3, 'moderate')
    """
    parsed = _parse_answers(answers)
    items = set(parsed)
    if items == set(DJG_ITEMS):
        scale: Scale = "djg11"
    elif items == DJG6_ITEMS:
        scale = "djg6"
    else:
        raise ValueError(
            "djg_answers must hold all 11 items (DJG-11) or exactly items 3, 4, 7, 8, 9 and 10 "
            "(DJG-6), in the 11-item numbering"
        )
    sums: dict[str, int | None] = {}
    for subscale in ("emotional", "social"):
        scores = [
            None if parsed[i] is None else _item_score(i, parsed[i])  # type: ignore[arg-type]
            for i in sorted(items)
            if DJG_ITEMS[i][1] == subscale
        ]
        sums[subscale] = None if None in scores else sum(s for s in scores if s is not None)
    missing = sum(answer is None for answer in parsed.values())
    total = None
    if missing <= 1:
        total = sum(_item_score(i, a) for i, a in parsed.items() if a is not None)
    return LonelinessScore(
        scale=scale, emotional=sums["emotional"], social=sums["social"], total=total
    )


class LonelinessScore(BaseModel):
    """A scored loneliness measurement (De Jong Gierveld).

    Build it from answers with :func:`score_djg` or give the subscale scores directly:
    ``LonelinessScore(scale="djg11", emotional=4, social=2)``. ``total`` defaults to
    emotional + social; ``band`` follows from the total.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    scale: Scale
    emotional: int | None = None
    social: int | None = None
    total: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_answers(cls, data: Any) -> Any:
        if isinstance(data, dict) and "djg_answers" in data:
            if set(data) != {"djg_answers"}:
                raise ValueError("give either djg_answers or scale with emotional and social")
            answers = data["djg_answers"]
            if not isinstance(answers, Mapping):
                raise ValueError("djg_answers must be an object of item number to answer")
            return score_djg(answers).model_dump()
        return data

    @model_validator(mode="after")
    def _check_ranges(self) -> LonelinessScore:
        limits = _SUBSCALE_MAX[self.scale]
        for name in ("emotional", "social"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= limits[name]:
                raise ValueError(f"{name} must be between 0 and {limits[name]} on {self.scale}")
        if self.total is None and self.emotional is not None and self.social is not None:
            object.__setattr__(self, "total", self.emotional + self.social)
        top = limits["emotional"] + limits["social"]
        if self.total is not None and not 0 <= self.total <= top:
            raise ValueError(f"total must be between 0 and {top} on {self.scale}")
        return self

    @property
    def band(self) -> LonelinessBand | None:
        """Band of the total (None when the total is missing).

        DJG-11: 0-2 not lonely, 3-8 moderate, 9-10 severe, 11 very severe.
        DJG-6: 0-1 not lonely, 2-4 moderate, 5-6 severe.
        """
        return None if self.total is None else _band(self.scale, self.total)

    @property
    def emotional_share(self) -> float:
        """Emotional subscale as a fraction of its maximum (0 when missing)."""
        return (self.emotional or 0) / _SUBSCALE_MAX[self.scale]["emotional"]

    @property
    def social_share(self) -> float:
        """Social subscale as a fraction of its maximum (0 when missing)."""
        return (self.social or 0) / _SUBSCALE_MAX[self.scale]["social"]
