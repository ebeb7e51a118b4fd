"""Soft matching signals, one module each, vectorised over a request's candidate rows.

:data:`FEATURES` fixes their order; :func:`feature_matrix` computes them all for a context.
Every ranker, and training (the research workflow), scores this same matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wor_match.context import MatchContext
from wor_match.features._base import Feature
from wor_match.features.accessibility import AccessUnknown
from wor_match.features.cost import CostEase
from wor_match.features.energy_drains import EnergyDrain
from wor_match.features.first_step import FirstStep
from wor_match.features.freshness import Staleness
from wor_match.features.interest import EnergyMatch, InterestMatch
from wor_match.features.loneliness import LonelinessFit
from wor_match.features.positive_health import PositiveHealthFit
from wor_match.features.schedule import ScheduleFit
from wor_match.features.social_setting import SettingFit
from wor_match.features.target_group import TargetGroupFit
from wor_match.features.travel import TravelEase

__all__ = ["FEATURES", "FEATURE_NAMES", "Feature", "FeatureMatrix", "feature_matrix"]

FEATURES: tuple[Feature, ...] = (
    InterestMatch(),
    EnergyMatch(),
    EnergyDrain(),
    TravelEase(),
    ScheduleFit(),
    CostEase(),
    SettingFit(),
    LonelinessFit(),
    FirstStep(),
    PositiveHealthFit(),
    Staleness(),
    AccessUnknown(),
    TargetGroupFit(),
)
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)


@dataclass(frozen=True)
class FeatureMatrix:
    """Feature values for a context's rows: ``values[i, j]`` is feature ``names[j]`` at row i.

    ``values`` is column-major (each feature's column is contiguous), as it is written and
    as rankers read it, one feature at a time.
    """

    names: tuple[str, ...]
    values: npt.NDArray[np.float64]

    def column(self, name: str) -> npt.NDArray[np.float64]:
        return self.values[:, self.names.index(name)]

    def take(self, positions: npt.NDArray[np.intp]) -> FeatureMatrix:
        """The rows at ``positions`` (for explaining a few pairs of a large batch)."""
        return FeatureMatrix(self.names, np.asfortranarray(self.values[positions]))


def feature_matrix(ctx: MatchContext) -> FeatureMatrix:
    """All :data:`FEATURES` for every row of ``ctx``, shape (len(ctx), len(FEATURES))."""
    values = np.empty((len(FEATURES), len(ctx)), dtype=np.float64).T
    for j, feature in enumerate(FEATURES):
        values[:, j] = feature.compute(ctx)
    return FeatureMatrix(FEATURE_NAMES, values)
