"""Reading CSV files row by row: bad rows rejected with their line, folds detected, and the
encodings a municipal spreadsheet comes in."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import wor_match as wm
from wor_match._csv_read import decode_csv, read_csv_records, split_csv_records


def test_extra_field_is_rejected_with_its_line() -> None:
    text = "activity_id,name,postcode\na1,Koor,2181\na2,Soos,2181,extra\na3,Bingo,2181\n"
    result = split_csv_records(text, "t.csv")
    assert [r[0] for r in result.records] == ["a1", "a3"]
    assert result.rows == [1, 3]
    assert result.rejected == [
        {"row": 2, "line": 3, "message": "line 3: 4 fields where the header has 3"}
    ]
    assert result.rows_in == 3


def test_stray_quote_folding_rows_is_detected_line_by_line() -> None:
    text = (
        "activity_id,name,postcode\n"
        "a1,Koor,2181\n"
        'a2,"Soos,2181\n'
        "a3,Bingo,2181\n"
        'a4,Yoga",2181\n'
        "a5,Dans,2181\n"
    )
    result = split_csv_records(text, "t.csv")
    assert [r[0] for r in result.records] == ["a1", "a5"]
    assert [r["line"] for r in result.rejected] == [3, 4, 5]
    assert result.rejected[0]["message"] == (
        "line 3: a stray quote (opened in line 3) folds lines 3-5 into one row; check the quotes"
    )
    # rows in = the file's 5 physical records = 2 accepted + 3 rejected
    assert result.rows_in == 5


def test_unclosed_quote_at_the_end() -> None:
    text = 'activity_id,name\na1,Koor\na2,"Soos\na3,Bingo\n'
    result = split_csv_records(text, "t.csv")
    assert [r[0] for r in result.records] == ["a1"]
    assert [r["line"] for r in result.rejected] == [3, 4]


def test_description_with_line_breaks_is_one_row() -> None:
    text = 'activity_id,name,description\na1,Koor,"Elke week.\nOok voor beginners."\na2,Soos,\n'
    result = split_csv_records(text, "t.csv")
    assert [r[0] for r in result.records] == ["a1", "a2"]
    assert result.records[0][2] == "Elke week.\nOok voor beginners."
    assert result.lines == [2, 4]
    assert result.rejected == []


def test_short_rows_are_padded_and_blank_lines_skipped() -> None:
    result = split_csv_records("activity_id,name,postcode\n\na1,Koor\n\n", "t.csv")
    assert result.records == [["a1", "Koor", ""]]


def test_empty_file() -> None:
    with pytest.raises(wm.CatalogueError, match=r"t\.csv is empty: a catalogue CSV needs a header"):
        split_csv_records("", "t.csv")


ROWS = "activity_id,name\na1,Caf\u00e9 De Gr\u00fbne\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ROWS.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ROWS.encode("utf-8"), "utf-8-sig"),
        (ROWS.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + ROWS.encode("utf-16-be"), "utf-16"),
        (ROWS.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings(data: bytes, encoding: str, tmp_path: Path) -> None:
    text, used = decode_csv(data, "t.csv")
    assert (text.lstrip("\ufeff"), used) == (ROWS, encoding)
    path = tmp_path / "c.csv"
    path.write_bytes(data)
    assert read_csv_records(path).records == [["a1", "Caf\u00e9 De Gr\u00fbne"]]


def test_unknown_encoding_names_file_and_encodings() -> None:
    data = "a\u0142".encode("utf-8")[:-1] + b"\x81\x8d"  # not UTF-8, and 0x81 is not cp1252
    with pytest.raises(
        wm.CatalogueError, match=r"cannot read t\.csv: it is not utf-8 or cp1252 text"
    ) as info:
        decode_csv(data, "t.csv")
    assert info.value.field == "encoding"
