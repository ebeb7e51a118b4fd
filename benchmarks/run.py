"""wor_match benchmarks: `make bench` (or `python benchmarks/run.py [--sizes ...] [--large]`).

Catalogues are national and synthetic, with realistic Dutch text (``benchmarks/national.py``).
Each size runs in a fresh child process for what depends on the process: the build (which
may use both cores), memory, the naive reference and batches (pinned to one core):

- build: seconds to validate and index the catalogue from a DataFrame (validation, text
  index, word index, spatial index, id order), the resident memory it holds afterwards
  (VmRSS after minus before, MB), the peak added during the build (VmHWM, MB) and what it
  holds once requests have run ("in use": with the per-row values features derive);
- the naive per-row reference (``benchmarks/naive.py``) on the same requests as below;
- batch: (client, activity) pairs scored per second by ``Ranker.score_context`` (candidates,
  filters, features and scores for many clients in one vectorised pass, in chunks of about
  200,000 pairs: ``wor_match.batch.score_chunks``) for 1,000 clients on bicycles (25 min),
  and ``recommend_many`` clients per second (the same plus top-10 and the output frame).

Then ``recommend()`` is timed in one more process that holds every size, pinned to one
core: a client whose travel time bounds the search (walking 20 min, on-site and at-home
offers) and the same client also open to online offers everywhere, in rounds in which every
size and client takes its turn (after a warm-up), so a drift in the machine's speed (shared
virtual machines drift) affects every size alike; median and 95th percentile per size and
client, and the naive reference's time over that median.

Also ``import wor_match`` in fresh interpreters: the package alone (lazy) and with the
matching stack loaded (``from wor_match import recommend``). Timings are wall clock:
compare ratios within one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASE: dict[str, Any] = {
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
TODAY = dt.date(2026, 11, 25)


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux 4.0+); False where not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def import_ms(statement: str) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(7)
    ]
    return statistics.median(runs) * 1e3


def batch_profiles(catalogue: Any, n_clients: int) -> list[Any]:
    import numpy as np

    import wor_match as wm

    rng = np.random.default_rng(0)
    homes = rng.choice(catalogue.located, size=n_clients)
    return [
        wm.ClientProfile.model_validate(
            {
                **BASE,
                "client_id": f"c{i}",
                "home": {"lat": float(catalogue.lat[row]), "lon": float(catalogue.lon[row])},
                "mobility": {"mode": "bicycle", "max_minutes": 25},
            }
        )
        for i, row in enumerate(homes)
    ]


def child(size: int, naive: bool, n_clients: int) -> dict[str, Any]:
    """Build, memory, the naive reference and batches for one catalogue size (run in its
    own process, so memory figures are its own)."""
    from benchmarks.national import national_catalogue

    import wor_match as wm
    from wor_match.batch import recommend_many, score_chunks
    from wor_match.context import MatchContext

    frame = national_catalogue(size, seed=size)
    gc.collect()
    before = rss_mb()
    peak_ok = reset_peak()
    start = time.perf_counter()
    catalogue = wm.Catalogue.from_frame(frame)
    catalogue.spatial_index  # noqa: B018 - the lazy indexes are part of the build
    catalogue.word_index  # noqa: B018
    build = time.perf_counter() - start
    gc.collect()
    if hasattr(os, "sched_setaffinity"):  # requests and batches: one core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    result: dict[str, Any] = {
        "size": size,
        "build_s": build,
        "rss_mb": rss_mb() - before,
        "peak_mb": rss_mb("VmHWM") - before if peak_ok else float("nan"),
        "vocabulary": len(catalogue.vocabulary),
        "clients": {},
    }
    result["cpu_probe_ms"] = cpu_probe_ms()
    profiles = {label: wm.ClientProfile.model_validate(c) for label, c in CLIENTS.items()}
    for _ in range(3):  # the per-row values features derive on first use
        for profile in profiles.values():
            wm.recommend(profile, catalogue, k=10, today=TODAY)
    # they are part of what a catalogue holds; measured before the naive reference runs
    # (its pandas work leaves the heap larger)
    gc.collect()
    result["in_use_mb"] = rss_mb() - before
    for label, profile in profiles.items():
        recs = wm.recommend(profile, catalogue, k=10, today=TODAY)
        entry: dict[str, Any] = {"feasible": len(recs.ranking), "naive_s": None}
        if naive:
            from benchmarks.naive import naive_recommend

            start = time.perf_counter()
            slow = naive_recommend(profile, catalogue, k=10, today=TODAY)
            entry["naive_s"] = time.perf_counter() - start
            fast = {r.activity_id: r.score for r in recs}
            entry["same_order"] = [a for a, _ in slow] == list(fast)
            entry["same_set"] = {a for a, _ in slow} == set(fast)
            # the reference measures geodesic distances, we measure haversine ones (within
            # 0.35% at Dutch scale): travel ease, and so scores, differ by a hair
            entry["max_score_diff"] = max(
                (abs(score - fast[a]) for a, score in slow if a in fast), default=0.0
            )
        result["clients"][label] = entry
    profiles = batch_profiles(catalogue, n_clients)
    ranker = wm.get_ranker("weighted")
    ranker.score_context(MatchContext.build_many(profiles[:50], catalogue, today=TODAY))  # warm-up
    start = time.perf_counter()
    pairs = 0
    for _, ok, _, _ in score_chunks(profiles, catalogue, ranker, today=TODAY):
        pairs += len(ok)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    frame_out = recommend_many(profiles, catalogue, k=10, today=TODAY)
    many = time.perf_counter() - start
    result["batch"] = {
        "clients": len(profiles),
        "pairs": pairs,
        "pairs_per_s": pairs / seconds,
        "recommend_many_clients_per_s": len(profiles) / many,
        "rows_out": len(frame_out),
    }
    return result


def requests_child(sizes: list[int], repeat: int) -> dict[str, Any]:
    """Time ``recommend()`` for every size in one process: all catalogues built first, then
    ``repeat`` rounds in which every size and client takes its turn, so a drift in the
    machine's speed affects all sizes alike and their ratios are measured side by side."""
    import numpy as np
    from benchmarks.national import national_catalogue

    import wor_match as wm

    catalogues = {}
    for size in sizes:
        catalogues[size] = wm.Catalogue.from_frame(national_catalogue(size, seed=size))
        catalogues[size].spatial_index  # noqa: B018
        catalogues[size].word_index  # noqa: B018
    gc.collect()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    profiles = {label: wm.ClientProfile.model_validate(c) for label, c in CLIENTS.items()}
    turns = [(size, label) for size in sizes for label in profiles]
    samples: dict[tuple[int, str], list[float]] = {turn: [] for turn in turns}
    for _ in range(3):  # warm-up
        for size, label in turns:
            wm.recommend(profiles[label], catalogues[size], k=10, today=TODAY)
    probe_before = cpu_probe_ms()
    for _ in range(repeat):
        for size, label in turns:
            start = time.perf_counter()
            wm.recommend(profiles[label], catalogues[size], k=10, today=TODAY)
            samples[size, label].append(time.perf_counter() - start)
    return {
        "probe_ms": [probe_before, cpu_probe_ms()],
        "timings": [
            {
                "size": size,
                "client": label,
                "median_ms": statistics.median(samples[size, label]) * 1e3,
                "p95_ms": float(np.percentile(samples[size, label], 95)) * 1e3,
            }
            for size, label in turns
        ],
    }


