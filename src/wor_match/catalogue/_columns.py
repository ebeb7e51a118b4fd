"""The canonical columnar form of catalogue rows, and Activities read back from it.

The canonical columnar form (:func:`activities_to_columns`, and the ``columns`` of
:func:`~wor_match.catalogue._validate.validate_frame`) has the columns of
:data:`~wor_match.models.activity.ACTIVITY_FIELDS` in that order, a RangeIndex and one row
per activity:

=========================================  =======  =========================================
column                                     dtype    value
=========================================  =======  =========================================
activity_id, name, description, provider,  object   str, stripped ("" when empty)
contact, url, source
kind, delivery, status, referral           object   the canonical value (default applied)
social_setting, postcode                   object   str; "" for None
categories, tags, coverage, languages      object   items joined with ";"
schedule                                   int64    slot bit mask (``slots_to_mask``)
lat, lon, cost_per_month                   float64  NaN for None
min_age, max_age, capacity                 float64  whole numbers; NaN for None
wheelchair_accessible                      int8     -1 unknown, 0 False, 1 True
last_verified                              float64  ``date.toordinal()``; NaN for None
=========================================  =======  =========================================

:func:`activity_at` turns one row back into an Activity equal to the validated one.
"""

from __future__ import annotations

import datetime as dt
import operator
import weakref
from collections.abc import Callable, Iterable
from typing import Any, Final, SupportsIndex

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._errors import CatalogueError
from wor_match.models._slots import Slot, mask_to_slots, slots_to_mask
from wor_match.models.activity import ACTIVITY_FIELDS, Activity

__all__ = ["FIELD_KINDS", "activities_at", "activities_to_columns", "activity_at"]

#: How each field is checked and stored. A test guards that this covers ACTIVITY_FIELDS.
FIELD_KINDS: Final[dict[str, str]] = {
    "activity_id": "required_text",
    "name": "required_text",
    "description": "text",
    "kind": "choice",
    "delivery": "choice",
    "categories": "list",
    "tags": "list",
    "lat": "float",
    "lon": "float",
    "postcode": "optional_text",
    "schedule": "schedule",
    "cost_per_month": "float",
    "wheelchair_accessible": "tristate",
    "social_setting": "optional_choice",
    "min_age": "whole",
    "max_age": "whole",
    "languages": "languages",
    "capacity": "whole",
    "status": "choice",
    "provider": "text",
    "contact": "text",
    "url": "text",
    "referral": "choice",
    "last_verified": "date",
    "coverage": "list",
    "source": "text",
}
_DTYPES: Final[dict[str, type[np.generic]]] = {
    "required_text": np.object_,
    "text": np.object_,
    "optional_text": np.object_,
    "choice": np.object_,
    "optional_choice": np.object_,
    "list": np.object_,
    "languages": np.object_,
    "schedule": np.int64,
    "float": np.float64,
    "whole": np.float64,
    "tristate": np.int8,
    "date": np.float64,
}
_TRISTATE: Final[dict[bool | None, int]] = {None: -1, False: 0, True: 1}
_BOOLS: Final[tuple[bool | None, ...]] = (False, True, None)  # indexed by the int8 code


def _join(items: list[str]) -> str:
    return ";".join(items)


def _split(text: str) -> list[str]:
    return text.split(";") if text else []


def _optional_float(value: float | None) -> float:
    return np.nan if value is None else float(value)


def _float_or_none(value: float) -> float | None:
    return None if value != value else float(value)


def _int_or_none(value: float) -> int | None:
    return None if value != value else int(value)


def _date_or_none(value: float) -> dt.date | None:
    return None if value != value else dt.date.fromordinal(int(value))


def _schedule(mask: int) -> list[Slot]:
    return list(mask_to_slots(int(mask)))


_TO_COLUMN: Final[dict[str, Callable[[Any], Any]]] = {
    "required_text": str,
    "text": str,
    "optional_text": lambda value: value or "",
    "choice": str,
    "optional_choice": lambda value: value or "",
    "list": _join,
    "languages": _join,
    "schedule": slots_to_mask,
    "float": _optional_float,
    "whole": _optional_float,
    "tristate": _TRISTATE.__getitem__,
    "date": lambda value: np.nan if value is None else float(value.toordinal()),
}
_FROM_COLUMN: Final[dict[str, Callable[[Any], Any]]] = {
    "required_text": str,
    "text": str,
    "optional_text": lambda value: value or None,
    "choice": str,
    "optional_choice": lambda value: value or None,
    "list": _split,
    "languages": _split,
    "schedule": _schedule,
    "float": _float_or_none,
    "whole": _int_or_none,
    "tristate": lambda code: _BOOLS[code],
    "date": _date_or_none,
}


def _frame(values: dict[str, Any]) -> pd.DataFrame:
    """The canonical DataFrame from one array per field (object columns stay object)."""
    columns = {
        name: pd.Series(values[name], dtype=_DTYPES[FIELD_KINDS[name]], copy=False)
        for name in ACTIVITY_FIELDS
    }
    # copy=False: the arrays are fresh, so the frame takes them over (one block per column)
    # instead of stacking them into copies, which would double the peak memory
    return pd.DataFrame(columns, columns=list(ACTIVITY_FIELDS), copy=False)


