"""The ``wor-match people`` commands, end to end on a small synthetic pool."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from wor_match.cli import main
from wor_match.people import People

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("people") / "pool.csv"
    assert main(["people", "synthetic", str(path), "--size", "400", "--seed", "4"]) == 0
    return path


def test_synthetic_pool_loads_whole(pool: Path) -> None:
    people = People.from_csv(pool)
    assert len(people) == people.report.rows_in == 400


def test_match_as_table_and_json(pool: Path, capsys: pytest.CaptureFixture[str]) -> None:
    people = People.from_csv(pool)
    asker = next(p.person_id for p in people if "peer" in p.seeks and p.consent)
    assert main(["people", "match", "--pool", str(pool), "--person", asker, "-k", "3"]) == 0
    assert capsys.readouterr().out.startswith(f"Mensen voor {asker} (maatje om samen te gaan): ")
    assert main(["people", "match", "--pool", str(pool), "--person", asker, "--format", "json",
                 "--language", "en"]) == 0  # fmt: skip
    items = json.loads(capsys.readouterr().out)
    assert len(items) <= 3 or items == []
    for item in items:
        assert set(item) >= {"person_id", "score", "forward", "backward", "reasons"}


def test_assign_writes_pairs(
    pool: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pairs.csv"
    assert (
        main(["people", "assign", "--pool", str(pool), "--purpose", "buddy", "-o", str(out)]) == 0
    )
    assert capsys.readouterr().out.startswith("Koppelplan (buddy): ")
    pairs = pd.read_csv(out)
    assert list(pairs.columns) == ["seeker_id", "giver_id", "score", "distance_km", "reasons"]
    assert pairs["seeker_id"].is_unique


def test_groups_write_csv(pool: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "groups.csv"
    assert (
        main(["people", "groups", "--pool", str(pool), "--min", "3", "--max", "5", "-o", str(out)])
        == 0
    )
    assert " groepen, " in capsys.readouterr().out.splitlines()[0]
    assert list(pd.read_csv(out).columns)[:3] == ["group", "members", "size"]


def test_unknown_person_is_a_usage_error(pool: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["people", "match", "--pool", str(pool), "--person", "nobody"]) == 2
    assert (
        capsys.readouterr().err
        == "wor-match: error: no person with person_id 'nobody' in this pool\n"
    )


def test_rejected_rows_are_counted_without_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "person_id,postcode,age,seeks,consent\na,2181,secret-age,peer,true\nb,2181,70,peer,true\n"
    )
    assert main(["people", "groups", "--pool", str(path)]) == 0
    err = capsys.readouterr().err
    assert err == f"{path}: 2 rows in, 1 accepted, 1 rejected (rows 1)\n"


def test_benchmark_script_runs_small() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_people.py"), "--size", "600", "--queries", "5",
         "--seekers", "60", "--givers", "30"],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0].startswith("pool of 600 people: built in ")
    assert [line.split()[1] for line in lines[1:4]] == ["peer", "buddy", "meals"]
    assert lines[4].startswith("assign buddy: 60 seekers x 30 givers")
