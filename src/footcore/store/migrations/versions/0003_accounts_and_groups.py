"""Accounts, sign-in sessions, password resets, groups and memberships, coaches' programme
templates and their assignments, coaches' own exercises, the planned sessions of each
athlete's latest programme (for the coach's dashboard), and app secrets.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _ts(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=f"fk_{table}_{column}_{target}",
        ondelete=ondelete,
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=True),
        sa.Column("failed_sign_ins", sa.Integer(), nullable=False),
        _ts("locked_until", nullable=True),
        _ts("last_sign_in_at", nullable=True),
        _ts("created_at"),
        sa.CheckConstraint("role IN ('athlete', 'coach', 'admin')", name="ck_users_role"),
        _fk("users", "athlete_id", "athletes", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("email", name="uq_users_email"),
        sa.UniqueConstraint("athlete_id", name="uq_users_athlete_id"),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("csrf_secret", sa.String(64), nullable=False),
        _ts("created_at"),
        _ts("expires_at"),
        _ts("last_seen_at"),
        _fk("web_sessions", "user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_web_sessions"),
        sa.UniqueConstraint("token_hash", name="uq_web_sessions_token_hash"),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_table(
        "password_resets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        _ts("created_at"),
        _ts("expires_at"),
        _ts("used_at", nullable=True),
        _fk("password_resets", "user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_password_resets"),
        sa.UniqueConstraint("token_hash", name="uq_password_resets_token_hash"),
    )
    op.create_index("ix_password_resets_user_id", "password_resets", ["user_id"])
    op.create_table(
        "groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("coach_user_id", sa.Integer(), nullable=False),
        sa.Column("invite_code", sa.String(20), nullable=False),
        _ts("created_at"),
        sa.CheckConstraint("kind IN ('club', 'class')", name="ck_groups_kind"),
        _fk("groups", "coach_user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_groups"),
        sa.UniqueConstraint("invite_code", name="uq_groups_invite_code"),
    )
    op.create_index("ix_groups_coach_user_id", "groups", ["coach_user_id"])
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        _ts("created_at"),
        _ts("accepted_at", nullable=True),
        _ts("left_at", nullable=True),
        sa.CheckConstraint(
            "status IN ('invited', 'accepted', 'left')", name="ck_memberships_status"
        ),
        _fk("memberships", "group_id", "groups", "CASCADE"),
        _fk("memberships", "athlete_id", "athletes", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_memberships"),
        sa.UniqueConstraint("group_id", "athlete_id", name="uq_memberships_group_id_athlete_id"),
    )
    op.create_index("ix_memberships_athlete_id", "memberships", ["athlete_id"])
    op.create_table(
        "programme_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coach_user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        _fk("programme_templates", "coach_user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_programme_templates"),
        sa.UniqueConstraint(
            "coach_user_id", "name", name="uq_programme_templates_coach_user_id_name"
        ),
    )
    op.create_table(
        "template_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("athlete_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        _ts("created_at"),
        sa.CheckConstraint(
            "(group_id IS NULL) <> (athlete_id IS NULL)", name="ck_template_assignments_one_target"
        ),
        _fk("template_assignments", "template_id", "programme_templates", "CASCADE"),
        _fk("template_assignments", "group_id", "groups", "CASCADE"),
        _fk("template_assignments", "athlete_id", "athletes", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_template_assignments"),
    )
    op.create_index("ix_template_assignments_template_id", "template_assignments", ["template_id"])
    op.create_index("ix_template_assignments_group_id", "template_assignments", ["group_id"])
    op.create_index("ix_template_assignments_athlete_id", "template_assignments", ["athlete_id"])
    op.create_table(
        "coach_exercises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coach_user_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(60), nullable=False),
        sa.Column("toml", sa.Text(), nullable=False),
        _ts("created_at"),
        _ts("updated_at"),
        _fk("coach_exercises", "coach_user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_coach_exercises"),
        sa.UniqueConstraint("slug", name="uq_coach_exercises_slug"),
    )
    op.create_index("ix_coach_exercises_coach_user_id", "coach_exercises", ["coach_user_id"])
    op.create_table(
        "planned_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("slot", sa.String(20), nullable=False),
        sa.Column("minutes", sa.Float(), nullable=False),
        _fk("planned_sessions", "programme_id", "programmes", "CASCADE"),
        _fk("planned_sessions", "athlete_id", "athletes", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_planned_sessions"),
        sa.UniqueConstraint(
            "programme_id", "date", "slot", name="uq_planned_sessions_programme_id_date_slot"
        ),
    )
    op.create_index(
        "ix_planned_sessions_athlete_id_date", "planned_sessions", ["athlete_id", "date"]
    )
    op.create_table(
        "app_secrets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        _ts("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_app_secrets"),
        sa.UniqueConstraint("key", name="uq_app_secrets_key"),
    )


def downgrade() -> None:
    for table in (
        "app_secrets",
        "planned_sessions",
        "coach_exercises",
        "template_assignments",
        "programme_templates",
        "memberships",
        "groups",
        "password_resets",
        "web_sessions",
        "users",
    ):
        op.drop_table(table)
