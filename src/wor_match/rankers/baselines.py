"""Baseline rankers for comparison: distance only, and seeded random.

Both see the same hard filters as every ranker, so they differ only in ordering.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wor_match.catalogue import stable_hash
from wor_match.context import MatchContext
from wor_match.features import FeatureMatrix
from wor_match.features.travel import TravelEase
from wor_match.rankers._base import Ranker, Scores
from wor_match.rankers._registry import register_ranker

__all__ = ["NearestRanker", "RandomRanker"]


@register_ranker
class NearestRanker(Ranker):
    """Closest first: score = -distance_km (at-home and online offers count as 0 km)."""

    name = "nearest"
    method = "exact: points = -distance in km"

    def score_table(self, table: pd.DataFrame) -> np.ndarray:
        return np.asarray(-np.nan_to_num(table["distance_km"].to_numpy(float), nan=0.0) + 0.0)

    def explain_scores(self, features: FeatureMatrix, ctx: MatchContext) -> Scores:
        distance = np.nan_to_num(ctx.distance_km, nan=0.0)[:, None]
        return Scores(0.0, ("distance",), distance, -distance, (TravelEase(),))


def _uniform(hashes: np.ndarray, seed: int) -> np.ndarray:
    """SplitMix64 of (id hash, seed) mapped to [0, 1): a per-activity random number that
    does not depend on row order."""
    with np.errstate(over="ignore"):
        z = hashes.astype(np.uint64) + np.uint64(seed & 0xFFFFFFFFFFFFFFFF) * np.uint64(
            0x9E3779B97F4A7C15
        )
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) / float(1 << 53)


@register_ranker
class RandomRanker(Ranker):
    """Seeded random order among feasible activities (a floor for evaluation).

    Parameters
    ----------
    seed : int, default 0
        Same seed, same order, whatever the catalogue's row order.
    """

    name = "random"
    method = "exact: points = a seeded random number per activity"

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def score_table(self, table: pd.DataFrame) -> np.ndarray:
        hashes = np.array([stable_hash(a) for a in table["activity_id"]], dtype=np.uint64)
        return _uniform(hashes, self.seed)

    def explain_scores(self, features: FeatureMatrix, ctx: MatchContext) -> Scores:
        value = _uniform(ctx.catalogue.id_hash[ctx.rows], self.seed)[:, None]
        return Scores(0.0, ("random",), value, value.copy(), (None,))
