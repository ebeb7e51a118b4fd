"""Metrics: hand-computed values, sklearn cross-checks, properties and error messages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import ndcg_score

from wor_match.evaluation import (
    catalogue_coverage,
    exposure_share,
    group_gaps,
    hit_at_k,
    intra_list_diversity,
    map_at_k,
    mean,
    mrr,
    ndcg_at_k,
    novelty,
    precision_at_k,
    rank_from_scores,
    recall_at_k,
    relevance_from_events,
)

L2, L3, L4 = math.log2(2), math.log2(3), math.log2(4)


def test_ndcg_hand_computed() -> None:
    # list a, b, c with grades a=0, b=3, c=1:
    # DCG = 0/log2 2 + 3/log2 3 + 1/log2 4 = 1.892789 + 0.5
    # ideal b, c: 3/log2 2 + 1/log2 3 = 3 + 0.630930
    expected = (3 / L3 + 1 / L4) / (3 / L2 + 1 / L3)
    assert ndcg_at_k([["a", "b", "c"]], [{"a": 0, "b": 3, "c": 1}], k=3)[0] == pytest.approx(
        expected
    )
    # k = 1: DCG 0; ideal 3
    assert ndcg_at_k([["a", "b", "c"]], [{"b": 3, "c": 1}], k=1)[0] == 0.0
    # a relevant item that was never listed still counts in the ideal
    assert ndcg_at_k([["a"]], [{"a": 1, "z": 1}], k=2)[0] == pytest.approx(1 / (1 + 1 / L3))


def test_binary_metrics_hand_computed() -> None:
    ranked = [["a", "b", "c", "d"]]
    truth = [{"b": 2, "d": 3, "e": 2, "a": 1}]  # relevant at threshold 2: b, d, e
    assert precision_at_k(ranked, truth, k=4)[0] == 2 / 4
    assert recall_at_k(ranked, truth, k=2)[0] == 1 / 3
    assert hit_at_k(ranked, truth, k=1)[0] == 0.0
    assert hit_at_k(ranked, truth, k=2)[0] == 1.0
    assert mrr(ranked, truth)[0] == 1 / 2
    # AP@4: hits at ranks 2 and 4: (1/2 + 2/4) / min(4, 3) = 1/3
    assert map_at_k(ranked, truth, k=4)[0] == pytest.approx(1 / 3)
    # precision divides by k, not by the list length
    assert precision_at_k([["b"]], truth, k=10)[0] == 0.1


def test_empty_policy() -> None:
    ranked, truth = [["a"], ["a"]], [{"a": 3}, {}]
    values = ndcg_at_k(ranked, truth, k=5)
    assert values[0] == 1.0
    assert np.isnan(values[1])
    assert mean(values) == 1.0
    assert ndcg_at_k(ranked, truth, k=5, empty="zero").tolist() == [1.0, 0.0]
    assert recall_at_k([[]], [{"a": 3}], k=5).tolist() == [0.0]  # empty list, relevant truth


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: ndcg_at_k([["a"]], [{}], k=0),
         r"The 'k' parameter of ndcg_at_k must be an int in the range \[1, inf\)\. "
         r"Got 0 instead\."),
        (lambda: recall_at_k([["a"]], [{}], k=1.5),  # type: ignore[arg-type]
         r"The 'k' parameter of recall_at_k must be an int in the range \[1, inf\)\. "
         r"Got 1.5"),
        (lambda: ndcg_at_k([["a"]], [], k=1),
         "one truth mapping per ranked list; got 1 lists and 0"),
        (lambda: ndcg_at_k([["a"]], [{}], empty="drop"),  # type: ignore[arg-type]
         "'empty' parameter of ndcg_at_k must be 'skip' or 'zero'"),
    ],
)  # fmt: skip
def test_errors(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]


def _dense(
    scores: list[float], grades: list[float]
) -> tuple[list[list[str]], list[dict[str, float]]]:
    ids = [f"i{j}" for j in range(len(scores))]
    return [rank_from_scores(ids, scores)], [dict(zip(ids, grades, strict=True))]


@settings(max_examples=80, deadline=None)
@given(
    data=st.lists(
        st.tuples(st.floats(0, 1, allow_nan=False), st.integers(0, 3)), min_size=2, max_size=12,
        unique_by=lambda t: t[0],
    ),
    k=st.integers(1, 12),
)  # fmt: skip
def test_ndcg_equals_sklearn_without_ties(data: list[tuple[float, int]], k: int) -> None:
    scores = [s for s, _ in data]
    grades = [float(g) for _, g in data]
    if not any(grades):
        return  # sklearn gives 0 for all-zero truth; our 'skip' policy gives NaN (tested above)
    ranked, truth = _dense(scores, grades)
    ours = ndcg_at_k(ranked, truth, k=k)[0]
    assert ours == pytest.approx(ndcg_score([grades], [scores], k=k))


def test_ndcg_with_ties_differs_from_sklearn_as_documented() -> None:
    # scores tie between x (grade 3) and y (grade 0); z scores lower with grade 1.
    # ours breaks the tie by id: x before y: DCG = 3 + 0 + 1/2; ideal = 3 + 1/log2 3
    # sklearn averages the tied gains over positions 1-2: (3 + 0)/2 x (1 + 1/log2 3) + 1/2
    grades, scores = [3.0, 0.0, 1.0], [0.5, 0.5, 0.1]
    ids = ["x", "y", "z"]
    ours = ndcg_at_k([rank_from_scores(ids, scores)], [dict(zip(ids, grades, strict=True))], k=3)[0]
    ideal = 3 + 1 / L3
    assert ours == pytest.approx((3 + 0.5) / ideal)
    tied = 1.5 * (1 + 1 / L3) + 0.5
    assert ndcg_score([grades], [scores], k=3) == pytest.approx(tied / ideal)
    # a tie between equal grades changes nothing: both agree
    grades2, scores2 = [2.0, 2.0, 1.0], [0.5, 0.5, 0.1]
    ours2 = ndcg_at_k([rank_from_scores(ids, scores2)], [dict(zip(ids, grades2, strict=True))], k=3)
    assert ours2[0] == pytest.approx(ndcg_score([grades2], [scores2], k=3))


@settings(max_examples=60, deadline=None)
@given(
    lists=st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=6, unique=True),
                   min_size=1, max_size=6),
    truths=st.lists(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 3)),
                    min_size=6, max_size=6),
    k=st.integers(1, 8),
)  # fmt: skip
def test_properties(lists: list[list[str]], truths: list[dict[str, int]], k: int) -> None:
    truth = [dict(t) for t in truths[: len(lists)]]
    for metric in (ndcg_at_k, precision_at_k, recall_at_k, hit_at_k, map_at_k):
        values = metric(lists, truth, k=k)
        finite = values[~np.isnan(values)]
        assert ((finite >= 0) & (finite <= 1 + 1e-12)).all()
        # permuting clients permutes the results
        order = list(reversed(range(len(lists))))
        again = metric([lists[i] for i in order], [truth[i] for i in order], k=k)
        np.testing.assert_array_equal(again, values[order])
    # the ideal ordering scores 1
    for grades in truth:
        if any(g > 0 for g in grades.values()):
            ideal = sorted(grades, key=lambda item: (-grades[item], item))
            assert ndcg_at_k([ideal], [grades], k=k)[0] == pytest.approx(1.0)


def test_relevance_from_events_takes_best_grade() -> None:
    events = pd.DataFrame(
        {
            "client_id": ["c"] * 5 + ["d"],
            "activity_id": ["a", "a", "a", "a", "b", "a"],
            "event": ["offered", "accepted", "started", "dropped_out", "declined", "continued"],
        }
    )
    table = relevance_from_events(events)
    assert table.to_dict("records") == [
        {"client_id": "c", "activity_id": "a", "relevance": 2},
        {"client_id": "c", "activity_id": "b", "relevance": 0},
        {"client_id": "d", "activity_id": "a", "relevance": 3},
    ]
    with pytest.raises(ValueError, match=r"unknown events \['liked'\]"):
        relevance_from_events(events.assign(event="liked"))


def test_beyond_accuracy() -> None:
    ranked = [["a", "b"], ["a", "c"]]
    assert catalogue_coverage(ranked, ["a", "b", "c", "d"]) == 0.75
    themes = {"a": frozenset({"x"}), "b": frozenset({"x", "y"}), "c": frozenset({"z"})}
    # a-b: Jaccard 1/2 -> distance 0.5; a-c: distance 1
    assert intra_list_diversity(ranked, themes).tolist() == [0.5, 1.0]
    # p(a) = 1, p(b) = p(c) = 0.5: lists [0 + 1] / 2 = 0.5 each
    assert novelty(ranked, {"a": 1.0, "b": 0.5, "c": 0.5}).tolist() == [0.5, 0.5]
    share = exposure_share(ranked, {"a": "P", "b": "Q", "c": "Q"})
    # P: 1 + 1 = 2; Q: 1/log2 3 x 2 = 1.2619; total 3.2619
    assert share["P"] == pytest.approx(2 / (2 + 2 / L3))
    assert share.sum() == pytest.approx(1.0)
    gaps = group_gaps(pd.Series([1.0, 0.0, 0.5, np.nan]), pd.Series(["w", "w", "c", "c"]))
    assert gaps.set_index("group")["gap"].to_dict() == {"c": 0.0, "w": 0.0}
    assert gaps.set_index("group")["count"].to_dict() == {"c": 1, "w": 2}
