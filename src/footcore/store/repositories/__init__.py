"""Repositories: the queries footcore needs, each over one session (one transaction), by
area.

- :mod:`~footcore.store.repositories.base`: the shared session holder and insert-once;
- :mod:`~footcore.store.repositories.training`: athletes and their training data
  (re-exported here);
- :mod:`~footcore.store.repositories.accounts`: accounts, groups, templates, coaches'
  exercises and the coach's roster;
- :mod:`~footcore.store.repositories.outcomes`: check-ins, consents, studies, the audit
  trail and work done.

The accounts and outcomes repositories are imported on first use by the unit of work.
"""

from footcore.store.repositories.base import insert_once, insert_once_id
from footcore.store.repositories.training import (
    AssessmentRepository,
    AthleteRepository,
    CalendarFeedRepository,
    DecisionRepository,
    ProbeRepository,
    ProfileRepository,
    ProgrammeRepository,
    RunRepository,
    SessionLogRepository,
)

__all__ = [
    "AssessmentRepository",
    "AthleteRepository",
    "CalendarFeedRepository",
    "DecisionRepository",
    "ProbeRepository",
    "ProfileRepository",
    "ProgrammeRepository",
    "RunRepository",
    "SessionLogRepository",
    "insert_once",
    "insert_once_id",
]
