"""Erasure (forget, purge) leaves no row behind; four writers at once lose nothing. Both
backends."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import sqlalchemy as sa

import wor_match as wm
from tests.journal._workers import write_many
from wor_match.journal import Journal
from wor_match.journal._schema import make_engine
from wor_match.journal._tables import ALL_TABLES

D0 = dt.date(2026, 11, 2)
ANNA = {"client_id": "anna-001", "home": {"postcode": "2181"}}


def fill(journal: Journal, client: str, *, closed_on: dt.date | None = None) -> str:
    ref = journal.open_referral(client, date=D0, referred_by="huisarts:H1",
                                profile={**ANNA, "client_id": client})  # fmt: skip
    recs = wm.recommend({**ANNA, "client_id": client}, k=2, today=D0)
    journal.record_offers(ref, recs, date=D0)
    first = journal.record_event(ref, recs[0].activity_id, "accepted", date=D0)
    journal.record_event(ref, recs[0].activity_id, "declined", date=D0, corrects=first)
    journal.record_measure(ref, "ucla3", {"1": 2, "2": 2, "3": 3}, date=D0, moment="intake")
    journal.record_measure(ref, "ons4", {"happiness": 7}, date=D0, moment="intake")
    if closed_on is not None:
        journal.close_referral(ref, date=closed_on, outcome="cancelled")
    return ref


def all_rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every journal table, whatever its organisation."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {t.name: [tuple(r) for r in conn.execute(sa.select(t))] for t in ALL_TABLES}
    finally:
        engine.dispose()


def mentions(rows: dict[str, list[tuple[object, ...]]], values: set[str]) -> list[str]:
    return [
        name for name, table in rows.items() for row in table
        if any(isinstance(v, str) and any(x in v for x in values) for v in row)
    ]  # fmt: skip


def test_forget_leaves_no_row_behind(url: str) -> None:
    with Journal(url, organisation="org-a") as journal, Journal(url, organisation="org-b") as other:
        refs = [fill(journal, "anna-001"), fill(journal, "anna-001", closed_on=D0)]
        kept = fill(journal, "bert-002")
        elsewhere = fill(other, "anna-001")  # the same pseudonym in another organisation
        before = all_rows(url)
        removed = journal.forget("anna-001")
        assert removed == {"referrals": 2, "events": 2 * 4 + 1, "offers": 4, "measures": 4,
                           "measure_scores": 2 * 2}  # fmt: skip
        after = all_rows(url)
        assert mentions(after, set(refs)) == []
        assert sum(map(len, before.values())) - sum(map(len, after.values())) == sum(
            removed.values()
        )
        # the accepted offer was corrected to a decline: the referral is still requested
        assert journal.status(kept) == "requested"
        assert other.status(elsewhere) == "requested"
        assert len(other.history(elsewhere)) == 2 + 2 + 2
        assert journal.forget("anna-001") == dict.fromkeys(removed, 0)
        assert journal.referrals(client_id="anna-001").empty


def test_purge_removes_what_closed_before_the_day(url: str) -> None:
    with Journal(url, organisation="org-a") as journal:
        old = fill(journal, "c-old", closed_on=D0 + dt.timedelta(days=5))
        recent = fill(journal, "c-recent", closed_on=D0 + dt.timedelta(days=50))
        still_open = fill(journal, "c-open")
        removed = journal.purge(before=D0 + dt.timedelta(days=30))
        assert removed["referrals"] == 1
        rows = all_rows(url)
        assert mentions(rows, {old, "c-old"}) == []
        assert {r.referral_id for r in journal.referrals().itertuples()} == {recent, still_open}
        assert journal.purge(before=D0)["referrals"] == 0


def test_four_writers_lose_nothing(url: str) -> None:
    referrals = 6
    with Journal(url, organisation="org-a") as journal:
        shared = journal.open_referral("shared", date=D0, referred_by="huisarts:H1")
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        written = pool.starmap(write_many, [(url, w, shared, referrals) for w in range(4)])
    assert written == [4 * referrals] * 4
    with Journal(url, organisation="org-a") as journal:
        counts = journal.counts()
        assert counts["wm_referral"] == 1 + 4 * referrals
        assert counts["wm_event"] == 4 * referrals * 3
        history = journal.history(shared)
        assert len(history) == 4 * referrals
        assert history["target"].nunique() == 4 * referrals
        assert set(journal.referrals()["status"]) == {"accepted", "requested"}
