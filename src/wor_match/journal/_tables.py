"""The journal's tables (SQLAlchemy Core), the source of truth for the migrations.

Every table has an ``organisation`` column and every query of :class:`~wor_match.Journal`
filters on it. ``wm_referral`` holds one row per referral, with its current status (a
projection of the event log, rewritten in the same transaction as each event); the log
tables ``wm_event``, ``wm_offer``, ``wm_measure`` and ``wm_measure_score`` are append-only:
a correction is a new row whose ``corrects`` names the row it replaces. Rows are deleted
only by :meth:`~wor_match.Journal.forget` and :meth:`~wor_match.Journal.purge`.

Free-form values (reasons, profile snapshots, answers) are JSON text; dates are calendar
days (the journal's resolution), ``recorded_at`` is the UTC time of writing.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "ALL_TABLES",
    "VERSION_TABLE",
    "event_table",
    "measure_score_table",
    "measure_table",
    "metadata",
    "offer_table",
    "referral_table",
]

#: Alembic's version table (prefixed so a journal can share a database with other tools)
VERSION_TABLE = "wm_schema_version"

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ORG = 100  # length of organisation names
KEY = 200  # length of client, activity, person, practice and coach ids

referral_table = Table(
    "wm_referral",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("organisation", String(ORG), nullable=False),
    Column("client_id", String(KEY), nullable=False),
    Column("referred_by", String(KEY), nullable=False),
    Column("practice", String(KEY), nullable=False),
    Column("coach", String(KEY), nullable=True),
    Column("opened_on", Date, nullable=False),
    Column("reasons", Text, nullable=False),  # JSON list of reason codes
    Column("consent", Text, nullable=False),  # JSON list of what may go back to the GP
    Column("profile", Text, nullable=True),  # JSON profile snapshot, only if given
    Column("status", String(20), nullable=False),
    Column("closed_on", Date, nullable=True),
    Column("outcome", String(20), nullable=True),
    Column("recorded_at", DateTime, nullable=False),
    Index("ix_wm_referral_org_client", "organisation", "client_id"),
    Index("ix_wm_referral_org_opened", "organisation", "opened_on"),
)

event_table = Table(
    "wm_event",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("organisation", String(ORG), nullable=False),
    Column("referral_id", String(36), ForeignKey("wm_referral.id"), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("event", String(20), nullable=False),
    Column("target_kind", String(10), nullable=True),  # activity | person | None
    Column("target_id", String(KEY), nullable=True),
    Column("reason", Text, nullable=True),
    Column("detail", Text, nullable=True),  # JSON: outcome and next steps of a closing
    Column("corrects", Integer, ForeignKey("wm_event.id"), nullable=True),
    Column("recorded_at", DateTime, nullable=False),
    Index("ix_wm_event_referral", "referral_id", "on_date"),
    Index("ix_wm_event_org_event", "organisation", "event"),
    Index("ix_wm_event_corrects", "corrects"),
)

offer_table = Table(
    "wm_offer",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("organisation", String(ORG), nullable=False),
    Column("referral_id", String(36), ForeignKey("wm_referral.id"), nullable=False),
    Column("event_id", Integer, ForeignKey("wm_event.id"), nullable=False),
    Column("activity_id", String(KEY), nullable=False),
    Column("activity_name", Text, nullable=True),
    Column("rank", Integer, nullable=False),
    Column("score", Float, nullable=True),
    Column("baseline", Float, nullable=True),
    Column("points", Text, nullable=False),  # JSON feature -> points
    Column("ranker", String(100), nullable=False),
    Column("ranker_version", String(100), nullable=False),
    Column("catalogue_fingerprint", String(64), nullable=True),
    Column("propensity", Float, nullable=False),
    Index("ix_wm_offer_referral", "referral_id"),
    Index("ix_wm_offer_org_activity", "organisation", "activity_id"),
)

measure_table = Table(
    "wm_measure",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("organisation", String(ORG), nullable=False),
    Column("referral_id", String(36), ForeignKey("wm_referral.id"), nullable=False),
    Column("instrument", String(20), nullable=False),
    Column("moment", String(20), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("answers", Text, nullable=False),  # JSON, as given
    Column("corrects", Integer, ForeignKey("wm_measure.id"), nullable=True),
    Column("recorded_at", DateTime, nullable=False),
    Index("ix_wm_measure_referral", "referral_id"),
    Index("ix_wm_measure_corrects", "corrects"),
)

measure_score_table = Table(
    "wm_measure_score",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("organisation", String(ORG), nullable=False),
    Column("measure_id", Integer, ForeignKey("wm_measure.id"), nullable=False),
    Column("referral_id", String(36), ForeignKey("wm_referral.id"), nullable=False),
    Column("instrument", String(20), nullable=False),
    Column("moment", String(20), nullable=False),
    Column("component", String(40), nullable=False),
    Column("value", Float, nullable=True),
    Index("ix_wm_measure_score_referral", "referral_id"),
    Index("ix_wm_measure_score_org", "organisation", "instrument"),
)

#: children first: the order in which rows are deleted
ALL_TABLES = (measure_score_table, measure_table, offer_table, event_table, referral_table)
