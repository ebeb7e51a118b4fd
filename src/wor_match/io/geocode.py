"""Opt-in address geocoding for importers: a geopy geocoder behind a cache and a rate limit.

wor_match works offline by default: importers place rows by their coordinates, Dutch
postcode (PC4 centroid) or place. Only when you pass a geocoder do they look addresses up,
for rows with an address but no coordinates; such rows get ``geo_precision`` ``geocoder``.
Only catalogue addresses are ever sent, never anything from a client profile.

>>> from geopy.geocoders import Nominatim                      # doctest: +SKIP
>>> geocoder = CachedGeocoder(Nominatim(user_agent="my-wijkteam"),
...                           cache_path="geocode-cache.json")  # doctest: +SKIP
>>> read_sheet("sociale_kaart.xlsx", geocoder=geocoder)         # doctest: +SKIP

Nominatim's usage policy asks for at most one request per second and a real user agent;
``min_delay_seconds=1.0`` (the default) keeps to it through geopy's ``RateLimiter``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import Any

from wor_match.text import normalise

__all__ = ["CachedGeocoder", "Geocoder"]

#: What importers accept as a geocoder: a query string to (lat, lon), or None if not found.
Geocoder = Callable[[str], "tuple[float, float] | None"]


class CachedGeocoder:
    """Wrap a geopy geocoder: results cached on disk, calls spaced by geopy's RateLimiter.

    Parameters
    ----------
    geocoder : object
        A geopy geocoder (``Nominatim(user_agent=...)`` or any object with a
        ``geocode(query, **kwargs)`` method returning something with ``latitude`` and
        ``longitude``, or None).
    cache_path : path-like, optional
        JSON file of earlier answers (misses included, so a bad address is asked once).
        Without it the cache lives in memory only.
    min_delay_seconds : float
        Minimum time between two calls to the service.
    country_codes : str
        Passed to geocoders that accept it (Nominatim does): results limited to NL.

    Raises
    ------
    ValueError
        If ``min_delay_seconds`` is negative.
    """

    def __init__(
        self,
        geocoder: Any,
        *,
        cache_path: str | PathLike[str] | None = None,
        min_delay_seconds: float = 1.0,
        country_codes: str = "nl",
    ) -> None:
        if min_delay_seconds < 0:
            raise ValueError(
                "The 'min_delay_seconds' parameter of CachedGeocoder must be >= 0. "
                f"Got {min_delay_seconds} instead."
            )
        from geopy.extra.rate_limiter import RateLimiter

        self.geocoder = geocoder
        self.cache_path = Path(cache_path) if cache_path is not None else None
        self.country_codes = country_codes
        self._limited = RateLimiter(
            geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=2,
            swallow_exceptions=True,
            return_value_on_exception=None,
        )
        self.cache: dict[str, list[float] | None] = {}
        if self.cache_path is not None and self.cache_path.is_file():
            loaded = json.loads(self.cache_path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.cache = loaded
        self.calls = 0

    def __call__(self, query: str) -> tuple[float, float] | None:
        key = normalise(query)
        if not key:
            return None
        if key not in self.cache:
            self.calls += 1
            kwargs = {"country_codes": self.country_codes} if self._accepts_country() else {}
            location = self._limited(query, **kwargs)
            self.cache[key] = (
                None if location is None else [float(location.latitude), float(location.longitude)]
            )
            self._save()
        hit = self.cache[key]
        return None if hit is None else (hit[0], hit[1])

    def _accepts_country(self) -> bool:
        import inspect

        try:
            return "country_codes" in inspect.signature(self.geocoder.geocode).parameters
        except (TypeError, ValueError):
            return False

    def _save(self) -> None:
        if self.cache_path is None:
            return
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        # write then rename: an interrupted run never leaves a half-written cache
        handle, temporary = tempfile.mkstemp(dir=self.cache_path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(self.cache, out, ensure_ascii=False, indent=0, sort_keys=True)
        os.replace(temporary, self.cache_path)
