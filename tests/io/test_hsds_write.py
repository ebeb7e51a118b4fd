"""HSDS 3.0 export: every record valid against the official JSON Schemas, and a lossless
round trip (export, then import) for every field the mapping covers."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wor_match import Activity, Catalogue, CatalogueError
from wor_match.io import read_hsds, write_hsds
from wor_match.io.hsds import NAMESPACE, TABLE_COLUMNS, TABLE_SCHEMAS, WOR_MATCH_TAXONOMY

RECORDS: list[dict[str, Any]] = [
    {
        "activity_id": "wandel-1",
        "name": "Wandelgroep Hillegom",
        "description": "Rustig tempo.\nVertrek bij de kerk.",
        "kind": "activity",
        "delivery": "on_site",
        "categories": ["Bewegen", "Natuur"],
        "tags": ["buiten", "laagdrempelig"],
        "lat": 52.2912345,
        "lon": 4.5801,
        "postcode": "2181 AB",
        "schedule": "tue:morning;thu:morning;thu:evening",
        "cost_per_month": 0,
        "wheelchair_accessible": True,
        "social_setting": "small_group",
        "min_age": 55,
        "max_age": 99,
        "languages": ["nl", "en"],
        "capacity": 12,
        "status": "active",
        "provider": "Welzijn Hillegom",
        "contact": "Anja (coördinator); info@welzijnhillegom.nl; 0252 123456",
        "url": "https://welzijnhillegom.nl/wandelen",
        "referral": "direct",
        "last_verified": "2026-09-01",
        "coverage": ["Hillegom", "2182"],
        "source": "sheet:sociale_kaart.xlsx:row 3",
    },
    {
        "activity_id": "6f1c1f38-7f5e-4c8f-9f0e-2d8d1a0b7c11",  # a UUID is kept as service id
        "name": "Online schrijfclub",
        "delivery": "online",
        "schedule": [{"day": "wed", "part": "evening"}],
        "cost_per_month": 12.5,
        "status": "temporarily_closed",
        "url": "www.schrijfclub.example",  # no scheme: kept in an attribute
        "wheelchair_accessible": False,
        "languages": ["nl"],
    },
    {
        "activity_id": "thuisgekookt-7",
        "name": "Thuisgekookt maaltijd",
        "kind": "meals",
        "delivery": "at_home",
        "lat": 50.885,  # the cook's base: an at-home offer may have one
        "lon": 5.75,
        "postcode": "6231",
        "coverage": ["Meerssen"],
        "provider": "Thuisgekookt",
        "status": "active",
        "languages": ["nl"],
    },
    {
        "activity_id": "miami-33157",
        "name": "Foreign postcode, online with a base",
        "delivery": "online",
        "lat": 25.7,
        "lon": -80.2,
        "postcode": "33157",  # not Dutch: must not be written as an NL address
        "languages": ["en"],
    },
    {
        "activity_id": "inloop-9",
        "name": "Inloop zonder adres",
        "status": "defunct",
        "postcode": "6231",
        "languages": ["nl", "ar"],
    },
]


def normalised(record: dict[str, Any]) -> dict[str, Any]:
    return Activity.model_validate(record).to_record()


def same(got: dict[str, Any], original: dict[str, Any]) -> None:
    """Equal in every field; a record without provenance gets the export's on import."""
    expected = normalised(original)
    # a schedule is a set of slots: order is not information
    expected["schedule"], got["schedule"] = sorted(expected["schedule"]), sorted(got["schedule"])
    if not expected["source"]:
        assert got["source"].startswith("hsds:")
        got = {**got, "source": ""}
    assert got == expected


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hsds") / "package"
    descriptor = write_hsds(RECORDS, out)
    assert descriptor == out / "datapackage.json"
    return out


def test_json_services_are_schema_valid(exported: Path, hsds_validator: Any) -> None:
    services = json.loads((exported / "services.json").read_text(encoding="utf-8"))
    assert len(services) == len(RECORDS)
    validator = hsds_validator("service.json")
    errors = [f"{e.json_path}: {e.message}" for s in services for e in validator.iter_errors(s)]
    assert errors == []


