"""The outcome ranker: empirical-Bayes effects computed by hand, cold start unchanged, exact
explanations with a true reason, JSON round trip, fitting from a dataset and a journal."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wor_match as wm
from tests.rankers._fitted import training_table
from wor_match.rankers import get_ranker
from wor_match.rankers.outcome import OutcomeRanker, estimate_kappa, shrunken_effects
from wor_match.rankers.persistence import load_ranker, save_ranker

TODAY = dt.date(2026, 11, 22)


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_shrinkage_by_hand() -> None:
    n = np.array([0.0, 2.0, 60.0])
    x = np.array([0.0, 2.0, 40.0])
    m = np.array([0.3, 0.3, 0.3])
    effects = shrunken_effects(n, x, m, kappa=10.0)
    # (10 * 0.3 + 2) / 12 = 0.41667; (10 * 0.3 + 40) / 70 = 0.61429
    assert effects[0] == 0.0  # no history, no effect
    assert effects[1] == pytest.approx(logit(5 / 12) - logit(0.3))
    assert effects[2] == pytest.approx(logit(43 / 70) - logit(0.3))
    assert effects[1] < effects[2]  # two of two does not beat 40 of 60
    # a group prior moves the anchor, not the reference: (10 * 0.5 + 2) / 12
    grouped = shrunken_effects(n, x, m, kappa=10.0, prior=np.array([0.5, 0.5, 0.5]))
    assert grouped[1] == pytest.approx(logit(7 / 12) - logit(0.3))


def test_kappa_by_moments() -> None:
    # ten activities, 20 offers each, expected 0.5; rates 0.3 and 0.7 alternate
    n = np.full(10, 20.0)
    m = np.full(10, 0.5)
    x = np.array([6.0, 14.0] * 5)
    # spread = 0.04 - 0.25 / 20 = 0.0275 -> kappa = 0.25 / 0.0275 - 1
    assert estimate_kappa(n, x, m) == pytest.approx(0.25 / 0.0275 - 1)
    assert estimate_kappa(n, n * m, m) == 1000.0  # no spread beyond noise: trust the model
    assert estimate_kappa(n[:3], x[:3], m[:3]) == 20.0  # too few activities: a default


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 200), share=st.floats(0, 1), m=st.floats(0.02, 0.98),
    kappa=st.floats(1, 500),
)  # fmt: skip
def test_effect_lies_between_the_model_and_the_observed_rate(
    n: int, share: float, m: float, kappa: float
) -> None:
    x = round(share * n)
    effect = shrunken_effects(np.array([n * 1.0]), np.array([x * 1.0]), np.array([m]), kappa)[0]
    observed = min(max(x / n, 1e-6), 1 - 1e-6)
    low, high = sorted([0.0, logit(observed) - logit(m)])
    assert low - 1e-9 <= effect <= high + 1e-9


def history_table() -> tuple[pd.DataFrame, np.ndarray]:
    X, y = training_table()
    X = X.assign(activity_id=["good" if i % 4 == 0 else "bad" if i % 4 == 1 else f"o{i}"
                              for i in range(len(X))])  # fmt: skip
    y = y.copy()
    y[X["activity_id"].to_numpy() == "good"] = 1
    y[X["activity_id"].to_numpy() == "bad"] = 0
    return X, y


def test_fit_learns_effects_and_counts() -> None:
    X, y = history_table()
    ranker = OutcomeRanker(kappa=10.0).fit(X, y)
    assert ranker.counts_["good"] == (100, 100)
    assert ranker.counts_["bad"] == (100, 0)
    assert ranker.effects_["good"] > 1.0 > 0 > -1.0 > ranker.effects_["bad"]
    plain = get_ranker("logistic").fit(X, y)
    # the base model is the logistic ranker fitted on the same rows
    np.testing.assert_allclose(ranker.base_.coef_, plain.coef_)
    # unseen activities score exactly as the base model
    unseen = X.assign(activity_id="never-offered")
    np.testing.assert_array_equal(ranker.score_table(unseen), plain.score_table(unseen))
    seen = ranker.score_table(X)
    np.testing.assert_allclose(
        seen - plain.score_table(X), X["activity_id"].map(ranker.effects_).to_numpy()
    )


def test_max_history_caps_the_offers_used() -> None:
    X, y = history_table()
    ranker = OutcomeRanker(kappa=10.0, max_history=5).fit(X, y)
    assert ranker.counts_["good"] == (5, 5)
    assert ranker.counts_["bad"] == (5, 0)


def test_groups_shrink_toward_the_group() -> None:
    X, y = history_table()
    # "good" alone in its group: its group effect is large too; "o*" rows share a group
    alone = OutcomeRanker(kappa=10.0).fit(X, y)
    grouped = OutcomeRanker(kappa=10.0).fit(X, y, groups={"good": "g1", "bad": "g2"})
    assert grouped.effects_["good"] > alone.effects_["good"]
    assert grouped.effects_["bad"] < alone.effects_["bad"]


def test_errors() -> None:
    X, y = history_table()
    with pytest.raises(ValueError, match="needs a pair table with an activity_id column"):
        OutcomeRanker().fit(X.drop(columns="activity_id"), y)
    with pytest.raises(ValueError, match="The 'base' parameter of OutcomeRanker must be"):
        OutcomeRanker(base="weighted").fit(X, y)
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError, match="This OutcomeRanker instance is not fitted yet"):
        OutcomeRanker().score_table(X)


@pytest.fixture(scope="module")
def fitted_on_demo() -> tuple[OutcomeRanker, wm.Recommendations]:
    profile = {"client_id": "anna-001", "home": {"postcode": "2181"}, "interests": ["tuinieren"]}
    plain = wm.recommend(profile, k=5, ranker="weighted", today=TODAY)
    from wor_match.features.pairs import pair_table

    catalogue = wm.load_demo_catalogue()
    table = pair_table([profile], catalogue, today=TODAY)
    rng = np.random.default_rng(0)
    table = pd.concat([table] * 20, ignore_index=True)
    favourite = plain[2].activity_id
    y = (rng.random(len(table)) < 0.2).astype(int)
    y[table["activity_id"].to_numpy() == favourite] = 1
    ranker = OutcomeRanker().fit(table, y)
    return ranker, plain


def test_recommend_explains_exactly_with_a_true_reason(
    fitted_on_demo: tuple[OutcomeRanker, wm.Recommendations],
) -> None:
    ranker, plain = fitted_on_demo
    favourite = plain[2].activity_id
    profile = {"client_id": "anna-001", "home": {"postcode": "2181"}, "interests": ["tuinieren"]}
    recs = wm.recommend(profile, k=5, ranker=ranker, today=TODAY)
    assert recs[0].activity_id == favourite
    top = recs[0]
    assert top.explanation.baseline + sum(c.points for c in top.explanation.contributions) == (
        pytest.approx(top.score, abs=1e-9)
    )
    history = next(c for c in top.explanation.contributions if c.feature == "history")
    n, x = ranker.counts_[favourite]
    assert (n, x) == (20, 20)
    assert history.value == n
    assert history.points == pytest.approx(ranker.effects_[favourite])
    assert f"Van de {n} eerdere cliënten die dit kregen aangeboden, bleven er {x} komen" in (
        top.reasons
    )
    english = wm.recommend(profile, k=5, ranker=ranker, today=TODAY, language="en")
    assert f"Of the {n} earlier clients offered this, {x} kept coming" in english[0].reasons


def test_json_round_trip(
    fitted_on_demo: tuple[OutcomeRanker, wm.Recommendations], tmp_path: Path
) -> None:
    ranker, _ = fitted_on_demo
    loaded = load_ranker(save_ranker(ranker, tmp_path / "outcome.json"))
    assert isinstance(loaded, OutcomeRanker)
    assert loaded.effects_ == ranker.effects_
    assert loaded.counts_ == ranker.counts_
    profile = {"client_id": "c", "home": {"postcode": "2181"}}
    one = wm.recommend(profile, k=8, ranker=ranker, today=TODAY)
    two = wm.recommend(profile, k=8, ranker=loaded, today=TODAY)
    assert [(r.activity_id, r.score) for r in one] == [(r.activity_id, r.score) for r in two]
    assert "pickle" not in (tmp_path / "outcome.json").read_text()


def test_fit_from_a_dataset_and_from_a_journal() -> None:
    from wor_match.datasets import make_synthetic
    from wor_match.journal.demo import journal_from_dataset

    dataset = make_synthetic(60, 40, seed=3)
    from_dataset = OutcomeRanker(kappa=10.0).fit_dataset(dataset, today=TODAY)
    with wm.Journal("sqlite://") as journal:
        journal_from_dataset(journal, dataset)
        from_journal = OutcomeRanker(kappa=10.0).fit_dataset(
            journal, catalogue=dataset.catalogue, today=TODAY
        )
    assert from_journal.counts_ == from_dataset.counts_
    assert from_journal.effects_ == pytest.approx(from_dataset.effects_)
