"""Shortlists against a coach's judgements (``datasets/judgements/``), per half.

    .venv/bin/python benchmarks/bench_judgements.py            # the table, both halves
    .venv/bin/python benchmarks/bench_judgements.py --pool F   # append this version's top 10s

Metrics, per ranker and half, on the demo catalogue (``docs/evaluation.md`` has the tie
rules of nDCG; here the gain is 2 for good, 1 for acceptable, 0 for inappropriate or not
judged, and the ideal list is the client's best judged offers):

- precision@3: the share of the top 3 judged good, over clients with at least three good
  judged offers;
- inappropriate@5: the share of the top 5 judged inappropriate (and how many clients have
  any inappropriate offer in their top 5);
- nDCG@5.

The script runs with any version of wor_match on the path (the base commit of issue 14
has no ``situation``, ``gender`` or shortlist keywords: they are left out there), so the
same table can be made before and after.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import wor_match as wm

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datasets" / "judgements"
TODAY = dt.date(2026, 11, 22)
GAIN = {"good": 2, "acceptable": 1, "inappropriate": 0}
RANKERS = ("weighted", "nearest")


def _profiles() -> list[dict[str, Any]]:
    fields = set(wm.ClientProfile.model_fields)
    profiles = []
    for line in (DATA / "profiles.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        profiles.append({key: value for key, value in data.items() if key in fields})
    return profiles


def _top(profile: dict[str, Any], ranker: str, k: int) -> list[str]:
    return [r.activity_id for r in wm.recommend(profile, k=k, ranker=ranker, today=TODAY)]


def _dcg(gains: list[int]) -> float:
    return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains))


def evaluate() -> list[dict[str, Any]]:
    with (DATA / "clients.csv").open(encoding="utf-8") as handle:
        half = {r["client_id"]: r["half"] for r in csv.DictReader(handle)}
    judged: dict[str, dict[str, str]] = {}
    with (DATA / "judgements.csv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            judged.setdefault(r["client_id"], {})[r["activity_id"]] = r["judgement"]
    rows = []
    for ranker in RANKERS:
        for which in ("tuning", "held_out"):
            p3, bad5, ndcg, with_bad, unjudged, clients = [], [], [], 0, 0, 0
            for profile in _profiles():
                client = profile["client_id"]
                if half[client] != which:
                    continue
                clients += 1
                marks = judged.get(client, {})
                top = _top(profile, ranker, 5)
                labels = [marks.get(a) for a in top]
                unjudged += sum(label is None for label in labels)
                if sum(v == "good" for v in marks.values()) >= 3:
                    p3.append(sum(label == "good" for label in labels[:3]) / 3)
                bad = sum(label == "inappropriate" for label in labels)
                bad5.append(bad / 5)
                with_bad += bad > 0
                ideal = sorted((GAIN[v] for v in marks.values()), reverse=True)[:5]
                gains = [GAIN[label] if label else 0 for label in labels]
                ndcg.append(_dcg(gains) / _dcg(ideal) if _dcg(ideal) > 0 else 0.0)
            rows.append({
                "ranker": ranker, "half": which, "clients": clients,
                "precision@3": sum(p3) / len(p3) if p3 else float("nan"), "p3_clients": len(p3),
                "inappropriate@5": sum(bad5) / len(bad5), "clients_with_inappropriate": with_bad,
                "ndcg@5": sum(ndcg) / len(ndcg), "unjudged_in_top5": unjudged,
            })  # fmt: skip
    return rows


def pool(path: Path, k: int = 10) -> None:
    """Append this version's top ``k`` of every ranker to the pool file."""
    new = not path.exists()
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        if new:
            writer.writerow(["client_id", "activity_id", "source"])
        version = "after" if "situation" in wm.ClientProfile.model_fields else "base"
        for profile in _profiles():
            for ranker in RANKERS:
                for activity_id in _top(profile, ranker, k):
                    writer.writerow([profile["client_id"], activity_id, f"{version}:{ranker}"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pool", type=Path, help="append this version's top 10s to a pool file")
    args = parser.parse_args()
    if args.pool:
        pool(args.pool)
        return
    print(f"wor_match {wm.__version__}: judgements in {DATA.relative_to(ROOT)}")
    print("| ranker | half | clients | precision@3 (clients) | inappropriate@5 (clients with any) "
          "| nDCG@5 | unjudged in top 5 |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for r in evaluate():
        print(f"| {r['ranker']} | {r['half']} | {r['clients']} | {r['precision@3']:.3f} "
              f"({r['p3_clients']}) | {r['inappropriate@5']:.3f} "
              f"({r['clients_with_inappropriate']}) | {r['ndcg@5']:.3f} | "
              f"{r['unjudged_in_top5']} |")  # fmt: skip


if __name__ == "__main__":
    main()
