"""The journal's contract (issue 13) on both backends: referrals, offers, events, measures,
closing, history, filters and the clear errors."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

import wor_match as wm
from wor_match.journal import (
    Journal,
    JournalError,
    ReferralClosedError,
    TransitionError,
    UnknownEventError,
    UnknownReferralError,
)

D0 = dt.date(2026, 11, 2)
ANNA = {"client_id": "anna-001", "home": {"postcode": "2181"}, "age": 78,
        "interests": ["tuinieren", "handwerken"]}  # fmt: skip


def days(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


@pytest.fixture(scope="module")
def recs() -> wm.Recommendations:
    return wm.recommend(ANNA, k=3, today=dt.date(2026, 11, 22))


def open_ref(journal: Journal, client: str = "anna-001", **kwargs: object) -> str:
    return journal.open_referral(
        client, date=D0, referred_by="huisarts:H1", reasons=["eenzaamheid"], **kwargs
    )


def test_one_trajectory(journal: Journal, recs: wm.Recommendations) -> None:
    ref = open_ref(journal, profile=ANNA, coach="coach-1")
    assert journal.status(ref) == "requested"
    offered = journal.record_offers(ref, recs, date=days(7))
    assert len(offered) == 3
    first = recs[0].activity_id
    journal.record_event(ref, first, "accepted", date=days(8))
    assert journal.status(ref) == "accepted"
    journal.record_event(ref, first, "started", date=days(10))
    assert journal.status(ref) == "in-progress"
    journal.record_event(ref, recs[1].activity_id, "declined", date=days(8), reason="te druk")
    journal.record_event(ref, first, "continued", date=days(100))
    journal.close_referral(ref, date=days(110), outcome="completed")
    assert journal.status(ref) == "completed"
    history = journal.history(ref)
    assert list(history["event"]) == [
        "offered", "offered", "offered", "accepted", "declined", "started", "continued",
        "closed",
    ]  # fmt: skip
    assert list(history["date"]) == sorted(history["date"])
    record = journal.referral(ref)
    assert record["profile"]["client_id"] == "anna-001"
    assert record["reasons"] == ["eenzaamheid"]
    assert (record["closed_on"], record["outcome"]) == (days(110), "completed")


def test_offers_store_what_was_shown(journal: Journal, recs: wm.Recommendations) -> None:
    ref = open_ref(journal)
    journal.record_offers(ref, recs, date=days(7), propensities=[1.0, 0.5, 0.25])
    offers = journal.history(ref)
    details = offers["detail"].tolist()
    assert [d["rank"] for d in details] == [1, 2, 3]
    for item, detail in zip(recs, details, strict=True):
        assert detail["score"] == pytest.approx(item.score)
        assert detail["baseline"] == pytest.approx(item.explanation.baseline)
        points = {c.feature: c.points for c in item.explanation.contributions}
        assert detail["points"] == pytest.approx(points)
        # the stored points still add up to the score
        assert detail["baseline"] + sum(detail["points"].values()) == pytest.approx(item.score)
        assert detail["ranker"] == "weighted"
        assert detail["ranker_version"].startswith("wor_match ")
        assert len(detail["catalogue_fingerprint"]) == 64
        assert detail["name"] == item.activity.name
    assert [d["propensity"] for d in details] == [1.0, 0.5, 0.25]
    # a deterministic ranker's offers were shown for sure
    ref2 = open_ref(journal, client="c2")
    journal.record_offers(ref2, recs, date=days(7))
    assert [d["propensity"] for d in journal.history(ref2)["detail"]] == [1.0, 1.0, 1.0]
    frame = journal.offers()
    assert len(frame) == 6
    assert set(frame["last_event"]) == {"offered"}


def test_catalogue_fingerprint_follows_the_catalogue(recs: wm.Recommendations) -> None:
    from wor_match.journal._journal import catalogue_fingerprint

    demo = wm.load_demo_catalogue()
    smaller = wm.Catalogue.from_frame(demo.to_frame().iloc[:-1])
    assert catalogue_fingerprint(demo) == catalogue_fingerprint(wm.load_demo_catalogue())
    assert catalogue_fingerprint(demo) != catalogue_fingerprint(smaller)


def test_offer_arguments_are_checked(journal: Journal, recs: wm.Recommendations) -> None:
    ref = open_ref(journal)
    with pytest.raises(ValueError, match="one value per recommendation"):
        journal.record_offers(ref, recs, date=D0, propensities=[1.0])
    with pytest.raises(ValueError, match=r"probabilities in \(0, 1\]"):
        journal.record_offers(ref, recs, date=D0, propensities=[1.0, 0.0, 1.0])


def test_people_matches_are_targets(journal: Journal) -> None:
    ref = open_ref(journal)
    journal.record_event(ref, "person-17", "offered", date=days(3), target_kind="person")
    journal.record_event(ref, "person-17", "accepted", date=days(4), target_kind="person")
    history = journal.history(ref)
    assert list(history["target_kind"]) == ["person", "person"]
    assert list(history["target"]) == ["person-17", "person-17"]
    # an activity with the same id is another target
    with pytest.raises(TransitionError, match="'accepted' for activity 'person-17' cannot follow"):
        journal.record_event(ref, "person-17", "accepted", date=days(4))


def test_referral_events_move_the_status(journal: Journal) -> None:
    ref = open_ref(journal)
    journal.record_event(ref, None, "received", date=days(1))
    assert journal.status(ref) == "received"
    journal.record_event(ref, None, "intake", date=days(5))
    assert journal.status(ref) == "accepted"
    journal.record_event(ref, None, "on_hold", date=days(6), reason="ziekenhuisopname")
    assert journal.status(ref) == "on-hold"
    with pytest.raises(TransitionError, match="record 'resumed' before 'offered'"):
        journal.record_event(ref, "hil-001", "offered", date=days(7))
    journal.record_event(ref, None, "resumed", date=days(20))
    assert journal.status(ref) == "accepted"
    journal.close_referral(ref, date=days(30), outcome="failed")
    assert journal.status(ref) == "failed"


@pytest.mark.parametrize(
    ("steps", "last", "message"),
    [
        ([], ("hil-001", "started"), "'started' for activity 'hil-001' cannot follow nothing"),
        ([("hil-001", "offered")], ("hil-001", "continued"), "cannot follow 'offered'"),
        ([(None, "intake")], (None, "intake"), "'intake' is possible only from"),
        ([], (None, "resumed"), "not on-hold: nothing to resume"),
        ([(None, "intake")], (None, "received"), "'received' is possible only from"),
    ],
)
def test_impossible_transitions(
    journal: Journal, steps: list[tuple[str | None, str]], last: tuple[str | None, str],
    message: str,
) -> None:  # fmt: skip
    ref = open_ref(journal)
    for target, event in steps:
        journal.record_event(ref, target, event, date=days(1))
    before = journal.counts()["wm_event"]
    with pytest.raises(TransitionError, match=message) as info:
        journal.record_event(ref, last[0], last[1], date=days(2))
    assert info.value.code == "impossible_transition"
    assert isinstance(info.value, ValueError)
    assert journal.counts()["wm_event"] == before  # nothing was written


def test_closing_rules(journal: Journal) -> None:
    ref = open_ref(journal)
    with pytest.raises(TransitionError, match="cannot close as 'completed'"):
        journal.close_referral(ref, date=days(1), outcome="completed")
    with pytest.raises(UnknownEventError, match="outcome must be one of"):
        journal.close_referral(ref, date=days(1), outcome="done")
    journal.close_referral(ref, date=days(1), outcome="rejected", reason="geen hulpvraag")
    assert journal.status(ref) == "rejected"
    with pytest.raises(ReferralClosedError, match="only corrections") as info:
        journal.record_event(ref, None, "received", date=days(2))
    assert info.value.code == "event_after_closing"
    with pytest.raises(ReferralClosedError, match="was closed on"):
        journal.close_referral(ref, date=days(3), outcome="cancelled")


def test_unknown_referral_and_event(journal: Journal) -> None:
    with pytest.raises(
        UnknownReferralError, match="no referral 'nope' in organisation 'org-a'"
    ) as info:
        journal.record_event("nope", None, "intake", date=D0)
    assert info.value.code == "unknown_referral"
    assert isinstance(info.value, LookupError)
    with pytest.raises(UnknownReferralError, match="strings open_referral"):
        journal.status(42)  # type: ignore[arg-type]
    ref = open_ref(journal)
    with pytest.raises(UnknownEventError, match="event must be one of") as event_info:
        journal.record_event(ref, "hil-001", "clicked", date=D0)
    assert event_info.value.code == "unknown_event"
    with pytest.raises(UnknownEventError, match="close a referral with close_referral"):
        journal.record_event(ref, None, "closed", date=D0)
    with pytest.raises(UnknownEventError, match="needs a target"):
        journal.record_event(ref, None, "offered", date=D0)
    with pytest.raises(UnknownEventError, match="give target=None"):
        journal.record_event(ref, "hil-001", "intake", date=D0)
    with pytest.raises(UnknownEventError, match="target_kind must be one of"):
        journal.record_event(ref, "hil-001", "offered", date=D0, target_kind="group")
    with pytest.raises(UnknownEventError, match="'retracted' needs corrects"):
        journal.record_event(ref, None, "retracted", date=D0)
    with pytest.raises(TransitionError, match="comes before it"):
        journal.record_event(ref, None, "intake", date=D0 - dt.timedelta(days=1))
    with pytest.raises(ValueError, match="date must be a date"):
        journal.record_event(ref, None, "intake", date="next week")
    assert issubclass(UnknownEventError, JournalError)


def test_corrections_append_and_replace(journal: Journal) -> None:
    ref = open_ref(journal)
    journal.record_event(ref, "hil-001", "offered", date=days(3))
    wrong = journal.record_event(ref, "hil-001", "declined", date=days(4))
    fixed = journal.record_event(
        ref, "hil-001", "accepted", date=days(4), corrects=wrong, reason="verkeerd genoteerd"
    )
    history = journal.history(ref)
    assert len(history) == 3  # nothing was overwritten
    row = history.set_index("id").loc[wrong]
    assert row["corrected_by"] == fixed
    assert journal.status(ref) == "accepted"
    journal.record_event(ref, "hil-001", "started", date=days(5))  # follows the correction
    with pytest.raises(TransitionError, match=f"already corrected by entry {fixed}"):
        journal.record_event(ref, "hil-001", "declined", date=days(4), corrects=wrong)
    with pytest.raises(TransitionError, match="has no entry 999 to correct"):
        journal.record_event(ref, None, "retracted", date=days(5), corrects=999)
    # a correction that breaks what follows is refused
    with pytest.raises(TransitionError, match="'started' for activity 'hil-001' cannot follow"):
        journal.record_event(ref, "hil-001", "declined", date=days(4), corrects=fixed)


def test_a_retracted_closing_reopens(journal: Journal) -> None:
    ref = open_ref(journal)
    journal.record_event(ref, None, "intake", date=days(3))
    closing = journal.close_referral(ref, date=days(5), outcome="cancelled")
    journal.record_event(ref, None, "retracted", date=days(6), corrects=closing,
                         reason="per ongeluk afgesloten")  # fmt: skip
    assert journal.status(ref) == "accepted"
    assert journal.referral(ref)["closed_on"] is None
    journal.record_event(ref, "hil-001", "offered", date=days(7))


def test_record_events_in_bulk(journal: Journal) -> None:
    refs = [open_ref(journal, client=f"c{i}") for i in range(3)]
    frame = pd.DataFrame(
        {
            "referral_id": [refs[0], refs[0], refs[0], refs[1], refs[2]],
            "target": ["hil-001", "hil-001", "hil-001", None, "hil-002"],
            "event": ["offered", "accepted", "started", "intake", "offered"],
            "date": [days(1), days(2), days(3), days(4), "2026-11-09"],
            "reason": [None, None, None, None, None],
        }
    )
    assert journal.record_events(frame) == 5
    assert [journal.status(r) for r in refs] == ["in-progress", "accepted", "requested"]
    assert journal.record_events(frame.iloc[:0]) == 0
    # one bad row: nothing of the frame is written
    before = journal.counts()
    bad = pd.DataFrame({"referral_id": [refs[1], refs[1]], "target": ["x", "x"],
                        "event": ["offered", "continued"], "date": [days(5), days(6)]})  # fmt: skip
    with pytest.raises(TransitionError, match=f"rows of referral {refs[1]}"):
        journal.record_events(bad)
    with pytest.raises(UnknownReferralError, match="row 0: no referral 'zz'"):
        journal.record_events(bad.assign(referral_id="zz"))
    with pytest.raises(UnknownEventError, match="row 1: event must be one of"):
        journal.record_events(bad.assign(event=["offered", "clicked"]))
    with pytest.raises(ValueError, match="needs the columns"):
        journal.record_events(bad.drop(columns="date"))
    with pytest.raises(ValueError, match="row 0: date must be a date"):
        journal.record_events(bad.assign(date=["soon", "later"]))
    assert journal.counts() == before


def test_bulk_equals_one_by_one() -> None:
    """The same events give the same statuses and logs, in bulk or one at a time."""
    rows = [("a", "hil-001", "offered", 1), ("a", "hil-001", "accepted", 2),
            ("b", None, "received", 1), ("a", "hil-001", "started", 3),
            ("b", "hil-002", "offered", 4), ("b", "hil-002", "declined", 5)]  # fmt: skip
    results = []
    for bulk in (True, False):
        with Journal("sqlite://") as j:
            refs = {c: j.open_referral(c, date=D0, referred_by="huisarts:H1") for c in "ab"}
            if bulk:
                j.record_events(pd.DataFrame(
                    [(refs[c], t, e, days(n)) for c, t, e, n in rows],
                    columns=["referral_id", "target", "event", "date"]))  # fmt: skip
            else:
                for c, t, e, n in rows:
                    j.record_event(refs[c], t, e, date=days(n))
            results.append(
                [(j.status(refs[c]), j.history(refs[c])[["date", "event", "target"]]
                  .to_dict("records")) for c in "ab"]
            )  # fmt: skip
    assert results[0] == results[1]


def test_referrals_filters_and_overdue_intakes(journal: Journal) -> None:
    late = journal.open_referral("c1", date=D0, referred_by="huisarts:H1", coach="k1")
    on_time = journal.open_referral("c2", date=D0, referred_by="poh:H2", practice="H2", coach="k2")
    fresh = journal.open_referral("c3", date=days(10), referred_by="huisarts:H1")
    journal.record_event(on_time, None, "intake", date=days(14))
    journal.record_event(late, None, "intake", date=days(15))
    closed = journal.open_referral("c4", date=D0, referred_by="huisarts:H1")
    journal.close_referral(closed, date=days(2), outcome="cancelled")
    today = days(20)
    frame = journal.referrals(today=today)
    assert list(frame["referral_id"]) == [late, on_time, closed, fresh]
    by_id = frame.set_index("referral_id")
    assert by_id.loc[on_time, "intake_days"] == 14
    assert not by_id.loc[on_time, "intake_overdue"]  # exactly 14 days is in time
    assert by_id.loc[late, "intake_overdue"]
    assert not by_id.loc[fresh, "intake_overdue"]  # 10 days waiting
    assert not by_id.loc[closed, "intake_overdue"]
    assert list(journal.referrals(today=days(25), overdue=True)["referral_id"]) == [fresh]
    assert journal.referrals(today=today, overdue=True).empty
    assert list(journal.referrals(open=False)["referral_id"]) == [closed]
    assert len(journal.referrals(open=True)) == 3
    assert list(journal.referrals(coach="k2")["referral_id"]) == [on_time]
    assert list(journal.referrals(practice="H2")["referral_id"]) == [on_time]
    assert list(journal.referrals(practice="huisarts:H1", status="requested")["referral_id"]) == [
        fresh
    ]
    assert list(journal.referrals(client_id="c4")["status"]) == ["cancelled"]
    with pytest.raises(UnknownEventError, match="status must be among"):
        journal.referrals(status="open")


def test_an_offer_counts_as_the_intake(journal: Journal) -> None:
    ref = open_ref(journal)
    journal.record_event(ref, "hil-001", "offered", date=days(9))
    assert journal.referrals(today=days(30))["intake_days"].tolist() == [9]


def test_open_referral_checks(journal: Journal) -> None:
    with pytest.raises(ValueError, match="client_id must be a non-empty string"):
        journal.open_referral("", date=D0, referred_by="huisarts:H1")
    with pytest.raises(ValueError, match="reasons must be a list"):
        journal.open_referral("c", date=D0, referred_by="h", reasons="eenzaamheid")
    with pytest.raises(ValueError, match="consent must be a list drawn from"):
        journal.open_referral("c", date=D0, referred_by="h", consent=["everything"])
    with pytest.raises(ValueError, match=r"profile\.client_id must equal"):
        journal.open_referral("c", date=D0, referred_by="h", profile=ANNA)
    with pytest.raises(wm.InvalidProfileError):
        journal.open_referral("c", date=D0, referred_by="h", profile={"client_id": "c"})
    ref = journal.open_referral("c", date=D0, referred_by="h")
    assert journal.referral(ref)["profile"] is None  # no snapshot unless given


def test_measures_are_scored(journal: Journal) -> None:
    ref = open_ref(journal)
    # DJG-6: items 3, 9, 10 emotional (negative), 4, 7, 8 social (positive)
    djg6 = {"3": "ja", "9": "min_of_meer", "10": "nee", "4": "nee", "7": "ja", "8": "ja"}
    measure = journal.record_measure(ref, "djg6", djg6, date=days(5), moment="intake")
    journal.record_measure(ref, "ons4", {"life_satisfaction": 6, "anxiety": 3}, date=days(5),
                           moment="intake")  # fmt: skip
    history = journal.history(ref)
    scores = history.loc[history["target"] == "djg6", "detail"].iat[0]
    # hand count: emotional 1 + 1 + 0 = 2, social 1 (4: nee) + 0 + 0 = 1
    assert scores == {"moment": "intake", "scores": {"total": 3.0, "emotional": 2.0, "social": 1.0}}
    assert history.loc[history["target"] == "ons4", "detail"].iat[0]["scores"] == {
        "life_satisfaction": 6.0, "anxiety": 3.0}  # fmt: skip
    again = journal.record_measure(ref, "djg6", {**djg6, "10": "ja"}, date=days(5),
                                   moment="intake", corrects=measure)  # fmt: skip
    history = journal.history(ref).set_index("id")
    assert history.loc[measure, "corrected_by"] == again
    assert pd.isna(history.loc[again, "corrected_by"])


def test_measure_errors(journal: Journal) -> None:
    ref = open_ref(journal)
    with pytest.raises(UnknownEventError, match="instrument must be one of"):
        journal.record_measure(ref, "phq9", {}, date=D0, moment="intake")
    with pytest.raises(UnknownEventError, match="moment must be one of"):
        journal.record_measure(ref, "ucla3", {}, date=D0, moment="later")
    journal.record_event(ref, None, "intake", date=days(1))
    journal.close_referral(ref, date=days(90), outcome="completed")
    with pytest.raises(ReferralClosedError, match="only a 'close' measurement"):
        journal.record_measure(ref, "ucla3", {"1": 1, "2": 1, "3": 1}, date=days(91),
                               moment="close")  # fmt: skip
    # the closing conversation's measurement may be entered after closing
    journal.record_measure(ref, "ucla3", {"1": 1, "2": 1, "3": 1}, date=days(90), moment="close")
    with pytest.raises(TransitionError, match="a measurement on 2026-11-01 comes before it"):
        journal.record_measure(ref, "ucla3", {"1": 1, "2": 1, "3": 1}, date=D0 - dt.timedelta(1),
                               moment="close")  # fmt: skip


def test_history_of_an_empty_referral(journal: Journal) -> None:
    ref = open_ref(journal)
    assert journal.history(ref).empty
    assert list(journal.history(ref).columns)[:4] == ["entry", "id", "date", "event"]


def test_reasons_are_stored_as_json(journal: Journal) -> None:
    ref = open_ref(journal)
    assert json.loads(json.dumps(journal.referral(ref)["reasons"])) == ["eenzaamheid"]
