"""The opt-in geocoder: cached on disk, rate limited, tested with a fake (never the network)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from wor_match.io import read_hsds, read_sheet
from wor_match.io.geocode import CachedGeocoder

from .conftest import FIXTURES


class FakeNominatim:
    """Answers like geopy's Nominatim.geocode for known addresses; counts the calls."""

    def __init__(self, known: dict[str, tuple[float, float]]) -> None:
        self.known = known
        self.queries: list[tuple[str, dict[str, Any]]] = []

    def geocode(self, query: str, country_codes: str | None = None) -> Any:
        self.queries.append((query, {"country_codes": country_codes}))
        for needle, (lat, lon) in self.known.items():
            if needle in query:
                return SimpleNamespace(latitude=lat, longitude=lon)
        return None


def test_cache_on_disk_and_misses(tmp_path: Path) -> None:
    fake = FakeNominatim({"Dorpsstraat 5": (52.29, 4.58)})
    cache = tmp_path / "cache" / "geo.json"
    geocoder = CachedGeocoder(fake, cache_path=cache, min_delay_seconds=0)
    assert geocoder("Dorpsstraat 5, Hillegom") == (52.29, 4.58)
    assert geocoder("dorpsstraat 5 hillegom") == (52.29, 4.58)  # same key once normalised
    assert geocoder("Nergensweg 1") is None
    assert geocoder("Nergensweg 1") is None
    assert geocoder.calls == 2
    assert fake.queries[0] == ("Dorpsstraat 5, Hillegom", {"country_codes": "nl"})
    assert json.loads(cache.read_text(encoding="utf-8")) == {
        "dorpsstraat 5 hillegom": [52.29, 4.58],
        "nergensweg 1": None,
    }
    # a new geocoder over the same cache asks the service nothing
    again = CachedGeocoder(FakeNominatim({}), cache_path=cache, min_delay_seconds=0)
    assert again("Dorpsstraat 5, Hillegom") == (52.29, 4.58)
    assert again.calls == 0


def test_errors_of_the_service_are_a_miss(tmp_path: Path) -> None:
    from geopy.exc import GeocoderTimedOut

    class Broken:
        def geocode(self, query: str) -> Any:
            raise GeocoderTimedOut("service down")

    geocoder = CachedGeocoder(Broken(), min_delay_seconds=0)
    geocoder._limited.error_wait_seconds = 0
    assert geocoder("Dorpsstraat 5") is None


def test_negative_delay() -> None:
    with pytest.raises(ValueError, match=r"The 'min_delay_seconds' parameter of CachedGeocoder"):
        CachedGeocoder(FakeNominatim({}), min_delay_seconds=-1)


def test_read_sheet_uses_the_geocoder_for_addresses() -> None:
    fake = FakeNominatim({"Hoofdstraat 1": (52.2921, 4.5832)})
    result = read_sheet(
        FIXTURES / "sociale_kaart_messy.csv",
        geocoder=CachedGeocoder(fake, min_delay_seconds=0),
    )
    first = result.report.iloc[0]
    assert first["geo_precision"] == "geocoder"
    assert "location from the geocoder (precision: geocoder)" in first["warnings"]
    assert (result.records[0]["lat"], result.records[0]["lon"]) == (52.2921, 4.5832)
    assert fake.queries[0][0] == "Hoofdstraat 1, 2181 EA, Hillegom, Nederland"
    # Dorpsstraat 5 is unknown to the fake: the row falls back to its postcode
    second = result.report.iloc[1]
    assert second["geo_precision"] == "pc4"
    assert "geocoder found no location for the address" in second["warnings"]


def test_read_hsds_uses_the_geocoder(tmp_path: Path) -> None:
    fake = FakeNominatim({"Parklaan 2": (52.3, 4.57)})
    result = read_hsds(
        FIXTURES / "hsds3_mixed.json", geocoder=CachedGeocoder(fake, min_delay_seconds=0)
    )
    loc2 = result.report[result.report["activity_id"] == "a-1@loc-2"].iloc[0]
    assert loc2["geo_precision"] == "geocoder"
    assert [q for q, _ in fake.queries] == [
        "Parklaan 2, 2182, Hillegom, NL",
        "1 Main St, 2181, Springfield, US",
    ]


def test_without_a_geocoder_nothing_is_looked_up() -> None:
    result = read_sheet(FIXTURES / "sociale_kaart_messy.csv")
    assert "geocoder" not in set(result.report["geo_precision"])
