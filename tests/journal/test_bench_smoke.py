"""benchmarks/bench_journal.py runs end to end at a tiny size (its figures belong in the
README, never in assertions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_journal.py"


def test_bench_journal_prints_both_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--events", "200", "--referrals", "120",
         "--backends", "sqlite"],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0].startswith("sqlite      record_events: 200 events in")
    assert lines[1].startswith("sqlite      report over 120 referrals")
