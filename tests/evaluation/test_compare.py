"""compare(): the research workflow end to end on a small synthetic dataset."""

from __future__ import annotations

import pytest

from wor_match.datasets import make_synthetic
from wor_match.evaluation import ClientSplit, TemporalSplit, compare, group_kfold
from wor_match.rankers import WeightedRanker


@pytest.fixture(scope="module")
def dataset() -> object:
    return make_synthetic(250, 400, seed=5)


@pytest.fixture(scope="module")
def report(dataset: object) -> object:
    return compare(["random", "nearest", "weighted", "logistic"], dataset, k=5)  # type: ignore[arg-type]


def test_summary_shape_and_order(report: object) -> None:
    summary = report.summary  # type: ignore[attr-defined]
    assert summary["ranker"].tolist() == ["random", "nearest", "weighted", "logistic", "oracle"]
    means = summary.set_index("ranker")["ndcg_mean"]
    # the oracle knows the true probabilities: nothing beats it on average by much
    assert means["oracle"] >= means.drop("oracle").max() - 0.02
    # the feature-based rankers beat chance
    assert means["weighted"] > means["random"]
    assert means["logistic"] > means["random"]
    assert (summary["ndcg_ci_low"] <= summary["ndcg_mean"]).all()


def test_per_client_and_significance(report: object) -> None:
    per_client = report.per_client  # type: ignore[attr-defined]
    n_test = report.record["n_test_clients"]  # type: ignore[attr-defined]
    assert len(per_client) == 5 * n_test
    tests = report.significance  # type: ignore[attr-defined]
    assert set(tests["ranker"]) == {"random", "weighted", "logistic", "oracle"}
    assert tests["p_value"].between(0, 1).all()


def test_record_and_markdown(report: object) -> None:
    record = report.record  # type: ignore[attr-defined]
    assert record["tie_policy"].startswith("score descending")
    assert {"numpy", "scikit-learn", "wor_match"} <= set(record["versions"])
    text = report.to_markdown()  # type: ignore[attr-defined]
    assert "| ranker | ndcg_mean |" in text
    assert "Paired Wilcoxon signed-rank tests against nearest" in text


def test_group_gaps_and_exposure(report: object) -> None:
    gaps = report.group_gaps  # type: ignore[attr-defined]
    assert set(gaps["grouping"]) == {"mobility", "age_band", "loneliness_band"}
    shares = report.exposure  # type: ignore[attr-defined]
    assert shares.groupby("ranker")["share"].sum().le(1 + 1e-9).all()


def test_weighted_is_not_refitted(dataset: object) -> None:
    # rankers that do not need fitting are used as given
    fixed = compare(
        {"mine": WeightedRanker(weights={"interest": 0.0})},
        dataset,
        k=5,  # type: ignore[arg-type]
        baseline="mine",
        oracle=False,
    )
    assert fixed.record["rankers"]["mine"] == "WeightedRanker(weights={'interest': 0.0})"


def test_errors(dataset: object) -> None:
    with pytest.raises(ValueError, match=r"unknown metrics \['auc'\]"):
        compare(["random"], dataset, metrics=["auc"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"'test_size' parameter of ClientSplit"):
        ClientSplit(test_size=1.5)


def test_splitters(dataset: object) -> None:
    ids = [p.client_id for p in dataset.profiles]  # type: ignore[attr-defined]
    train, test = ClientSplit(test_size=0.2, seed=1).split(ids)
    assert not set(train) & set(test)
    assert len(test) == 50
    assert ClientSplit(test_size=0.2, seed=1).split(ids) == (train, test)
    before, after = TemporalSplit("2025-09-01").split(dataset.interactions)  # type: ignore[attr-defined]
    assert len(before) + len(after) == len(dataset.interactions)  # type: ignore[attr-defined]
    folds = list(group_kfold(["a", "a", "b", "c", "c", "d"], n_splits=2))
    for train_rows, test_rows in folds:
        groups_train = {["a", "a", "b", "c", "c", "d"][i] for i in train_rows}
        groups_test = {["a", "a", "b", "c", "c", "d"][i] for i in test_rows}
        assert not groups_train & groups_test
