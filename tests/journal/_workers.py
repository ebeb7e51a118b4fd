"""Worker of the concurrency test (a module of its own so that spawned processes import it
without importing the test module)."""

from __future__ import annotations

import datetime as dt

from wor_match.journal import Journal


def write_many(url: str, worker: int, shared: str, referrals: int) -> int:
    """Open referrals and record events on them and on one shared referral; returns the
    number of rows this worker wrote."""
    day = dt.date(2026, 11, 2)
    written = 0
    with Journal(url, organisation="org-a") as journal:
        for n in range(referrals):
            ref = journal.open_referral(f"w{worker}-{n}", date=day, referred_by="huisarts:H1")
            journal.record_event(ref, f"act-{n}", "offered", date=day)
            journal.record_event(ref, f"act-{n}", "accepted", date=day)
            journal.record_event(shared, f"w{worker}-act-{n}", "offered", date=day)
            written += 4
    return written
