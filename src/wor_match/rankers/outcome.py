"""The ``outcome`` ranker: a feature model plus what recorded outcomes say per activity.

Features cannot see everything that decides whether a match works: the welcome, the "click"
with the other participants, the room. Recorded outcomes can. The ranker scores a pair as

    log-odds = base model (logistic or boosted, on the features)  +  history effect of the activity

The history effect comes from the logged offers of an activity: ``n`` offers, ``x`` of them
worked out (the outcome the ranker is fitted on, by default: still taking part after three
months). The base model expects ``m`` = the mean of its probabilities over those offers.
Empirical Bayes (a beta-binomial) shrinks the observed rate toward that expectation:

    prior Beta(kappa * m_g, kappa * (1 - m_g));   posterior mean p = (kappa * m_g + x) / (kappa + n)
    effect = logit(p) - logit(m)

where ``m_g`` is ``m`` moved by the shrunken effect of the activity's group (its provider or
first theme, when groups are given; else ``m_g = m``), and ``kappa`` (the prior's strength,
in offers) is estimated from the spread of observed rates around their expectations
(method of moments) unless given. An activity with two good outcomes out of two therefore
does not outrank one with 40 of 60, and an activity with no logged offer gets no effect:
cold start is exactly the base model.

The effect is an exact contribution (feature ``history``) with a reason a coach can read:
"Van de 15 eerdere cliënten die dit kregen aangeboden, bleven er 11 komen".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._vocab import Language
from wor_match.context import MatchContext
from wor_match.features import FeatureMatrix
from wor_match.features._base import Feature
from wor_match.rankers._base import Ranker, Scores
from wor_match.rankers._registry import get_ranker, register_ranker

__all__ = ["HistoryFeature", "OutcomeRanker", "shrunken_effects"]

FloatArray = npt.NDArray[np.float64]
_EPS = 1e-6


def _logit(p: Any) -> Any:
    p = np.clip(p, _EPS, 1 - _EPS)
    return np.log(p / (1 - p))


def _sigmoid(z: Any) -> Any:
    return 1.0 / (1.0 + np.exp(-z))


def estimate_kappa(n: FloatArray, x: FloatArray, m: FloatArray) -> float:
    """Prior strength (in offers) by the method of moments: the between-activity variance of
    the rates around their expectations is what is left after the binomial noise."""
    used = n >= 2
    if used.sum() < 5:
        return 20.0
    rate, expected, count = x[used] / n[used], m[used], n[used]
    noise = float(np.mean(expected * (1 - expected) / count))
    spread = float(np.mean((rate - expected) ** 2)) - noise
    mean = float(np.mean(expected))
    if spread <= 1e-9:
        return 1000.0
    return float(np.clip(mean * (1 - mean) / spread - 1.0, 1.0, 1000.0))


def shrunken_effects(
    n: FloatArray, x: FloatArray, m: FloatArray, kappa: float, prior: FloatArray | None = None
) -> FloatArray:
    """Per-activity log-odds effects: logit((kappa * prior + x) / (kappa + n)) - logit(m),
    with ``prior`` the expected rate moved by the group effect (default ``m``); 0 where
    n = 0."""
    base = m if prior is None else prior
    posterior = (kappa * base + x) / (kappa + n)
    return np.where(n > 0, _logit(posterior) - _logit(m), 0.0).astype(np.float64)


class HistoryFeature(Feature):
    """The ``history`` contribution: the reason sentence of an activity's logged outcomes."""

    name = "history"
    value_range = (0.0, float("inf"))
    description = "logged offers of the activity (the value); points = the shrunken effect"

    def __init__(self, counts: Mapping[str, tuple[int, int]]) -> None:
        self.counts = counts

    def compute(self, ctx: MatchContext) -> FloatArray:
        ids = ctx.catalogue.ids[ctx.rows]
        return np.array([self.counts.get(str(a), (0, 0))[0] for a in ids], dtype=np.float64)

    def reason(self, ctx: MatchContext, position: int, value: float, language: Language) -> str:
        activity = str(ctx.catalogue.ids[int(ctx.rows[position])])
        n, x = self.counts.get(activity, (0, 0))
        if n == 0:
            return ""
        if language == "en":
            return f"Of the {n} earlier clients offered this, {x} kept coming"
        return f"Van de {n} eerdere cliënten die dit kregen aangeboden, bleven er {x} komen"


