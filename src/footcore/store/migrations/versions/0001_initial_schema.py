"""Initial schema: athletes, profile versions, programmes, self-tests, session logs, runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_athletes"),
    )
    op.create_table(
        "profile_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_profile_versions_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_profile_versions"),
        sa.UniqueConstraint("athlete_id", "version", name="uq_profile_versions_athlete_id_version"),
    )
    op.create_table(
        "programmes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("profile_version_id", sa.Integer(), nullable=False),
        sa.Column("generator_version", sa.String(40), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("weeks", sa.Integer(), nullable=False),
        sa.Column("adjustments", sa.JSON(), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_programmes_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["profile_version_id"],
            ["profile_versions.id"],
            name="fk_programmes_profile_version_id_profile_versions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_programmes"),
    )
    op.create_index("ix_programmes_athlete_id", "programmes", ["athlete_id"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("input", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_assessments_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
    )
    op.create_index("ix_assessments_athlete_id_taken_on", "assessments", ["athlete_id", "taken_on"])
    op.create_table(
        "session_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("slot", sa.String(20), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=True),
        sa.Column("planned_items", sa.Integer(), nullable=False),
        sa.Column("planned_minutes", sa.Float(), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("ended_at", TS, nullable=True),
        sa.Column("difficulty", sa.Integer(), nullable=True),
        sa.Column("pain_during", sa.Integer(), nullable=True),
        sa.Column("next_morning_pain", sa.Integer(), nullable=True),
        sa.Column("cramp", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.CheckConstraint("difficulty BETWEEN 1 AND 5", name="ck_session_logs_difficulty"),
        sa.CheckConstraint("pain_during BETWEEN 0 AND 10", name="ck_session_logs_pain_during"),
        sa.CheckConstraint(
            "next_morning_pain BETWEEN 0 AND 10", name="ck_session_logs_next_morning_pain"
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_session_logs_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name="fk_session_logs_programme_id_programmes",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_session_logs"),
        sa.UniqueConstraint("athlete_id", "client_id", name="uq_session_logs_athlete_id_client_id"),
    )
    op.create_index("ix_session_logs_athlete_id_date", "session_logs", ["athlete_id", "date"])
    op.create_table(
        "item_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_log_id", sa.Integer(), nullable=False),
        sa.Column("item_index", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(80), nullable=False),
        sa.Column("planned", sa.JSON(), nullable=False),
        sa.Column("sets_done", sa.Integer(), nullable=False),
        sa.Column("reps_left", sa.Integer(), nullable=True),
        sa.Column("reps_right", sa.Integer(), nullable=True),
        sa.Column("reps_both", sa.Integer(), nullable=True),
        sa.Column("seconds_left", sa.Float(), nullable=True),
        sa.Column("seconds_right", sa.Float(), nullable=True),
        sa.Column("seconds_both", sa.Float(), nullable=True),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("difficulty", sa.Integer(), nullable=True),
        sa.Column("pain_during", sa.Integer(), nullable=True),
        sa.Column("cramp", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("ended_at", TS, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.CheckConstraint("difficulty BETWEEN 1 AND 5", name="ck_item_logs_difficulty"),
        sa.CheckConstraint("pain_during BETWEEN 0 AND 10", name="ck_item_logs_pain_during"),
        sa.ForeignKeyConstraint(
            ["session_log_id"],
            ["session_logs.id"],
            name="fk_item_logs_session_log_id_session_logs",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_item_logs"),
        sa.UniqueConstraint(
            "session_log_id", "item_index", name="uq_item_logs_session_log_id_item_index"
        ),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("km", sa.Float(), nullable=False),
        sa.Column("minutes", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("felt", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.CheckConstraint("felt BETWEEN 1 AND 5", name="ck_runs_felt"),
        sa.ForeignKeyConstraint(
            ["athlete_id"], ["athletes.id"], name="fk_runs_athlete_id_athletes", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_index("ix_runs_athlete_id_date", "runs", ["athlete_id", "date"])


def downgrade() -> None:
    op.drop_table("runs")
    op.drop_table("item_logs")
    op.drop_table("session_logs")
    op.drop_table("assessments")
    op.drop_table("programmes")
    op.drop_table("profile_versions")
    op.drop_table("athletes")
