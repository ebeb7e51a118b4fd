"""The HSDS tables: their layout, wor_match's attributes, and reading tabular packages.

Reading joins the CSV tables of an HSDS 3.0 or 1.x data package into one shape, the nested
HSDS 3.0 ``service_full`` form (a service with its organization, service_at_locations ->
location, schedules, languages, ...), so a single mapping (:mod:`._read`) turns every
form into activities. Rows of other tables that link to nothing are counted in notes,
never dropped silently. The layout constants (:data:`TABLE_COLUMNS`,
:data:`TABLE_SCHEMAS`) and the names of wor_match's own attributes are shared with the
writer (:mod:`._write`).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from wor_match._errors import CatalogueError
from wor_match.io._times import weekday_to_day

__all__ = [
    "ATTRIBUTE_FIELDS",
    "CATEGORY_TAXONOMY",
    "ICAL_DAYS",
    "TABLE_COLUMNS",
    "TABLE_SCHEMAS",
    "TAG_TAXONOMY",
    "UNKNOWN_ORGANIZATION",
    "WOR_MATCH_TAXONOMY",
    "Package",
    "assemble_v1",
    "assemble_v3",
    "load_package",
    "v1_schedule",
]

Row = dict[str, str]
Obj = dict[str, Any]

# ------------------------------------------------------------------ wor_match's attributes
#: Taxonomy names of the attributes wor_match writes for fields HSDS has no place for.
WOR_MATCH_TAXONOMY = "wor_match"
CATEGORY_TAXONOMY = "wor_match categories"
TAG_TAXONOMY = "wor_match tags"
#: Fields carried as wor_match attributes (HSDS 3.0 has no field for them).
ATTRIBUTE_FIELDS = (
    "activity_id",
    "kind",
    "delivery",
    "social_setting",
    "capacity",
    "referral",
    "contact",
    "source",
    "wheelchair_accessible",
    "url",
    "postcode",
    "lat",
    "lon",
)
#: The organization name written when a catalogue does not name the provider.
UNKNOWN_ORGANIZATION = "Unknown organization"
#: wor_match day names to iCal (RRULE ``byday``) day codes.
ICAL_DAYS = {
    "mon": "MO",
    "tue": "TU",
    "wed": "WE",
    "thu": "TH",
    "fri": "FR",
    "sat": "SA",
    "sun": "SU",
}

# ------------------------------------------------------------------ the HSDS 3.0 layout
#: Columns of the tables :func:`~wor_match.io.hsds.write_hsds` writes (HSDS 3.0 tabular order).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "organizations": ("id", "name", "alternate_name", "description", "email", "website",
                      "tax_status", "tax_id", "year_incorporated", "legal_status", "logo", "uri",
                      "parent_organization_id"),
    "services": ("id", "organization_id", "program_id", "name", "alternate_name", "description",
                 "url", "email", "status", "interpretation_services", "application_process",
                 "fees_description", "wait_time", "fees", "accreditations",
                 "eligibility_description", "minimum_age", "maximum_age", "assured_date",
                 "assurer_email", "licenses", "alert", "last_modified"),
    "locations": ("id", "location_type", "url", "organization_id", "name", "alternate_name",
                  "description", "transportation", "latitude", "longitude",
                  "external_identifier", "external_identifier_type"),
    "service_at_location": ("id", "service_id", "location_id", "description"),
    "addresses": ("id", "location_id", "attention", "address_1", "address_2", "city", "region",
                  "state_province", "postal_code", "country", "address_type"),
    "phones": ("id", "location_id", "service_id", "organization_id", "contact_id",
               "service_at_location_id", "number", "extension", "type", "description"),
    "schedules": ("id", "service_id", "location_id", "service_at_location_id", "valid_from",
                  "valid_to", "dtstart", "timezone", "until", "count", "wkst", "freq",
                  "interval", "byday", "byweekno", "bymonthday", "byyearday", "description",
                  "opens_at", "closes_at", "schedule_link", "attending_type", "notes"),
    "service_areas": ("id", "service_id", "name", "description", "extent", "extent_type", "uri"),
    "languages": ("id", "service_id", "location_id", "phone_id", "name", "code", "note"),
    "accessibility": ("id", "location_id", "description", "details", "url"),
    "cost_options": ("id", "service_id", "valid_from", "valid_to", "option", "currency",
                     "amount", "amount_description"),
    "attributes": ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
    "taxonomy_terms": ("id", "code", "name", "description", "parent_id", "taxonomy", "language",
                       "taxonomy_id", "term_uri"),
    "taxonomies": ("id", "name", "description", "uri", "version"),
}  # fmt: skip
#: Schema file of each table (in the official HSDS 3.0 schema directory).
TABLE_SCHEMAS: dict[str, str] = {
    "organizations": "organization.json", "services": "service.json",
    "locations": "location.json", "service_at_location": "service_at_location.json",
    "addresses": "address.json", "phones": "phone.json", "schedules": "schedule.json",
    "service_areas": "service_area.json", "languages": "language.json",
    "accessibility": "accessibility.json", "cost_options": "cost_option.json",
    "attributes": "attribute.json", "taxonomy_terms": "taxonomy_term.json",
    "taxonomies": "taxonomy.json",
}  # fmt: skip


# ------------------------------------------------------------------ reading a package
#: Tables that tell a 1.x package (3.0 names them service_at_location.csv, schedules.csv).
V1_MARKERS = ("services_at_location.csv", "regular_schedules.csv")


class Package:
    """The CSV tables of a data package (directory or zip), by file name."""

    def __init__(self, name: str, tables: dict[str, list[Row]], version: str) -> None:
        self.name = name
        self.tables = tables
        self.version = version

    def table(self, file_name: str) -> list[Row]:
        return self.tables.get(file_name, [])


def _read_csv(handle: io.TextIOBase | Any) -> list[Row]:
    reader = csv.DictReader(handle)
    return [
        {str(k).strip(): (v or "").strip() for k, v in row.items() if k is not None}
        for row in reader
    ]


def _package_name(descriptor: bytes | None, fallback: str) -> str:
    if descriptor:
        try:
            data = json.loads(descriptor)
        except ValueError:
            return fallback
        if isinstance(data, dict) and isinstance(data.get("name"), str) and data["name"]:
            return str(data["name"])
    return fallback


def load_package(path: Path) -> Package:
    """Read every CSV of a data package: a directory, its ``datapackage.json`` or a zip.

    Files are found by name anywhere in the tree (real packages keep them under ``data/``);
    the version is told by the table names (``service_at_location.csv`` in 3.0,
    ``services_at_location.csv`` in 1.x).

    Raises
    ------
    CatalogueError
        If the path does not exist or holds neither an HSDS 3.0 nor a 1.x package.
    """
    if path.is_file() and path.name == "datapackage.json":
        path = path.parent
    tables: dict[str, list[Row]] = {}
    descriptor: bytes | None = None
    if path.is_dir():
        for file in sorted(path.rglob("*.csv")):
            with file.open(encoding="utf-8-sig", newline="") as handle:
                tables.setdefault(file.name, _read_csv(handle))
        if (path / "datapackage.json").is_file():
            descriptor = (path / "datapackage.json").read_bytes()
        fallback = path.name
    elif path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                base = member.rsplit("/", 1)[-1]
                if base.endswith(".csv"):
                    with archive.open(member) as raw:
                        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
                        tables.setdefault(base, _read_csv(text))
                elif base == "datapackage.json" and descriptor is None:
                    descriptor = archive.read(member)
        fallback = path.stem
    elif not path.exists():
        raise CatalogueError(f"HSDS source not found: {path}")
    else:
        raise CatalogueError(
            f"an HSDS source must be a directory, a datapackage.json, a .zip or a .json file; "
            f"got {path.name!r}"
        )
    if "services.csv" not in tables:
        raise CatalogueError(
            f"no HSDS services table (services.csv) in {path}: an HSDS data package needs one"
        )
    # a 3.0 table (service_at_location.csv, schedules.csv) wins over a 1.x one
    v3 = "service_at_location.csv" in tables or "schedules.csv" in tables
    version = "1.x" if not v3 and any(name in tables for name in V1_MARKERS) else "3.0"
    return Package(_package_name(descriptor, fallback), tables, version)


def _compact(row: Row) -> Obj:
    """A tabular row as a JSON-like object: empty cells left out."""
    return {k: v for k, v in row.items() if v != ""}


class _Linker:
    """Counts rows of a table that link to no known parent, for the notes."""

    def __init__(self) -> None:
        self.unlinked: dict[str, list[int]] = defaultdict(list)

    def miss(self, table: str, row_number: int) -> None:
        self.unlinked[table].append(row_number)

    def notes(self) -> list[str]:
        out = []
        for table, rows in sorted(self.unlinked.items()):
            shown = ", ".join(str(r) for r in rows[:5]) + (", ..." if len(rows) > 5 else "")
            out.append(
                f"{table}: {len(rows)} rows link to no known service or location "
                f"and were not used (data rows {shown})"
            )
        return out


def _unmapped_note(package: Package, mapped: set[str]) -> list[str]:
    skipped = sorted(
        f"{name} ({len(rows)} rows)"
        for name, rows in package.tables.items()
        if name not in mapped and rows
    )
    return ["tables not mapped to activities: " + ", ".join(skipped)] if skipped else []


def _link_services_at_locations(
    package: Package,
    table: str,
    services: dict[str, Obj],
    locations: dict[str, Obj],
    link: _Linker,
) -> dict[str, Obj]:
    """Attach each service-at-location row to its service, its location nested in it.

    The same in 3.0 (``service_at_location.csv``) and 1.x (``services_at_location.csv``);
    returns the rows by id, for the tables that link to them.
    """
    sals: dict[str, Obj] = {}
    for n, row in enumerate(package.table(table), start=1):
        service = services.get(row.get("service_id", ""))
        if service is None:
            link.miss(table, n)
            continue
        sal = _compact(row)
        if row.get("location_id") in locations:
            sal["location"] = locations[row["location_id"]]
        service.setdefault("service_at_locations", []).append(sal)
        if row.get("id"):
            sals[row["id"]] = sal
    return sals


def _owner(
    row: Row, sals: dict[str, Obj], services: dict[str, Obj], locations: dict[str, Obj]
) -> Obj | None:
    """The most specific owner a row links to: service at location, service, location."""
    if row.get("service_at_location_id") in sals:
        return sals[row["service_at_location_id"]]
    if row.get("service_id") in services:
        return services[row["service_id"]]
    if row.get("location_id") in locations:
        return locations[row["location_id"]]
    return None


_V3_MAPPED = {
    "services.csv",
    "organizations.csv",
    "locations.csv",
    "service_at_location.csv",
    "schedules.csv",
    "phones.csv",
    "contacts.csv",
    "service_areas.csv",
    "languages.csv",
    "cost_options.csv",
    "attributes.csv",
    "taxonomy_terms.csv",
    "taxonomies.csv",
    "accessibility.csv",
    "addresses.csv",
}


def assemble_v3(package: Package) -> tuple[list[Obj], list[str]]:
    """HSDS 3.0 tables joined into ``service_full`` objects (in services.csv order).

    Schedules, phones, contacts and languages attach to their most specific owner
    (service_at_location, then service, then location); attributes attach to whatever
    service, location or service_at_location their ``link_id`` names.
    """
    t = package.table
    link = _Linker()
    services = [_compact(r) for r in t("services.csv")]
    by_id = {s["id"]: s for s in services if "id" in s}
    organizations = {r["id"]: _compact(r) for r in t("organizations.csv") if r.get("id")}
    locations = {r["id"]: _compact(r) for r in t("locations.csv") if r.get("id")}
    sals = _link_services_at_locations(package, "service_at_location.csv", by_id, locations, link)
    for service in services:
        org = organizations.get(service.get("organization_id", ""))
        if org is not None:
            service["organization"] = org

    def attach(table: str, key: str) -> None:
        for n, row in enumerate(t(table), start=1):
            owner = _owner(row, sals, by_id, locations)
            if owner is None:
                link.miss(table, n)
            else:
                owner.setdefault(key, []).append(_compact(row))

    attach("schedules.csv", "schedules")
    attach("phones.csv", "phones")
    attach("contacts.csv", "contacts")
    attach("languages.csv", "languages")
    for table, key, parent in (
        ("service_areas.csv", "service_areas", by_id),
        ("cost_options.csv", "cost_options", by_id),
    ):
        for n, row in enumerate(t(table), start=1):
            if row.get("service_id") in parent:
                parent[row["service_id"]].setdefault(key, []).append(_compact(row))
            else:
                link.miss(table, n)
    for table, key in (("accessibility.csv", "accessibility"), ("addresses.csv", "addresses")):
        for n, row in enumerate(t(table), start=1):
            if row.get("location_id") in locations:
                locations[row["location_id"]].setdefault(key, []).append(_compact(row))
            else:
                link.miss(table, n)
    taxonomies = {r["id"]: _compact(r) for r in t("taxonomies.csv") if r.get("id")}
    terms: dict[str, Obj] = {}
    for row in t("taxonomy_terms.csv"):
        term = _compact(row)
        if row.get("taxonomy_id") in taxonomies:
            term["taxonomy_detail"] = taxonomies[row["taxonomy_id"]]
        if row.get("id"):
            terms[row["id"]] = term
    for n, row in enumerate(t("attributes.csv"), start=1):
        attribute = _compact(row)
        if row.get("taxonomy_term_id") in terms:
            attribute["taxonomy_term"] = terms[row["taxonomy_term_id"]]
        target = row.get("link_id", "")
        owner = by_id.get(target) or locations.get(target) or sals.get(target)
        if owner is None:
            link.miss("attributes.csv", n)
        else:
            owner.setdefault("attributes", []).append(attribute)
    return services, link.notes() + _unmapped_note(package, _V3_MAPPED)


_V1_MAPPED = {
    "services.csv",
    "organizations.csv",
    "locations.csv",
    "services_at_location.csv",
    "regular_schedules.csv",
    "accessibility_for_disabilities.csv",
    "eligibility.csv",
    "languages.csv",
    "services_taxonomy.csv",
    "taxonomy.csv",
    "service_areas.csv",
    "physical_addresses.csv",
    "phones.csv",
    "contacts.csv",
}


def v1_schedule(row: Row) -> Obj:
    """An HSDS 1.x regular_schedules row as an HSDS 3.0 weekly schedule with ``byday``."""
    schedule: Obj = {"freq": "WEEKLY"}
    for key in ("id", "service_id", "location_id", "service_at_location_id"):
        if row.get(key):
            schedule[key] = row[key]
    try:
        schedule["byday"] = ICAL_DAYS[weekday_to_day(row.get("weekday", ""))]
    except ValueError as error:
        schedule["x_problem"] = str(error)
    for key in ("opens_at", "closes_at"):
        if row.get(key):
            schedule[key] = row[key]
    if row.get("original_text"):
        schedule["description"] = row["original_text"]
    return schedule


def assemble_v1(package: Package) -> tuple[list[Obj], list[str]]:
    """HSDS 1.x tables converted to HSDS 3.0 ``service_full`` objects.

    The conversion: regular_schedules (weekday, opens_at, closes_at) become weekly
    schedules with ``byday``; accessibility_for_disabilities becomes location
    accessibility; eligibility rows join into ``eligibility_description``; services_taxonomy
    with taxonomy become attributes with taxonomy terms; physical_addresses become
    addresses; 1.x ``fees`` becomes ``fees_description``.
    """
    t = package.table
    link = _Linker()
    services: list[Obj] = []
    by_id: dict[str, Obj] = {}
    for row in t("services.csv"):
        service = _compact(row)
        if "fees" in service:
            service["fees_description"] = service.pop("fees")
        taxonomy_ids = service.pop("taxonomy_ids", "")
        service["_taxonomy_ids"] = [x.strip() for x in taxonomy_ids.split(",") if x.strip()]
        services.append(service)
        if "id" in service:
            by_id[service["id"]] = service
    organizations = {r["id"]: _compact(r) for r in t("organizations.csv") if r.get("id")}
    for service in services:
        org = organizations.get(service.get("organization_id", ""))
        if org is not None:
            service["organization"] = {("website" if k == "url" else k): v for k, v in org.items()}
    locations: dict[str, Obj] = {}
    for row in t("locations.csv"):
        if row.get("id"):
            locations[row["id"]] = {**_compact(row), "location_type": "physical"}
    sals = _link_services_at_locations(package, "services_at_location.csv", by_id, locations, link)

    for n, row in enumerate(t("regular_schedules.csv"), start=1):
        owner = _owner(row, sals, by_id, locations)
        if owner is None:
            link.miss("regular_schedules.csv", n)
        else:
            owner.setdefault("schedules", []).append(v1_schedule(row))
    for n, row in enumerate(t("languages.csv"), start=1):
        owner = by_id.get(row.get("service_id", "")) or locations.get(row.get("location_id", ""))
        if owner is None:
            link.miss("languages.csv", n)
        elif row.get("language"):
            owner.setdefault("languages", []).append({"name": row["language"]})
    for table in ("phones.csv", "contacts.csv"):
        key = table.removesuffix(".csv")
        for n, row in enumerate(t(table), start=1):
            owner = _owner(row, sals, by_id, locations)
            if owner is None:
                link.miss(table, n)
                continue
            item = _compact(row)
            if table == "contacts.csv" and row.get("phone_number"):
                number = "-".join(p for p in (row.get("phone_areacode"), row["phone_number"]) if p)
                item["phones"] = [{"number": number}]
            owner.setdefault(key, []).append(item)
    for n, row in enumerate(t("eligibility.csv"), start=1):
        parent = by_id.get(row.get("service_id", ""))
        if parent is None:
            link.miss("eligibility.csv", n)
        elif row.get("eligibility"):
            previous = parent.get("eligibility_description")
            text = row["eligibility"]
            parent["eligibility_description"] = f"{previous}; {text}" if previous else text
    for n, row in enumerate(t("service_areas.csv"), start=1):
        parent = by_id.get(row.get("service_id", ""))
        if parent is None:
            link.miss("service_areas.csv", n)
        else:
            area = {"name": row.get("service_area", ""), "description": row.get("description", "")}
            parent.setdefault("service_areas", []).append(_compact(area))
    for table, key in (
        ("accessibility_for_disabilities.csv", "accessibility"),
        ("physical_addresses.csv", "addresses"),
    ):
        for n, row in enumerate(t(table), start=1):
            location = locations.get(row.get("location_id", ""))
            if location is None:
                link.miss(table, n)
                continue
            item = _compact(row)
            if key == "accessibility":
                item = _compact(
                    {"description": row.get("accessibility", ""), "details": row.get("details", "")}
                )
                if not item:
                    continue
            else:
                item["address_type"] = "physical"
            location.setdefault(key, []).append(item)
    taxonomy = {r["id"]: _compact(r) for r in t("taxonomy.csv") if r.get("id")}

    def term(taxonomy_id: str) -> Obj:
        entry = taxonomy.get(taxonomy_id, {})
        return _compact(
            {
                "code": taxonomy_id,
                "name": entry.get("name", taxonomy_id),
                "taxonomy": entry.get("vocabulary", ""),
            }
        )

    for n, row in enumerate(t("services_taxonomy.csv"), start=1):
        parent = by_id.get(row.get("service_id", ""))
        if parent is None or not row.get("taxonomy_id"):
            link.miss("services_taxonomy.csv", n)
        else:
            parent.setdefault("attributes", []).append({"taxonomy_term": term(row["taxonomy_id"])})
    for service in services:
        for taxonomy_id in service.pop("_taxonomy_ids"):
            service.setdefault("attributes", []).append({"taxonomy_term": term(taxonomy_id)})
    return services, link.notes() + _unmapped_note(package, _V1_MAPPED)
