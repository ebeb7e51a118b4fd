"""Ranking metrics per client, on ragged lists, with graded relevance.

Inputs are, per client, a ranked list of activity ids (best first; lists may differ in
length, be shorter than k, or be empty) and a mapping activity_id -> relevance grade
(missing means 0). Every metric returns one value per client, as a numpy array in the order
given; average with :func:`mean`, which skips NaN.

Relevance grades from interaction events (:func:`relevance_from_events`; the best event of a
pair counts): continued 3 > started 2 > accepted 1 > offered 0, declined 0; dropped_out 1
(the person started, so the event chain already holds "started" = 2).

Binary metrics (precision, recall, hit, MRR, MAP) count an item as relevant when its grade is
at least ``threshold`` (default 2: the person went). nDCG uses the grades as linear gains
with discount 1 / log2(rank + 1) and the ideal ordering of the client's full truth.

Clients without any relevant item: ``empty="skip"`` (default) gives NaN, left out of
means; ``empty="zero"`` gives 0.

Tie policy: lists are already ranked, so metrics see no ties. Scores become lists through
:func:`rank_from_scores`: score descending, then id ascending (deterministic).
``sklearn.metrics.ndcg_score`` instead averages the gain over tied scores, so the two agree
exactly when scores have no ties (``tests/evaluation/test_metrics.py`` shows both cases).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._checks import check_choice, check_k

__all__ = [
    "EVENT_GRADES",
    "catalogue_coverage",
    "exposure_share",
    "group_gaps",
    "hit_at_k",
    "intra_list_diversity",
    "map_at_k",
    "mean",
    "mrr",
    "ndcg_at_k",
    "novelty",
    "precision_at_k",
    "rank_from_scores",
    "recall_at_k",
    "relevance_from_events",
]

EVENT_GRADES: Mapping[str, int] = {
    "offered": 0,
    "declined": 0,
    "accepted": 1,
    "dropped_out": 1,
    "started": 2,
    "continued": 3,
}
FloatArray = npt.NDArray[np.float64]
Ranked = Sequence[Sequence[str]]
Truth = Sequence[Mapping[str, float]]
Empty = Literal["skip", "zero"]


def _check(ranked: Ranked, truth: Truth, k: int | None, name: str) -> None:
    if k is not None:
        check_k(k, function=name)
    if len(ranked) != len(truth):
        raise ValueError(
            f"{name} needs one truth mapping per ranked list; got {len(ranked)} lists and "
            f"{len(truth)} mappings."
        )


def _empty_value(empty: Empty, name: str) -> float:
    check_choice("empty", empty, ("skip", "zero"), function=name)
    return np.nan if empty == "skip" else 0.0


def _discounts(n: int) -> FloatArray:
    return np.asarray(1.0 / np.log2(np.arange(2, n + 2)), dtype=np.float64)


def ndcg_at_k(ranked: Ranked, truth: Truth, *, k: int = 10, empty: Empty = "skip") -> FloatArray:
    """Normalised discounted cumulative gain at k, per client.

    Examples
    --------
    >>> ndcg_at_k([["a", "b"]], [{"b": 1}], k=2).round(4)  # (1/log2 3) / 1
    array([0.6309])
    """
    _check(ranked, truth, k, "ndcg_at_k")
    missing = _empty_value(empty, "ndcg_at_k")
    out = np.empty(len(ranked), dtype=np.float64)
    for i, (items, grades) in enumerate(zip(ranked, truth, strict=True)):
        ideal_gains = np.sort(np.fromiter((g for g in grades.values() if g > 0), dtype=np.float64))[
            ::-1
        ][:k]
        if len(ideal_gains) == 0:
            out[i] = missing
            continue
        gains = np.array([grades.get(item, 0.0) for item in list(items)[:k]], dtype=np.float64)
        dcg = float(gains @ _discounts(len(gains))) if len(gains) else 0.0
        out[i] = dcg / float(ideal_gains @ _discounts(len(ideal_gains)))
    return out


def _binary(
    ranked: Ranked, truth: Truth, k: int | None, threshold: float, name: str
) -> list[tuple[npt.NDArray[np.bool_], int]]:
    _check(ranked, truth, k, name)
    rows = []
    for items, grades in zip(ranked, truth, strict=True):
        head = list(items) if k is None else list(items)[:k]
        hits = np.array([grades.get(item, 0.0) >= threshold for item in head], dtype=bool)
        n_relevant = sum(1 for g in grades.values() if g >= threshold)
        rows.append((hits, n_relevant))
    return rows


def precision_at_k(
    ranked: Ranked, truth: Truth, *, k: int = 10, threshold: float = 2, empty: Empty = "skip"
) -> FloatArray:
    """Relevant items in the top k, divided by k (not by the list length)."""
    missing = _empty_value(empty, "precision_at_k")
    rows = _binary(ranked, truth, k, threshold, "precision_at_k")
    return np.array([missing if n == 0 else hits.sum() / k for hits, n in rows], dtype=np.float64)


def recall_at_k(
    ranked: Ranked, truth: Truth, *, k: int = 10, threshold: float = 2, empty: Empty = "skip"
) -> FloatArray:
    """Relevant items in the top k, divided by the client's relevant items."""
    missing = _empty_value(empty, "recall_at_k")
    rows = _binary(ranked, truth, k, threshold, "recall_at_k")
    return np.array([missing if n == 0 else hits.sum() / n for hits, n in rows], dtype=np.float64)


