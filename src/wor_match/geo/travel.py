"""Travel time by mode: straight-line distance, a detour factor, speed and overhead.

travel_minutes = overhead + (distance_km x detour) / speed_kmh x 60

Speeds follow DOMAIN.md (walking 4-5 km/h, wheelchair 3-4, mobility scooter 10-12,
bicycle 15, e-bike 20); public transport and car carry an overhead for waiting, walking to
the stop and parking. Real routes are longer than straight lines: a detour factor of 1.3 is
common in the literature on network versus Euclidean distance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from wor_match._vocab import Mode

__all__ = [
    "DETOUR_FACTOR",
    "TRAVEL_MODES",
    "TravelMode",
    "max_radius_km",
    "minutes_at",
    "travel_minutes",
]

#: Ratio of route length to straight-line distance.
DETOUR_FACTOR = 1.3


@dataclass(frozen=True)
class TravelMode:
    """Speed and fixed overhead of one way of getting around."""

    speed_kmh: float
    overhead_minutes: float
    default_max_minutes: int
    label_nl: str
    label_en: str


TRAVEL_MODES: dict[Mode, TravelMode] = {
    "walking": TravelMode(4.5, 0.0, 20, "lopen", "walking"),
    "wheelchair": TravelMode(3.5, 0.0, 20, "met de rolstoel", "by wheelchair"),
    "mobility_scooter": TravelMode(11.0, 0.0, 25, "met de scootmobiel", "by mobility scooter"),
    "bicycle": TravelMode(15.0, 0.0, 25, "fietsen", "by bike"),
    "e_bike": TravelMode(20.0, 0.0, 25, "met de e-bike", "by e-bike"),
    # door-to-door average including a change; overhead: walk to the stop and wait
    "public_transport": TravelMode(25.0, 12.0, 45, "met het ov", "by public transport"),
    # urban average; overhead: walk to the car, park
    "car": TravelMode(35.0, 5.0, 30, "met de auto", "by car"),
    # housebound clients do not travel: on-site offers are filtered out
    "housebound": TravelMode(0.0, 0.0, 0, "niet (aan huis gebonden)", "not (housebound)"),
}


def travel_minutes(distance_km: npt.ArrayLike, mode: Mode) -> npt.NDArray[np.float64]:
    """Estimated door-to-door minutes for straight-line distances in km.

    Examples
    --------
    >>> float(travel_minutes([1.0], "walking")[0])  # 1.3 km at 4.5 km/h
    17.333333333333336
    """
    params = TRAVEL_MODES[mode]
    return minutes_at(distance_km, params.speed_kmh, params.overhead_minutes)


def minutes_at(
    distance_km: npt.ArrayLike, speed_kmh: npt.ArrayLike, overhead_minutes: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """:func:`travel_minutes` with speed and overhead given per distance (broadcast), for
    many clients at once. A speed of 0 (housebound) gives infinity; NaN distance stays NaN.

    Examples
    --------
    >>> minutes_at([1.0, 1.0, np.nan], [4.5, 0.0, 4.5], 0.0).round(2).tolist()
    [17.33, inf, nan]
    """
    distance = np.asarray(distance_km, dtype=np.float64)
    speed = np.asarray(speed_kmh, dtype=np.float64)
    overhead = np.asarray(overhead_minutes, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        result: npt.NDArray[np.float64] = overhead + distance * DETOUR_FACTOR / speed * 60.0
    # no travel possible without speed; NaN (distance does not apply) stays NaN
    return np.where(speed == 0, np.where(np.isnan(distance), np.nan, np.inf), result)


def max_radius_km(max_minutes: float, mode: Mode) -> float:
    """Largest straight-line distance reachable within ``max_minutes`` (the inverse)."""
    params = TRAVEL_MODES[mode]
    if params.speed_kmh == 0 or max_minutes <= params.overhead_minutes:
        return 0.0
    return (max_minutes - params.overhead_minutes) / 60.0 * params.speed_kmh / DETOUR_FACTOR
