"""Plain-Python reference rules for pairs of people (written from docs, not from the code),
and Hypothesis strategies for small pools around one town."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import strategies as st

from wor_match.geo.travel import DETOUR_FACTOR, TRAVEL_MODES
from wor_match.people import Person

LAT, LON = 52.09, 5.12
EARTH_KM = 6371.0088


def great_circle_km(a: Person, b: Person) -> float:
    phi1, phi2 = math.radians(a.home.lat), math.radians(b.home.lat)
    dphi = phi2 - phi1
    dlam = math.radians(b.home.lon - a.home.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, h)))


def reaches(person: Person, km: float) -> bool:
    """The person can travel ``km`` (straight line) within their own minutes."""
    mode = TRAVEL_MODES[person.mobility.mode]
    if mode.speed_kmh == 0:
        return False
    minutes = mode.overhead_minutes + km * DETOUR_FACTOR / mode.speed_kmh * 60
    return minutes <= person.mobility.minutes + 1e-9


def _prefs_ok(asking: Person, other: Person) -> bool:
    pref = asking.partner
    if pref.min_age is not None or pref.max_age is not None:
        if other.age is None:
            return False
        if pref.min_age is not None and other.age < pref.min_age:
            return False
        if pref.max_age is not None and other.age > pref.max_age:
            return False
    if pref.gender and other.gender not in pref.gender:
        return False
    return not (pref.languages and not set(pref.languages) & set(other.languages))


def allowed(purpose: str, seeker: Person, partner: Person) -> bool:
    """Every hard rule of docs/people.md, for a seeker and a partner (giver or peer)."""
    if not (seeker.consent and partner.consent) or seeker.person_id == partner.person_id:
        return False
    if purpose not in seeker.seeks:
        return False
    if purpose == "peer" and purpose not in partner.seeks:
        return False
    if purpose != "peer" and (purpose not in partner.offers or partner.capacity < 1):
        return False
    if not (_prefs_ok(seeker, partner) and _prefs_ok(partner, seeker)):
        return False
    if not set(seeker.languages) & set(partner.languages):
        return False
    km = great_circle_km(seeker, partner)
    if purpose == "peer":
        hs = seeker.mobility.mode == "housebound"
        hp = partner.mobility.mode == "housebound"
        if hs and hp:
            return False
        if not hs and not reaches(seeker, km):
            return False
        if not hp and not reaches(partner, km):
            return False
    elif not reaches(partner, km):
        return False
    a, b = seeker.availability_mask, partner.availability_mask
    if a and b and not a & b:
        return False
    return not (purpose == "meals" and not set(seeker.diet) <= set(partner.diet))


slots = st.lists(
    st.sampled_from(["mon:morning", "tue:morning", "tue:evening", "sat:afternoon"]),
    max_size=3,
    unique=True,
)
INTERESTS = ["wandelen", "tuinieren", "koken", "museum", "schaken", "zingen", "fietsen"]


@st.composite
def person_records(draw: st.DrawFn, person_id: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "person_id": person_id,
        "home": {
            "lat": LAT + draw(st.floats(-0.012, 0.012)),
            "lon": LON + draw(st.floats(-0.02, 0.02)),
        },
        "consent": draw(st.sampled_from([True, True, True, False])),
        "seeks": draw(
            st.lists(st.sampled_from(["peer", "buddy", "meals"]), max_size=2, unique=True)
        ),
        "offers": draw(st.lists(st.sampled_from(["buddy", "meals"]), max_size=2, unique=True)),
        "capacity": draw(st.integers(0, 3)),
        "age": draw(st.none() | st.integers(20, 90)),
        "gender": draw(st.none() | st.sampled_from(["female", "male"])),
        "interests": draw(st.lists(st.sampled_from(INTERESTS), max_size=3, unique=True)),
        "availability": draw(slots),
        "languages": draw(st.sampled_from([["nl"], ["nl", "en"], ["ar"], ["en"]])),
        "mobility": {
            "mode": draw(st.sampled_from(["walking", "bicycle", "housebound", "car"])),
            "max_minutes": draw(st.sampled_from([10, 20, 30])),
        },
        "diet": draw(
            st.lists(st.sampled_from(["halal", "vegetarian", "soft"]), max_size=2, unique=True)
        ),
    }
    partner: dict[str, Any] = {}
    if draw(st.integers(0, 4)) == 0:
        partner["min_age"] = draw(st.integers(20, 60))
    if draw(st.integers(0, 4)) == 0:
        partner["gender"] = [draw(st.sampled_from(["female", "male"]))]
    if draw(st.integers(0, 6)) == 0:
        partner["languages"] = ["en"]
    if partner:
        record["partner"] = partner
    return record


@st.composite
def pools(draw: st.DrawFn, min_size: int = 2, max_size: int = 9) -> list[dict[str, Any]]:
    n = draw(st.integers(min_size, max_size))
    return [draw(person_records(f"p{i}")) for i in range(n)]
