"""Placeholder: spreadsheet import arrives in the next commit."""

from __future__ import annotations

from os import PathLike
from typing import Any

from wor_match.io._report import ImportResult


def read_sheet(path: str | PathLike[str], mapping: Any = None) -> ImportResult:
    raise NotImplementedError
