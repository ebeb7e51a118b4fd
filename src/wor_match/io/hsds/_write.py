"""Writing HSDS: activities as an HSDS 3.0 tabular data package plus ``service_full`` JSON.

Fields HSDS has no place for travel as attributes in the ``wor_match`` taxonomy, so that
:func:`~wor_match.io.hsds.read_hsds` reads an export back unchanged.
"""

from __future__ import annotations

import csv
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from wor_match._errors import CatalogueError, InvalidActivityError
from wor_match._vocab import DAYS, PARTS
from wor_match.geo.postcodes import load_pc4_table
from wor_match.io._geo import DUTCH_POSTCODE
from wor_match.io.hsds._tables import (
    CATEGORY_TAXONOMY,
    ICAL_DAYS,
    TABLE_COLUMNS,
    TABLE_SCHEMAS,
    TAG_TAXONOMY,
    UNKNOWN_ORGANIZATION,
    WOR_MATCH_TAXONOMY,
    Obj,
)
from wor_match.models.activity import Activity

__all__ = ["NAMESPACE", "PART_HOURS", "write_hsds"]

#: Namespace of the deterministic UUIDs of exported objects.
NAMESPACE = uuid.UUID("5b0e51c2-6f0e-4a43-9c1e-7d1b2b9e0a11")
#: Representative opening hours written for each day part (HSDS needs clock times).
PART_HOURS: dict[str, tuple[str, str]] = {
    "morning": ("09:00", "12:00"),
    "afternoon": ("13:00", "17:00"),
    "evening": ("19:00", "21:00"),
}
_EMAIL = re.compile(r"^[^@\s;]+@[^@\s;]+\.[A-Za-z]{2,}$")
_URI = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.IGNORECASE)

_NUMBER_FIELDS = {
    "minimum_age",
    "maximum_age",
    "latitude",
    "longitude",
    "amount",
    "interval",
    "year_incorporated",
    "extension",
    "timezone",
    "count",
}
_LANGUAGE_NAMES = {
    "nl": "Dutch",
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "ar": "Arabic",
    "tr": "Turkish",
    "pl": "Polish",
}


def _uid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text.lower()
    except ValueError:
        return False


def _as_record(item: Any, index: int) -> dict[str, Any]:
    if hasattr(item, "to_record"):
        return dict(item.to_record())
    if not isinstance(item, Mapping):
        raise CatalogueError(f"record {index}: an activity must be a mapping or an Activity")
    try:
        return Activity.model_validate(dict(item)).to_record()
    except InvalidActivityError as error:
        raise CatalogueError(f"record {index} cannot be exported: {error}") from None


class _Taxonomy:
    """Taxonomy terms used by the export (one term per distinct name and taxonomy)."""

    def __init__(self) -> None:
        self.taxonomies: dict[str, Obj] = {}
        self.terms: dict[tuple[str, str], Obj] = {}

    def term(self, taxonomy: str, name: str) -> Obj:
        if taxonomy not in self.taxonomies:
            self.taxonomies[taxonomy] = {
                "id": _uid("taxonomy", taxonomy),
                "name": taxonomy,
                "description": f"Terms written by wor_match ({taxonomy}).",
            }
        key = (taxonomy, name)
        if key not in self.terms:
            self.terms[key] = {
                "id": _uid("term", f"{taxonomy}/{name}"),
                "code": name,
                "name": name,
                "description": name,
                "taxonomy": taxonomy,
                "taxonomy_id": self.taxonomies[taxonomy]["id"],
            }
        return self.terms[key]


