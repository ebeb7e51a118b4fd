"""Sociale-kaart spreadsheets (CSV or Excel) to activity records, every problem by row.

Columns are mapped to activity fields by an explicit mapping (a dict, or a JSON or YAML
file of ``{"sheet header": "field"}``) and otherwise by built-in guesses for common Dutch
headers and their English twins (:data:`HEADER_GUESSES`). Besides the activity fields a
column may map to a helper target:

=============== ===========================================================================
``day``         day(s) of the week, combined with ``time`` ("di" + "10:00-12:00")
``time``        times or free text ("elke woensdagmiddag", "ma t/m vr ochtend")
``address``     street address; a postcode inside it is used when the postcode is missing
``place``       place or gemeente; its centroid locates a row without postcode
``free``        yes/no "gratis" column: yes means cost 0
``cost``        free-text cost ("€ 2,50 per week", "gratis", "€10 p/m")
``age``         free-text age ("65+", "18-99", "vanaf 55", "tot 25")
``target_group`` target group ("ouderen, mantelzorgers"): kept as tags
``phone``, ``email`` joined into ``contact``
``ignore``      a column read on purpose and not used
=============== ===========================================================================

Row numbers in the report are data rows (1 = the first row under the header; the
spreadsheet line is one more).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zlib
from collections.abc import Mapping
from os import PathLike
from pathlib import Path
from typing import Any

from wor_match._errors import CatalogueError, MissingExtraError
from wor_match.io._clean import clean_line, clean_text, languages_in, normalise_url
from wor_match.io._geo import coverage_area, extract_postcode, locate_fallback, locate_postcode
from wor_match.io._report import Candidate, ImportResult, finalise
from wor_match.io._times import parse_when_text
from wor_match.io._values import (
    age_range,
    parse_age,
    parse_age_limit,
    parse_cost,
    parse_date,
    parse_number,
)
from wor_match.io.geocode import Geocoder
from wor_match.models._slots import parse_slots
from wor_match.models.activity import ACTIVITY_FIELDS
from wor_match.text import normalise

__all__ = [
    "HEADER_GUESSES",
    "HELPER_TARGETS",
    "guess_mapping",
    "parse_age",
    "parse_cost",
    "parse_date",
    "read_sheet",
]

#: Targets a column may map to besides the activity fields.
HELPER_TARGETS = (
    "day",
    "time",
    "address",
    "place",
    "free",
    "cost",
    "age",
    "target_group",
    "phone",
    "email",
    "ignore",
)

#: Built-in header guesses: normalised header -> target (Dutch, then English twins).
HEADER_GUESSES: dict[str, str] = {
    **dict.fromkeys(["id", "code", "nummer", "activiteit id", "activity id"], "activity_id"),
    **dict.fromkeys(["naam", "naam activiteit", "activiteit", "titel", "aanbod", "name",
                     "title", "activity"], "name"),
    **dict.fromkeys(["omschrijving", "beschrijving", "toelichting", "description"],
                    "description"),
    **dict.fromkeys(["organisatie", "aanbieder", "organisator", "organisation", "organization",
                     "provider"], "provider"),
    **dict.fromkeys(["adres", "straat", "address", "street"], "address"),
    **dict.fromkeys(["postcode", "pc", "postal code", "postcode zip", "zip", "zip code",
                     "zipcode"], "postcode"),
    **dict.fromkeys(["plaats", "woonplaats", "gemeente", "place", "city", "town"], "place"),
    **dict.fromkeys(["dag", "dagen", "weekdag", "day", "days", "weekday"], "day"),
    **dict.fromkeys(["tijd", "tijden", "tijdstip", "wanneer", "openingstijden", "time", "times",
                     "when", "opening hours"], "time"),
    **dict.fromkeys(["kosten", "prijs", "eigen bijdrage", "cost", "costs", "price", "fee",
                     "fees"], "cost"),
    **dict.fromkeys(["gratis", "free", "free of charge"], "free"),
    **dict.fromkeys(["rolstoeltoegankelijk", "rolstoel toegankelijk", "rolstoel",
                     "wheelchair accessible", "wheelchair"], "wheelchair_accessible"),
    **dict.fromkeys(["leeftijd", "leeftijden", "age", "ages", "age range"], "age"),
    **dict.fromkeys(["doelgroep", "voor wie", "target group", "audience", "for whom"],
                    "target_group"),
    **dict.fromkeys(["contact", "contactpersoon", "contactgegevens", "contact person"],
                    "contact"),
    **dict.fromkeys(["telefoon", "telefoonnummer", "tel", "phone", "telephone"], "phone"),
    **dict.fromkeys(["e mail", "email", "mail", "e mailadres", "emailadres"], "email"),
    **dict.fromkeys(["website", "url", "site", "web", "link"], "url"),
    **dict.fromkeys(["laatst gecontroleerd", "gecontroleerd", "laatst geverifieerd",
                     "laatst bijgewerkt", "last checked", "last verified", "verified",
                     "last updated"], "last_verified"),
    **dict.fromkeys(["categorie", "categorieen", "thema", "themas", "category", "categories",
                     "theme", "themes"], "categories"),
    **dict.fromkeys(["tags", "trefwoorden", "labels", "keywords"], "tags"),
    **dict.fromkeys(["soort", "soort aanbod", "kind", "type"], "kind"),
    **dict.fromkeys(["vorm", "waar", "delivery"], "delivery"),
    **dict.fromkeys(["taal", "talen", "language", "languages"], "languages"),
    **dict.fromkeys(["werkgebied", "gebied", "coverage", "service area"], "coverage"),
    **dict.fromkeys(["status"], "status"),
    **dict.fromkeys(["lat", "latitude", "breedtegraad"], "lat"),
    **dict.fromkeys(["lon", "lng", "longitude", "lengtegraad"], "lon"),
    **dict.fromkeys(["capaciteit", "plaatsen", "max deelnemers", "capacity"], "capacity"),
    **dict.fromkeys(["groepsgrootte", "setting", "social setting"], "social_setting"),
}  # fmt: skip

_KINDS = {"activiteit": "activity", "activity": "activity", "vrijwilligerswerk": "volunteering",
          "vrijwilliger": "volunteering", "volunteering": "volunteering", "maatje": "buddy",
          "maatjes": "buddy", "buddy": "buddy", "maaltijd": "meals", "maaltijden": "meals",
          "meals": "meals", "eten": "meals"}  # fmt: skip
_DELIVERIES = {"op locatie": "on_site", "locatie": "on_site", "on site": "on_site",
               "on_site": "on_site", "aan huis": "at_home", "thuis": "at_home",
               "at home": "at_home", "at_home": "at_home", "online": "online"}  # fmt: skip
_SETTINGS = {"individueel": "individual", "alleen": "individual", "een op een": "one_on_one",
             "1 op 1": "one_on_one", "kleine groep": "small_group", "grote groep": "large_group",
             "individual": "individual", "one on one": "one_on_one",
             "small group": "small_group", "large group": "large_group"}  # fmt: skip
_STATUSES = {"actief": "active", "active": "active", "inactief": "inactive",
             "inactive": "inactive", "gestopt": "defunct", "opgeheven": "defunct",
             "defunct": "defunct", "tijdelijk gesloten": "temporarily_closed",
             "temporarily closed": "temporarily_closed"}  # fmt: skip
_YES = {"ja", "j", "yes", "y", "true", "waar", "x", "1", "✓", "v"}
_NO = {"nee", "n", "no", "false", "onwaar", "0", "-"}
_PARTLY = {"deels", "gedeeltelijk", "beperkt", "partly", "partially", "limited"}


def _yes_no(value: str, field: str) -> tuple[bool | None, str | None]:
    text = value.strip().lower().rstrip(".")
    if not text or text in {"?", "onbekend", "unknown"}:
        return None, None
    if text in _YES:
        return True, None
    if text in _NO:
        return False, None
    if text in _PARTLY or any(text.startswith(p) for p in _PARTLY):
        return None, f"{field}: {value[:30]!r} (partly) read as unknown"
    return None, f"{field}: {value[:30]!r} is not ja/nee or yes/no: left unknown"


def _split(value: str) -> list[str]:
    return [clean_line(part) for part in re.split(r"[;,\n]", value) if clean_line(part)]


# ------------------------------------------------------------------ reading the file
def _load_mapping(mapping: Mapping[str, str] | str | PathLike[str] | None) -> dict[str, str]:
    if mapping is None:
        return {}
    if isinstance(mapping, Mapping):
        data: Any = dict(mapping)
    else:
        path = Path(mapping)
        if not path.is_file():
            raise CatalogueError(f"mapping file not found: {path}")
        text = path.read_text(encoding="utf-8")
        if path.suffix.lower() in {".yaml", ".yml"}:
            try:
                import yaml  # type: ignore[import-untyped,unused-ignore]
            except ImportError:
                raise MissingExtraError(
                    "a YAML mapping needs PyYAML: pip install pyyaml (or use a JSON mapping)"
                ) from None
            data = yaml.safe_load(text)
        else:
            try:
                data = json.loads(text)
            except ValueError as error:
                raise CatalogueError(
                    f"mapping file {path.name} is not valid JSON: {error}"
                ) from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise CatalogueError('a mapping is an object of "sheet header": "field" strings')
    allowed = set(ACTIVITY_FIELDS) | set(HELPER_TARGETS)
    for header, target in data.items():
        if target not in allowed:
            raise CatalogueError(
                f"mapping: target {target!r} of column {header!r} is not an activity field or "
                f"one of {', '.join(HELPER_TARGETS)}"
            )
    return data


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """The built-in guess for each header that has one (see :data:`HEADER_GUESSES`)."""
    guesses: dict[str, str] = {}
    for header in headers:
        key = normalise(header)
        if key in HEADER_GUESSES:
            guesses[header] = HEADER_GUESSES[key]
        elif key in ACTIVITY_FIELDS or key.replace(" ", "_") in ACTIVITY_FIELDS:
            guesses[header] = key.replace(" ", "_")
    return guesses


def _read_csv(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # Dutch Excel saves "CSV" in Windows-1252
    delimiter = _delimiter(text)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise CatalogueError(f"{path.name} is not a readable CSV file: {error}") from None


def _delimiter(text: str) -> str:
    """The separator that puts the most fields into lines of one width (first 30 records).

    Dutch Excel writes ";", others "," or tab. csv.Sniffer is fooled by free text with
    commas in a ";" file; counting fields in equally wide records is not.
    """
    from collections import Counter

    best, best_score = ",", (0, 0)
    for candidate in (";", ",", "\t"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=candidate)
        try:
            counts = Counter(len(row) for _, row in zip(range(30), reader, strict=False))
        except csv.Error:
            continue
        counts.pop(1, None)  # title lines and blank lines say nothing
        counts.pop(0, None)
        # fields in lines of one width: a wrong separator splits free text into many
        # short, ragged records; the right one gives few wide, equal ones
        for width, lines in counts.items():
            if (lines * width, width) > best_score:
                best, best_score = candidate, (lines * width, width)
    return best


def _read_xlsx(path: Path, sheet: str | None) -> list[list[Any]]:
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise MissingExtraError(
            "reading .xlsx needs openpyxl: pip install 'wor_match[excel]'"
        ) from None
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise CatalogueError(
                f"sheet {sheet!r} not in {path.name}; its sheets are {workbook.sheetnames}"
            )
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        return [
            ["" if v is None else v for v in row] for row in worksheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def read_sheet(
    path: str | PathLike[str],
    mapping: Mapping[str, str] | str | PathLike[str] | None = None,
    *,
    sheet: str | None = None,
    geocoder: Geocoder | None = None,
) -> ImportResult:
    """Read a sociale-kaart spreadsheet (``.csv``, ``.tsv`` or ``.xlsx``) into activities.

    Parameters
    ----------
    path : path-like
        The file. CSV may be comma, semicolon or tab separated, UTF-8 or Windows-1252.
    mapping : dict or path-like, optional
        ``{"sheet header": "target"}``, or a JSON/YAML file holding it; targets are activity
        fields or helper targets (module docstring). It overrides the built-in guesses.
    sheet : str, optional
        Worksheet name in an Excel file (default: the first).
    geocoder : callable, optional
        Opt-in: ``address -> (lat, lon) or None``, e.g. a
        :class:`~wor_match.io.geocode.CachedGeocoder`. Rows with an address and no
        coordinates are looked up (precision ``geocoder``). Without it nothing leaves
        the machine.

    Returns
    -------
    ImportResult
        One report row per data row: accepted, or rejected with the reason; warnings say
        what was approximated or left unknown, and ``geo_precision`` how the row is placed.

    Raises
    ------
    CatalogueError
        If the file is missing or empty, the format is not supported, a mapping names a
        column the sheet lacks, or no column maps to ``name``.
    MissingExtraError
        For ``.xlsx`` without openpyxl (``pip install 'wor_match[excel]'``).
    """
    file = Path(path)
    if not file.is_file():
        raise CatalogueError(f"spreadsheet not found: {file}")
    suffix = file.suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        rows = _read_csv(file)
    elif suffix in {".xlsx", ".xlsm"}:
        rows = _read_xlsx(file, sheet)
    else:
        raise CatalogueError(f"spreadsheets must be .csv, .tsv or .xlsx; got {suffix!r}")
    if not any(str(c).strip() for row in rows for c in row):
        raise CatalogueError(f"{file.name} is empty: it needs a header row")
    explicit = _load_mapping(mapping)
    start = _header_line(rows, explicit)
    skipped = [" ".join(str(c) for c in row if str(c).strip()) for row in rows[:start]]
    rows = rows[start:]
    headers = [clean_line(h) for h in rows[0]]
    missing = [h for h in explicit if h not in headers]
    if missing:
        raise CatalogueError(
            f"mapping names columns not in the sheet: {missing}; its columns are {headers}"
        )
    columns = {**guess_mapping(headers), **explicit}
    if "name" not in columns.values():
        raise CatalogueError(
            f"no column maps to name: give a mapping such as {{'<header>': 'name'}}; "
            f"columns are {headers}"
        )
    notes = []
    if any(skipped):
        notes.append(
            f"header on line {start + 1} (spreadsheet line = row + {start + 1}); lines above "
            "it not read: " + " / ".join(repr(t[:40]) for t in skipped if t)
        )
    notes += ["columns used: " + ", ".join(f"{h} -> {t}" for h, t in columns.items())]
    unused = [h for h in headers if h and h not in columns]
    if unused:
        notes.append("columns not mapped, not used: " + ", ".join(unused))
    candidates = []
    seen: dict[tuple[str, ...], int] = {}
    named: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows[1:], start=1):
        values: dict[str, list[Any]] = {}
        for header, cell in zip(headers, row, strict=False):
            target = columns.get(header)
            if target and target != "ignore" and str(cell).strip():
                values.setdefault(target, []).append(cell)
        candidate = _row_candidate(values, number, file.stem, geocoder)
        extra_cells = [str(c).strip() for c in row[len(headers) :] if str(c).strip()]
        if extra_cells:
            candidate.warnings.append(
                f"{len(extra_cells)} cell(s) right of the last header not read: "
                + ", ".join(repr(c[:20]) for c in extra_cells[:3])
            )
        if candidate.reason == "":
            key = _identity(candidate.record, values)
            if key in seen:
                candidate.reason = (
                    f"duplicate of row {seen[key]} (same name, provider, place and time)"
                )
            else:
                seen[key] = number
                near = (
                    normalise(str(candidate.record["name"])),
                    normalise(str(candidate.record.get("provider", ""))),
                )
                if near in named:
                    candidate.warnings.append(
                        f"possibly the same activity as row {named[near]} (same name and provider)"
                    )
                named.setdefault(near, number)
        candidates.append(candidate)
    return finalise(candidates, source=str(file), notes=notes)


def _header_line(rows: list[list[Any]], explicit: Mapping[str, str]) -> int:
    """Index of the header row: the first of the top 10 with two or more known headers
    (title lines such as "Sociale kaart Hillegom 2026" often sit above it), else the first
    non-empty row."""
    first = next(i for i, row in enumerate(rows) if any(str(c).strip() for c in row))
    for i, row in enumerate(rows[first : first + 10], start=first):
        cells = [clean_line(c) for c in row if str(c).strip()]
        known = sum(1 for c in cells if c in explicit or guess_mapping([c]))
        if known >= 2 or (known == 1 and len(cells) == 1):
            return i
    return first


def _identity(record: Mapping[str, Any], values: Mapping[str, list[Any]]) -> tuple[str, ...]:
    def text(key: str) -> str:
        return normalise(" ".join(str(v) for v in values.get(key, [])))

    return (
        normalise(str(record["name"])),
        normalise(str(record.get("provider", ""))),
        normalise(str(record.get("postcode", ""))) or text("place") or text("address"),
        text("day") + " " + text("time") + " " + text("schedule"),
    )


def _first(values: Mapping[str, list[Any]], key: str) -> str:
    found = values.get(key)
    return clean_text(found[0]) if found else ""


def _row_candidate(
    values: dict[str, list[Any]], number: int, stem: str, geocoder: Geocoder | None = None
) -> Candidate:
    record: dict[str, Any] = {}
    candidate = Candidate(record, number, f"row {number}")
    warn = candidate.warnings.append
    extra: list[str] = []  # lines appended to the description: text kept, not lost
    if not values:
        candidate.reason = "empty row"
        return candidate
    name = clean_line(_first(values, "name"))
    if not name:
        candidate.reason = "name: required, the row has no name"
    record["name"] = name
    for key in ("description", "provider"):
        if _first(values, key):
            record[key] = (
                _first(values, key) if key == "description" else clean_line(_first(values, key))
            )
    # ---- identity and provenance
    given_id = clean_line(_first(values, "activity_id"))
    if given_id:
        record["activity_id"] = given_id
    else:
        basis = "|".join(
            normalise(str(v))
            for k in ("name", "provider", "postcode", "address", "place", "day", "time")
            for v in values.get(k, [])
        )
        slug = "-".join(normalise(name).split()[:4]) or "activiteit"
        record["activity_id"] = f"{slug}-{zlib.crc32(basis.encode()):08x}"
    record["source"] = _first(values, "source") or f"sheet:{stem}:row {number}"
    # ---- vocabularies
    for key, table in (
        ("kind", _KINDS),
        ("delivery", _DELIVERIES),
        ("social_setting", _SETTINGS),
        ("status", _STATUSES),
    ):
        raw = _first(values, key)
        if raw:
            folded = normalise(raw)
            if folded in table:
                record[key] = table[folded]
            elif folded.replace(" ", "_") in table.values():
                record[key] = folded.replace(" ", "_")
            else:
                warn(f"{key}: {raw[:30]!r} not recognised: left to the default")
    if _first(values, "referral"):
        record["referral"] = _first(values, "referral").lower()
    _guess_kind(record, warn)
    # ---- place
    _sheet_place(values, record, candidate, extra, geocoder)
    # ---- time
    _sheet_schedule(values, record, warn, extra)
    # ---- cost
    monthly_text = _first(values, "cost_per_month")
    cost_text = monthly_text or _first(values, "cost")
    free_flag = _first(values, "free")
    cost: float | None = None
    # a column mapped to cost_per_month is per month already: "12,50" needs no period
    monthly = parse_number(monthly_text.replace("€", "").replace("EUR", "").strip())
    if monthly is not None and monthly >= 0:
        cost = monthly
    elif cost_text:
        cost, problem = parse_cost(cost_text)
        if problem:
            warn(problem)
            if cost is None:
                extra.append(f"Kosten: {cost_text}")
    if free_flag:
        is_free, problem = _yes_no(free_flag, "gratis")
        if problem:
            warn(problem)
        if is_free and cost not in (None, 0.0):
            warn(f"gratis is yes but the cost column says {cost_text[:30]!r}: cost column used")
        elif is_free:
            cost = 0.0
    if cost is not None:
        record["cost_per_month"] = cost
    # ---- accessibility, ages, languages
    wheelchair_text = _first(values, "wheelchair_accessible")
    if wheelchair_text:
        value, problem = _yes_no(wheelchair_text, "wheelchair_accessible")
        if problem:
            warn(problem)
        if value is not None:
            record["wheelchair_accessible"] = value
    _sheet_ages(values, record, warn, extra)
    languages_text = " ; ".join(str(v) for v in values.get("languages", []))
    if languages_text:
        codes, unknown = languages_in(languages_text)
        if unknown:
            warn(
                "languages: no ISO 639-1 language named in "
                + "; ".join(repr(u[:30]) for u in unknown[:3])
            )
        if codes:
            record["languages"] = codes
    # ---- lists
    categories = [c for v in values.get("categories", []) for c in _split(str(v))]
    tags = [t for k in ("tags", "target_group") for v in values.get(k, []) for t in _split(str(v))]
    if categories:
        record["categories"] = list(dict.fromkeys(categories))
    if tags:
        record["tags"] = list(dict.fromkeys(tags))
    if values.get("target_group"):
        extra.append("Doelgroep: " + "; ".join(clean_line(v) for v in values["target_group"]))
    coverage: list[str] = []
    for part in (p for v in values.get("coverage", []) for p in _split(str(v))):
        area = coverage_area(part)
        if area is None:
            warn(f"coverage: {part[:30]!r} is not a known gemeente or PC4 code, not used")
        elif area not in coverage:
            coverage.append(area)
    if coverage:
        record["coverage"] = coverage
    # ---- contact, url, dates, numbers
    contact = [clean_line(v) for k in ("contact", "phone", "email") for v in values.get(k, [])]
    if contact:
        record["contact"] = "; ".join(dict.fromkeys(c for c in contact if c))
    url = _first(values, "url")
    if url:
        if " " in url.strip():
            warn(f"url: {url[:30]!r} contains spaces: not a web address, not used")
        else:
            record["url"] = normalise_url(url)
    verified = values.get("last_verified")
    if verified:
        date, problem = parse_date(verified[0])
        if problem:
            warn(problem)
        if date:
            record["last_verified"] = date
    capacity = _first(values, "capacity")
    if capacity:
        if _whole(capacity) is not None:
            record["capacity"] = _whole(capacity)
        else:
            warn(f"capacity: {capacity[:20]!r} is not a whole number, not used")
    if extra:
        record["description"] = "\n".join([record.get("description", ""), *extra]).strip()
    return candidate


#: Words in the name (or description) that say what kind of offer it is, when the sheet
#: has no column for it. Only unambiguous phrases; each guess is a warning on the row.
_KIND_WORDS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("kind", "buddy", re.compile(r"\bmaatje|\bbuddy\b|maatjesproject", re.IGNORECASE)),
    ("kind", "meals", re.compile(r"maaltijd|thuisgekookt|eettafel|samen eten", re.IGNORECASE)),
    ("kind", "volunteering", re.compile(r"vrijwilligerswerk|vrijwilliger gezocht|"
                                        r"vrijwilligers gezocht|volunteer", re.IGNORECASE)),
    ("delivery", "at_home", re.compile(r"aan huis|bij u thuis|bij je thuis|thuisbezoek|"
                                       r"huisbezoek|at home", re.IGNORECASE)),
    ("delivery", "online", re.compile(r"\bonline\b|via zoom|via teams|digitaal", re.IGNORECASE)),
)  # fmt: skip


def _guess_kind(record: dict[str, Any], warn: Any) -> None:
    text = f"{record.get('name', '')} {record.get('description', '')}"
    for key, value, pattern in _KIND_WORDS:
        if key not in record and pattern.search(text):
            record[key] = value
            warn(
                f"{key} guessed from the name or description: {value} "
                f"(a 'soort' or 'vorm' column makes it certain)"
            )


def _whole(text: str) -> int | None:
    """A non-negative whole number, also as spreadsheets write it ("7", "7.0", "7,0")."""
    value = parse_number(text)
    return int(value) if value is not None and value >= 0 and value.is_integer() else None


def _sheet_place(
    values: Mapping[str, list[Any]],
    record: dict[str, Any],
    candidate: Candidate,
    extra: list[str],
    geocoder: Geocoder | None,
) -> None:
    warn = candidate.warnings.append
    address = _first(values, "address")
    place = clean_line(_first(values, "place"))
    if address:
        in_address = place and normalise(place) in normalise(address)
        extra.append(
            f"Adres: {clean_line(address)}" + (f", {place}" if place and not in_address else "")
        )
    lat_text, lon_text = _first(values, "lat"), _first(values, "lon")
    if lat_text or lon_text:
        lat, lon = parse_number(lat_text), parse_number(lon_text)
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            warn("lat/lon: must be two numbers (latitude -90..90, longitude -180..180): ignored")
        else:
            record["lat"], record["lon"] = lat, lon
            candidate.geo_precision = "given"
    postcode = clean_line(_first(values, "postcode")).upper()
    if postcode:
        if re.fullmatch(r"[1-9][0-9]{3}\s?[A-Z]{2}|[1-9][0-9]{3}", postcode) is None:
            warn(f"postcode: {postcode[:12]!r} is not a Dutch postcode (1234 AB or 1234): ignored")
            postcode = ""
        elif locate_postcode(postcode) is None:
            warn(f"postcode: {postcode} is not in the offline PC4 table: not used to locate")
    if not postcode and address:
        from_address = extract_postcode(address)
        if from_address:
            postcode = from_address
            warn("postcode missing: taken from the address")
    if postcode:
        record["postcode"] = postcode
    if "lat" in record:
        return
    query = ", ".join(p for p in (clean_line(address), postcode, place, "Nederland") if p)
    placed = locate_fallback(
        candidate,
        geocoder=geocoder,
        address_query=query if address else "",
        postcode=postcode,
        place=place,
    )
    if not placed and record.get("delivery", "on_site") == "on_site":
        if place:
            warn(f"place: {place[:30]!r} is not a known Dutch place or gemeente")
        warn("no location: give a postcode or place, or the activity cannot be matched by distance")


def _sheet_schedule(
    values: Mapping[str, list[Any]], record: dict[str, Any], warn: Any, extra: list[str]
) -> None:
    slot_text = _first(values, "schedule")
    if slot_text:
        try:
            record["schedule"] = parse_slots(slot_text)
            return
        except ValueError:
            pass  # not in the day:part form: read it as free text below
    parts = [clean_line(v) for k in ("day", "time") for v in values.get(k, [])]
    if slot_text:
        parts.append(clean_line(slot_text))
    text = " ".join(p for p in parts if p)
    if not text:
        return
    when = parse_when_text(text)
    if when.slots:
        record["schedule"] = [{"day": d, "part": p} for d, p in when.slots]
    for problem in when.warnings:
        warn(f"schedule: {problem} in {text[:40]!r}")
    if not when.complete:
        extra.append(f"Wanneer: {text}")
        if when.slots:
            warn("schedule: text only partly read (kept in description)")
        else:
            warn("schedule: text not read as time slots (kept in description)")


def _sheet_ages(
    values: Mapping[str, list[Any]], record: dict[str, Any], warn: Any, extra: list[str]
) -> None:
    ages: dict[str, int | None] = {}
    for key in ("min_age", "max_age"):
        ages[key], problem = parse_age_limit(_first(values, key), field=key)
        if problem:
            warn(problem)
    age_text = _first(values, "age")
    if age_text:
        low, high, problem = parse_age(age_text)
        if problem:
            warn(problem)
            extra.append(f"Leeftijd: {age_text}")
        # a min_age or max_age column wins over the free-text age
        ages["min_age"] = low if ages["min_age"] is None else ages["min_age"]
        ages["max_age"] = high if ages["max_age"] is None else ages["max_age"]
    low, high, problem = age_range(ages["min_age"], ages["max_age"])
    if problem:
        warn(problem)
    for key, age in (("min_age", low), ("max_age", high)):
        if age is not None:
            record[key] = age
