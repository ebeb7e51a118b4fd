"""The wor-match command line, run in-process through main(argv)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wor_match.cli import main
from wor_match.filters import REASON_CODES

ROOT = Path(__file__).resolve().parents[1]
# two interests, so both valid offers match one (a shortlist lists no offer that matches none)
PROFILE = {
    "client_id": "cli-1",
    "home": {"lat": 52.0, "lon": 4.0},
    "interests": ["tuin", "muziek"],
}


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
    envelope = json.loads(capsys.readouterr().out)
    assert envelope["schema_version"] == "1.0"
    assert (envelope["client_id"], envelope["ranker"], envelope["language"]) == (
        "cli-1", "weighted", "nl")  # fmt: skip
    # the file's 4 rows: a1 and a2 feasible; the duplicate a2 and a3 (lat 999) are rejected
    assert envelope["feasible"] == 2
    assert envelope["excluded"] == {}
    assert envelope["unmatched_phrases"] == []
    out = envelope["items"]
    assert sorted(item["activity_id"] for item in out) == ["a1", "a2"]
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
    assert next(item for item in out if item["activity_id"] == "a2")["distance_km"] is None


def test_recommend_json_counts_exclusions(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "online-only.json"
    profile.write_text(json.dumps({**PROFILE, "open_to_delivery": ["online"]}), encoding="utf-8")
    code = main(["recommend", "--profile", str(profile), "--catalogue", str(files["catalogue"]),
                 "--format", "json"])  # fmt: skip
    assert code == 0
    envelope = json.loads(capsys.readouterr().out)
    assert (envelope["feasible"], [i["activity_id"] for i in envelope["items"]]) == (1, ["a2"])
    assert sum(envelope["excluded"].values()) >= 1
    assert set(envelope["excluded"]) <= set(REASON_CODES)


def test_json_errors_go_to_stderr_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "bad.json"
    profile.write_text(json.dumps({"client_id": "x", "home": {"lat": 1e308, "lon": 4}}),
                       encoding="utf-8")  # fmt: skip
    code = main(["recommend", "--profile", str(profile), "--format", "json"])
    assert code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    error = json.loads(captured.err)["error"]
    assert (error["code"], error["field"]) == ("invalid_profile", "home.lat")
    assert "1e+308" not in error["message"]
    assert "1e308" not in error["message"]


def test_json_error_for_unknown_postcode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "pc.json"
    profile.write_text(json.dumps({"client_id": "x", "home": {"postcode": "1000"}}),
                       encoding="utf-8")  # fmt: skip
    assert main(["recommend", "--profile", str(profile), "--format", "json"]) == 2
    error = json.loads(capsys.readouterr().err)["error"]
    assert (error["code"], error["field"]) == ("unknown_postcode", "home.postcode")


def test_profile_with_utf8_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "bom.json"
    profile.write_bytes(b"\xef\xbb\xbf" + json.dumps(PROFILE).encode("utf-8"))
    assert main(["recommend", "--profile", str(profile), "-k", "1"]) == 0
    assert capsys.readouterr().out.startswith("Aanbevelingen voor cli-1")


def test_profile_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "latin.json"
    profile.write_bytes('{"client_id": "Jos\u00e9"}'.encode("utf-16"))
    assert main(["recommend", "--profile", str(profile)]) == 2
    assert "is not UTF-8 text: save it as UTF-8 JSON" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["profile", "activity", "envelope"])
def test_schema_command(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", name]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$id"] == f"wor_match/{name}.schema.json"


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
    assert main(["validate", str(files["catalogue"]), "--format", "markdown"]) == 1
    out = capsys.readouterr().out
    assert "## Rejected rows (2, all listed)" in out
    assert "| 3 | a2 | rejected | duplicate activity_id 'a2' (first in row 2) |" in out


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
    code = main(["import", "hsds", str(SHARED / "hsds-1.1-sample"), "-o", str(out),
                 "--report", str(report)])  # fmt: skip
    summary = capsys.readouterr().out
    assert re.search(r"(\d+) rows in, (\d+) accepted, (\d+) rejected", summary)
    rows_in, accepted, rejected = map(
        int,
        re.search(r"(\d+) rows in, (\d+) accepted, (\d+) rejected", summary).groups(),  # type: ignore[union-attr]
    )
    assert rows_in == accepted + rejected > 0
    assert code == (1 if rejected else 0)  # the exit-code rule validate follows too
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
    # rows were rejected: exit 1, as validate does (the accepted rows are still written)
    assert main(["import", "sheet", str(fixture), "-o", str(out)]) == 1
    summary = capsys.readouterr().out
    rows_in, accepted, rejected = map(
        int,
        re.search(r"(\d+) rows in, (\d+) accepted, (\d+) rejected", summary).groups(),  # type: ignore[union-attr]
    )
    assert rows_in == accepted + rejected
    assert rejected > 0  # the fixture holds rows that cannot be activities
    assert main(["validate", str(out)]) == 0