def _service_full(record: Mapping[str, Any], taxonomy: _Taxonomy) -> Obj:
    aid = str(record["activity_id"])
    sid = aid if _is_uuid(aid) else _uid("service", aid)
    provider = str(record.get("provider") or "")
    org_name = provider or UNKNOWN_ORGANIZATION
    organization = {
        "id": _uid("organization", org_name),
        "name": org_name,
        "description": f"{org_name}: provider in a wor_match activity catalogue."
        if provider
        else "Placeholder: the catalogue does not name the provider.",
    }
    status = str(record.get("status") or "active")
    service: Obj = {
        "id": sid,
        "organization_id": organization["id"],
        "name": record["name"],
        "description": record.get("description") or "",
        "status": "temporarily closed" if status == "temporarily_closed" else status,
    }
    url = str(record.get("url") or "")
    if url and _URI.match(url):
        service["url"] = url
    contact_parts = [p.strip() for p in str(record.get("contact") or "").split(";") if p.strip()]
    email = next((p for p in contact_parts if _EMAIL.match(p)), None)
    if email:
        service["email"] = email
    for key, hsds_key in (("min_age", "minimum_age"), ("max_age", "maximum_age")):
        if record.get(key) is not None:
            service[hsds_key] = record[key]
    if record.get("last_verified"):
        service["assured_date"] = str(record["last_verified"])
    cost = record.get("cost_per_month")
    if cost is not None:
        service["cost_options"] = [
            {
                "id": _uid("cost", aid),
                "service_id": sid,
                "option": "per month",
                "currency": "EUR",
                "amount": cost,
                "amount_description": "per month",
            }
        ]
    phones = [p for p in contact_parts if p != email and re.search(r"\d{3}", p)]
    if phones:
        service["phones"] = [
            {"id": _uid("phone", f"{aid}/{i}"), "service_id": sid, "number": p}
            for i, p in enumerate(phones)
        ]
    if record.get("languages"):
        service["languages"] = [
            {
                "id": _uid("language", f"{aid}/{code}"),
                "service_id": sid,
                "code": code,
                "name": _LANGUAGE_NAMES.get(code, code),
            }
            for code in record["languages"]
        ]
    if record.get("coverage"):
        service["service_areas"] = [
            {
                "id": _uid("area", f"{aid}/{area}"),
                "service_id": sid,
                "name": area,
                "description": "Only for residents of this gemeente or postcode area.",
            }
            for area in record["coverage"]
        ]

    attributes: list[Obj] = []

    def attribute(taxonomy_name: str, name: str, value: str | None = None) -> None:
        term = taxonomy.term(taxonomy_name, name)
        item: Obj = {
            "id": _uid("attribute", f"{aid}/{taxonomy_name}/{name}"),
            "link_id": sid,
            "taxonomy_term_id": term["id"],
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term": term,
        }
        if value is not None:
            item["value"] = value
        attributes.append(item)

    for name in record.get("categories") or []:
        attribute(CATEGORY_TAXONOMY, name)
    for name in record.get("tags") or []:
        attribute(TAG_TAXONOMY, name)
    delivery = str(record.get("delivery") or "on_site")
    lat, lon, postcode = record.get("lat"), record.get("lon"), record.get("postcode")
    location: Obj | None = None
    if delivery == "online":
        location = {"id": _uid("location", aid), "location_type": "virtual", "name": record["name"]}
        if "url" in service:
            location["url"] = service["url"]
    elif lat is not None or postcode:  # on site, or the base of an at-home offer
        location = {
            "id": _uid("location", aid),
            "location_type": "physical",
            "name": record["name"],
            "organization_id": organization["id"],
        }
        if lat is not None and lon is not None:
            location["latitude"], location["longitude"] = lat, lon
        if postcode and DUTCH_POSTCODE.fullmatch(str(postcode)):
            # HSDS requires street, city and province; the catalogue holds only the postcode
            place, province = _place_of(str(postcode))
            location["addresses"] = [
                {
                    "id": _uid("address", aid),
                    "location_id": location["id"],
                    "address_1": "Unknown street (postcode only)",
                    "city": place,
                    "state_province": province,
                    "postal_code": postcode,
                    "country": "NL",
                    "address_type": "physical",
                }
            ]
        wheelchair = record.get("wheelchair_accessible")
        if wheelchair is not None:
            location["accessibility"] = [
                {
                    "id": _uid("accessibility", aid),
                    "location_id": location["id"],
                    "description": "Wheelchair accessible"
                    if wheelchair
                    else "Not wheelchair accessible",
                }
            ]
    # fields HSDS cannot hold exactly travel as wor_match attributes
    extras: dict[str, Any] = {
        "activity_id": aid if sid != aid else None,
        "kind": record.get("kind"),
        "delivery": delivery if delivery == "at_home" else None,
        "social_setting": record.get("social_setting"),
        "capacity": record.get("capacity"),
        "referral": record.get("referral"),
        "contact": record.get("contact") or None,
        "source": record.get("source") or None,
        "url": url if url and "url" not in service else None,
    }
    # what the location cannot carry: a foreign postcode (HSDS addresses need a country),
    # coordinates of an online offer
    located = location is not None and location["location_type"] == "physical"
    if postcode and not (located and DUTCH_POSTCODE.fullmatch(str(postcode))):
        extras["postcode"] = postcode
    if lat is not None and not located:
        extras["lat"], extras["lon"] = lat, lon
    if location is None or location["location_type"] != "physical":
        wheelchair = record.get("wheelchair_accessible")
        extras["wheelchair_accessible"] = None if wheelchair is None else str(wheelchair).lower()
    for name, value in extras.items():
        if value is not None:
            attribute(WOR_MATCH_TAXONOMY, name, str(value))
    if attributes:
        service["attributes"] = attributes
    schedules = _schedules(record, sid)
    if location is not None:
        sal_id = _uid("service_at_location", aid)
        for schedule in schedules:
            schedule.update(location_id=location["id"], service_at_location_id=sal_id)
        sal: Obj = {
            "id": sal_id,
            "service_id": sid,
            "location_id": location["id"],
            "location": location,
        }
        if schedules:
            sal["schedules"] = schedules
        service["service_at_locations"] = [sal]
    elif schedules:
        service["schedules"] = schedules
    service["organization"] = organization
    return service


def _place_of(postcode: str) -> tuple[str, str]:
    """Place and province of a Dutch postcode from the PC4 table ("Unknown" if not found)."""
    match = DUTCH_POSTCODE.fullmatch(postcode)
    table = load_pc4_table()
    if match is None or match[1] not in table:
        return "Unknown", "Unknown"
    row = table.row(match[1])
    return str(row["place"]), str(row["province"])


