"""A naive reference implementation of the weighted ranker, as a first version is often
written: one pandas ``apply`` over the catalogue's rows, geopy's geodesic distance per row,
and rapidfuzz's scorer called per (word, keyword) pair inside the loop. Catalogue text
follows the rule of ``docs/taxonomy.md``: its words match keywords fuzzily, multi-word
keywords must appear as written.

It exists to be measured against (``benchmarks/run.py`` reports the ratio) and to check,
in ``tests/test_naive_reference.py``, that the fast path ranks the same way. It follows the
same rules and formulas as ``wor_match`` (filters, features, default weights) but shares no
vectorised code with it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from geopy.distance import geodesic
from rapidfuzz import fuzz

from wor_match import Catalogue, ClientProfile
from wor_match.features.first_step import first_step_need
from wor_match.features.loneliness import EMOTIONAL_AFFINITY, SOCIAL_AFFINITY
from wor_match.features.positive_health import health_need
from wor_match.features.social_setting import SETTING_FIT
from wor_match.geo.travel import DETOUR_FACTOR, TRAVEL_MODES
from wor_match.rankers.weighted import DEFAULT_WEIGHTS
from wor_match.target_groups import AGE_LIMITS, CIRCUMSTANCE_GROUPS, GENDER_GROUPS
from wor_match.taxonomy import load_taxonomy
from wor_match.text import normalise, tokens

SETTINGS = ["individual", "one_on_one", "small_group", "large_group"]


def _word_hits(word: str, keyword: str) -> bool:
    if fuzz.ratio(word, keyword) >= 85:
        return True
    return len(keyword) >= 4 and keyword in word and len(word) >= len(keyword) + 3


def _themes(words: list[str]) -> set[str]:
    found = set()
    for word in words:
        exact = [t.id for t in load_taxonomy().themes if word in t.keywords]
        if exact:
            found.update(exact)
            continue
        for theme in load_taxonomy().themes:
            if any(_word_hits(word, k) for k in theme.keywords):
                found.add(theme.id)
    return found


def _field_themes(texts: list[str]) -> set[str]:
    """Themes of a catalogue field: its words matched fuzzily, plus multi-word keywords
    that appear exactly (as one of its n-grams)."""
    size = load_taxonomy().max_words
    found = _themes(tokens(texts, max_words=1))
    grams = set(tokens(texts, max_words=size))
    for theme in load_taxonomy().themes:
        if any(" " in k and k in grams for k in theme.keywords):
            found.add(theme.id)
    return found


def _strength(phrases: list[str], row: dict[str, Any]) -> float:
    if not phrases:
        return 0.0
    size = load_taxonomy().max_words
    client_words = tokens(phrases, max_words=size)
    wanted = _themes(client_words)
    structured = [row["name"], *row["categories"], *row["tags"]]
    described = [row["description"]]
    best = 0.0
    for texts, weight in ((structured, 1.0), (described, 0.6)):
        if wanted & _field_themes(texts):
            best = max(best, weight)
        for mine in client_words:
            for theirs in tokens(texts, max_words=1):
                if fuzz.ratio(mine, theirs) >= 85 or (
                    len(mine) >= 4 and mine in theirs and len(theirs) >= len(mine) + 3
                ):
                    best = max(best, weight)
    return best


def _score_row(row: dict[str, Any], profile: ClientProfile, today: dt.date) -> float | None:
    """The weighted score of one activity, or None when a hard rule excludes it."""
    mobility = profile.mobility
    if row["kind"] not in profile.open_to or row["delivery"] not in profile.open_to_delivery:
        return None
    if row["status"] != "active" or row["capacity"] == 0:
        return None
    groups = set(row["target_groups"])
    min_age, max_age = row["min_age"], row["max_age"]
    age_groups = [AGE_LIMITS[g] for g in groups if g in AGE_LIMITS]
    if age_groups and min_age is None:  # an age group is an age limit where none is given
        lows = [low for low, _ in age_groups]
        min_age = None if None in lows else min(lows)
    if age_groups and max_age is None:
        highs = [high for _, high in age_groups]
        max_age = None if None in highs else max(highs)
    if profile.age is not None and (
        (min_age is not None and profile.age < min_age)
        or (max_age is not None and profile.age > max_age)
    ):
        return None
    circumstance = groups & set(CIRCUMSTANCE_GROUPS)
    in_group = bool(circumstance & set(profile.situation))
    if row["kind"] != "service" and circumstance and not in_group:
        return None
    if row["kind"] == "service" and not in_group:
        asked = (
            not circumstance and _strength([*profile.interests, *profile.energy_sources], row) > 0
        )
        if not asked:
            return None
    gendered = {GENDER_GROUPS[g] for g in groups if g in GENDER_GROUPS}
    stated = profile.gender if profile.gender in ("female", "male") else None
    if gendered and stated is not None and stated not in gendered:
        return None
    if not set(row["languages"]) & set(profile.languages):
        return None
    budget = profile.max_cost_per_month
    if budget is not None and row["cost_per_month"] is not None and row["cost_per_month"] > budget:
        return None
    on_site = row["delivery"] == "on_site"
    if mobility.wheelchair and on_site and row["wheelchair_accessible"] is False:
        return None
    slots = {str(s) for s in row["schedule"]}
    available = {str(s) for s in profile.availability}
    if available and slots and not slots & available:
        return None
    areas = {normalise(a) for a in (profile.home.pc4, profile.home.gemeente) if a}
    if row["coverage"] and not {normalise(c) for c in row["coverage"]} & areas:
        return None
    minutes = None
    if on_site:
        if mobility.mode == "housebound" or row["lat"] is None:
            return None
        km = geodesic((profile.home.lat, profile.home.lon), (row["lat"], row["lon"])).km
        mode = TRAVEL_MODES[mobility.mode]
        minutes = mode.overhead_minutes + km * DETOUR_FACTOR / mode.speed_kmh * 60
        if minutes > mobility.minutes:
            return None
    values: dict[str, float] = {}
    values["interest"] = _strength(profile.interests, row)
    values["energy"] = _strength(profile.energy_sources, row)
    drain = _strength(profile.energy_drains, row)
    drain_themes = _themes(tokens(profile.energy_drains, max_words=load_taxonomy().max_words))
    flags = {f for t in load_taxonomy().themes if t.id in drain_themes for f in t.flags}
    if "setting:large_group" in flags and row["social_setting"] == "large_group":
        drain = 1.0
    if "online" in flags and row["delivery"] == "online":
        drain = 1.0
    for part in ("morning", "evening"):
        if f"time:{part}" in flags and slots:
            drain = max(drain, sum(s.endswith(part) for s in slots) / len(slots))
    values["energy_drain"] = drain
    values["travel"] = (
        1.0 if minutes is None else min(max(1 - minutes / max(mobility.minutes, 1), 0), 1)
    )
    values["schedule"] = 1.0 if not available or not slots else len(slots & available) / len(slots)
    cost = row["cost_per_month"]
    values["cost"] = 0.5 if cost is None else 1 / (1 + cost / 10)
    setting = row["social_setting"]
    preference = profile.social_preference
    values["setting"] = (
        0.0
        if preference == "no_preference" or setting is None
        else SETTING_FIT[preference][SETTINGS.index(setting)]
    )
    index = 4 if setting is None else SETTINGS.index(setting)
    social, emotional = SOCIAL_AFFINITY[index], EMOTIONAL_AFFINITY[index]
    if row["kind"] == "volunteering":
        social += 0.2
    if row["kind"] == "buddy":
        emotional = 1.0
    if row["delivery"] == "online":
        social, emotional = social * 0.5, emotional * 0.5
    social, emotional = min(max(social, 0), 1), min(max(emotional, 0), 1)
    score = profile.loneliness
    values["loneliness"] = 0.0
    if score is not None and score.total is not None:
        s, e = score.social_share, score.emotional_share
        if s + e > 0:
            top = 11 if score.scale == "djg11" else 6
            values["loneliness"] = score.total / top * (s * social + e * emotional) / (s + e)
    row_themes = _field_themes([row["name"], *row["categories"], *row["tags"]]) | _field_themes(
        [row["description"]]
    )
    flags_of = {t.id: t.flags for t in load_taxonomy().themes}
    row_flags = {f for t in row_themes for f in flags_of[t]}
    need = first_step_need(profile)
    checks = [
        row["delivery"] == "at_home" or (minutes is not None and minutes <= 10),
        setting in ("one_on_one", "small_group") or row["kind"] == "buddy",
        cost == 0,
        "low_threshold" in row_flags,
    ]
    values["first_step"] = need * sum(checks) / 4
    health = profile.positive_health
    group = setting in ("small_group", "large_group")
    volunteering = row["kind"] == "volunteering"
    values["positive_health"] = max(
        health_need(health.zingeving) * (volunteering or "meaningful" in row_flags),
        health_need(health.meedoen) * (group or volunteering or "participation" in row_flags),
        health_need(health.dagelijks_functioneren) * bool(slots),
        health_need(health.lichaamsfuncties) * ("adapted_movement" in row_flags),
    )
    verified = row["last_verified"]
    if verified is None:
        values["stale"] = 0.5
    else:
        age = (today - verified).days
        values["stale"] = min(max((age - 365) / 365, 0), 1)
    values["access_unknown"] = float(
        mobility.wheelchair and on_site and row["wheelchair_accessible"] is None
    )
    target = 0.0
    if gendered and stated is None:
        target = -0.5
    if (gendered and stated in gendered) or (age_groups and profile.age is not None):
        target = 0.5
    if in_group:
        target = 1.0
    values["target_group"] = target
    return sum(DEFAULT_WEIGHTS[name] * value for name, value in values.items())


def naive_recommend(
    profile: ClientProfile, catalogue: Catalogue, *, k: int = 10, today: dt.date
) -> list[tuple[str, float]]:
    """Top-k (activity_id, score) by a per-row apply over the whole catalogue."""
    frame = pd.DataFrame(
        [{**a.model_dump(), "schedule": [str(s) for s in a.schedule]} for a in catalogue]
    )

    def score(row: pd.Series) -> float | None:
        # pandas turns missing numbers into NaN; the rules expect None for unknown
        values = {k: None if isinstance(v, float) and v != v else v for k, v in row.items()}
        return _score_row(values, profile, today)

    scores = frame.apply(score, axis=1)
    frame["score"] = scores
    kept = frame.dropna(subset=["score"]).sort_values(
        ["score", "activity_id"], ascending=[False, True]
    )
    return [(a, float(s)) for a, s in zip(kept["activity_id"], kept["score"], strict=True)][:k]


__all__ = ["naive_recommend"]
