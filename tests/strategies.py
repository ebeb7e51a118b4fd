"""Hypothesis strategies for valid profiles and catalogues (around one Dutch town)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from wor_match._vocab import DAYS, DELIVERIES, KINDS, MODES, PARTS, SETTINGS, STATUSES

LAT, LON = 52.09, 5.12  # Utrecht: the home resolves to PC4 areas and a gemeente
WORDS = [
    "tuin",
    "wandelen",
    "moestuin",
    "drukte",
    "inloop",
    "stoelyoga",
    "koken",
    "schaak",
    "muziek",
    "walking",
    "gardening",
    "koffieochtend",
    "lezen",
]

slots = st.lists(
    st.builds(lambda d, p: {"day": d, "part": p}, st.sampled_from(DAYS), st.sampled_from(PARTS)),
    max_size=4,
)
languages = st.lists(st.sampled_from(["nl", "en", "ar", "tr"]), min_size=1, max_size=2, unique=True)


@st.composite
def activity_records(draw: st.DrawFn, activity_id: str) -> dict[str, Any]:
    delivery = draw(st.sampled_from(DELIVERIES))
    located = delivery == "on_site" and draw(st.booleans() | st.just(True))
    min_age = draw(st.none() | st.integers(0, 80))
    record: dict[str, Any] = {
        "activity_id": activity_id,
        "name": " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))),
        "description": " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=4))),
        "kind": draw(st.sampled_from(KINDS)),
        "delivery": delivery,
        "schedule": draw(slots),
        "cost_per_month": draw(st.none() | st.sampled_from([0.0, 2.5, 10.0, 40.0])),
        "wheelchair_accessible": draw(st.none() | st.booleans()),
        "social_setting": draw(st.none() | st.sampled_from(SETTINGS)),
        "min_age": min_age,
        "max_age": draw(st.none() | st.integers(min_age or 0, 120)),
        "languages": draw(languages),
        "capacity": draw(st.none() | st.integers(0, 5)),
        "status": draw(st.sampled_from(STATUSES)),
        "last_verified": draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        "coverage": draw(
            st.lists(
                st.sampled_from(["Utrecht", "3511", "3512", "Hillegom", "Zeist", "3584"]),
                max_size=2,
            )
        ),
    }
    if located:
        record["lat"] = LAT + draw(st.floats(-0.05, 0.05))
        record["lon"] = LON + draw(st.floats(-0.08, 0.08))
    return record


@st.composite
def catalogue_records(draw: st.DrawFn, max_size: int = 25) -> list[dict[str, Any]]:
    n = draw(st.integers(0, max_size))
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z]{2}-[0-9]{3}", fullmatch=True), min_size=n, max_size=n, unique=True
        )
    )
    return [draw(activity_records(activity_id)) for activity_id in ids]


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    scale = draw(st.sampled_from(["djg11", "djg6"]))
    top = {"djg11": (6, 5), "djg6": (3, 3)}[scale]
    mode = draw(st.sampled_from(MODES))
    return {
        "client_id": "prop-client",
        "home": {
            "lat": LAT + draw(st.floats(-0.03, 0.03)),
            "lon": LON + draw(st.floats(-0.03, 0.03)),
        },
        "age": draw(st.none() | st.integers(16, 100)),
        "interests": draw(st.lists(st.sampled_from(WORDS), max_size=3)),
        "energy_sources": draw(st.lists(st.sampled_from(WORDS), max_size=2)),
        "energy_drains": draw(st.lists(st.sampled_from(WORDS), max_size=2)),
        "mobility": {
            "mode": mode,
            "max_minutes": draw(st.none() | st.integers(0, 60)),
            "wheelchair": draw(st.booleans()),
        },
        "loneliness": draw(
            st.none()
            | st.just(
                {
                    "scale": scale,
                    "emotional": draw(st.integers(0, top[0])),
                    "social": draw(st.integers(0, top[1])),
                }
            )
        ),
        "positive_health": {
            "zingeving": draw(st.none() | st.integers(0, 10)),
            "meedoen": draw(st.none() | st.integers(0, 10)),
            "mentaal_welbevinden": draw(st.none() | st.integers(0, 10)),
        },
        "availability": draw(slots),
        "max_cost_per_month": draw(st.none() | st.sampled_from([0.0, 5.0, 20.0])),
        "languages": draw(languages),
        "social_preference": draw(
            st.sampled_from(["one_on_one", "small_group", "large_group", "no_preference"])
        ),
        "open_to": draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=4, unique=True)),
        "open_to_delivery": draw(
            st.lists(st.sampled_from(DELIVERIES), min_size=1, max_size=3, unique=True)
        ),
    }
