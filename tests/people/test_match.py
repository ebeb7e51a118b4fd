"""match_people: the two-clients story, hand-computed scores, privacy and properties."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wor_match.geo.distance import haversine_km
from wor_match.people import People, match_people
from wor_match.people.rules import REASON_CODES
from wor_match.people.scoring import WEIGHTS

from .reference import allowed, pools

WALK_RADIUS_KM = (20 / 60) * 4.5 / 1.3  # 20 minutes walking at 4.5 km/h, detour 1.3


def person(pid: str, **fields: Any) -> dict[str, Any]:
    return {"person_id": pid, "home": {"lat": 52.3, "lon": 4.56}, "consent": True,
            "seeks": "peer", **fields}  # fmt: skip


def test_two_clients_with_the_same_wish_rank_each_other_first() -> None:
    """The coach's story: two clients who both want to volunteer in arts and culture had not
    taken the step; introduced to each other, they now go together."""
    records = [
        person("ans", interests=["vrijwilligerswerk in kunst en cultuur"],
               home={"postcode": "2181"}, availability="tue:morning;thu:afternoon"),
        person("bert", interests=["vrijwilliger in het museum", "cultuur"],
               home={"postcode": "2182"}, availability="tue:morning", mobility={"mode": "bicycle"}),
        person("cor", interests=["voetbal kijken"], home={"postcode": "2181"}),
        person("dina", interests=["tuinieren"], home={"postcode": "2181"},
               availability="tue:morning"),
        person("eva", interests=["zingen", "koor"], home={"postcode": "2182"}),
    ]  # fmt: skip
    people = People.from_records(records)
    assert match_people("ans", people)[0].person_id == "bert"
    assert match_people("bert", people)[0].person_id == "ans"
    reasons = match_people("ans", people)[0].reasons
    assert reasons[0].startswith("Delen de interesse: ")
    assert "cultuur en musea" in reasons[0]


def test_scores_are_hand_computed() -> None:
    """A (walking) likes walking; B (walking) likes walking and gardening; both free on
    Tuesday morning, B also on Saturday; 0.5 km apart."""
    a = person("a", interests=["wandelen"], availability="tue:morning")
    b = person("b", interests=["wandelen", "tuinieren"], availability="tue:morning;sat:afternoon",
               home={"lat": 52.3, "lon": 4.56 + 0.5 / (111.2 * 0.6115)})  # fmt: skip
    people = People.from_records([a, b])
    km = float(haversine_km(52.3, 4.56, [52.3], [b["home"]["lon"]])[0])
    closeness = 1 - km / WALK_RADIUS_KM
    # A's side: all of A's themes shared (3.0), all of A's slots shared (1.0)
    forward = 1 + 3.0 * 1 + 1.0 * 1 + closeness
    # B's side: half of B's themes (1.5), half of B's slots (0.5)
    backward = 1 + 3.0 * 0.5 + 1.0 * 0.5 + closeness
    match = match_people("a", people)[0]
    assert match.score_forward == pytest.approx(forward, abs=1e-9)
    assert match.score_backward == pytest.approx(backward, abs=1e-9)
    assert match.score == pytest.approx(2 * forward * backward / (forward + backward), abs=1e-9)
    assert match.distance_km == pytest.approx(km, abs=1e-12)
    # the same pair asked from the other side
    other = match_people("b", people)[0]
    assert other.score == pytest.approx(match.score, abs=1e-12)
    assert other.score_forward == pytest.approx(backward, abs=1e-9)


def test_one_sided_enthusiasm_does_not_make_a_match() -> None:
    """B shares A's one interest, but A shares one of B's three: the harmonic mean sits
    near the lower side, below a pair that fits both ways."""
    records = [
        person("a", interests=["wandelen"]),
        person("b", interests=["wandelen", "tuinieren", "koken"]),
        person("c", interests=["wandelen"], home={"lat": 52.303, "lon": 4.56}),
    ]
    ranked = match_people("a", People.from_records(records))
    assert ranked.ids == ["c", "b"]
    b = ranked[1]
    assert b.score_forward > ranked[0].score_forward  # b is nearer, so A's own side prefers b
    assert b.score < ranked[0].score


FORBIDDEN = ("eenza", "lonel", "gezondheid", "health", "zingeving", "meedoen", "rouw",
             "bereaved", "mantelzorg", "caregiver", "newcomer", "nieuwkomer", "schuld", "debt",
             "ziekte", "illness", "werkloos", "unemployed")  # fmt: skip


def test_reasons_never_reveal_health_loneliness_or_situation() -> None:
    private = {
        "loneliness": {"scale": "djg11", "emotional": 6, "social": 5},
        "positive_health": {"zingeving": 1, "meedoen": 2, "mentaal_welbevinden": 1},
        "situation": ["bereaved", "caregiver", "money_worries", "chronic_illness"],
    }
    records = [
        person("a", interests=["wandelen", "zingen"], availability="tue:morning", **private),
        person("b", interests=["wandelen", "zingen"], availability="tue:morning", **private),
    ]
    plain = [{k: v for k, v in r.items() if k not in private} for r in records]
    for language in ("nl", "en"):
        told = match_people("a", People.from_records(records), language=language)
        unsaid = match_people("a", People.from_records(plain), language=language)
        # the private fields change nothing: not the score, not a word of the reasons
        assert told.to_records() == unsaid.to_records()
        text = (str(told) + told.to_json() + told._repr_html_()).lower()
        assert not [word for word in FORBIDDEN if word in text]
        for side in (told[0].explanation.forward, told[0].explanation.backward):
            assert {c.feature for c in side.contributions} == set(WEIGHTS)


def test_excluded_why_not_and_frames() -> None:
    records = [
        person("a", interests=["wandelen"], languages="nl", partner={"min_age": 60}),
        person("b", interests=["wandelen"], age=70),
        person("c", consent=False),
        person("d", age=40),
        person("e", age=70, languages="en"),
        person("f", age=70, home={"lat": 52.5, "lon": 4.56}),
        person("g", age=70, seeks="buddy"),
    ]
    res = match_people("a", People.from_records(records))
    assert res.ids == ["b"]
    assert dict(res.excluded) == {
        "a": ("same_person",),
        "c": ("no_consent", "partner_age"),
        "d": ("partner_age",),
        "e": ("no_shared_language",),
        "f": ("too_far",),
        "g": ("not_seeking",),
    }
    assert res.why_not("c") == [
        "Geen toestemming om te koppelen",
        "Past niet bij een leeftijdswens",
    ]
    assert res.why_not("b") == ["Staat op plaats 1"]
    with pytest.raises(KeyError, match="no person with person_id 'zz' in this pool"):
        res.why_not("zz")
    frame = res.to_frame()
    assert list(frame.columns[:7]) == ["rank", "person_id", "score", "score_forward",
                                       "score_backward", "distance_km", "reasons"]  # fmt: skip
    assert "fwd_interest" in frame
    assert "bwd_closeness" in frame
    assert (
        str(res).splitlines()[0]
        == "Mensen voor a (maatje om samen te gaan): 1 van 1 passende, 6 uitgesloten"
    )
    assert "<table>" in res._repr_html_()


def test_why_not_for_a_fitting_person_lower_down() -> None:
    records = [person("a", interests=["wandelen"]), person("b", interests=["wandelen"]),
               person("c", interests=["koken"])]  # fmt: skip
    res = match_people("a", People.from_records(records), k=1, language="en")
    assert res.ids == ["b"]
    assert res.why_not("c")[0].startswith("Fits, but ranked 2 (score ")


def test_buddy_seeker_gets_givers_and_giver_gets_seekers() -> None:
    records = [
        person("seeker", seeks="buddy", mobility={"mode": "housebound"}),
        person(
            "visitor",
            seeks="",
            offers="buddy",
            mobility={"mode": "bicycle"},
            home={"lat": 52.31, "lon": 4.56},
        ),
        person("stays_home", seeks="", offers="buddy", mobility={"mode": "housebound"}),
        person("full", seeks="", offers="buddy", capacity=0),
    ]
    people = People.from_records(records)
    res = match_people("seeker", people, purpose="buddy")
    assert res.role == "seeker"
    assert res.ids == ["visitor"]
    assert res.excluded["stays_home"] == ("too_far",)
    assert res.excluded["full"] == ("no_room",)
    back = match_people("visitor", people, purpose="buddy")
    assert back.role == "giver"
    assert back.ids == ["seeker"]


def test_a_record_from_outside_the_pool() -> None:
    people = People.from_records([person("b", interests=["wandelen"], languages="nl;ar")])
    res = match_people(person("new", interests=["wandelen"], languages="ar"), people)
    assert res.ids == ["b"]
    assert res.person_id == "new"


def test_parameter_errors() -> None:
    people = People.from_records([person("a")])
    with pytest.raises(
        ValueError,
        match=r"The 'purpose' parameter of match_people must be 'peer', 'buddy' or 'meals'\. "
        r"Got 'friends' instead\.",
    ):
        match_people("a", people, purpose="friends")  # type: ignore[arg-type]
    with pytest.raises(
        ValueError,
        match=r"The 'k' parameter of match_people must be an int in the range \[1, inf\)\. "
        r"Got 0 instead\.",
    ):
        match_people("a", people, k=0)
    with pytest.raises(
        ValueError, match="The 'language' parameter of match_people must be 'nl' or 'en'"
    ):
        match_people("a", people, language="de")  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="no person with person_id 'x' in this pool"):
        match_people("x", people)


PURPOSE = st.sampled_from(["peer", "buddy", "meals"])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(records=pools())
def test_peer_scores_are_symmetric(records: list[dict[str, Any]]) -> None:
    people = People.from_records(records)
    results = {p.person_id: match_people(p.person_id, people, k=len(people)) for p in people}
    scores = {(pid, m.person_id): m.score for pid, res in results.items() for m in res}
    for (a, b), score in scores.items():
        assert (b, a) in scores
        assert scores[(b, a)] == pytest.approx(score, abs=1e-12)


@SETTINGS
@given(records=pools(), purpose=PURPOSE)
def test_no_hard_rule_is_ever_broken(records: list[dict[str, Any]], purpose: str) -> None:
    people = People.from_records(records)
    for asking in people:
        res = match_people(asking.person_id, people, purpose=purpose, k=len(people))  # type: ignore[arg-type]
        listed = set(res.ids)
        for other in people:
            seeker, partner = (other, asking) if res.role == "giver" else (asking, other)
            fits = allowed(purpose, seeker, partner)
            assert (other.person_id in listed) == fits, (asking.person_id, other.person_id)
            assert (other.person_id in res.excluded) == (not fits)
            if not fits:
                assert set(res.excluded[other.person_id]) <= set(REASON_CODES)


@SETTINGS
@given(records=pools(), purpose=PURPOSE)
def test_explanations_add_up(records: list[dict[str, Any]], purpose: str) -> None:
    people = People.from_records(records)
    for asking in people:
        for match in match_people(asking.person_id, people, purpose=purpose, k=len(people)):  # type: ignore[arg-type]
            for side, total in ((match.explanation.forward, match.score_forward),
                                (match.explanation.backward, match.score_backward)):  # fmt: skip
                assert side.baseline + sum(c.points for c in side.contributions) == pytest.approx(
                    total, abs=1e-9
                )
                for c in side.contributions:
                    assert c.points == pytest.approx(WEIGHTS[c.feature] * c.value, abs=1e-12)
                    assert 0.0 <= c.value <= 1.0
            a, b = match.score_forward, match.score_backward
            assert match.score == pytest.approx(2 * a * b / (a + b), abs=1e-9)
            assert min(a, b) - 1e-12 <= match.score <= max(a, b) + 1e-12


@SETTINGS
@given(records=pools(), purpose=PURPOSE, seed=st.integers(0, 1000))
def test_results_do_not_depend_on_row_order(
    records: list[dict[str, Any]], purpose: str, seed: int
) -> None:
    shuffled = records[:]
    random.Random(seed).shuffle(shuffled)
    first, second = People.from_records(records), People.from_records(shuffled)
    for asking in first:
        a = match_people(asking.person_id, first, purpose=purpose, k=3)  # type: ignore[arg-type]
        b = match_people(asking.person_id, second, purpose=purpose, k=3)  # type: ignore[arg-type]
        assert a.to_records() == b.to_records()
        assert dict(a.excluded) == dict(b.excluded)
