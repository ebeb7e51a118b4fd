"""Compare rankers on a dataset: the research workflow's main entry point.

:func:`compare` scores every ranker on the same held-out clients' logged offers, next to an
oracle that ranks by the true probabilities (synthetic data), and returns a
:class:`ComparisonReport` with per-client metrics, means with 95% confidence intervals, a
paired Wilcoxon signed-rank test of each ranker against a baseline, per-group gaps, exposure
by provider, and a reproducibility record.

Offline evaluation on logged offers is unbiased when the offers were made at random (the
synthetic generator's logging policy); on real logs it measures re-ranking of what coaches
offered, which is biased towards their choices: say so when you report it.
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone

from wor_match.datasets import Dataset
from wor_match.evaluation.metrics import (
    hit_at_k,
    map_at_k,
    mrr,
    ndcg_at_k,
    precision_at_k,
    recall_at_k,
    relevance_from_events,
)
from wor_match.evaluation.splits import ClientSplit
from wor_match.features.pairs import pair_table
from wor_match.rankers import Ranker, get_ranker

__all__ = [
    "ComparisonReport",
    "METRICS",
    "compare",
]

METRICS: dict[str, Callable[..., np.ndarray]] = {
    "ndcg": lambda r, t, k, th: ndcg_at_k(r, t, k=k),
    "recall": lambda r, t, k, th: recall_at_k(r, t, k=k, threshold=th),
    "precision": lambda r, t, k, th: precision_at_k(r, t, k=k, threshold=th),
    "hit": lambda r, t, k, th: hit_at_k(r, t, k=k, threshold=th),
    "map": lambda r, t, k, th: map_at_k(r, t, k=k, threshold=th),
    "mrr": lambda r, t, k, th: mrr(r, t, threshold=th),
}
TIE_POLICY = "score descending, then distance ascending, then activity_id ascending"


def _progress(iterable: Any, **kwargs: Any) -> Any:
    try:
        from tqdm import tqdm  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - tqdm is a dependency; stay usable without it
        return iterable
    # disable=None: quiet when stderr is not a terminal (CI, logs)
    return tqdm(iterable, disable=None, **kwargs)


def _loneliness_band(profile: Any) -> str:
    score = profile.loneliness
    return str(score.band) if score is not None and score.band is not None else "unknown"


def _age_band(age: float | None) -> str:
    if age is None or np.isnan(age):
        return "unknown"
    return "<45" if age < 45 else "45-64" if age < 65 else "65-79" if age < 80 else "80+"


@dataclass
class ComparisonReport:
    """What :func:`compare` found; see :meth:`to_markdown` for a readable summary."""

    per_client: pd.DataFrame
    summary: pd.DataFrame
    significance: pd.DataFrame
    group_gaps: pd.DataFrame
    exposure: pd.DataFrame
    record: dict[str, Any] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The summary table: one row per ranker, mean and 95% CI per metric."""
        return self.summary

    def to_markdown(self) -> str:
        def table(frame: pd.DataFrame) -> str:
            head = "| " + " | ".join(map(str, frame.columns)) + " |"
            rule = "|" + "---|" * len(frame.columns)

            def cell(column: str, value: Any) -> str:
                if column == "p_value":
                    return f"{value:.1e}"
                return f"{value:.3f}" if isinstance(value, float) else str(value)

            rows = [
                "| "
                + " | ".join(cell(c, v) for c, v in zip(frame.columns, row, strict=True))
                + " |"
                for row in frame.itertuples(index=False)
            ]
            return "\n".join([head, rule, *rows])

        parts = [
            f"Held-out clients: {self.record['n_test_clients']} (of {self.record['n_clients']}); "
            f"k = {self.record['k']}; split {self.record['split']}",
            "",
            table(self.summary),
            "",
            f"Paired Wilcoxon signed-rank tests against {self.record['baseline']}:",
            "",
            table(self.significance),
        ]
        return "\n".join(parts) + "\n"

    def plot(self, metric: str = "ndcg", ax: Any = None) -> Any:
        """Bar chart of a metric's means with 95% intervals (needs matplotlib)."""
        try:
            import matplotlib.pyplot as plt
        except ImportError as error:
            from wor_match._errors import MissingExtraError

            raise MissingExtraError(
                "plotting needs matplotlib: pip install 'wor_match[notebooks]'"
            ) from error
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 3))
        frame = self.summary
        errors = frame[f"{metric}_ci_high"] - frame[f"{metric}_mean"]
        ax.bar(frame["ranker"], frame[f"{metric}_mean"], yerr=errors, color="#4c72b0")
        ax.set_ylabel(f"{metric}@{self.record['k']}")
        ax.set_title("Held-out clients, mean with 95% CI")
        return ax


