"""People matching speed: building a pool, one match_people query, one global assign.

    .venv/bin/python benchmarks/bench_people.py [--size 100000] [--queries 200]
                                                [--seekers 5000] [--givers 2000]

On one core (BLAS and OpenMP threads are set to 1 before numpy loads). The pool is the
synthetic generator's (``wor_match.people.synthetic``: 400 PC4 places across the country,
homes jittered 0.8 km); generating it is not timed, validating and indexing it is. Queries
are people who seek peers, buddies or meals, each asked once (median and 90th percentile).
The assignment pool has ``--seekers`` buddy seekers and ``--givers`` volunteers with
capacity 1-3 in 10 towns; its time includes the candidate graph (grid queries and rules),
the solver and the plan. Memory: peak traced Python/numpy allocation of each stage
(tracemalloc) and the process's peak resident size at the end.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

from wor_match.people import People, assign, match_people  # noqa: E402
from wor_match.people.assign import candidate_graph  # noqa: E402
from wor_match.people.synthetic import synthetic_people  # noqa: E402


def traced(function: Callable[[], Any]) -> tuple[Any, float, float, float]:
    """Result, wall and CPU seconds, and peak traced MiB of one call (timed without
    tracing first, then run again under tracemalloc)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return result, seconds, cpu, peak


def assignment_records(seekers: int, givers: int, seed: int = 3) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    towns = rng.uniform([51.5, 4.5], [52.8, 6.5], size=(10, 2))
    records = []
    for i in range(seekers + givers):
        lat, lon = towns[rng.integers(10)] + rng.normal(0, [0.012, 0.02])
        record: dict[str, Any] = {
            "person_id": f"{'s' if i < seekers else 'g'}{i:05d}",
            "home": {"lat": float(lat), "lon": float(lon)},
            "consent": True,
            "interests": [str(rng.choice(["wandelen", "koken", "museum", "tuinieren", "schaken"]))],
            "availability": [str(rng.choice(["mon:morning", "tue:afternoon", "thu:evening"]))],
        }
        if i < seekers:
            record["seeks"] = "buddy"
        else:
            mode = str(rng.choice(["bicycle", "walking", "car"]))
            record.update(offers="buddy", capacity=int(rng.integers(1, 4)), mobility={"mode": mode})
        records.append(record)
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seekers", type=int, default=5000)
    parser.add_argument("--givers", type=int, default=2000)
    args = parser.parse_args()

    synthetic = synthetic_people(args.size, seed=1, places=400)
    start, cpu = time.perf_counter(), time.process_time()
    people = People.from_records(synthetic.records)
    build, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"pool of {len(people):,} people: built in {build:.2f} s ({cpu:.2f} s CPU; {people.report})"
    )

    rng = np.random.default_rng(0)
    times: dict[str, list[float]] = {}
    found = 0
    for purpose in ("peer", "buddy", "meals"):
        askers = [p.person_id for p in people if purpose in p.seeks and p.consent]
        for pid in rng.permutation(askers)[: args.queries].tolist():
            start = time.perf_counter()
            result = match_people(pid, people, purpose=purpose, k=5)  # type: ignore[arg-type]
            times.setdefault(purpose, []).append(time.perf_counter() - start)
            found += len(result)
    for purpose, values in times.items():
        median = statistics.median(values) * 1e3
        p90 = float(np.percentile(values, 90)) * 1e3
        print(f"match_people {purpose:<5} k=5: median {median:6.2f} ms, p90 {p90:6.2f} ms "
              f"({len(values)} queries)")  # fmt: skip

    pool = People.from_records(assignment_records(args.seekers, args.givers))
    graph = candidate_graph(pool, "buddy")
    edges = int(graph.scores.feasible.sum())
    plan, seconds, cpu, peak = traced(lambda: assign(pool, purpose="buddy"))
    capacity = sum(c for _, c in plan.load.values())
    print(
        f"assign buddy: {args.seekers:,} seekers x {args.givers:,} givers (capacity "
        f"{capacity:,}), {edges:,} feasible pairs of {len(graph.seeker_row):,} in reach: "
        f"{seconds:.2f} s ({cpu:.2f} s CPU), {plan.served:,} served, "
        f"peak traced memory {peak:.0f} MiB"
    )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"process peak resident memory: {rss:.0f} MiB; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
