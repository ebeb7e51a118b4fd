"""wor-match journal init | report | export and db upgrade, on both backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wor_match.cli import main
from wor_match.journal import Journal

D0 = dt.date(2026, 3, 2)


def test_init_report_export(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init", url, "--organisation", "gemeente-x"]) == 0
    assert "journal ready at" in capsys.readouterr().out
    profile = {"client_id": "c0", "home": {"postcode": "2181"}}
    with Journal(url, organisation="gemeente-x") as journal:
        for i in range(6):
            ref = journal.open_referral(f"c{i}", date=D0, referred_by="huisarts:H1",
                                        reasons=["eenzaamheid"],
                                        profile={**profile, "client_id": f"c{i}"})  # fmt: skip
            journal.record_event(ref, "hil-001", "offered", date=D0)
    assert main(["journal", "report", url, "--organisation", "gemeente-x", "--from",
                 "2026-01-01", "--to", "2026-12-31"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Verwijzingen van 1 januari 2026 tot en met 31 december 2026: 6" in out
    assert "| huisarts:H1 | 6 | 6 | 100% | minder dan 30 mensen: voorzichtig lezen |" in out
    assert main(["journal", "report", url, "--organisation", "gemeente-x", "--from",
                 "2026-01-01", "--to", "2026-12-31", "--format", "csv"]) == 0  # fmt: skip
    csv = capsys.readouterr().out
    assert csv.splitlines()[0] == "section,group,people,of,share,before,after,change,flag"
    assert main(["journal", "export", url, "--organisation", "gemeente-x", "-o",
                 str(tmp_path / "export")]) == 0  # fmt: skip
    from wor_match.datasets import load

    dataset = load(tmp_path / "export")
    assert len(dataset.profiles) == 6
    assert list(dataset.interactions["event"]) == ["offered"] * 6
    assert dataset.reports["interactions"].rejected == []


def test_cli_errors(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "report", url]) == 2
    assert "journal report needs --from and --to" in capsys.readouterr().err
    assert main(["journal", "export", url]) == 2
    assert "journal export needs -o DIR" in capsys.readouterr().err
