"""wor_match benchmarks: `make bench` (or `python benchmarks/run.py [--sizes 1000,10000]`).

Reports, per synthetic national catalogue size: the time to build the catalogue from a
DataFrame, and recommend() latency (median and p95 over repeated calls, after one warm-up)
for two clients: one whose travel time bounds the search (walking, 20 min) and one open to
every offer by car for an hour. Machine facts are printed with the table. Timings are wall
clock on a shared machine: compare ratios within one run, not across runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

import wor_match as wm
from wor_match.datasets import make_synthetic_catalogue

CLIENTS = {
    "walking 20 min (Utrecht)": {
        "client_id": "bench-walk", "home": {"postcode": "3511"},
        "interests": ["wandelen", "tuinieren"], "energy_drains": ["drukte"],
        "mobility": {"mode": "walking", "max_minutes": 20},
        "loneliness": {"scale": "djg11", "emotional": 4, "social": 3},
        "positive_health": {"zingeving": 3, "meedoen": 4},
        "availability": ["tue:morning", "thu:afternoon"],
    },
    "car 60 min (Utrecht)": {
        "client_id": "bench-car", "home": {"postcode": "3511"},
        "interests": ["muziek", "koken"], "mobility": {"mode": "car", "max_minutes": 60},
    },
}  # fmt: skip


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    function()  # warm-up (lazy indexes, caches)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"wor_match {wm.__version__}; Python {platform.python_version()}; "
          f"{platform.machine()}, {os.cpu_count()} cores; numpy {np.__version__}")  # fmt: skip
    print(f"{'activities':>10}  {'build s':>8}  {'client':<26} {'feasible':>8} "
          f"{'median ms':>10} {'p95 ms':>8}")  # fmt: skip
    for size in sizes:
        frame = make_synthetic_catalogue(size, seed=size)
        start = time.perf_counter()
        catalogue = wm.Catalogue.from_frame(frame)
        build = time.perf_counter() - start
        for label, client in CLIENTS.items():
            profile = wm.ClientProfile.model_validate(client)
            recs = wm.recommend(profile, catalogue, k=10)
            samples = timed(lambda p=profile, c=catalogue: wm.recommend(p, c, k=10), args.repeat)
            p95 = float(np.percentile(samples, 95))
            print(f"{size:>10}  {build:>8.2f}  {label:<26} {len(recs.ranking):>8} "
                  f"{statistics.median(samples) * 1e3:>10.2f} {p95 * 1e3:>8.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
