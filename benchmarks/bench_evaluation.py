"""Evaluation speed: wor_match's nDCG@10 on 10,000 clients beside sklearn's ndcg_score.

    .venv/bin/python benchmarks/bench_evaluation.py

Each client has 20 candidates with random grades 0-3 and random scores (no ties). Both
compute nDCG@10 on the same lists; medians of 5 runs. sklearn works on the dense
(clients x 20) matrices; wor_match on ragged per-client lists.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
from sklearn.metrics import ndcg_score

from wor_match.evaluation import mean, ndcg_at_k, rank_from_scores


def main() -> None:
    rng = np.random.default_rng(0)
    n_clients, n_items = 10_000, 20
    grades = rng.integers(0, 4, size=(n_clients, n_items)).astype(float)
    scores = rng.random((n_clients, n_items))
    ids = [f"a{j}" for j in range(n_items)]
    truth = [dict(zip(ids, row, strict=True)) for row in grades]

    def ours() -> float:
        ranked = [rank_from_scores(ids, row) for row in scores]
        return mean(ndcg_at_k(ranked, truth, k=10))

    def theirs() -> float:
        return float(ndcg_score(grades, scores, k=10))

    results = {}
    for name, function in (("wor_match ndcg_at_k", ours), ("sklearn ndcg_score", theirs)):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            value = function()
            times.append(time.perf_counter() - start)
        results[name] = (statistics.median(times), value)
    for name, (seconds, value) in results.items():
        print(f"{name:<22} median {seconds * 1e3:8.1f} ms   mean nDCG@10 {value:.6f}")
    ratio = results["wor_match ndcg_at_k"][0] / results["sklearn ndcg_score"][0]
    print(f"ratio wor_match / sklearn: {ratio:.1f}x (10,000 clients x 20 candidates)")


if __name__ == "__main__":
    main()
