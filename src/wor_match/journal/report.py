"""Figures for the municipality and the insurer: reach, uptake and outcomes of a period.

Rows of :meth:`JournalReport.to_frame` (one per figure):

==========================  ======================================================
section                     figure
==========================  ======================================================
referrals_by_practice       referrals opened in the period, per GP practice
referrals_by_reason         per reason for referral (a referral may have several)
intake_within_14_days       share whose intake (first intake event, intake
                            measurement or offer) came within 14 days
started                     share that started an activity (or a people match)
continued_3_months          share still taking part after about three months
                            (a ``continued`` event)
dropped_out                 referrals with a dropout, per stated reason
outcome                     paired before/after means per instrument and component
==========================  ======================================================

Privacy (DOMAIN.md, "Reports to funders must not identify people"): a figure that rests on
1 to 4 people (its count or its denominator) is suppressed (its numbers become empty, the
``flag`` says so); a figure on fewer than 30 people is flagged. Positive Health is reported
with the note that it is a conversation tool, not an outcome measure.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import and_, case, func, select

from wor_match.journal._measures import BETTER_WHEN
from wor_match.journal._tables import (
    event_table,
    measure_score_table,
    measure_table,
    referral_table,
)
from wor_match.journal._text import COMPONENT, format_day, measure_label
from wor_match.journal.feedback import paired_scores

__all__ = ["FLAG_BELOW", "SUPPRESS_BELOW", "JournalReport", "build_report"]

#: figures resting on fewer people than this (but more than 0) are suppressed
SUPPRESS_BELOW = 5
#: figures on fewer people than this are flagged
FLAG_BELOW = 30
COLUMNS = ["section", "group", "people", "of", "share", "before", "after", "change", "flag"]

_TITLES: dict[str, dict[str, Any]] = {
    "nl": {
        "referrals_by_practice": "Verwijzingen per praktijk",
        "referrals_by_reason": "Verwijzingen per reden",
        "intake_within_14_days": "Intake binnen 14 dagen",
        "started": "Gestart met een activiteit",
        "continued_3_months": "Na drie maanden nog actief",
        "dropped_out": "Gestopt, per reden",
        "outcome": "Uitkomsten: gepaarde metingen voor en na",
        "period": "Verwijzingen van {start} tot en met {end}: {n}",
        "head": ("groep", "mensen", "van", "aandeel", "voor", "na", "verschil", "let op"),
        "suppressed": "onderdrukt (minder dan 5 mensen)",
        "small": "minder dan 30 mensen: voorzichtig lezen",
        "unknown": "niet vermeld",
        "ph_note": "Positieve Gezondheid is een gespreksinstrument, geen uitkomstmaat.",
        "all": "alle verwijzingen",
    },
    "en": {
        "referrals_by_practice": "Referrals by practice",
        "referrals_by_reason": "Referrals by reason",
        "intake_within_14_days": "Intake within 14 days",
        "started": "Started an activity",
        "continued_3_months": "Still taking part after three months",
        "dropped_out": "Dropped out, by reason",
        "outcome": "Outcomes: paired measurements before and after",
        "period": "Referrals from {start} to {end} inclusive: {n}",
        "head": ("group", "people", "of", "share", "before", "after", "change", "note"),
        "suppressed": "suppressed (fewer than 5 people)",
        "small": "fewer than 30 people: read with care",
        "unknown": "not stated",
        "ph_note": "Positive Health is a conversation tool, not an outcome measure.",
        "all": "all referrals",
    },
}
SECTIONS = tuple(k for k in _TITLES["en"] if k not in ("period", "head", "suppressed", "small",
                                                       "unknown", "ph_note", "all"))  # fmt: skip


@dataclass
class JournalReport:
    """The figures of one period; :meth:`to_frame` and :meth:`to_markdown` show them."""

    start: dt.date
    end: dt.date
    organisation: str
    referrals: int
    frame: pd.DataFrame
    language: str = "nl"
    notes: list[str] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        """One row per figure: ``section, group, people, of, share, before, after, change,
        flag`` (suppressed cells are empty)."""
        return self.frame.copy()

    def __repr__(self) -> str:
        return (
            f"<JournalReport {self.organisation!r} {self.start}..{self.end}: "
            f"{self.referrals} referrals, {len(self.frame)} figures>"
        )

    def to_markdown(self, language: str | None = None) -> str:
        """The report as markdown tables, one per section (Dutch by default)."""
        lang = language or self.language
        t = _TITLES["en" if lang == "en" else "nl"]
        lines = [
            t["period"].format(
                start=format_day(self.start, lang), end=format_day(self.end, lang),
                n=_count(self.referrals),
            ),
            "",
        ]  # fmt: skip
        for section in SECTIONS:
            part = self.frame[self.frame["section"] == section]
            if part.empty:
                continue
            lines += [f"## {t[section]}", ""]
            outcome = section == "outcome"
            full = t["head"]
            head = (*full[:2], *full[4:]) if outcome else (*full[:4], full[7])
            lines += [f"| {' | '.join(head)} |", "|" + "---|" * len(head)]
            rows: list[Any] = list(part.itertuples())
            for row in rows:
                flag = {"suppressed": t["suppressed"], "small": t["small"]}.get(row.flag, "")
                cells = [str(row.group), _count(row.people), _count(row.of), _share(row.share)]
                if outcome:
                    cells = [cells[0], cells[1], _mean(row.before), _mean(row.after),
                             _mean(row.change, signed=True)]  # fmt: skip
                lines.append(f"| {' | '.join([*cells, flag])} |")
            if outcome and part["group"].str.startswith("Positi").any():
                lines += ["", t["ph_note"]]
            lines.append("")
        return "\n".join(lines)


def _outcome_label(instrument: str, component: str, language: str) -> str:
    better = BETTER_WHEN.get((instrument, component), "higher")
    words = {"nl": {"lower": "lager is beter", "higher": "hoger is beter"},
             "en": {"lower": "lower is better", "higher": "higher is better"}}  # fmt: skip
    return f"{measure_label(instrument, component, language)}, {words[language][better]}"


def _plain(rows: Any) -> list[tuple[Any, ...]]:
    """Rows as plain tuples (pandas inspects Row objects slowly)."""
    return [tuple(row) for row in rows]


def _count(value: Any) -> str:
    return "" if value is None or pd.isna(value) else f"{int(value):,}".replace(",", ".")


def _share(value: Any) -> str:
    return "" if value is None or pd.isna(value) else f"{100 * float(value):.0f}%"


def _mean(value: Any, signed: bool = False) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{float(value):+.2f}" if signed else f"{float(value):.2f}"


def _flag(people: int, of: int | None) -> str:
    counts = [people] if of is None else [people, of]
    if any(0 < c < SUPPRESS_BELOW for c in counts):
        return "suppressed"
    if min(c for c in counts) < FLAG_BELOW:
        return "small"
    return ""


def _row(
    section: str, group: str, people: int, of: int | None = None, **means: float
) -> dict[str, Any]:
    flag = _flag(people, of)
    row: dict[str, Any] = {"section": section, "group": group, "people": people, "of": of,
                           "share": (people / of) if of else np.nan, "before": np.nan,
                           "after": np.nan, "change": np.nan, "flag": flag}  # fmt: skip
    row.update(means)
    if flag == "suppressed":
        for key in ("people", "of", "share", "before", "after", "change"):
            row[key] = np.nan
    return row


def build_report(journal: Any, start: dt.date, end: dt.date, language: str = "nl") -> JournalReport:
    """The figures of the referrals ``journal`` opened from ``start`` to ``end``."""
    if language not in _TITLES:
        raise ValueError(f"language must be 'nl' or 'en'; got {language!r}")
    if end < start:
        raise ValueError("end must be on or after start")
    org = journal.organisation
    in_period = and_(
        referral_table.c.organisation == org,
        referral_table.c.opened_on >= start,
        referral_table.c.opened_on <= end,
    )
    voided = select(event_table.c.corrects).where(
        event_table.c.corrects.is_not(None), event_table.c.organisation == org
    )
    e = event_table

    def first(names: tuple[str, ...]) -> Any:
        return func.min(case((e.c.event.in_(names), e.c.on_date)))

    def any_of(name: str) -> Any:
        return func.max(case((e.c.event == name, 1), else_=0))

    with journal._engine.connect() as conn:
        referrals = pd.DataFrame(
            _plain(conn.execute(
                select(referral_table.c.id, referral_table.c.practice, referral_table.c.reasons,
                       referral_table.c.opened_on).where(in_period)
            ).all()),
            columns=["referral_id", "practice", "reasons", "opened_on"],
        )  # fmt: skip
        per_referral = pd.DataFrame(
            _plain(conn.execute(
                select(e.c.referral_id, first(("intake", "offered")), any_of("started"),
                       any_of("continued"))
                .join(referral_table, referral_table.c.id == e.c.referral_id)
                .where(in_period, e.c.id.not_in(voided))
                .group_by(e.c.referral_id)
            ).all()),
            columns=["referral_id", "first_contact", "started", "continued"],
        )  # fmt: skip
        dropouts = conn.execute(
            select(e.c.referral_id, e.c.reason)
            .join(referral_table, referral_table.c.id == e.c.referral_id)
            .where(in_period, e.c.event == "dropped_out", e.c.id.not_in(voided))
        ).all()
        intake_measures = conn.execute(
            select(measure_table.c.referral_id, func.min(measure_table.c.on_date))
            .join(referral_table, referral_table.c.id == measure_table.c.referral_id)
            .where(in_period, measure_table.c.moment == "intake")
            .group_by(measure_table.c.referral_id)
        ).all()
        voided_measures = select(measure_table.c.corrects).where(
            measure_table.c.corrects.is_not(None), measure_table.c.organisation == org
        )
        s = measure_score_table
        scores = pd.DataFrame(
            _plain(conn.execute(
                select(s.c.referral_id, s.c.instrument, s.c.moment, measure_table.c.on_date,
                       s.c.measure_id, s.c.component, s.c.value)
                .join(measure_table, measure_table.c.id == s.c.measure_id)
                .join(referral_table, referral_table.c.id == s.c.referral_id)
                .where(in_period, s.c.measure_id.not_in(voided_measures))
            ).all()),
            columns=["referral_id", "instrument", "moment", "on_date", "measure_id",
                     "component", "value"],
        )  # fmt: skip
    total = len(referrals)
    rows: list[dict[str, Any]] = []
    t = _TITLES[language]
    for practice, n in referrals["practice"].value_counts().sort_index().items():
        rows.append(_row("referrals_by_practice", str(practice), int(n), total))
    reasons: Counter[str] = Counter()
    for text in referrals["reasons"]:
        reasons.update(set(json.loads(text)) or {t["unknown"]})
    for reason in sorted(reasons):
        rows.append(_row("referrals_by_reason", reason, reasons[reason], total))
    merged = referrals[["referral_id", "opened_on"]].merge(
        per_referral, on="referral_id", how="left"
    )
    first_measure = dict(intake_measures)
    contact = pd.to_datetime(merged["first_contact"])
    measured = pd.to_datetime(merged["referral_id"].map(first_measure))
    contact = contact.where(measured.isna() | (contact <= measured), measured)
    waited = (contact - pd.to_datetime(merged["opened_on"])).dt.days
    if total:
        rows.append(_row("intake_within_14_days", t["all"], int((waited <= 14).sum()), total))
        rows.append(_row("started", t["all"], int(merged["started"].fillna(0).sum()), total))
        rows.append(
            _row("continued_3_months", t["all"], int(merged["continued"].fillna(0).sum()), total)
        )
    dropped: dict[str, set[str]] = {}
    for ref, reason in dropouts:
        dropped.setdefault(reason or t["unknown"], set()).add(ref)
    for reason in sorted(dropped):
        rows.append(_row("dropped_out", reason, len(dropped[reason]), total))
    paired = paired_scores(scores)
    if not paired.empty:
        order = {name: i for i, name in enumerate(COMPONENT["en"])}
        paired = paired.assign(_order=paired["component"].map(order)).sort_values(
            ["instrument", "_order"], kind="stable"
        )
        for (instrument, component), group in paired.groupby(
            ["instrument", "component"], sort=False
        ):
            rows.append(
                _row("outcome", _outcome_label(str(instrument), str(component), language),
                     len(group), before=float(group["before"].mean()),
                     after=float(group["after"].mean()),
                     change=float((group["after"] - group["before"]).mean()))
            )  # fmt: skip
    frame = pd.DataFrame(rows).reindex(columns=COLUMNS)
    frame["people"] = frame["people"].astype("Int64")
    frame["of"] = frame["of"].astype("Int64")
    return JournalReport(start=start, end=end, organisation=org, referrals=total, frame=frame,
                         language=language)  # fmt: skip
