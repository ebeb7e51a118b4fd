"""A naive reference implementation of the weighted ranker, as a first version is often
written: one pandas ``apply`` over the catalogue's rows, geopy's geodesic distance per row,
and the taxonomy's matching rules applied one word at a time inside the loop
(``Taxonomy.concepts_of``, ``Taxonomy.same_word``: stems, compounds, typos, each word
against every term). Catalogue text follows the rule of ``docs/taxonomy.md``: its words
match by those rules, multi-word terms must appear as written.

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


def _concepts(words: list[str]) -> set[int]:
    """Concepts of words, by the taxonomy's rules applied one word at a time."""
    taxonomy = load_taxonomy()
    return {c for word in words for c in taxonomy.concepts_of(word)}


def _field_concepts(texts: list[str]) -> set[int]:
    """Concepts of a catalogue field: its words by the rules, plus multi-word terms that
    appear exactly (as one of its n-grams)."""
    taxonomy = load_taxonomy()
    found = _concepts(tokens(texts, max_words=1))
    for gram in tokens(texts, max_words=taxonomy.max_words):
        if " " in gram:
            found |= taxonomy.literal(gram)
    return found


def _strength(phrases: list[str], row: dict[str, Any]) -> float:
    """The best level of docs/taxonomy.md: own word 1.0, synonym 0.85, theme 0.5 (all in
    name, categories or tags), description 0.4."""
    if not phrases:
        return 0.0
    taxonomy = load_taxonomy()
    client_words = tokens(phrases, max_words=taxonomy.max_words)
    wanted = _concepts(client_words)
    themes = {taxonomy.concepts[c].theme for c in wanted}
    structured = [row["name"], *row["categories"], *row["tags"]]
    described = [row["description"]]

    def own_word(texts: list[str]) -> bool:
        return any(
            taxonomy.same_word(mine, theirs)
            for mine in client_words
            for theirs in tokens(texts, max_words=1)
        )

    in_structured = _field_concepts(structured)
    best = 0.0
    if in_structured & wanted:
        best = 0.85
    elif any(taxonomy.concepts[c].theme in themes for c in in_structured):
        best = 0.5
    elif _field_concepts(described) & wanted:
        best = 0.4
    if best < 1.0 and own_word(structured):
        best = 1.0
    if best < 0.4 and own_word(described):
        best = 0.4
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
    concepts = load_taxonomy().concepts
    drain_concepts = _concepts(tokens(profile.energy_drains, max_words=load_taxonomy().max_words))
    flags = {f for c in drain_concepts for f in concepts[c].flags}
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
    row_concepts = _field_concepts([row["name"], *row["categories"], *row["tags"]])
    row_concepts |= _field_concepts([row["description"]])
    row_flags = {f for c in row_concepts for f in concepts[c].flags}
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
        health_need(health.meedoen)
        * (group or volunteering or ("participation" in row_flags and on_site)),
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
