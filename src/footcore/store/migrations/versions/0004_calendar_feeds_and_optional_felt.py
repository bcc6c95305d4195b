"""Calendar feeds (a secret address a calendar app subscribes to; only the token's SHA-256
is stored) and runs without a "how did it feel" score (``runs.felt`` may be empty: runs
imported from files carry none).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_calendar_feeds_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_calendar_feeds"),
        sa.UniqueConstraint("token_sha256", name="uq_calendar_feeds_token_sha256"),
    )
    op.create_index("ix_calendar_feeds_athlete_id", "calendar_feeds", ["athlete_id"])
    with op.batch_alter_table("runs") as batch:
        batch.alter_column("felt", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    # Runs without a score get the middle of the scale back (3: neither good nor bad).
    op.execute("UPDATE runs SET felt = 3 WHERE felt IS NULL")
    with op.batch_alter_table("runs") as batch:
        batch.alter_column("felt", existing_type=sa.Integer(), nullable=False)
    op.drop_index("ix_calendar_feeds_athlete_id", table_name="calendar_feeds")
    op.drop_table("calendar_feeds")
