"""How much the ``outcome`` ranker gains with history: nDCG@10 on held-out synthetic clients
against the number of logged offers per activity its effects may use (docs/evaluation.md).

    python scripts/outcome_curve.py --clients 3000 --activities 300 --seed 11
    python scripts/outcome_curve.py --clients 5000 --activities 4000 --seed 11 --limits none

The base (logistic) model is fitted on every training offer; ``max_history`` caps the offers
per activity that the history effect is computed from. One compare() call scores every
variant on the same held-out clients, next to the oracle.
"""

from __future__ import annotations

import argparse

import wor_match as wm
from wor_match.datasets import make_synthetic
from wor_match.evaluation import compare
from wor_match.rankers.outcome import OutcomeRanker


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=3000)
    parser.add_argument("--activities", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--limits", default="1,5,10,30,100,none")
    args = parser.parse_args()
    dataset = make_synthetic(args.clients, args.activities, seed=args.seed)
    offers = dataset.interactions[dataset.interactions["event"] == "offered"]
    per_activity = offers.groupby("activity_id").size()
    rankers: dict[str, wm.Ranker] = {"logistic": wm.get_ranker("logistic")}
    for limit in args.limits.split(","):
        cap = None if limit == "none" else int(limit)
        rankers[f"outcome (history <= {limit})"] = OutcomeRanker(max_history=cap)
    report = compare(rankers, dataset, k=10, baseline="logistic")
    summary = report.summary.set_index("ranker")
    oracle = summary.loc["oracle", "ndcg_mean"]
    print(f"{args.clients} clients, {args.activities} activities, seed {args.seed}; logged "
          f"offers per activity: median {per_activity.median():.0f} (all clients); "
          f"held-out clients {report.record['n_test_clients']}")  # fmt: skip
    print("| ranker | nDCG@10 (95% CI) | share of oracle |")
    print("|---|---|---|")
    for name, row in summary.iterrows():
        print(f"| {name} | {row['ndcg_mean']:.3f} ({row['ndcg_ci_low']:.3f}-"
              f"{row['ndcg_ci_high']:.3f}) | {100 * row['ndcg_mean'] / oracle:.1f}% |")  # fmt: skip
    print()
    print(report.significance.to_string(index=False))


if __name__ == "__main__":
    main()
