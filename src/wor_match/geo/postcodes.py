"""Dutch postcodes to coordinates, offline.

The shipped table ``wor_match/data/nl_pc4.csv`` holds the centroid of every 4-digit postcode
(PC4) with its place and gemeente, derived from GeoNames postal data (CC BY 4.0, credit
"GeoNames", https://www.geonames.org) by ``scripts/build_pc4_table.py``. A 6-character
postcode (PC6, "2181 AB") resolves to the centroid of its PC4: that is the precision
recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._errors import UnknownPostcodeError
from wor_match.geo.distance import haversine_km
from wor_match.geo.grid import GeoGrid

__all__ = ["Pc4Table", "load_pc4_table", "normalise_postcode", "resolve_postcode"]

_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


def normalise_postcode(text: str) -> str:
    """The PC4 part of a Dutch postcode ("2181 ab" -> "2181").

    Raises
    ------
    ValueError
        If the text is not a PC4 ("2181") or PC6 ("2181 AB", "2181AB") postcode.
    """
    match = _POSTCODE.match(text)
    if match is None:
        raise ValueError("a Dutch postcode is 4 digits, optionally followed by 2 letters")
    return match.group(1)


@dataclass(frozen=True, eq=False)
class Pc4Table:
    """The PC4 centroid table, indexed by postcode."""

    frame: pd.DataFrame
    _index: dict[str, int] = field(repr=False)

    @property
    def lat(self) -> npt.NDArray[np.float64]:
        return self.frame["lat"].to_numpy(dtype=np.float64)

    @property
    def lon(self) -> npt.NDArray[np.float64]:
        return self.frame["lon"].to_numpy(dtype=np.float64)

    def __contains__(self, pc4: object) -> bool:
        return pc4 in self._index

    def nearest(self, lat: float, lon: float, *, max_km: float = 5.0) -> str | None:
        """The PC4 whose centroid is closest to a point (None beyond ``max_km``): an
        approximation of the postcode area the point lies in, for coverage rules."""
        near = self._grid.within(lat, lon, max_km)
        if len(near) == 0:
            return None
        distance = haversine_km(lat, lon, self.lat[near], self.lon[near])
        return str(self.frame["pc4"].iat[int(near[np.argmin(distance)])])

    def gemeente(self, pc4: str) -> str | None:
        """The gemeente of a PC4 (None when the table does not know it)."""
        position = self._index.get(pc4)
        if position is None:
            return None
        value = self.frame["gemeente"].iat[position]
        return str(value) if isinstance(value, str) and value else None

    @cached_property
    def _grid(self) -> GeoGrid:
        return GeoGrid(self.lat, self.lon, cell_km=5.0)

    def row(self, pc4: str) -> pd.Series:
        """The table row of a PC4 code (raises UnknownPostcodeError)."""
        try:
            return self.frame.iloc[self._index[pc4]]
        except KeyError:
            raise UnknownPostcodeError(
                "postcode is not in the offline PC4 table (GeoNames); give lat and lon instead"
            ) from None


@cache
def load_pc4_table() -> Pc4Table:
    """Load the shipped PC4 table once (about 4,000 rows)."""
    with resources.files("wor_match.data").joinpath("nl_pc4.csv").open("rb") as handle:
        frame = pd.read_csv(handle, dtype={"pc4": str, "gemeente": str, "place": str})
    frame = frame.sort_values("pc4", kind="stable").reset_index(drop=True)
    index = {code: i for i, code in enumerate(frame["pc4"])}
    return Pc4Table(frame=frame, _index=index)


def resolve_postcode(text: str) -> tuple[float, float]:
    """Centroid (lat, lon) of a Dutch PC4 or PC6 postcode, offline.

    Raises
    ------
    ValueError
        If the text is not shaped like a Dutch postcode.
    UnknownPostcodeError
        If the PC4 is not in the table.

    Examples
    --------
    >>> lat, lon = resolve_postcode("2181 AB")
    >>> 52.2 < lat < 52.4 and 4.5 < lon < 4.6
    True
    """
    pc4 = normalise_postcode(text)
    row = load_pc4_table().row(pc4)
    return float(row["lat"]), float(row["lon"])
