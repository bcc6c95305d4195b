"""The ports: what the use cases need from outside the services, declared as Protocols.

The services write and read files (a calendar, a PDF handout, a FHIR bundle, a FIT workout,
CSV tables, run files, a backup) but never import ``footcore.io``: each format they use is a
small Protocol here, and the implementation comes in through the :class:`FileFormats` of
their ``Context``. The composition root (:mod:`footcore.bootstrap`) wires footcore.io's
modules in: each module is the implementation as it is (mypy checks that it fits the
Protocol where bootstrap hands it over), loaded on first use, so a command that writes no
file loads no format library. A test may hand any object of the same shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from footcore.domain.assessments import BatteryReport
    from footcore.domain.exercise import Catalogue
    from footcore.domain.planning import Plan, Session
    from footcore.domain.profile import Profile
    from footcore.domain.progress_handout import ProgressHandout
    from footcore.domain.run_kind import RunRecord


class CalendarFormat(Protocol):
    """A plan as an iCalendar file (``footcore.io.calendar``)."""

    @property
    def REMINDERS(self) -> tuple[str, ...]:
        """The reminder choices: one a day, one per session, or none."""

    @property
    def DEFAULT_REMINDERS(self) -> str:
        """The choice when none is given."""

    def plan_to_ics(
        self,
        plan: Plan,
        *,
        calendar_key: str,
        catalogue: Catalogue | None = ...,
        tz: str | None = ...,
        sequence: int = ...,
        since: dt.date | None = ...,
        stamp: dt.datetime | None = ...,
        reminder_minutes: int = ...,
        reminders: str = ...,
    ) -> bytes: ...


class HandoutFormat(Protocol):
    """The printable handouts as PDF (``footcore.io.pdf``)."""

    def programme_pdf(self, plan: Plan, catalogue: Catalogue, *, paper: str = ...) -> bytes: ...

    def progress_pdf(self, data: ProgressHandout, *, paper: str = ...) -> bytes: ...


class FhirFormat(Protocol):
    """A FHIR R4(B) Bundle as JSON text (``footcore.io.fhir``)."""

    def fhir_bundle(
        self,
        profile: Profile,
        plan: Plan | None,
        reports: Sequence[BatteryReport],
        catalogue: Catalogue,
        *,
        patient_key: str,
        timestamp: dt.datetime | None = ...,
    ) -> str: ...


class FitWorkoutFormat(Protocol):
    """A planned session as a FIT workout file for a watch (``footcore.io.fitworkout``)."""

    def session_to_fit(
        self, session: Session, date: dt.date, *, created: dt.datetime | None = ...
    ) -> bytes: ...


class CsvFormat(Protocol):
    """Session logs and self-test results as CSV text (``footcore.io.csvexport``)."""

    def session_logs_csv(self, rows: Iterable[Mapping[str, object]]) -> str: ...

    def self_tests_csv(self, reports: Sequence[BatteryReport]) -> str: ...


class RunFileResult(Protocol):
    """What reading one run file gave: its runs, the rows skipped as not runs, or why it
    could not be read."""

    @property
    def name(self) -> str: ...

    @property
    def runs(self) -> Sequence[RunRecord]: ...

    @property
    def skipped(self) -> Sequence[str]: ...

    @property
    def error(self) -> str | None: ...


class RunFileReader(Protocol):
    """Run files (GPX, TCX, FIT, CSV) read within time and memory limits
    (``footcore.io.sandbox``)."""

    def read_run_files_limited(
        self,
        files: Sequence[tuple[str, bytes]],
        on_file: Callable[[str], None] | None = ...,
        *,
        latest: dt.date | None = ...,
    ) -> Sequence[RunFileResult]: ...


class DocumentReader(Protocol):
    """A JSON or TOML file read into a mapping, its errors in plain words
    (``footcore.io.files``)."""

    def read_mapping(self, path: Path | str) -> dict[str, Any]: ...


@dataclass(frozen=True)
class FileFormats:
    """Every file format the use cases use: each field answers the implementation when
    called (the first call may load it)."""

    calendar: Callable[[], CalendarFormat]
    handouts: Callable[[], HandoutFormat]
    fhir: Callable[[], FhirFormat]
    fit_workout: Callable[[], FitWorkoutFormat]
    csv: Callable[[], CsvFormat]
    run_files: Callable[[], RunFileReader]
    documents: Callable[[], DocumentReader]
