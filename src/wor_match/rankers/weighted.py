"""The default ranker: a transparent weighted sum of the feature values.

score = sum_j weight_j x value_j (baseline 0). Default weights, chosen by hand to reflect
what coaches and uptake research say matters (interest and a fitting kind of contact
first, travel next, then cost and time) and kept in one table here:

==============  ======  ===============================================================
feature         weight  why
==============  ======  ===============================================================
interest         3.0    feeling the activity meets a need is the first condition
energy           1.0    what gives energy is a second view on interest
energy_drain    -2.0    avoid what drains: a strong negative
travel           1.5    nearby and easy to reach; the limit itself is a filter
schedule         0.5    filtered for overlap; small extra for a better fit
cost             0.75   low cost or free matters for uptake
setting          1.0    one-to-one vs group as the client prefers
loneliness       1.5    social vs emotional loneliness ask for different contact
first_step       1.0    high loneliness with low energy: low-threshold first steps
positive_health  1.0    meaning, participation, structure, adapted movement
stale           -0.5    small penalty for out-of-date entries
access_unknown  -0.25   small penalty, and a caution, when access is unknown
==============  ======  ===============================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np

from wor_match.context import MatchContext
from wor_match.features import FEATURE_NAMES, FEATURES, FeatureMatrix
from wor_match.features.pairs import feature_array
from wor_match.rankers._base import Ranker, Scores
from wor_match.rankers._registry import register_ranker

__all__ = ["DEFAULT_WEIGHTS", "WeightedRanker"]

DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "interest": 3.0,
        "energy": 1.0,
        "energy_drain": -2.0,
        "travel": 1.5,
        "schedule": 0.5,
        "cost": 0.75,
        "setting": 1.0,
        "loneliness": 1.5,
        "first_step": 1.0,
        "positive_health": 1.0,
        "stale": -0.5,
        "access_unknown": -0.25,
    }
)


@register_ranker
class WeightedRanker(Ranker):
    """Weighted sum of feature values; exact explanation (points = weight x value).

    Parameters
    ----------
    weights : mapping, optional
        Weights by feature name; missing names take :data:`DEFAULT_WEIGHTS`.
    """

    name = "weighted"
    method = "exact: points = weight x feature value; score = sum of points"

    def __init__(self, weights: Mapping[str, float] | None = None) -> None:
        self.weights = weights

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> WeightedRanker:
        """Fit the weights to outcomes: an L2-regularised logistic regression of ``y``
        (1 = the pair worked out) on the feature table ``X`` (columns
        :data:`~wor_match.features.FEATURE_NAMES`, e.g. from
        :func:`~wor_match.features.pairs.pair_table`). ``weights_`` become its
        coefficients (points in log-odds); the intercept is dropped, since a constant does
        not change a ranking."""
        from sklearn.linear_model import LogisticRegression

        values = feature_array(X)
        model = LogisticRegression(max_iter=1000).fit(values, y, sample_weight=sample_weight)
        self.weights_ = dict(zip(FEATURE_NAMES, model.coef_[0].tolist(), strict=True))
        return self

    def weight_vector(self) -> np.ndarray:
        """Weights in :data:`~wor_match.features.FEATURE_NAMES` order (fitted ones after
        :meth:`fit`)."""
        fitted = getattr(self, "weights_", None)
        if fitted is not None:
            return np.array([fitted[name] for name in FEATURE_NAMES], dtype=np.float64)
        weights = dict(DEFAULT_WEIGHTS)
        if self.weights is not None:
            unknown = sorted(set(self.weights) - set(FEATURE_NAMES))
            if unknown:
                raise ValueError(
                    f"The 'weights' parameter of WeightedRanker has unknown features {unknown}; "
                    f"known: {list(FEATURE_NAMES)}."
                )
            weights.update(self.weights)
        return np.array([weights[name] for name in FEATURE_NAMES], dtype=np.float64)

    def score_table(self, table: Any) -> np.ndarray:
        return np.asarray(feature_array(table) @ self.weight_vector() + 0.0, dtype=np.float64)

    def explain_scores(self, features: FeatureMatrix, ctx: MatchContext) -> Scores:
        points = features.values * self.weight_vector()[None, :] + 0.0  # no -0.0
        return Scores(0.0, features.names, features.values, points, FEATURES)

    def score_totals(self, features: FeatureMatrix, ctx: MatchContext) -> np.ndarray:
        # the same additions as Scores.total, without the (rows x features) points
        weights = self.weight_vector().tolist()
        total = np.zeros(len(features.values), dtype=np.float64)
        for j, weight in enumerate(weights):
            total += features.values[:, j] * weight
        return total
