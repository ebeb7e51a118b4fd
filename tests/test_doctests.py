"""The examples in the docstrings run: every module of the package that has examples.

Modules are found by walking the package (so modules that move keep being tested), and
only those with examples are run: a module without examples would pass whatever happened.
Each run must try exactly the examples the module holds (examples marked SKIP excluded).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import wor_match

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
ALL_MODULES = sorted(
    info.name for info in pkgutil.walk_packages(wor_match.__path__, prefix="wor_match.")
)


def examples_in(name: str) -> int:
    """The examples doctest will run in a module (those marked SKIP not counted)."""
    module = importlib.import_module(name)
    return sum(
        1
        for test in doctest.DocTestFinder().find(module)
        for example in test.examples
        if not example.options.get(doctest.SKIP, False)
    )


WITH_EXAMPLES = {name: count for name in ALL_MODULES if (count := examples_in(name))}


def test_modules_with_examples_are_found() -> None:
    # walking the package finds subpackages at every depth, the io package included
    assert {"wor_match.models.loneliness", "wor_match.io._values"} <= set(WITH_EXAMPLES)
    assert any(name.startswith("wor_match.io.hsds.") for name in WITH_EXAMPLES)
    assert len(WITH_EXAMPLES) >= 15


@pytest.mark.parametrize(("name", "expected"), sorted(WITH_EXAMPLES.items()))
def test_docstring_examples(name: str, expected: int) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=FLAGS)
    assert (result.attempted, result.failed) == (expected, 0)
