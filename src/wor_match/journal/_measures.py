"""Outcome instruments a journal stores, and how each is scored.

=================  ===========================================  ==================  =========
instrument         answers                                      components          better
=================  ===========================================  ==================  =========
djg11, djg6        De Jong Gierveld items (11-item numbering)   total, emotional,   lower
                   scored by :func:`wor_match.score_djg`          social
ucla3              items 1-3 (lack companionship, left out,     total (3-9)         lower
                   isolated): 1 hardly ever, 2 some of the
                   time, 3 often (or those words; Dutch
                   bijna_nooit, soms, vaak)
ons4               life_satisfaction, worthwhile, happiness,    the four items,     higher
                   anxiety, each 0-10                           never summed        (anxiety
                                                                                    lower)
positive_health    the six spider-web dimensions, 0-10          each dimension      higher
=================  ===========================================  ==================  =========

Sources: de Jong Gierveld & van Tilburg (1999, updated 2022); Hughes et al. (2004) for
UCLA-3; the ONS personal well-being questions (ONS4). Positive Health (Huber et al. 2016)
is a conversation tool, not an outcome measure: it is stored and reported, and the report
says so. Errors never repeat the answers given.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from wor_match.journal._errors import InvalidMeasureError, UnknownEventError
from wor_match.models.loneliness import score_djg

__all__ = ["BETTER_WHEN", "INSTRUMENTS", "MOMENTS", "score_measure"]

INSTRUMENTS = ("djg11", "djg6", "ucla3", "ons4", "positive_health")
MOMENTS = ("intake", "follow_up", "close")
ONS4_ITEMS = ("life_satisfaction", "worthwhile", "happiness", "anxiety")
POSITIVE_HEALTH = (
    "lichaamsfuncties",
    "mentaal_welbevinden",
    "zingeving",
    "kwaliteit_van_leven",
    "meedoen",
    "dagelijks_functioneren",
)
_UCLA_WORDS = {
    "hardly_ever": 1, "hardly ever": 1, "bijna_nooit": 1, "bijna nooit": 1,
    "some_of_the_time": 2, "some of the time": 2, "soms": 2,
    "often": 3, "vaak": 3,
}  # fmt: skip

#: (instrument, component) -> "lower" or "higher": which direction is an improvement
BETTER_WHEN: dict[tuple[str, str], str] = {
    **{
        (scale, c): "lower" for scale in ("djg11", "djg6") for c in ("total", "emotional", "social")
    },
    ("ucla3", "total"): "lower",
    **{("ons4", item): "higher" for item in ONS4_ITEMS},
    ("ons4", "anxiety"): "lower",
    **{("positive_health", d): "higher" for d in POSITIVE_HEALTH},
}


def check_instrument(instrument: str) -> None:
    if instrument not in INSTRUMENTS:
        raise UnknownEventError(
            f"instrument must be one of {list(INSTRUMENTS)}; got {instrument!r}"
        )


def check_moment(moment: str) -> None:
    if moment not in MOMENTS:
        raise UnknownEventError(f"moment must be one of {list(MOMENTS)}; got {moment!r}")


def _number(instrument: str, key: str, raw: Any, low: float, high: float) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or math.isnan(raw):
        raise InvalidMeasureError(f"{instrument} item {key}: answers must be numbers")
    if not low <= raw <= high:
        raise InvalidMeasureError(
            f"{instrument} item {key}: answers must be between {low:g} and {high:g}"
        )
    return float(raw)


def _keys(instrument: str, answers: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(str(k) for k in answers if str(k) not in allowed)
    if unknown:
        raise InvalidMeasureError(f"{instrument} items must be among {list(allowed)}")


def score_measure(instrument: str, answers: Mapping[Any, Any]) -> dict[str, float | None]:
    """Component scores of one measurement (see the module table).

    >>> score_measure("ucla3", {"1": "often", "2": "soms", "3": 1})
    {'total': 6.0}
    """
    check_instrument(instrument)
    if not isinstance(answers, Mapping):
        raise InvalidMeasureError(f"{instrument} answers must be a mapping of item to answer")
    if instrument in ("djg11", "djg6"):
        try:
            score = score_djg(answers)
        except ValueError as error:
            raise InvalidMeasureError(f"{instrument}: {error}") from None
        if score.scale != instrument:
            raise InvalidMeasureError(
                f"{instrument}: the answers are a {score.scale} set; record them as {score.scale}"
            )
        return {
            "total": None if score.total is None else float(score.total),
            "emotional": None if score.emotional is None else float(score.emotional),
            "social": None if score.social is None else float(score.social),
        }
    if instrument == "ucla3":
        items = {str(k): v for k, v in answers.items()}
        if set(items) != {"1", "2", "3"}:
            raise InvalidMeasureError("ucla3 needs answers to items 1, 2 and 3")
        total = 0.0
        for key in ("1", "2", "3"):
            raw = items[key]
            if isinstance(raw, str):
                if raw.strip().lower() not in _UCLA_WORDS:
                    raise InvalidMeasureError(
                        f"ucla3 item {key}: answers must be 1-3 or hardly_ever, "
                        "some_of_the_time, often (Dutch bijna_nooit, soms, vaak)"
                    )
                total += _UCLA_WORDS[raw.strip().lower()]
            else:
                value = _number("ucla3", key, raw, 1, 3)
                if value != int(value):
                    raise InvalidMeasureError(f"ucla3 item {key}: answers must be 1, 2 or 3")
                total += value
        return {"total": total}
    if instrument == "ons4":
        items = {str(k): v for k, v in answers.items()}
        _keys("ons4", items, ONS4_ITEMS)
        if not items:
            raise InvalidMeasureError("ons4 needs at least one of its four items")
        return {key: _number("ons4", key, items[key], 0, 10) for key in ONS4_ITEMS if key in items}
    items = {str(k): v for k, v in answers.items()}
    _keys("positive_health", items, POSITIVE_HEALTH)
    if not items:
        raise InvalidMeasureError("positive_health needs at least one of its six dimensions")
    return {
        key: _number("positive_health", key, items[key], 0, 10)
        for key in POSITIVE_HEALTH
        if key in items
    }
