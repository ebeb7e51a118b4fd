"""The wor-match command line, run in-process through main(argv)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wor_match.cli import main

ROOT = Path(__file__).resolve().parents[1]
PROFILE = {"client_id": "cli-1", "home": {"lat": 52.0, "lon": 4.0}, "interests": ["tuin"]}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PROFILE), encoding="utf-8")
    catalogue = tmp_path / "c.csv"
    catalogue.write_text(
        "activity_id,name,delivery,lat,lon,categories\n"
        "a1,Moestuin,on_site,52.001,4.0,Tuin;Natuur\n"
        "a2,Online koor,online,,,Muziek\n"
        "a2,Dubbel,online,,,\n"
        "a3,Kapot,on_site,999,4.0,\n",
        encoding="utf-8",
    )
    return {"profile": profile, "catalogue": catalogue}


def test_recommend_json(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "recommend",
            "--profile",
            str(files["profile"]),
            "--catalogue",
            str(files["catalogue"]),
            "-k",
            "5",
            "--format",
            "json",
        ]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert [item["activity_id"] for item in out] == ["a1", "a2"]
    assert set(out[0]) >= {
        "rank",
        "activity_id",
        "name",
        "score",
        "distance_km",
        "travel_minutes",
        "reasons",
        "contributions",
    }
    assert out[1]["distance_km"] is None


def test_recommend_table_english(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "recommend",
            "--profile",
            str(files["profile"]),
            "--catalogue",
            str(files["catalogue"]),
            "--language",
            "en",
        ]
    )
    assert code == 0
    assert capsys.readouterr().out.startswith("Recommendations for cli-1: 2 of 2 feasible")


def test_validate_reports_rows_and_fails(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(files["catalogue"])]) == 1
    out = capsys.readouterr().out
    assert "4 rows in, 2 accepted, 2 rejected" in out
    assert "duplicate activity_id 'a2' (first in row 2)" in out
    assert "lat: Input should be less than or equal to 90" in out


def test_validate_markdown(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", str(files["catalogue"]), "--format", "markdown"])
    assert "| 3 | a2 | rejected | duplicate activity_id" in capsys.readouterr().out


def test_bad_profile_is_a_clean_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"client_id": "x", "home": {"lat": 52, "lon": 4}, "age": 4321}))
    assert main(["recommend", "--profile", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wor-match: error: Invalid client profile: age:")
    assert "4321" not in err


def test_missing_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["recommend", "--profile", str(tmp_path / "none.json")]) == 2
    assert "cannot read profile file" in capsys.readouterr().err
    assert main(["validate", str(tmp_path / "none.csv")]) == 2
    assert "catalogue file not found" in capsys.readouterr().err


def test_rankers_lists_builtins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rankers"]) == 0
    assert {"nearest", "random", "weighted"} <= set(capsys.readouterr().out.split())


def test_demo_profile_runs_on_demo_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    profile = ROOT / "datasets" / "examples" / "anna_hillegom.json"
    assert main(["recommend", "--profile", str(profile), "-k", "3"]) == 0
    assert capsys.readouterr().out.startswith("Aanbevelingen voor")


def test_synthetic_and_evaluate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ds"
    assert main(["synthetic", str(out), "--clients", "80", "--activities", "150"]) == 0
    assert (out / "metadata.json").is_file()
    capsys.readouterr()
    assert (
        main(["evaluate", "--dataset", str(out), "--rankers", "random,nearest,weighted", "-k", "5"])
        == 0
    )
    text = capsys.readouterr().out
    assert re.match(r"Held-out clients: \d+ \(of \d+\); k = 5", text)
    assert "| oracle |" in text


SHARED = ROOT.parent / "shared" / "data"


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared/data beside the checkout")
def test_import_and_export_hsds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sample.csv"
    report = tmp_path / "report.md"
    assert (
        main(
            [
                "import",
                "hsds",
                str(SHARED / "hsds-1.1-sample"),
                "-o",
                str(out),
                "--report",
                str(report),
            ]
        )
        == 0
    )
    summary = capsys.readouterr().out
    assert re.search(r"(\d+) rows in, (\d+) accepted, (\d+) rejected", summary)
    rows_in, accepted, rejected = map(
        int,
        re.search(r"(\d+) rows in, (\d+) accepted, (\d+) rejected", summary).groups(),  # type: ignore[union-attr]
    )
    assert rows_in == accepted + rejected > 0
    assert report.read_text(encoding="utf-8").startswith("#")
    assert main(["validate", str(out)]) == 0
    capsys.readouterr()
    folder = tmp_path / "hsds"
    assert main(["export", "hsds", str(out), "-o", str(folder)]) == 0
    assert (folder / "datapackage.json").is_file()
    assert capsys.readouterr().out.startswith(f"{accepted} activities written as HSDS 3.0")


def test_import_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fixture = ROOT / "tests" / "io" / "fixtures" / "sociale_kaart_messy.csv"
    out = tmp_path / "sheet.csv"
    assert main(["import", "sheet", str(fixture), "-o", str(out)]) == 0
    summary = capsys.readouterr().out
    rows_in, accepted, rejected = map(
        int,
        re.search(r"(\d+) rows in, (\d+) accepted, (\d+) rejected", summary).groups(),  # type: ignore[union-attr]
    )
    assert rows_in == accepted + rejected
    assert rejected > 0  # the fixture holds rows that cannot be activities
    assert main(["validate", str(out)]) == 0
