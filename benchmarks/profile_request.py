"""Where the time of one recommend() goes: `python benchmarks/profile_request.py [SIZE]`.

Builds a national catalogue of SIZE activities (default 100,000), pins itself to one core
and prints the median of each stage for the benchmark's bounded client, cumulatively
(each line includes the ones above it), then the shortlist's parts, then, with
``--cprofile``, the functions with the most own time. Stages are timed in turns, so a
drift in the machine's speed affects them alike; compare them within one run.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("size", type=int, nargs="?", default=100_000)
    parser.add_argument("--rounds", type=int, default=301)
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args(argv)

    from benchmarks.national import national_catalogue
    from benchmarks.run import CLIENTS, TODAY

    import wor_match as wm
    from wor_match.context import MatchContext
    from wor_match.features import feature_matrix
    from wor_match.features._terms import client_terms
    from wor_match.filters import feasible

    catalogue = wm.Catalogue.from_frame(national_catalogue(args.size, seed=args.size))
    catalogue.spatial_index  # noqa: B018
    catalogue.word_index  # noqa: B018
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    profile = wm.ClientProfile.model_validate(CLIENTS["bounded (walk 20 min)"])
    ranker = wm.get_ranker("weighted")

    def context() -> Any:
        return MatchContext.build(profile, catalogue, today=TODAY)

    request = ranker.score_request(profile, catalogue, today=TODAY)
    ok, features, total = request.feasible, request.features, request.totals
    top = request.ranking.top(10)
    best = ok.subset(top)
    scores = ranker.explain_scores(features.take(top), best)
    activities = catalogue.activities_at(best.rows)
    stages: dict[str, Callable[[], Any]] = {
        "candidates (context)": context,
        "+ hard filters": lambda: feasible(context()),
        "+ the client's words matched": lambda: client_terms(feasible(context()), "interests"),
        "+ features": lambda: feature_matrix(feasible(context())),
        "+ scores and ranking": lambda: ranker.score_request(profile, catalogue, today=TODAY),
        "recommend() (+ ten explanations)": lambda: wm.recommend(
            profile, catalogue, k=10, today=TODAY
        ),
        "  of which: ten activities": lambda: catalogue.activities_at(best.rows),
        "  of which: ten items with reasons": lambda: [
            ranker._item(best, scores, total[top], i, a, "nl") for i, a in enumerate(activities)
        ],
    }
    samples: dict[str, list[float]] = {name: [] for name in stages}
    for _ in range(3):
        for stage in stages.values():
            stage()
    for _ in range(args.rounds):
        for name, stage in stages.items():
            start = time.perf_counter()
            stage()
            samples[name].append(time.perf_counter() - start)
    print(f"{args.size:,} activities, {len(ok)} feasible; medians of {args.rounds} rounds")
    for name, values in samples.items():
        print(f"  {name:<36} {statistics.median(values) * 1e3:7.3f} ms")
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(100):
            wm.recommend(profile, catalogue, k=10, today=TODAY)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
