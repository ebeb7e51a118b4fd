"""Catalogue files from many hands: no crash, no lost row, every rejected row reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import wor_match as wm
from wor_match.cli import main

HEADER = "activity_id,name,postcode\n"


def _write(tmp_path: Path, text: str, name: str = "c.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_extra_field_rejects_that_row_and_loads_the_rest(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER + "a1,Koor,2181\na2,Soos,2181,x\na3,Bingo,2181\n")
    report = wm.Catalogue.from_csv(path).report
    assert (report.rows_in, report.accepted, len(report.rejected)) == (3, 2, 1)
    assert report.rejected == [
        {"row": 2, "activity_id": "", "message": "line 3: 4 fields where the header has 3"}
    ]


def test_stray_quote_rejects_every_folded_line(tmp_path: Path) -> None:
    text = HEADER + 'a1,Koor,2181\na2,"Soos,2181\na3,Bingo,2181\na4,Yoga",2181\na5,Dans,2181\n'
    catalogue = wm.Catalogue.from_csv(_write(tmp_path, text))
    report = catalogue.report
    assert sorted(a.activity_id for a in catalogue) == ["a1", "a5"]
    assert [r["row"] for r in report.rejected] == [2, 3, 4]
    assert all("stray quote (opened in line 3)" in r["message"] for r in report.rejected)
    assert report.rows_in == report.accepted + len(report.rejected) == 5


def test_row_numbers_after_a_rejected_line_stay_physical(tmp_path: Path) -> None:
    text = HEADER + "a1,Koor,2181\na2,Soos,2181,x\na1,Dubbel,2181\n"
    report = wm.Catalogue.from_csv(_write(tmp_path, text)).report
    assert [(r["row"], r["message"]) for r in report.rejected] == [
        (2, "line 3: 4 fields where the header has 3"),
        (3, "duplicate activity_id 'a1' (first in row 1)"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path, HEADER + "a1,Café Grûne,2181\n", encoding=encoding)
    catalogue = wm.Catalogue.from_csv(path)
    assert catalogue["a1"].name == "Café Grûne"


def test_unknown_encoding_in_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(HEADER.encode() + b"a1,\x81\x8d,2181\n")
    assert main(["validate", str(path)]) == 2
    assert f"cannot read {path}: it is not utf-8 or cp1252 text" in capsys.readouterr().err


def test_latin1_file_in_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, HEADER + "a1,Crème,2181\n", encoding="latin-1")
    assert main(["validate", str(path)]) == 0
    assert "1 rows in, 1 accepted, 0 rejected" in capsys.readouterr().out


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(wm.CatalogueError, match="is empty: a catalogue CSV needs a header"):
        wm.Catalogue.from_csv(_write(tmp_path, ""))


def test_json_items_that_are_not_objects(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps([{"activity_id": "a1", "name": "Koor", "delivery": "online"},
                                "a2", 3, None]), encoding="utf-8")  # fmt: skip
    report = wm.Catalogue.from_file(path).report
    assert (report.rows_in, report.accepted) == (4, 1)
    assert report.rejected[0]["message"] == (
        "Invalid activity: a record must be an object (a mapping of field to value); got str"
    )


def test_pd_na_in_records() -> None:
    import pandas as pd

    catalogue = wm.Catalogue.from_records(
        [{"activity_id": "a1", "name": "Koor", "delivery": "online", "cost_per_month": pd.NA,
          "postcode": pd.NA}, {"activity_id": pd.NA, "name": "x"}]
    )  # fmt: skip
    assert catalogue.report.accepted == 1
    assert catalogue["a1"].cost_per_month is None


def test_markdown_lists_every_rejected_row_before_warnings(tmp_path: Path) -> None:
    rows = [f"w{i},Wandelen,2181" for i in range(300)]  # each gets a PC4-centroid warning
    rows.append("last,Kapot,2181,extra")
    report = wm.Catalogue.from_csv(_write(tmp_path, HEADER + "\n".join(rows) + "\n")).report
    text = report.to_markdown()
    assert len(report.warnings) == 300
    assert text.index("## Rejected rows (1, all listed)") < text.index("## Warnings (300)")
    assert "| 301 |  | rejected | line 302: 4 fields where the header has 3 |" in text
    assert "... and 100 more warnings" in text


FORMULA = '=HYPERLINK("http://evil.example","Klik")'


def test_formula_injection_round_trip(tmp_path: Path) -> None:
    catalogue = wm.Catalogue.from_records(
        [{"activity_id": "a1", "name": FORMULA, "contact": "+31 6 12345678",
          "description": "-kapot", "delivery": "online", "provider": "@home"}]
    )  # fmt: skip
    path = tmp_path / "out.csv"
    catalogue.to_csv(path)
    written = path.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in written
    assert ",+31 6 12345678," in written  # a phone number stays usable
    assert "'-kapot" in written
    assert "'@home" in written
    again = wm.Catalogue.from_csv(path)
    assert again["a1"] == catalogue["a1"]
