"""Matching requests as (client, activity) pairs, with what is computed once for them.

A :class:`MatchContext` holds pairs: ``rows`` (catalogue rows) and ``client`` (positions in a
:class:`ClientTable` of validated profiles), grouped by client in the order the clients were
given. One :func:`wor_match.recommend` call is a context with one client; a batch
(:func:`wor_match.recommend_many`, :func:`~wor_match.features.pairs.pair_table`) is one
context with many, so filters and features run as one vectorised pass over every pair
instead of one pass per client.

Per pair the context computes, once: distances and travel times, and the clients' phrases
matched to themes and to the catalogue's words. Filters and features read from it; nothing
in it depends on rankers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from wor_match._vocab import DELIVERIES, KINDS, Language
from wor_match.catalogue import Catalogue
from wor_match.geo.distance import haversine_km
from wor_match.geo.travel import TRAVEL_MODES, max_radius_km, minutes_at
from wor_match.models.profile import ClientProfile

__all__ = ["ClientTable", "Language", "MatchContext", "candidate_pairs", "candidate_rows"]

T = TypeVar("T")
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
_ON_SITE = DELIVERIES.index("on_site")
_AT_HOME = DELIVERIES.index("at_home")


def _mask(values: Iterable[str], vocabulary: Sequence[str]) -> int:
    return sum(1 << vocabulary.index(value) for value in set(values))


class ClientTable:
    """Validated profiles, and the per-client columns filters and features read.

    Columns are numpy arrays with one entry per client, computed on first use and kept;
    features derive their own with :meth:`column`.
    """

    def __init__(self, profiles: Iterable[ClientProfile]) -> None:
        self.profiles: tuple[ClientProfile, ...] = tuple(profiles)
        self._columns: dict[str, npt.NDArray[Any]] = {}

    def __len__(self) -> int:
        return len(self.profiles)

    def column(
        self, key: str, compute: Callable[[ClientProfile], Any], dtype: Any = np.float64
    ) -> npt.NDArray[Any]:
        """``compute(profile)`` for every client, as an array (cached under ``key``)."""
        if key not in self._columns:
            values = [compute(profile) for profile in self.profiles]
            self._columns[key] = np.array(values, dtype=dtype).reshape(len(self.profiles), -1)
            if self._columns[key].shape[1] == 1:
                self._columns[key] = self._columns[key][:, 0]
        return self._columns[key]

    @cached_property
    def lat(self) -> FloatArray:
        return self.column("lat", lambda p: p.home.lat)

    @cached_property
    def lon(self) -> FloatArray:
        return self.column("lon", lambda p: p.home.lon)

    @cached_property
    def max_minutes(self) -> FloatArray:
        """The travel limit in minutes (the mode's default when none was given)."""
        return self.column("max_minutes", lambda p: p.mobility.minutes)

    @cached_property
    def speed_kmh(self) -> FloatArray:
        return self.column("speed_kmh", lambda p: TRAVEL_MODES[p.mobility.mode].speed_kmh)

    @cached_property
    def overhead_minutes(self) -> FloatArray:
        return self.column(
            "overhead_minutes", lambda p: TRAVEL_MODES[p.mobility.mode].overhead_minutes
        )

    @cached_property
    def housebound(self) -> npt.NDArray[np.bool_]:
        return self.column("housebound", lambda p: p.mobility.mode == "housebound", bool)

    @cached_property
    def wheelchair(self) -> npt.NDArray[np.bool_]:
        return self.column("wheelchair", lambda p: p.mobility.wheelchair, bool)

    @cached_property
    def availability(self) -> npt.NDArray[np.int64]:
        """Available slots as a bit mask; 0 means any time."""
        return self.column("availability", lambda p: p.availability_mask, np.int64)

    @cached_property
    def kinds(self) -> npt.NDArray[np.int64]:
        """Bit ``KINDS.index(kind)`` set for every kind the client is open to."""
        return self.column("kinds", lambda p: _mask(p.open_to, KINDS), np.int64)

    @cached_property
    def deliveries(self) -> npt.NDArray[np.int64]:
        """Bit ``DELIVERIES.index(delivery)`` set for every delivery the client accepts."""
        return self.column("deliveries", lambda p: _mask(p.open_to_delivery, DELIVERIES), np.int64)

    @cached_property
    def age(self) -> FloatArray:
        """Age in years; NaN when not given."""
        return self.column("age", lambda p: np.nan if p.age is None else p.age)

    @cached_property
    def budget(self) -> FloatArray:
        """Most EUR a month; NaN when not given (no limit)."""
        return self.column(
            "budget", lambda p: np.nan if p.max_cost_per_month is None else p.max_cost_per_month
        )

    def areas(self, client: int) -> list[str]:
        """The client's home PC4 and gemeente (for coverage rules), where known."""
        home = self.profiles[client].home
        return [area for area in (home.pc4, home.gemeente) if area]


def candidate_pairs(
    clients: ClientTable, catalogue: Catalogue
) -> tuple[list[IntArray], list[FloatArray]]:
    """Candidate rows per client, from three candidate sets, each only if the client is
    open to that delivery: on-site offers within the travel limit (spatial index), at-home
    offers whose coverage includes the client's home (or that have none), and online
    offers. The hard filters then apply every rule exactly, so this equals a brute-force
    scan. Returns the sorted rows of each client and their straight-line distances in km
    (NaN where distance does not apply: at home, online)."""
    n = len(clients)
    on_site = [bool(clients.deliveries[c] >> _ON_SITE & 1) for c in range(n)]
    radii = np.array(
        [
            max_radius_km(p.mobility.minutes, p.mobility.mode) if on_site[c] else 0.0
            for c, p in enumerate(clients.profiles)
        ],
        dtype=np.float64,
    )
    nearby = catalogue.within_km_many(clients.lat, clients.lon, radii)
    rows, distances = [], []
    for c in range(n):
        on_site_rows, on_site_km = nearby[c]
        parts, km = [on_site_rows], [on_site_km]
        accepts = int(clients.deliveries[c])
        if accepts >> _AT_HOME & 1:
            parts.append(catalogue.at_home_for(clients.areas(c)))
            km.append(np.full(len(parts[-1]), np.nan))
        if accepts >> DELIVERIES.index("online") & 1:
            parts.append(catalogue.online)
            km.append(np.full(len(parts[-1]), np.nan))
        # the sets are disjoint (by delivery) and each sorted: a stable sort merges them
        merged = np.concatenate(parts)
        order = np.argsort(merged, kind="stable")
        rows.append(merged[order].astype(np.intp, copy=False))
        distances.append(np.concatenate(km)[order])
    return rows, distances


def candidate_rows(profile: ClientProfile, catalogue: Catalogue) -> IntArray:
    """The candidate rows of one client (see :func:`candidate_pairs`)."""
    return candidate_pairs(ClientTable([profile]), catalogue)[0][0]


@dataclass(frozen=True, eq=False)
class MatchContext:
    """Requests as (client, activity) pairs: ``rows[i]`` is a catalogue row and
    ``client[i]`` its client's position in ``clients``. Pairs are grouped by client, in
    client order."""

    clients: ClientTable
    catalogue: Catalogue
    rows: IntArray
    client: IntArray
    today: dt.date = field(default_factory=dt.date.today)

    @classmethod
    def build(
        cls,
        profile: ClientProfile,
        catalogue: Catalogue,
        *,
        rows: IntArray | None = None,
        today: dt.date | None = None,
    ) -> MatchContext:
        """One client's context over ``rows`` (default: its candidate rows)."""
        given = None if rows is None else [rows]
        return cls.build_many([profile], catalogue, rows=given, today=today)

    @classmethod
    def build_many(
        cls,
        profiles: Sequence[ClientProfile] | ClientTable,
        catalogue: Catalogue,
        *,
        rows: Sequence[npt.ArrayLike | None] | None = None,
        today: dt.date | None = None,
    ) -> MatchContext:
        """A context for many clients, each over its own ``rows`` (None, or no ``rows`` at
        all: the client's candidate rows)."""
        clients = profiles if isinstance(profiles, ClientTable) else ClientTable(profiles)
        if rows is not None and len(rows) != len(clients):
            raise ValueError("rows must give one array of catalogue rows (or None) per client")
        given = [None] * len(clients) if rows is None else list(rows)
        candidates: list[IntArray] = []
        distances: list[FloatArray] = []
        if any(r is None for r in given):
            candidates, distances = candidate_pairs(clients, catalogue)
        per_client = [
            candidates[c] if r is None else np.asarray(r, dtype=np.intp).reshape(-1)
            for c, r in enumerate(given)
        ]
        sizes = [len(r) for r in per_client]
        flat = np.concatenate(per_client) if per_client else np.empty(0, dtype=np.intp)
        owner = np.repeat(np.arange(len(clients), dtype=np.intp), sizes)
        flat = flat.astype(np.intp, copy=False)
        ctx = cls(clients, catalogue, flat, owner, today or dt.date.today())
        if rows is None and distances:
            # the spatial index measured them already (the same haversine, same inputs)
            ctx._per_pair["distance_km"] = np.concatenate(distances)
        return ctx

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def profile(self) -> ClientProfile:
        """The client of a single-client context."""
        if len(self.clients) != 1:
            raise ValueError("this context holds several clients; use profile_at(position)")
        return self.clients.profiles[0]

    def profile_at(self, position: int) -> ClientProfile:
        """The client of the pair at ``position``."""
        return self.clients.profiles[int(self.client[position])]

    @property
    def single(self) -> bool:
        """True when every pair belongs to one client (the common, fastest case)."""
        return len(self.clients) == 1

    def per_pair(self, values: npt.NDArray[Any]) -> npt.NDArray[Any]:
        """A per-client column for the pairs: one entry per pair, or, for a single client,
        its one entry as a length-1 view that broadcasts against per-pair arrays (no copy)."""
        if self.single:
            return values[:1]
        # pairs are grouped by client: repeating is a fill, cheaper than a gather
        return np.repeat(values, self._sizes, axis=0)

    @cached_property
    def _sizes(self) -> npt.NDArray[np.intp]:
        return np.diff(self.segments())

    def segments(self) -> npt.NDArray[np.intp]:
        """Pair positions where each client's pairs start, plus the end: client c owns
        ``[bounds[c], bounds[c + 1])``."""
        if "_bounds" not in self.__dict__:
            if np.any(np.diff(self.client) < 0):
                raise ValueError("the pairs of a context must be grouped by client, in order")
            self.__dict__["_bounds"] = np.searchsorted(
                self.client, np.arange(len(self.clients) + 1)
            ).astype(np.intp)
        bounds: npt.NDArray[np.intp] = self.__dict__["_bounds"]
        return bounds

    def subset(self, positions: IntArray) -> MatchContext:
        """The same requests over a subset of the pairs (positions that keep the pairs
        grouped by client, e.g. increasing), keeping what was computed: the per-client
        cache is shared, every per-pair value is cut to the subset's pairs."""
        child = MatchContext(
            self.clients, self.catalogue, self.rows[positions], self.client[positions], self.today
        )
        child.__dict__["_per_client"] = self._per_client
        child.__dict__["_per_pair"] = {
            key: _take(value, positions) for key, value in self._per_pair.items()
        }
        return child

    @property
    def _per_client(self) -> dict[str, Any]:
        cache: dict[str, Any] = self.__dict__.setdefault("_per_client", {})
        return cache

    @property
    def _per_pair(self) -> dict[str, Any]:
        cache: dict[str, Any] = self.__dict__.setdefault("_per_pair", {})
        return cache

    def cached_per_client(self, key: str, compute: Callable[[MatchContext], T]) -> T:
        """``compute(self)``, computed once and kept under ``key``: a value that depends only
        on the clients and the catalogue (matched phrases, language bits), shared with every
        :meth:`subset` of this context. Features use it for their own per-client values."""
        cache = self._per_client
        if key not in cache:
            cache[key] = compute(self)
        value: T = cache[key]
        return value

    def cached_per_pair(self, key: str, compute: Callable[[MatchContext], T]) -> T:
        """``compute(self)``, computed once and kept under ``key``: an array whose first axis
        is the pairs, or a tuple of such arrays; a :meth:`subset` keeps its pairs' part."""
        cache = self._per_pair
        if key not in cache:
            cache[key] = compute(self)
        value: T = cache[key]
        return value

    @property
    def distance_km(self) -> FloatArray:
        """Straight-line km for on-site pairs with coordinates; NaN where distance does not
        apply (at home, online) or is unknown."""
        return self.cached_per_pair("distance_km", _distance_km)

    @property
    def travel_minutes(self) -> FloatArray:
        """Estimated one-way minutes by the client's mode (NaN where distance is NaN)."""
        return self.cached_per_pair("travel_minutes", _travel_minutes)

    @property
    def client_languages(self) -> npt.NDArray[np.int64]:
        """Per client, the catalogue's language bits of the languages the client speaks."""
        return self.cached_per_client("client_languages", _client_languages)


def _take(value: Any, positions: IntArray) -> Any:
    if isinstance(value, tuple):
        return tuple(part[positions] for part in value)
    return value[positions]


def _distance_km(ctx: MatchContext) -> FloatArray:
    cat, rows, clients = ctx.catalogue, ctx.rows, ctx.clients
    if ctx.single:
        lat, lon = float(clients.lat[0]), float(clients.lon[0])
        distance = haversine_km(lat, lon, cat.lat[rows], cat.lon[rows])
    else:
        client = ctx.client
        distance = haversine_km(
            clients.lat[client], clients.lon[client], cat.lat[rows], cat.lon[rows]
        )
    distance[cat.delivery[rows] != _ON_SITE] = np.nan
    return distance


def _travel_minutes(ctx: MatchContext) -> FloatArray:
    clients = ctx.clients
    if ctx.single:
        return minutes_at(ctx.distance_km, clients.speed_kmh[0], clients.overhead_minutes[0])
    return minutes_at(
        ctx.distance_km, clients.speed_kmh[ctx.client], clients.overhead_minutes[ctx.client]
    )


def _client_languages(ctx: MatchContext) -> npt.NDArray[np.int64]:
    bits = ctx.catalogue.language_bits
    return ctx.clients.column(
        f"languages@{id(bits)}",
        lambda p: sum({1 << bits[code] for code in p.languages if code in bits}),
        np.int64,
    )
