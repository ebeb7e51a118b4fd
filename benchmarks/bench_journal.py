"""Journal speed on SQLite (a file, WAL) and on a throwaway PostgreSQL server.

    .venv/bin/python benchmarks/bench_journal.py [--events 20000] [--referrals 100000]

1. Bulk recording: ``record_events`` of ``--events`` events (offered, accepted, started on
   fresh referrals) in one call; events per second. Goal: 10,000/s on SQLite.
2. ``report()`` over ``--referrals`` referrals (each with an intake, an offer chain and two
   measurements); best of 3 seconds. Goal: at most 2 s.

The referrals are opened with ``open_referrals`` and their events written with
``record_events`` (the public bulk API); measurements are written straight into the tables
(the report reads them; one ``record_measure`` call per row would only slow the set-up).
PostgreSQL is started from the machine's binaries as in the test suite; without them its
rows say why they are missing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.journal._postgres import ServerUnavailable, admin, temporary_server

from wor_match.journal import Journal
from wor_match.journal._tables import measure_score_table, measure_table

D0 = dt.date(2026, 1, 5)


def _referrals(journal: Journal, n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({
        "client_id": [f"bench-{seed}-{i}" for i in range(n)],
        "date": [D0 + dt.timedelta(days=int(d)) for d in rng.integers(0, 300, n)],
        "referred_by": [f"huisarts:P{int(p)}" for p in rng.integers(0, 40, n)],
        "reasons": [["eenzaamheid"] if r < 0.6 else ["somberheid", "zingeving"]
                    for r in rng.random(n)],
    })  # fmt: skip
    refs: list[str] = []
    for start in range(0, n, 20_000):
        refs += journal.open_referrals(frame.iloc[start : start + 20_000])
    return refs


def _chains(refs: list[str], journal: Journal, seed: int) -> pd.DataFrame:
    """intake, offered, accepted, started, continued or dropped_out per referral."""
    rng = np.random.default_rng(seed)
    opened = journal.referrals().set_index("referral_id")["opened_on"]
    rows = []
    for i, ref in enumerate(refs):
        day = opened[ref] + dt.timedelta(days=int(rng.integers(2, 25)))
        activity = f"act-{int(rng.integers(0, 2000))}"
        rows += [(ref, None, "intake", day, None), (ref, activity, "offered", day, None)]
        if i % 4:
            later = day + dt.timedelta(days=5)
            rows += [
                (ref, activity, "accepted", day, None),
                (ref, activity, "started", later, None),
            ]
            end = later + dt.timedelta(days=90)
            rows.append((ref, activity, "continued", end, None) if i % 3 else
                        (ref, activity, "dropped_out", end, "vervoer"))  # fmt: skip
    return pd.DataFrame(rows, columns=["referral_id", "target", "event", "date", "reason"])


def _measures(journal: Journal, refs: list[str], seed: int) -> None:
    rng = np.random.default_rng(seed)
    now = dt.datetime(2026, 12, 1)
    with journal._engine.begin() as conn:
        for start in range(0, len(refs), 20_000):
            chunk = refs[start : start + 20_000]
            base = conn.execute(insert(measure_table).returning(measure_table.c.id), [
                {"organisation": journal.organisation, "referral_id": ref, "instrument": "ucla3",
                 "moment": moment, "on_date": D0 + dt.timedelta(days=30 if moment == "intake"
                                                                else 140),
                 "answers": "{}", "recorded_at": now}
                for ref in chunk for moment in ("intake", "close")
            ]).scalars().all()  # fmt: skip
            values = rng.integers(3, 10, len(base))
            conn.execute(insert(measure_score_table), [
                {"organisation": journal.organisation, "measure_id": mid,
                 "referral_id": chunk[j // 2], "instrument": "ucla3",
                 "moment": "intake" if j % 2 == 0 else "close", "component": "total",
                 "value": float(values[j])}
                for j, mid in enumerate(base)
            ])  # fmt: skip


def bench(url: str, label: str, events: int, referrals: int) -> None:
    with Journal(url, organisation="bench") as journal:
        refs = _referrals(journal, events // 4, seed=1)
        frame = _chains(refs, journal, seed=1).iloc[:events]
        started, cpu = time.perf_counter(), time.process_time()
        journal.record_events(frame)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"{label:<11} record_events: {len(frame):,} events in {seconds:.2f} s = "
              f"{len(frame) / seconds:,.0f} events/s (this process's CPU time {cpu:.2f} s = "
              f"{len(frame) / cpu:,.0f} events/s)")  # fmt: skip
    with Journal(url, organisation="report") as journal:
        t0 = time.perf_counter()
        refs = _referrals(journal, referrals, seed=2)
        chains = _chains(refs, journal, seed=2)
        for start in range(0, len(chains), 100_000):
            journal.record_events(chains.iloc[start : start + 100_000])
        _measures(journal, refs, seed=2)
        setup = time.perf_counter() - t0
        times, cpus = [], []
        for _ in range(3):
            t, c = time.perf_counter(), time.process_time()
            report = journal.report(start=D0, end=D0 + dt.timedelta(days=365))
            times.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
        assert report.referrals == referrals
        print(f"{label:<11} report over {referrals:,} referrals ({len(chains):,} events, "
              f"{2 * referrals:,} measurements): best of 3 {min(times):.2f} s, CPU "
              f"{min(cpus):.2f} s "
              f"(set-up {setup:.0f} s)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--referrals", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    backends = args.backends.split(",")
    if "sqlite" in backends:
        with tempfile.TemporaryDirectory() as folder:
            bench(f"sqlite:///{folder}/bench.sqlite", "sqlite", args.events, args.referrals)
    if "postgresql" in backends:
        try:
            with temporary_server() as socket:
                admin(socket, "CREATE DATABASE wm_bench")
                bench(f"postgresql+psycopg://postgres@/wm_bench?host={socket}", "postgresql",
                      args.events, args.referrals)  # fmt: skip
        except ServerUnavailable as reason:
            print(f"postgresql  skipped: {reason}")


if __name__ == "__main__":
    main()
