"""Checks of scalar parameters, with one message template (scikit-learn's).

"The 'k' parameter of recommend must be an int in the range [1, inf). Got 0 instead."
Every public function that takes ``k``, ``language`` or a choice among a few strings checks
it here, so the rule and its wording live in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import numpy as np

from wor_match._vocab import Language

__all__ = ["check_choice", "check_k", "check_language"]

S = TypeVar("S", bound=str)


def check_k(k: object, *, function: str = "recommend") -> int:
    """``k`` as an int of at least 1, or a ValueError naming ``function``.

    Examples
    --------
    >>> check_k(0, function="ndcg_at_k")
    Traceback (most recent call last):
    ...
    ValueError: The 'k' parameter of ndcg_at_k must be an int in the range [1, inf). Got 0 instead.
    """
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(
            f"The 'k' parameter of {function} must be an int in the range [1, inf). "
            f"Got {k!r} instead."
        )
    return int(k)


def check_choice(name: str, value: S, choices: Sequence[str], *, function: str) -> S:
    """``value`` if it is one of ``choices``, else a ValueError naming the parameter."""
    if value not in choices:
        *first, last = (repr(choice) for choice in choices)
        allowed = f"{', '.join(first)} or {last}" if first else last
        raise ValueError(
            f"The {name!r} parameter of {function} must be {allowed}. Got {value!r} instead."
        )
    return value


def check_language(language: Language, *, function: str = "recommend") -> Language:
    """``language`` if it is "nl" or "en"."""
    return check_choice("language", language, ("nl", "en"), function=function)
