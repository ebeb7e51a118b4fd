"""The GP letter (PRSB sections, consent, both languages) and the municipal report (figures
computed by hand, small cells suppressed, small figures flagged). Both backends."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import wor_match as wm
from wor_match.journal import Journal

D0 = dt.date(2026, 11, 2)
ANNA = {"client_id": "anna-001", "home": {"postcode": "2181"}, "interests": ["tuinieren"],
        "energy_drains": ["drukte"]}  # fmt: skip
DJG = {"1": "ja", "2": "ja", "3": "min_of_meer", "4": "ja", "5": "ja", "6": "nee",
       "7": "min_of_meer", "8": "ja", "9": "ja", "10": "nee", "11": "ja"}  # fmt: skip


def days(n: int) -> dt.date:
    return D0 + dt.timedelta(days=n)


def trajectory(
    journal: Journal, consent: tuple[str, ...] = ("needs", "support", "outcomes")
) -> str:
    ref = journal.open_referral("anna-001", date=D0, referred_by="huisarts:H1",
                                reasons=["eenzaamheid"], profile=ANNA, consent=consent)  # fmt: skip
    recs = wm.recommend(ANNA, k=2, today=D0)
    journal.record_offers(ref, recs, date=days(9))
    journal.record_event(ref, recs[0].activity_id, "accepted", date=days(9))
    journal.record_event(ref, recs[0].activity_id, "started", date=days(12))
    journal.record_event(ref, recs[1].activity_id, "declined", date=days(9))
    journal.record_event(ref, "person-9", "offered", date=days(20), target_kind="person")
    journal.record_measure(ref, "djg11", DJG, date=days(9), moment="intake")
    # items 2 and 5 (emotional, negative) now "nee": emotional 4 -> 2, total 5 -> 3
    journal.record_measure(ref, "djg11", {**DJG, "2": "nee", "5": "nee"}, date=days(100),
                           moment="close")  # fmt: skip
    journal.record_event(ref, recs[0].activity_id, "continued", date=days(100))
    journal.close_referral(ref, date=days(105), next_steps="Anna gaat zelfstandig verder.")
    return ref


def test_letter_follows_the_prsb_sections(journal: Journal) -> None:
    ref = trajectory(journal)
    recs = wm.recommend(ANNA, k=2, today=D0)
    letter = journal.gp_feedback(ref)
    sections = [line for line in letter.splitlines() if line.startswith("## ")]
    assert sections == ["## Hulpvraag en wat belangrijk is", "## Aangeboden en opgepakt",
                        "## Uitkomsten: voor en na", "## Vervolg"]  # fmt: skip
    assert "**Stand:** afgerond, afgesloten op 15 februari 2027" in letter
    assert "- Reden van verwijzing: eenzaamheid" in letter
    assert "- Wat energie kost: drukte" in letter
    assert (
        f"Aangeboden op 11 november 2026: {recs[0].activity.name}, {recs[1].activity.name}."
        in letter
    )
    assert (
        f"- {recs[0].activity.name}: na drie maanden nog steeds deelnemer (10 februari 2027)"
        in letter
    )
    assert f"- {recs[1].activity.name}: niet voor gekozen" in letter
    assert "| De Jong Gierveld (11 vragen): totaal (0-11), lager is beter | 5 | 3 | -2 |" in letter
    assert (
        "| De Jong Gierveld (11 vragen): emotioneel (0-6), lager is beter | 4 | 2 | -2 |" in letter
    )
    assert "Anna gaat zelfstandig verder." in letter
    assert "person-9" not in letter  # the other person of a people match is never named
    assert "een koppeling met een maatje of andere deelnemer" in letter


def test_letter_in_english(journal: Journal) -> None:
    letter = journal.gp_feedback(trajectory(journal), language="en")
    assert "## Support offered and taken up" in letter
    assert "| De Jong Gierveld (11 items): total (0-11), lower is better | 5 | 3 | -2 |" in letter
    with pytest.raises(ValueError, match="language must be 'nl' or 'en'"):
        journal.gp_feedback(trajectory(journal), language="de")


def test_letter_shares_only_what_consent_allows(journal: Journal) -> None:
    ref = trajectory(journal, consent=("support",))
    letter = journal.gp_feedback(ref)
    assert letter.count("_Niet gedeeld: de cliënt gaf hiervoor geen toestemming._") == 2
    assert "eenzaamheid" not in letter
    assert "drukte" not in letter
    assert "De Jong Gierveld" not in letter
    assert "Aangeboden op" in letter


def test_letter_of_an_open_referral(journal: Journal) -> None:
    ref = journal.open_referral("c1", date=D0, referred_by="huisarts:H1")
    letter = journal.gp_feedback(ref)
    assert "Nog geen aanbod gedaan." in letter
    assert "Geen metingen bij zowel intake als afsluiting." in letter
    assert "Het traject loopt nog" in letter


def build(journal: Journal, n: int, practice: str, *, start: bool, dropout: str | None = None,
          intake_day: int = 7) -> list[str]:  # fmt: skip
    refs = []
    for i in range(n):
        reasons = ["eenzaamheid", "somberheid"][: 1 + i % 2]
        ref = journal.open_referral(f"{practice}-{i}", date=D0, referred_by="huisarts",
                                    practice=practice, reasons=reasons)  # fmt: skip
        journal.record_event(ref, None, "intake", date=days(intake_day))
        if start:
            journal.record_event(ref, "a1", "offered", date=days(intake_day))
            journal.record_event(ref, "a1", "accepted", date=days(intake_day))
            journal.record_event(ref, "a1", "started", date=days(intake_day + 1))
            if dropout:
                journal.record_event(ref, "a1", "dropped_out", date=days(40), reason=dropout)
            else:
                journal.record_event(ref, "a1", "continued", date=days(95))
        journal.record_measure(ref, "ucla3", {"1": 3, "2": 3, "3": 2 + i % 2},
                               date=days(intake_day), moment="intake")  # fmt: skip
        journal.record_measure(
            ref, "ucla3", {"1": 2, "2": 2, "3": 2}, date=days(100), moment="close"
        )
        refs.append(ref)
    return refs


def test_report_figures_by_hand(url: str) -> None:
    with Journal(url, organisation="gemeente-x") as journal:
        build(journal, 30, "P1", start=True)  # 30 start and continue; intake on day 7
        build(journal, 6, "P2", start=True, dropout="verhuisd", intake_day=20)
        build(journal, 3, "P3", start=False)  # a cell under 5: suppressed
        journal.open_referral("late", date=days(400), referred_by="h")  # outside the period
        report = journal.report(start=D0, end=days(30))
    frame = report.to_frame().set_index(["section", "group"])
    assert report.referrals == 39
    assert frame.loc[("referrals_by_practice", "P1"), "people"] == 30
    assert frame.loc[("referrals_by_practice", "P1"), "flag"] == ""
    assert frame.loc[("referrals_by_practice", "P2"), "flag"] == "small"
    assert frame.loc[("referrals_by_practice", "P2"), "share"] == pytest.approx(6 / 39)
    assert frame.loc[("referrals_by_practice", "P3"), "flag"] == "suppressed"
    assert pd.isna(frame.loc[("referrals_by_practice", "P3"), "people"])
    # reasons: i % 2 == 1 adds somberheid: P1 15, P2 3, P3 1 -> 19 with somberheid
    assert frame.loc[("referrals_by_reason", "eenzaamheid"), "people"] == 39
    assert frame.loc[("referrals_by_reason", "somberheid"), "people"] == 19
    all_ = "alle verwijzingen"
    assert frame.loc[("intake_within_14_days", all_), "people"] == 33  # P1 and P3
    assert frame.loc[("started", all_), "people"] == 36
    assert frame.loc[("continued_3_months", all_), "share"] == pytest.approx(30 / 39)
    assert frame.loc[("dropped_out", "verhuisd"), "people"] == 6
    outcome = frame.loc[("outcome", "UCLA-3: totaal (3-9), lager is beter")]
    # before: 3 + 3 + (2 or 3): per practice i even 8, i odd 9; 39 people: 20 even, 19 odd
    before = (20 * 8 + 19 * 9) / 39
    assert outcome["before"] == pytest.approx(before)
    assert outcome["after"] == pytest.approx(6.0)
    assert outcome["change"] == pytest.approx(6.0 - before)
    assert outcome["people"] == 39
    markdown = report.to_markdown()
    assert "## Verwijzingen per praktijk" in markdown
    assert "| P3 |  |  |  | onderdrukt (minder dan 5 mensen) |" in markdown
    assert "| P2 | 6 | 39 | 15% | minder dan 30 mensen: voorzichtig lezen |" in markdown
    assert "| UCLA-3: totaal (3-9), lager is beter | 39 | 8.49 | 6.00 | -2.49 |  |" in markdown
    assert "Referrals by practice" in report.to_markdown("en")


def test_report_skips_corrected_entries_and_checks_dates() -> None:
    with Journal("sqlite://") as journal:
        refs = build(journal, 5, "P1", start=False)
        # correct one intake measurement: the report must use the corrected value
        history = journal.history(refs[0])
        first = int(
            history.loc[history["detail"].map(lambda d: d.get("moment")) == "intake", "id"].iat[0]
        )
        journal.record_measure(refs[0], "ucla3", {"1": 1, "2": 1, "3": 1}, date=days(7),
                               moment="intake", corrects=first)  # fmt: skip
        row = journal.report(start=D0, end=D0).to_frame().query("section == 'outcome'").iloc[0]
        # before: i = 0..4 -> 8, 9, 8, 9, 8, with the first corrected to 3
        assert row["before"] == pytest.approx((3 + 9 + 8 + 9 + 8) / 5)
        assert row["flag"] == "small"
        with pytest.raises(ValueError, match="end must be on or after start"):
            journal.report(start=days(2), end=D0)
        with pytest.raises(ValueError, match="language must be 'nl' or 'en'"):
            journal.report(start=D0, end=D0, language="fr")
        empty = journal.report(start=days(500), end=days(600))
        assert empty.referrals == 0
        assert empty.to_frame().empty


def test_open_referrals_in_bulk(journal: Journal) -> None:
    frame = pd.DataFrame({"client_id": ["a", "b"], "date": [D0, "2026-11-03"],
                          "referred_by": ["huisarts:H1", "huisarts:H2"],
                          "reasons": [["eenzaamheid"], None], "profile": [None, None]})  # fmt: skip
    refs = journal.open_referrals(frame)
    assert [journal.referral(r)["opened_on"] for r in refs] == [D0, days(1)]
    assert journal.referral(refs[0])["reasons"] == ["eenzaamheid"]
    with pytest.raises(ValueError, match="row 1: client_id must be a non-empty string"):
        journal.open_referrals(frame.assign(client_id=["c", ""]))
    with pytest.raises(ValueError, match="needs the columns"):
        journal.open_referrals(frame.drop(columns="referred_by"))
    assert len(journal.referrals()) == 2
