"""Weekly injury check-ins (OSTRC), consent to share them, club studies with their
allocation log, and an audit trail of consent and allocation changes (docs/outcomes.md).

The allocation log refuses UPDATE on both engines (a trigger): an entry, once written, is
never changed. Deleting stays possible (a study is deleted with its group; ``restore
--replace`` empties every table); the log's hash chain shows a gap.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)
_SCORES = "(0, 8, 17, 25)"
_REFUSED = "the allocation log cannot be changed: its entries are final"


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("skipped", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        _fk("checkins", "athlete_id", "athletes", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
        sa.UniqueConstraint("athlete_id", "week", name="uq_checkins_athlete_id_week"),
    )
    op.create_table(
        "checkin_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(20), nullable=False),
        sa.Column("participation", sa.Integer(), nullable=False),
        sa.Column("training", sa.Integer(), nullable=False),
        sa.Column("performance", sa.Integer(), nullable=False),
        sa.Column("symptoms", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "area IN ('foot-ankle', 'achilles-calf', 'knee', 'hip', 'other', 'illness')",
            name="ck_checkin_answers_area",
        ),
        sa.CheckConstraint("participation IN (8, 17, 25)", name="ck_checkin_answers_participation"),
        sa.CheckConstraint(f"training IN {_SCORES}", name="ck_checkin_answers_training"),
        sa.CheckConstraint(f"performance IN {_SCORES}", name="ck_checkin_answers_performance"),
        sa.CheckConstraint(f"symptoms IN {_SCORES}", name="ck_checkin_answers_symptoms"),
        _fk("checkin_answers", "checkin_id", "checkins", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_checkin_answers"),
        sa.UniqueConstraint("checkin_id", "area", name="uq_checkin_answers_checkin_id_area"),
    )
    op.create_table(
        "studies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("follow_up_weeks", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("started_at", _TIME, nullable=True),
        sa.Column("closed_at", _TIME, nullable=True),
        sa.CheckConstraint(
            "status IN ('recruiting', 'running', 'closed')", name="ck_studies_status"
        ),
        sa.CheckConstraint("follow_up_weeks BETWEEN 1 AND 104", name="ck_studies_follow_up_weeks"),
        _fk("studies", "group_id", "groups", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_studies"),
    )
    op.create_index("ix_studies_group_id", "studies", ["group_id"])
    op.create_table(
        "study_arms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(2), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=True),
        _fk("study_arms", "study_id", "studies", "CASCADE"),
        _fk("study_arms", "template_id", "programme_templates", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name="pk_study_arms"),
        sa.UniqueConstraint("study_id", "code", name="uq_study_arms_study_id_code"),
    )
    op.create_table(
        "study_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("weekly_km", sa.Float(), nullable=False),
        sa.Column("previous_injury", sa.Boolean(), nullable=False),
        sa.Column("enrolled_at", _TIME, nullable=False),
        sa.Column("withdrawn_at", _TIME, nullable=True),
        sa.Column("reminded_at", _TIME, nullable=True),
        sa.CheckConstraint("weekly_km >= 0", name="ck_study_participants_weekly_km"),
        _fk("study_participants", "study_id", "studies", "CASCADE"),
        _fk("study_participants", "athlete_id", "athletes", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_study_participants"),
        sa.UniqueConstraint(
            "study_id", "athlete_id", name="uq_study_participants_study_id_athlete_id"
        ),
        sa.UniqueConstraint("study_id", "code", name="uq_study_participants_study_id_code"),
    )
    op.create_index("ix_study_participants_athlete_id", "study_participants", ["athlete_id"])
    op.create_table(
        "study_allocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("participant_code", sa.String(16), nullable=False),
        sa.Column("stratum", sa.String(60), nullable=False),
        sa.Column("arm", sa.String(2), nullable=False),
        sa.Column("allocated_at", _TIME, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        _fk("study_allocations", "study_id", "studies", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_study_allocations"),
        sa.UniqueConstraint("study_id", "seq", name="uq_study_allocations_study_id_seq"),
    )
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("study_id", sa.Integer(), nullable=True),
        sa.Column("wording", sa.String(40), nullable=False),
        sa.Column("given_at", _TIME, nullable=False),
        sa.Column("revoked_at", _TIME, nullable=True),
        sa.CheckConstraint("kind IN ('share-checkins', 'study')", name="ck_consents_kind"),
        sa.CheckConstraint(
            "(group_id IS NULL) <> (study_id IS NULL)", name="ck_consents_one_subject"
        ),
        _fk("consents", "athlete_id", "athletes", "CASCADE"),
        _fk("consents", "group_id", "groups", "CASCADE"),
        _fk("consents", "study_id", "studies", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_consents"),
    )
    for column in ("athlete_id", "group_id", "study_id"):
        op.create_index(f"ix_consents_{column}", "consents", [column])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("athlete_id", sa.Integer(), nullable=True),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("study_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=False),
        _fk("audit_events", "actor_user_id", "users", "SET NULL"),
        _fk("audit_events", "athlete_id", "athletes", "CASCADE"),
        _fk("audit_events", "group_id", "groups", "CASCADE"),
        _fk("audit_events", "study_id", "studies", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_events"),
    )
    for column in ("athlete_id", "group_id", "study_id"):
        op.create_index(f"ix_audit_events_{column}", "audit_events", [column])
    _refuse_updates()


def _refuse_updates() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION footcore_allocation_final() RETURNS trigger AS $$ BEGIN "
            f"RAISE EXCEPTION '{_REFUSED}'; END; $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER study_allocations_final BEFORE UPDATE ON study_allocations "
            "FOR EACH ROW EXECUTE FUNCTION footcore_allocation_final()"
        )
    else:
        op.execute(
            "CREATE TRIGGER study_allocations_final BEFORE UPDATE ON study_allocations "
            f"BEGIN SELECT RAISE(ABORT, '{_REFUSED}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS study_allocations_final ON study_allocations")
        op.execute("DROP FUNCTION IF EXISTS footcore_allocation_final()")
    else:
        op.execute("DROP TRIGGER IF EXISTS study_allocations_final")
    for table in (
        "audit_events",
        "consents",
        "study_allocations",
        "study_participants",
        "study_arms",
        "studies",
        "checkin_answers",
        "checkins",
    ):
        op.drop_table(table)
