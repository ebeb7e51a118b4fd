"""The letter back to the GP at (or during) a trajectory, in markdown.

Its sections follow the PRSB Social Prescribing Information Standard (v1.1, 2023), "message
back to GP and referrer": needs and what matters to the person, support offered and taken
up, outcome measures before and after, next steps. Each of the first three appears only when
the referral's consent allows it (``needs``, ``support``, ``outcomes``); otherwise the
letter says it was not shared. Scores are reported as numbers with their range and
direction, never as labels about the person; another person in a people match is never
named.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from wor_match.journal._measures import BETTER_WHEN
from wor_match.journal._text import COMPONENT, format_day, measure_label

__all__ = ["gp_letter", "paired_scores"]

_T: dict[str, dict[str, Any]] = {
    "nl": {
        "title": "Terugkoppeling Welzijn op Recept",
        "to": "Aan", "client": "Cliënt (pseudoniem)", "referred": "Verwezen op",
        "status": "Stand",
        "needs": "Hulpvraag en wat belangrijk is",
        "support": "Aangeboden en opgepakt",
        "outcomes": "Uitkomsten: voor en na",
        "next": "Vervolg",
        "no_consent": "_Niet gedeeld: de cliënt gaf hiervoor geen toestemming._",
        "reasons": "Reden van verwijzing", "energy": "Wat energie geeft",
        "interests": "Interesses", "drains": "Wat energie kost",
        "nothing_offered": "Nog geen aanbod gedaan.",
        "offered_on": "Aangeboden op {day}: {names}.",
        "person": "een koppeling met een maatje of andere deelnemer",
        "no_measures": "Geen metingen bij zowel intake als afsluiting.",
        "head": ("vragenlijst", "intake", "laatste meting", "verschil"),
        "better_lower": "lager is beter", "better_higher": "hoger is beter",
        "ph_note": "Positieve Gezondheid is een gespreksinstrument, geen uitkomstmaat.",
        "open": "loopt", "closed": "afgesloten op {day}",
        "still_open": "Het traject loopt nog; u hoort opnieuw van ons bij de afsluiting.",
        "closed_default": "Het traject is afgesloten. Bij vragen kunt u de welzijnscoach "
        "bellen.",
        "sign": "Met vriendelijke groet, de welzijnscoach",
        "stages": {"offered": "aangeboden", "accepted": "gekozen, nog niet begonnen",
                   "declined": "niet voor gekozen", "started": "begonnen op {day}",
                   "continued": "na drie maanden nog steeds deelnemer ({day})",
                   "dropped_out": "gestopt op {day}"},
        "statuses": {"requested": "verwezen", "received": "ontvangen", "accepted": "in gesprek",
                     "in-progress": "loopt", "on-hold": "gepauzeerd", "completed": "afgerond",
                     "cancelled": "voortijdig gestopt", "failed": "niet gelukt",
                     "rejected": "niet gestart"},
    },
    "en": {
        "title": "Social prescribing: message back to the GP",
        "to": "To", "client": "Client (pseudonym)", "referred": "Referred on",
        "status": "Status",
        "needs": "Needs and what matters to the person",
        "support": "Support offered and taken up",
        "outcomes": "Outcome measures: before and after",
        "next": "Next steps",
        "no_consent": "_Not shared: the client did not consent to sharing this._",
        "reasons": "Reason for referral", "energy": "What gives energy",
        "interests": "Interests", "drains": "What drains energy",
        "nothing_offered": "Nothing offered yet.",
        "offered_on": "Offered on {day}: {names}.",
        "person": "a match with a buddy or fellow participant",
        "no_measures": "No measurements at both intake and close.",
        "head": ("measure", "intake", "latest", "change"),
        "better_lower": "lower is better", "better_higher": "higher is better",
        "ph_note": "Positive Health is a conversation tool, not an outcome measure.",
        "open": "open", "closed": "closed on {day}",
        "still_open": "The trajectory is still open; we will write again when it closes.",
        "closed_default": "The trajectory has closed. Please call the welfare coach with any "
        "questions.",
        "sign": "Kind regards, the welfare coach",
        "stages": {"offered": "offered", "accepted": "chosen, not started yet",
                   "declined": "not chosen", "started": "started on {day}",
                   "continued": "still taking part after three months ({day})",
                   "dropped_out": "stopped on {day}"},
        "statuses": {"requested": "referred", "received": "received",
                     "accepted": "in conversation", "in-progress": "in progress",
                     "on-hold": "on hold", "completed": "completed",
                     "cancelled": "stopped early", "failed": "did not work out",
                     "rejected": "not started"},
    },
}  # fmt: skip


def _as_day(value: Any) -> Any:
    return value


def _rows(frame: pd.DataFrame) -> list[Any]:
    """The frame's rows as named tuples (typed Any: their fields are the columns)."""
    return list(frame.itertuples())


def _check_language(language: str) -> str:
    if language not in _T:
        raise ValueError(f"language must be 'nl' or 'en'; got {language!r}")
    return language


