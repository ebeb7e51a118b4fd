"""Synthetic data on real Dutch PC4 centroids: catalogues, clients and outcomes.

Everything generated is fictional, seeded and vectorised where it pays. The generative model
is written out in ``docs/synthetic.md`` and grounded in DOMAIN.md; in short:

Catalogue (:func:`make_synthetic_catalogue`)
    location a uniform PC4 centroid (optionally within ``pc4_prefixes``) plus jitter;
    delivery on_site 85%, at_home 10%, online 5%; kind activity 60%, volunteering 25%,
    buddy 8%, meals 7%; one taxonomy theme names the activity, 30% get a second theme as a
    tag; 0-3 weekly slots; free 55%, else EUR 1-30 (unknown 5%); uniform social setting;
    wheelchair access true 60% / false 20% / unknown 20%; full 5%; active 93%; 20% with a
    minimum age; last verified within three years. Each activity also has a hidden quality
    (the welcome, the "click") ~ Normal(0, 0.7) that no feature reveals.

Clients and outcomes (:func:`make_synthetic`)
    age, mobility, loneliness type and band, spider web, interests (taxonomy keywords in
    Dutch or English, 10% with a typo), energy drains, budget and availability drawn per
    client; a coach offers up to ``offers_per_client`` feasible activities uniformly at
    random (a random logging policy, so offline evaluation on these offers is unbiased);
    each offer continues (still attending after three months) with probability

        p = sigmoid(-2.6 + 2.4 interest - 1.6 travel_share + setting_fit - 1.2 crowds
                    - 0.06 cost (if on a budget) + 0.3 schedule_fit + quality + noise)

    and the event chain (offered, accepted, started, continued / dropped_out, declined)
    follows from one uniform draw per offer. ``truth`` holds p for every offer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from wor_match._vocab import DAYS, DELIVERIES, KINDS, PARTS, SETTINGS, STATUSES
from wor_match.catalogue import Catalogue
from wor_match.context import MatchContext
from wor_match.datasets._format import Dataset
from wor_match.filters import feasible
from wor_match.geo.postcodes import load_pc4_table
from wor_match.models.profile import ClientProfile
from wor_match.taxonomy import load_taxonomy

__all__ = ["make_synthetic", "make_synthetic_catalogue"]

_SLOT_TEXT = np.array([f"{d}:{p}" for d in DAYS for p in PARTS])
QUALITY_SD = 0.7


def _choice(rng: np.random.Generator, values: tuple[str, ...], p: list[float], n: int) -> Any:
    return np.asarray(values, dtype=object)[rng.choice(len(values), size=n, p=p)]


def _places(pc4_prefixes: tuple[str, ...] | None) -> pd.DataFrame:
    table = load_pc4_table().frame
    if pc4_prefixes:
        table = table[table["pc4"].str.startswith(tuple(pc4_prefixes))]
        if table.empty:
            raise ValueError(f"no PC4 codes start with {pc4_prefixes!r}")
    return table.reset_index(drop=True)


def _catalogue(
    n: int, rng: np.random.Generator, pc4_prefixes: tuple[str, ...] | None, today: dt.date
) -> tuple[pd.DataFrame, npt.NDArray[np.bool_], npt.NDArray[np.float64]]:
    """The catalogue frame, its hidden theme membership (n x themes) and quality."""
    table = _places(pc4_prefixes)
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
    membership = np.zeros((n, len(themes)), dtype=bool)
    membership[np.arange(n), first] = True
    membership[np.arange(n)[has_second], second[has_second]] = True
    n_slots = rng.integers(0, 4, size=n)
    slot_idx = rng.integers(0, len(_SLOT_TEXT), size=(n, 3))
    slot_cols = [np.where(n_slots > j, _SLOT_TEXT[slot_idx[:, j]], "") for j in range(3)]
    joined = pd.Series([";".join(slots) for slots in zip(*slot_cols, strict=True)], dtype=str)
    schedule = joined.str.replace(r";+", ";", regex=True).str.strip(";")
    cost = np.where(rng.random(n) < 0.55, 0.0, np.round(rng.uniform(1, 30, n), 2))
    cost_text = np.where(rng.random(n) < 0.05, "", cost.astype(str))
    ranged = rng.random(n) < 0.2
    min_age = rng.choice([18, 55, 65], n)
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
            "wheelchair_accessible": _choice(rng, ("true", "false", ""), [0.6, 0.2, 0.2], n),
            "social_setting": _choice(rng, SETTINGS, [0.25] * 4, n),
            "min_age": pd.array(np.where(ranged, min_age, 0), dtype="Int64"),
            "languages": _choice(
                rng, ("nl", "nl;en", "nl;ar", "nl;tr"), [0.85, 0.1, 0.03, 0.02], n
            ),
            "capacity": np.where(rng.random(n) < 0.05, 0, rng.integers(1, 20, n)),
            "status": _choice(rng, STATUSES, [0.93, 0.03, 0.02, 0.02], n),
            "provider": "Fictieve aanbieder " + pd.Series(places % 500).astype(str).to_numpy(),
            "last_verified": verified.strftime("%Y-%m-%d"),
        }
    )
    frame.loc[~ranged, "min_age"] = pd.NA
    # offers that come to the home serve their own gemeente (as in practice)
    gemeente = table["gemeente"].fillna("").to_numpy()[places]
    frame["coverage"] = np.where((delivery == "at_home") & (gemeente != ""), gemeente, "")
    quality = rng.normal(0.0, QUALITY_SD, n)
    return frame, membership, quality


def _check_count(name: str, value: object, function: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(
            f"The '{name}' parameter of {function} must be an int in the range [0, inf). "
            f"Got {value!r} instead."
        )
    return value


def make_synthetic_catalogue(
    n_activities: int,
    *,
    seed: int = 0,
    pc4_prefixes: tuple[str, ...] | None = None,
    today: dt.date = dt.date(2026, 11, 1),
) -> pd.DataFrame:
    """A fictional catalogue of ``n_activities`` rows in the CSV form (see module docs).

    Examples
    --------
    >>> frame = make_synthetic_catalogue(5, seed=1)
    >>> len(frame), frame["activity_id"].iloc[0]
    (5, 'syn-0000000')
    """
    n = _check_count("n_activities", n_activities, "make_synthetic_catalogue")
    return _catalogue(n, np.random.default_rng(seed), pc4_prefixes, today)[0]


def _typo(word: str, rng: np.random.Generator) -> str:
    if len(word) < 5 or " " in word:
        return word
    i = int(rng.integers(1, len(word) - 2))
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _clients(
    n: int, rng: np.random.Generator, pc4_prefixes: tuple[str, ...] | None
) -> tuple[list[dict[str, Any]], npt.NDArray[np.bool_], dict[str, npt.NDArray[Any]]]:
    """Profiles (dicts), hidden interest themes (n x themes) and hidden traits."""
    table = _places(pc4_prefixes)
    taxonomy = load_taxonomy()
    themes = taxonomy.themes
    crowd_themes = [t for t in themes if "setting:large_group" in t.flags]
    older = rng.random(n) < 0.6
    age = np.where(older, rng.integers(65, 91, n), rng.integers(20, 65, n))
    modes_old = (
        "walking",
        "mobility_scooter",
        "public_transport",
        "bicycle",
        "e_bike",
        "housebound",
    )
    modes_young = ("bicycle", "e_bike", "public_transport", "car", "walking")
    mode = np.where(
        older,
        _choice(rng, modes_old, [0.35, 0.15, 0.2, 0.15, 0.1, 0.05], n),
        _choice(rng, modes_young, [0.4, 0.1, 0.25, 0.15, 0.1], n),
    )
    loneliness_type = _choice(
        rng, ("none", "social", "emotional", "both"), [0.3, 0.25, 0.25, 0.2], n
    )
    social_score = np.where(
        np.isin(loneliness_type, ("social", "both")), rng.integers(3, 6, n), rng.integers(0, 2, n)
    )
    emotional_score = np.where(
        np.isin(loneliness_type, ("emotional", "both")),
        rng.integers(3, 7, n),
        rng.integers(0, 2, n),
    )
    crowds = rng.random(n) < 0.3
    budget = _choice(rng, ("0", "15", ""), [0.35, 0.35, 0.30], n)
    interest = np.zeros((n, len(themes)), dtype=bool)
    profiles = []
    place = table.iloc[rng.integers(0, len(table), size=n)]
    for i in range(n):
        chosen = rng.choice(len(themes), size=int(rng.integers(1, 4)), replace=False)
        interest[i, chosen] = True
        words = []
        for index in chosen:
            keywords = themes[index].keywords
            word = keywords[int(rng.integers(0, len(keywords)))]
            words.append(_typo(word, rng) if rng.random() < 0.1 else word)
        preference = {
            "social": "large_group",
            "emotional": "one_on_one",
            "both": "small_group",
            "none": "no_preference",
        }[loneliness_type[i]]
        if rng.random() < 0.3:
            preference = "no_preference"
        availability = (
            []
            if rng.random() < 0.5
            else sorted(set(_SLOT_TEXT[rng.integers(0, len(_SLOT_TEXT), rng.integers(3, 9))]))
        )
        profile: dict[str, Any] = {
            "client_id": f"client-{i:06d}",
            "home": {
                "lat": round(float(place["lat"].iloc[i] + rng.uniform(-0.004, 0.004)), 6),
                "lon": round(float(place["lon"].iloc[i] + rng.uniform(-0.006, 0.006)), 6),
            },
            "age": int(age[i]),
            "interests": words,
            "energy_drains": [crowd_themes[0].keywords[0]] if crowds[i] and crowd_themes else [],
            "mobility": {"mode": str(mode[i])},
            "loneliness": {
                "scale": "djg11",
                "emotional": int(emotional_score[i]),
                "social": int(social_score[i]),
            },
            "positive_health": {
                name: int(rng.integers(2, 10))
                for name in (
                    "lichaamsfuncties",
                    "mentaal_welbevinden",
                    "zingeving",
                    "kwaliteit_van_leven",
                    "meedoen",
                    "dagelijks_functioneren",
                )
            },
            "availability": [str(slot) for slot in availability],
            "languages": ["nl"] if rng.random() < 0.95 else ["ar", "nl"],
            "social_preference": preference,
        }
        if budget[i]:
            profile["max_cost_per_month"] = float(budget[i])
        profiles.append(profile)
    traits = {"loneliness_type": loneliness_type, "crowds": crowds, "on_budget": budget != ""}
    return profiles, interest, traits


_SETTING_EFFECT = {
    # (loneliness type, setting) -> effect on the log-odds of continuing
    "social": {"small_group": 0.5, "large_group": 0.8, "one_on_one": -0.2, "individual": -0.4},
    "emotional": {"one_on_one": 1.0, "small_group": 0.5, "large_group": -0.5, "individual": -0.2},
    "both": {"one_on_one": 0.6, "small_group": 0.8, "large_group": 0.0, "individual": -0.3},
    "none": {"one_on_one": 0.0, "small_group": 0.0, "large_group": 0.0, "individual": 0.0},
}
_DROP_REASONS = (
    "tijdstip paste niet",
    "geen klik met de groep",
    "vervoer lastig",
    "gezondheid",
    "te duur",
)


def _sigmoid(z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def make_synthetic(
    n_clients: int,
    n_activities: int,
    *,
    seed: int = 0,
    pc4_prefixes: tuple[str, ...] | None = ("34", "35", "37"),
    offers_per_client: int = 20,
    today: dt.date = dt.date(2026, 11, 1),
) -> Dataset:
    """A synthetic dataset: catalogue, clients, offers with outcomes, and the truth.

    Parameters
    ----------
    n_clients, n_activities : int
    seed : int, default 0
        Same seed, same dataset.
    pc4_prefixes : tuple of str, optional
        Region (default: around Utrecht, Nieuwegein and Amersfoort); None for the whole
        country.
    offers_per_client : int, default 20
        Feasible activities offered to each client, uniformly at random.
    today : date
        Reference date for ``last_verified`` and staleness.

    Returns
    -------
    Dataset
        With ``truth``: client_id, activity_id, p_true (probability of continuing) for
        every offer, so an oracle ranking can be computed.
    """
    n_clients = _check_count("n_clients", n_clients, "make_synthetic")
    n_activities = _check_count("n_activities", n_activities, "make_synthetic")
    rng = np.random.default_rng(seed)
    frame, membership, quality = _catalogue(n_activities, rng, pc4_prefixes, today)
    catalogue = Catalogue.from_frame(frame, source="synthetic")
    rows_of = {activity_id: i for i, activity_id in enumerate(frame["activity_id"])}
    catalogue_row = np.array([rows_of[a] for a in catalogue.ids], dtype=np.intp)
    profile_dicts, interest, traits = _clients(n_clients, rng, pc4_prefixes)
    profiles = [ClientProfile.model_validate(p) for p in profile_dicts]
    settings = frame["social_setting"].to_numpy()
    cost = pd.to_numeric(frame["cost_per_month"], errors="coerce").fillna(0).to_numpy()
    records = []
    truth = []
    start = pd.Timestamp("2025-01-06", tz="UTC")
    for i, profile in enumerate(profiles):
        ctx = feasible(MatchContext.build(profile, catalogue, today=today))
        if len(ctx) == 0:
            continue
        take = rng.choice(len(ctx), size=min(offers_per_client, len(ctx)), replace=False)
        take.sort()
        rows = catalogue_row[ctx.rows[take]]
        minutes = np.nan_to_num(ctx.travel_minutes[take], nan=0.0)
        schedule = ctx.catalogue.schedule[ctx.rows[take]]
        availability = profile.availability_mask
        full_fit = (availability == 0) | (schedule == 0) | ((schedule & ~availability) == 0)
        loneliness_kind = traits["loneliness_type"][i]
        setting_fit = np.array([_SETTING_EFFECT[loneliness_kind][s] for s in settings[rows]])
        logit = (
            -2.6
            + 2.4 * (membership[rows] & interest[i]).any(axis=1)
            - 1.6 * minutes / max(profile.mobility.minutes, 1)
            + setting_fit
            - 1.2 * (traits["crowds"][i] & (settings[rows] == "large_group"))
            - 0.06 * cost[rows] * traits["on_budget"][i]
            + 0.3 * full_fit
            + quality[rows]
            + rng.normal(0.0, 0.3, len(rows))
        )
        p = _sigmoid(logit)
        u = rng.random(len(rows))
        offered_at = start + pd.to_timedelta(int(rng.integers(0, 500)), unit="D")
        for activity_row, p_true, draw in zip(rows, p, u, strict=True):
            activity_id = str(frame["activity_id"].iat[activity_row])
            truth.append((profile.client_id, activity_id, float(p_true)))
            events = [("offered", 0, "")]
            if draw < min(1.0, 2.0 * p_true):
                events.append(("accepted", 3, ""))
                if draw < min(1.0, 1.5 * p_true):
                    events.append(("started", 10, ""))
                    if draw < p_true:
                        events.append(("continued", 90, ""))
                    else:
                        reason = _DROP_REASONS[int(rng.integers(0, len(_DROP_REASONS)))]
                        events.append(("dropped_out", 40, reason))
            else:
                events.append(("declined", 2, ""))
            for event, days, reason in events:
                stamp = (offered_at + pd.Timedelta(days=days)).isoformat()
                records.append((profile.client_id, activity_id, event, stamp, reason))
    interactions = pd.DataFrame(
        records, columns=["client_id", "activity_id", "event", "timestamp", "reason"]
    )
    interactions["timestamp"] = pd.to_datetime(interactions["timestamp"], utc=True)
    return Dataset(
        catalogue=catalogue,
        profiles=profiles,
        interactions=interactions,
        metadata={
            "name": f"synthetic-{n_clients}x{n_activities}-seed{seed}",
            "generator": "wor_match.datasets.make_synthetic",
            "parameters": {
                "n_clients": n_clients,
                "n_activities": n_activities,
                "seed": seed,
                "pc4_prefixes": list(pc4_prefixes or []),
                "offers_per_client": offers_per_client,
                "today": today.isoformat(),
            },
            "logging_policy": "uniform random among feasible activities",
            "licence": "CC0-1.0 (generated data); PC4 centroids: GeoNames, CC BY 4.0",
            "fictional": True,
        },
        truth=pd.DataFrame(truth, columns=["client_id", "activity_id", "p_true"]),
    )
