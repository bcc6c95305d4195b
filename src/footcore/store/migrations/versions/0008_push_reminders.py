"""Reminders by Web Push: each athlete's choice (per session, daily, never; quiet hours),
the browsers subscribed to pushes, and the reminders already sent.

The VAPID key pair that signs the pushes is kept in ``app_secrets`` beside the secret key,
made on first use; this revision adds no column for it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def _athlete_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["athlete_id"], ["athletes.id"], name=f"fk_{table}_athlete_id_athletes", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "reminder_settings",
        sa.Column("athlete_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("daily_at", sa.String(5), nullable=False),
        sa.Column("quiet_from", sa.String(5), nullable=True),
        sa.Column("quiet_until", sa.String(5), nullable=True),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.CheckConstraint(
            "mode IN ('session', 'daily', 'never')", name="ck_reminder_settings_mode"
        ),
        _athlete_fk("reminder_settings"),
        sa.PrimaryKeyConstraint("athlete_id", name="pk_reminder_settings"),
    )
    op.create_table(
        "push_subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("endpoint", sa.String(1000), nullable=False),
        sa.Column("p256dh", sa.String(200), nullable=False),
        sa.Column("auth", sa.String(100), nullable=False),
        sa.Column("device", sa.Text(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("last_sent_at", _TIME, nullable=True),
        _athlete_fk("push_subscriptions"),
        sa.PrimaryKeyConstraint("id", name="pk_push_subscriptions"),
        sa.UniqueConstraint("endpoint", name="uq_push_subscriptions_endpoint"),
    )
    op.create_index("ix_push_subscriptions_athlete_id", "push_subscriptions", ["athlete_id"])
    op.create_table(
        "reminders_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("sent_at", _TIME, nullable=False),
        _athlete_fk("reminders_sent"),
        sa.PrimaryKeyConstraint("id", name="pk_reminders_sent"),
        sa.UniqueConstraint("athlete_id", "key", name="uq_reminders_sent_athlete_id_key"),
    )


def downgrade() -> None:
    op.drop_table("reminders_sent")
    op.drop_index("ix_push_subscriptions_athlete_id", table_name="push_subscriptions")
    op.drop_table("push_subscriptions")
    op.drop_table("reminder_settings")
