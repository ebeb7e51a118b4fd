"""Offline geography: Dutch postcodes, distances and travel time."""

from wor_match.geo.distance import EARTH_RADIUS_KM, haversine_km
from wor_match.geo.postcodes import Pc4Table, load_pc4_table, normalise_postcode, resolve_postcode
from wor_match.geo.travel import TRAVEL_MODES, TravelMode, max_radius_km, travel_minutes

__all__ = [
    "EARTH_RADIUS_KM",
    "Pc4Table",
    "TRAVEL_MODES",
    "TravelMode",
    "haversine_km",
    "load_pc4_table",
    "max_radius_km",
    "normalise_postcode",
    "resolve_postcode",
    "travel_minutes",
]
