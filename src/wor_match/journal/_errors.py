"""The errors a journal raises.

Each is a :class:`~wor_match.WorMatchError` with a stable ``code`` (for programs and logs:
it never changes between versions, unlike the message) and also inherits the matching
built-in::

    JournalError (WorMatchError)
    ├── UnknownReferralError (LookupError)   code "unknown_referral"
    ├── UnknownEventError (ValueError)       code "unknown_event"
    ├── TransitionError (ValueError)         code "impossible_transition"
    ├── ReferralClosedError (ValueError)     code "event_after_closing"
    ├── InvalidMeasureError (ValueError)     code "invalid_measure"
    └── SchemaVersionError (RuntimeError)    code "schema_version"

Messages name the referral id (a pseudonymous key), the event and the rule; they never
repeat answers, reasons or profile values.
"""

from __future__ import annotations

from typing import ClassVar

from wor_match._errors import WorMatchError

__all__ = [
    "InvalidMeasureError",
    "JournalError",
    "ReferralClosedError",
    "SchemaVersionError",
    "TransitionError",
    "UnknownEventError",
    "UnknownReferralError",
]


class JournalError(WorMatchError):
    """Base class of the journal's errors; ``code`` names the rule that was broken."""

    code: ClassVar[str] = "journal"


class UnknownReferralError(JournalError, LookupError):
    """No referral with that id in this journal's organisation."""

    code = "unknown_referral"


class UnknownEventError(JournalError, ValueError):
    """The event name (or outcome, moment, instrument name) is not one the journal knows."""

    code = "unknown_event"


class TransitionError(JournalError, ValueError):
    """The event is not possible from the referral's (or the offer's) current state."""

    code = "impossible_transition"


class ReferralClosedError(JournalError, ValueError):
    """The referral was closed: nothing but corrections can be recorded for it."""

    code = "event_after_closing"


class InvalidMeasureError(JournalError, ValueError):
    """Answers to an outcome instrument break its rules."""

    code = "invalid_measure"


class SchemaVersionError(JournalError, RuntimeError):
    """The database holds another schema version than this wor_match expects."""

    code = "schema_version"
