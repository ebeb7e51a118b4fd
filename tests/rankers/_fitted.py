"""Fitted learned rankers for contract tests: trained once on a small synthetic table."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from wor_match.features import FEATURE_NAMES
from wor_match.rankers import Ranker, get_ranker

LEARNED = {"logistic", "boosted", "outcome"}


@cache
def training_table(n: int = 400, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    """Feature rows in documented ranges; outcome driven by interest, travel and drains."""
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.random((n, len(FEATURE_NAMES))), columns=list(FEATURE_NAMES))
    X["setting"] = rng.uniform(-1, 1, n)
    logit = 3 * X["interest"] + 1.5 * X["travel"] - 2 * X["energy_drain"] - 2
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return X, y.to_numpy()


def fitted(name: str, **params: object) -> Ranker:
    ranker = get_ranker(name, **params)
    if name in LEARNED:
        X, y = training_table()
        if name == "outcome":  # the history effect needs the activities of the offers
            X = X.assign(activity_id=[f"id-{i % 7:03d}" for i in range(len(X))])
        ranker.fit(X, y)  # type: ignore[attr-defined]
    return ranker
