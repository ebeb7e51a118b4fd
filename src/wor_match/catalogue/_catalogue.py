"""The catalogue: its loaders, its ``Sequence`` API and the indexes matching needs.

Loading never drops a row silently: every input row is accepted or rejected with its row
number and reason, and the :class:`LoadReport` travels with the catalogue
(``catalogue.report``). ``strict=True`` raises on the first rejected row instead.
DataFrames and CSV files are validated column by column (:mod:`._validate`), with the same
outcome as validating row by row, so a million rows load in seconds.

Activities are stored as columns (the canonical form of :mod:`._columns`), not as objects;
``catalogue[i]`` and iteration build :class:`~wor_match.Activity` objects on demand. At
construction the catalogue computes, once, everything a request would otherwise redo:
numeric columns (codes, masks, NaN for unknown), the text index (the catalogue's words,
which rows hold them, and the themes of every row, :mod:`._text_index`), the coverage
index and the id order used to break ties. On first use it builds the fuzzy index over its
words (:mod:`._fuzzy`) and a grid index over on-site coordinates, so a request only looks
at what is within reach.
"""

from __future__ import annotations

import datetime as dt
import json
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._errors import CatalogueError, InvalidActivityError, UnknownPostcodeError
from wor_match._vocab import DELIVERIES, KINDS, SETTINGS, STATUSES
from wor_match.catalogue._columns import activities_at, activities_to_columns, activity_at
from wor_match.catalogue._fuzzy import WordIndex
from wor_match.catalogue._text_index import PostingLists, TextIndex, build_text_index
from wor_match.catalogue._validate import validate_frame
from wor_match.geo.grid import GeoGrid
from wor_match.geo.postcodes import resolve_postcode
from wor_match.models._slots import mask_to_text
from wor_match.models.activity import ACTIVITY_FIELDS, Activity
from wor_match.taxonomy import (
    FUZZY_CUTOFF,
    MIN_COMPOUND_REST,
    MIN_SUBSTRING_KEYWORD,
    Taxonomy,
    load_taxonomy,
)
from wor_match.text import normalise

