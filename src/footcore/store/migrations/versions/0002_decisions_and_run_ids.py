"""Adaptation decisions; client-made ids on runs so a repeated run entry is stored once.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("chain", sa.String(80), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("session_log_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_decisions_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_log_id"],
            ["session_logs.id"],
            name="fk_decisions_session_log_id_session_logs",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
        sa.UniqueConstraint("athlete_id", "key", name="uq_decisions_athlete_id_key"),
    )
    op.create_index("ix_decisions_athlete_id_date", "decisions", ["athlete_id", "date"])
    # Batch mode rebuilds the table on SQLite (copying every row) and alters it in place on
    # PostgreSQL.
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("client_id", sa.String(64), nullable=True))
        batch.create_unique_constraint("uq_runs_athlete_id_client_id", ["athlete_id", "client_id"])


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.drop_constraint("uq_runs_athlete_id_client_id", type_="unique")
        batch.drop_column("client_id")
    op.drop_index("ix_decisions_athlete_id_date", table_name="decisions")
    op.drop_table("decisions")
