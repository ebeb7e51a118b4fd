"""Two source trees of wor_match timed side by side: ``python benchmarks/ab.py OLD_SRC [NEW_SRC]``.

A change's speed is judged against the commit before it, on the same machine state. Shared
virtual machines drift (the CPU probe of ``run.py`` moves between about 170 and 330 ms within
minutes), so timing one tree and then the other compares two machine states, not two trees.
Here one child process per tree (each importing wor_match from its own ``src`` folder, both
pinned to the same core, warmed up on the demo catalogue so no build pays for first imports)
builds the same catalogues, and then the parent asks them in turn, one request at a time, to
answer the same ``recommend()`` calls as ``run.py`` times: every round times both trees back
to back, in alternating order. The catalogues are generated once, by the
parent, with ``benchmarks/national.py`` of this checkout, and handed to both children as
Parquet files, so both trees index exactly the same rows.

Prints, per size and client, the median and 95th percentile of both trees and the median of
the per-round ratios (new over old), and the build time of each tree (one build per size and
tree, both from the same frame, also in turns).

Example (the base commit in a worktree of its own)::

    git worktree add /tmp/base <commit>
    python benchmarks/ab.py /tmp/base/src --sizes 1000,10000,100000 --rounds 201
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import CLIENTS, TODAY  # noqa: E402

CHILD = """
import datetime as dt, json, sys, time
import pandas as pd
import wor_match as wm
clients = json.loads(sys.argv[1])
today = dt.date.fromisoformat(sys.argv[2])
catalogues, profiles = {}, {}
wm.recommend(clients[next(iter(clients))], wm.load_demo_catalogue(), k=10, today=today)  # warm-up
for line in sys.stdin:
    command, _, argument = line.strip().partition(" ")
    if command == "build":
        size, path = argument.split(" ", 1)
        frame = pd.read_parquet(path)
        start = time.perf_counter()
        catalogues[size] = wm.Catalogue.from_frame(frame)
        seconds = time.perf_counter() - start
        for label, profile in clients.items():
            profiles[label] = wm.ClientProfile.model_validate(profile)
            for _ in range(5):
                wm.recommend(profiles[label], catalogues[size], k=10, today=today)
        print(json.dumps({"seconds": seconds}), flush=True)
    elif command == "request":
        size, label = argument.split(" ", 1)
        start = time.perf_counter()
        recs = wm.recommend(profiles[label], catalogues[size], k=10, today=today)
        ms = (time.perf_counter() - start) * 1000
        print(json.dumps({"ms": ms, "ids": [r.activity_id for r in recs]}), flush=True)
"""


class Child:
    def __init__(self, src: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(src)}
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, json.dumps(CLIENTS), TODAY.isoformat()],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(self.process.pid, {0})

    def ask(self, line: str) -> dict[str, Any]:
        assert self.process.stdin
        assert self.process.stdout
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"a child stopped while answering {line!r}")
        result: dict[str, Any] = json.loads(answer)
        return result

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", type=Path, help="the src folder of the tree before")
    parser.add_argument("new", type=Path, nargs="?", default=ROOT / "src")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--rounds", type=int, default=201)
    args = parser.parse_args(argv)
    from national import national_catalogue

    sizes = [int(size) for size in args.sizes.split(",")]
    trees = {"old": Child(args.old.resolve()), "new": Child(args.new.resolve())}
    builds: dict[tuple[int, str], float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for turn, size in enumerate(sizes):
            path = Path(folder) / f"{size}.parquet"
            national_catalogue(size, seed=size).to_parquet(path)
            order = ["old", "new"] if turn % 2 == 0 else ["new", "old"]
            for name in order:
                builds[size, name] = trees[name].ask(f"build {size} {path}")["seconds"]
    times: dict[tuple[int, str, str], list[float]] = {}
    ratios: dict[tuple[int, str], list[float]] = {}
    same: dict[tuple[int, str], int] = {}
    for round_ in range(args.rounds):
        for size in sizes:
            for label in CLIENTS:
                order = ["old", "new"] if round_ % 2 == 0 else ["new", "old"]
                answers = {name: trees[name].ask(f"request {size} {label}") for name in order}
                for name, answer in answers.items():
                    times.setdefault((size, label, name), []).append(answer["ms"])
                ratios.setdefault((size, label), []).append(
                    answers["new"]["ms"] / answers["old"]["ms"]
                )
                same[size, label] = same.get((size, label), 0) + (
                    answers["new"]["ids"] == answers["old"]["ids"]
                )
    for child in trees.values():
        child.close()

    def p95(values: list[float]) -> float:
        return sorted(values)[int(0.95 * (len(values) - 1))]

    print(f"{args.rounds} rounds, both trees pinned to core 0, alternating order")
    print(f"{'activities':>10}  {'build old s':>11} {'build new s':>11}")
    for size in sizes:
        print(f"{size:>10,}  {builds[size, 'old']:>11.2f} {builds[size, 'new']:>11.2f}")
    header = f"{'activities':>10}  {'client':<22} {'old ms':>7} {'new ms':>7} {'old p95':>7} "
    print(header + f"{'new p95':>7} {'new/old':>7} {'same top 10':>11}")
    for size in sizes:
        for label in CLIENTS:
            old, new = times[size, label, "old"], times[size, label, "new"]
            print(
                f"{size:>10,}  {label:<22} {statistics.median(old):>7.2f} "
                f"{statistics.median(new):>7.2f} {p95(old):>7.2f} {p95(new):>7.2f} "
                f"{statistics.median(ratios[size, label]):>7.2f} "
                f"{same[size, label]:>5}/{args.rounds}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
