"""Fill a journal with fictional trajectories: for the README, the notebook, the benchmarks
and the tests. Nothing here is about real people.

- :func:`demo_journal` records trajectories on the bundled demo catalogue, each through the
  public API (referral, offers from :func:`wor_match.recommend`, events, DJG-11 and ONS4
  measurements, closing), with seeded randomness.
- :func:`journal_from_dataset` imports a research dataset (e.g. :func:`make_synthetic`):
  one referral per client with its profile, and its interaction events in bulk.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from wor_match.journal._journal import Journal

__all__ = ["demo_journal", "journal_from_dataset"]

_TOWNS = (("2181", "huisarts:Hillegom-1"), ("2182", "huisarts:Hillegom-2"),
          ("6231", "huisarts:Meerssen"), ("7511", "huisarts:Enschede"),
          ("3431", "huisarts:Nieuwegein"))  # fmt: skip
_INTERESTS = ("tuinieren", "wandelen", "zingen", "koken", "handwerken", "schilderen",
              "klussen", "kaarten", "lezen", "fietsen", "muziek", "computeren")  # fmt: skip
_REASONS = ("eenzaamheid", "somberheid", "zingeving", "geldzorgen", "stress")
_DROPOUT = ("gezondheid", "vervoer", "klikte niet", "te druk")
_STAGE = {"offered": 0, "declined": 1, "accepted": 1, "started": 2, "continued": 3,
          "dropped_out": 3}  # fmt: skip


def _djg_answers(rng: np.random.Generator, lonely: float) -> dict[str, str]:
    """Eleven answers; ``lonely`` (0-1) is the chance of an answer that scores 1."""
    negative = {2, 3, 5, 6, 9, 10}
    answers = {}
    for item in range(1, 12):
        scores = rng.random() < lonely
        if item in negative:
            answers[str(item)] = (
                ("ja" if rng.random() < 0.6 else "min_of_meer") if scores else "nee"
            )
        else:
            answers[str(item)] = (
                ("nee" if rng.random() < 0.6 else "min_of_meer") if scores else "ja"
            )
    return answers


def demo_journal(
    journal: Journal,
    *,
    referrals: int = 120,
    seed: int = 0,
    start: dt.date = dt.date(2026, 1, 5),
    days: int = 180,
) -> list[str]:
    """Record ``referrals`` fictional trajectories opened over ``days`` from ``start`` (on the
    demo catalogue); returns their ids. About three in four start an activity; of those most
    are still going at three months, the others drop out with a reason; loneliness answers
    tend to improve for those who keep going."""
    from wor_match.recommender import load_demo_catalogue, recommend

    rng = np.random.default_rng(seed)
    catalogue = load_demo_catalogue()
    refs = []
    for i in range(referrals):
        postcode, practice = _TOWNS[int(rng.integers(len(_TOWNS)))]
        client = f"demo-{i:04d}"
        chosen = rng.choice(len(_INTERESTS), size=2, replace=False)
        profile = {"client_id": client, "home": {"postcode": postcode},
                   "age": int(rng.integers(25, 90)),
                   "interests": [_INTERESTS[int(j)] for j in chosen]}  # fmt: skip
        opened = start + dt.timedelta(days=int(rng.integers(days)))
        picked = rng.choice(len(_REASONS), size=1 + int(rng.random() < 0.3), replace=False)
        reasons = [_REASONS[int(j)] for j in picked]
        ref = journal.open_referral(client, date=opened, referred_by=practice,
                                    reasons=reasons, profile=profile,
                                    coach=f"coach-{1 + i % 3}")  # fmt: skip
        refs.append(ref)
        intake = opened + dt.timedelta(days=int(rng.integers(3, 21)))
        journal.record_event(ref, None, "intake", date=intake)
        lonely = float(rng.uniform(0.2, 0.8))
        journal.record_measure(
            ref, "djg11", _djg_answers(rng, lonely), date=intake, moment="intake"
        )
        journal.record_measure(ref, "ons4", {"life_satisfaction": int(rng.integers(3, 8)),
                                             "happiness": int(rng.integers(3, 8))},
                               date=intake, moment="intake")  # fmt: skip
        recs = recommend(profile, catalogue, k=3, today=intake)
        if len(recs) == 0:
            journal.close_referral(ref, date=intake + dt.timedelta(days=7), outcome="cancelled",
                                   reason="geen passend aanbod")  # fmt: skip
            continue
        journal.record_offers(ref, recs, date=intake, catalogue=catalogue)
        pick = recs[int(rng.integers(len(recs)))].activity_id
        for item in recs:
            if item.activity_id != pick:
                journal.record_event(ref, item.activity_id, "declined", date=intake)
        if rng.random() < 0.2:
            journal.record_event(ref, pick, "declined", date=intake + dt.timedelta(days=2))
            journal.close_referral(ref, date=intake + dt.timedelta(days=30), outcome="failed",
                                   reason="niets gevonden dat past")  # fmt: skip
            continue
        journal.record_event(ref, pick, "accepted", date=intake + dt.timedelta(days=2))
        began = intake + dt.timedelta(days=int(rng.integers(5, 15)))
        journal.record_event(ref, pick, "started", date=began)
        close = max(
            opened + dt.timedelta(days=int(rng.integers(100, 125))), began + dt.timedelta(days=95)
        )
        keeps_going = rng.random() < 0.7
        if keeps_going:
            journal.record_event(ref, pick, "continued", date=began + dt.timedelta(days=90))
        else:
            journal.record_event(ref, pick, "dropped_out", date=began + dt.timedelta(days=30),
                                 reason=_DROPOUT[int(rng.integers(len(_DROPOUT)))])  # fmt: skip
        after = max(0.05, lonely - (0.25 if keeps_going else 0.05))
        journal.record_measure(ref, "djg11", _djg_answers(rng, after), date=close, moment="close")
        journal.record_measure(ref, "ons4", {"life_satisfaction": int(rng.integers(4, 10)),
                                             "happiness": int(rng.integers(4, 10))},
                               date=close, moment="close")  # fmt: skip
        journal.close_referral(ref, date=close, outcome="completed")
    return refs


def journal_from_dataset(journal: Journal, dataset: Any, *, lead_days: int = 7) -> list[str]:
    """One referral per client of ``dataset`` (opened ``lead_days`` before its first event,
    with the client's profile) and every interaction event, in two bulk writes."""
    events = dataset.interactions.copy()
    events["date"] = pd.to_datetime(events["timestamp"]).dt.tz_localize(None).dt.date
    first = events.groupby("client_id")["date"].min()
    profiles = dataset.profile_by_id
    clients = [c for c in first.index if c in profiles]
    frame = pd.DataFrame(
        {
            "client_id": clients,
            "date": [first[c] - dt.timedelta(days=lead_days) for c in clients],
            "referred_by": "huisarts:synthetic",
            "profile": [profiles[c] for c in clients],
        }
    )
    refs = journal.open_referrals(frame)
    ref_of = dict(zip(clients, refs, strict=True))
    events = events[events["client_id"].isin(ref_of)]
    events = events.assign(stage=events["event"].map(_STAGE)).sort_values(
        ["client_id", "date", "stage"], kind="stable"
    )
    journal.record_events(
        pd.DataFrame(
            {
                "referral_id": events["client_id"].map(ref_of),
                "target": events["activity_id"],
                "event": events["event"],
                "date": events["date"],
                "reason": events["reason"].replace("", None),
            }
        )
    )
    return refs
