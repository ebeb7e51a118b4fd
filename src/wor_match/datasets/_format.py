"""The on-disk dataset format (a folder) and its loader.

::

    my_dataset/
      catalogue.csv        the catalogue in the core CSV form
      profiles.jsonl       one client profile per line (the core profile form)
      interactions.csv     client_id, activity_id, event, timestamp, reason
      metadata.json        provenance, generator and seed, licence, counts
      truth.csv            optional: client_id, activity_id, p_true (synthetic data only)

``event`` is one of offered, accepted, started, continued (still attending after about
three months), declined, dropped_out (``reason`` optional). Loading validates every part
and reports like the catalogue loader: profiles and interactions that fail are rejected
with their line number and reason, never dropped silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from wor_match._errors import CatalogueError, InvalidProfileError, WorMatchError
from wor_match.catalogue import Catalogue, LoadReport
from wor_match.models.profile import ClientProfile

__all__ = [
    "Dataset",
    "EVENTS",
    "load",
]

EVENTS = ("offered", "accepted", "started", "continued", "declined", "dropped_out")
INTERACTION_COLUMNS = ["client_id", "activity_id", "event", "timestamp", "reason"]


@dataclass
class Dataset:
    """A catalogue, client profiles, interaction events and metadata."""

    catalogue: Catalogue
    profiles: list[ClientProfile]
    interactions: pd.DataFrame
    metadata: dict[str, Any] = field(default_factory=dict)
    truth: pd.DataFrame | None = None
    reports: dict[str, LoadReport] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"<Dataset {self.metadata.get('name', '')!r}: {len(self.profiles)} clients, "
            f"{len(self.catalogue)} activities, {len(self.interactions)} events>"
        )

    @property
    def profile_by_id(self) -> dict[str, ClientProfile]:
        return {p.client_id: p for p in self.profiles}

    def save(self, path: str | PathLike[str]) -> Path:
        """Write the dataset folder (created if missing); returns its path."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        self.catalogue.to_csv(folder / "catalogue.csv")
        with (folder / "profiles.jsonl").open("w", encoding="utf-8") as handle:
            for profile in self.profiles:
                handle.write(profile.model_dump_json(exclude_defaults=True) + "\n")
        self.interactions.reindex(columns=INTERACTION_COLUMNS).to_csv(
            folder / "interactions.csv", index=False
        )
        if self.truth is not None:
            self.truth.to_csv(folder / "truth.csv", index=False, float_format="%.6f")
        meta = {
            **self.metadata,
            "counts": {
                "clients": len(self.profiles),
                "activities": len(self.catalogue),
                "interactions": len(self.interactions),
            },
        }
        (folder / "metadata.json").write_text(
            json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return folder


def _load_profiles(path: Path) -> tuple[list[ClientProfile], LoadReport]:
    report = LoadReport(source=str(path))
    profiles: list[ClientProfile] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        report.rows_in += 1
        try:
            profile = ClientProfile.model_validate_json(line)
            if profile.client_id in seen:
                raise InvalidProfileError("Invalid client profile: duplicate client_id")
        except InvalidProfileError as error:
            report.rejected.append({"row": number, "activity_id": "", "message": str(error)})
            continue
        seen.add(profile.client_id)
        profiles.append(profile)
    report.accepted = len(profiles)
    return profiles, report


def _load_interactions(
    path: Path, clients: set[str], activities: Catalogue
) -> tuple[pd.DataFrame, LoadReport]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in INTERACTION_COLUMNS[:4] if c not in frame.columns]
    if missing:
        raise WorMatchError(f"{path}: interactions need the columns {missing}")
    report = LoadReport(source=str(path), rows_in=len(frame))
    problems = pd.Series("", index=frame.index)
    problems[~frame["event"].isin(EVENTS)] = f"event must be one of {list(EVENTS)}"
    problems[~frame["activity_id"].isin(activities.ids)] = "activity_id not in the catalogue"
    problems[~frame["client_id"].isin(clients)] = "client_id not among the profiles"
    stamps = pd.to_datetime(frame["timestamp"], errors="coerce", format="ISO8601", utc=True)
    problems[stamps.isna()] = "timestamp must be an ISO 8601 date or time"
    bad = problems != ""
    for index in frame.index[bad]:
        report.rejected.append(
            {
                "row": int(index) + 1,
                "activity_id": frame.at[index, "activity_id"],
                "message": problems[index],
            }
        )
    accepted = frame[~bad].copy()
    accepted["timestamp"] = stamps[~bad]
    report.accepted = len(accepted)
    return accepted.reset_index(drop=True), report


def load(path: str | PathLike[str]) -> Dataset:
    """Read a dataset folder; ``dataset.reports`` accounts for every row of every part."""
    folder = Path(path)
    if not folder.is_dir():
        raise CatalogueError(f"dataset folder not found: {folder}")
    catalogue = Catalogue.from_csv(folder / "catalogue.csv")
    profiles, profile_report = _load_profiles(folder / "profiles.jsonl")
    interactions, interaction_report = _load_interactions(
        folder / "interactions.csv", {p.client_id for p in profiles}, catalogue
    )
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    truth_path = folder / "truth.csv"
    truth = (
        pd.read_csv(truth_path, dtype={"client_id": str, "activity_id": str})
        if truth_path.is_file()
        else None
    )
    return Dataset(
        catalogue=catalogue,
        profiles=profiles,
        interactions=interactions,
        metadata=metadata,
        truth=truth,
        reports={
            "catalogue": catalogue.report,
            "profiles": profile_report,
            "interactions": interaction_report,
        },
    )
