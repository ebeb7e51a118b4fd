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
``points_<name>`` per contribution of the ranker, then ``status``, ``error_code`` and
``error_field``. No reason sentences are written (that is per-client work for
:func:`wor_match.recommend`); the points explain the score.

Every client of the input appears, in input order: ``status`` is ``"ok"`` on its
recommendation rows; a client with no feasible activity gets one row with status
``"no_match"``; a profile that fails validation gets one row with status ``"invalid"``,
the error's stable ``error_code`` (docs/errors.md) and ``error_field``, and the batch goes
on. Those rows have no rank (``rank`` is a nullable integer), no activity and NaN numbers.
The client id of an invalid profile is its ``client_id`` when that is a string, else
``#<position>`` in the partition. Messages are not written: they could echo nothing
personal, but a field and a code are what a batch needs.
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
from wor_match._errors import (
    CatalogueError,
    MissingExtraError,
    WorMatchError,
)
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.features import FeatureMatrix, feature_matrix
from wor_match.models.profile import ClientProfile, as_profile
from wor_match.rankers import Ranker, get_ranker
from wor_match.recommender import default_catalogue
from wor_match.shortlist import (
    POOL,
    TIER_GENERAL,
    TIER_RELEVANT,
    choose,
    matched_sets,
    row_providers,
    tiers,
)

__all__ = [
    "TARGET_PAIRS",
    "output_columns",
    "recommend_many",
    "recommend_partition",
    "score_chunks",
    "shortlist_pairs",
    "top_k_pairs",
]

_KEYS = ["client_id", "rank", "activity_id", "score", "distance_km", "travel_minutes", "baseline"]
_STATUS = ["status", "error_code", "error_field"]


def output_columns(catalogue: Catalogue, ranker: str | Ranker = "weighted") -> list[str]:
    """The columns :func:`recommend_partition` returns for this ranker."""
    chosen = get_ranker(ranker)
    probe = ClientProfile.model_validate({"client_id": "probe", "home": {"lat": 52.0, "lon": 5.0}})
    empty = MatchContext.build(probe, catalogue, rows=np.empty(0, dtype=np.intp))
    names = chosen.explain_scores(feature_matrix(empty), empty).names
    return [*_KEYS, *(f"points_{name}" for name in names), *_STATUS]


_DTYPES = {"client_id": "object", "rank": "Int64", "activity_id": "object", "status": "object",
           "error_code": "object", "error_field": "object"}  # fmt: skip


def _meta(catalogue: Catalogue, ranker: str | Ranker) -> pd.DataFrame:
    columns = output_columns(catalogue, ranker)
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, "float64")) for c in columns})


def _client_id(raw: Any, position: int) -> str:
    """The client id of a profile that failed validation, if it has a usable one."""
    if isinstance(raw, ClientProfile):
        return raw.client_id
    if isinstance(raw, str | bytes | bytearray):
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            return f"#{position}"
    if isinstance(raw, Mapping):
        value = raw.get("client_id")
        if isinstance(value, str) and value.strip() and len(value) <= 200:
            return value.strip()
    return f"#{position}"


