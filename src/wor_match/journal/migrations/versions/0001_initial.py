"""The first journal schema: referrals, events, offers, measures and their scores.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "wm_referral",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("organisation", sa.String(100), nullable=False),
        sa.Column("client_id", sa.String(200), nullable=False),
        sa.Column("referred_by", sa.String(200), nullable=False),
        sa.Column("practice", sa.String(200), nullable=False),
        sa.Column("coach", sa.String(200), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("consent", sa.Text(), nullable=False),
        sa.Column("profile", sa.Text(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(20), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_wm_referral"),
    )
    op.create_index("ix_wm_referral_org_client", "wm_referral", ["organisation", "client_id"])
    op.create_index("ix_wm_referral_org_opened", "wm_referral", ["organisation", "opened_on"])
    op.create_table(
        "wm_event",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organisation", sa.String(100), nullable=False),
        sa.Column("referral_id", sa.String(36), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("event", sa.String(20), nullable=False),
        sa.Column("target_kind", sa.String(10), nullable=True),
        sa.Column("target_id", sa.String(200), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("corrects", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["wm_referral.id"], name="fk_wm_event_referral_id_wm_referral"
        ),
        sa.ForeignKeyConstraint(
            ["corrects"], ["wm_event.id"], name="fk_wm_event_corrects_wm_event"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_wm_event"),
    )
    op.create_index("ix_wm_event_referral", "wm_event", ["referral_id", "on_date"])
    op.create_index("ix_wm_event_org_event", "wm_event", ["organisation", "event"])
    op.create_index("ix_wm_event_corrects", "wm_event", ["corrects"])
    op.create_table(
        "wm_offer",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organisation", sa.String(100), nullable=False),
        sa.Column("referral_id", sa.String(36), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.String(200), nullable=False),
        sa.Column("activity_name", sa.Text(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("baseline", sa.Float(), nullable=True),
        sa.Column("points", sa.Text(), nullable=False),
        sa.Column("ranker", sa.String(100), nullable=False),
        sa.Column("ranker_version", sa.String(100), nullable=False),
        sa.Column("catalogue_fingerprint", sa.String(64), nullable=True),
        sa.Column("propensity", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["wm_referral.id"], name="fk_wm_offer_referral_id_wm_referral"
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["wm_event.id"], name="fk_wm_offer_event_id_wm_event"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_wm_offer"),
    )
    op.create_index("ix_wm_offer_referral", "wm_offer", ["referral_id"])
    op.create_index("ix_wm_offer_org_activity", "wm_offer", ["organisation", "activity_id"])
    op.create_table(
        "wm_measure",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organisation", sa.String(100), nullable=False),
        sa.Column("referral_id", sa.String(36), nullable=False),
        sa.Column("instrument", sa.String(20), nullable=False),
        sa.Column("moment", sa.String(20), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("corrects", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["wm_referral.id"], name="fk_wm_measure_referral_id_wm_referral"
        ),
        sa.ForeignKeyConstraint(
            ["corrects"], ["wm_measure.id"], name="fk_wm_measure_corrects_wm_measure"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_wm_measure"),
    )
    op.create_index("ix_wm_measure_referral", "wm_measure", ["referral_id"])
    op.create_index("ix_wm_measure_corrects", "wm_measure", ["corrects"])
    op.create_table(
        "wm_measure_score",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organisation", sa.String(100), nullable=False),
        sa.Column("measure_id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.String(36), nullable=False),
        sa.Column("instrument", sa.String(20), nullable=False),
        sa.Column("moment", sa.String(20), nullable=False),
        sa.Column("component", sa.String(40), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["measure_id"], ["wm_measure.id"], name="fk_wm_measure_score_measure_id_wm_measure"
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["wm_referral.id"],
            name="fk_wm_measure_score_referral_id_wm_referral",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_wm_measure_score"),
    )
    op.create_index("ix_wm_measure_score_referral", "wm_measure_score", ["referral_id"])
    op.create_index("ix_wm_measure_score_org", "wm_measure_score", ["organisation", "instrument"])


def downgrade() -> None:
    for table in ("wm_measure_score", "wm_measure", "wm_offer", "wm_event", "wm_referral"):
        op.drop_table(table)