def cpu_probe_ms() -> float:
    """A fixed pure-Python loop (median of 5): this machine's speed at the time of the run,
    to compare runs made at different times (shared virtual machines drift)."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        sum(range(10_000_000))
        runs.append(time.perf_counter() - start)
    return statistics.median(runs) * 1e3


def machine() -> str:
    import numpy as np
    import pandas as pd

    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = rss_total_gb()
    return (
        f"{model}, {os.cpu_count()} cores, {memory:.0f} GB RAM; Python "
        f"{platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}"
    )


def rss_total_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024**2
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--large", action="store_true", help="also 1,000,000 activities")
    parser.add_argument("--repeat", type=int, default=201)
    parser.add_argument("--clients", type=int, default=1000, help="clients in the batch run")
    parser.add_argument("--no-naive", action="store_true")
    parser.add_argument("--skip-imports", action="store_true", help="no import timings")
    parser.add_argument("--naive-up-to", type=int, default=100_000)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--requests-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        measured = child(args.child, not args.no_naive, args.clients)
        print(json.dumps(measured))
        return 0
    if args.requests_child is not None:
        sizes = [int(s) for s in args.requests_child.split(",")]
        print(json.dumps(requests_child(sizes, args.repeat)))
        return 0

    import wor_match as wm

    sizes = [int(s) for s in args.sizes.split(",")] + ([1_000_000] if args.large else [])
    print(f"wor_match {wm.__version__}; {machine()}")
    if not args.skip_imports:
        print(
            f"import wor_match: {import_ms('import wor_match'):.0f} ms; with the matching "
            f"stack (from wor_match import recommend): "
            f"{import_ms('from wor_match import recommend'):.0f} ms (medians of 7 fresh "
            "interpreters)"
        )
    print(f"CPU probe (sum(range(10**7)), median of 5): {cpu_probe_ms():.0f} ms")
    rows = []
    for size in sizes:
        command = [sys.executable, __file__, "--child", str(size), "--clients", str(args.clients)]
        if args.no_naive or size > args.naive_up_to:
            command.append("--no-naive")
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(output.strip().splitlines()[-1]))
    command = [
        sys.executable,
        __file__,
        "--requests-child",
        ",".join(map(str, sizes)),
        "--repeat",
        str(args.repeat),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    timed = json.loads(output.strip().splitlines()[-1])
    for timing in timed["timings"]:
        row = next(r for r in rows if r["size"] == timing["size"])
        row["clients"][timing["client"]].update(timing)
    print(
        "build, memory, naive reference and batches: each size in a fresh process, build on\n"
        f"all cores, the rest on one core. recommend(): one process holding every size, one "
        f"core,\n{args.repeat} rounds in which every size and client takes its turn (CPU probe "
        f"{timed['probe_ms'][0]:.0f} ms before, {timed['probe_ms'][1]:.0f} ms after)"
    )
    print_tables(rows)
    print_notes(rows)
    print_batch(rows)
    return 0


def print_tables(rows: list[dict[str, Any]]) -> None:
    print(
        f"\n{'activities':>10} {'words':>8} {'build s':>8} {'+RSS MB':>8} {'peak MB':>8} "
        f"{'in use':>7}  "
        f"{'client':<22} {'feasible':>8} {'median ms':>9} {'p95 ms':>7} {'naive s':>8} "
        f"{'speed-up':>8}"
    )
    for row in rows:
        for label, entry in row["clients"].items():
            naive = entry["naive_s"]
            naive_text = "-" if naive is None else f"{naive:.2f}"
            ratio = "-" if naive is None else f"{naive / (entry['median_ms'] / 1e3):,.0f}x"
            if naive is not None and not entry.get("same_order", True):
                # same ten, near-ties swapped (set) or a different ten (!)
                ratio += "*" if entry.get("same_set") else "!"
            print(
                f"{row['size']:>10,} {row['vocabulary']:>8,} {row['build_s']:>8.2f} "
                f"{row['rss_mb']:>8.0f} {row['peak_mb']:>8.0f} {row['in_use_mb']:>7.0f}  "
                f"{label:<22} "
                f"{entry['feasible']:>8,} {entry['median_ms']:>9.2f} {entry['p95_ms']:>7.2f} "
                f"{naive_text:>8} {ratio:>8}"
            )


def print_notes(rows: list[dict[str, Any]]) -> None:
    swapped = [
        f"{row['size']:,} {label}: largest score difference {entry['max_score_diff']:.4f}"
        for row in rows
        for label, entry in row["clients"].items()
        if entry.get("naive_s") is not None and not entry.get("same_order", True)
    ]
    if swapped:
        print(
            "* the same ten as the reference, with near-ties in another order; ! a different "
            "ten.\n  The reference uses geodesic distances, wor_match haversine (within 0.35%"
            "), so travel ease differs by a hair:\n  " + "\n  ".join(swapped)
        )


def print_batch(rows: list[dict[str, Any]]) -> None:
    print(
        f"\n{'activities':>10} {'clients':>8} {'pairs':>11} {'pairs/s (1 core)':>17} "
        f"{'recommend_many clients/s':>25} {'probe ms':>8}"
    )
    for row in rows:
        batch = row["batch"]
        print(
            f"{row['size']:>10,} {batch['clients']:>8,} {batch['pairs']:>11,} "
            f"{batch['pairs_per_s']:>17,.0f} {batch['recommend_many_clients_per_s']:>25,.0f} "
            f"{row['cpu_probe_ms']:>8.0f}"
        )


if __name__ == "__main__":
    sys.exit(main())
