"""Use cases: each public method is one transaction (a unit of work).

``footcore.bootstrap.bootstrap(settings)`` builds a :class:`Services`; the CLI, the web app
and the tests all get theirs from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from footcore.services.backup import BackupService
from footcore.services.context import Context, NotSetUpError
from footcore.services.logs import Feedback, ItemEntry, LogService, SessionHeader
from footcore.services.programmes import DEFAULT_WEEKS, ProgrammeService
from footcore.services.progress import ProgressReport, ProgressService
from footcore.services.records import RecordService, RunEntry
from footcore.services.views import (
    AssessmentView,
    AthleteView,
    DecisionView,
    LogReceipt,
    OnboardResult,
    ProgrammeView,
    RunView,
    TodayView,
)

if TYPE_CHECKING:
    from footcore.services.accounts import AccountService
    from footcore.services.coaching import CoachingService

__all__ = [
    "DEFAULT_WEEKS",
    "AssessmentView",
    "AthleteView",
    "Context",
    "DecisionView",
    "Feedback",
    "ItemEntry",
    "LogReceipt",
    "NotSetUpError",
    "OnboardResult",
    "ProgrammeView",
    "ProgressReport",
    "RunEntry",
    "RunView",
    "Services",
    "SessionHeader",
    "TodayView",
]


class Services:
    """Every use case of footcore, grouped; the flat methods are the ones adapters call."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.programmes = ProgrammeService(ctx)
        self.logs = LogService(ctx)
        self.records = RecordService(ctx)
        self.backups = BackupService(ctx)
        self.reports = ProgressService(ctx)

    @cached_property
    def accounts(self) -> AccountService:
        """Accounts and sign-in (imported on first use)."""
        from footcore.services.accounts import AccountService

        return AccountService(self.ctx)

    @cached_property
    def coaching(self) -> CoachingService:
        """Coach mode (imported on first use)."""
        from footcore.services.coaching import CoachingService

        return CoachingService(self.ctx)

    # athletes and programmes
    def onboard(
        self, profile: Mapping[str, Any], start: dt.date | None = None, weeks: int = DEFAULT_WEEKS
    ) -> OnboardResult:
        return self.programmes.onboard(profile, start, weeks)

    def update_profile(self, athlete_id: int, profile: Mapping[str, Any]) -> AthleteView:
        return self.programmes.update_profile(athlete_id, profile)

    def default_athlete_id(self, name: str | None = None) -> int:
        return self.programmes.default_athlete_id(name)

    def current_programme(self, athlete_id: int, on: dt.date | None = None) -> ProgrammeView:
        return self.programmes.current_programme(athlete_id, on)

    def today(self, athlete_id: int, on: dt.date | None = None) -> TodayView:
        return self.programmes.today(athlete_id, on)

    # logging
    def open_session(self, athlete_id: int, header: SessionHeader) -> tuple[int, bool]:
        return self.logs.open_session(athlete_id, header)

    def log_item(self, athlete_id: int, client_id: str, item: ItemEntry) -> bool:
        return self.logs.log_item(athlete_id, client_id, item)

    def finish_session(
        self, athlete_id: int, client_id: str, feedback: Feedback
    ) -> tuple[DecisionView, ...]:
        return self.logs.finish_session(athlete_id, client_id, feedback)

    def log_session(
        self,
        athlete_id: int,
        header: SessionHeader,
        items: Sequence[ItemEntry],
        feedback: Feedback,
    ) -> LogReceipt:
        return self.logs.log_session(athlete_id, header, items, feedback)

    def record_morning_pain(
        self, athlete_id: int, morning: dt.date, nrs: int
    ) -> tuple[DecisionView, ...]:
        return self.logs.record_morning_pain(athlete_id, morning, nrs)

    # records
    def add_run(self, athlete_id: int, run: RunEntry) -> bool:
        return self.records.add_run(athlete_id, run)

    def runs(self, athlete_id: int) -> list[RunView]:
        return self.records.runs(athlete_id)

    def record_assessment(
        self, athlete_id: int, data: Mapping[str, Any], taken_on: dt.date | None = None
    ) -> AssessmentView:
        return self.records.record_assessment(athlete_id, data, taken_on)

    # progress and backups
    def progress(self, athlete_id: int, on: dt.date | None = None) -> ProgressReport:
        return self.reports.progress(athlete_id, on)

    def backup(self) -> dict[str, Any]:
        return self.backups.backup()

    def restore(self, data: Mapping[str, Any], replace: bool = False) -> dict[str, int]:
        return self.backups.restore(data, replace)