def hit_at_k(
    ranked: Ranked, truth: Truth, *, k: int = 10, threshold: float = 2, empty: Empty = "skip"
) -> FloatArray:
    """1 when any relevant item is in the top k, else 0."""
    missing = _empty_value(empty, "hit_at_k")
    rows = _binary(ranked, truth, k, threshold, "hit_at_k")
    return np.array([missing if n == 0 else float(hits.any()) for hits, n in rows])


def mrr(ranked: Ranked, truth: Truth, *, threshold: float = 2, empty: Empty = "skip") -> FloatArray:
    """Reciprocal rank of the first relevant item in the whole list (0 if none listed)."""
    missing = _empty_value(empty, "mrr")
    rows = _binary(ranked, truth, None, threshold, "mrr")
    out = []
    for hits, n in rows:
        if n == 0:
            out.append(missing)
        else:
            first = np.flatnonzero(hits)
            out.append(1.0 / (first[0] + 1) if len(first) else 0.0)
    return np.array(out, dtype=np.float64)


def map_at_k(
    ranked: Ranked, truth: Truth, *, k: int = 10, threshold: float = 2, empty: Empty = "skip"
) -> FloatArray:
    """Average precision at k, normalised by min(k, number of relevant items)."""
    missing = _empty_value(empty, "map_at_k")
    out = []
    for hits, n in _binary(ranked, truth, k, threshold, "map_at_k"):
        if n == 0:
            out.append(missing)
            continue
        precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
        out.append(float((precision * hits).sum()) / min(k, n))
    return np.array(out, dtype=np.float64)


def mean(values: npt.ArrayLike) -> float:
    """Mean over clients, skipping NaN (clients without relevant items under 'skip')."""
    array = np.asarray(values, dtype=np.float64)
    return float(np.nanmean(array)) if np.isfinite(array).any() else float("nan")


def rank_from_scores(ids: Sequence[str], scores: npt.ArrayLike) -> list[str]:
    """Ids ranked by score descending, ties by id ascending."""
    values = np.asarray(scores, dtype=np.float64)
    order = sorted(range(len(ids)), key=lambda i: (-values[i], ids[i]))
    return [ids[i] for i in order]


def relevance_from_events(interactions: pd.DataFrame) -> pd.DataFrame:
    """Best grade per (client_id, activity_id) from an interactions table with ``event``."""
    unknown = sorted(set(interactions["event"]) - set(EVENT_GRADES))
    if unknown:
        raise ValueError(f"unknown events {unknown}; expected {list(EVENT_GRADES)}")
    graded = interactions.assign(relevance=interactions["event"].map(EVENT_GRADES))
    best = graded.groupby(["client_id", "activity_id"], sort=True)["relevance"].max()
    return best.reset_index()


def catalogue_coverage(ranked: Ranked, catalogue_ids: Sequence[str]) -> float:
    """Share of the catalogue that appears in at least one list."""
    if len(catalogue_ids) == 0:
        return float("nan")
    shown = {item for items in ranked for item in items}
    return len(shown & set(catalogue_ids)) / len(set(catalogue_ids))


def intra_list_diversity(ranked: Ranked, item_themes: Mapping[str, frozenset[str]]) -> FloatArray:
    """Mean pairwise Jaccard distance between the theme sets of each list (NaN below 2)."""
    out = []
    for items in ranked:
        sets = [item_themes.get(item, frozenset()) for item in items]
        distances = [
            1.0 - (len(a & b) / len(a | b) if a | b else 1.0)
            for i, a in enumerate(sets)
            for b in sets[i + 1 :]
        ]
        out.append(float(np.mean(distances)) if distances else np.nan)
    return np.array(out, dtype=np.float64)


def novelty(ranked: Ranked, popularity: Mapping[str, float]) -> FloatArray:
    """Mean self-information -log2 p(item) of each list; p is the item's share of clients
    that had it (items never seen get the smallest share observed)."""
    floor = min((p for p in popularity.values() if p > 0), default=1.0)
    return np.array(
        [
            float(np.mean([-np.log2(max(popularity.get(i, floor), floor)) for i in items]))
            if len(items)
            else np.nan
            for items in ranked
        ],
        dtype=np.float64,
    )


def group_gaps(per_client: pd.Series, groups: pd.Series) -> pd.DataFrame:
    """Mean of a per-client metric per group, its count, and its gap to the overall mean."""
    frame = pd.DataFrame({"value": per_client.to_numpy(), "group": groups.to_numpy()}).dropna(
        subset=["value"]
    )
    overall = frame["value"].mean()
    table = frame.groupby("group")["value"].agg(["mean", "count"])
    table["gap"] = table["mean"] - overall
    return table.reset_index()


def exposure_share(ranked: Ranked, item_provider: Mapping[str, str]) -> pd.Series:
    """Share of rank-discounted exposure (1 / log2(rank + 1)) per provider, summing to 1."""
    exposure: dict[str, float] = {}
    for items in ranked:
        for rank, item in enumerate(items, start=1):
            provider = item_provider.get(item, "")
            exposure[provider] = exposure.get(provider, 0.0) + 1.0 / np.log2(rank + 1)
    total = sum(exposure.values())
    series = pd.Series(exposure, dtype=np.float64).sort_values(ascending=False)
    return series / total if total else series
