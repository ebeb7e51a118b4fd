"""A vectorised check of a catalogue DataFrame, with the outcome of row-by-row validation.

Validating a million catalogue rows one :class:`~wor_match.Activity` at a time takes
minutes. :func:`validate_frame` reaches the same outcome in seconds: each column is checked
and converted at once (over its distinct values, which repeat a lot in real catalogues),
and only the rows some column cannot vouch for go through ``Activity.model_validate``,
which gives their values or their exact rejection message. The fast path only ever
*accepts* what it is sure of: a row it doubts costs time, never a different result.

The accepted rows come out in the canonical columnar form of :mod:`._columns`.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, get_args

import annotated_types
import numpy as np
import numpy.typing as npt
import pandas as pd
from pydantic import ConfigDict, TypeAdapter, ValidationError

from wor_match._errors import CatalogueError, InvalidActivityError
from wor_match._vocab import DELIVERIES, KINDS, SETTINGS, STATUSES, Referral
from wor_match.catalogue._columns import (
    _DEFAULTS,
    _DTYPES,
    _TRISTATE,
    FIELD_KINDS,
    _frame,
    _join,
    activities_to_columns,
)
from wor_match.models._lists import language_codes, split_list
from wor_match.models._slots import SLOT_BITS, parse_slots
from wor_match.models.activity import (
    ACTIVITY_FIELDS,
    Activity,
    _choice,
    _tristate,
)

__all__ = ["ValidatedColumns", "validate_frame"]

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

#: What pydantic's ``str_strip_whitespace`` strips (Unicode White_Space, as Rust's
#: ``str::trim``). Python's ``str.strip()`` strips more (also \x1c-\x1f), so give it these.
WHITESPACE: Final = (
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

_CHOICES: Final[dict[str, frozenset[str]]] = {
    "kind": frozenset(KINDS),
    "delivery": frozenset(DELIVERIES),
    "status": frozenset(STATUSES),
    "referral": frozenset(get_args(Referral)),
    "social_setting": frozenset(SETTINGS),
}
#: Integers up to this size are exact as float64; larger ones take the slow path.
_EXACT_INT: Final = 2.0**53

# pydantic's own parsers, configured like the model, for number, whole-number and date cells
_CONFIG = ConfigDict(
    str_strip_whitespace=bool(Activity.model_config.get("str_strip_whitespace", False))
)
_FLOAT_ADAPTER: Final = TypeAdapter(float, config=_CONFIG)
_INT_ADAPTER: Final = TypeAdapter(int, config=_CONFIG)
_DATE_ADAPTER: Final = TypeAdapter(dt.date, config=_CONFIG)


class _Doubt:
    """A cell value the fast path cannot vouch for (the row goes to ``model_validate``)."""


_DOUBT: Final = _Doubt()


# --------------------------------------------------------------------------- the result
@dataclass(frozen=True, eq=False)
class ValidatedColumns:
    """The outcome of :func:`validate_frame`.

    Invariant: ``len(columns) + len(rejected)`` is the number of input rows.

    Attributes
    ----------
    columns : DataFrame
        The accepted rows in the canonical columnar form (see the module docs).
    rows : ndarray of int64
        The 1-based input row number of each accepted row.
    rejected : list of dict
        ``{"row", "activity_id", "message"}`` per rejected row, sorted by row; the messages
        are those of :meth:`Catalogue.from_records <wor_match.Catalogue.from_records>`.
    """

    columns: pd.DataFrame
    rows: IntArray
    rejected: list[dict[str, Any]]


# --------------------------------------------------------------------------- input cells
_STR, _FLOAT, _INT, _BOOL, _OTHER = range(5)
_TYPE_CODES: Final[dict[type, int]] = {str: _STR, float: _FLOAT, int: _INT, bool: _BOOL}


@dataclass(frozen=True)
class _Cells:
    """One input column, its cells sorted by what they hold.

    A row that is in none of blank, text, number or bool rows holds something else (a
    list, a date, a numpy scalar...) and always takes the exact path.
    """

    n: int
    blank: BoolArray  # missing (None, NaN, NA, NaT) or "": the field's default
    text_rows: IntArray  # a non-empty str
    text_codes: IntArray  # per text row, its index in text_values
    text_values: list[str]  # the distinct strings
    number_rows: IntArray  # an int or float (not bool), exactly representable as float64
    numbers: FloatArray
    bool_rows: IntArray
    bools: BoolArray


_SAMPLE: Final = 20_000


def _distinct(values: Any) -> tuple[IntArray, list[str]]:
    """Codes and distinct values of strings; factorising only where values repeat."""
    n = len(values)
    if n > 4 * _SAMPLE:
        # nearly all distinct (ids, names, coordinates as text): hashing does not pay
        sample = np.asarray(values[:: n // _SAMPLE], dtype=object)
        if len(set(sample)) > 0.9 * len(sample):
            objects = values.to_numpy(dtype=object) if hasattr(values, "to_numpy") else values
            return np.arange(n, dtype=np.int64), list(objects)
    codes, uniques = pd.factorize(values)
    distinct = uniques.to_numpy(dtype=object) if hasattr(uniques, "to_numpy") else uniques
    return codes.astype(np.int64, copy=False), list(distinct)


def _none(n: int = 0) -> IntArray:
    return np.empty(n, dtype=np.int64)


def _cells(series: pd.Series[Any]) -> _Cells:
    n = len(series)
    dtype = series.dtype
    missing = series.isna().to_numpy(dtype=bool)
    if isinstance(dtype, pd.StringDtype):
        blank = missing | (series == "").to_numpy(dtype=bool, na_value=False)
        text_rows = np.flatnonzero(~blank)
        texts = series.array if len(text_rows) == n else series.iloc[text_rows].array
        codes, values = _distinct(texts)
        return _Cells(
            n,
            blank,
            text_rows,
            codes,
            values,
            _none(),
            np.empty(0),
            _none(),
            np.empty(0, dtype=bool),
        )
    if pd.api.types.is_bool_dtype(dtype):
        bool_rows = np.flatnonzero(~missing)
        bools = series.to_numpy(dtype=bool, na_value=False)[bool_rows]
        return _Cells(n, missing, _none(), _none(), [], _none(), np.empty(0), bool_rows, bools)
    if pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        numbers = series.to_numpy(dtype=np.float64, na_value=np.nan)
        blank = missing | np.isnan(numbers)
        exact = ~blank
        if pd.api.types.is_integer_dtype(dtype):
            exact &= np.abs(numbers) < _EXACT_INT
        number_rows = np.flatnonzero(exact)
        return _Cells(
            n,
            blank,
            _none(),
            _none(),
            [],
            number_rows,
            numbers[number_rows],
            _none(),
            np.empty(0, dtype=bool),
        )
    # object columns and anything else: the very objects Catalogue.from_frame hands on
    objects = series.astype(object).to_numpy()
    types = np.array([_TYPE_CODES.get(type(value), _OTHER) for value in objects], np.int8)
    types[missing] = _OTHER
    text = np.flatnonzero(types == _STR)
    empty = np.zeros(n, dtype=bool)
    empty[text[objects[text] == ""]] = True
    blank = missing | empty
    text_rows = text[~empty[text]]
    codes, values = _distinct(objects[text_rows])
    number_rows = np.flatnonzero((types == _FLOAT) | (types == _INT))
    # an int too large for float64 to hold exactly (or inf) is left to the exact path
    numbers = np.array(
        [float(v) if abs(v) < _EXACT_INT else np.nan for v in objects[number_rows]],
        dtype=np.float64,
    )
    number_rows, numbers = number_rows[~np.isnan(numbers)], numbers[~np.isnan(numbers)]
    bool_rows = np.flatnonzero(types == _BOOL)
    bools = np.array(list(objects[bool_rows]), dtype=bool)
    return _Cells(n, blank, text_rows, codes, values, number_rows, numbers, bool_rows, bools)


# --------------------------------------------------------------------------- text cells
def _bounds(name: str) -> tuple[float, float] | None:
    """The ge/le bounds of a numeric field; None if it has a constraint we do not mirror."""
    low, high = -np.inf, np.inf
    for constraint in Activity.model_fields[name].metadata:
        if isinstance(constraint, annotated_types.Ge):
            low = float(constraint.ge)  # type: ignore[arg-type]
        elif isinstance(constraint, annotated_types.Le):
            high = float(constraint.le)  # type: ignore[arg-type]
        else:
            return None
    return low, high


def _text_converter(name: str, kind: str) -> Callable[[str], Any]:
    """A function from one distinct cell string to its canonical value (or _DOUBT)."""
    if kind == "choice":
        choices = _CHOICES[name]
        return lambda text: value if (value := _choice(text)) in choices else _DOUBT
    if kind == "optional_choice":
        choices = _CHOICES[name]
        return lambda text: text if text in choices else _DOUBT
    if kind == "list":
        return lambda text: _join(split_list(text))
    if kind == "languages":
        return _languages
    if kind == "schedule":
        return _mask
    if kind == "tristate":
        return _tristate_code
    if kind == "date":
        return _ordinal
    bounds = _bounds(name)
    if bounds is None:
        return lambda text: _DOUBT
    if kind == "float":
        return lambda text: _parsed(_FLOAT_ADAPTER, text, bounds)
    return lambda text: _parsed(_INT_ADAPTER, text, bounds)


def _languages(text: str) -> Any:
    try:
        return _join(language_codes(text))
    except ValueError:
        return _DOUBT


def _mask(text: str) -> Any:
    try:
        slots = parse_slots(text)
    except ValueError:
        return _DOUBT
    mask = 0
    for slot in slots:
        # a string slot parses to exactly {"day", "part"}: Slot accepts it iff both are
        # among its literals, so a look-up stands in for Slot.model_validate
        bit = SLOT_BITS.get((slot["day"], slot["part"]))
        if bit is None:
            return _DOUBT
        mask |= 1 << bit
    return mask


def _tristate_code(text: str) -> Any:
    try:
        return _TRISTATE[_tristate(text)]
    except ValueError:
        return _DOUBT


def _ordinal(text: str) -> Any:
    try:
        return float(_DATE_ADAPTER.validate_python(text).toordinal())
    except ValidationError:
        return _DOUBT


def _parsed(adapter: TypeAdapter[Any], text: str, bounds: tuple[float, float]) -> Any:
    try:
        number = adapter.validate_python(text)
    except ValidationError:
        return _DOUBT
    if not bounds[0] <= number <= bounds[1]:
        return _DOUBT
    if isinstance(number, int) and abs(number) >= _EXACT_INT:
        return _DOUBT
    return float(number)


# --------------------------------------------------------------------------- one column
def _check_texts(name: str, kind: str, texts: list[str]) -> tuple[BoolArray, Any]:
    """Whether the fast path vouches for each distinct string, and its canonical value.

    (An optional text stripped to "" is None, whose canonical form is "" as well.)
    """
    dtype = _DTYPES[kind]
    if kind in ("required_text", "text", "optional_text"):
        # the hot spot with unique ids and names: one strip per string, nothing else
        distinct = np.array([text.strip(WHITESPACE) for text in texts], dtype=object)
        if kind == "required_text":
            return np.asarray(distinct != "", dtype=bool), distinct
        return np.ones(len(texts), dtype=bool), distinct
    convert = _text_converter(name, kind)
    results = [convert(text) for text in texts]
    vouched = np.array([result is not _DOUBT for result in results], dtype=bool)
    fill = _DEFAULTS[name]
    return vouched, np.array([fill if r is _DOUBT else r for r in results], dtype=dtype)


def _check_column(name: str, cells: _Cells) -> tuple[BoolArray, Any]:
    """Which rows this column vouches for, and the canonical value of each row."""
    kind = FIELD_KINDS[name]
    dtype = _DTYPES[kind]
    vouched, distinct = _check_texts(name, kind, cells.text_values)
    if len(cells.text_rows) == cells.n:  # the common case: no need to fill in defaults
        return vouched[cells.text_codes], distinct[cells.text_codes]
    ok = np.zeros(cells.n, dtype=bool)
    values = np.full(cells.n, _DEFAULTS[name], dtype=dtype)
    ok[cells.blank] = kind != "required_text"
    ok[cells.text_rows] = vouched[cells.text_codes]
    values[cells.text_rows] = distinct[cells.text_codes]
    if len(cells.number_rows) and kind in ("float", "whole", "tristate"):
        numbers = cells.numbers
        if kind == "tristate":
            vouched = (numbers == 0) | (numbers == 1)
        else:
            bounds = _bounds(name)
            if bounds is None:
                vouched = np.zeros(len(numbers), dtype=bool)
            else:
                vouched = (numbers >= bounds[0]) & (numbers <= bounds[1])
            if kind == "whole":
                vouched &= np.isfinite(numbers) & (numbers == np.floor(numbers))
        rows = cells.number_rows[vouched]
        ok[rows] = True
        values[rows] = numbers[vouched] + 0.0  # -0.0 is 0
    if len(cells.bool_rows) and kind == "tristate":
        ok[cells.bool_rows] = True
        values[cells.bool_rows] = cells.bools
    return ok, values


# --------------------------------------------------------------------------- the frame
def _check_columns(frame: pd.DataFrame) -> None:
    unknown = sorted(set(frame.columns) - set(ACTIVITY_FIELDS), key=str)
    if unknown:
        raise CatalogueError(
            f"unknown catalogue columns {unknown}; expected a subset of {list(ACTIVITY_FIELDS)}"
        )
    repeated = sorted({name for name in frame.columns if list(frame.columns).count(name) > 1})
    if repeated:
        raise CatalogueError(
            f"catalogue columns must be unique; {repeated} appear more than once: "
            "rename or drop the extra columns"
        )


def _record_of(clean: dict[Any, Any]) -> dict[str, Any]:
    return {str(key): value for key, value in clean.items()}


def _label(record: dict[str, Any]) -> str:
    # the activity_id a rejected row is reported under, as Catalogue.from_records does
    return str(record.get("activity_id", "") or "")


def validate_frame(frame: pd.DataFrame) -> ValidatedColumns:
    """Validate a catalogue DataFrame in the CSV form, column by column.

    The outcome is that of validating each row with ``Activity.model_validate`` and
    rejecting a repeated ``activity_id`` the way
    :meth:`Catalogue.from_records <wor_match.Catalogue.from_records>` does (first accepted
    row wins; an otherwise invalid row is rejected for its own reason): the same rows
    accepted with equal values, the same rows rejected with the same messages.

    Parameters
    ----------
    frame : DataFrame
        Any subset of the activity columns; cells may be strings ("" for blank), numbers,
        None, NaN or NA, in object, str, numeric, boolean or nullable columns.

    Returns
    -------
    ValidatedColumns
        The accepted rows in the canonical columnar form, their input row numbers and the
        rejected rows with their reasons.

    Raises
    ------
    CatalogueError
        If the frame has a column that is not an activity field, or a column twice.

    Examples
    --------
    >>> frame = pd.DataFrame({"activity_id": ["a1", "a2", "a1"], "name": ["Koor", "", "Koor"],
    ...                       "min_age": [18.0, None, None]})
    >>> result = validate_frame(frame)
    >>> result.columns["activity_id"].tolist(), result.rows.tolist()
    (['a1'], [1])
    >>> [r["message"] for r in result.rejected]  # doctest: +NORMALIZE_WHITESPACE
    ['Invalid activity: name: Input should be a valid string',
     "duplicate activity_id 'a1' (first in row 1)"]
    """
    _check_columns(frame)
    n = len(frame)
    present = set(frame.columns)
    ok = np.ones(n, dtype=bool)
    values: dict[str, Any] = {}
    for name in ACTIVITY_FIELDS:
        if name in present and _arrow_text(frame[name], FIELD_KINDS[name]):
            column_ok, values[name] = _check_arrow_text(frame[name], FIELD_KINDS[name])
            ok &= column_ok
        elif name in present:
            column_ok, values[name] = _check_column(name, _cells(frame[name]))
            ok &= column_ok
        else:
            values[name] = np.full(n, _DEFAULTS[name], dtype=_DTYPES[FIELD_KINDS[name]])
            if FIELD_KINDS[name] == "required_text":
                ok[:] = False
    # the model's cross-field rules, left to model_validate for its message
    ok &= np.isnan(values["lat"]) == np.isnan(values["lon"])
    ok &= ~(values["min_age"] > values["max_age"])

    rejected: list[dict[str, Any]] = []
    labels: dict[int, str] = {}
    doubtful = np.flatnonzero(~ok)
    if len(doubtful):
        rejected, labels = _validate_rows(frame, doubtful, ok, values)

    accepted = np.flatnonzero(ok)
    keep = np.ones(len(accepted), dtype=bool)
    ids = values["activity_id"][accepted]
    repeats = pd.Series(ids, dtype=object).duplicated(keep=False).to_numpy()
    if repeats.any():
        first_row: dict[str, int] = {}
        raw_ids = frame["activity_id"]
        for i in np.flatnonzero(repeats):
            position = int(accepted[i])
            activity_id = ids[i]
            if activity_id not in first_row:
                first_row[activity_id] = position + 1
                continue
            keep[i] = False
            label = labels.get(position)
            if label is None:
                label = _label({"activity_id": raw_ids.iloc[position]})
            rejected.append(
                {
                    "row": position + 1,
                    "activity_id": label,
                    "message": f"duplicate activity_id {activity_id!r} "
                    f"(first in row {first_row[activity_id]})",
                }
            )
    rejected.sort(key=operator.itemgetter("row"))
    accepted = accepted[keep]
    if len(accepted) < n:
        values = {name: column[accepted] for name, column in values.items()}
    return ValidatedColumns(
        columns=_frame(values), rows=(accepted + 1).astype(np.int64), rejected=rejected
    )


def _arrow_text(series: pd.Series[Any], kind: str) -> bool:
    """A free-text column held by Arrow: stripped in one vectorised pass."""
    dtype = series.dtype
    return (
        kind in ("required_text", "text", "optional_text")
        and isinstance(dtype, pd.StringDtype)
        and dtype.storage == "pyarrow"
    )


def _check_arrow_text(series: pd.Series[Any], kind: str) -> tuple[BoolArray, Any]:
    """:func:`_check_column` for an Arrow-held text column: Arrow's ``utf8_trim`` strips the
    same characters as pydantic, a blank cell takes the default (""), and only a required
    text left empty is doubtful (its row takes the exact path for the message)."""
    stripped = series.str.strip(WHITESPACE)
    values = stripped.to_numpy(dtype=object, na_value="")
    if kind == "required_text":
        return np.asarray(values != "", dtype=bool), values
    return np.ones(len(values), dtype=bool), values


def _validate_rows(
    frame: pd.DataFrame, positions: Sequence[int] | IntArray, ok: BoolArray, values: dict[str, Any]
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The exact path for doubtful rows: ``model_validate`` as from_frame/from_records do.

    Accepted rows are marked in ``ok`` and their canonical values written into ``values``;
    returns the rejected rows and the activity_id label of each accepted one.
    """
    subset = frame.iloc[np.asarray(positions)]
    clean = subset.astype(object).where(subset.notna(), None)
    rejected: list[dict[str, Any]] = []
    labels: dict[int, str] = {}
    accepted: list[Activity] = []
    accepted_positions: list[int] = []
    for position, row in zip(positions, clean.to_dict(orient="records"), strict=True):
        record = _record_of(row)
        label = _label(record)
        try:
            activity = Activity.model_validate(record)
        except InvalidActivityError as error:
            rejected.append({"row": int(position) + 1, "activity_id": label, "message": str(error)})
            continue
        accepted.append(activity)
        accepted_positions.append(int(position))
        labels[int(position)] = label
    if accepted:
        exact = activities_to_columns(accepted)
        where = np.asarray(accepted_positions, dtype=np.int64)
        ok[where] = True
        for name in ACTIVITY_FIELDS:
            values[name][where] = exact[name].to_numpy()
    return rejected, labels
