"""Every error is a documented WorMatchError with a stable code (docs/errors.md agrees)."""

from __future__ import annotations

import datetime as dt
import inspect
import re
from pathlib import Path

import pytest

import wor_match as wm
from wor_match import _errors

DOCS = Path(__file__).parents[1] / "docs" / "errors.md"

ERROR_CLASSES = [
    obj
    for _, obj in inspect.getmembers(_errors, inspect.isclass)
    if issubclass(obj, wm.WorMatchError)
]


def _documented() -> dict[str, tuple[str, str]]:
    """class name -> (code, built-in) from the table in docs/errors.md."""
    rows = re.findall(r"^\| `(\w+)` \| `(\w+)` \| `(\w+)` \|", DOCS.read_text(), re.MULTILINE)
    return {name: (code, builtin) for code, name, builtin in rows}


def test_docs_list_every_error_with_its_code_and_builtin() -> None:
    documented = _documented()
    assert set(documented) == {cls.__name__ for cls in ERROR_CLASSES}
    for cls in ERROR_CLASSES:
        code, builtin = documented[cls.__name__]
        assert cls.code == code, cls
        builtins = [base.__name__ for base in cls.__mro__[1:] if base.__module__ == "builtins"]
        assert builtins[0] == builtin, cls


def test_codes_are_unique_snake_case_and_exported() -> None:
    codes = [cls.code for cls in ERROR_CLASSES]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", code) for code in codes)
    assert {cls.__name__ for cls in ERROR_CLASSES} <= set(wm.__all__)


def test_to_dict_carries_code_field_and_message() -> None:
    error = wm.InvalidParameterError("The 'k' parameter ...", field="k")
    assert error.to_dict() == {
        "code": "invalid_parameter",
        "field": "k",
        "message": "The 'k' parameter ...",
    }


PROFILE = {"client_id": "c1", "home": {"postcode": "2181"}}


@pytest.mark.parametrize("k", [0, -1, 2.5, True, "3", None])
def test_bad_k(k: object) -> None:
    with pytest.raises(
        wm.InvalidParameterError, match=r"The 'k' parameter of recommend must be an int"
    ) as info:
        wm.recommend(PROFILE, k=k)  # type: ignore[arg-type]
    assert (info.value.code, info.value.field) == ("invalid_parameter", "k")


def test_bad_language() -> None:
    with pytest.raises(
        wm.InvalidParameterError, match="'language' parameter of recommend must be 'nl' or 'en'"
    ) as info:
        wm.recommend(PROFILE, language="de")  # type: ignore[arg-type]
    assert info.value.field == "language"


def test_why_not_unknown_activity() -> None:
    recs = wm.recommend(PROFILE, k=3, today=dt.date(2026, 11, 22))
    with pytest.raises(
        wm.UnknownActivityError, match=r"^no activity with activity_id 'nope' in this catalogue$"
    ) as info:
        recs.why_not("nope")
    assert (info.value.code, info.value.field) == ("unknown_activity", "activity_id")
    assert isinstance(info.value, KeyError)


def test_unknown_ranker_has_its_code() -> None:
    with pytest.raises(wm.UnknownRankerError, match="no ranker") as info:
        wm.recommend(PROFILE, ranker="no-such-ranker")
    assert info.value.code == "unknown_ranker"
