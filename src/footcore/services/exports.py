"""Exports of an athlete's stored data: calendar, printable handouts, FHIR, FIT, CSV.

Each use case reads what it needs in one unit of work, turns the stored documents back into
domain objects, and hands them to the file formats behind the services' ports
(:mod:`footcore.services.ports`; footcore.io's, wired in by :mod:`footcore.bootstrap` and loaded
on first use, so that starting the CLI stays fast). The CLI commands ``footcore export ...`` and
the web downloads call these; each returns the file's content with its media type and a file
name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import tzlocal

from footcore.domain.assessments import score_battery
from footcore.domain.errors import NotFoundError, Problem, ValidationError
from footcore.domain.planning import day_of, plan_from_dict
from footcore.domain.progress_handout import PainPoint, ProgressHandout
from footcore.domain.wording import item_dose_text
from footcore.services.context import Context, require_athlete
from footcore.services.programmes import ProgrammeService
from footcore.services.progress import ProgressService

if TYPE_CHECKING:
    from footcore.domain.assessments import BatteryReport
    from footcore.domain.exercise import Catalogue
    from footcore.domain.planning import Plan
    from footcore.services.unit_of_work import SessionLogRecord

PAPERS = ("a4", "letter")
#: The address of a calendar feed, after the server's own address.
FEED_PATH = "/calendar/{token}.ics"
PDF_KINDS = ("plan", "progress")


@dataclass(frozen=True)
class ExportFile:
    """A produced file: its bytes, media type and a suggested file name."""

    content: bytes
    media_type: str
    filename: str


def calendar_key(athlete_id: int) -> str:
    """The athlete's part of every event UID (stable for the life of the athlete)."""
    return f"athlete-{athlete_id}"


def feed_path(token: str) -> str:
    """The path a calendar app subscribes to (prefix it with the server's address)."""
    return FEED_PATH.format(token=token)


def feed_not_found() -> NotFoundError:
    """The one answer for an unknown and a revoked feed address."""
    error = NotFoundError("calendar feed", "")
    error.message = (
        "no calendar feed at this address: it was never made, or it was replaced or revoked"
    )
    error.args = (error.message,)
    return error


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _slug(name: str) -> str:
    cleaned = "".join(c.lower() if c.isalnum() else "-" for c in name).strip("-")
    return "-".join(part for part in cleaned.split("-") if part) or "athlete"


def machine_time_zone() -> str:
    """The IANA name of this machine's time zone ("UTC" when it has none to tell)."""
    try:
        return str(tzlocal.get_localzone_name() or "UTC")
    except (LookupError, ValueError, OSError):  # no readable zone setting on this machine
        return "UTC"


