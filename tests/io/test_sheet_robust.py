"""Sheet import (issue 11): stray quotes, encodings, duplicates on known fields only, and
the headers of an English volunteer-vacancy export."""

from __future__ import annotations

from pathlib import Path

from wor_match.io import read_sheet
from wor_match.io.sheet import guess_mapping


def _sheet(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "sheet.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_stray_quote_rows_are_reported_not_folded(tmp_path: Path) -> None:
    text = ("Naam,Postcode\nKoor,2181\n\"Soos,2181\nBingo,2181\nYoga\",2181\nDans,2181\n"
            "Wandelen,2181\nSchaken,2181\nTuin,2181\nLezen,2181\nKoken,2181\n")  # fmt: skip
    result = read_sheet(_sheet(tmp_path, text))
    counts = result.counts
    assert counts["rows_in"] == 10 == counts["accepted"] + counts["rejected"]
    assert counts["rejected"] == 3
    rejected = result.report[result.report["status"] == "rejected"]
    assert rejected["source_row"].tolist() == [2, 3, 4]
    assert all("stray quote (opened in line 3)" in r for r in rejected["reason"])
    assert "Soos" not in " ".join(str(r.get("name")) for r in result.records)


def test_utf16_with_bom(tmp_path: Path) -> None:
    result = read_sheet(_sheet(tmp_path, "Naam;Plaats\nCafé Grûne;Hillegom\n", "utf-16"))
    assert [r["name"] for r in result.records] == ["Café Grûne"]


def test_duplicate_only_on_known_fields(tmp_path: Path) -> None:
    text = "Name,Summary\nLiteracy helper,Help adults read\nLiteracy helper,At the library\n"
    result = read_sheet(_sheet(tmp_path, text))
    assert result.counts["rejected"] == 0
    warnings = result.report["warnings"].iloc[1]
    assert "possible duplicate of row 1 (same name; provider, place, time not known)" in warnings


def test_duplicate_on_all_known_fields_is_rejected(tmp_path: Path) -> None:
    text = ("Name,Organisation title,Town,Day\nKoor,Zangvereniging,Hillegom,dinsdag\n"
            "Koor,Zangvereniging,Hillegom,dinsdag\n")  # fmt: skip
    result = read_sheet(_sheet(tmp_path, text))
    assert result.report["reason"].iloc[1] == (
        "duplicate of row 1 (same name, provider, place and time)"
    )


def test_english_export_headers() -> None:
    headers = ["Opportunity ID", "Title", "Summary", "Organisation title", "Category",
               "Location", "Postcode"]  # fmt: skip
    assert guess_mapping(headers) == {
        "Opportunity ID": "activity_id",
        "Title": "name",
        "Summary": "description",
        "Organisation title": "provider",
        "Category": "categories",
        "Location": "place",
        "Postcode": "postcode",
    }


def test_export_id_column_is_used(tmp_path: Path) -> None:
    text = "Opportunity ID,Title,Summary\nV-1017,Literacy helper,Help adults read\n"
    result = read_sheet(_sheet(tmp_path, text))
    assert [r["activity_id"] for r in result.records] == ["V-1017"]