__all__ = ["Catalogue", "LoadReport"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


@dataclass
class LoadReport:
    """What happened to every input row of a catalogue load.

    ``row`` is the 1-based position of the record in the input (for a CSV file with a header,
    file line = row + 1). Invariant: ``rows_in == accepted + len(rejected)``.
    """

    source: str
    rows_in: int = 0
    accepted: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        """One row per rejected row or warning: row, activity_id, status, message."""
        rows = [{**r, "status": "rejected"} for r in self.rejected]
        rows += [{**w, "status": "warning"} for w in self.warnings]
        frame = pd.DataFrame(rows, columns=["row", "activity_id", "status", "message"])
        return frame.sort_values(["row", "status"], kind="stable").reset_index(drop=True)

    def to_markdown(self) -> str:
        """The report as a small markdown document."""
        lines = [
            f"# Validation report: {self.source}",
            "",
            f"- rows in: {self.rows_in}",
            f"- accepted: {self.accepted}",
            f"- rejected: {len(self.rejected)}",
            f"- warnings: {len(self.warnings)}",
        ]
        frame = self.to_frame()
        if len(frame):
            lines += ["", "| row | activity_id | status | message |", "|---|---|---|---|"]
            lines += [
                f"| {r.row} | {r.activity_id} | {r.status} | {r.message} |"
                for r in frame.itertuples()
            ]
        return "\n".join(lines) + "\n"

    def __str__(self) -> str:
        return (
            f"{self.source}: {self.rows_in} rows in, {self.accepted} accepted, "
            f"{len(self.rejected)} rejected, {len(self.warnings)} warnings"
        )


def coverage_key(area: str) -> str:
    """Normalised form of a coverage entry: a PC4 code as is, a gemeente name folded
    ("'s-Hertogenbosch" and "s hertogenbosch" match)."""
    return normalise(area)


def stable_hash(text: str) -> int:
    """CRC-32 of an id: a per-activity number that does not depend on row order or on
    Python's per-process hash seed."""
    return zlib.crc32(text.encode("utf-8"))


class Catalogue(Sequence[Activity]):
    """An immutable catalogue of activities, ready for matching.

    Build it with :meth:`from_records`, :meth:`from_csv`, :meth:`from_frame` or from
    :class:`~wor_match.Activity` objects; iterate it for activities; ``catalogue["act-1"]``
    looks one up by id.

    Examples
    --------
    >>> cat = Catalogue.from_records([
    ...     {"activity_id": "a1", "name": "Wandelgroep", "postcode": "2181"},
    ...     {"activity_id": "a1", "name": "Duplicate"},
    ... ])
    >>> len(cat), cat.report.rows_in, cat.report.rejected[0]["message"]
    (1, 2, "duplicate activity_id 'a1' (first in row 1)")
    """

    def __init__(
        self,
        activities: Iterable[Activity],
        *,
        report: LoadReport | None = None,
        taxonomy: Taxonomy | None = None,
    ) -> None:
        columns = activities_to_columns(activities)
        repeated = columns["activity_id"].duplicated()
        if repeated.any():
            first = columns["activity_id"][repeated].iloc[0]
            raise CatalogueError(f"activity_id must be unique; {first!r} appears twice")
        if report is None:
            report = LoadReport(source="activities", rows_in=len(columns), accepted=len(columns))
        self._setup(columns, report, taxonomy)

    @classmethod
    def _from_columns(
        cls, columns: pd.DataFrame, report: LoadReport, taxonomy: Taxonomy | None
    ) -> Catalogue:
        catalogue = cls.__new__(cls)
        catalogue._setup(columns, report, taxonomy)
        return catalogue

    # ------------------------------------------------------------------ loaders
    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        strict: bool = False,
        source: str = "records",
        taxonomy: Taxonomy | None = None,
    ) -> Catalogue:
        """Validate records (dicts in the activity form) into a catalogue.

        Each record is accepted or rejected with its 1-based row number and reason.
        Postcodes without coordinates resolve to their PC4 centroid (recorded as a
        warning with the precision); a duplicate activity_id is rejected.

        Raises
        ------
        CatalogueError
            With ``strict=True``, on the first rejected row.
        """
        report = LoadReport(source=source)
        accepted: list[Activity] = []
        rows: list[int] = []
        first_row: dict[str, int] = {}
        for row, record in enumerate(records, start=1):
            report.rows_in += 1
            activity_id = str(record.get("activity_id", "") or "")
            try:
                if not isinstance(record, Mapping):
                    raise InvalidActivityError("Invalid activity: a record must be a mapping")
                activity = Activity.model_validate(dict(record))
                if activity.activity_id in first_row:
                    raise InvalidActivityError(
                        f"duplicate activity_id {activity.activity_id!r} "
                        f"(first in row {first_row[activity.activity_id]})"
                    )
            except InvalidActivityError as error:
                if strict:
                    raise CatalogueError(f"row {row} rejected: {error}") from None
                report.rejected.append(
                    {"row": row, "activity_id": activity_id, "message": str(error)}
                )
                continue
            first_row[activity.activity_id] = row
            accepted.append(activity)
            rows.append(row)
        columns = _locate(activities_to_columns(accepted), np.asarray(rows, np.int64), report)
        report.accepted = len(columns)
        return cls._from_columns(columns, report, taxonomy)

    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        strict: bool = False,
        source: str = "DataFrame",
        taxonomy: Taxonomy | None = None,
    ) -> Catalogue:
        """Validate a DataFrame with the activity columns (CSV form) into a catalogue.

        Columns are checked and converted as wholes; only rows a column cannot vouch for
        are validated one by one. The outcome, messages included, is that of
        :meth:`from_records` on the same rows.

        Raises
        ------
        CatalogueError
            On a column that is not an activity field; with ``strict=True``, on the first
            rejected row.
        """
        validated = validate_frame(frame)
        if strict and validated.rejected:
            first = validated.rejected[0]
            raise CatalogueError(f"row {first['row']} rejected: {first['message']}")
        report = LoadReport(source=source, rows_in=len(frame), rejected=validated.rejected)
        columns = _locate(validated.columns, validated.rows, report)
        report.accepted = len(columns)
        return cls._from_columns(columns, report, taxonomy)

    @classmethod
    def from_csv(cls, path: str | PathLike[str], *, strict: bool = False) -> Catalogue:
        """Read a catalogue in the CSV form (UTF-8; lists ';'-separated; slots mon:morning)."""
        path = Path(path)
        if not path.is_file():
            raise CatalogueError(f"catalogue file not found: {path}")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        return cls.from_frame(frame, strict=strict, source=str(path))

    @classmethod
    def from_file(cls, path: str | PathLike[str], *, strict: bool = False) -> Catalogue:
        """Read a catalogue from .csv, .json (a list of records) or .jsonl."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return cls.from_csv(path, strict=strict)
        if suffix in {".json", ".jsonl"}:
            if not path.is_file():
                raise CatalogueError(f"catalogue file not found: {path}")
            lines = path.read_text(encoding="utf-8")
            records = (
                [json.loads(line) for line in lines.splitlines() if line.strip()]
                if suffix == ".jsonl"
                else json.loads(lines)
            )
            if not isinstance(records, list):
                raise CatalogueError("a JSON catalogue must be a list of activity objects")
            return cls.from_records(records, strict=strict, source=str(path))
        raise CatalogueError(f"catalogue files must be .csv, .json or .jsonl; got {suffix!r}")

    # ------------------------------------------------------------------ access
    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[Activity]:
        columns = self._columns
        return (activity_at(columns, i) for i in range(len(self)))

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return activity_at(self._columns, self.row_of(key))
        if isinstance(key, slice):
            return tuple(activity_at(self._columns, i) for i in range(*key.indices(len(self))))
        return activity_at(self._columns, key)

    def activities_at(self, rows: npt.ArrayLike) -> list[Activity]:
        """The activities at these row positions, in order (``[self[r] for r in rows]``
        with each column read once).

        Raises
        ------
        IndexError
            If a row is out of range (negative rows count from the end).
        """
        return activities_at(self._columns, rows)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return self._find(key) is not None
        if isinstance(key, Activity):
            row = self._find(key.activity_id)
            return row is not None and self[row] == key
        return False

    def __repr__(self) -> str:
        return f"<Catalogue: {len(self)} activities from {self.report.source}>"

    def row_of(self, activity_id: str) -> int:
        """Row index of an activity id."""
        row = self._find(activity_id)
        if row is None:
            raise KeyError(f"no activity with activity_id {activity_id!r} in this catalogue")
        return row

    def _find(self, activity_id: str) -> int | None:
        # binary search in id order: no hash table to hold for a million ids
        sorted_ids = self._sorted_ids
        i = int(np.searchsorted(sorted_ids, activity_id))
        if i < len(sorted_ids) and sorted_ids[i] == activity_id:
            return int(self._id_order[i])
        return None

    def to_frame(self) -> pd.DataFrame:
        """The catalogue in CSV form as a DataFrame (lists joined by ';', slots as
        ``mon:morning``, unknowns empty); :meth:`from_frame` reads it back unchanged."""
        columns = self._columns
        frame = pd.DataFrame(index=columns.index)
        for name in ACTIVITY_FIELDS:
            values = columns[name]
            if name == "schedule":
                frame[name] = values.map(mask_to_text)
            elif name in ("min_age", "max_age", "capacity"):
                frame[name] = values.astype("Int64")
            elif name == "wheelchair_accessible":
                frame[name] = values.map({-1: None, 0: False, 1: True}).astype(object)
            elif name == "last_verified":
                frame[name] = [
                    None if v != v else dt.date.fromordinal(int(v)).isoformat() for v in values
                ]
            elif name in ("postcode", "social_setting"):
                frame[name] = values.where(values != "", None)
            else:
                frame[name] = values
        return frame

    def to_csv(self, path: str | PathLike[str]) -> None:
        """Write the CSV form; :meth:`from_csv` reads it back unchanged."""
        self.to_frame().to_csv(path, index=False, encoding="utf-8")

    # ------------------------------------------------------------------ columns
    def _setup(self, columns: pd.DataFrame, report: LoadReport, taxonomy: Taxonomy | None) -> None:
        self._columns = columns.reset_index(drop=True)
        self.report = report
        self.taxonomy = taxonomy or load_taxonomy()
        cols = self._columns
        n = len(cols)
        self.ids: npt.NDArray[np.object_] = cols["activity_id"].to_numpy(dtype=object)
        self._id_order = np.argsort(self.ids.astype(str), kind="stable")
        self._sorted_ids = self.ids[self._id_order]
        #: rank of each id in lexicographic order: the last tie-breaker, as an integer
        self.id_rank: IntArray = np.empty(n, dtype=np.intp)
        self.id_rank[self._id_order] = np.arange(n)
        self.lat = cols["lat"].to_numpy(dtype=np.float64)
        self.lon = cols["lon"].to_numpy(dtype=np.float64)
        self.kind = _codes(cols["kind"], KINDS)
        self.delivery = _codes(cols["delivery"], DELIVERIES)
        self.status = _codes(cols["status"], STATUSES)
        self.setting = _codes(cols["social_setting"], SETTINGS)  # "" (unknown) -> -1
        self.wheelchair = cols["wheelchair_accessible"].to_numpy(dtype=np.int8)
        self.cost = cols["cost_per_month"].to_numpy(dtype=np.float64)
        self.min_age = cols["min_age"].to_numpy(dtype=np.float64)
        self.max_age = cols["max_age"].to_numpy(dtype=np.float64)
        self.capacity = cols["capacity"].to_numpy(dtype=np.float64)
        self.schedule = cols["schedule"].to_numpy(dtype=np.int64)
        self.verified = cols["last_verified"].to_numpy(dtype=np.float64)
        self._build_languages()
        self._build_coverage_index()
        self._build_text_index()

    def _build_languages(self) -> None:
        codes, distinct = pd.factorize(self._columns["languages"])
        lists = [str(text).split(";") if text else [] for text in distinct]
        languages = sorted({code for items in lists for code in items})
        #: language code -> bit in :attr:`language_mask` (codes past 62 share the last bit)
        self.language_bits = {code: min(i, 62) for i, code in enumerate(languages)}
        masks = np.array(
            [sum({1 << self.language_bits[c] for c in items}) for items in lists], dtype=np.int64
        )
        self.language_mask = masks[codes] if len(masks) else np.zeros(len(codes), np.int64)

    def _build_coverage_index(self) -> None:
        coverage = self._columns["coverage"]
        restricted = np.flatnonzero(coverage.to_numpy(dtype=object) != "")
        areas: dict[str, list[int]] = {}
        for row, text in zip(restricted.tolist(), coverage.iloc[restricted], strict=True):
            for area in str(text).split(";"):
                areas.setdefault(coverage_key(area), []).append(row)
        #: coverage area (PC4 or normalised gemeente name) -> rows restricted to it
        self.coverage_areas: dict[str, IntArray] = {
            key: np.unique(np.asarray(rows, dtype=np.intp)) for key, rows in areas.items()
        }
        self.has_coverage = np.zeros(len(self), dtype=bool)
        self.has_coverage[restricted] = True
        #: area -> its number; (row, area) pairs as sorted keys row x n_areas + number
        self.coverage_numbers = {key: i for i, key in enumerate(self.coverage_areas)}
        n_areas = max(len(self.coverage_numbers), 1)
        keys = [rows * n_areas + i for i, rows in enumerate(self.coverage_areas.values())]
        self._coverage_keys = np.sort(np.concatenate(keys)) if keys else np.empty(0, np.int64)

    def covers(self, rows: IntArray, areas: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """Element-wise: is area number ``areas[i]`` (see :attr:`coverage_numbers`; -1 for
        an area no activity is restricted to) among the coverage of ``rows[i]``?"""
        if len(self._coverage_keys) == 0:
            return np.zeros(len(rows), dtype=bool)
        keys = rows.astype(np.int64) * max(len(self.coverage_numbers), 1) + areas
        found = np.minimum(np.searchsorted(self._coverage_keys, keys), len(self._coverage_keys) - 1)
        return np.asarray((self._coverage_keys[found] == keys) & (areas >= 0))

    def derived(self, key: str, compute: Callable[[Catalogue], Any]) -> Any:
        """``compute(catalogue)``, computed once and kept: per-row values that features
        derive from the columns (affinities, flags), so requests only gather them."""
        cache = self.__dict__.setdefault("_derived", {})
        if key not in cache:
            cache[key] = compute(self)
        return cache[key]

    def covering(self, areas: Iterable[str]) -> IntArray:
        """Rows whose coverage includes any of ``areas`` (PC4 codes or gemeente names)."""
        found = [
            self.coverage_areas[key]
            for key in map(coverage_key, areas)
            if key in self.coverage_areas
        ]
        if not found:
            return np.empty(0, dtype=np.intp)
        return found[0] if len(found) == 1 else np.unique(np.concatenate(found))

    def _build_text_index(self) -> None:
        cols = self._columns
        segments, rows = _structured_segments(cols)
        index: TextIndex = build_text_index(
            segments, cols["description"].tolist(), self.taxonomy, structured_rows=rows
        )
        #: the catalogue's distinct words (matching keywords and client phrases)
        self.vocabulary: tuple[str, ...] = index.vocabulary
        #: word -> rows holding it in name, categories or tags / in the description
        self.structured_postings: PostingLists = index.structured
        self.description_postings: PostingLists = index.description
        #: (words, blocks) and (rows, blocks): themes as bit sets (:mod:`wor_match._bits`)
        self.word_theme_bits = index.word_themes
        self.structured_theme_bits = index.structured_themes
        self.description_theme_bits = index.description_themes

    @cached_property
    def word_index(self) -> WordIndex:
        """The fuzzy index over :attr:`vocabulary`, built once (on first use)."""
        return WordIndex(self.vocabulary, min_cutoff=FUZZY_CUTOFF)

    def match_words(self, words: Sequence[str]) -> list[IntArray]:
        """For each client token, the ids of the catalogue words it matches directly:
        ``fuzz.ratio >= 85``, or the token (4+ characters) inside a catalogue word at least
        3 characters longer. Looked up in :attr:`word_index`, never by a scan."""
        if not words or not self.vocabulary:
            return [np.empty(0, dtype=np.intp) for _ in words]
        return self.word_index.lookup(
            words,
            FUZZY_CUTOFF,
            min_length=MIN_SUBSTRING_KEYWORD,
            min_extra=MIN_COMPOUND_REST,
        )

    @cached_property
    def id_hash(self) -> npt.NDArray[np.uint64]:
        """CRC-32 of every id (:func:`stable_hash`): per-activity numbers that do not
        depend on row order."""
        return np.fromiter((stable_hash(i) for i in self.ids), dtype=np.uint64, count=len(self))

    @cached_property
    def online(self) -> IntArray:
        """Rows of online offers: candidates wherever the client lives."""
        return np.flatnonzero(self.delivery == DELIVERIES.index("online"))

    @cached_property
    def at_home_open(self) -> IntArray:
        """Rows of at-home offers without a coverage restriction."""
        return np.flatnonzero((self.delivery == DELIVERIES.index("at_home")) & ~self.has_coverage)

    def at_home_for(self, areas: Iterable[str]) -> IntArray:
        """At-home offers a client in ``areas`` (PC4, gemeente) can get: the unrestricted
        ones plus those whose coverage includes one of the areas."""
        covered = self.covering(areas)
        covered = covered[self.delivery[covered] == DELIVERIES.index("at_home")]
        if not len(covered):
            return self.at_home_open
        return np.union1d(self.at_home_open, covered).astype(np.intp)

    @cached_property
    def located(self) -> IntArray:
        """Rows of on-site activities with coordinates (the rows the spatial index holds)."""
        on_site = self.delivery == DELIVERIES.index("on_site")
        return np.flatnonzero(on_site & ~np.isnan(self.lat))

    @cached_property
    def spatial_index(self) -> GeoGrid:
        """The grid index over :attr:`located` (:class:`~wor_match.geo.grid.GeoGrid`),
        built once, on first use."""
        return GeoGrid(self.lat[self.located], self.lon[self.located])

    def within_km_many(
        self, lats: npt.ArrayLike, lons: npt.ArrayLike, radii_km: npt.ArrayLike
    ) -> list[tuple[IntArray, FloatArray]]:
        """Per point: the sorted rows of located on-site activities within its radius (0
        or less gives none) and their haversine distances in km."""
        lats, lons = np.asarray(lats, dtype=np.float64), np.asarray(lons, dtype=np.float64)
        radii = np.asarray(radii_km, dtype=np.float64)
        if len(self.located) == 0:
            nothing = np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float64)
            return [nothing for _ in range(len(radii))]
        grid, located = self.spatial_index, self.located
        found = []
        for lat, lon, radius in zip(lats.tolist(), lons.tolist(), radii.tolist(), strict=True):
            positions, distance = grid.within_distance(lat, lon, radius)
            found.append((located[positions], distance))
        return found

    def within_km(self, lat: float, lon: float, radius_km: float) -> IntArray:
        """Rows of located on-site activities within ``radius_km`` (straight line), sorted.
        Callers apply their exact travel-time rule afterwards (the test here has a margin
        of a billionth, so rounding never drops an offer on the boundary)."""
        return self.within_km_many([lat], [lon], [radius_km])[0][0]


def _codes(values: pd.Series, vocabulary: Sequence[str]) -> npt.NDArray[np.int8]:
    """Position of each value in ``vocabulary`` (-1 for "" or anything else)."""
    lookup = {value: i for i, value in enumerate(vocabulary)}
    codes, distinct = pd.factorize(values)
    table = np.array([lookup.get(str(value), -1) for value in distinct] + [-1], dtype=np.int8)
    return table[codes]


def _structured_segments(
    columns: pd.DataFrame,
) -> tuple[npt.NDArray[np.object_], npt.NDArray[np.int32]]:
    """The texts of name, categories and tags of every row (n-grams never cross them),
    flat, with the row of each: a row's name, then its categories, then its tags."""
    n = len(columns)
    pieces: list[npt.NDArray[np.object_]] = [columns["name"].to_numpy(dtype=object)]
    owners: list[npt.NDArray[np.intp]] = [np.arange(n)]
    for name in ("categories", "tags"):
        values = columns[name].to_numpy(dtype=object)
        given = np.flatnonzero(values != "")
        joined = np.fromiter((";" in v for v in values[given]), dtype=bool, count=len(given))
        single = given[~joined]  # most rows: one item, nothing to split
        pieces.append(values[single])
        owners.append(single)
        for row in given[joined].tolist():
            items = values[row].split(";")
            pieces.append(np.array(items, dtype=object))
            owners.append(np.full(len(items), row))
    rows = np.concatenate(owners)
    order = np.argsort(rows, kind="stable")
    return np.concatenate(pieces)[order], rows[order].astype(np.int32)


