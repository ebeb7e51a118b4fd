"""The synthetic pool and the two-sided evaluation."""

from __future__ import annotations

import numpy as np
import pytest

from wor_match.people import People, synthetic_people
from wor_match.people.evaluation import METHODS, evaluate_people, gini


def test_gini_hand_computed() -> None:
    assert gini([2, 2, 2]) == 0.0
    # loads 0, 0, 1, 3: sum |xi - xj| over ordered pairs = 2 * (0 + 1 + 3 + 1 + 3 + 2) = 20;
    # / (2 n^2 mean) = 20 / (2 * 16 * 1) = 0.625
    assert gini([3, 0, 1, 0]) == pytest.approx(0.625)
    assert gini([]) == 0.0
    assert gini([0, 0]) == 0.0


def test_synthetic_pool_is_seeded_and_its_truth_reciprocal() -> None:
    first, again = synthetic_people(300, seed=9), synthetic_people(300, seed=9)
    assert first.records == again.records
    assert synthetic_people(300, seed=10).records != first.records
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 300, 2000), rng.integers(0, 300, 2000)
    clicks = first.would_click(a, b)
    assert (clicks == first.would_click(b, a)).all()
    assert not first.would_click(np.arange(300), np.arange(300)).any()
    # one-sided acceptance exists: the truth is not symmetric per side
    assert (first.accepts(a, b) != first.accepts(b, a)).any()
    assert len(People.from_records(first.records)) == 300


def test_evaluation_reports_every_method_in_range() -> None:
    truth = synthetic_people(1200, seed=5, places=3, jitter_km=1.0)
    frame = evaluate_people(truth, People.from_records(truth.records), k=5, queries=60)
    assert frame["method"].tolist() == list(METHODS)
    for column in ("precision_at_k", "recall_at_k", "matched_share", "plan_served_share",
                   "plan_click_share", "plan_load_gini"):  # fmt: skip
        assert frame[column].between(0, 1).all(), column
    # every method serves the same share: the plan maximises the number served first
    assert frame["plan_served_share"].nunique() == 1
    by = frame.set_index("method")
    assert by.loc["reciprocal", "precision_at_k"] > by.loc["random", "precision_at_k"]
