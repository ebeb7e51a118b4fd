"""The examples in the docstrings run (the io package has its own list: tests/io)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import wor_match

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(wor_match.__path__, prefix="wor_match.")
    if not info.name.startswith("wor_match.io")
)


def test_modules_are_found() -> None:
    assert {"wor_match.models.loneliness", "wor_match.geo.distance", "wor_match.recommender"} <= (
        set(MODULES)
    )


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(
        importlib.import_module(name),
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )
    assert result.failed == 0
