"""HSDS (issue 11): 1.x services placed through their organisation's only location, and
formula cells neutralised in the export and restored on import."""

from __future__ import annotations

import csv
from pathlib import Path

import wor_match as wm
from wor_match.io import read_hsds, write_hsds


def _table(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_v1_services_linked_through_an_organisation_with_one_location(tmp_path: Path) -> None:
    _table(tmp_path, "organizations.csv", [{"id": "o1", "name": "Buurthuis"},
                                           {"id": "o2", "name": "Stichting Twee"}])  # fmt: skip
    _table(tmp_path, "locations.csv", [
        {"id": "l1", "organization_id": "o1", "name": "Buurthuis", "latitude": "52.29",
         "longitude": "4.58"},
        {"id": "l2", "organization_id": "o2", "name": "A", "latitude": "52.1", "longitude": "5.1"},
        {"id": "l3", "organization_id": "o2", "name": "B", "latitude": "52.2", "longitude": "5.2"},
    ])  # fmt: skip
    _table(tmp_path, "services.csv", [
        {"id": "s1", "organization_id": "o1", "name": "Koffieochtend", "status": "active"},
        {"id": "s2", "organization_id": "o2", "name": "Taalcafe", "status": "active"},
    ])  # fmt: skip
    _table(tmp_path, "regular_schedules.csv",
           [{"id": "r1", "service_id": "s1", "weekday": "2", "opens_at": "10:00",
             "closes_at": "12:00"}])  # fmt: skip
    result = read_hsds(tmp_path)
    by_name = {r["name"]: r for r in result.records}
    assert (by_name["Koffieochtend"]["lat"], by_name["Koffieochtend"]["lon"]) == (52.29, 4.58)
    assert by_name["Taalcafe"].get("lat") is None  # two locations: which one is unknown
    assert any(
        "1 services without a services_at_location row were placed at the only location" in note
        for note in result.notes
    )


FORMULA = '=HYPERLINK("http://evil.example","Klik")'


def test_export_neutralises_formulas_and_import_restores_them(tmp_path: Path) -> None:
    catalogue = wm.Catalogue.from_records(
        [{"activity_id": "a1", "name": FORMULA, "delivery": "online",
          "contact": "+31 6 12345678", "provider": "@huis"}]
    )  # fmt: skip
    write_hsds(list(catalogue), tmp_path / "out")
    services = (tmp_path / "out" / "services.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in services
    assert "\n=" not in services
    assert ",=" not in services
    back = read_hsds(tmp_path / "out")
    assert [r["name"] for r in back.records] == [FORMULA]
