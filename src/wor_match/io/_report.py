"""The result of an import: activity records plus a report in which nothing is lost.

Every candidate activity an importer builds (one per HSDS service at location, one per
spreadsheet row) becomes exactly one report row, accepted or rejected with a reason, so
``rows_in == accepted + rejected`` always holds. Rows of other tables that could not be
linked to any activity are counted in ``notes``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from wor_match._errors import InvalidActivityError
from wor_match.models.activity import ACTIVITY_FIELDS, LIST_FIELDS, Activity

if TYPE_CHECKING:
    from wor_match.catalogue import Catalogue

__all__ = ["REPORT_COLUMNS", "Candidate", "ImportResult", "finalise", "records_to_frame"]

#: Columns of :attr:`ImportResult.report`, in order.
REPORT_COLUMNS = (
    "source",
    "source_row",
    "source_id",
    "activity_id",
    "status",
    "reason",
    "warnings",
    "geo_precision",
)


@dataclass
class Candidate:
    """One activity an importer built, before validation.

    ``source_row`` is the 1-based data row in the source table (a CSV file line is
    ``source_row + 1``); ``reason`` set means the importer already rejected it.
    """

    record: dict[str, Any]
    source_row: int
    source_id: str
    warnings: list[str] = field(default_factory=list)
    geo_precision: str = "none"
    reason: str = ""


@dataclass(frozen=True)
class ImportResult:
    """Activity records ready for ``Catalogue.from_records`` and the report of the import.

    Attributes
    ----------
    records : list of dict
        Accepted activities in the activity form (lists as lists, slots as dicts).
    report : pandas.DataFrame
        One row per candidate activity, columns :data:`REPORT_COLUMNS`. ``status`` is
        ``accepted`` or ``rejected``; ``warnings`` joins the row's warnings with `` | ``;
        ``geo_precision`` is ``given`` (coordinates in the source), ``pc4`` (centroid of the
        postcode), ``place`` (centroid of the place), or ``none``.
    source : str
        What was read.
    notes : tuple of str
        Findings about the source as a whole (unlinked rows, unmapped columns).
    services_read : int or None
        HSDS imports: the number of services read (one may yield several activities).
    """

    records: list[dict[str, Any]]
    report: pd.DataFrame
    source: str
    notes: tuple[str, ...] = ()
    services_read: int | None = None

    @property
    def counts(self) -> dict[str, int]:
        """``rows_in``, ``accepted``, ``rejected``, ``with_warnings`` and ``with_coordinates``."""
        status = self.report["status"]
        return {
            "rows_in": len(self.report),
            "accepted": int((status == "accepted").sum()),
            "rejected": int((status == "rejected").sum()),
            "with_warnings": int((self.report["warnings"] != "").sum()),
            "with_coordinates": sum(r.get("lat") is not None for r in self.records),
        }

    def rejection_reasons(self) -> pd.Series:
        """How many rows were rejected for each reason, most frequent first."""
        rejected = self.report[self.report["status"] == "rejected"]
        return rejected["reason"].value_counts()

    def flag_stale(self, *, max_age_days: int = 365, today: dt.date | None = None) -> ImportResult:
        """A copy whose report flags accepted activities not verified for ``max_age_days``.

        Out-of-date entries are the top complaint about a sociale kaart: each stale row gets
        the warning "last_verified <date> is older than <n> days: check that the offer still
        runs"; the notes count stale and never-verified activities.

        Raises
        ------
        ValueError
            If ``max_age_days`` is negative.
        """
        if max_age_days < 0:
            raise ValueError(
                f"The 'max_age_days' parameter of flag_stale must be >= 0. Got {max_age_days}."
            )
        cutoff = (today or dt.date.today()) - dt.timedelta(days=max_age_days)
        stale: dict[str, str] = {}
        never = 0
        for record in self.records:
            verified = record.get("last_verified")
            if not verified:
                never += 1
            elif dt.date.fromisoformat(str(verified)) < cutoff:
                stale[str(record["activity_id"])] = (
                    f"last_verified {verified} is older than {max_age_days} days: "
                    "check that the offer still runs"
                )
        report = self.report.copy()
        accepted = report["status"] == "accepted"
        flagged = accepted & report["activity_id"].isin(list(stale))
        report.loc[flagged, "warnings"] = [
            f"{current} | {stale[str(aid)]}" if current else stale[str(aid)]
            for current, aid in zip(
                report.loc[flagged, "warnings"], report.loc[flagged, "activity_id"], strict=True
            )
        ]
        note = (
            f"staleness (last_verified before {cutoff}): {len(stale)} stale, "
            f"{never} never verified, of {len(self.records)} accepted"
        )
        return replace(self, report=report, notes=(*self.notes, note))

    def warning_counts(self) -> pd.Series:
        """How many rows carry each kind of warning (quoted values replaced by ``'…'``)."""
        kinds = [
            re.sub(r"\([^)]*\)|\d+ of \d+", "…", re.sub(r"'[^']*'", "…", warning))
            for warnings in self.report["warnings"]
            for warning in str(warnings).split(" | ")
            if warning
        ]
        return pd.Series(kinds, dtype=object).value_counts()

    def to_markdown(self, *, max_rows: int | None = 200) -> str:
        """The report as markdown: counts, notes, then every row with a reason or warning."""
        counts = self.counts
        lines = [f"# Import report: {self.source}", ""]
        if self.services_read is not None:
            lines.append(f"- services read: {self.services_read}")
        lines += [f"- {name.replace('_', ' ')}: {value}" for name, value in counts.items()]
        if self.notes:
            lines += ["", "## Notes", ""] + [f"- {note}" for note in self.notes]
        flagged = self.report[
            (self.report["status"] == "rejected") | (self.report["warnings"] != "")
        ]
        if len(flagged):
            lines += [
                "",
                "## Rows with problems",
                "",
                "| row | source id | status | reason | warnings | geo |",
                "|---|---|---|---|---|---|",
            ]
            shown = flagged if max_rows is None else flagged.head(max_rows)
            for row in shown.itertuples(index=False):
                cells = [
                    str(row.source_row),
                    str(row.source_id),
                    str(row.status),
                    str(row.reason),
                    str(row.warnings),
                    str(row.geo_precision),
                ]
                lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
            if len(shown) < len(flagged):
                lines.append(f"\n... and {len(flagged) - len(shown)} more rows")
        return "\n".join(lines) + "\n"

    def to_csv(self, path: str | PathLike[str]) -> Path:
        """Write the accepted records as a catalogue CSV (the core's CSV form)."""
        out = Path(path)
        records_to_frame(self.records).to_csv(out, index=False, quoting=csv.QUOTE_MINIMAL)
        return out

    def to_catalogue(self, *, strict: bool = False) -> Catalogue:
        """The accepted records as a :class:`~wor_match.Catalogue` (its own report says
        how each was placed)."""
        from wor_match.catalogue import Catalogue

        return Catalogue.from_records(self.records, strict=strict, source=self.source)

    def __repr__(self) -> str:
        c = self.counts
        return (
            f"ImportResult(source={self.source!r}, rows_in={c['rows_in']}, "
            f"accepted={c['accepted']}, rejected={c['rejected']})"
        )

    def __str__(self) -> str:
        c = self.counts
        return (
            f"{self.source}: {c['rows_in']} rows in, {c['accepted']} accepted, "
            f"{c['rejected']} rejected, {c['with_warnings']} with warnings"
        )


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name == "schedule":
        return ";".join(f"{s['day']}:{s['part']}" for s in value)
    if name in LIST_FIELDS:
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def records_to_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Records in the catalogue CSV form: every column, lists joined by ``;``, empty = unknown."""
    rows = [{name: _cell(name, r.get(name)) for name in ACTIVITY_FIELDS} for r in records]
    return pd.DataFrame(rows, columns=list(ACTIVITY_FIELDS), dtype=object)


def _normalised(activity: Activity, original: Mapping[str, Any]) -> dict[str, Any]:
    # Keep the keys the importer set (plus the id and name); the model's defaults for the
    # others are the catalogue's business, not a fact from the source.
    data = activity.model_dump(mode="json")
    return {k: data[k] for k in ACTIVITY_FIELDS if k in original or k in ("activity_id", "name")}


def finalise(
    candidates: list[Candidate], *, source: str, notes: list[str], services_read: int | None = None
) -> ImportResult:
    """Validate candidates with the activity model and build the result.

    A candidate is rejected when the importer rejected it, when the model rejects it (the
    reason is the model's message, which names field and rule), or when its activity_id
    repeats an earlier accepted one.
    """
    records: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[str, int] = {}
    for candidate in candidates:
        reason = candidate.reason
        activity_id = str(candidate.record.get("activity_id") or "")
        if not reason:
            try:
                activity = Activity.model_validate(candidate.record)
            except InvalidActivityError as error:
                reason = str(error)
            else:
                if activity.activity_id in first_seen:
                    reason = (
                        f"activity_id must be unique: {activity.activity_id!r} repeats "
                        f"source row {first_seen[activity.activity_id]}"
                    )
                else:
                    first_seen[activity.activity_id] = candidate.source_row
                    records.append(_normalised(activity, candidate.record))
        rows.append(
            {
                "source": source,
                "source_row": candidate.source_row,
                "source_id": candidate.source_id,
                "activity_id": activity_id,
                "status": "rejected" if reason else "accepted",
                "reason": reason,
                "warnings": " | ".join(candidate.warnings),
                "geo_precision": candidate.geo_precision,
            }
        )
    report = pd.DataFrame(rows, columns=list(REPORT_COLUMNS))
    report["source_row"] = report["source_row"].astype("int64")
    return ImportResult(records, report, source, tuple(notes), services_read)
