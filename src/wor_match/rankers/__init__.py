"""Pluggable rankers: a small base class, a registry by name, and the built-in rankers
``weighted`` (default), ``nearest`` and ``random``, and the learned ``logistic`` and
``boosted`` (fit them on a pair feature table first, or load them from JSON)."""

from typing import Any

from wor_match._lazy import lazy_attribute
from wor_match.rankers._base import Ranker, ScoredRequest, Scores
from wor_match.rankers._registry import (
    ENTRY_POINT_GROUP,
    available_rankers,
    get_ranker,
    register_ranker,
)
from wor_match.rankers.baselines import NearestRanker, RandomRanker
from wor_match.rankers.weighted import DEFAULT_WEIGHTS, WeightedRanker


def __getattr__(name: str) -> Any:
    # learned rankers and persistence load scikit-learn: import them on first use
    return lazy_attribute(__name__, name)


__all__ = [
    "BoostedRanker",
    "DEFAULT_WEIGHTS",
    "ENTRY_POINT_GROUP",
    "LogisticRanker",
    "NearestRanker",
    "OutcomeRanker",
    "RandomRanker",
    "Ranker",
    "ScoredRequest",
    "Scores",
    "WeightedRanker",
    "available_rankers",
    "get_ranker",
    "load_ranker",
    "register_ranker",
    "save_ranker",
]
