"""The examples in the io docstrings run."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["wor_match.io._clean", "wor_match.io._times", "wor_match.io.hsds",
           "wor_match.io.sheet", "wor_match.io.duplicates", "wor_match.io.geocode"]  # fmt: skip


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_namespace_is_sorted() -> None:
    import wor_match.io

    assert wor_match.io.__all__ == sorted(wor_match.io.__all__)
    for name in wor_match.io.__all__:
        assert hasattr(wor_match.io, name), name