def _rank_lists(table: pd.DataFrame, scores: np.ndarray) -> dict[str, list[str]]:
    frame = table[["client_id", "activity_id", "distance_km"]].assign(
        score=scores, distance=table["distance_km"].fillna(0.0)
    )
    frame = frame.sort_values(
        ["client_id", "score", "distance", "activity_id"],
        ascending=[True, False, True, True],
        kind="stable",
    )
    return {str(c): list(g["activity_id"]) for c, g in frame.groupby("client_id", sort=False)}


def compare(
    rankers: Sequence[str | Ranker] | Mapping[str, Ranker],
    dataset: Dataset,
    *,
    split: ClientSplit | None = None,
    k: int = 10,
    metrics: Sequence[str] = ("ndcg", "recall"),
    baseline: str = "nearest",
    threshold: float = 2,
    target_grade: float = 3,
    oracle: bool = True,
    today: dt.date | None = None,
) -> ComparisonReport:
    """Fit (where needed) and evaluate rankers on held-out clients' logged offers.

    Parameters
    ----------
    rankers : names, Ranker instances, or a mapping name -> Ranker
        Rankers that need fitting (``needs_fit``: logistic, boosted) are cloned and fitted on
        the training clients' offers, with outcome = grade >= ``target_grade`` (default 3:
        still attending after 3 months). Others are used as given: pass
        ``WeightedRanker().fit(...)`` yourself to compare fitted weights.
    dataset : Dataset
    split : ClientSplit, default ClientSplit(test_size=0.3, seed=0)
    k : int, default 10
    metrics : names from :data:`METRICS`
    baseline : str
        The ranker the paired tests compare against.
    threshold : float, default 2
        Grade from which an item counts as relevant for the binary metrics.
    oracle : bool, default True
        Add "oracle", ranking by ``dataset.truth`` (needs synthetic data).
    """
    from scipy.stats import wilcoxon

    split = split or ClientSplit()
    unknown = sorted(set(metrics) - set(METRICS))
    if unknown:
        raise ValueError(f"unknown metrics {unknown}; choose from {sorted(METRICS)}")
    if isinstance(rankers, Mapping):
        named = dict(rankers)
    else:
        named = {(r if isinstance(r, str) else r.name): get_ranker(r) for r in rankers}
    if oracle and dataset.truth is None:
        raise ValueError("oracle=True needs dataset.truth (synthetic data); pass oracle=False")
    today = today or dt.date.fromisoformat(
        dataset.metadata.get("parameters", {}).get("today", dt.date.today().isoformat())
    )
    catalogue = dataset.catalogue
    offers = dataset.interactions.loc[
        dataset.interactions["event"] == "offered", ["client_id", "activity_id"]
    ].drop_duplicates()
    relevance = relevance_from_events(dataset.interactions)
    profiles = dataset.profile_by_id
    rows_by_client: dict[str, np.ndarray] = {
        str(client): np.sort([catalogue.row_of(a) for a in group["activity_id"]])
        for client, group in offers.groupby("client_id")
    }
    pairs = pair_table(
        _progress([profiles[c] for c in rows_by_client], desc="features", unit="client"),
        catalogue,
        today=today,
        rows_by_client=rows_by_client,
    )
    pairs = pairs.merge(relevance, on=["client_id", "activity_id"], how="left")
    pairs["relevance"] = pairs["relevance"].fillna(0.0)
    train_ids, test_ids = split.split(list(rows_by_client))
    train = pairs[pairs["client_id"].isin(set(train_ids))]
    test = pairs[pairs["client_id"].isin(set(test_ids))].reset_index(drop=True)
    truth_by_client = {
        c: dict(zip(g["activity_id"], g["relevance"], strict=True))
        for c, g in test.groupby("client_id", sort=True)
    }
    clients: list[str] = sorted(str(c) for c in truth_by_client)
    truth = [truth_by_client[c] for c in clients]
    lists: dict[str, dict[str, list[str]]] = {}
    for name, ranker in _progress(named.items(), desc="rankers", unit="ranker"):
        if ranker.needs_fit:
            ranker = clone(ranker)
            ranker.fit(train, (train["relevance"] >= target_grade).astype(int))
        lists[name] = _rank_lists(test, ranker.score_table(test))
    if oracle:
        assert dataset.truth is not None
        p = test.merge(dataset.truth, on=["client_id", "activity_id"], how="left")["p_true"]
        lists["oracle"] = _rank_lists(test, p.fillna(0.0).to_numpy())
    rows = []
    for name, by_client in lists.items():
        ranked = [by_client.get(c, []) for c in clients]
        values = {m: METRICS[m](ranked, truth, k, threshold) for m in metrics}
        for i, client in enumerate(clients):
            rows.append({"ranker": name, "client_id": client, **{m: values[m][i] for m in metrics}})
    per_client = pd.DataFrame(rows)
    summary_rows = []
    for name, group in per_client.groupby("ranker", sort=False):
        row: dict[str, Any] = {"ranker": name}
        for m in metrics:
            observed = group[m].dropna().to_numpy()
            half = (
                1.96 * observed.std(ddof=1) / np.sqrt(len(observed))
                if len(observed) > 1
                else np.nan
            )
            row[f"{m}_mean"] = float(observed.mean()) if len(observed) else np.nan
            row[f"{m}_ci_low"] = row[f"{m}_mean"] - half
            row[f"{m}_ci_high"] = row[f"{m}_mean"] + half
        summary_rows.append(row)
    summary = pd.DataFrame(summary_rows)
    tests = []
    if baseline in lists:
        base = per_client[per_client["ranker"] == baseline].set_index("client_id")
        for name in lists:
            if name == baseline:
                continue
            other = per_client[per_client["ranker"] == name].set_index("client_id")
            for m in metrics:
                both = pd.concat([other[m], base[m]], axis=1, keys=["x", "b"]).dropna()
                diff = both["x"] - both["b"]
                p_value = float(wilcoxon(diff).pvalue) if (diff != 0).any() else 1.0
                tests.append(
                    {
                        "ranker": name,
                        "metric": m,
                        "mean_difference": float(diff.mean()),
                        "p_value": p_value,
                        "n_clients": len(diff),
                    }
                )
    significance = pd.DataFrame(
        tests, columns=["ranker", "metric", "mean_difference", "p_value", "n_clients"]
    )
    groups = pd.DataFrame(
        {
            "client_id": clients,
            "mobility": [profiles[c].mobility.mode for c in clients],
            "age_band": [_age_band(profiles[c].age) for c in clients],
            "loneliness_band": [_loneliness_band(profiles[c]) for c in clients],
        }
    )
    gap_rows = []
    main_metric = metrics[0]
    for name in lists:
        metric_values = per_client[per_client["ranker"] == name].set_index("client_id")
        joined = groups.assign(
            value=metric_values[main_metric].reindex(groups["client_id"]).to_numpy()
        )
        overall = joined["value"].mean()
        for column in ("mobility", "age_band", "loneliness_band"):
            for group_name, part in joined.groupby(column):
                gap_rows.append(
                    {
                        "ranker": name,
                        "grouping": column,
                        "group": group_name,
                        "n_clients": int(part["value"].notna().sum()),
                        main_metric: part["value"].mean(),
                        "gap": part["value"].mean() - overall,
                    }
                )
    provider_of = {a.activity_id: a.provider for a in catalogue}
    exposure_rows = []
    for name, by_client in lists.items():
        exposure: dict[str, float] = {}
        for items in by_client.values():
            for rank, item in enumerate(items[:k], start=1):
                exposure[provider_of[item]] = exposure.get(provider_of[item], 0.0) + 1 / np.log2(
                    rank + 1
                )
        total = sum(exposure.values()) or 1.0
        top = sorted(exposure.items(), key=lambda kv: -kv[1])[:5]
        exposure_rows += [{"ranker": name, "provider": p, "share": v / total} for p, v in top]
    record = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "dataset": dataset.metadata.get("name", ""),
        "n_clients": len(rows_by_client),
        "n_test_clients": len(clients),
        "split": repr(split),
        "k": k,
        "threshold": threshold,
        "target_grade": target_grade,
        "baseline": baseline,
        "tie_policy": TIE_POLICY,
        "rankers": {name: repr(r) for name, r in named.items()},
        "versions": {
            "python": platform.python_version(),
            **{n: version(n) for n in ("wor_match", "numpy", "pandas", "scikit-learn", "scipy")},
        },
        "platform": sys.platform,
    }
    return ComparisonReport(
        per_client=per_client,
        summary=summary,
        significance=significance,
        group_gaps=pd.DataFrame(gap_rows),
        exposure=pd.DataFrame(exposure_rows),
        record=record,
    )