class ExportService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.programmes = ProgrammeService(ctx)

    # -- reading ---------------------------------------------------------------------------

    def _plan(self, athlete_id: int, on: dt.date | None = None) -> tuple[Plan, int, str]:
        """The programme in force (regenerated when its inputs changed), its id and the
        athlete's name."""
        view = self.programmes.current_programme(athlete_id, on)
        plan = plan_from_dict(view.plan)
        return plan, view.id, plan.profile.name

    def _catalogue(self, athlete_id: int) -> Catalogue:
        """The athlete's catalogue: a coach's own exercises in their plan come with their
        cues and dose, as in the player."""
        return ProgrammeService(self.ctx).catalogue_for(athlete_id)

    def _reports(self, athlete_id: int) -> list[BatteryReport]:
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            return [score_battery(a.input) for a in uow.assessments.list(athlete_id)]

    def _name(self, athlete_id: int) -> str:
        with self.ctx.uow() as uow:
            return require_athlete(uow, athlete_id).name

    # -- calendar --------------------------------------------------------------------------

    def calendar(
        self,
        athlete_id: int,
        *,
        tz: str | None = None,
        since: dt.date | None = None,
        reminder_minutes: int = 10,
        reminders: str | None = None,
    ) -> ExportFile:
        """The plan as an iCalendar file (stable UIDs: re-importing updates the events).

        The times are in ``tz``, else the profile's ``time_zone``, else the machine's zone;
        ``reminders`` is ``daily`` (the default), ``session`` or ``none``."""
        problems = []
        if not 0 <= reminder_minutes <= 24 * 60:
            problems.append(Problem("reminder", "must be from 0 to 1440 minutes"))
        ics = self.ctx.formats.calendar()
        if reminders is not None and reminders not in ics.REMINDERS:
            problems.append(Problem("reminders", f"must be one of: {', '.join(ics.REMINDERS)}"))
        if problems:
            raise ValidationError("calendar", problems)
        plan, programme_id, name = self._plan(athlete_id)
        content = ics.plan_to_ics(
            plan,
            calendar_key=calendar_key(athlete_id),
            catalogue=self._catalogue(athlete_id),
            tz=tz or plan.profile.time_zone or machine_time_zone(),
            sequence=programme_id,
            since=since,
            stamp=self.ctx.now(),
            reminder_minutes=reminder_minutes,
            reminders=reminders or ics.DEFAULT_REMINDERS,
        )
        return ExportFile(content, "text/calendar; charset=utf-8", f"footcore-{_slug(name)}.ics")

    # -- calendar feed ---------------------------------------------------------------------

    def create_feed(self, athlete_id: int) -> str:
        """A new secret token for the athlete's calendar feed. Only its SHA-256 is stored,
        so the token is shown once; every older feed of the athlete stops working."""
        token = secrets.token_urlsafe(32)
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            uow.feeds.replace(athlete_id, _token_hash(token), self.ctx.now())
        return token

    def revoke_feeds(self, athlete_id: int) -> int:
        """Stop every calendar feed of the athlete; how many were working."""
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            return uow.feeds.revoke(athlete_id, self.ctx.now())

    def feed_athlete(self, token: str) -> int:
        """The athlete of a working feed token; an unknown and a revoked token both raise
        the same :class:`NotFoundError`."""
        with self.ctx.uow() as uow:
            found = uow.feeds.athlete_of(_token_hash(token))
        if found is None:
            raise feed_not_found()
        return found

    def calendar_for_feed(self, token: str, reminders: str | None = None) -> ExportFile:
        """The calendar of the feed's athlete, or :class:`NotFoundError` (unknown or
        revoked feed: the same answer, so a revoked address reveals nothing)."""
        return self.calendar(self.feed_athlete(token), reminders=reminders)

    # -- handouts --------------------------------------------------------------------------

    def handout(self, athlete_id: int, kind: str = "plan", paper: str = "a4") -> ExportFile:
        """The printable programme (``plan``) or progress report (``progress``) as PDF."""
        problems = []
        if kind not in PDF_KINDS:
            problems.append(Problem("kind", f"must be one of: {', '.join(PDF_KINDS)}"))
        if paper.lower() not in PAPERS:
            problems.append(Problem("paper", f"must be one of: {', '.join(PAPERS)}"))
        if problems:
            raise ValidationError("handout", problems)
        pdf = self.ctx.formats.handouts()
        if kind == "plan":
            plan, _, name = self._plan(athlete_id)
            content = pdf.programme_pdf(plan, self._catalogue(athlete_id), paper=paper)
        else:
            name = self._name(athlete_id)
            content = pdf.progress_pdf(self.progress_handout(athlete_id), paper=paper)
        return ExportFile(
            content, "application/pdf", f"footcore-{kind}-{_slug(name)}-{paper.lower()}.pdf"
        )

    def progress_handout(self, athlete_id: int, on: dt.date | None = None) -> ProgressHandout:
        """What the progress report prints: the progress report plus the pain records."""
        report = ProgressService(self.ctx).progress(athlete_id, on)
        with self.ctx.uow() as uow:
            logs = uow.sessions.list(athlete_id, until=report.date)
            pain = pain_points(logs)
        return ProgressHandout(
            athlete=report.athlete,
            date=report.date,
            overall=report.overall,
            this_week=report.this_week,
            streaks=report.streaks,
            weeks=report.weeks,
            trends=report.trends,
            pain=pain,
            runs_message=report.runs.message,
        )

    # -- FHIR ------------------------------------------------------------------------------

    def fhir(self, athlete_id: int) -> ExportFile:
        """A FHIR R4(B) Bundle: Patient, CarePlan, Observations, FAAM responses."""
        plan, _, name = self._plan(athlete_id)
        text = self.ctx.formats.fhir().fhir_bundle(
            plan.profile,
            plan,
            self._reports(athlete_id),
            self._catalogue(athlete_id),
            patient_key=calendar_key(athlete_id),
            timestamp=self.ctx.now(),
        )
        return ExportFile(
            text.encode("utf-8"), "application/fhir+json", f"footcore-{_slug(name)}-fhir.json"
        )

    # -- FIT workout -----------------------------------------------------------------------

    def session_fit(self, athlete_id: int, date: dt.date, slot: str) -> ExportFile:
        """One planned session as a FIT workout file for a watch."""
        plan, _, _ = self._plan(athlete_id, date)
        day = day_of(plan, date)
        if day is None or not day.sessions:
            raise NotFoundError(
                "planned session",
                f"{date.isoformat()} {slot}",
                message=f"no foot work is planned on {date.isoformat()}",
            )
        for session in day.sessions:
            if session.slot.value == slot:
                fit = self.ctx.formats.fit_workout()
                content = fit.session_to_fit(session, date, created=self.ctx.now())
                return ExportFile(
                    content,
                    "application/vnd.ant.fit",
                    f"footcore-{date.isoformat()}-{slot}.fit",
                )
        slots = ", ".join(s.slot.value for s in day.sessions)
        raise NotFoundError(
            "planned session",
            f"{date.isoformat()} {slot}",
            message=f"no {slot!r} session is planned on {date.isoformat()}; that day has: {slots}",
        )

    # -- CSV -------------------------------------------------------------------------------

    def session_logs_csv(self, athlete_id: int) -> ExportFile:
        """Every logged item of every session, one row each."""
        with self.ctx.uow() as uow:
            name = require_athlete(uow, athlete_id).name
            rows = session_log_rows(uow.sessions.list(athlete_id))
        return ExportFile(
            self.ctx.formats.csv().session_logs_csv(rows).encode("utf-8"),
            "text/csv; charset=utf-8",
            f"footcore-{_slug(name)}-sessions.csv",
        )

    def self_tests_csv(self, athlete_id: int) -> ExportFile:
        """Every self-test result, one row per scored value."""
        name = self._name(athlete_id)
        return ExportFile(
            self.ctx.formats.csv().self_tests_csv(self._reports(athlete_id)).encode("utf-8"),
            "text/csv; charset=utf-8",
            f"footcore-{_slug(name)}-self-tests.csv",
        )


