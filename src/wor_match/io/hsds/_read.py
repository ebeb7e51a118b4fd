"""Reading HSDS: every source form to activity records with a report.

:func:`read_hsds` makes one activity per service at location (a service without a
location makes one activity) and reports every one of them. Tabular packages are joined
into HSDS 3.0 ``service_full`` objects first (:mod:`._tables`), JSON is read as it is, and
one mapping (:func:`services_to_result`) turns every form into activities. The field
mapping is documented in ``docs/io.md``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from wor_match._errors import CatalogueError
from wor_match._vocab import DAYS, PARTS, Day, Part
from wor_match.io._clean import (
    clean_line,
    clean_text,
    language_code,
    languages_in,
    normalise_url,
)
from wor_match.io._geo import coverage_area, locate_fallback
from wor_match.io._report import Candidate, ImportResult, finalise
from wor_match.io._times import byday_to_days, day_parts
from wor_match.io._values import age_range, monthly_cost, parse_age_limit, parse_cost, parse_date
from wor_match.io.geocode import Geocoder
from wor_match.io.hsds._tables import (
    ATTRIBUTE_FIELDS,
    TAG_TAXONOMY,
    UNKNOWN_ORGANIZATION,
    WOR_MATCH_TAXONOMY,
    Obj,
    assemble_v1,
    assemble_v3,
    load_package,
    v1_schedule,
)

__all__ = ["read_hsds", "services_to_result"]

_STATUS = {
    "active": "active",
    "inactive": "inactive",
    "defunct": "defunct",
    "temporarily closed": "temporarily_closed",
    "temporarily_closed": "temporarily_closed",
}
_NO_STATUS = "status: empty, assumed active"


def read_hsds(path: str | PathLike[str], *, geocoder: Geocoder | None = None) -> ImportResult:
    """Read an HSDS catalogue into activity records with a full report.

    Parameters
    ----------
    path : path-like
        An HSDS 3.0 or 1.x tabular data package (a directory of CSV files, its
        ``datapackage.json``, or a ``.zip`` of it), or an HSDS 3.0 JSON file: a
        ``service_full`` object, a ``service_list`` page, a ``service_at_location_full``
        object or page, or a JSON list of services; or a directory of such JSON files
        (API pages), read in name order.
    geocoder : callable, optional
        Opt-in: ``address -> (lat, lon) or None`` (e.g. a
        :class:`~wor_match.io.geocode.CachedGeocoder`), used for locations with an
        address but no usable coordinates. Without it nothing leaves the machine.

    Returns
    -------
    ImportResult
        Records for ``Catalogue.from_records`` and a report with one row per activity.

    Raises
    ------
    CatalogueError
        If the path is missing or is not an HSDS source.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "services.json"
    >>> _ = path.write_text(json.dumps([{"id": "s1", "name": "Koor", "status": "active"}]))
    >>> result = read_hsds(path)
    >>> result.records[0]["name"], result.counts["rows_in"], result.counts["rejected"]
    ('Koor', 1, 0)
    """
    source = Path(path)
    if source.is_file() and source.suffix.lower() == ".json" and source.name != "datapackage.json":
        services, notes = _json_services(source)
        return services_to_result(
            services, package=source.stem, source=str(source), notes=notes, geocoder=geocoder
        )
    pages = sorted(p for p in source.glob("*.json") if p.name != "datapackage.json")
    if source.is_dir() and pages and not any(source.rglob("services.csv")):
        # a folder of API pages (service_list page 1, 2, ...): read them in name order
        services, notes = [], []
        for page in pages:
            found, page_notes = _json_services(page)
            services += found
            notes += [f"{page.name}: {note}" for note in page_notes]
        return services_to_result(
            services, package=source.name, source=str(source), notes=notes, geocoder=geocoder
        )
    package = load_package(source)
    services, notes = (assemble_v3 if package.version == "3.0" else assemble_v1)(package)
    notes.insert(0, f"HSDS {package.version} tabular data package {package.name!r}")
    return services_to_result(
        services, package=package.name, source=str(source), notes=notes, geocoder=geocoder
    )


def _json_services(path: Path) -> tuple[list[Obj], list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise CatalogueError(f"{path.name} is not valid JSON: {error}") from None
    items = data
    if isinstance(data, dict):  # a page: "contents" in HSDS 3.0, "content" in ORUK v1
        items = data["contents"] if "contents" in data else data.get("content", data)
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise CatalogueError(
            f"{path.name}: an HSDS JSON file holds a service, a service_at_location, a page "
            "with 'contents' (or 'content'), or a list of them"
        )
    services: list[Obj] = []
    by_id: dict[str, Obj] = {}
    for item in items:
        if isinstance(item.get("service"), dict):  # service_at_location form
            service = dict(item["service"])
            sal = {k: v for k, v in item.items() if k != "service"}
            known = by_id.get(str(service.get("id", "")))
            if known is None:
                service["service_at_locations"] = [sal]
                services.append(service)
                if service.get("id"):
                    by_id[str(service["id"])] = service
            else:
                known["service_at_locations"].append(sal)
        else:
            services.append(item)
    form = "service_at_location" if by_id else "service"
    converted = sum(_from_hsds1_json(service) for service in services)
    notes = [f"HSDS 3.0 JSON ({form} form), {len(items)} items"]
    if converted:
        notes.append(
            f"{converted} of {len(services)} services use HSDS 1.x / Open Referral UK field names "
            "(regular_schedules, physical_addresses, eligibilitys, ...): converted to 3.0"
        )
    return services, notes


def _from_hsds1_json(service: Obj) -> bool:
    """Rename HSDS 1.x / Open Referral UK (v1 API) fields of a JSON service to 3.0, in place.

    Returns whether anything was converted. 3.0 data passes through unchanged.
    """
    changed = False

    def schedules(owner: Obj, *keys: str) -> None:
        nonlocal changed
        for key in keys:
            if isinstance(owner.get(key), list):
                rows = owner.pop(key)
                owner.setdefault("schedules", []).extend(
                    v1_schedule({k: str(v) for k, v in r.items() if v is not None})
                    if r.get("weekday")
                    else r
                    for r in rows
                    if isinstance(r, dict)
                )
                changed = True

    schedules(service, "regular_schedules")
    if "fees" in service and "fees_description" not in service:
        service["fees_description"] = service["fees"]
    eligibilities = service.pop("eligibilitys", None)
    if isinstance(eligibilities, list):
        changed = True
        texts = [_text(e.get("eligibility")) for e in eligibilities if isinstance(e, dict)]
        if any(texts) and not service.get("eligibility_description"):
            service["eligibility_description"] = "; ".join(t for t in texts if t)
        for hsds_key in ("minimum_age", "maximum_age"):
            values = [e.get(hsds_key) for e in eligibilities if isinstance(e, dict)]
            values = [v for v in values if v not in (None, "")]
            if len(values) == 1 and service.get(hsds_key) in (None, ""):
                service[hsds_key] = values[0]
    for area in service.get("service_areas") or []:
        if isinstance(area, dict) and "service_area" in area and "name" not in area:
            area["name"] = area.pop("service_area")
            changed = True
    for language in service.get("languages") or []:
        if isinstance(language, dict) and "language" in language and "name" not in language:
            language["name"] = language.pop("language")
            changed = True
    taxonomies = service.pop("service_taxonomys", None)
    if isinstance(taxonomies, list):
        changed = True
        for item in taxonomies:
            term = (item or {}).get("taxonomy") or {}
            if term.get("name"):
                taxonomy_term = {"name": term["name"], "taxonomy": _text(term.get("vocabulary"))}
                service.setdefault("attributes", []).append({"taxonomy_term": taxonomy_term})
    organization = service.get("organization")
    if isinstance(organization, dict) and "url" in organization and "website" not in organization:
        organization["website"] = organization.pop("url")
    for sal in service.get("service_at_locations") or []:
        if not isinstance(sal, dict):
            continue
        schedules(sal, "regular_schedule", "regular_schedules")
        location = sal.get("location")
        if not isinstance(location, dict):
            continue
        if isinstance(location.get("physical_addresses"), list):
            location.setdefault("addresses", []).extend(
                {**a, "address_type": "physical"} for a in location.pop("physical_addresses")
            )
            location.setdefault("location_type", "physical")
            changed = True
        if isinstance(location.get("accessibility_for_disabilities"), list):
            location.setdefault("accessibility", []).extend(
                {"description": _text(a.get("accessibility")), "details": _text(a.get("details"))}
                for a in location.pop("accessibility_for_disabilities")
            )
            changed = True
    return changed


def services_to_result(
    services: list[Obj],
    *,
    package: str,
    source: str,
    notes: list[str] | None = None,
    geocoder: Geocoder | None = None,
) -> ImportResult:
    """Map HSDS 3.0 ``service_full`` objects to activities (one per service at location)."""
    notes = list(notes or [])
    candidates: list[Candidate] = []
    for row, service in enumerate(services, start=1):
        candidates.extend(_service_candidates(service, row, package, geocoder))
    if len(services) > 1 and not any(_text(s.get("status")) for s in services):
        # a package without any status (Open211 Miami) says so once, not on every row
        for candidate in candidates:
            candidate.warnings.remove(_NO_STATUS)
        notes.append(f"status: empty in all {len(services)} services, all read as active")
    return finalise(candidates, source=source, notes=notes, services_read=len(services))


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _number(value: Any) -> float | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _term(attribute: Obj) -> tuple[str, str]:
    """(taxonomy name, term name) of an attribute."""
    term = attribute.get("taxonomy_term") or {}
    detail = term.get("taxonomy_detail") or {}
    taxonomy = _text(term.get("taxonomy")) or _text(detail.get("name"))
    return taxonomy, clean_line(term.get("name") or term.get("code") or "")


def _wor_attributes(service: Obj) -> dict[str, str]:
    values: dict[str, str] = {}
    for attribute in service.get("attributes") or []:
        taxonomy, name = _term(attribute)
        if taxonomy == WOR_MATCH_TAXONOMY and name in ATTRIBUTE_FIELDS:
            values[name] = _text(attribute.get("value"))
    return values


def _service_candidates(
    service: Obj, row: int, package: str, geocoder: Geocoder | None = None
) -> list[Candidate]:
    sals = [s for s in service.get("service_at_locations") or [] if isinstance(s, dict)]
    if not sals:
        return [_candidate(service, None, row, package, geocoder, single=True)]
    return [_candidate(service, sal, row, package, geocoder, single=len(sals) == 1) for sal in sals]


def _candidate(
    service: Obj,
    sal: Obj | None,
    row: int,
    package: str,
    geocoder: Geocoder | None,
    *,
    single: bool,
) -> Candidate:
    service_id = _text(service.get("id"))
    location: Obj | None = (sal or {}).get("location")
    location_id = _text((location or {}).get("id")) or _text((sal or {}).get("location_id"))
    source_id = f"service/{service_id}" + (f"@location/{location_id}" if location_id else "")
    extra = _wor_attributes(service)
    record: Obj = {}
    candidate = Candidate(record, row, source_id)
    warn = candidate.warnings.append
    if not service_id:
        candidate.reason = "id: required, the service has no id"
    if extra.get("activity_id"):
        record["activity_id"] = extra["activity_id"]
    else:
        record["activity_id"] = service_id if single else f"{service_id}@{location_id or 'sal'}"
    name = clean_line(service.get("name"))
    if not name:
        candidate.reason = candidate.reason or "name: required, the service has no name"
    record["name"] = name

    description = clean_text(service.get("description"))
    eligibility = clean_text(service.get("eligibility_description"))
    if eligibility and eligibility not in description:
        description = f"{description}\n\nEligibility: {eligibility}".strip()
    if description:
        record["description"] = description

    status = _text(service.get("status")).lower()
    if status in _STATUS:
        record["status"] = _STATUS[status]
    elif not status:
        warn(_NO_STATUS)
    else:
        candidate.reason = candidate.reason or (
            f"status: must be active, inactive, defunct or temporarily closed; got {status[:40]!r}"
        )

    _ages(service, record, warn)
    for key in ("kind", "social_setting", "referral"):
        if extra.get(key):
            record[key] = extra[key]
    if extra.get("capacity"):
        capacity = _number(extra["capacity"])
        if capacity is not None:
            record["capacity"] = int(capacity)

    _place(service, sal, location, extra, record, candidate, geocoder)
    _schedule(service, sal, location, record, warn)
    _cost(service, record, warn)
    _accessibility(location, extra, record, warn)
    _languages(service, location, record, warn)
    _taxonomy(service, record)

    organization = service.get("organization") or {}
    provider = clean_line(organization.get("name"))
    if provider and provider != UNKNOWN_ORGANIZATION:
        record["provider"] = provider
    record["contact"] = extra["contact"] if "contact" in extra else _contact(service, sal)
    if not record["contact"]:
        del record["contact"]
    url = extra["url"] if "url" in extra else normalise_url(_text(service.get("url")))
    if url:
        record["url"] = url
    _verified(service, record, warn)
    _coverage(service, record, warn)
    if extra.get("postcode") and "postcode" not in record:
        record["postcode"] = extra["postcode"]
    if extra.get("lat") and extra.get("lon") and "lat" not in record:
        lat, lon = _number(extra["lat"]), _number(extra["lon"])
        if lat is not None and lon is not None:
            record["lat"], record["lon"] = lat, lon
            candidate.geo_precision = "given"
    record["source"] = extra.get("source") or f"hsds:{package}:{source_id}"
    return candidate


def _ages(service: Obj, record: Obj, warn: Any) -> None:
    low, problem = parse_age_limit(service.get("minimum_age"), field="minimum_age")
    if problem:
        warn(problem)
    high, problem = parse_age_limit(service.get("maximum_age"), field="maximum_age")
    if problem:
        warn(problem)
    low, high, problem = age_range(low, high, names=("minimum_age", "maximum_age"))
    if problem:
        warn(problem)
    for key, age in (("min_age", low), ("max_age", high)):
        if age is not None:
            record[key] = age


def _place(
    service: Obj,
    sal: Obj | None,
    location: Obj | None,
    extra: Mapping[str, str],
    record: Obj,
    candidate: Candidate,
    geocoder: Geocoder | None,
) -> None:
    warn = candidate.warnings.append
    if extra.get("delivery"):
        record["delivery"] = extra["delivery"]
    if sal is not None and location is None:
        warn("service_at_location names a location that is not in the data: no location")
    if location is None:
        if record.get("delivery") not in ("online", "at_home"):
            warn("service has no location: on-site without coordinates")
        return
    location_type = _text(location.get("location_type")).lower()
    if location_type == "virtual":
        record.setdefault("delivery", "online")
        return
    if location_type == "postal":
        warn("location is a postal address only: not where the activity takes place")
    lat, lon = _number(location.get("latitude")), _number(location.get("longitude"))
    if lat is not None and lon is not None:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat == 0 and lon == 0):
            warn(f"latitude/longitude out of range ({lat:g}, {lon:g}): coordinates ignored")
        else:
            record["lat"], record["lon"] = lat, lon
            candidate.geo_precision = "given"
    elif lat is not None or lon is not None:
        warn("latitude and longitude must be given together: coordinates ignored")
    addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
    addresses.sort(key=lambda a: _text(a.get("address_type")) != "physical")
    postcode = next((_text(a.get("postal_code")) for a in addresses if a.get("postal_code")), "")
    country = next((_text(a.get("country")).upper() for a in addresses if a.get("country")), "")
    dutch = country in ("", "NL", "NLD", "NETHERLANDS", "NEDERLAND")
    if postcode and dutch:
        record["postcode"] = postcode
    elif postcode:
        # the catalogue reads postcodes as Dutch: a foreign one would be placed in NL
        warn(f"postcode of an address in {country[:20]} not used (postcodes are read as Dutch)")
    if "lat" in record:
        return
    first = addresses[0] if addresses else {}
    parts = [_text(first.get(k)) for k in ("address_1", "postal_code", "city", "country")]
    query = ", ".join(p for p in parts if p) if parts[0] else ""
    city = next((_text(a.get("city")) for a in addresses if a.get("city")), "")
    placed = locate_fallback(
        candidate,
        geocoder=geocoder,
        address_query=query,
        postcode=postcode if dutch else "",
        place=city if dutch else "",
    )
    if not placed and record.get("delivery", "on_site") == "on_site":
        warn("no usable coordinates or Dutch postcode: on-site without location")


def _schedule_rows(sal: Obj | None, service: Obj, location: Obj | None) -> list[Obj]:
    # most specific first: this service at this location, then the service (rows naming
    # another location excluded), then the opening hours of the location itself
    if sal and sal.get("schedules"):
        return list(sal["schedules"])
    location_id = _text((location or {}).get("id"))
    own = [
        s
        for s in service.get("schedules") or []
        if not s.get("location_id") or not location_id or _text(s["location_id"]) == location_id
    ]
    if own:
        return own
    return list((location or {}).get("schedules") or [])


def _schedule(service: Obj, sal: Obj | None, location: Obj | None, record: Obj, warn: Any) -> None:
    rows = _schedule_rows(sal, service, location)
    if not rows:
        return
    slots: set[tuple[Day, Part]] = set()
    problems: list[str] = []
    not_weekly = False
    for schedule in rows:
        if schedule.get("x_problem"):
            problems.append(str(schedule["x_problem"]))
            continue
        freq = _text(schedule.get("freq")).upper()
        if freq and freq not in ("WEEKLY", "MONTHLY", "DAILY"):
            problems.append(f"freq must be WEEKLY or MONTHLY; got {freq[:20]!r}")
            continue
        try:
            days, ordinal = byday_to_days(_text(schedule.get("byday")))
        except ValueError as error:
            problems.append(str(error))
            continue
        if freq == "DAILY" and not days:
            days = list(DAYS)
        not_weekly = (
            not_weekly
            or ordinal
            or freq == "MONTHLY"
            or ((_number(schedule.get("interval")) or 1) > 1)
        )
        opens = _text(schedule.get("opens_at"))
        if not days or not opens:
            problems.append("a schedule needs byday and opens_at to give slots")
            continue
        try:
            parts = day_parts(opens, _text(schedule.get("closes_at")) or None)
        except ValueError as error:
            problems.append(str(error))
            continue
        slots.update((d, p) for d in days for p in parts)
    if problems:
        unique = sorted(set(problems))
        warn(f"schedule: {len(problems)} of {len(rows)} rows unreadable ({'; '.join(unique[:3])})")
    if not_weekly and slots:
        warn("schedule is monthly or every few weeks: mapped to weekly slots")
    if slots:
        ordered = sorted(slots, key=lambda s: (DAYS.index(s[0]), PARTS.index(s[1])))
        record["schedule"] = [{"day": d, "part": p} for d, p in ordered]
    elif rows:
        texts = sorted({clean_line(r.get("description")) for r in rows} - {""})
        if texts:
            note = "Opening hours: " + "; ".join(texts)
            record["description"] = f"{record.get('description', '')}\n\n{note}".strip()
        warn("schedule rows give no slots: left flexible (text kept in description)")


def _cost(service: Obj, record: Obj, warn: Any) -> None:
    """The lowest monthly amount of the cost options, else what fees_description says.

    Both are read by the sheet's rules (:mod:`wor_match.io._values`): "2.50 per week" is
    10.83 a month. An amount in a currency other than EUR is not converted.
    """
    monthly: list[float] = []
    options = [o for o in service.get("cost_options") or [] if isinstance(o, dict)]
    for option in options:
        amount = _number(option.get("amount"))
        if amount is None:
            continue
        currency = _text(option.get("currency")).upper()
        if amount != 0 and currency not in ("", "EUR"):
            warn(f"cost_options: amount in {currency} not converted to EUR: cost unknown")
            continue
        period = " ".join(_text(option.get(k)) for k in ("amount_description", "option"))
        cost, problem = monthly_cost(amount, period.strip(), field="cost_options")
        if problem:
            warn(problem)
        if cost is not None:
            monthly.append(cost)
    if monthly:
        if len(set(monthly)) > 1:
            warn("cost_options: several monthly amounts, the lowest is used")
        record["cost_per_month"] = min(monthly)
        return
    cost, problem = parse_cost(_text(service.get("fees_description")), field="fees_description")
    if problem and not (options and cost is None):
        warn(problem)  # (an unreadable fee next to an unreadable cost option is said once)
    if cost is not None:
        record["cost_per_month"] = cost


_WHEELCHAIR = re.compile(
    r"wheel\s?chair|rolstoel|handicap accessible|\bada\b|step[- ]free|"
    r"drempelvrij|fully accessible|toegankelijk",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\b(not|no|geen|niet|inaccessible|ontoegankelijk)\b", re.IGNORECASE)


def _accessibility(location: Obj | None, extra: Mapping[str, str], record: Obj, warn: Any) -> None:
    if extra.get("wheelchair_accessible") in ("true", "false"):
        record["wheelchair_accessible"] = extra["wheelchair_accessible"] == "true"
        return
    verdicts = set()
    for item in (location or {}).get("accessibility") or []:
        text = " ".join(_text(item.get(k)) for k in ("description", "details"))
        for sentence in re.split(r"[.;\n]", text):
            if _WHEELCHAIR.search(sentence):
                verdicts.add(not _NEGATION.search(sentence))
    if len(verdicts) == 1:
        record["wheelchair_accessible"] = verdicts.pop()
    elif verdicts:
        warn("accessibility: contradicting wheelchair statements, left unknown")


def _languages(service: Obj, location: Obj | None, record: Obj, warn: Any) -> None:
    entries = list(service.get("languages") or []) + list((location or {}).get("languages") or [])
    codes: list[str] = []
    unknown: list[str] = []
    for entry in entries:
        code = language_code(_text(entry.get("code"))) if entry.get("code") else None
        found: list[str]
        rest: list[str]
        if code is not None:
            found, rest = [code], []
        else:
            found, rest = languages_in(_text(entry.get("name")) or _text(entry.get("code")))
        codes.extend(c for c in found if c not in codes)
        unknown.extend(r[:40] for r in rest)
    if unknown:
        warn(
            "languages: no ISO 639-1 language named in "
            + "; ".join(repr(u) for u in sorted(set(unknown))[:3])
        )
    if codes:
        record["languages"] = codes


def _taxonomy(service: Obj, record: Obj) -> None:
    categories: list[str] = []
    tags: list[str] = []
    for attribute in service.get("attributes") or []:
        taxonomy, name = _term(attribute)
        if not name or taxonomy == WOR_MATCH_TAXONOMY:
            continue
        target = tags if taxonomy == TAG_TAXONOMY else categories
        if name not in target:
            target.append(name)
    if categories:
        record["categories"] = categories
    if tags:
        record["tags"] = tags


def _contact(service: Obj, sal: Obj | None) -> str:
    parts: list[str] = []

    def add(value: Any) -> None:
        text = clean_line(value).strip('"')
        if text and text not in parts:
            parts.append(text)

    add(service.get("email"))
    for owner in (service, sal or {}):
        for phone in owner.get("phones") or []:
            add(phone.get("number"))
        for contact in owner.get("contacts") or []:
            add(contact.get("email"))
            for phone in contact.get("phones") or []:
                add(phone.get("number"))
    return "; ".join(parts)


def _verified(service: Obj, record: Obj, warn: Any) -> None:
    for key in ("assured_date", "last_modified"):
        date, problem = parse_date(_text(service.get(key)), field=key, iso_only=True)
        if date is not None:
            record["last_verified"] = date
            return
        if problem:
            warn(problem)


def _coverage(service: Obj, record: Obj, warn: Any) -> None:
    coverage: list[str] = []
    others: list[str] = []
    for area in service.get("service_areas") or []:
        name = clean_line(area.get("name"))
        if not name:
            continue
        entry = coverage_area(name)
        if entry is not None:
            if entry not in coverage:
                coverage.append(entry)
        else:
            others.append(name)
    if others:
        warn(
            "service_areas: not a Dutch gemeente or PC4 code, not used as coverage "
            "(kept in description)"
        )
        note = "Service area: " + "; ".join(others)
        record["description"] = f"{record.get('description', '')}\n\n{note}".strip()
    if coverage:
        record["coverage"] = coverage