def shortlist_pairs(
    ctx: MatchContext,
    features: FeatureMatrix,
    total: npt.NDArray[np.float64],
    k: int,
    *,
    relevance_first: bool = True,
    diversity: bool = True,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]]:
    """Each client's shortlist as :func:`wor_match.recommend` makes it
    (:mod:`wor_match.shortlist`): positions grouped by client in client order, in list
    order, and their ranks (1-based)."""
    if not relevance_first and not diversity:
        return top_k_pairs(ctx, total, k)
    catalogue = ctx.catalogue
    tier = tiers(ctx, features) if relevance_first else np.zeros(len(ctx), dtype=np.int8)
    size = max(POOL, 3 * k)
    bounds = ctx.segments()
    keep = np.zeros(len(total), dtype=bool)
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        if stop - start <= size:
            keep[start:stop] = True
            continue
        for t in (TIER_RELEVANT, TIER_GENERAL):
            positions = start + np.flatnonzero(tier[start:stop] == t)
            if len(positions) > size:
                kth = np.partition(-total[positions], size - 1)[size - 1]
                positions = positions[-total[positions] <= kth]
            keep[positions] = True
    candidates = np.flatnonzero(keep)
    distance = np.nan_to_num(ctx.distance_km[candidates], nan=0.0)
    rows, owners = ctx.rows[candidates], ctx.client[candidates]
    order = candidates[np.lexsort((catalogue.id_rank[rows], distance, -total[candidates], owners))]
    themes = np.zeros((len(ctx), 1), dtype=np.uint64)
    provider = np.full(len(ctx), -1, dtype=np.int64)
    if diversity:
        themes = np.zeros((len(ctx), 1 + catalogue.structured_theme_bits.shape[1]), np.uint64)
        themes[candidates] = matched_sets(ctx, candidates)
        provider[candidates] = row_providers(catalogue)[rows]
    client_bounds = np.searchsorted(ctx.client[order], np.arange(len(ctx.clients) + 1))
    chosen, ranks = [], []
    for c in range(len(ctx.clients)):
        segment = order[client_bounds[c] : client_bounds[c + 1]]
        picks, _ = choose(
            segment, total, tier, themes, provider, k,
            relevance_first=relevance_first, diversity=diversity,
        )  # fmt: skip
        chosen.append(picks)
        ranks.append(np.arange(1, len(picks) + 1, dtype=np.int64))
    if not chosen:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.int64)
    return np.concatenate(chosen).astype(np.intp), np.concatenate(ranks)


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
    """:meth:`Ranker.score_pairs` over consecutive chunks of clients, sized so a chunk holds
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
    relevance_first: bool = True,
    diversity: bool = True,
) -> pd.DataFrame:
    """Top-k rows for every profile in ``partition["profile"]`` (JSON strings or dicts).

    Profiles are scored in chunks (:func:`score_chunks`), each as one vectorised pass over
    all its (client, activity) pairs; the result does not depend on the chunking.
    """
    k = check_k(k)
    chosen = get_ranker(ranker)
    meta = _meta(catalogue, chosen)
    profiles: list[ClientProfile] = []
    positions: list[int] = []  # input position of each valid profile
    extra: list[dict[str, Any]] = []  # rows for invalid profiles and clients with no match
    for position, raw in enumerate(partition["profile"]):
        try:
            profiles.append(as_profile(raw, json=True))
        except WorMatchError as error:
            extra.append(
                {"client_id": _client_id(raw, position), "_position": position,
                 "status": "invalid", "error_code": error.code, "error_field": error.field}
            )  # fmt: skip
            continue
        positions.append(position)
    frames = []
    done = 0
    for chunk, ok, features, total in score_chunks(profiles, catalogue, chosen, today=today):
        top, rank = shortlist_pairs(
            ok, features, total, k, relevance_first=relevance_first, diversity=diversity
        )
        # only the returned pairs are explained (points per feature)
        best = ok.subset(top)
        scores = chosen.explain_scores(features.take(top), best)
        client_ids = np.array([p.client_id for p in chunk], dtype=object)
        chunk_positions = np.asarray(positions[done : done + len(chunk)], dtype=np.int64)
        for client in sorted(set(range(len(chunk))) - set(best.client.tolist())):
            extra.append(
                {"client_id": chunk[client].client_id, "_position": int(chunk_positions[client]),
                 "status": "no_match"}
            )  # fmt: skip
        done += len(chunk)
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
        frame = pd.concat([frame, points], axis=1)
        frame["_position"] = chunk_positions[best.client]
        frame["status"] = "ok"
        frames.append(frame)
    if extra:
        frames.append(pd.DataFrame(extra))
    if not frames:
        return meta
    result = pd.concat(frames, ignore_index=True)
    # every client in input order, its rows by rank (a stable sort keeps the rank order)
    result = result.sort_values("_position", kind="stable").reset_index(drop=True)
    result = result.reindex(columns=meta.columns)
    return result.astype({c: meta[c].dtype for c in meta.columns})


def _profiles_frame(profiles: Iterable[ClientProfile | Mapping[str, Any]]) -> pd.DataFrame:
    # profiles and dicts pass as they are (no JSON round trip): validation reports a bad
    # dict (NaN, deep nesting, a non-dict) per client, and a validated profile is used as is
    return pd.DataFrame({"profile": pd.Series(list(profiles), dtype=object)})


def recommend_many(
    profiles: Iterable[ClientProfile | Mapping[str, Any]] | pd.DataFrame,
    catalogue: Catalogue | None = None,
    *,
    k: int = 10,
    ranker: str | Ranker = "weighted",
    today: dt.date | None = None,
    engine: Literal["local", "dask"] = "local",
    npartitions: int = 4,
    relevance_first: bool = True,
    diversity: bool = True,
) -> pd.DataFrame:
    """Top-k recommendations for many clients as one long DataFrame.

    Parameters
    ----------
    profiles : iterable of ClientProfile or dict, or a DataFrame with a ``profile`` column
    catalogue : Catalogue, optional (default: :func:`wor_match.recommender.default_catalogue`)
    k, ranker, today, relevance_first, diversity : as for :func:`wor_match.recommend`
    engine : {"local", "dask"}
        "dask" partitions the profiles and runs :func:`recommend_partition` with
        ``dask.dataframe`` ``map_partitions`` (install ``wor_match[dask]``).
    npartitions : int
        Partitions for Dask.
    """
    # an empty catalogue stays empty (every client "no_match"): never swap in another one
    catalogue = default_catalogue() if catalogue is None else catalogue
    if not isinstance(catalogue, Catalogue):
        raise CatalogueError(
            "catalogue must be a wor_match.Catalogue (see Catalogue.from_csv); got "
            f"{type(catalogue).__name__}",
            field="catalogue",
        )
    check_choice("engine", engine, ("local", "dask"), function="recommend_many")
    frame = profiles if isinstance(profiles, pd.DataFrame) else _profiles_frame(profiles)
    if engine == "local":
        return recommend_partition(
            frame,
            catalogue,
            k=k,
            ranker=ranker,
            today=today,
            relevance_first=relevance_first,
            diversity=diversity,
        )
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as error:
        raise MissingExtraError(
            "engine='dask' needs Dask: pip install 'wor_match[dask]'"
        ) from error
    chosen = get_ranker(ranker)
    parts = max(1, min(npartitions, len(frame) or 1))
    # profiles given as dicts stay objects (Dask would turn an object column into strings)
    with dask.config.set({"dataframe.convert-string": False}):
        distributed = dd.from_pandas(frame, npartitions=parts)  # type: ignore[no-untyped-call]
        result = distributed.map_partitions(
            recommend_partition,
            catalogue,
            k=k,
            ranker=chosen,
            today=today,
            relevance_first=relevance_first,
            diversity=diversity,
            meta=_meta(catalogue, chosen),
        ).compute()
    return pd.DataFrame(result).reset_index(drop=True)