def pain_points(logs: Sequence[SessionLogRecord]) -> list[PainPoint]:
    """Pain per day from session logs: the highest during the day's sessions and the
    highest next-morning pain recorded for it."""
    during: dict[dt.date, int] = {}
    morning: dict[dt.date, int] = {}
    for log in logs:
        values = [log.pain_during, *(i.pain_during for i in log.items)]
        present = [v for v in values if v is not None]
        if present:
            during[log.date] = max(during.get(log.date, 0), *present)
        if log.next_morning_pain is not None:
            morning[log.date] = max(morning.get(log.date, 0), log.next_morning_pain)
    days = sorted(set(during) | set(morning))
    return [PainPoint(d, during.get(d), morning.get(d)) for d in days]


def session_log_rows(logs: Sequence[SessionLogRecord]) -> list[Mapping[str, object]]:
    """One CSV row per logged item (a session with no items still gets one row)."""
    rows: list[Mapping[str, object]] = []
    for log in logs:
        session: dict[str, object] = {
            "date": log.date.isoformat(),
            "slot": log.slot,
            "source": log.source,
            "session_difficulty": log.difficulty,
            "session_pain": log.pain_during,
            "next_morning_pain": log.next_morning_pain,
            "session_cramp": log.cramp,
            "planned_minutes": log.planned_minutes,
            "started_at": log.started_at.isoformat(timespec="seconds"),
            "ended_at": None
            if log.ended_at is None
            else log.ended_at.isoformat(timespec="seconds"),
            "session_note": log.note,
        }
        if not log.items:
            rows.append(session)
        for item in log.items:
            row: dict[str, Any] = dict(session)
            row.update(
                {
                    "item": item.item_index + 1,
                    "exercise": item.exercise,
                    "planned_dose": item_dose_text(item.planned) if item.planned else None,
                    "skipped": item.skipped,
                    "sets_done": item.sets_done,
                    "reps_left": item.reps_left,
                    "reps_right": item.reps_right,
                    "reps_both": item.reps_both,
                    "seconds_left": item.seconds_left,
                    "seconds_right": item.seconds_right,
                    "seconds_both": item.seconds_both,
                    "item_difficulty": item.difficulty,
                    "item_pain": item.pain_during,
                    "item_cramp": item.cramp,
                    "item_note": item.note,
                }
            )
            rows.append(row)
    return rows
