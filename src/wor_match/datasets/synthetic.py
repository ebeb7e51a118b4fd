"""Synthetic catalogues on real Dutch PC4 centroids, for benchmarks and experiments.

Generated activities are fictional. The generator is vectorised (numpy), seeded, and
writes the catalogue CSV form, so ``Catalogue.from_frame`` validates it like any other
input. Generative model:

- location: a PC4 centroid drawn uniformly from the shipped table (the national catalogue)
  or from ``pc4_prefixes``, plus uniform jitter of up to ~0.005 degrees;
- delivery: on_site 85%, at_home 10%, online 5% (at-home and online have no coordinates);
- kind: activity 60%, volunteering 25%, buddy 8%, meals 7%;
- theme: one taxonomy theme uniformly, naming the activity ("<theme> groep") and giving
  its category; 30% get a second theme as a tag;
- schedule: 0 to 3 weekly slots uniformly (0 = flexible);
- cost: free 55%, else EUR 1-30 a month; unknown 5%;
- social setting uniform over the four settings; wheelchair access true 60%, false 20%,
  unknown 20%; capacity 0 (full) 5%; status active 93%; 20% have an age range;
- last_verified uniform over the three years before ``today``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from wor_match._vocab import DAYS, DELIVERIES, KINDS, PARTS, SETTINGS, STATUSES
from wor_match.geo.postcodes import load_pc4_table
from wor_match.taxonomy import load_taxonomy

__all__ = ["make_synthetic_catalogue"]

_SLOT_TEXT = np.array([f"{d}:{p}" for d in DAYS for p in PARTS])


def _choice(
    rng: np.random.Generator, values: tuple[str, ...], p: list[float], n: int
) -> np.ndarray:
    return np.asarray(values, dtype=object)[rng.choice(len(values), size=n, p=p)]


def make_synthetic_catalogue(
    n_activities: int,
    *,
    seed: int = 0,
    pc4_prefixes: tuple[str, ...] | None = None,
    today: dt.date = dt.date(2026, 11, 1),
) -> pd.DataFrame:
    """A fictional catalogue of ``n_activities`` rows in the CSV form.

    Parameters
    ----------
    n_activities : int
        Number of rows (at least 0).
    seed : int, default 0
        Same seed, same catalogue.
    pc4_prefixes : tuple of str, optional
        Only PC4 codes starting with one of these (e.g. ``("218",)`` for Hillegom).
    today : date
        Reference date for ``last_verified``.

    Examples
    --------
    >>> frame = make_synthetic_catalogue(5, seed=1)
    >>> len(frame), frame["activity_id"].iloc[0]
    (5, 'syn-0000000')
    """
    if not isinstance(n_activities, int) or n_activities < 0:
        raise ValueError(
            "The 'n_activities' parameter of make_synthetic_catalogue must be an int in the "
            f"range [0, inf). Got {n_activities!r} instead."
        )
    rng = np.random.default_rng(seed)
    n = n_activities
    table = load_pc4_table().frame
    if pc4_prefixes:
        table = table[table["pc4"].str.startswith(tuple(pc4_prefixes))]
        if table.empty:
            raise ValueError(f"no PC4 codes start with {pc4_prefixes!r}")
    places = rng.integers(0, len(table), size=n)
    lat = table["lat"].to_numpy()[places] + rng.uniform(-0.005, 0.005, n)
    lon = table["lon"].to_numpy()[places] + rng.uniform(-0.008, 0.008, n)
    delivery = _choice(rng, DELIVERIES, [0.85, 0.10, 0.05], n)
    on_site = delivery == "on_site"
    themes = load_taxonomy().themes
    labels = np.array([t.nl for t in themes], dtype=object)
    first = rng.integers(0, len(themes), size=n)
    second = rng.integers(0, len(themes), size=n)
    has_second = rng.random(n) < 0.3
    n_slots = rng.integers(0, 4, size=n)
    slot_idx = rng.integers(0, len(_SLOT_TEXT), size=(n, 3))
    slot_cols = [np.where(n_slots > j, _SLOT_TEXT[slot_idx[:, j]], "") for j in range(3)]
    joined = pd.Series([";".join(slots) for slots in zip(*slot_cols, strict=True)], dtype=str)
    schedule = joined.str.replace(r";+", ";", regex=True).str.strip(";")
    cost = np.where(rng.random(n) < 0.55, 0.0, np.round(rng.uniform(1, 30, n), 2))
    cost_text = np.where(rng.random(n) < 0.05, "", cost.astype(str))
    wheelchair = _choice(rng, ("true", "false", ""), [0.6, 0.2, 0.2], n)
    capacity = np.where(rng.random(n) < 0.05, 0, rng.integers(1, 20, n))
    status = _choice(rng, STATUSES, [0.93, 0.03, 0.02, 0.02], n)
    ranged = rng.random(n) < 0.2
    min_age = np.where(ranged, rng.choice([18, 55, 65], n), -1)
    days_back = rng.integers(0, 3 * 365, size=n)
    verified = pd.Timestamp(today) - pd.to_timedelta(days_back, unit="D")
    frame = pd.DataFrame(
        {
            "activity_id": [f"syn-{i:07d}" for i in range(n)],
            "name": labels[first] + " groep",
            "description": "Fictief aanbod: " + labels[first],
            "kind": _choice(rng, KINDS, [0.60, 0.25, 0.08, 0.07], n),
            "delivery": delivery,
            "categories": labels[first],
            "tags": np.where(has_second, labels[second], ""),
            "lat": np.where(on_site, np.round(lat, 6), np.nan),
            "lon": np.where(on_site, np.round(lon, 6), np.nan),
            "schedule": schedule.to_numpy(),
            "cost_per_month": cost_text,
            "wheelchair_accessible": wheelchair,
            "social_setting": _choice(rng, SETTINGS, [0.25] * 4, n),
            "min_age": pd.array(np.where(min_age >= 0, min_age, 0), dtype="Int64"),
            "languages": _choice(
                rng, ("nl", "nl;en", "nl;ar", "nl;tr"), [0.85, 0.1, 0.03, 0.02], n
            ),
            "capacity": capacity,
            "status": status,
            "provider": "Fictieve aanbieder " + pd.Series(places % 500).astype(str).to_numpy(),
            "last_verified": verified.strftime("%Y-%m-%d"),
        }
    )
    frame.loc[~ranged, "min_age"] = pd.NA
    return frame
