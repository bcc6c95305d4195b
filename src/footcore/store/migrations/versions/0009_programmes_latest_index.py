"""The coach's views find each member's newest programme snapshot by one index probe.

``programmes (athlete_id)`` becomes ``programmes (athlete_id, id, start, created_at)``: the
newest snapshot of an athlete is the last entry under their id, and the columns the roster
reads of it are in the index, so neither engine reads the table (the plan documents stay
unread). The single-column index is dropped: every query it served (by athlete, cascades
from ``athletes``) is served by the new one's first column.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_NEW = "ix_programmes_athlete_id_id_start_created_at"
_OLD = "ix_programmes_athlete_id"


def upgrade() -> None:
    op.create_index(_NEW, "programmes", ["athlete_id", "id", "start", "created_at"])
    op.drop_index(_OLD, table_name="programmes")


def downgrade() -> None:
    op.create_index(_OLD, "programmes", ["athlete_id"])
    op.drop_index(_NEW, table_name="programmes")
