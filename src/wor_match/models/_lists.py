"""The list forms that models accept: ``"a;b"``, ``["a;b"]`` and ``["a", "b"]`` are one list.

Plain functions, so that the columnar validation (:mod:`wor_match.catalogue._validate`) applies the
very same code to each distinct cell value.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["language_codes", "split_list", "split_text"]


def split_text(text: str) -> list[str]:
    """The non-blank ";"-separated parts of a text, stripped."""
    return [part.strip() for part in text.split(";") if part.strip()]


def split_list(value: Any) -> Any:
    """None as [], a string split on ";", and every string item of an iterable split the
    same way (so a list never holds "a;b" or ""); anything else is left for pydantic."""
    # every iterable pydantic would accept as a list: not str, bytes or a mapping
    if value is None:
        return []
    if isinstance(value, str):
        return split_text(value)
    if isinstance(value, Iterable) and not isinstance(value, bytes | bytearray | Mapping):
        items: list[Any] = []
        for item in value:
            if isinstance(item, bytes | bytearray):
                # pydantic reads UTF-8 bytes as a string; anything else it rejects itself
                with contextlib.suppress(UnicodeDecodeError):
                    item = item.decode("utf-8")
            if isinstance(item, str):
                items += split_text(item)
            else:
                items.append(item)
        return items
    return value


def language_codes(value: Any) -> Any:
    """A list of ISO 639-1 codes in lower case, in any list form :func:`split_list` takes.

    Raises
    ------
    ValueError
        If an item is not a two-letter code.
    """
    codes = split_list(value)
    if isinstance(codes, list):
        codes = [str(code).strip().lower() for code in codes]
        if not all(len(code) == 2 and code.isalpha() for code in codes):
            raise ValueError("languages must be ISO 639-1 codes such as nl, en, ar")
    return codes
