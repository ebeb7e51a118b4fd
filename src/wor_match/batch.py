"""Recommendations for many clients at once, in-process or on Dask.

Clients are scored in chunks (:func:`score_chunks`): each chunk is one vectorised pass over
all its (client, activity) pairs, sized to about :data:`TARGET_PAIRS` candidate pairs so the
arrays stay in the processor's caches. The result does not depend on the chunking.

:func:`recommend_partition` is a pure function of a partition of profiles (a DataFrame with
a ``profile`` column of JSON documents) and returns a long DataFrame, so the same function
runs unchanged in-process, on Dask (``dask.dataframe`` ``map_partitions`` with an explicit
``meta``; ``recommend_many(..., engine="dask")``) or on Spark with ``mapInPandas``::

    # Spark: one JSON profile per row in column "profile"
    from wor_match.batch import output_columns, recommend_partition
    types = {"client_id": "string", "activity_id": "string", "rank": "long"}
    schema = ", ".join(f"{c} {types.get(c, 'double')}" for c in output_columns(catalogue))
    spark_df.mapInPandas(
        lambda batches: (recommend_partition(b, catalogue, k=10) for b in batches),
        schema=schema,
    )

(Spark ships the closure, catalogue included, to every executor; for a large catalogue,
have each executor build it once from the catalogue file instead.)

Output columns: client_id, rank, activity_id, score, distance_km, travel_minutes, baseline,
and ``points_<name>`` per contribution of the ranker. No reason sentences are written
(that is per-client work for :func:`wor_match.recommend`); the points explain the score.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._checks import check_choice, check_k
from wor_match._errors import MissingExtraError
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features import FeatureMatrix, feature_matrix
from wor_match.models.profile import ClientProfile, as_profile
from wor_match.rankers import Ranker, get_ranker
from wor_match.recommender import default_catalogue

__all__ = [
    "TARGET_PAIRS",
    "output_columns",
    "recommend_many",
    "recommend_partition",
    "score_chunks",
    "top_k_pairs",
]

_KEYS = ["client_id", "rank", "activity_id", "score", "distance_km", "travel_minutes", "baseline"]


def output_columns(catalogue: Catalogue, ranker: str | Ranker = "weighted") -> list[str]:
    """The columns :func:`recommend_partition` returns for this ranker."""
    chosen = get_ranker(ranker)
    probe = ClientProfile.model_validate({"client_id": "probe", "home": {"lat": 52.0, "lon": 5.0}})
    empty = MatchContext.build(probe, catalogue, rows=np.empty(0, dtype=np.intp))
    names = chosen.explain_scores(feature_matrix(empty), empty).names
    return [*_KEYS, *(f"points_{name}" for name in names)]


def _meta(catalogue: Catalogue, ranker: str | Ranker) -> pd.DataFrame:
    columns = output_columns(catalogue, ranker)
    dtypes = {"client_id": "object", "rank": "int64", "activity_id": "object"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "float64")) for c in columns})


def top_k_pairs(
    ctx: MatchContext, total: npt.NDArray[np.float64], k: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """Positions of each client's best ``k`` pairs, grouped by client in client order and
    best first, by the tie rule of :class:`~wor_match.results.Ranking` (score descending,
    then distance, at-home and online counting as 0 km, then activity_id); and their ranks
    (1-based)."""
    catalogue = ctx.catalogue
    bounds = ctx.segments()
    # only pairs scoring at least their client's k-th best score can make the list (ties
    # at that score included); the full tie rule then orders these few
    keep = np.zeros(len(total), dtype=bool)
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        if stop - start <= k:
            keep[start:stop] = True
        else:
            scores = total[start:stop]
            kth = np.partition(scores, len(scores) - k)[len(scores) - k]
            keep[start:stop] = scores >= kth
    candidates = np.flatnonzero(keep)
    distance = np.nan_to_num(ctx.distance_km[candidates], nan=0.0)
    rows, owners = ctx.rows[candidates], ctx.client[candidates]
    order = np.lexsort((catalogue.id_rank[rows], distance, -total[candidates], owners))
    ranked = candidates[order]
    first = np.searchsorted(owners[order], owners[order], side="left")
    rank = np.arange(len(ranked)) - first
    chosen = rank < k
    return ranked[chosen], rank[chosen].astype(np.int64) + 1


#: Pairs a chunk of clients aims at: arrays of this size stay in the processor's caches,
#: which measured faster than larger chunks (benchmarks/run.py).
TARGET_PAIRS = 200_000


def score_chunks(
    profiles: Sequence[ClientProfile],
    catalogue: Catalogue,
    ranker: Ranker,
    *,
    today: dt.date | None = None,
    target_pairs: int = TARGET_PAIRS,
) -> Iterator[tuple[Sequence[ClientProfile], MatchContext, FeatureMatrix, npt.NDArray[np.float64]]]:
    """:meth:`Ranker.score_context` over consecutive chunks of clients, sized so a chunk holds
    about ``target_pairs`` candidate pairs (learned from the chunks before). Results do not
    depend on the chunking: every client is scored exactly as on its own."""
    start, size = 0, 16
    while start < len(profiles):
        chunk = profiles[start : start + size]
        ctx = MatchContext.build_many(chunk, catalogue, today=today)
        ok, features, total = ranker.score_context(ctx)
        yield chunk, ok, features, total
        start += len(chunk)
        per_client = max(len(ctx) / len(chunk), 1.0)
        size = int(min(max(target_pairs / per_client, 1), 4 * size, 4096))


def recommend_partition(
    partition: pd.DataFrame,
    catalogue: Catalogue,
    *,
    k: int = 10,
    ranker: str | Ranker = "weighted",
    today: dt.date | None = None,
) -> pd.DataFrame:
    """Top-k rows for every profile in ``partition["profile"]`` (JSON strings or dicts).

    Profiles are scored in chunks (:func:`score_chunks`), each as one vectorised pass over
    all its (client, activity) pairs; the result does not depend on the chunking.
    """
    profiles = [as_profile(raw, json=True) for raw in partition["profile"]]
    return _recommend_profiles(profiles, catalogue, k=k, ranker=ranker, today=today)


def _recommend_profiles(
    profiles: Sequence[ClientProfile],
    catalogue: Catalogue,
    *,
    k: int,
    ranker: str | Ranker,
    today: dt.date | None,
) -> pd.DataFrame:
    k = check_k(k)
    chosen = get_ranker(ranker)
    frames = []
    for chunk, ok, features, total in score_chunks(profiles, catalogue, chosen, today=today):
        top, rank = top_k_pairs(ok, total, k)
        # only the returned pairs are explained (points per feature)
        best = ok.subset(top)
        scores = chosen.explain_scores(features.take(top), best)
        client_ids = np.array([p.client_id for p in chunk], dtype=object)
        frame = pd.DataFrame(
            {
                "client_id": client_ids[best.client],
                "rank": rank,
                "activity_id": catalogue.ids[best.rows],
                "score": total[top],
                "distance_km": best.distance_km,
                "travel_minutes": best.travel_minutes,
                "baseline": np.full(len(top), scores.baseline),
            }
        )
        points = pd.DataFrame(scores.points, columns=[f"points_{name}" for name in scores.names])
        frames.append(pd.concat([frame, points], axis=1))
    if not frames:
        return _meta(catalogue, chosen)
    return pd.concat(frames, ignore_index=True)


def _profiles_frame(profiles: Iterable[ClientProfile | Mapping[str, Any]]) -> pd.DataFrame:
    documents = [
        p.model_dump_json() if isinstance(p, ClientProfile) else json.dumps(dict(p))
        for p in profiles
    ]
    return pd.DataFrame({"profile": documents})


def recommend_many(
    profiles: Iterable[ClientProfile | Mapping[str, Any]] | pd.DataFrame,
    catalogue: Catalogue | None = None,
    *,
    k: int = 10,
    ranker: str | Ranker = "weighted",
    today: dt.date | None = None,
    engine: Literal["local", "dask"] = "local",
    npartitions: int = 4,
) -> pd.DataFrame:
    """Top-k recommendations for many clients as one long DataFrame.

    Parameters
    ----------
    profiles : iterable of ClientProfile or dict, or a DataFrame with a ``profile`` column
    catalogue : Catalogue, optional (default: :func:`wor_match.recommender.default_catalogue`)
    k, ranker, today : as for :func:`wor_match.recommend`
    engine : {"local", "dask"}
        "dask" partitions the profiles and runs :func:`recommend_partition` with
        ``dask.dataframe`` ``map_partitions`` (install ``wor_match[dask]``).
    npartitions : int
        Partitions for Dask.
    """
    catalogue = catalogue or default_catalogue()
    check_choice("engine", engine, ("local", "dask"), function="recommend_many")
    if engine == "local":
        if isinstance(profiles, pd.DataFrame):
            return recommend_partition(profiles, catalogue, k=k, ranker=ranker, today=today)
        validated = [as_profile(profile) for profile in profiles]
        return _recommend_profiles(validated, catalogue, k=k, ranker=ranker, today=today)
    frame = profiles if isinstance(profiles, pd.DataFrame) else _profiles_frame(profiles)
    try:
        import dask.dataframe as dd
    except ImportError as error:
        raise MissingExtraError(
            "engine='dask' needs Dask: pip install 'wor_match[dask]'"
        ) from error
    chosen = get_ranker(ranker)
    parts = max(1, min(npartitions, len(frame) or 1))
    distributed = dd.from_pandas(frame, npartitions=parts)  # type: ignore[no-untyped-call]
    result = distributed.map_partitions(
        recommend_partition,
        catalogue,
        k=k,
        ranker=chosen,
        today=today,
        meta=_meta(catalogue, chosen),
    ).compute()
    return pd.DataFrame(result).reset_index(drop=True)