def _schedules(record: Mapping[str, Any], sid: str) -> list[Obj]:
    by_part: dict[str, list[str]] = {}
    for slot in record.get("schedule") or []:
        day, part = str(slot).split(":") if isinstance(slot, str) else (slot["day"], slot["part"])
        by_part.setdefault(part, []).append(day)
    schedules = []
    for part in PARTS:
        if part not in by_part:
            continue
        opens, closes = PART_HOURS[part]
        days = sorted(set(by_part[part]), key=DAYS.index)
        schedules.append(
            {
                "id": _uid("schedule", f"{sid}/{part}"),
                "service_id": sid,
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(ICAL_DAYS[d] for d in days),
                "opens_at": opens,
                "closes_at": closes,
                "description": f"{part} ({opens}-{closes} stands for the whole {part})",
            }
        )
    return schedules


def _strip_nested(obj: Obj) -> Obj:
    return {k: v for k, v in obj.items() if not isinstance(v, (list, dict))}


def _tables(services: list[Obj], taxonomy: _Taxonomy) -> dict[str, list[Obj]]:
    tables: dict[str, list[Obj]] = {name: [] for name in TABLE_COLUMNS}
    organizations: dict[str, Obj] = {}
    for service in services:
        organization = service["organization"]
        organizations.setdefault(organization["id"], _strip_nested(organization))
        tables["services"].append(_strip_nested(service))
        for key, table in (
            ("cost_options", "cost_options"),
            ("phones", "phones"),
            ("languages", "languages"),
            ("service_areas", "service_areas"),
            ("schedules", "schedules"),
        ):
            tables[table] += [_strip_nested(item) for item in service.get(key) or []]
        for attribute in service.get("attributes") or []:
            tables["attributes"].append(_strip_nested(attribute))
        for sal in service.get("service_at_locations") or []:
            location = sal["location"]
            tables["service_at_location"].append(_strip_nested(sal))
            tables["locations"].append(_strip_nested(location))
            tables["addresses"] += [_strip_nested(a) for a in location.get("addresses") or []]
            tables["accessibility"] += [
                _strip_nested(a) for a in location.get("accessibility") or []
            ]
            tables["schedules"] += [_strip_nested(s) for s in sal.get("schedules") or []]
    tables["organizations"] = list(organizations.values())
    tables["taxonomy_terms"] = [_strip_nested(t) for t in taxonomy.terms.values()]
    tables["taxonomies"] = list(taxonomy.taxonomies.values())
    return tables


def _datapackage(tables: dict[str, list[Obj]]) -> Obj:
    resources = []
    for name, columns in TABLE_COLUMNS.items():
        resources.append(
            {
                "name": TABLE_SCHEMAS[name].removesuffix(".json"),
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "profile": "tabular-data-resource",
                "schema": {
                    "primaryKey": "id",
                    "fields": [
                        {"name": c, "type": "number" if c in _NUMBER_FIELDS else "string"}
                        for c in columns
                    ],
                },
            }
        )
    return {
        "name": "wor_match-export",
        "title": "Activities exported by wor_match as an HSDS 3.0 data package",
        "profile": "tabular-data-package",
        "version": "3.0",
        "license": {"name": "Licence of the source catalogue applies"},
        "resources": resources,
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_hsds(
    records: Iterable[Any], out_dir: str | PathLike[str], *, json_services: bool = True
) -> Path:
    """Write activities as an HSDS 3.0 tabular data package (and ``service_full`` JSON).

    Parameters
    ----------
    records : iterable
        Activity dicts (the activity form) or :class:`~wor_match.Activity` objects, e.g. a
        :class:`~wor_match.Catalogue`.
    out_dir : path-like
        Directory to write into (created if missing): one CSV per HSDS table, a
        ``datapackage.json``, and with ``json_services=True`` ``services.json`` holding a
        list of ``service_full`` objects.

    Returns
    -------
    pathlib.Path
        The ``datapackage.json`` written.

    Raises
    ------
    CatalogueError
        If a record is not a valid activity or two records share an activity_id.
    """
    out = Path(out_dir)
    taxonomy = _Taxonomy()
    services: list[Obj] = []
    seen: set[str] = set()
    for index, item in enumerate(records, start=1):
        record = _as_record(item, index)
        if record["activity_id"] in seen:
            raise CatalogueError(
                f"record {index}: activity_id must be unique; {record['activity_id']!r} repeats"
            )
        seen.add(record["activity_id"])
        services.append(_service_full(record, taxonomy))
    out.mkdir(parents=True, exist_ok=True)
    tables = _tables(services, taxonomy)
    for name, columns in TABLE_COLUMNS.items():
        with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in tables[name]:
                writer.writerow([_cell(row.get(c)) for c in columns])
    descriptor = out / "datapackage.json"
    descriptor.write_text(json.dumps(_datapackage(tables), indent=2) + "\n", encoding="utf-8")
    if json_services:
        (out / "services.json").write_text(
            json.dumps(services, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return descriptor
