"""A pool of people: validated records, their columns, a grid index and a load report.

Loaders reject bad rows with their row number and reason and keep the rest; rows in =
accepted + rejected, and duplicate ``person_id`` values are rejected (the first stays).
Messages never repeat a record's values: person records are health data.

CSV and frame columns are the record fields, flat: ``person_id``, ``postcode`` or
``lat``/``lon`` (the home), ``consent``, ``seeks``, ``offers``, ``capacity``, ``age``,
``gender``, ``interests``, ``energy_sources``, ``energy_drains``, ``mode``,
``max_minutes``, ``wheelchair`` (the mobility), ``availability``, ``languages``,
``social_preference``, ``partner_min_age``, ``partner_max_age``, ``partner_gender``,
``partner_languages``, ``diet``, ``waiting_since``, ``situation``. Lists are
``;``-separated; slots are written ``tue:morning``. Blank cells are missing values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Any, overload

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from wor_match._errors import CatalogueError, WorMatchError
from wor_match.geo.distance import haversine_km
from wor_match.geo.grid import GeoGrid
from wor_match.geo.postcodes import load_pc4_table, normalise_postcode
from wor_match.people._columns import PeopleColumns
from wor_match.people.person import PURPOSES, Person

__all__ = ["People", "PeopleReport", "flat_to_record", "record_to_flat"]

_HOME = ("postcode", "lat", "lon")
#: Pc4Table.nearest's default reach.
_NEAREST_KM = 5.0
_MOBILITY = {"mode": "mode", "max_minutes": "max_minutes", "wheelchair": "wheelchair"}
_PARTNER = {
    "partner_min_age": "min_age",
    "partner_max_age": "max_age",
    "partner_gender": "gender",
    "partner_languages": "languages",
}


@dataclass
class PeopleReport:
    """What happened to every input row of a people pool load.

    ``row`` is the 1-based position of the record in the input (for a CSV file with a
    header, file line = row + 1). Invariant: ``rows_in == accepted + len(rejected)``.
    """

    source: str
    rows_in: int = 0
    accepted: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        """One row per rejected row: row, person_id, message."""
        return pd.DataFrame(self.rejected, columns=["row", "person_id", "message"])

    def __str__(self) -> str:
        return (
            f"{self.source}: {self.rows_in} rows in, {self.accepted} accepted, "
            f"{len(self.rejected)} rejected"
        )


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _unit_vectors(lat: np.ndarray[Any, Any], lon: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])


def prefill_homes(records: list[Any]) -> list[Any]:
    """Records whose ``home`` carries the offline PC4 look-ups already, done for all rows at
    once: a postcode's centroid and gemeente (a dict look-up), and for coordinates the
    nearest PC4 centroid within 5 km (a k-d tree over unit vectors, whose chord order is
    the great-circle order). :class:`~wor_match.models.Home` then validates the very same
    values it would have computed one record at a time (a test checks equality)."""
    table = load_pc4_table()
    frame = table.frame
    centroid = dict(zip(frame["pc4"], zip(frame["lat"], frame["lon"], strict=True), strict=True))
    out = list(records)
    nearest_of: list[int] = []
    for i, record in enumerate(out):
        home = record.get("home") if isinstance(record, Mapping) else None
        if not isinstance(home, Mapping) or home.get("pc4"):
            continue
        lat, lon, postcode = home.get("lat"), home.get("lon"), home.get("postcode")
        if lat is None and lon is None and isinstance(postcode, str):
            try:
                pc4 = normalise_postcode(postcode)
            except ValueError:
                continue  # validation gives the message
            if pc4 in centroid:
                filled = {**home, "lat": float(centroid[pc4][0]), "lon": float(centroid[pc4][1]),
                          "precision": "pc4_centroid", "pc4": pc4}  # fmt: skip
                out[i] = {**record, "home": filled}
        elif (
            postcode is None
            and isinstance(lat, int | float)
            and isinstance(lon, int | float)
            and not isinstance(lat, bool)
            and not isinstance(lon, bool)
            and math.isfinite(lat)
            and math.isfinite(lon)
        ):
            nearest_of.append(i)
    if nearest_of:
        lat = np.array([out[i]["home"]["lat"] for i in nearest_of], dtype=np.float64)
        lon = np.array([out[i]["home"]["lon"] for i in nearest_of], dtype=np.float64)
        tree = cKDTree(_unit_vectors(table.lat, table.lon))
        _, position = tree.query(_unit_vectors(lat, lon))
        distance = haversine_km(lat, lon, table.lat[position], table.lon[position])
        codes = frame["pc4"].to_numpy()[position]
        for j, i in enumerate(nearest_of):
            if distance[j] <= _NEAREST_KM:
                out[i] = {**out[i], "home": {**out[i]["home"], "pc4": str(codes[j])}}
    gemeente = dict(zip(frame["pc4"], frame["gemeente"], strict=True))
    for i, record in enumerate(out):
        home = record.get("home") if isinstance(record, Mapping) else None
        if isinstance(home, Mapping) and home.get("pc4") and not home.get("gemeente"):
            value = gemeente.get(home["pc4"])
            if isinstance(value, str) and value:
                out[i] = {**record, "home": {**home, "gemeente": value}}
    return out


def flat_to_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A flat row (CSV or frame) as a person record: home, mobility and partner nested."""
    record: dict[str, Any] = {}
    home: dict[str, Any] = {}
    mobility: dict[str, Any] = {}
    partner: dict[str, Any] = {}
    for key, value in row.items():
        if _blank(value):
            continue
        if key in ("lat", "lon"):
            try:
                home[key] = float(value)
            except (TypeError, ValueError):
                home[key] = value  # validation names the field
        elif key in _HOME:
            home[key] = value
        elif key in _MOBILITY:
            mobility[_MOBILITY[key]] = value
        elif key in _PARTNER:
            partner[_PARTNER[key]] = value
        else:
            record[str(key)] = value
    if home:
        record["home"] = home
    if mobility:
        record["mobility"] = mobility
    if partner:
        record["partner"] = partner
    return record