def paired_scores(measures: pd.DataFrame) -> pd.DataFrame:
    """Before/after per (referral, instrument, component) from uncorrected measurements.

    ``measures`` has ``referral_id, instrument, moment, on_date, measure_id, component,
    value``. Before is the first intake measurement; after is the close measurement, else
    the latest follow-up. Only pairs with both are returned (columns ``referral_id,
    instrument, component, before, after``).
    """
    columns = ["referral_id", "instrument", "component", "before", "after"]
    if measures.empty:
        return pd.DataFrame(columns=columns)
    frame = measures.dropna(subset=["value"])
    keys = ["referral_id", "instrument", "component"]
    ordered = frame.sort_values(["on_date", "measure_id"], kind="stable")
    before = ordered[ordered["moment"] == "intake"].groupby(keys, sort=False)["value"].first()
    later = ordered[ordered["moment"] != "intake"].assign(
        close=lambda f: (f["moment"] == "close").astype(int)
    )
    after = (
        later.sort_values(["close", "on_date", "measure_id"], kind="stable")
        .groupby(keys, sort=False)["value"]
        .last()
    )
    paired = pd.concat([before.rename("before"), after.rename("after")], axis=1, join="inner")
    paired = paired.reset_index()[columns]
    order = {name: i for i, name in enumerate(COMPONENT["en"])}
    rank = paired["component"].map(order).fillna(len(order))
    return paired.assign(_rank=rank).sort_values(["referral_id", "instrument", "_rank"],
                                                 kind="stable").drop(columns="_rank")  # fmt: skip


def _measures_of(history: pd.DataFrame) -> pd.DataFrame:
    rows = []
    live = history[(history["entry"] == "measure") & history["corrected_by"].isna()]
    for item in _rows(live):
        for component, value in item.detail["scores"].items():
            rows.append(
                {"referral_id": "r", "instrument": item.target, "moment": item.detail["moment"],
                 "on_date": item.date, "measure_id": item.id, "component": component,
                 "value": value}
            )  # fmt: skip
    return pd.DataFrame(
        rows,
        columns=["referral_id", "instrument", "moment", "on_date", "measure_id", "component",
                 "value"],
    )  # fmt: skip


def _number(value: float, language: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if language == "nl" else text


def gp_letter(referral: dict[str, Any], history: pd.DataFrame, *, language: str = "nl") -> str:
    """The markdown letter for one referral (see the module docstring)."""
    t = _T[_check_language(language)]
    consent = set(referral["consent"])
    closed = referral["closed_on"]
    status = t["statuses"][referral["status"]]
    state = t["closed"].format(day=format_day(closed, language)) if closed else t["open"]
    lines = [
        f"# {t['title']}",
        "",
        f"**{t['to']}:** {referral['referred_by']}  ",
        f"**{t['client']}:** {referral['client_id']}  ",
        f"**{t['referred']}:** {format_day(referral['opened_on'], language)}  ",
        f"**{t['status']}:** {status}, {state}",
        "",
        f"## {t['needs']}",
        "",
    ]
    if "needs" in consent:
        lines.append(f"- {t['reasons']}: {', '.join(referral['reasons']) or '-'}")
        profile = referral.get("profile") or {}
        for key, label in (("interests", "interests"), ("energy_sources", "energy"),
                           ("energy_drains", "drains")):  # fmt: skip
            if profile.get(key):
                lines.append(f"- {t[label]}: {', '.join(profile[key])}")
    else:
        lines.append(t["no_consent"])
    lines += ["", f"## {t['support']}", ""]
    live = history[(history["entry"] == "event") & history["corrected_by"].isna()]
    live = live[live["event"] != "retracted"]
    if "support" in consent:
        offers = live[live["event"] == "offered"]
        names = {
            row.target: (row.detail or {}).get("name") or row.target
            for row in _rows(offers)
            if row.target_kind == "activity"
        }
        if offers.empty:
            lines.append(t["nothing_offered"])
        for day, group in offers.groupby("date", sort=True):
            shown = [
                names.get(row.target, row.target) if row.target_kind == "activity" else t["person"]
                for row in _rows(group)
            ]
            lines.append(t["offered_on"].format(day=format_day(_as_day(day), language),
                                                names=", ".join(dict.fromkeys(shown))))  # fmt: skip
        lines.append("")
        targets = live[live["target"].notna() & (live["event"] != "offered")]
        for (kind, target), group in targets.groupby(["target_kind", "target"], sort=False):
            last: Any = group.iloc[-1]
            text = t["stages"][last["event"]].format(day=format_day(last["date"], language))
            if last["event"] == "dropped_out" and last["reason"]:
                text += f" ({last['reason']})"
            name = names.get(target, target) if kind == "activity" else t["person"]
            lines.append(f"- {name}: {text}")
    else:
        lines.append(t["no_consent"])
    lines += ["", f"## {t['outcomes']}", ""]
    if "outcomes" in consent:
        paired = paired_scores(_measures_of(history))
        if paired.empty:
            lines.append(t["no_measures"])
        else:
            head = t["head"]
            lines += [f"| {' | '.join(head)} |", "|---|---|---|---|"]
            for row in _rows(paired):
                better = BETTER_WHEN.get((row.instrument, row.component), "higher")
                label = measure_label(row.instrument, row.component, language)
                change = row.after - row.before
                sign = "+" if change > 0 else ""
                lines.append(
                    f"| {label}, {t['better_' + better]} | {_number(row.before, language)} | "
                    f"{_number(row.after, language)} | {sign}{_number(change, language)} |"
                )
            if (paired["instrument"] == "positive_health").any():
                lines += ["", t["ph_note"]]
    else:
        lines.append(t["no_consent"])
    lines += ["", f"## {t['next']}", ""]
    closing = live[live["event"] == "closed"]
    steps = None
    if not closing.empty:
        steps = (closing.iloc[-1]["detail"] or {}).get("next_steps")
    lines.append(steps or (t["closed_default"] if closed else t["still_open"]))
    lines += ["", t["sign"], ""]
    return "\n".join(lines)
