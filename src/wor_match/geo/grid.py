"""An equal-angle grid over points for "everything within r km" queries, exact.

Points are sorted by the grid cell (latitude band x longitude band) they fall in; a query
takes the cells that the bounding box of its spherical cap touches and tests the points
there with the haversine distance. Results equal a brute-force scan (a Hypothesis property
checks it). For this workload (tens of thousands to millions of offers, radii of one to
tens of km) it beats a BallTree: building is one sort, a query touches a handful of
contiguous slices, and scikit-learn is not imported at all.

Bounding box of a cap of angular radius rho around (phi, lambda) (Matuschek, "Finding
points within a distance of a latitude/longitude using bounding coordinates", 2011):
latitudes phi +- rho, longitudes lambda +- asin(sin rho / cos phi); when the cap reaches
a pole, every longitude.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from wor_match.geo.distance import EARTH_RADIUS_KM, haversine_km

__all__ = ["GeoGrid"]

IntArray = npt.NDArray[np.intp]
_KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180.0
#: Relative and absolute slack on the radius: haversine rounding near the boundary must
#: never drop a point (callers apply their exact rule afterwards).
_SLACK = 1e-9
#: Cells never outnumber points by more than this (keeps the index small for sparse data).
_MAX_CELLS_PER_POINT = 4


class GeoGrid:
    """Grid index over points given in decimal degrees (no NaN).

    Parameters
    ----------
    lat, lon : array-like
        The points.
    cell_km : float, default 2.0
        Side of a cell in km (north-south; east-west at the points' mean latitude).

    Examples
    --------
    >>> grid = GeoGrid([52.0, 52.01, 53.0], [4.0, 4.0, 4.0])
    >>> grid.within(52.0, 4.0, 2.0).tolist()  # 0 km and 1.1 km away; 111 km is not
    [0, 1]
    """

    def __init__(self, lat: npt.ArrayLike, lon: npt.ArrayLike, *, cell_km: float = 2.0) -> None:
        self.lat = np.asarray(lat, dtype=np.float64)
        self.lon = np.asarray(lon, dtype=np.float64)
        n = len(self.lat)
        mean_lat = float(np.mean(self.lat)) if n else 0.0
        self.dlat = cell_km / _KM_PER_DEGREE
        self.dlon = self.dlat / max(math.cos(math.radians(mean_lat)), 0.01)
        if n:
            spread = (np.ptp(self.lat) / self.dlat + 1) * (np.ptp(self.lon) / self.dlon + 1)
            if spread > _MAX_CELLS_PER_POINT * n:  # sparse points: coarser cells
                scale = math.sqrt(spread / (_MAX_CELLS_PER_POINT * n))
                self.dlat *= scale
                self.dlon *= scale
        self.lat0 = float(self.lat.min()) if n else 0.0
        self.lon0 = float(self.lon.min()) if n else 0.0
        rows = self._band(self.lat, self.lat0, self.dlat)
        cols = self._band(self.lon, self.lon0, self.dlon)
        self.n_cols = int(cols.max()) + 1 if n else 1
        self.n_rows = int(rows.max()) + 1 if n else 1
        cell = rows * self.n_cols + cols
        #: point positions sorted by cell (stable: by position within a cell)
        self.order: IntArray = np.argsort(cell, kind="stable").astype(np.intp)
        sorted_cells = cell[self.order]
        #: the occupied cells, sorted, and where each one's points start in ``order``
        self.cells, self.starts = np.unique(sorted_cells, return_index=True)
        self.starts = np.append(self.starts, n).astype(np.intp)

    @staticmethod
    def _band(values: npt.NDArray[np.float64], origin: float, size: float) -> npt.NDArray[np.int64]:
        return np.floor((values - origin) / size).astype(np.int64)

    def __len__(self) -> int:
        return len(self.lat)

    def within(self, lat: float, lon: float, radius_km: float) -> IntArray:
        """Sorted positions of the points within ``radius_km`` (great circle) of a point."""
        return self.within_distance(lat, lon, radius_km)[0]

    def within_distance(
        self, lat: float, lon: float, radius_km: float
    ) -> tuple[IntArray, npt.NDArray[np.float64]]:
        """:meth:`within`, and the haversine distance (km) of each point found."""
        none = np.empty(0, dtype=np.intp), np.empty(0, dtype=np.float64)
        if len(self) == 0 or not radius_km > 0:
            return none
        radius = radius_km * (1 + _SLACK) + _SLACK
        rho = radius / EARTH_RADIUS_KM
        half_lat = math.degrees(rho)
        low_lat, high_lat = lat - half_lat, lat + half_lat
        if high_lat >= 90.0 or low_lat <= -90.0 or rho >= math.pi / 2:
            low_lon, high_lon = -math.inf, math.inf  # the cap holds a pole
        else:
            ratio = math.sin(rho) / math.cos(math.radians(lat))
            half_lon = 180.0 if ratio >= 1.0 else math.degrees(math.asin(ratio)) * (1 + _SLACK)
            low_lon, high_lon = lon - half_lon, lon + half_lon
            if low_lon < -180.0 or high_lon > 180.0:  # wraps the antimeridian
                low_lon, high_lon = -math.inf, math.inf
        first_row = max(self._index(low_lat, self.lat0, self.dlat), 0)
        last_row = min(self._index(high_lat, self.lat0, self.dlat), self.n_rows - 1)
        first_col = max(self._index(low_lon, self.lon0, self.dlon), 0)
        last_col = min(self._index(high_lon, self.lon0, self.dlon), self.n_cols - 1)
        if first_row > last_row or first_col > last_col:
            return none
        bands = np.arange(first_row, last_row + 1, dtype=np.int64) * self.n_cols
        begin = np.searchsorted(self.cells, bands + first_col, side="left")
        end = np.searchsorted(self.cells, bands + last_col, side="right")
        pieces = [
            self.order[self.starts[b] : self.starts[e]]
            for b, e in zip(begin.tolist(), end.tolist(), strict=True)
            if e > b
        ]
        if not pieces:
            return none
        candidates = np.concatenate(pieces)
        distance = haversine_km(lat, lon, self.lat[candidates], self.lon[candidates])
        inside = distance <= radius
        candidates, distance = candidates[inside], distance[inside]
        order = np.argsort(candidates)
        return candidates[order], distance[order]

    @staticmethod
    def _index(value: float, origin: float, size: float) -> int:
        if value == -math.inf:
            return -(2**62)
        if value == math.inf:
            return 2**62
        return math.floor((value - origin) / size)
