"""The (client, activity) feature table for many clients: what learned rankers train on.

It is built from the very same steps :func:`wor_match.recommend` takes (candidate rows,
hard filters, :func:`~wor_match.features.feature_matrix`), so training and serving score
identical features; ``tests/features/test_pairs.py`` checks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features import FEATURE_NAMES, feature_matrix
from wor_match.filters import feasible
from wor_match.models.profile import ClientProfile, as_profile

__all__ = ["PAIR_KEYS", "feature_array", "pair_table"]

#: Identifying columns of the pair table, before the feature columns.
PAIR_KEYS = ("client_id", "activity_id", "distance_km", "travel_minutes")


def pair_table(
    profiles: Iterable[ClientProfile | Mapping[str, Any]],
    catalogue: Catalogue,
    *,
    today: dt.date | None = None,
    feasible_only: bool = True,
    rows_by_client: Mapping[str, npt.NDArray[np.intp]] | None = None,
) -> pd.DataFrame:
    """Feature rows for every (client, activity) pair a recommendation would score.

    Parameters
    ----------
    profiles : iterable of ClientProfile or dict
    catalogue : Catalogue
    today : date, optional
        Date for staleness (fix it for reproducible tables).
    feasible_only : bool, default True
        Only the pairs that pass the hard filters (what recommend() ranks). With False,
        every candidate within reach, filtered or not.
    rows_by_client : mapping, optional
        client_id -> catalogue rows to build pairs for (e.g. the activities a coach
        offered), instead of the client's candidates.

    Returns
    -------
    DataFrame
        Columns :data:`PAIR_KEYS` then :data:`~wor_match.features.FEATURE_NAMES`; rows
        grouped by client in input order, activities in catalogue row order.
    """
    validated = [as_profile(item) for item in profiles]
    if not validated:
        return pd.DataFrame(columns=[*PAIR_KEYS, *FEATURE_NAMES])
    rows = (
        None
        if rows_by_client is None
        else [rows_by_client.get(profile.client_id) for profile in validated]
    )
    ctx = MatchContext.build_many(validated, catalogue, rows=rows, today=today)
    if feasible_only:
        ctx = feasible(ctx)
    values = feature_matrix(ctx).values.astype(np.float64, copy=False)
    ids = np.array([p.client_id for p in validated], dtype=object)
    table = pd.DataFrame(
        {
            "client_id": ids[ctx.client],
            "activity_id": catalogue.ids[ctx.rows].astype(str),
            "distance_km": ctx.distance_km,
            "travel_minutes": ctx.travel_minutes,
        }
    )
    features = pd.DataFrame(values, columns=list(FEATURE_NAMES))
    return pd.concat([table, features], axis=1)


def feature_array(X: Any) -> npt.NDArray[np.float64]:
    """The feature columns of a pair table, or an array already in FEATURE_NAMES order."""
    if hasattr(X, "columns"):
        missing = [name for name in FEATURE_NAMES if name not in X.columns]
        if missing:
            raise ValueError(f"the feature table lacks the columns {missing}")
        return np.asarray(X[list(FEATURE_NAMES)], dtype=np.float64)
    values = np.asarray(X, dtype=np.float64)
    if values.ndim != 2 or values.shape[1] != len(FEATURE_NAMES):
        raise ValueError(
            f"X must have {len(FEATURE_NAMES)} feature columns in FEATURE_NAMES order; "
            f"got shape {values.shape}"
        )
    return values
