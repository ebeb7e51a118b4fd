"""CSV cells that a spreadsheet would run as a formula: neutralised on write, restored on read.

A CSV cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (CSV or formula injection, OWASP):
``=HYPERLINK("http://evil.example","Klik")`` becomes a link, ``=cmd|...`` a DDE call.
Catalogue data comes from many hands, so every CSV wor_match writes goes through
:func:`neutralise_frame`.

The policy:

- A text cell whose first character is one of those is written with a leading
  apostrophe (``'=HYPERLINK(...)``): spreadsheets show it as text. The apostrophe is the
  usual mark (OWASP's advice) and a person sees the value as it was.
- A cell that holds only digits, spaces and ``+ - ( ) . , /`` is left alone: a phone number
  (``+31 6 12345678``), a negative amount (``-5``) or a date cannot call anything, and stays
  usable as it is.
- On read (:func:`restore_cell`) wor_match removes that apostrophe again when what follows
  starts with one of those characters, so a catalogue written and read back is unchanged.
  A value that really starts with an apostrophe followed by ``=`` loses the apostrophe.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

__all__ = ["FORMULA_START", "neutralise_cell", "neutralise_frame", "restore_cell", "restore_frame"]

#: first characters that make a spreadsheet read a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HARMLESS = re.compile(r"[0-9\s+\-().,/]*")


def neutralise_cell(value: Any) -> Any:
    """The cell as written to CSV: an apostrophe before a formula start (see the policy)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        if _HARMLESS.fullmatch(value) and any(c.isdigit() for c in value):
            return value
        return "'" + value
    return value


def restore_cell(value: Any) -> Any:
    """The inverse of :func:`neutralise_cell` for cells read from CSV."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value


def _needs_work(column: pd.Series) -> bool:
    if column.dtype != object and not isinstance(column.dtype, pd.StringDtype):
        return False
    return bool(column.astype("string").str.startswith(FORMULA_START).fillna(False).any())


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell neutralised (numbers are left alone)."""
    columns = {name: frame[name] for name in frame.columns if _needs_work(frame[name])}
    if not columns:
        return frame
    out = frame.copy()
    for name, column in columns.items():
        cells = [neutralise_cell(value) for value in column.tolist()]
        out[name] = pd.Series(cells, index=column.index, dtype=column.dtype)
    return out


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` read from CSV with the apostrophes of :func:`neutralise_cell`
    removed."""
    out = frame
    for name in frame.columns:
        column = frame[name]
        if column.dtype != object and not isinstance(column.dtype, pd.StringDtype):
            continue
        text = column.astype("string")
        marked = text.str.startswith("'").fillna(False) & (
            text.str[1:].str.startswith(FORMULA_START).fillna(False)
        )
        if marked.any():
            if out is frame:
                out = frame.copy()
            cells = [
                restore_cell(value) if flag else value
                for value, flag in zip(column.tolist(), marked.tolist(), strict=True)
            ]
            out[name] = pd.Series(cells, index=column.index, dtype=column.dtype)
    return out