def activities_to_columns(activities: Iterable[Activity]) -> pd.DataFrame:
    """The canonical columnar form of validated activities (see the module docs).

    Examples
    --------
    >>> a = Activity.model_validate({"activity_id": "a1", "name": "Koor", "lat": "52.1",
    ...     "lon": "4.6", "schedule": "wo:avond;ma:ochtend", "languages": "NL;en"})
    >>> columns = activities_to_columns([a])
    >>> int(columns["schedule"][0]), columns["languages"][0], columns["kind"][0]
    (257, 'nl;en', 'activity')
    >>> activity_at(columns, 0) == a
    True
    """
    acts = list(activities)
    values = {}
    for name in ACTIVITY_FIELDS:
        kind = FIELD_KINDS[name]
        convert = _TO_COLUMN[kind]
        column = [convert(getattr(activity, name)) for activity in acts]
        values[name] = np.array(column, dtype=_DTYPES[kind])
    return _frame(values)


# The canonical value of a blank cell (or an absent column) is that of the field's default.
_DEFAULTS: Final[dict[str, Any]] = {
    str(name): column.to_numpy()[0]
    for name, column in activities_to_columns([Activity(activity_id="x", name="x")]).items()
}

# activity_at reads the columns of a frame as numpy arrays, once per frame
_ARRAYS: dict[int, tuple[weakref.ref[pd.DataFrame], int, tuple[Any, ...]]] = {}
_READERS: Final = tuple(_FROM_COLUMN[FIELD_KINDS[name]] for name in ACTIVITY_FIELDS)
_object_setattr: Final = object.__setattr__
_PLAIN_MODEL: Final = (
    not Activity.__pydantic_post_init__
    and not Activity.__pydantic_root_model__
    and not Activity.__private_attributes__
    and Activity.model_config.get("extra") != "allow"
    and all(f.alias is None and f.validation_alias is None for f in Activity.model_fields.values())
)


def _arrays_of(columns: pd.DataFrame) -> tuple[Any, ...]:
    key = id(columns)
    cached = _ARRAYS.get(key)
    if cached is not None and cached[0]() is columns and cached[1] == len(columns):
        return cached[2]
    missing = [name for name in ACTIVITY_FIELDS if name not in columns.columns]
    if missing:
        raise CatalogueError(
            f"canonical catalogue columns are missing {missing}; build them with "
            "validate_frame or activities_to_columns"
        )
    arrays = tuple(columns[name].to_numpy() for name in ACTIVITY_FIELDS)
    reference = weakref.ref(columns, lambda _: _ARRAYS.pop(key, None))
    _ARRAYS[key] = (reference, len(columns), arrays)
    return arrays


def activity_at(columns: pd.DataFrame, index: SupportsIndex) -> Activity:
    """Row ``index`` of canonical columns as an :class:`~wor_match.Activity`, unvalidated.

    The result equals (``==``) the Activity the row was validated as. The frame is read
    into numpy arrays once (cached while the frame lives), so a look-up costs microseconds;
    canonical columns are meant to stay as built: a column replaced after the first look-up
    is not seen by later ones.

    Raises
    ------
    IndexError
        If ``index`` is not a row of ``columns`` (negative indices count from the end).
    CatalogueError
        If ``columns`` lacks a canonical column.
    """
    arrays = _arrays_of(columns)
    size = len(arrays[0])
    position = operator.index(index)
    if not -size <= position < size:
        raise IndexError(f"row {index} is out of range for {size} activities")
    data = {
        name: read(array[position])
        for name, read, array in zip(ACTIVITY_FIELDS, _READERS, arrays, strict=True)
    }
    return _construct(data)


def activities_at(columns: pd.DataFrame, rows: npt.ArrayLike) -> list[Activity]:
    """:func:`activity_at` for many rows, in the order given: each column is read once
    for all of them (a shortlist's activities in one pass).

    Raises
    ------
    IndexError
        If a row is out of range (negative rows count from the end).
    TypeError
        If the rows are not integers.
    """
    arrays = _arrays_of(columns)
    size = len(arrays[0])
    positions = np.asarray(rows).reshape(-1)
    if positions.dtype.kind not in "iu":
        if len(positions):
            raise TypeError(f"rows must be integer row positions; got {positions.dtype} values")
        positions = positions.astype(np.intp)
    if len(positions) and not (-size <= positions.min() and positions.max() < size):
        bad = positions[(positions < -size) | (positions >= size)][0]
        raise IndexError(f"row {bad} is out of range for {size} activities")
    cells = [
        [read(value) for value in array[positions].tolist()]
        for read, array in zip(_READERS, arrays, strict=True)
    ]
    return [
        _construct(dict(zip(ACTIVITY_FIELDS, row, strict=True))) for row in zip(*cells, strict=True)
    ]


def _construct(data: dict[str, Any]) -> Activity:
    """An Activity from every field's value, unvalidated (the values come from columns
    that were validated)."""
    if not _PLAIN_MODEL:
        return Activity.model_construct(**data)
    # what model_construct does for a model without aliases, extras, private attributes or
    # post-init, given every field: a third of its cost
    activity = Activity.__new__(Activity)
    _object_setattr(activity, "__dict__", data)
    _object_setattr(activity, "__pydantic_fields_set__", set(ACTIVITY_FIELDS))
    _object_setattr(activity, "__pydantic_extra__", None)
    _object_setattr(activity, "__pydantic_private__", None)
    return activity
