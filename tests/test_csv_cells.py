"""CSV formula injection: neutralised on write, restored on read (the documented policy)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wor_match._csv_cells import neutralise_cell, neutralise_frame, restore_cell, restore_frame


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example","Klik")', '\'=HYPERLINK("http://evil.example","Klik")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1", "'\r=1"),
        ("=", "'="),
        ("-", "'-"),
        # harmless: digits and + - ( ) . , / only, with a digit: usable as they are
        ("+31 6 12345678", "+31 6 12345678"),
        ("+31 (0)6-1234 5678", "+31 (0)6-1234 5678"),
        ("-5", "-5"),
        ("-2,50", "-2,50"),
        # not starting with a formula character: unchanged
        ("Koffie = gratis", "Koffie = gratis"),
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_policy(value: str, written: str) -> None:
    assert neutralise_cell(value) == written
    assert restore_cell(written) == value


def test_non_text_cells_are_left_alone() -> None:
    for value in (None, 3, -2.5, float("nan")):
        assert neutralise_cell(value) is value


@given(st.text(max_size=30))
def test_round_trip(value: str) -> None:
    written = neutralise_cell(value)
    assert restore_cell(written) == value or value.startswith("'")
    # what is written never starts a formula, unless it is digits and separators only
    if isinstance(written, str) and written.startswith(("=", "+", "-", "@", "\t", "\r")):
        assert set(written) <= set("0123456789 +-().,/\t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0")


def test_frames() -> None:
    frame = pd.DataFrame({"name": ["=1+1", "Yoga"], "n": [-1, 2], "phone": ["+31 6 1", None]})
    written = neutralise_frame(frame)
    assert written["name"].tolist() == ["'=1+1", "Yoga"]
    assert written["n"].tolist() == [-1, 2]
    assert written["phone"].iloc[0] == "+31 6 1"
    assert pd.isna(written["phone"].iloc[1])
    assert frame["name"].tolist() == ["=1+1", "Yoga"]  # the input is not changed
    pd.testing.assert_frame_equal(restore_frame(written), frame)
