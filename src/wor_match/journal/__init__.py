"""The referral journal: trajectories, offers, outcomes, GP feedback and municipal figures.

>>> import wor_match as wm
>>> journal = wm.Journal("sqlite://")          # any SQLAlchemy URL; no URL: a local file

Needs the ``journal`` extra (SQLAlchemy, Alembic, platformdirs); PostgreSQL also the
``postgres`` extra (psycopg 3). See ``docs/journal.md``.
"""

from __future__ import annotations

from wor_match._errors import MissingExtraError

try:
    import alembic  # noqa: F401
    import platformdirs  # noqa: F401
    import sqlalchemy  # noqa: F401
except ImportError as error:
    raise MissingExtraError(
        "the referral journal needs SQLAlchemy, Alembic and platformdirs: "
        "pip install 'wor_match[journal]' (and 'wor_match[postgres]' for PostgreSQL)"
    ) from error

from wor_match.journal._errors import (
    InvalidMeasureError,
    JournalError,
    ReferralClosedError,
    SchemaVersionError,
    TransitionError,
    UnknownEventError,
    UnknownReferralError,
)
from wor_match.journal._journal import CONSENT, INTAKE_DAYS, Journal
from wor_match.journal._measures import INSTRUMENTS, MOMENTS, score_measure
from wor_match.journal._schema import default_url, head_revision, upgrade
from wor_match.journal._states import OFFER_EVENTS, OUTCOMES, REFERRAL_EVENTS, STATUSES

__all__ = [
    "CONSENT",
    "INSTRUMENTS",
    "INTAKE_DAYS",
    "InvalidMeasureError",
    "Journal",
    "JournalError",
    "MOMENTS",
    "OFFER_EVENTS",
    "OUTCOMES",
    "REFERRAL_EVENTS",
    "ReferralClosedError",
    "STATUSES",
    "SchemaVersionError",
    "TransitionError",
    "UnknownEventError",
    "UnknownReferralError",
    "default_url",
    "head_revision",
    "score_measure",
    "upgrade",
]
