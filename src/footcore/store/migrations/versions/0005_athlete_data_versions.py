"""Athletes' data versions (``athlete_versions``): a random number per athlete that changes
in every transaction writing the athlete's data, so that a web worker can tell with one
indexed read whether an answer it kept (today's sessions) is still current.

Every athlete stored before this revision gets a version of its own.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    versions = op.create_table(
        "athlete_versions",
        sa.Column("athlete_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("data_version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name="fk_athlete_versions_athlete_id_athletes",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("athlete_id", name="pk_athlete_versions"),
    )
    assert versions is not None
    ids = op.get_bind().execute(sa.text("SELECT id FROM athletes")).scalars().all()
    if ids:
        # The same range as footcore.store.data_versions.new_version (kept here as it was at
        # this revision: a migration never imports code that may change later).
        op.bulk_insert(
            versions,
            [{"athlete_id": i, "data_version": secrets.randbits(62) + 1} for i in ids],
        )


def downgrade() -> None:
    op.drop_table("athlete_versions")
