"""The io namespaces are sorted and every name in them exists (examples: tests/test_doctests.py)."""

from __future__ import annotations

import wor_match.io
import wor_match.io.hsds


def test_namespace_is_sorted() -> None:
    for module in (wor_match.io, wor_match.io.hsds):
        assert module.__all__ == sorted(module.__all__)
        for name in module.__all__:
            assert hasattr(module, name), name
