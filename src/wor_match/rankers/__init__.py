"""Pluggable rankers: a small base class, a registry by name, and the built-in rankers
``weighted`` (default), ``nearest`` and ``random``, and the learned ``logistic`` and
``boosted`` (fit them on a pair feature table first, or load them from JSON)."""

from wor_match.rankers._base import Ranker, Scores
from wor_match.rankers._registry import (
    ENTRY_POINT_GROUP,
    available_rankers,
    get_ranker,
    register_ranker,
)
from wor_match.rankers.baselines import NearestRanker, RandomRanker
from wor_match.rankers.learned import BoostedRanker, LogisticRanker
from wor_match.rankers.persistence import load_ranker, save_ranker
from wor_match.rankers.weighted import DEFAULT_WEIGHTS, WeightedRanker

__all__ = [
    "BoostedRanker",
    "DEFAULT_WEIGHTS",
    "ENTRY_POINT_GROUP",
    "LogisticRanker",
    "NearestRanker",
    "RandomRanker",
    "Ranker",
    "Scores",
    "WeightedRanker",
    "available_rankers",
    "get_ranker",
    "load_ranker",
    "register_ranker",
    "save_ranker",
]