def record_to_flat(record: Mapping[str, Any]) -> dict[str, Any]:
    """A person record as one flat row (the inverse of :func:`flat_to_record`): nested
    home, mobility and partner spread into columns, lists joined with ``;``, slots written
    ``day:part``."""
    flat: dict[str, Any] = {}
    nested = {"home": {k: k for k in _HOME}, "mobility": _MOBILITY,
              "partner": {v: k for k, v in _PARTNER.items()}}  # fmt: skip
    for key, value in record.items():
        if key in nested and isinstance(value, Mapping):
            for inner, inner_value in value.items():
                if inner in nested[key]:
                    flat[nested[key][inner]] = _flat_value(inner_value)
        else:
            flat[key] = _flat_value(value)
    return flat


def _flat_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ";".join(
            f"{v['day']}:{v['part']}" if isinstance(v, Mapping) else str(v) for v in value
        )
    return value


class People(Sequence[Person]):
    """An immutable pool of people, ready for :func:`~wor_match.match_people`,
    :func:`~wor_match.assign` and :func:`~wor_match.form_groups`.

    Build it with :meth:`from_records`, :meth:`from_frame` or :meth:`from_csv`; the
    :attr:`report` says what happened to every row. The pool computes its columns
    (:class:`~wor_match.people._columns.PeopleColumns`) once and its grid index on first use.

    Examples
    --------
    >>> people = People.from_records([
    ...     {"person_id": "a", "home": {"postcode": "2181"}, "consent": True, "seeks": "peer"},
    ...     {"person_id": "a", "home": {"postcode": "2181"}}])
    >>> len(people), people.report.rejected[0]["message"]
    (1, 'duplicate person_id (first seen in row 1)')
    """

    def __init__(self, people: Iterable[Person], *, report: PeopleReport | None = None) -> None:
        self._people = tuple(people)
        seen: set[str] = set()
        for person in self._people:
            if person.person_id in seen:
                raise CatalogueError(
                    "person_id must be unique in a pool; use People.from_records to reject "
                    "duplicates row by row"
                )
            seen.add(person.person_id)
        self.report = report or PeopleReport(
            source="people", rows_in=len(self._people), accepted=len(self._people)
        )
        self.columns = PeopleColumns.build(self._people)
        self._row = {pid: i for i, pid in enumerate(self.columns.ids.tolist())}

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], *, source: str = "records", strict: bool = False
    ) -> People:
        """Validate person records one by one; bad rows go to :attr:`report`.

        With ``strict=True`` the first rejected row raises :class:`~wor_match.CatalogueError`.
        """
        report = PeopleReport(source=source)
        accepted: list[Person] = []
        first_row: dict[str, int] = {}
        for row, record in enumerate(prefill_homes(list(records)), start=1):
            report.rows_in += 1
            raw_id = record.get("person_id") if isinstance(record, Mapping) else None
            person_id = "" if _blank(raw_id) else str(raw_id).strip()
            try:
                if not isinstance(record, Mapping):
                    raise CatalogueError("a person record must be an object")
                person = Person.model_validate(dict(record))
            except WorMatchError as error:
                message = str(error)
            else:
                if person.person_id in first_row:
                    message = (
                        f"duplicate person_id (first seen in row {first_row[person.person_id]})"
                    )
                else:
                    first_row[person.person_id] = row
                    accepted.append(person)
                    continue
            report.rejected.append({"row": row, "person_id": person_id, "message": message})
            if strict:
                raise CatalogueError(f"{source} row {row} rejected: {message}")
        report.accepted = len(accepted)
        return cls(accepted, report=report)

    @classmethod
    def from_frame(
        cls, frame: pd.DataFrame, *, source: str = "frame", strict: bool = False
    ) -> People:
        """Flat columns (see the module docstring), one row per person."""
        rows = frame.to_dict(orient="records")
        return cls.from_records(
            (flat_to_record({str(k): v for k, v in row.items()}) for row in rows),
            source=source,
            strict=strict,
        )

    @classmethod
    def from_csv(cls, path: str | PathLike[str], *, strict: bool = False) -> People:
        """A CSV file with a header row of flat columns; every cell is read as text."""
        path = Path(path)
        if not path.is_file():
            raise CatalogueError(f"no people file at {path}; give the path of a CSV file")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        return cls.from_frame(frame, source=str(path), strict=strict)

    def __len__(self) -> int:
        return len(self._people)

    @overload
    def __getitem__(self, index: int) -> Person: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Person]: ...
    def __getitem__(self, index: int | slice) -> Person | Sequence[Person]:
        return self._people[index]

    def __iter__(self) -> Iterator[Person]:
        return iter(self._people)

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._row

    def row(self, person_id: str) -> int:
        """Row of a person in the pool's columns."""
        try:
            return self._row[person_id]
        except KeyError:
            raise KeyError(f"no person with person_id {person_id!r} in this pool") from None

    def get(self, person_id: str) -> Person:
        """The person with this id."""
        return self._people[self.row(person_id)]

    @cached_property
    def grid(self) -> GeoGrid:
        """Grid index over every home (exact radius queries, :mod:`wor_match.geo.grid`)."""
        return GeoGrid(self.columns.lat, self.columns.lon)

    @cached_property
    def id_rank(self) -> np.ndarray[Any, np.dtype[np.intp]]:
        """Each row's position in person_id order (ties in rankings go to the lower id)."""
        order = np.argsort(self.columns.ids.astype(str), kind="stable")
        rank = np.empty(len(order), dtype=np.intp)
        rank[order] = np.arange(len(order))
        return rank

    def max_radius_km(self, purpose: str | None = None, role: str = "giver") -> float:
        """The longest travel radius in the pool (bounds a grid query): of everyone, or
        of the consenting people who offer (``role="giver"``) or seek (``"seeker"``) a
        purpose and are not housebound."""
        return self._max_radius.get((purpose, role), 0.0)

    @cached_property
    def _max_radius(self) -> dict[tuple[str | None, str], float]:
        cols = self.columns
        out: dict[tuple[str | None, str], float] = {
            (None, "giver"): float(cols.radius_km.max()) if len(self) else 0.0
        }
        for position, purpose in enumerate(PURPOSES):
            for role, mask in (("giver", cols.offers), ("seeker", cols.seeks)):
                who = ((mask >> position) & 1 == 1) & cols.consent & ~cols.housebound
                out[(purpose, role)] = float(cols.radius_km[who].max()) if who.any() else 0.0
        return out

    def __repr__(self) -> str:
        return f"People({len(self)} people; {self.report})"
