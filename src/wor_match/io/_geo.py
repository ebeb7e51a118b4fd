"""Offline locating for importers: postcode and place centroids from the shipped PC4 table.

The PC4 table is GeoNames postal data (CC BY 4.0, credit "GeoNames"). Each located row
records its precision: ``pc4`` (centroid of the 4-digit postcode; a PC6 falls back to its
PC4) or ``place`` (mean of the PC4 centroids of the place or gemeente).
"""

from __future__ import annotations

import re
from functools import cache

from wor_match.geo.postcodes import load_pc4_table
from wor_match.io._report import Candidate
from wor_match.io.geocode import Geocoder
from wor_match.text import normalise

__all__ = [
    "DUTCH_POSTCODE",
    "coverage_area",
    "extract_postcode",
    "locate_fallback",
    "locate_place",
    "locate_postcode",
]

_PC = re.compile(r"\b([1-9][0-9]{3})\s?([A-Za-z]{2})?\b")
#: A whole value that is a Dutch postcode, PC4 (``2181``) or PC6 (``2181 AB``): group 1 is the PC4.
DUTCH_POSTCODE = re.compile(r"\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*")


def locate_postcode(text: str) -> tuple[float, float] | None:
    """Centroid of a Dutch PC4/PC6 postcode, or None when it is not one or not known."""
    match = DUTCH_POSTCODE.fullmatch(text)
    if match is None:
        return None
    table = load_pc4_table()
    if match[1] not in table:
        return None
    row = table.row(match[1])
    return float(row["lat"]), float(row["lon"])


def extract_postcode(address: str) -> str | None:
    """A Dutch postcode inside an address line ("Dorpsstraat 1, 2181 AB Hillegom" -> "2181 AB")."""
    for match in _PC.finditer(address):
        if match[2] and not match[2].isupper() and not match[2].islower():
            continue
        if match[1] in load_pc4_table():
            return f"{match[1]} {match[2].upper()}" if match[2] else match[1]
    return None


@cache
def _places() -> dict[str, tuple[float, float]]:
    frame = load_pc4_table().frame
    centroids: dict[str, tuple[float, float]] = {}
    for column in ("gemeente", "place"):
        named = frame.dropna(subset=[column])
        means = named.groupby(named[column].map(normalise))[["lat", "lon"]].mean()
        for key, row in means.iterrows():
            centroids.setdefault(
                str(key), (round(float(row["lat"]), 5), round(float(row["lon"]), 5))
            )
    return centroids


def locate_place(name: str) -> tuple[float, float] | None:
    """Mean PC4 centroid of a gemeente or place name (accents and case ignored), or None."""
    return _places().get(normalise(name)) if name.strip() else None


def coverage_area(text: str) -> str | None:
    """The text as a coverage entry if it is a known PC4 code or gemeente/place name."""
    value = text.strip()
    if re.fullmatch(r"[1-9][0-9]{3}", value):
        return value if value in load_pc4_table() else None
    return value if value and normalise(value) in _places() else None


def locate_fallback(
    candidate: Candidate,
    *,
    geocoder: Geocoder | None,
    address_query: str,
    postcode: str,
    place: str,
) -> bool:
    """Place a record that has no coordinates of its own; returns whether it is placed.

    In order: the opt-in geocoder (when there is an address to look up), the record's
    Dutch postcode (left to the catalogue, which places it at its PC4 centroid: the record
    keeps what the source says, so an export and re-import changes nothing), the centroid
    of the place or gemeente. Each step sets ``geo_precision`` and says so in a warning;
    the caller says what a record that stays unplaced means for its source.
    """
    record, warn = candidate.record, candidate.warnings.append
    if geocoder is not None and address_query:
        found = geocoder(address_query)
        if found is not None:
            record["lat"], record["lon"] = found
            candidate.geo_precision = "geocoder"
            warn("location from the geocoder (precision: geocoder)")
            return True
        warn("geocoder found no location for the address")
    if postcode and locate_postcode(postcode) is not None:
        candidate.geo_precision = "pc4"
        return True
    located = locate_place(place) if place else None
    if located is None:
        return False
    record["lat"], record["lon"] = located
    candidate.geo_precision = "place"
    warn(f"placed at the centroid of {place[:30]!r} (precision: place)")
    return True
