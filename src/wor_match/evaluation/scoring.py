"""A grouped nDCG scorer for scikit-learn model selection (GridSearchCV and friends).

The scorer ranks each client's rows of a pair table by the estimator's decision function
and averages nDCG@k over clients, reading the client from the table's ``client_id`` column.
Because the grouping travels inside ``X``, it needs no metadata routing::

    search = GridSearchCV(LogisticRanker(), {"C": [0.1, 1, 10]},
                          scoring=grouped_ndcg_scorer(k=10), cv=GroupKFold(5))
    search.fit(pairs, outcome, groups=pairs["client_id"])

``groups`` reaches ``GroupKFold`` through ``fit`` as usual. With
``sklearn.set_config(enable_metadata_routing=True)`` the same call works: GroupKFold
requests ``groups`` by default; the scorer requests nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from wor_match._checks import check_k
from wor_match.evaluation.metrics import mean, ndcg_at_k

__all__ = ["grouped_ndcg_scorer"]


def grouped_ndcg_scorer(k: int = 10) -> Callable[[Any, pd.DataFrame, Any], float]:
    """A ``scoring=`` callable: mean nDCG@k over the clients in ``X["client_id"]``."""
    k = check_k(k, function="grouped_ndcg_scorer")

    def score(estimator: Any, X: pd.DataFrame, y: Any) -> float:
        if "client_id" not in getattr(X, "columns", ()):
            raise ValueError("grouped_ndcg_scorer needs X to be a pair table with client_id")
        frame = pd.DataFrame(
            {
                "client_id": X["client_id"].to_numpy(),
                "row": np.arange(len(X)).astype(str),
                "score": estimator.decision_function(X),
                "y": np.asarray(y, dtype=np.float64),
            }
        ).sort_values(["client_id", "score", "row"], ascending=[True, False, True])
        ranked, truth = [], []
        for _, group in frame.groupby("client_id", sort=False):
            ranked.append(list(group["row"]))
            truth.append(dict(zip(group["row"], group["y"], strict=True)))
        return mean(ndcg_at_k(ranked, truth, k=k))

    return score
