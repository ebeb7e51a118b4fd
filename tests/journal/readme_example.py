"""The README's journal example, run by tests/journal/test_readme_journal.py (the README shows
exactly what this prints)."""

from __future__ import annotations

import datetime as dt

import wor_match as wm
from wor_match.journal.demo import demo_journal


def letter_and_report() -> tuple[str, str]:
    # fmt: off
    # --8<-- [start:example]
    journal = wm.Journal("sqlite://", organisation="welzijn-hillegom")
    profile = {"client_id": "anna-001", "home": {"postcode": "2181"}, "age": 78,
               "interests": ["tuinieren", "handwerken"], "energy_drains": ["drukte"]}
    d = dt.date(2026, 11, 2)
    ref = journal.open_referral("anna-001", date=d, referred_by="huisarts:H1",
                                reasons=["eenzaamheid"], profile=profile)
    intake = d + dt.timedelta(days=9)
    answers = {"1": "ja", "2": "ja", "3": "min_of_meer", "4": "ja", "5": "ja", "6": "nee",
               "7": "min_of_meer", "8": "ja", "9": "ja", "10": "nee", "11": "ja"}
    journal.record_measure(ref, "djg11", answers, date=intake, moment="intake")
    recs = wm.recommend(profile, k=3, today=intake)
    journal.record_offers(ref, recs, date=intake)
    garden = recs[0].activity_id
    journal.record_event(ref, garden, "accepted", date=intake)
    journal.record_event(ref, recs[1].activity_id, "declined", date=intake, reason="te ver")
    journal.record_event(ref, garden, "started", date=intake + dt.timedelta(days=3))
    journal.record_event(ref, garden, "continued", date=d + dt.timedelta(days=100))
    journal.record_measure(ref, "djg11", {**answers, "2": "nee", "5": "nee"},
                           date=d + dt.timedelta(days=110), moment="close")
    journal.close_referral(ref, date=d + dt.timedelta(days=110),
                           next_steps="Anna gaat zelfstandig verder met de moestuin.")
    letter = journal.gp_feedback(ref)

    demo_journal(journal, referrals=150, seed=1)    # 150 invented trajectories in 2026
    report = journal.report(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    # --8<-- [end:example]
    # fmt: on
    return letter, report.to_markdown()
