"""The benchmark scripts run end to end on a tiny catalogue (their figures are not checked:
timings belong in `make bench`, never in assertions)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def run(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=True, timeout=300
    )
    return result.stdout.splitlines()


def test_run_prints_every_size_and_client() -> None:
    lines = run(
        str(BENCHMARKS / "run.py"),
        "--sizes",
        "300,400",
        "--repeat",
        "2",
        "--clients",
        "20",
        "--skip-imports",
    )
    rows = [line.split() for line in lines if line.strip().startswith(("300 ", "400 "))]
    # two sizes x two clients in the request table, one row per size in the batch table
    assert [row[0] for row in rows] == ["300", "300", "400", "400", "300", "400"]
    request_rows = [row for row in rows if "bounded" in row or "online" in row]
    assert len(request_rows) == 4
    for row in request_rows:
        assert row[-1].rstrip("*!").endswith("x")  # the naive reference ran (speed-up)
    assert any("rounds in which every size and client takes its turn" in line for line in lines)


def test_profile_request_prints_every_stage() -> None:
    lines = run(str(BENCHMARKS / "profile_request.py"), "300", "--rounds", "2")
    assert lines[0].startswith("300 activities")
    assert len([line for line in lines[1:] if line.rstrip().endswith(" ms")]) == 8
