"""Learned rankers: scikit-learn models trained on the (client, activity) feature table.

Both are scikit-learn classifiers over the columns
:data:`~wor_match.features.FEATURE_NAMES` (``fit(X, y)`` with y = 1 when a pair worked
out), and rankers: the score of a pair is the model's log-odds.

- ``logistic``: L2-regularised logistic regression. Its explanation is exact in log-odds:
  baseline = intercept, points = coefficient x feature value.
- ``boosted``: histogram gradient boosting. Its explanation is approximate (flagged so):
  baseline = the model's log-odds at the reference point (the training means); each
  feature's points = the change in log-odds when that feature alone is set back to its
  reference; an ``interactions`` contribution holds the rest, so points still sum to the
  score exactly.

Trees are copied out of scikit-learn after fitting and evaluated here in numpy, so a ranker
loaded from JSON (:mod:`wor_match.rankers.persistence`) predicts exactly what it did when
fitted, with no pickle involved.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from wor_match.context import MatchContext
from wor_match.features import FEATURE_NAMES, FEATURES, FeatureMatrix
from wor_match.features.pairs import feature_array
from wor_match.rankers._base import Ranker, Scores
from wor_match.rankers._registry import register_ranker

__all__ = ["BoostedRanker", "LogisticRanker", "TreeEnsemble"]

FloatArray = npt.NDArray[np.float64]


def _sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def _features_only(X: Any) -> Any:
    """The feature columns of a pair table; anything else unchanged."""
    columns = getattr(X, "columns", None)
    if (
        columns is not None
        and set(FEATURE_NAMES) <= set(columns)
        and len(columns) > len(FEATURE_NAMES)
    ):
        return X[list(FEATURE_NAMES)]
    return X


class _LearnedRanker(ClassifierMixin, BaseEstimator, Ranker):  # type: ignore[misc]
    """Shared classifier plumbing; subclasses implement _fit and _log_odds."""

    needs_fit = True

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = False  # outcomes are binary: worked out or not
        return tags

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> _LearnedRanker:
        """Fit on a feature table ``X`` and binary outcomes ``y``. A pair table
        (:func:`~wor_match.features.pairs.pair_table`) may be passed whole: its feature
        columns are used."""
        X, y = validate_data(self, _features_only(X), y)
        check_classification_targets(y)
        self.classes_ = np.unique(y)
        if len(self.classes_) != 2:
            got = "one class" if len(self.classes_) == 1 else f"{len(self.classes_)} classes"
            raise ValueError(
                f"Only binary classification is supported: {type(self).__name__} needs outcomes "
                f"of exactly two classes (worked out or not); got {got}."
            )
        target = (y == self.classes_[1]).astype(np.int64)
        self._fit(np.asarray(X, dtype=np.float64), target, sample_weight)
        return self

    def _fit(self, X: FloatArray, y: npt.NDArray[np.int64], sample_weight: Any) -> None:
        raise NotImplementedError

    def _log_odds(self, X: FloatArray) -> FloatArray:
        raise NotImplementedError

    def decision_function(self, X: Any) -> FloatArray:
        """Log-odds that a pair works out."""
        check_is_fitted(self)
        X = validate_data(self, _features_only(X), reset=False)
        return self._log_odds(np.asarray(X, dtype=np.float64))

    def predict_proba(self, X: Any) -> FloatArray:
        p = _sigmoid(self.decision_function(X))
        return np.column_stack([1.0 - p, p])

    def predict(self, X: Any) -> npt.NDArray[Any]:
        positive = self.decision_function(X) > 0
        return np.asarray(self.classes_[positive.astype(int)])

    def score_table(self, table: Any) -> FloatArray:
        self._check_serving()
        # feature_array puts the columns in FEATURE_NAMES order, whatever the input
        return self._log_odds(feature_array(table))

    def _check_serving(self) -> None:
        check_is_fitted(self)
        if self.n_features_in_ != len(FEATURE_NAMES):
            raise ValueError(
                f"{type(self).__name__} was fitted on {self.n_features_in_} columns; ranking "
                f"needs the {len(FEATURE_NAMES)} features {list(FEATURE_NAMES)}."
            )


@register_ranker
class LogisticRanker(_LearnedRanker):
    """Logistic regression on the feature table; exact explanations in log-odds.

    Parameters
    ----------
    C : float, default 1.0
        Inverse L2 regularisation strength.
    class_weight : dict, "balanced" or None
    max_iter : int, default 1000
    """

    name = "logistic"
    method = "exact: log-odds = intercept + sum of coefficient x feature value"

    def __init__(self, C: float = 1.0, class_weight: Any = None, max_iter: int = 1000) -> None:
        self.C = C
        self.class_weight = class_weight
        self.max_iter = max_iter

    def _fit(self, X: FloatArray, y: npt.NDArray[np.int64], sample_weight: Any) -> None:
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=self.max_iter
        ).fit(X, y, sample_weight=sample_weight)
        self.n_iter_ = int(np.max(model.n_iter_))
        self.coef_ = model.coef_[0].astype(np.float64)
        self.intercept_ = float(model.intercept_[0])

    def _log_odds(self, X: FloatArray) -> FloatArray:
        return np.asarray(X @ self.coef_ + self.intercept_, dtype=np.float64)

    def explain_scores(self, features: FeatureMatrix, ctx: MatchContext) -> Scores:
        self._check_serving()
        points = features.values * self.coef_[None, :] + 0.0
        return Scores(self.intercept_, features.names, features.values, points, FEATURES)

    def score_totals(self, features: FeatureMatrix, ctx: MatchContext) -> FloatArray:
        # the same additions as Scores.total, without the (rows x features) points
        self._check_serving()
        total = np.full(len(features.values), float(self.intercept_), dtype=np.float64)
        for j, weight in enumerate(self.coef_.tolist()):
            total += features.values[:, j] * weight
        return total


class TreeEnsemble:
    """Additive trees in plain arrays: raw score = baseline + sum of leaf values.

    Each tree is a dict of equal-length node arrays: ``feature``, ``threshold``,
    ``missing_left``, ``left``, ``right``, ``is_leaf``, ``value`` (scikit-learn's rule: a
    value goes left when ``x <= threshold``, NaN goes left when ``missing_left``).
    """

    FIELDS = ("feature", "threshold", "missing_left", "left", "right", "is_leaf", "value")

    def __init__(self, baseline: float, trees: list[dict[str, np.ndarray]]) -> None:
        self.baseline = baseline
        self.trees = trees

    @classmethod
    def from_sklearn(cls, model: Any) -> TreeEnsemble:
        trees = []
        for (predictor,) in model._predictors:
            nodes = predictor.nodes
            trees.append(
                {
                    "feature": nodes["feature_idx"].astype(np.int64),
                    "threshold": nodes["num_threshold"].astype(np.float64),
                    "missing_left": nodes["missing_go_to_left"].astype(bool),
                    "left": nodes["left"].astype(np.int64),
                    "right": nodes["right"].astype(np.int64),
                    "is_leaf": nodes["is_leaf"].astype(bool),
                    "value": nodes["value"].astype(np.float64),
                }
            )
        return cls(float(np.ravel(model._baseline_prediction)[0]), trees)

    def to_json(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "trees": [{k: tree[k].tolist() for k in self.FIELDS} for tree in self.trees],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TreeEnsemble:
        dtypes: dict[str, Any] = {
            "feature": np.int64,
            "threshold": np.float64,
            "missing_left": bool,
            "left": np.int64,
            "right": np.int64,
            "is_leaf": bool,
            "value": np.float64,
        }
        trees = [
            {k: np.asarray(tree[k], dtype=dtypes[k]) for k in cls.FIELDS} for tree in data["trees"]
        ]
        return cls(float(data["baseline"]), trees)

    def raw(self, X: FloatArray) -> FloatArray:
        """Raw scores (log-odds for a binary classifier), vectorised over rows."""
        total = np.full(len(X), self.baseline, dtype=np.float64)
        rows = np.arange(len(X))
        for tree in self.trees:
            node = np.zeros(len(X), dtype=np.int64)
            active = ~tree["is_leaf"][node]
            while active.any():
                current = node[active]
                values = X[rows[active], tree["feature"][current]]
                go_left = np.where(
                    np.isnan(values),
                    tree["missing_left"][current],
                    values <= tree["threshold"][current],
                )
                node[active] = np.where(go_left, tree["left"][current], tree["right"][current])
                active = ~tree["is_leaf"][node]
            total += tree["value"][node]
        return total


@register_ranker
class BoostedRanker(_LearnedRanker):
    """Histogram gradient boosting on the feature table; approximate explanations.

    Parameters
    ----------
    max_iter : int, default 200
    learning_rate : float, default 0.1
    max_leaf_nodes : int, default 15
    l2_regularization : float, default 0.0
    random_state : int, default 0
    """

    name = "boosted"
    approximate = True
    method = (
        "approximate: baseline = log-odds at the training means; each feature's points = "
        "change in log-odds when it alone is set to its training mean; 'interactions' = the "
        "remainder, so points sum to the score"
    )

    def __init__(
        self,
        max_iter: int = 200,
        learning_rate: float = 0.1,
        max_leaf_nodes: int = 15,
        l2_regularization: float = 0.0,
        random_state: int = 0,
    ) -> None:
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.l2_regularization = l2_regularization
        self.random_state = random_state

    def _fit(self, X: FloatArray, y: npt.NDArray[np.int64], sample_weight: Any) -> None:
        from sklearn.ensemble import HistGradientBoostingClassifier

        model = HistGradientBoostingClassifier(
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=self.max_leaf_nodes,
            l2_regularization=self.l2_regularization,
            random_state=self.random_state,
            early_stopping=False,
        ).fit(X, y, sample_weight=sample_weight)
        self.n_iter_ = int(model.n_iter_)
        self.ensemble_ = TreeEnsemble.from_sklearn(model)
        self.reference_ = X.mean(axis=0)

    def _log_odds(self, X: FloatArray) -> FloatArray:
        return self.ensemble_.raw(X)

    def explain_scores(self, features: FeatureMatrix, ctx: MatchContext) -> Scores:
        self._check_serving()
        values = features.values
        score = self._log_odds(values)
        baseline = float(self._log_odds(self.reference_[None, :])[0])
        n, f = values.shape
        points = np.empty((n, f + 1), dtype=np.float64)
        for j in range(f):
            moved = values.copy()
            moved[:, j] = self.reference_[j]
            points[:, j] = score - self._log_odds(moved)
        points[:, f] = score - baseline - points[:, :f].sum(axis=1)
        names = (*features.names, "interactions")
        shown = np.column_stack([values, np.zeros(n)])
        return Scores(baseline, names, shown, points, (*FEATURES, None))
