"""A synthetic people pool with a ground truth of which pairs would click.

The model (all draws from one ``numpy`` generator, so a seed gives the same pool):

- **Where**: homes are PC4 centroids of the offline table (``places`` of them, drawn once,
  each with a share of the pool drawn from a Dirichlet(2) distribution) plus Gaussian
  jitter of ``jitter_km`` (so neighbours are "a few streets apart").
- **Hidden tastes**: each person has 1-3 *latent* themes from the taxonomy's activity
  themes (a Zipf-like popularity, weight 1/rank). What they tell the coach (``interests``)
  is each latent theme's Dutch label with probability 0.85, plus with probability 0.15 one
  theme they do not care about: the observed words are a noisy view of the truth.
- **Would click** (:meth:`SyntheticPeople.would_click`): A accepts B when B holds at least
  half of A's latent themes; a pair clicks when both accept and their hidden *warmth* (an
  unobserved trait, uniform on [0, 1]) differs by less than 0.5. So the truth is
  reciprocal, and one-sided enthusiasm (B shares A's one theme, A shares one of B's three)
  does not click.
- **The rest** follows rough shares from practice: 40% seek peers, 15% a buddy, 10% meals;
  8% offer buddy visits and 8% cook (capacity 1-3); 95% consent; modes mostly walking and
  bicycle; 0-4 weekly slots (30% give none); 5% ask for a gender, 10% for an age range;
  meal seekers name a diet 40% of the time, cooks cook 1-4 diets; seekers joined the
  waiting list up to two years before ``today``.

Nothing here is real data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from wor_match._bits import BitArray
from wor_match._vocab import DAYS, PARTS
from wor_match.geo.postcodes import load_pc4_table
from wor_match.people._columns import _bits_from_sets
from wor_match.people.person import DIETS, GENDERS
from wor_match.taxonomy import load_taxonomy

__all__ = ["SyntheticPeople", "synthetic_people"]

_KM_PER_DEGREE = 111.2
#: Themes about what drains energy or about times are not tastes.
_NOT_TASTES = frozenset({"crowds_noise", "early_mornings", "late_evenings", "screens_online"})
_MODES = ("walking", "bicycle", "e_bike", "mobility_scooter", "public_transport", "car",
          "housebound", "wheelchair")  # fmt: skip
_MODE_SHARES = (0.35, 0.25, 0.1, 0.06, 0.08, 0.1, 0.04, 0.02)


@dataclass(frozen=True)
class SyntheticPeople:
    """Records for :meth:`wor_match.People.from_records` and the hidden truth."""

    records: list[dict[str, Any]]
    latent: BitArray  # (n, blocks): latent themes per person, rows in record order
    warmth: npt.NDArray[np.float64]
    ids: npt.NDArray[np.object_]

    def accepts(self, a: npt.ArrayLike, b: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        """Whether person rows ``a`` would accept rows ``b`` (B holds half of A's themes)."""
        a, b = np.asarray(a, dtype=np.intp), np.asarray(b, dtype=np.intp)
        mine = np.bitwise_count(self.latent[a]).sum(axis=-1)
        shared = np.bitwise_count(self.latent[a] & self.latent[b]).sum(axis=-1)
        accepted: npt.NDArray[np.bool_] = np.asarray((2 * shared >= mine) & (mine > 0))
        return accepted

    def would_click(self, a: npt.ArrayLike, b: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        """The ground truth for pairs of rows: both accept and their warmth is close."""
        a, b = np.asarray(a, dtype=np.intp), np.asarray(b, dtype=np.intp)
        close = np.abs(self.warmth[a] - self.warmth[b]) < 0.5
        return np.asarray(self.accepts(a, b) & self.accepts(b, a) & close & (a != b))


def synthetic_people(
    n: int = 1000,
    *,
    seed: int = 0,
    places: int = 20,
    jitter_km: float = 0.8,
    today: dt.date = dt.date(2026, 12, 1),
) -> SyntheticPeople:
    """Draw a pool of ``n`` people (see the module docstring for the model)."""
    rng = np.random.default_rng(seed)
    taxonomy = load_taxonomy()
    tastes = [i for i, t in enumerate(taxonomy.themes) if t.id not in _NOT_TASTES]
    popularity = 1.0 / np.arange(1, len(tastes) + 1)
    popularity = popularity[rng.permutation(len(tastes))]
    popularity /= popularity.sum()
    table = load_pc4_table()
    centres = rng.choice(len(table.frame), size=min(places, len(table.frame)), replace=False)
    place = rng.choice(len(centres), size=n, p=rng.dirichlet(np.full(len(centres), 2.0)))
    lat0, lon0 = table.lat[centres][place], table.lon[centres][place]
    lat = lat0 + rng.normal(0.0, jitter_km / _KM_PER_DEGREE, n)
    lon = lon0 + rng.normal(0.0, jitter_km / (_KM_PER_DEGREE * np.cos(np.radians(lat0))), n)
    # every draw is vectorised over people; the loop below only writes the records
    warmth = rng.uniform(0.0, 1.0, n)
    mode = rng.choice(len(_MODES), size=n, p=_MODE_SHARES)
    # weighted sampling without replacement: the top of log(p) + Gumbel noise
    keys = np.log(popularity) + rng.gumbel(size=(n, len(tastes)))
    taste_order = np.asarray(tastes)[np.argsort(-keys, axis=1)[:, :3]]
    n_themes = rng.integers(1, 4, n)
    told_mask = rng.random((n, 3)) < 0.85
    extra = np.where(rng.random(n) < 0.15, rng.choice(tastes, n), -1)
    consent = rng.random(n) < 0.95
    age = rng.integers(18, 96, n)
    gender = rng.choice(3, size=n, p=(0.55, 0.43, 0.02))
    speaks_en, speaks_ar = rng.random(n) < 0.2, rng.random(n) < 0.05
    n_slots = np.where(rng.random(n) < 0.3, 0, rng.integers(1, 5, n))
    slot_order = np.argsort(rng.random((n, len(DAYS) * len(PARTS))), axis=1)
    seeks_draw = rng.random((n, 3)) < np.array([0.4, 0.15, 0.10])
    offers_draw = rng.random((n, 2)) < np.array([0.08, 0.08])
    capacity = rng.integers(1, 4, n)
    needs_diet = rng.random(n) < 0.4
    need = rng.integers(len(DIETS), size=n)
    cook_diets = np.argsort(rng.random((n, len(DIETS))), axis=1)
    n_cook_diets = rng.integers(1, 5, n)
    wants_gender, wants_age = rng.random(n) < 0.05, rng.random(n) < 0.10
    low_age, age_span = rng.integers(18, 70, n), rng.integers(10, 30, n)
    waited = rng.integers(0, 730, n)
    latent_sets: list[list[int]] = []
    records: list[dict[str, Any]] = []
    for i in range(n):
        themes = sorted(taste_order[i, : n_themes[i]].tolist())
        latent_sets.append(themes)
        told = [
            taxonomy.themes[t].nl for t, said in zip(themes, told_mask[i], strict=False) if said
        ]
        if extra[i] >= 0:
            told.append(taxonomy.themes[int(extra[i])].nl)
        record: dict[str, Any] = {
            "person_id": f"p{i:06d}",
            "home": {"lat": round(float(lat[i]), 6), "lon": round(float(lon[i]), 6)},
            "consent": bool(consent[i]),
            "age": int(age[i]),
            "gender": GENDERS[int(gender[i])],
            "interests": told,
            "mobility": {"mode": _MODES[mode[i]]},
            "languages": ["nl"]
            + (["en"] if speaks_en[i] else [])
            + (["ar"] if speaks_ar[i] else []),
        }
        record["availability"] = [
            {"day": DAYS[b // len(PARTS)], "part": PARTS[b % len(PARTS)]}
            for b in sorted(slot_order[i, : n_slots[i]].tolist())
        ]
        seeks = [
            p for p, wanted in zip(("peer", "buddy", "meals"), seeks_draw[i], strict=True) if wanted
        ]
        offers = [p for p, wanted in zip(("buddy", "meals"), offers_draw[i], strict=True) if wanted]
        record["seeks"], record["offers"] = seeks, offers
        if offers:
            record["capacity"] = int(capacity[i])
        if "meals" in seeks and needs_diet[i]:
            record["diet"] = [DIETS[int(need[i])]]
        if "meals" in offers:
            record["diet"] = sorted(DIETS[j] for j in cook_diets[i, : n_cook_diets[i]].tolist())
        partner: dict[str, Any] = {}
        if wants_gender[i]:
            partner["gender"] = [record["gender"]]
        if wants_age[i]:
            partner["min_age"] = int(low_age[i])
            partner["max_age"] = int(low_age[i] + age_span[i])
        if partner:
            record["partner"] = partner
        if seeks:
            record["waiting_since"] = (today - dt.timedelta(days=int(waited[i]))).isoformat()
        records.append(record)
    latent = _bits_from_sets(latent_sets, len(taxonomy.themes))
    ids = np.array([r["person_id"] for r in records], dtype=object)
    return SyntheticPeople(records, latent, warmth, ids)