def typed(row: dict[str, str], schema: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value == "":
            continue
        kind = schema["properties"][key].get("type")
        out[key] = float(value) if kind == "number" else value
    return out


def test_every_tabular_row_is_schema_valid(exported: Path, hsds_validator: Any) -> None:
    from .conftest import HSDS3

    errors: list[str] = []
    rows_checked = 0
    for table, schema_file in TABLE_SCHEMAS.items():
        schema = json.loads((HSDS3 / "schema" / schema_file).read_text(encoding="utf-8"))
        validator = hsds_validator(schema_file)
        with (exported / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert tuple(reader.fieldnames or ()) == TABLE_COLUMNS[table]
            for n, row in enumerate(reader, start=1):
                rows_checked += 1
                errors += [
                    f"{table} row {n}: {e.message}"
                    for e in validator.iter_errors(typed(row, schema))
                ]
                missing = [k for k in schema.get("tabular_required", []) if not row.get(k)]
                errors += [f"{table} row {n}: {k} is required in tabular form" for k in missing]
    assert errors == []
    assert rows_checked > len(RECORDS) * 5


def test_datapackage_lists_every_table(exported: Path) -> None:
    descriptor = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    paths = [r["path"] for r in descriptor["resources"]]
    assert paths == [f"{t}.csv" for t in TABLE_COLUMNS]
    assert all((exported / p).is_file() for p in paths)


def test_round_trip_keeps_every_field(exported: Path) -> None:
    result = read_hsds(exported)
    assert result.counts["rejected"] == 0
    back = {r["activity_id"]: normalised(r) for r in result.records}
    for record in RECORDS:
        same(back[record["activity_id"]], record)


def test_round_trip_through_json(exported: Path) -> None:
    result = read_hsds(exported / "services.json")
    assert len(result.records) == len(RECORDS)
    for got, record in zip(result.records, RECORDS, strict=True):
        same(normalised(got), record)


def test_native_fields_survive_without_wor_match_attributes(exported: Path, tmp_path: Path) -> None:
    services = json.loads((exported / "services.json").read_text(encoding="utf-8"))
    for service in services:
        service["attributes"] = [
            a
            for a in service.get("attributes", [])
            if a["taxonomy_term"]["taxonomy"] != WOR_MATCH_TAXONOMY
        ]
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(services), encoding="utf-8")
    first = read_hsds(plain).records[0]
    original = RECORDS[0]
    native = [
        "name",
        "description",
        "categories",
        "tags",
        "lat",
        "lon",
        "postcode",
        "cost_per_month",
        "wheelchair_accessible",
        "min_age",
        "max_age",
        "languages",
        "status",
        "provider",
        "url",
        "last_verified",
        "coverage",
    ]
    assert {k: first[k] for k in native} == {k: normalised(original)[k] for k in native}
    assert first["schedule"] == [
        {"day": "tue", "part": "morning"},
        {"day": "thu", "part": "morning"},
        {"day": "thu", "part": "evening"},
    ]
    # without the attribute the id is the service UUID (uuid5 of the activity id)
    import uuid

    assert first["activity_id"] == str(uuid.uuid5(NAMESPACE, "service:wandel-1"))


def test_foreign_postcode_is_not_an_nl_address(exported: Path) -> None:
    with (exported / "addresses.csv").open(encoding="utf-8", newline="") as handle:
        addresses = list(csv.DictReader(handle))
    assert {a["postal_code"] for a in addresses} == {"2181 AB", "6231"}
    assert all(a["country"] == "NL" for a in addresses)
    # 6231 is Meerssen (thuisgekookt-7, inloop-9): place and province from the PC4 table
    assert [a["city"] for a in addresses if a["postal_code"] == "6231"] == ["Meerssen"] * 2


def test_demo_catalogue_round_trip(tmp_path: Path, hsds_validator: Any) -> None:
    from wor_match import load_demo_catalogue

    records = [a.to_record() for a in load_demo_catalogue()]
    write_hsds(records, tmp_path)
    services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    validator = hsds_validator("service.json")
    assert [e.message for s in services for e in validator.iter_errors(s)] == []
    back = {r["activity_id"]: normalised(r) for r in read_hsds(tmp_path).records}
    for record in records:
        same(back[record["activity_id"]], record)


def test_miami_round_trip(tmp_path: Path, hsds_validator: Any) -> None:
    from .conftest import MIAMI, need

    records = read_hsds(need(MIAMI)).records[:600]  # a slice keeps the test quick
    write_hsds(records, tmp_path)
    services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    validator = hsds_validator("service.json")
    assert [e.message for s in services for e in validator.iter_errors(s)] == []
    back = {r["activity_id"]: normalised(r) for r in read_hsds(tmp_path).records}
    for record in records:
        same(back[record["activity_id"]], record)


def test_catalogue_exports(exported: Path, tmp_path: Path) -> None:
    catalogue = Catalogue.from_records(RECORDS)
    write_hsds(catalogue, tmp_path)
    assert (tmp_path / "services.csv").read_text(encoding="utf-8") == (
        exported / "services.csv"
    ).read_text(encoding="utf-8")


def test_export_rejects_invalid_record(tmp_path: Path) -> None:
    with pytest.raises(
        CatalogueError, match=r"record 2 cannot be exported: Invalid activity: name"
    ):
        write_hsds([RECORDS[0], {"activity_id": "x"}], tmp_path)


def test_export_rejects_duplicate_ids(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"record 2: activity_id must be unique; 'wandel-1'"):
        write_hsds([RECORDS[0], RECORDS[0]], tmp_path)


def test_export_rejects_non_mapping(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"record 1: an activity must be a mapping"):
        write_hsds([42], tmp_path)


# --------------------------------------------------------------- property: round trip
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéë", min_size=1, max_size=8)
phrases = st.lists(words, min_size=1, max_size=3).map(" ".join)
slots = st.lists(
    st.tuples(
        st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
        st.sampled_from(["morning", "afternoon", "evening"]),
    ),
    max_size=6,
    unique=True,
).map(lambda xs: [{"day": d, "part": p} for d, p in xs])


@st.composite
def activity_records(draw: st.DrawFn) -> dict[str, Any]:
    delivery = draw(st.sampled_from(["on_site", "online", "at_home"]))
    record: dict[str, Any] = {
        "activity_id": draw(st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True)),
        "name": draw(phrases),
        "description": draw(st.one_of(st.just(""), phrases)),
        "kind": draw(st.sampled_from(["activity", "volunteering", "buddy", "meals"])),
        "delivery": delivery,
        "categories": draw(st.lists(phrases, max_size=3, unique=True)),
        "tags": draw(st.lists(words, max_size=3, unique=True)),
        "schedule": draw(slots),
        "cost_per_month": draw(st.one_of(st.none(), st.floats(0, 500, allow_nan=False))),
        "social_setting": draw(st.sampled_from([None, "individual", "one_on_one", "small_group"])),
        "languages": draw(
            st.lists(st.sampled_from(["nl", "en", "ar", "tr"]), min_size=1, max_size=3, unique=True)
        ),
        "capacity": draw(st.one_of(st.none(), st.integers(0, 500))),
        "status": draw(st.sampled_from(["active", "inactive", "defunct", "temporarily_closed"])),
        "provider": draw(st.one_of(st.just(""), phrases)),
        "referral": draw(st.sampled_from(["signposting", "direct"])),
        "coverage": draw(
            st.lists(
                st.sampled_from(["Hillegom", "Enschede", "2181", "3431"]), max_size=2, unique=True
            )
        ),
    }
    if delivery == "on_site":
        if draw(st.booleans()):
            record["lat"] = draw(st.floats(50.7, 53.6, allow_nan=False))
            record["lon"] = draw(st.floats(3.3, 7.2, allow_nan=False))
            record["wheelchair_accessible"] = draw(st.sampled_from([None, True, False]))
        if draw(st.booleans()):
            record["postcode"] = draw(st.sampled_from(["2181 AB", "7511", "3431 JX"]))
    ages = sorted(draw(st.lists(st.integers(0, 120), min_size=2, max_size=2)))
    if draw(st.booleans()):
        record["min_age"], record["max_age"] = ages
    return record


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(activity_records(), min_size=1, max_size=4, unique_by=lambda r: r["activity_id"]))
def test_round_trip_property(tmp_path: Path, records: list[dict[str, Any]]) -> None:
    out = tmp_path / "rt"
    write_hsds(records, out)
    result = read_hsds(out)
    assert result.counts["rejected"] == 0
    back = {r["activity_id"]: normalised(r) for r in result.records}
    for record in records:
        same(back[record["activity_id"]], record)
