"""The database tables, by area, as typed SQLAlchemy 2.0 mappings.

- :mod:`~footcore.store.tables.base`: the declarative ``Base`` and UTC timestamps;
- :mod:`~footcore.store.tables.training`: athletes and their training data (re-exported
  here: nearly every command needs them);
- :mod:`~footcore.store.tables.accounts`: accounts, groups, coaches' templates and
  exercises, planned sessions, the secret key;
- :mod:`~footcore.store.tables.outcomes`: check-ins, consents, studies, the audit trail.

The accounts and outcomes tables are imported on first use (most commands never need
them). The schema changes only through the Alembic migrations in ``footcore/store/
migrations``; these classes describe the head revision.
"""

from footcore.store.tables.base import NAMING, Base, UTCDateTime
from footcore.store.tables.training import (
    TABLES_IN_ORDER,
    Assessment,
    Athlete,
    AthleteVersion,
    CalendarFeed,
    Decision,
    ItemLog,
    ProfileVersion,
    Programme,
    Run,
    SessionLog,
)

__all__ = [
    "NAMING",
    "TABLES_IN_ORDER",
    "Assessment",
    "Athlete",
    "AthleteVersion",
    "Base",
    "CalendarFeed",
    "Decision",
    "ItemLog",
    "ProfileVersion",
    "Programme",
    "Run",
    "SessionLog",
    "UTCDateTime",
]
