"""wor_match benchmarks: `make bench` (or `python benchmarks/run.py [--sizes ...] [--large]`).

Per synthetic national catalogue size it reports:
- build: seconds to validate and index a catalogue from a DataFrame, and the resident
  memory it added (VmRSS before and after, MB);
- recommend(): median and 95th percentile over repeated calls (after a warm-up) for a
  client whose travel time bounds the search (walking 20 min, on-site and at-home offers)
  and one also open to online offers everywhere;
- the ratio against the naive per-row reference (benchmarks/naive.py, measured once per
  size: it is slow);
- batch scoring: (client, activity) pairs scored per second by the vectorised path for 200
  clients, single-threaded.
Also `import wor_match` time in a fresh interpreter. Timings are wall clock on a shared
machine: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.naive import naive_recommend

import wor_match as wm
from wor_match.datasets import make_synthetic_catalogue

BASE = {
    "client_id": "bench", "home": {"postcode": "3511"}, "age": 70,
    "interests": ["wandelen", "tuinieren"], "energy_drains": ["drukte"],
    "mobility": {"mode": "walking", "max_minutes": 20},
    "loneliness": {"scale": "djg11", "emotional": 4, "social": 3},
    "positive_health": {"zingeving": 3, "meedoen": 4},
}  # fmt: skip
CLIENTS = {
    "bounded (walk 20 min)": {**BASE, "open_to_delivery": ["on_site", "at_home"]},
    "+ online everywhere": BASE,
}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    function()  # warm-up: lazy indexes, caches
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def import_seconds() -> float:
    code = "import time; t = time.perf_counter(); import wor_match; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]  # fmt: skip
    return statistics.median(runs)


def pairs_per_second(catalogue: wm.Catalogue, n_clients: int = 200) -> float:
    ranker = wm.get_ranker("weighted")
    rng = np.random.default_rng(0)
    on_site = catalogue.located
    homes = rng.choice(on_site, size=n_clients)
    profiles = [
        wm.ClientProfile.model_validate({**BASE, "client_id": f"c{i}", "home": {
            "lat": float(catalogue.lat[row]), "lon": float(catalogue.lon[row])},
            "mobility": {"mode": "bicycle", "max_minutes": 25}})
        for i, row in enumerate(homes)
    ]  # fmt: skip
    start = time.perf_counter()
    pairs = 0
    for profile in profiles:
        _, ok, _, _ = ranker.score_request(profile, catalogue)
        pairs += len(ok)
    return pairs / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--large", action="store_true", help="also 1,000,000 activities")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-naive", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")] + ([1_000_000] if args.large else [])
    print(f"wor_match {wm.__version__}; Python {platform.python_version()}; "
          f"{platform.machine()}, {os.cpu_count()} cores; numpy {np.__version__}")  # fmt: skip
    print(f"import wor_match: {import_seconds() * 1e3:.0f} ms (median of 5 fresh interpreters)")
    header = (
        f"{'activities':>10} {'build s':>8} {'+RSS MB':>8}  {'client':<22} {'feasible':>8} "
        f"{'median ms':>9} {'p95 ms':>7} {'naive s':>8} {'speed-up':>8} {'pairs/s':>10}"
    )
    print(header)
    for size in sizes:
        frame = make_synthetic_catalogue(size, seed=size)
        before = rss_mb()
        start = time.perf_counter()
        catalogue = wm.Catalogue.from_frame(frame)
        catalogue.spatial_index  # noqa: B018 - build the lazy index inside the timing
        build = time.perf_counter() - start
        added = rss_mb() - before
        throughput = pairs_per_second(catalogue)
        for label, client in CLIENTS.items():
            profile = wm.ClientProfile.model_validate(client)
            recs = wm.recommend(profile, catalogue, k=10)
            samples = timed(lambda p=profile, c=catalogue: wm.recommend(p, c, k=10), args.repeat)
            median = statistics.median(samples)
            naive_text, ratio_text = "-", "-"
            if not args.no_naive and size <= 100_000:
                today = __import__("datetime").date.today()
                start = time.perf_counter()
                naive_recommend(profile, catalogue, k=10, today=today)
                naive = time.perf_counter() - start
                naive_text, ratio_text = f"{naive:.2f}", f"{naive / median:.0f}x"
            print(f"{size:>10} {build:>8.2f} {added:>8.0f}  {label:<22} {len(recs.ranking):>8} "
                  f"{median * 1e3:>9.2f} {np.percentile(samples, 95) * 1e3:>7.2f} "
                  f"{naive_text:>8} {ratio_text:>8} {throughput:>10,.0f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
