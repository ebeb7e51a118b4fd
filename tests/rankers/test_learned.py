"""Learned rankers: exact / approximate explanations, JSON persistence, sklearn conventions."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.utils.estimator_checks import check_estimator

import wor_match as wm
from tests.conftest import TODAY, make_catalogue, north_of_home
from tests.rankers._fitted import fitted, training_table
from wor_match.features import FEATURE_NAMES
from wor_match.rankers import (
    BoostedRanker,
    LogisticRanker,
    WeightedRanker,
    load_ranker,
    save_ranker,
)
from wor_match.rankers.persistence import ranker_from_dict, ranker_to_dict

PROFILE = {
    "client_id": "c",
    "home": {"lat": 52.0, "lon": 4.0},
    "interests": ["tuin"],
    "energy_drains": ["drukte"],
}


def catalogue() -> wm.Catalogue:
    return make_catalogue(
        [
            {
                "activity_id": "a",
                "name": "Moestuin",
                "social_setting": "small_group",
                **north_of_home(0.3),
            },
            {
                "activity_id": "b",
                "name": "Markt",
                "social_setting": "large_group",
                **north_of_home(0.5),
            },
            {"activity_id": "c", "name": "Online tuin", "delivery": "online"},
            {"activity_id": "d", "name": "Wandelen", "delivery": "at_home", "kind": "buddy"},
        ]
    )


def test_logistic_matches_sklearn_and_explains_exactly() -> None:
    X, y = training_table()
    ranker = LogisticRanker(C=0.5).fit(X, y)
    reference = LogisticRegression(C=0.5, max_iter=1000).fit(X.to_numpy(), y)
    np.testing.assert_allclose(
        ranker.decision_function(X), reference.decision_function(X.to_numpy())
    )
    recs = wm.recommend(PROFILE, catalogue(), ranker=ranker, today=TODAY)
    for r in recs:
        values = np.array([c.value for c in r.explanation.contributions])
        assert r.explanation.baseline == ranker.intercept_
        assert r.score == pytest.approx(float(values @ ranker.coef_ + ranker.intercept_), abs=1e-9)
        assert not r.explanation.approximate


def test_boosted_trees_evaluate_like_sklearn() -> None:
    X, y = training_table()
    ranker = BoostedRanker(max_iter=30, random_state=3).fit(X, y)
    reference = HistGradientBoostingClassifier(
        max_iter=30, learning_rate=0.1, max_leaf_nodes=15, random_state=3, early_stopping=False
    ).fit(X.to_numpy(), y)
    np.testing.assert_allclose(
        ranker.decision_function(X),
        reference.decision_function(X.to_numpy()),
        rtol=1e-12,
        atol=1e-12,
    )
    np.testing.assert_allclose(
        ranker.predict_proba(X), reference.predict_proba(X.to_numpy()), atol=1e-12
    )


def test_boosted_explanation_is_marked_approximate_and_sums() -> None:
    ranker = fitted("boosted")
    # the shortlist off: every feasible offer, in score order (the ranker is tested here)
    recs = wm.recommend(
        PROFILE, catalogue(), ranker=ranker, today=TODAY, relevance_first=False, diversity=False
    )
    assert len(recs) == 4
    for r in recs:
        assert r.explanation.approximate
        assert "approximate" in r.explanation.method
        assert r.explanation.contributions[-1].feature == "interactions"
        total = r.explanation.baseline + sum(c.points for c in r.explanation.contributions)
        assert math.isclose(total, r.score, abs_tol=1e-9)


@pytest.mark.parametrize("name", ["logistic", "boosted", "weighted"])
def test_json_round_trip(name: str, tmp_path: Path) -> None:
    X, y = training_table()
    ranker = fitted(name) if name != "weighted" else WeightedRanker().fit(X, y)
    path = save_ranker(ranker, tmp_path / "ranker.json")
    data = json.loads(path.read_text())
    assert data["format"] == "wor_match.ranker"
    assert set(data["versions"]) == {"wor_match", "numpy", "scikit-learn"}
    loaded = load_ranker(path)
    assert type(loaded) is type(ranker)
    before = wm.recommend(PROFILE, catalogue(), ranker=ranker, today=TODAY).to_records()
    after = wm.recommend(PROFILE, catalogue(), ranker=loaded, today=TODAY).to_records()
    assert before == after


def test_no_pickle_in_saved_files(tmp_path: Path) -> None:
    text = save_ranker(fitted("boosted"), tmp_path / "b.json").read_text()
    json.loads(text)  # plain JSON, nothing else
    assert "pickle" not in text.lower()


def test_loading_rejects_other_files_and_features() -> None:
    data = ranker_to_dict(fitted("logistic"))
    with pytest.raises(ValueError, match="not a wor_match ranker file"):
        ranker_from_dict({**data, "format": "other"})
    with pytest.raises(ValueError, match="saved with other features"):
        ranker_from_dict({**data, "features": ["interest"]})


@pytest.mark.parametrize("name", ["logistic", "boosted"])
def test_unfitted_learned_ranker_cannot_rank(name: str) -> None:
    with pytest.raises(
        wm.NotFittedError, match=f"the '{name}' ranker is not fitted yet: fit it on a pair table"
    ) as info:
        wm.recommend(PROFILE, catalogue(), ranker=name)
    assert (info.value.code, info.value.field) == ("ranker_not_fitted", "ranker")


def test_fitted_on_other_columns_cannot_rank() -> None:
    X, y = training_table()
    narrow = LogisticRanker().fit(X.iloc[:, :3].to_numpy(), y)
    with pytest.raises(ValueError, match=r"fitted on 3 columns; ranking needs the 13 features"):
        wm.recommend(PROFILE, catalogue(), ranker=narrow)


def test_weighted_fit_learns_signs() -> None:
    X, y = training_table(2000, seed=1)
    weights = WeightedRanker().fit(X, y).weights_
    # the outcome was generated from +3 interest, +1.5 travel, -2 energy_drain
    assert weights["interest"] > 1.5
    assert weights["travel"] > 0.5
    assert weights["energy_drain"] < -1.0
    assert set(weights) == set(FEATURE_NAMES)


def test_clone_and_params() -> None:
    ranker = BoostedRanker(max_iter=7)
    assert clone(ranker).get_params()["max_iter"] == 7
    assert ranker.set_params(learning_rate=0.3).learning_rate == 0.3


@pytest.mark.parametrize(
    "estimator", [LogisticRanker(), BoostedRanker(max_iter=10)], ids=["logistic", "boosted"]
)
def test_sklearn_estimator_checks(estimator: object) -> None:
    # Every applicable check passes. Rankers model binary outcomes (tag multi_class=False),
    # so scikit-learn runs its binary variants and checks the multiclass error message.
    check_estimator(estimator, on_skip=None)
