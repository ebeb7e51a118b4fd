"""HSDS import: the official examples, a hand-made fixture of edge cases, 1.x and Miami."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from wor_match import Catalogue, CatalogueError
from wor_match.geo.postcodes import load_pc4_table
from wor_match.io import ImportResult, read_hsds
from wor_match.io._clean import clean_text, language_code, languages_in, normalise_url

from .conftest import FIXTURES, HSDS3, HSDS11, MIAMI, need


def invariant(result: ImportResult) -> None:
    counts = result.counts
    assert counts["rows_in"] == counts["accepted"] + counts["rejected"]
    assert counts["accepted"] == len(result.records)
    assert set(result.report["status"]) <= {"accepted", "rejected"}
    assert (result.report.loc[result.report["status"] == "rejected", "reason"] != "").all()


# ------------------------------------------------------------------ hand-made fixture
@pytest.fixture(scope="module")
def mixed() -> ImportResult:
    return read_hsds(FIXTURES / "hsds3_mixed.json")


def by_id(result: ImportResult) -> dict[str, dict[str, object]]:
    return {str(r["activity_id"]): r for r in result.records}


def test_mixed_counts(mixed: ImportResult) -> None:
    invariant(mixed)
    # 8 services; service a-1 has two locations: 9 activities, 3 rejected
    assert mixed.services_read == 8
    assert mixed.counts["rows_in"] == 9
    assert mixed.counts["rejected"] == 3
    assert list(by_id(mixed)) == ["a-1@loc-1", "a-1@loc-2", "b-2", "c-3", "f-6", "h-8"]


def test_one_activity_per_service_at_location(mixed: ImportResult) -> None:
    first, second = by_id(mixed)["a-1@loc-1"], by_id(mixed)["a-1@loc-2"]
    assert first == {
        "activity_id": "a-1@loc-1",
        "name": "Wandelgroep Hillegom",  # double space tidied
        "description": "Samen wandelen\nin het bos",  # literal \n repaired
        "categories": ["Bewegen"],
        "tags": ["buiten"],
        "lat": 52.29,
        "lon": 4.58,
        "postcode": "2181 AB",
        "schedule": [{"day": "tue", "part": "morning"}],  # the SAL's own schedule wins
        "cost_per_month": 2.5,
        "wheelchair_accessible": True,  # "Rolstoeltoegankelijk"
        "min_age": 55,
        "max_age": 120,
        "languages": ["nl"],
        "status": "active",
        "provider": "Welzijn Hillegom",
        "contact": "info@welzijnhillegom.nl; 0252 123456",
        "last_verified": "2026-09-01",
        "coverage": ["Hillegom"],
        "source": "hsds:hsds3_mixed:service/a-1@location/loc-1",
    }
    # the second location has no coordinates: the catalogue will place it at the PC4
    # centroid of 2182; the service-level schedule (Thursday 19:00-21:00) applies;
    # "Not wheelchair accessible" is a no
    assert "lat" not in second
    assert second["postcode"] == "2182"
    pc4 = load_pc4_table().row("2182")
    located = Catalogue.from_records([second])[0]
    assert (located.lat, located.lon) == (float(pc4["lat"]), float(pc4["lon"]))
    assert second["schedule"] == [{"day": "thu", "part": "evening"}]
    assert second["wheelchair_accessible"] is False


def test_online_at_home_and_status(mixed: ImportResult) -> None:
    records = by_id(mixed)
    assert records["b-2"]["delivery"] == "online"
    assert records["b-2"]["status"] == "temporarily_closed"
    assert records["b-2"]["cost_per_month"] == 0.0  # fees_description "Gratis"
    assert records["b-2"]["schedule"] == [{"day": "wed", "part": "afternoon"}]  # 1WE 14-15
    assert records["c-3"]["delivery"] == "at_home"
    assert records["c-3"]["kind"] == "buddy"
    assert records["h-8"]["url"] == "http://www.example.org"
    assert "postcode" not in records["h-8"]  # a US postcode must not be read as Dutch


def report_row(result: ImportResult, source_row: int) -> dict[str, object]:
    rows = result.report[result.report["source_row"] == source_row]
    assert len(rows) == 1
    return dict(rows.iloc[0])


def test_rejections_name_field_and_rule(mixed: ImportResult) -> None:
    assert report_row(mixed, 4)["reason"] == "name: required, the service has no name"
    assert report_row(mixed, 5)["reason"] == (
        "status: must be active, inactive, defunct or temporarily closed; got 'closed'"
    )
    assert report_row(mixed, 7)["reason"] == (
        "activity_id must be unique: 'b-2' repeats source row 2"
    )


def test_warnings_by_row(mixed: ImportResult) -> None:
    loc2 = mixed.report[mixed.report["activity_id"] == "a-1@loc-2"].iloc[0]
    assert loc2["geo_precision"] == "pc4"
    assert "languages: no ISO 639-1 language named in 'Sign language'" in loc2["warnings"]
    assert "monthly" in report_row(mixed, 2)["warnings"]
    f6 = str(report_row(mixed, 6)["warnings"])
    assert "minimum_age exceeds maximum_age: both ignored" in f6
    assert "amount in GBP not converted to EUR" in f6
    assert "service has no location" in f6
    h8 = str(report_row(mixed, 8)["warnings"])
    assert "latitude/longitude out of range (100, 101): coordinates ignored" in h8
    assert "postcode of an address in US not used" in h8
    assert report_row(mixed, 3)["warnings"] == ""  # at-home buddy: no location needed


def test_warning_counts(mixed: ImportResult) -> None:
    counts = mixed.warning_counts()
    # rows 4, 5, 6 and 7 have no service_at_location (row 3 is at home: no warning)
    assert counts["service has no location: on-site without coordinates"] == 4
    # both locations of a-1 name "Sign language"; the quoted value is folded away
    assert counts["languages: no ISO 639-1 language named in …"] == 2
    assert counts["latitude/longitude out of range …: coordinates ignored"] == 1
    assert counts.sum() == 12


def test_markdown_lists_problem_rows(mixed: ImportResult) -> None:
    text = mixed.to_markdown()
    assert "- rows in: 9" in text
    assert "| 4 | service/d-4 | rejected | name: required, the service has no name |" in text


def test_records_load_into_the_catalogue(mixed: ImportResult) -> None:
    catalogue = Catalogue.from_records(mixed.records)
    assert catalogue.report.rows_in == catalogue.report.accepted == 6


# ------------------------------------------------------------------ official HSDS 3.0
def test_official_tabular_package() -> None:
    result = read_hsds(need(HSDS3 / "csv"))
    invariant(result)
    assert result.counts == {
        "rows_in": 1,
        "accepted": 1,
        "rejected": 0,
        "with_warnings": 1,
        "with_coordinates": 0,
    }
    record = result.records[0]
    assert record["activity_id"] == "ac148810-d857-441c-9679-408f346de14b"
    # byday TH,FR 10:00-18:00 covers morning and afternoon
    assert record["schedule"] == [
        {"day": "thu", "part": "morning"},
        {"day": "thu", "part": "afternoon"},
        {"day": "fri", "part": "morning"},
        {"day": "fri", "part": "afternoon"},
    ]
    assert (record["min_age"], record["max_age"]) == (12, 100)
    assert record["languages"] == ["ur"]
    assert record["wheelchair_accessible"] is True  # "Wheelchair access is possible ..."
    assert record["last_verified"] == "2005-01-01"
    assert "lat" not in record  # the example's latitude 100 is out of range
    assert any("attributes.csv: 1 rows link to no known" in n for n in result.notes)


@pytest.mark.parametrize(
    "name",
    [
        "service_full.json",
        "service_list.json",
        "service_at_location_full.json",
        "service_at_location_list.json",
    ],
)
def test_official_json_forms(name: str) -> None:
    result = read_hsds(need(HSDS3 / "json" / name))
    invariant(result)
    assert result.counts["accepted"] == 1
    assert result.records[0]["name"] == "Community Counselling"
    assert result.records[0]["activity_id"] == "ac148810-d857-441c-9679-408f346de14b"


def test_folder_of_json_pages(tmp_path: Path) -> None:
    for name in ("service_list.json", "service_at_location_list.json"):
        shutil.copy(need(HSDS3 / "json" / name), tmp_path / name)
    result = read_hsds(tmp_path)
    invariant(result)
    # both pages hold the same example service: the second is reported as a repeat
    assert result.counts == {
        "rows_in": 2,
        "accepted": 1,
        "rejected": 1,
        "with_warnings": 2,
        "with_coordinates": 0,
    }
    assert report_row(result, 2)["reason"] == (
        "activity_id must be unique: 'ac148810-d857-441c-9679-408f346de14b' repeats source row 1"
    )
    assert result.notes[0].startswith("service_at_location_list.json: HSDS 3.0 JSON")


def test_open_referral_uk_v1_json() -> None:
    # HSDS 1.x field names in JSON (Open Referral UK v1 API): converted to 3.0 first
    result = read_hsds(FIXTURES / "oruk_v1_services.json")
    invariant(result)
    (record,) = result.records
    assert record == {
        "activity_id": "oruk-1",
        "name": "Chair yoga",
        "description": "Gentle yoga seated on a chair.\n\nEligibility: Adults over 60",
        "categories": ["Physical activity"],
        "lat": 52.29,
        "lon": 4.58,
        "postcode": "2181 EA",
        # the service at location has its own schedule (Friday 14-15), which wins over
        # the service's Wednesday
        "schedule": [{"day": "fri", "part": "afternoon"}],
        "cost_per_month": 0.0,  # fees "Free"
        "wheelchair_accessible": True,
        "min_age": 60,
        "languages": ["en", "cy"],  # English, Welsh
        "status": "active",
        "provider": "Leisure Trust",
        "coverage": ["Hillegom"],
        "source": "hsds:oruk_v1_services:service/oruk-1@location/loc-1",
    }
    assert result.report["warnings"].iloc[0] == ""
    assert result.notes[1].startswith("1 of 1 services use HSDS 1.x / Open Referral UK field names")


def test_repr_and_catalogue(mixed: ImportResult) -> None:
    assert repr(mixed) == (
        "ImportResult(source='"
        + str(FIXTURES / "hsds3_mixed.json")
        + "', rows_in=9, accepted=6, rejected=3)"
    )
    catalogue = mixed.to_catalogue()
    assert len(catalogue) == 6
    assert catalogue.report.source == mixed.source


def test_datapackage_json_path_reads_its_directory(tmp_path: Path) -> None:
    shutil.copytree(need(HSDS11), tmp_path / "pkg")
    result = read_hsds(tmp_path / "pkg" / "datapackage.json")
    assert result.counts["rows_in"] == 13


# ------------------------------------------------------------------ HSDS 1.x
def test_hsds_11_sample() -> None:
    result = read_hsds(need(HSDS11))
    invariant(result)
    # 13 services (services.csv has quoted line breaks), each at one location
    assert result.services_read == 13
    assert result.counts["rows_in"] == 13


def test_hsds_11_schedule_and_languages() -> None:
    records = by_id(read_hsds(need(HSDS11)))
    helpline = records["c89eb05c-62dd-4b64-b494-0cc347b6ea7f"]
    # weekdays 1, 2, 3 (ISO: Monday-Wednesday) 09:00-17:00
    assert helpline["schedule"] == [
        {"day": d, "part": p} for d in ("mon", "tue", "wed") for p in ("morning", "afternoon")
    ]
    assert helpline["languages"] == ["en", "es"]
    assert "Eligibility: adult" in str(helpline["description"])


def test_miami_from_zip() -> None:
    result = read_hsds(need(MIAMI))
    invariant(result)
    assert result.services_read == 4089
    assert result.counts["rows_in"] == 4089
    assert result.counts["with_coordinates"] == 2260
    assert any(n.startswith("eligibility.csv: 2244 rows link to no known") for n in result.notes)
    # no service has a status: one note instead of 4,089 identical warnings
    assert "status: empty in all 4089 services, all read as active" in result.notes
    assert not result.report["warnings"].str.contains("status: empty").any()
    assert result.counts["with_warnings"] < 4089
    text = " ".join(str(r.get("description", "")) for r in result.records)
    assert "GÇÖ" not in text
    assert "\\n" not in text


def test_empty_status_is_a_row_warning_when_others_have_one(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    services = [{"id": "1", "name": "Koor", "status": "active"}, {"id": "2", "name": "Breien"}]
    path.write_text(json.dumps(services), encoding="utf-8")
    result = read_hsds(path)
    assert "status: empty, assumed active" in report_row(result, 2)["warnings"]
    assert "status: empty, assumed active" not in report_row(result, 1)["warnings"]
    assert [r.get("status") for r in result.records] == ["active", None]


# ------------------------------------------------------------------ errors and helpers
def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="HSDS source not found"):
        read_hsds(tmp_path / "nope")


def test_directory_without_services(tmp_path: Path) -> None:
    (tmp_path / "locations.csv").write_text("id\n1\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"no HSDS services table \(services.csv\)"):
        read_hsds(tmp_path)


def test_not_a_package(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(CatalogueError, match="an HSDS source must be a directory"):
        read_hsds(path)


def test_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"x\.json is not valid JSON"):
        read_hsds(path)
    path.write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(CatalogueError, match="an HSDS JSON file holds a service"):
        read_hsds(path)


def test_zip_with_nested_folder(tmp_path: Path) -> None:
    archive = tmp_path / "pkg.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("data/services.csv", "id,name,status\ns1,Koor,active\n")
        z.writestr("data/services_at_location.csv", "id,service_id,location_id\n")
    result = read_hsds(archive)
    assert [r["name"] for r in result.records] == ["Koor"]


def test_clean_text() -> None:
    assert clean_text("AttorneyGÇÖs\\n\\nOffice ") == "Attorney’s\n\nOffice"
    assert clean_text("GÇ£quotedGÇ¥ and GÇô dash") == "“quoted” and – dash"
    assert clean_text(None) == ""
    assert clean_text(float("nan")) == ""


def test_languages_in() -> None:
    assert languages_in("Spanish with translators available") == (["es"], [])
    assert languages_in("English and Spanish; Creole (limited)") == (["en", "es", "ht"], [])
    assert languages_in("Nederlands, Arabisch / Turks") == (["nl", "ar", "tr"], [])
    assert languages_in("Language line available") == ([], ["Language line available"])
    assert languages_in("nl;en") == (["nl", "en"], [])  # "en" alone is English, not "and"
    assert languages_in("Engels en Arabisch") == (["en", "ar"], [])


def test_language_code() -> None:
    assert language_code("Haitian Creole") == "ht"
    assert language_code("Creole (limited)") == "ht"
    assert language_code("other languages available upon request") is None
    assert language_code("Papiamento") is None  # no two-letter code


def test_normalise_url() -> None:
    assert normalise_url("www.x.org") == "http://www.x.org"
    assert normalise_url("https://x.org") == "https://x.org"
    assert normalise_url("mailto:a@b.nl") == "mailto:a@b.nl"
    assert normalise_url("") == ""
