"""assign: capacity, diets, the most seekers served (checked by an independent solver)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from scipy.optimize import Bounds, LinearConstraint, milp

from wor_match.people import People, Person, assign, match_people

from .reference import allowed, pools

DIETS = ["vegetarian", "halal", "diabetic", "soft", "gluten_free"]


def neighbourhood(seed: int, recipients: int = 40, cooks: int = 12) -> list[dict[str, Any]]:
    """A Thuisgekookt neighbourhood: housebound recipients with diets, cooks a few streets
    apart who cook some diets and take 1-3 neighbours."""
    rng = np.random.default_rng(seed)
    records = []
    for i in range(recipients):
        diet = [] if rng.random() < 0.4 else [str(rng.choice(DIETS))]
        records.append({
            "person_id": f"r{i:02d}", "consent": True, "seeks": "meals", "diet": diet,
            "home": {"lat": 52.03 + rng.normal(0, 0.006), "lon": 5.08 + rng.normal(0, 0.01)},
            "mobility": {"mode": "housebound"},
            "waiting_since": str(dt.date(2026, 1, 1) + dt.timedelta(days=int(rng.integers(300)))),
        })  # fmt: skip
    for i in range(cooks):
        records.append({
            "person_id": f"c{i:02d}", "consent": True, "offers": "meals",
            "capacity": int(rng.integers(1, 4)),
            "diet": sorted(rng.choice(DIETS, size=int(rng.integers(1, 4)), replace=False).tolist()),
            "home": {"lat": 52.03 + rng.normal(0, 0.006), "lon": 5.08 + rng.normal(0, 0.01)},
            "mobility": {"mode": str(rng.choice(["walking", "bicycle"]))},
        })  # fmt: skip
    return records


def independent_optimum(people: People, purpose: str) -> tuple[int, float]:
    """The most seekers a plan can serve and, among those plans, the highest total score:
    an integer program (scipy.optimize.milp, HiGHS) over every pair the reference rules
    allow, built by brute force over all pairs (no grid, no code under test but scores)."""
    seekers = [p for p in people if purpose in p.seeks]
    givers = [p for p in people if purpose in p.offers]
    edges = [(s, g) for s in seekers for g in givers if allowed(purpose, s, g)]
    if not edges:
        return 0, 0.0
    score = {}
    for s in seekers:
        for m in match_people(s.person_id, people, purpose=purpose, k=len(people)):  # type: ignore[arg-type]
            score[(s.person_id, m.person_id)] = m.score
    n = len(edges)
    rows = []
    upper = []
    for s in seekers:
        rows.append([1.0 if e[0] is s else 0.0 for e in edges])
        upper.append(1)
    for g in givers:
        rows.append([1.0 if e[1] is g else 0.0 for e in edges])
        upper.append(g.capacity)
    constraints = LinearConstraint(np.array(rows), -np.inf, np.array(upper, dtype=float))
    weights = np.array([score[(s.person_id, g.person_id)] for s, g in edges])
    big = weights.sum() + 1.0
    result = milp(-(big + weights), constraints=constraints, integrality=np.ones(n),
                  bounds=Bounds(0, 1))  # fmt: skip
    chosen = np.rint(result.x) > 0
    return int(chosen.sum()), float(weights[chosen].sum())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_meals_capacity_diets_and_the_most_recipients_served(seed: int) -> None:
    people = People.from_records(neighbourhood(seed))
    plan = assign(people, purpose="meals")
    by_id = {p.person_id: p for p in people}
    # no cook over capacity, and load says so
    counts = plan.pairs["giver_id"].value_counts().to_dict()
    for cook, (assigned, capacity) in plan.load.items():
        assert assigned == counts.get(cook, 0) <= capacity == by_id[cook].capacity
    # every recipient's diet is one their cook cooks; every pair passes every rule
    for row in plan.pairs.itertuples():
        recipient, cook = by_id[row.seeker_id], by_id[row.giver_id]
        assert set(recipient.diet) <= set(cook.diet)
        assert allowed("meals", recipient, cook)
    assert plan.pairs["seeker_id"].is_unique
    # as many served as an independent solver finds possible, and the best total score then
    served, total = independent_optimum(people, "meals")
    assert plan.served == served
    assert plan.pairs["score"].sum() == pytest.approx(total, abs=1e-6)
    # everyone is accounted for
    recipients = {p.person_id for p in people if "meals" in p.seeks}
    assert set(plan.pairs["seeker_id"]) | set(plan.unmatched) == recipients
    assert not set(plan.pairs["seeker_id"]) & set(plan.unmatched)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=pools(min_size=2, max_size=8))
def test_buddy_plans_are_optimal_and_within_the_rules(records: list[dict[str, Any]]) -> None:
    people = People.from_records(records)
    plan = assign(people, purpose="buddy")
    by_id = {p.person_id: p for p in people}
    for row in plan.pairs.itertuples():
        assert allowed("buddy", by_id[row.seeker_id], by_id[row.giver_id])
    for giver, (assigned, capacity) in plan.load.items():
        assert assigned <= capacity == by_id[giver].capacity
    served, total = independent_optimum(people, "buddy")
    assert plan.served == served
    assert plan.pairs["score"].sum() == pytest.approx(total, abs=1e-6)


def test_priority_serves_the_longest_waiting() -> None:
    home = {"lat": 52.0, "lon": 5.0}
    records = [
        {"person_id": "new", "home": home, "consent": True, "seeks": "buddy",
         "waiting_since": "2026-11-01", "interests": ["wandelen"]},
        {"person_id": "old", "home": home, "consent": True, "seeks": "buddy",
         "waiting_since": "2025-03-01"},
        {"person_id": "vol", "home": home, "consent": True, "offers": "buddy",
         "interests": ["wandelen"]},
    ]  # fmt: skip
    people = People.from_records(records)
    assert assign(people, purpose="buddy").pairs["seeker_id"].tolist() == ["new"]  # better fit
    plan = assign(people, purpose="buddy", priority="waiting", today=dt.date(2026, 12, 1))
    assert plan.pairs["seeker_id"].tolist() == ["old"]
    assert plan.unmatched == {"new": ("no_room",)}


def test_a_cap_on_a_popular_givers_share() -> None:
    home = {"lat": 52.0, "lon": 5.0}
    records = [{"person_id": f"s{i}", "home": home, "consent": True, "seeks": "buddy",
                "interests": ["wandelen"]} for i in range(4)]  # fmt: skip
    records += [
        {"person_id": "popular", "home": home, "consent": True, "offers": "buddy",
         "capacity": 4, "interests": ["wandelen"]},
        {"person_id": "quiet", "home": home, "consent": True, "offers": "buddy", "capacity": 4},
    ]  # fmt: skip
    people = People.from_records(records)
    assert assign(people, purpose="buddy").load["popular"] == (4, 4)
    capped = assign(people, purpose="buddy", max_per_giver=2)
    assert capped.load == {"popular": (2, 2), "quiet": (2, 2)}
    assert capped.served == 4


def test_unmatched_reasons() -> None:
    records = [
        {"person_id": "far", "home": {"lat": 52.5, "lon": 5.0}, "consent": True, "seeks": "meals"},
        {"person_id": "vegan", "home": {"lat": 52.0, "lon": 5.0}, "consent": True,
         "seeks": "meals", "diet": "vegan"},
        {"person_id": "no", "home": {"lat": 52.0, "lon": 5.0}, "seeks": "meals"},
        {"person_id": "cook", "home": {"lat": 52.0, "lon": 5.0}, "consent": True,
         "offers": "meals", "diet": "halal"},
    ]  # fmt: skip
    plan = assign(People.from_records(records), purpose="meals", language="en")
    assert plan.served == 0
    assert plan.unmatched == {"far": ("too_far",), "vegan": ("diet_not_covered",),
                              "no": ("no_consent",)}  # fmt: skip
    assert str(plan).splitlines()[0] == "Plan (meals): 0 of 3 seekers matched, 3 not; 1 givers"
    assert list(plan.to_frame().columns) == [
        "seeker_id",
        "giver_id",
        "score",
        "distance_km",
        "reasons",
    ]


def brute_force_peer_pairs(people: People) -> int:
    """The most disjoint peer pairs, by trying every set of pairs (tiny pools only)."""
    peers = [p for p in people if "peer" in p.seeks]
    edges = [(a.person_id, b.person_id) for a, b in itertools.combinations(peers, 2)
             if allowed("peer", a, b)]  # fmt: skip
    for size in range(len(peers) // 2, 0, -1):
        for chosen in itertools.combinations(edges, size):
            ids = [pid for edge in chosen for pid in edge]
            if len(ids) == len(set(ids)):
                return size
    return 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=pools(min_size=2, max_size=7))
def test_peer_plans_pair_as_many_as_possible(records: list[dict[str, Any]]) -> None:
    people = People.from_records(records)
    plan = assign(people, purpose="peer")
    ids = plan.pairs["seeker_id"].tolist() + plan.pairs["giver_id"].tolist()
    assert len(ids) == len(set(ids))
    by_id: dict[str, Person] = {p.person_id: p for p in people}
    for row in plan.pairs.itertuples():
        assert allowed("peer", by_id[row.seeker_id], by_id[row.giver_id])
    assert plan.served == brute_force_peer_pairs(people)


def test_parameter_errors() -> None:
    people = People.from_records(neighbourhood(1, 2, 1))
    with pytest.raises(
        ValueError,
        match=r"The 'priority' parameter of assign must be 'waiting'\. Got 'age' instead\.",
    ):
        assign(people, priority="age")
    with pytest.raises(
        ValueError,
        match=r"The 'max_per_giver' parameter of assign must be None or an int in the range "
        r"\[1, inf\)\. Got 0 instead\.",
    ):
        assign(people, max_per_giver=0)
    with pytest.raises(
        ValueError,
        match=r"The 'purpose' parameter of assign must be 'peer', 'buddy' or 'meals'\. "
        r"Got 'cooking' instead\.",
    ):
        assign(people, purpose="cooking")  # type: ignore[arg-type]
