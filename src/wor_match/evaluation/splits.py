"""Splitting clients and events for evaluation: by client (cold start), by time, seeded.

Every splitter yields ``(train_client_ids, test_client_ids)`` or, for time,
``(train_events, test_events)``. Client splits group all of a client's pairs on one side,
like scikit-learn's ``GroupKFold``; :func:`group_kfold` wraps it directly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from wor_match._errors import InvalidParameterError

__all__ = ["ClientSplit", "TemporalSplit", "group_kfold"]


@dataclass(frozen=True)
class ClientSplit:
    """Hold out a seeded share of clients: new clients at test time (cold start)."""

    test_size: float = 0.3
    seed: int = 0

    def __post_init__(self) -> None:
        if not 0 < self.test_size < 1:
            raise InvalidParameterError(
                f"The 'test_size' parameter of ClientSplit must be a float in the range (0, 1). "
                f"Got {self.test_size!r} instead."
            )

    def split(self, client_ids: Sequence[str]) -> tuple[list[str], list[str]]:
        ids = sorted(set(client_ids))
        rng = np.random.default_rng(self.seed)
        test = set(rng.choice(ids, size=max(1, round(len(ids) * self.test_size)), replace=False))
        return [c for c in ids if c not in test], [c for c in ids if c in test]


@dataclass(frozen=True)
class TemporalSplit:
    """Events before ``cutoff`` train, events from ``cutoff`` on test (by offer time)."""

    cutoff: str

    def split(self, interactions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        stamps = pd.to_datetime(interactions["timestamp"], utc=True)
        offered = interactions.assign(_t=stamps).groupby(["client_id", "activity_id"])["_t"]
        first = offered.transform("min")
        cutoff = pd.Timestamp(self.cutoff, tz="UTC")
        return interactions[first < cutoff], interactions[first >= cutoff]


def group_kfold(
    client_ids: Sequence[str], n_splits: int = 5
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Row indices of ``GroupKFold`` folds, grouping rows by client."""
    groups = np.asarray(client_ids)
    yield from GroupKFold(n_splits=n_splits).split(np.zeros(len(groups)), groups=groups)