@register_ranker("outcome")
class OutcomeRanker(Ranker):
    """A feature model plus empirical-Bayes per-activity effects from recorded outcomes.

    Parameters
    ----------
    base : "logistic" or "boosted", default "logistic"
        The feature model (fitted on the same offers).
    kappa : float, optional
        Prior strength in offers; default: estimated from the data (``kappa_``).
    group_kappa : float, default 50.0
        Prior strength of the group effects (used only when groups are given to fit).
    base_params : dict, optional
        Parameters of the base model.
    cross_fit : int, default 5
        The expectation ``m`` of each offer comes from a base model fitted without that
        offer's client (this many folds by client; 1: in-sample). In-sample expectations of a
        flexible model already fit the activity's outcomes and would hide its effect.
    max_history : int, optional
        Use at most this many logged offers per activity for its effect (a random subset;
        for studying how the effect grows with history).
    random_state : int, default 0

    Fit it like the other learned rankers, on a pair table whose rows are logged offers
    (``fit(X, y, groups=None)``; X needs ``activity_id``), or with :meth:`fit_dataset` from a
    :class:`~wor_match.datasets.Dataset` or anything with ``to_dataset()`` (a
    :class:`~wor_match.Journal`).
    """

    name = "outcome"
    needs_fit = True
    method = (
        "exact: log-odds = base model's log-odds (its own decomposition) + the activity's "
        "shrunken history effect"
    )

    def __init__(
        self,
        base: str = "logistic",
        kappa: float | None = None,
        group_kappa: float = 50.0,
        base_params: dict[str, Any] | None = None,
        cross_fit: int = 5,
        max_history: int | None = None,
        random_state: int = 0,
    ) -> None:
        self.base = base
        self.kappa = kappa
        self.group_kappa = group_kappa
        self.base_params = base_params
        self.cross_fit = cross_fit
        self.max_history = max_history
        self.random_state = random_state

    @property
    def approximate(self) -> bool:  # type: ignore[override]
        return bool(getattr(getattr(self, "base_", None), "approximate", False))

    def _make_base(self) -> Any:
        if self.base not in ("logistic", "boosted"):
            raise ValueError(
                f"The 'base' parameter of OutcomeRanker must be 'logistic' or 'boosted'. "
                f"Got {self.base!r} instead."
            )
        return get_ranker(self.base, **(self.base_params or {}))

    def fit(
        self, X: pd.DataFrame, y: Any, sample_weight: Any = None, groups: Any = None
    ) -> OutcomeRanker:
        """Fit the base model on the feature columns of ``X`` and the per-activity effects on
        ``X["activity_id"]`` and ``y`` (1 = worked out). ``groups`` maps activity_id to a
        group (provider or theme) to shrink toward; default none."""
        if not hasattr(X, "columns") or "activity_id" not in X.columns:
            raise ValueError("OutcomeRanker.fit needs a pair table with an activity_id column")
        target = np.asarray(y)
        base = self._make_base().fit(X, target, sample_weight=sample_weight)
        expected = self._expected(X, target, base)
        positive = (target == base.classes_[1]).astype(np.float64)
        offers = pd.DataFrame(
            {"activity_id": X["activity_id"].astype(str).to_numpy(), "x": positive, "m": expected}
        )
        if self.max_history is not None:
            rng = np.random.default_rng(self.random_state)
            offers = offers.iloc[rng.permutation(len(offers))]
            offers = offers[offers.groupby("activity_id").cumcount() < self.max_history]
        frame = offers.groupby("activity_id", sort=True).agg(
            n=("x", "size"), x=("x", "sum"), m=("m", "mean")
        )
        n = frame["n"].to_numpy(dtype=np.float64)
        x = frame["x"].to_numpy(dtype=np.float64)
        m = frame["m"].to_numpy(dtype=np.float64)
        kappa = float(self.kappa) if self.kappa is not None else estimate_kappa(n, x, m)
        prior = m
        if groups is not None:
            labels = frame.index.map(lambda a: groups.get(a, "")).to_numpy(dtype=object)
            pooled = pd.DataFrame({"g": labels, "n": n, "x": x, "e": m * n}).groupby("g").sum()
            group_rate = (self.group_kappa * (pooled["e"] / pooled["n"]) + pooled["x"]) / (
                self.group_kappa + pooled["n"]
            )
            shift = _logit(group_rate) - _logit(pooled["e"] / pooled["n"])
            shift[shift.index == ""] = 0.0
            prior = _sigmoid(_logit(m) + shift.reindex(labels).to_numpy(dtype=np.float64))
        effects = shrunken_effects(n, x, m, kappa, prior)
        self.base_ = base
        self.classes_ = base.classes_
        self.kappa_ = kappa
        self.effects_ = dict(zip(frame.index.astype(str), effects.tolist(), strict=True))
        self.counts_ = {str(a): (int(c), int(s)) for a, c, s in zip(frame.index, n, x, strict=True)}
        return self

    def _expected(self, X: pd.DataFrame, target: Any, base: Any) -> FloatArray:
        """Each offer's probability under a base model that did not see its client."""
        folds = int(self.cross_fit)
        if folds <= 1 or "client_id" not in X.columns:
            return np.asarray(_sigmoid(base.score_table(X)), dtype=np.float64)
        clients = X["client_id"].astype(str).to_numpy()
        unique = np.unique(clients)
        rng = np.random.default_rng(self.random_state)
        fold_of = dict(zip(unique, rng.permutation(len(unique)) % folds, strict=True))
        fold = np.array([fold_of[c] for c in clients])
        expected = np.empty(len(X), dtype=np.float64)
        for k in range(folds):
            held = fold == k
            if not held.any():
                continue
            train = ~held
            if len(np.unique(target[train])) < 2:
                expected[held] = _sigmoid(base.score_table(X[held]))
                continue
            model = self._make_base().fit(X[train], target[train])
            expected[held] = _sigmoid(model.score_table(X[held]))
        return expected

    def fit_dataset(
        self,
        data: Any,
        *,
        catalogue: Any = None,
        outcome_event: str = "continued",
        today: Any = None,
    ) -> OutcomeRanker:
        """Fit on every logged offer of a Dataset, or of a Journal (``data.to_dataset(
        catalogue)``); an offer worked out when its client has ``outcome_event`` for that
        activity (default "continued": still taking part after three months). Groups are
        the activities' providers where given."""
        from wor_match.features.pairs import pair_table

        dataset = data.to_dataset(catalogue) if hasattr(data, "to_dataset") else data
        catalogue = dataset.catalogue
        events = dataset.interactions
        offers = events.loc[events["event"] == "offered", ["client_id", "activity_id"]]
        offers = offers.drop_duplicates()
        if offers.empty:
            raise ValueError("the dataset has no logged offers to learn from")
        profiles = dataset.profile_by_id
        rows = {
            str(c): np.sort([catalogue.row_of(a) for a in g["activity_id"]])
            for c, g in offers.groupby("client_id")
        }
        table = pair_table([profiles[c] for c in rows], catalogue, today=today,
                           rows_by_client=rows)  # fmt: skip
        worked = events.loc[events["event"] == outcome_event, ["client_id", "activity_id"]]
        keys = set(zip(worked["client_id"].astype(str), worked["activity_id"].astype(str),
                       strict=True))  # fmt: skip
        y = np.array(
            [(c, a) in keys for c, a in zip(table["client_id"], table["activity_id"], strict=True)],
            dtype=int,
        )
        providers = {a.activity_id: a.provider for a in catalogue if a.provider}
        return self.fit(table, y, groups=providers or None)

    def state_to_json(self) -> dict[str, Any]:
        """The learned state for :mod:`wor_match.rankers.persistence` (JSON, no pickle)."""
        if not hasattr(self, "effects_"):
            return {}
        from wor_match.rankers.persistence import ranker_to_dict

        return {
            "base": ranker_to_dict(self.base_),
            "kappa": self.kappa_,
            "effects": self.effects_,
            "counts": {a: list(c) for a, c in self.counts_.items()},
        }

    def state_from_json(self, state: Mapping[str, Any]) -> None:
        from wor_match.rankers.persistence import ranker_from_dict

        self.base_ = ranker_from_dict(dict(state["base"]))
        self.classes_ = getattr(self.base_, "classes_", np.array([0, 1]))
        self.kappa_ = float(state["kappa"])
        self.effects_ = {str(a): float(v) for a, v in state["effects"].items()}
        self.counts_ = {str(a): (int(c[0]), int(c[1])) for a, c in state["counts"].items()}

    def _check_fitted(self) -> None:
        if not hasattr(self, "effects_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError(
                "This OutcomeRanker instance is not fitted yet. Call 'fit' or 'fit_dataset' first."
            )

    def _effects_for(self, ids: Any) -> FloatArray:
        series = pd.Series(self.effects_, dtype=np.float64)
        index = series.index.get_indexer(pd.Index(np.asarray(ids).astype(str)))
        values = series.to_numpy()
        return np.where(index >= 0, values[np.maximum(index, 0)], 0.0).astype(np.float64)

    def explain_scores(self, features: FeatureMatrix, ctx: MatchContext) -> Scores:
        self._check_fitted()
        inner = self.base_.explain_scores(features, ctx)
        ids = ctx.catalogue.ids[ctx.rows]
        effect = self._effects_for(ids)
        history = HistoryFeature(self.counts_)
        counts = history.compute(ctx)
        return Scores(
            inner.baseline,
            (*inner.names, "history"),
            np.column_stack([inner.values, counts]),
            np.column_stack([inner.points, effect]),
            (*inner.features, history),
        )

    def score_totals(self, features: FeatureMatrix, ctx: MatchContext) -> FloatArray:
        self._check_fitted()
        total = self.base_.score_totals(features, ctx)
        return np.asarray(total + self._effects_for(ctx.catalogue.ids[ctx.rows]), dtype=np.float64)

    def score_table(self, table: pd.DataFrame) -> FloatArray:
        self._check_fitted()
        return np.asarray(
            self.base_.score_table(table) + self._effects_for(table["activity_id"]),
            dtype=np.float64,
        )
