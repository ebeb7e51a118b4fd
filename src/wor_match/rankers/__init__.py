"""Pluggable rankers: a small base class, a registry by name, and the built-in rankers
``weighted`` (default), ``nearest`` and ``random``."""

from wor_match.rankers._base import Ranker, Scores
from wor_match.rankers._registry import (
    ENTRY_POINT_GROUP,
    available_rankers,
    get_ranker,
    register_ranker,
)
from wor_match.rankers.baselines import NearestRanker, RandomRanker
from wor_match.rankers.weighted import DEFAULT_WEIGHTS, WeightedRanker

__all__ = [
    "DEFAULT_WEIGHTS",
    "ENTRY_POINT_GROUP",
    "NearestRanker",
    "RandomRanker",
    "Ranker",
    "Scores",
    "WeightedRanker",
    "available_rankers",
    "get_ranker",
    "register_ranker",
]