_ON_SITE_WITHOUT_LOCATION = (
    "on-site activity without location: it cannot be matched until lat/lon or a postcode is given"
)
_PC4_NOT_FOUND = "postcode not found in the offline PC4 table: no location"
_FROM_PC4 = "location from the PC4 centroid of the postcode (precision: pc4)"


def _locate(columns: pd.DataFrame, rows: npt.NDArray[np.int64], report: LoadReport) -> pd.DataFrame:
    """Fill coordinates from the postcode where they are missing, noting the precision
    (one warning per row that needed it), as a whole-column step."""
    lat = columns["lat"].to_numpy(dtype=np.float64)
    postcode = columns["postcode"].to_numpy(dtype=object)
    missing = np.isnan(lat)
    if not missing.any():
        return columns
    messages = np.full(len(columns), None, dtype=object)
    on_site = columns["delivery"].to_numpy(dtype=object) == "on_site"
    messages[missing & (postcode == "") & on_site] = _ON_SITE_WITHOUT_LOCATION
    wanted = np.flatnonzero(missing & (postcode != ""))
    if len(wanted):
        columns = columns.copy()
        codes, distinct = pd.factorize(postcode[wanted])
        found = np.array([_centroid(str(text)) for text in distinct] + [(np.nan, np.nan)])
        points = found[codes]
        resolved = ~np.isnan(points[:, 0])
        columns.loc[wanted[resolved], "lat"] = points[resolved, 0]
        columns.loc[wanted[resolved], "lon"] = points[resolved, 1]
        messages[wanted[resolved]] = _FROM_PC4
        messages[wanted[~resolved]] = _PC4_NOT_FOUND
    ids = columns["activity_id"].to_numpy(dtype=object)
    warned = np.flatnonzero(messages != None)  # noqa: E711 - element-wise on an object array
    report.warnings.extend(
        {"row": int(rows[i]), "activity_id": ids[i], "message": messages[i]} for i in warned
    )
    report.warnings.sort(key=lambda w: w["row"])
    return columns


def _centroid(postcode: str) -> tuple[float, float]:
    try:
        return resolve_postcode(postcode)
    except (ValueError, UnknownPostcodeError):
        return (np.nan, np.nan)
