"""The catalogue: validated activities plus the columns and indexes matching needs.

Loading never drops a row silently: every input row is accepted or rejected with its row
number and reason, and the :class:`LoadReport` travels with the catalogue
(``catalogue.report``). ``strict=True`` raises on the first rejected row instead.

At construction the catalogue computes, once, everything a request would otherwise redo:
numeric columns (codes, masks, NaN for unknown), the theme matrix from its free text
(:mod:`wor_match.taxonomy`), a token index for direct text matches, and (lazily) a
BallTree over on-site coordinates so a request only looks at what is within reach.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import sparse

from wor_match._bits import to_bits
from wor_match._errors import CatalogueError, InvalidActivityError, UnknownPostcodeError
from wor_match._vocab import DELIVERIES, KINDS, SETTINGS, STATUSES
from wor_match.geo.distance import EARTH_RADIUS_KM
from wor_match.geo.postcodes import resolve_postcode
from wor_match.models._slots import slots_to_mask, slots_to_text
from wor_match.models.activity import ACTIVITY_FIELDS, LIST_FIELDS, Activity
from wor_match.taxonomy import Taxonomy, load_taxonomy
from wor_match.text import normalise, tokens

__all__ = ["Catalogue", "LoadReport"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

#: Theme strength when a theme is found in name, categories or tags, and in description only.
STRUCTURED_WEIGHT = 1.0
DESCRIPTION_WEIGHT = 0.6


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

    Build it with :meth:`from_records`, :meth:`from_csv` or :meth:`from_frame`; iterate it
    for :class:`~wor_match.Activity` objects; ``catalogue["act-1"]`` looks one up by id.

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
        self._activities: tuple[Activity, ...] = tuple(activities)
        self._row_of: dict[str, int] = {}
        for i, activity in enumerate(self._activities):
            if activity.activity_id in self._row_of:
                raise CatalogueError(
                    f"activity_id must be unique; {activity.activity_id!r} appears twice"
                )
            self._row_of[activity.activity_id] = i
        self.taxonomy = taxonomy or load_taxonomy()
        if report is None:
            report = LoadReport(source="activities", rows_in=len(self._activities))
            report.accepted = len(self._activities)
        self.report = report
        self._build_columns()

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
                activity = _locate(activity, row, report)
            except InvalidActivityError as error:
                if strict:
                    raise CatalogueError(f"row {row} rejected: {error}") from None
                report.rejected.append(
                    {"row": row, "activity_id": activity_id, "message": str(error)}
                )
                continue
            first_row[activity.activity_id] = row
            accepted.append(activity)
        report.accepted = len(accepted)
        return cls(accepted, report=report, taxonomy=taxonomy)

    @classmethod
    def from_frame(
        cls, frame: pd.DataFrame, *, strict: bool = False, source: str = "DataFrame"
    ) -> Catalogue:
        """Validate a DataFrame with the activity columns (CSV form) into a catalogue."""
        unknown = sorted(set(frame.columns) - set(ACTIVITY_FIELDS))
        if unknown:
            raise CatalogueError(
                f"unknown catalogue columns {unknown}; expected a subset of {list(ACTIVITY_FIELDS)}"
            )
        clean = frame.astype(object).where(frame.notna(), None)
        records = [{str(k): v for k, v in row.items()} for row in clean.to_dict(orient="records")]
        return cls.from_records(records, strict=strict, source=source)

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
        return len(self._activities)

    def __iter__(self) -> Iterator[Activity]:
        return iter(self._activities)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return self._activities[self._row_of[key]]
            except KeyError:
                raise KeyError(f"no activity with activity_id {key!r} in this catalogue") from None
        return self._activities[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            return key in self._row_of
        return key in self._activities

    def __repr__(self) -> str:
        return f"<Catalogue: {len(self)} activities from {self.report.source}>"

    def row_of(self, activity_id: str) -> int:
        """Row index of an activity id."""
        return self._row_of[activity_id]

    def to_frame(self) -> pd.DataFrame:
        """The catalogue in CSV form as a DataFrame (lists joined by ';')."""
        rows = []
        for activity in self._activities:
            record = activity.model_dump(mode="json")
            record["schedule"] = slots_to_text(activity.schedule)
            for name in LIST_FIELDS - {"schedule"}:
                record[name] = ";".join(record[name])
            rows.append(record)
        return pd.DataFrame(rows, columns=list(ACTIVITY_FIELDS))

    def to_csv(self, path: str | PathLike[str]) -> None:
        """Write the CSV form; :meth:`from_csv` reads it back unchanged."""
        self.to_frame().to_csv(path, index=False, encoding="utf-8")

    # ------------------------------------------------------------------ columns
    def _build_columns(self) -> None:
        acts = self._activities
        n = len(acts)
        self.ids: npt.NDArray[np.object_] = np.array([a.activity_id for a in acts], dtype=object)
        order = np.argsort(self.ids.astype(str), kind="stable")
        #: rank of each id in lexicographic order: the last tie-breaker, as an integer
        self.id_rank: IntArray = np.empty(n, dtype=np.intp)
        self.id_rank[order] = np.arange(n)
        self.id_hash = np.array([stable_hash(a.activity_id) for a in acts], dtype=np.uint64)

        def floats(values: Iterable[float | int | None]) -> FloatArray:
            return np.array([np.nan if v is None else v for v in values], dtype=np.float64)

        self.lat = floats(a.lat for a in acts)
        self.lon = floats(a.lon for a in acts)
        self.kind = np.array([KINDS.index(a.kind) for a in acts], dtype=np.int8)
        self.delivery = np.array([DELIVERIES.index(a.delivery) for a in acts], dtype=np.int8)
        self.status = np.array([STATUSES.index(a.status) for a in acts], dtype=np.int8)
        self.setting = np.array(
            [-1 if a.social_setting is None else SETTINGS.index(a.social_setting) for a in acts],
            dtype=np.int8,
        )
        self.wheelchair = np.array(
            [-1 if a.wheelchair_accessible is None else int(a.wheelchair_accessible) for a in acts],
            dtype=np.int8,
        )
        self.cost = floats(a.cost_per_month for a in acts)
        self.min_age = floats(a.min_age for a in acts)
        self.max_age = floats(a.max_age for a in acts)
        self.capacity = floats(a.capacity for a in acts)
        self.schedule = np.array([slots_to_mask(a.schedule) for a in acts], dtype=np.int64)
        self.verified = floats(
            None if a.last_verified is None else a.last_verified.toordinal() for a in acts
        )
        languages = sorted({code for a in acts for code in a.languages})
        #: language code -> bit in :attr:`language_mask` (codes past 62 share the last bit)
        self.language_bits = {code: min(i, 62) for i, code in enumerate(languages)}
        self.language_mask = np.array(
            [sum({1 << self.language_bits[c] for c in a.languages}) for a in acts], dtype=np.int64
        )
        self._build_text_index()
        self._build_coverage_index()

    def _build_coverage_index(self) -> None:
        areas: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        for i, activity in enumerate(self._activities):
            for area in activity.coverage:
                key = coverage_key(area)
                rows.append(i)
                cols.append(areas.setdefault(key, len(areas)))
        #: coverage area (PC4 or normalised gemeente name) -> column of :attr:`coverage`
        self.coverage_areas = areas
        #: activities x areas they are restricted to (column-major for look-ups)
        self.coverage = sparse.csc_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(self), len(areas))
        )
        self.has_coverage = np.zeros(len(self), dtype=bool)
        self.has_coverage[rows] = True

    def covering(self, areas: Iterable[str]) -> IntArray:
        """Rows whose coverage includes any of ``areas`` (PC4 codes or gemeente names)."""
        columns = [
            self.coverage_areas[k] for k in map(coverage_key, areas) if k in self.coverage_areas
        ]
        if not columns:
            return np.empty(0, dtype=np.intp)
        return np.unique(self.coverage[:, columns].indices).astype(np.intp)

    def _build_text_index(self) -> None:
        acts = self._activities
        max_words = self.taxonomy.max_words
        structured = [tokens([a.name, *a.categories, *a.tags], max_words=max_words) for a in acts]
        described = [tokens(a.description, max_words=max_words) for a in acts]
        vocabulary: dict[str, int] = {}
        for token_list in (*structured, *described):
            for token in token_list:
                vocabulary.setdefault(token, len(vocabulary))
        self.vocabulary = vocabulary

        def incidence(token_lists: list[list[str]]) -> sparse.csr_matrix:
            rows = np.repeat(np.arange(len(token_lists)), [len(t) for t in token_lists])
            cols = np.fromiter(
                (vocabulary[t] for ts in token_lists for t in ts), dtype=np.intp, count=len(rows)
            )
            data = np.ones(len(rows), dtype=np.float32)
            matrix = sparse.csr_matrix(
                (data, (rows, cols)), shape=(len(token_lists), len(vocabulary))
            )
            matrix.data[:] = 1.0  # repeated tokens count once
            return matrix

        #: activities x vocabulary: token in name, categories or tags / in description
        self.structured_tokens = incidence(structured)
        self.description_tokens = incidence(described)
        vocab_themes = sparse.csr_matrix(self.taxonomy.match(list(vocabulary)).astype(np.float32))
        in_structured = (self.structured_tokens @ vocab_themes).toarray() > 0
        in_description = (self.description_tokens @ vocab_themes).toarray() > 0
        #: activities x themes, theme strength in [0, 1]
        self.themes = np.where(
            in_structured,
            STRUCTURED_WEIGHT,
            np.where(in_description, DESCRIPTION_WEIGHT, 0.0),
        ).astype(np.float32)
        n_themes = len(self.taxonomy.themes)
        self.structured_theme_bits = to_bits(in_structured, n_themes)
        self.description_theme_bits = to_bits(in_description, n_themes)
        self.word_theme_bits = to_bits(vocab_themes.toarray() > 0, n_themes)
        structured_csc, described_csc = self.token_columns
        self.structured_postings = _Postings(structured_csc)
        self.description_postings = _Postings(described_csc)
        self._words = list(vocabulary)

    def match_words(self, words: Sequence[str]) -> list[IntArray]:
        """For each client token, the vocabulary ids it matches directly: fuzz.ratio >= 85,
        or the token (4+ characters) inside a catalogue word at least 3 characters longer."""
        from rapidfuzz import fuzz, process

        from wor_match.taxonomy import FUZZY_CUTOFF, MIN_COMPOUND_REST, MIN_SUBSTRING_KEYWORD

        vocabulary = self._words
        if not words or not vocabulary:
            return [np.empty(0, dtype=np.intp) for _ in words]
        ratio = process.cdist(words, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        partial = process.cdist(words, vocabulary, scorer=fuzz.partial_ratio, score_cutoff=100)
        flat_len = np.array([len(t) for t in words])[:, None]
        vocab_len = np.array([len(v) for v in vocabulary])[None, :]
        inside = (
            (partial > 0)
            & (flat_len >= MIN_SUBSTRING_KEYWORD)
            & (vocab_len >= flat_len + MIN_COMPOUND_REST)
        )
        hits = (ratio > 0) | inside
        return [np.flatnonzero(row).astype(np.intp) for row in hits]

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
        return np.union1d(self.at_home_open, covered).astype(np.intp)

    @cached_property
    def token_columns(self) -> tuple[sparse.csc_matrix, sparse.csc_matrix]:
        """The token incidence matrices in column-major form, for per-word look-ups."""
        return self.structured_tokens.tocsc(), self.description_tokens.tocsc()

    @cached_property
    def located(self) -> IntArray:
        """Rows of on-site activities with coordinates (the rows the spatial index holds)."""
        on_site = self.delivery == DELIVERIES.index("on_site")
        return np.flatnonzero(on_site & ~np.isnan(self.lat))

    @cached_property
    def spatial_index(self) -> Any:
        """A scikit-learn BallTree (haversine metric) over :attr:`located`, built once."""
        from sklearn.neighbors import BallTree

        points = np.radians(np.column_stack([self.lat[self.located], self.lon[self.located]]))
        if len(points) == 0:
            points = np.zeros((0, 2))
        return BallTree(points, metric="haversine")

    def within_km_many(
        self, lats: npt.ArrayLike, lons: npt.ArrayLike, radii_km: npt.ArrayLike
    ) -> list[IntArray]:
        """:meth:`within_km` for many points in one spatial-index query (radius 0 or less
        gives no rows)."""
        lats, lons = np.asarray(lats, dtype=np.float64), np.asarray(lons, dtype=np.float64)
        radii = np.asarray(radii_km, dtype=np.float64)
        result = [np.empty(0, dtype=np.intp) for _ in range(len(radii))]
        asked = np.flatnonzero(radii > 0)
        if len(self.located) == 0 or len(asked) == 0:
            return result
        radius = radii[asked] * (1 + 1e-9) / EARTH_RADIUS_KM + 1e-12
        points = np.radians(np.column_stack([lats[asked], lons[asked]]))
        hits = self.spatial_index.query_radius(points, r=radius)
        for i, found in zip(asked, hits, strict=True):
            result[i] = np.sort(self.located[found])
        return result

    def within_km(self, lat: float, lon: float, radius_km: float) -> IntArray:
        """Rows of located on-site activities within ``radius_km`` (straight line), sorted."""
        if len(self.located) == 0 or radius_km <= 0:
            return np.empty(0, dtype=np.intp)
        # a tiny margin: the BallTree and haversine_km round differently at the boundary;
        # callers apply the exact travel-time rule afterwards
        radius = radius_km * (1 + 1e-9) / EARTH_RADIUS_KM + 1e-12
        hits = self.spatial_index.query_radius(np.radians([[lat, lon]]), r=radius)[0]
        return np.sort(self.located[hits])


def _locate(activity: Activity, row: int, report: LoadReport) -> Activity:
    """Fill coordinates from the postcode where they are missing, noting the precision."""
    if activity.lat is not None or not activity.postcode:
        if activity.delivery == "on_site" and activity.lat is None:
            report.warnings.append(
                {
                    "row": row,
                    "activity_id": activity.activity_id,
                    "message": "on-site activity without location: it cannot be matched "
                    "until lat/lon or a postcode is given",
                }
            )
        return activity
    try:
        lat, lon = resolve_postcode(activity.postcode)
    except (ValueError, UnknownPostcodeError):
        report.warnings.append(
            {
                "row": row,
                "activity_id": activity.activity_id,
                "message": "postcode not found in the offline PC4 table: no location",
            }
        )
        return activity
    report.warnings.append(
        {
            "row": row,
            "activity_id": activity.activity_id,
            "message": "location from the PC4 centroid of the postcode (precision: pc4)",
        }
    )
    return activity.model_copy(update={"lat": lat, "lon": lon})


class _Postings:
    """Word -> rows holding it, from a column-major incidence matrix."""

    def __init__(self, matrix: sparse.csc_matrix) -> None:
        self.indptr = matrix.indptr.astype(np.int64)
        self.rows = matrix.indices.astype(np.int32)

    def rows_of(self, word_ids: npt.ArrayLike) -> npt.NDArray[np.int32]:
        """Sorted rows holding any of the words."""
        ids = np.asarray(word_ids, dtype=np.intp)
        parts = [self.rows[self.indptr[w] : self.indptr[w + 1]] for w in ids]
        if not parts:
            return np.empty(0, dtype=np.int32)
        return np.unique(np.concatenate(parts))

    def holds(self, row: int, word_id: int) -> bool:
        found = self.rows[self.indptr[word_id] : self.indptr[word_id + 1]]
        i = int(np.searchsorted(found, row))
        return i < len(found) and int(found[i]) == row
