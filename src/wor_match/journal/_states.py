"""The referral state machine: FHIR Task statuses driven by the journal's events.

A referral's status is never stored on its own authority: it is what replaying its
(uncorrected) events in date order gives, so a correction anywhere in the log re-checks
everything after it. The table is written out in ``docs/journal.md``.

Referral events (no target): ``received``, ``intake``, ``on_hold``, ``resumed``,
``closed`` (with an outcome) and ``retracted`` (voids the event it corrects). Offer events
(a target: an activity_id or a person_id): ``offered``, ``accepted``, ``declined``,
``started``, ``continued``, ``dropped_out``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from wor_match.journal._errors import ReferralClosedError, TransitionError, UnknownEventError

__all__ = [
    "CLOSED",
    "OFFER_EVENTS",
    "OPEN",
    "OUTCOMES",
    "REFERRAL_EVENTS",
    "STATUSES",
    "LoggedEvent",
    "ReferralState",
    "replay",
]

#: FHIR Task statuses (http://hl7.org/fhir/task-status) a referral can have
STATUSES = (
    "requested", "received", "accepted", "rejected", "in-progress", "on-hold", "completed",
    "cancelled", "failed",
)  # fmt: skip
CLOSED = frozenset({"rejected", "completed", "cancelled", "failed"})
OPEN = tuple(s for s in STATUSES if s not in CLOSED)

REFERRAL_EVENTS = ("received", "intake", "on_hold", "resumed", "closed", "retracted")
OFFER_EVENTS = ("offered", "accepted", "declined", "started", "continued", "dropped_out")
TARGET_KINDS = ("activity", "person")

#: closing outcome -> statuses it may close from
OUTCOMES: dict[str, frozenset[str]] = {
    "completed": frozenset({"accepted", "in-progress", "on-hold"}),
    "failed": frozenset({"accepted", "in-progress", "on-hold"}),
    "cancelled": frozenset(OPEN),
    "rejected": frozenset({"requested", "received"}),
}
#: referral event -> (statuses it may follow, status after; None keeps the status)
_REFERRAL_RULES: dict[str, tuple[frozenset[str], str | None]] = {
    "received": (frozenset({"requested"}), "received"),
    "intake": (frozenset({"requested", "received"}), "accepted"),
    "on_hold": (frozenset({"received", "accepted", "in-progress"}), "on-hold"),
}
_ACTIVE = frozenset({"requested", "received", "accepted", "in-progress"})
#: offer event -> the stages of that target it may follow (None: not offered yet)
_OFFER_RULES: dict[str, frozenset[str | None]] = {
    "offered": frozenset({None, "offered", "declined", "dropped_out"}),
    "accepted": frozenset({"offered"}),
    "declined": frozenset({"offered", "accepted"}),
    "started": frozenset({"accepted"}),
    "continued": frozenset({"started", "continued"}),
    "dropped_out": frozenset({"accepted", "started", "continued"}),
}


@dataclass(frozen=True, slots=True)
class LoggedEvent:
    """One row of the event log, as the state machine sees it."""

    id: int
    on_date: dt.date
    event: str
    target_kind: str | None = None
    target_id: str | None = None
    corrects: int | None = None
    outcome: str | None = None


@dataclass
class ReferralState:
    """Where a referral stands after its events."""

    status: str = "requested"
    before_hold: str | None = None
    closed_on: dt.date | None = None
    outcome: str | None = None
    #: (target_kind, target_id) -> the last offer event for it
    stages: dict[tuple[str, str], str] = field(default_factory=dict)


def check_event_name(event: str, target: str | None) -> None:
    """Raise UnknownEventError for a name the journal does not know (or a misplaced target)."""
    if event in OFFER_EVENTS:
        if target is None:
            raise UnknownEventError(
                f"event {event!r} needs a target: the activity_id or person_id it is about"
            )
        return
    if event in REFERRAL_EVENTS and event != "closed":
        if target is not None:
            raise UnknownEventError(f"event {event!r} is about the referral: give target=None")
        return
    known = [*OFFER_EVENTS, *(e for e in REFERRAL_EVENTS if e != "closed")]
    hint = "; close a referral with close_referral()" if event == "closed" else ""
    raise UnknownEventError(f"event must be one of {known}; got {event!r}{hint}")


def _apply(state: ReferralState, event: LoggedEvent, ref: str) -> None:
    if state.status in CLOSED:
        raise ReferralClosedError(
            f"referral {ref} was closed on {state.closed_on}; {event.event!r} on "
            f"{event.on_date} comes after it. Only corrections can be recorded now"
        )
    name = event.event
    if name == "closed":
        allowed = OUTCOMES[event.outcome or ""]
        if state.status not in allowed:
            raise TransitionError(
                f"referral {ref} is {state.status}: it cannot close as {event.outcome!r} "
                f"(possible from {sorted(allowed)})"
            )
        state.status, state.closed_on, state.outcome = (
            event.outcome or "",
            event.on_date,
            event.outcome,
        )
        return
    if name == "resumed":
        if state.status != "on-hold":
            raise TransitionError(
                f"referral {ref} is {state.status}, not on-hold: nothing to resume"
            )
        state.status, state.before_hold = state.before_hold or "received", None
        return
    if name in _REFERRAL_RULES:
        allowed, after = _REFERRAL_RULES[name]
        if state.status not in allowed:
            raise TransitionError(
                f"referral {ref} is {state.status}: {name!r} is possible only from "
                f"{sorted(allowed)}"
            )
        if name == "on_hold":
            state.before_hold = state.status
        state.status = after or state.status
        return
    # an offer event
    if state.status not in _ACTIVE:
        raise TransitionError(f"referral {ref} is {state.status}: record 'resumed' before {name!r}")
    key = (event.target_kind or "activity", event.target_id or "")
    stage = state.stages.get(key)
    if stage not in _OFFER_RULES[name]:
        before = "nothing" if stage is None else repr(stage)
        raise TransitionError(
            f"referral {ref}: {name!r} for {key[0]} {key[1]!r} cannot follow {before} "
            f"(it follows {sorted(s or 'nothing' for s in _OFFER_RULES[name])})"
        )
    state.stages[key] = name
    if name == "accepted" and state.status in ("requested", "received"):
        state.status = "accepted"
    elif name == "started":
        state.status = "in-progress"


def replay(events: Iterable[LoggedEvent], ref: str, opened_on: dt.date) -> ReferralState:
    """The state after ``events`` (in any order: they are sorted by date, then id).

    Corrected events are skipped (their correction takes their place), ``retracted`` events
    only void what they correct. Raises the journal error of the first event that breaks
    the rules.
    """
    events = list(events)
    voided = {e.corrects for e in events if e.corrects is not None}
    state = ReferralState()
    for event in sorted(events, key=lambda e: (e.on_date, e.id)):
        if event.id in voided or event.event == "retracted":
            continue
        if event.on_date < opened_on:
            raise TransitionError(
                f"referral {ref} was opened on {opened_on}; an event on {event.on_date} "
                "comes before it"
            )
        _apply(state, event, ref)
    return state
