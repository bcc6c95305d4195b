"""Use cases: each public method is one transaction (a unit of work).

``footcore.bootstrap.bootstrap(settings)`` builds a :class:`Services`; the CLI, the web app
and the tests all get theirs from it.

Nothing here is imported until it is used: each group of use cases is built on first use,
and the names this package exports (``from footcore.services import Feedback``) are read
from their modules on first access. ``footcore today`` so loads only what it runs.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from footcore.services.accounts import AccountService
    from footcore.services.backup import BackupService
    from footcore.services.checkins import CheckinService
    from footcore.services.coaching import CoachingService
    from footcore.services.context import Context, NotSetUpError
    from footcore.services.logs import Feedback, ItemEntry, LogService, SessionHeader
    from footcore.services.programmes import DEFAULT_WEEKS, ProgrammeService
    from footcore.services.progress import ProgressReport, ProgressService
    from footcore.services.records import RecordService, RunEntry
    from footcore.services.reminders import ReminderService
    from footcore.services.studies import StudyService
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

#: The module each exported name lives in, imported on first access (PEP 562).
_EXPORTS: Mapping[str, str] = {
    "DEFAULT_WEEKS": "programmes",
    "AssessmentView": "views",
    "AthleteView": "views",
    "Context": "context",
    "DecisionView": "views",
    "Feedback": "logs",
    "ItemEntry": "logs",
    "LogReceipt": "views",
    "NotSetUpError": "context",
    "OnboardResult": "views",
    "ProgrammeView": "views",
    "ProgressReport": "progress",
    "RunEntry": "records",
    "RunView": "views",
    "SessionHeader": "logs",
    "TodayView": "views",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


class Services:
    """Every use case of footcore, grouped; the flat methods are the ones adapters call."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # Each group is imported and built on first use.
    @cached_property
    def programmes(self) -> ProgrammeService:
        """Athletes, profiles, programmes and today's sessions."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.programmes import ProgrammeService  # noqa: PLC0415

        return ProgrammeService(self.ctx)

    @cached_property
    def reminders(self) -> ReminderService:
        """Reminders by Web Push: the athlete's choice, subscribed browsers, sending."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.reminders import ReminderService  # noqa: PLC0415

        return ReminderService(self.ctx)

    @cached_property
    def logs(self) -> LogService:
        """Logging sessions, items and next-morning pain."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.logs import LogService  # noqa: PLC0415

        return LogService(self.ctx)

    @cached_property
    def records(self) -> RecordService:
        """Runs and self-tests."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.records import RecordService  # noqa: PLC0415

        return RecordService(self.ctx)

    @cached_property
    def backups(self) -> BackupService:
        """Backup and restore."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.backup import BackupService  # noqa: PLC0415

        return BackupService(self.ctx)

    @cached_property
    def reports(self) -> ProgressService:
        """The progress report."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.progress import ProgressService  # noqa: PLC0415

        return ProgressService(self.ctx)

    @cached_property
    def accounts(self) -> AccountService:
        """Accounts and sign-in."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.accounts import AccountService  # noqa: PLC0415

        return AccountService(self.ctx)

    @cached_property
    def coaching(self) -> CoachingService:
        """Coach mode."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.coaching import CoachingService  # noqa: PLC0415

        return CoachingService(self.ctx)

    @cached_property
    def checkins(self) -> CheckinService:
        """The weekly injury check-in, its outcome and sharing it with a coach."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.checkins import CheckinService  # noqa: PLC0415

        return CheckinService(self.ctx)

    @cached_property
    def studies(self) -> StudyService:
        """Group outcomes for coaches, and club studies."""
        # Deferred: each service loads on first use; `footcore today` needs only the
        # programmes (tests/e2e/test_cli_imports.py).
        from footcore.services.studies import StudyService  # noqa: PLC0415

        return StudyService(self.ctx)

    # athletes and programmes
    def onboard(
        self,
        profile: Mapping[str, Any],
        start: dt.date | None = None,
        weeks: int | None = None,
        user_id: int | None = None,
    ) -> OnboardResult:
        """``weeks`` left out: ``DEFAULT_WEEKS``; ``user_id``: the account the new athlete is
        linked to, in the same transaction."""
        if weeks is None:
            return self.programmes.onboard(profile, start, user_id=user_id)
        return self.programmes.onboard(profile, start, weeks, user_id=user_id)

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
