"""Athletes, profiles and programmes: onboarding, the current programme, today.

A programme is a stored snapshot of a generated plan with the generator version that made it
and the inputs beyond the profile (adaptation adjustments, the self-test used). The current
programme is regenerated, and a new snapshot stored, whenever any input changed: a new
profile version, a new generator version, new adaptation decisions, a newer self-test, or a
date past the end of the stored plan. Only the newest snapshot is read back; older ones are
pruned when a new one is stored, except the newest few and every snapshot a session log
points at (the plan that session followed). When only the inputs moved and the regenerated
plan is the same (pain 1 -> 2 within the same band, say), the current snapshot records the
new inputs instead of storing an identical copy (a snapshot is about 250 KB for twelve
weeks). A new snapshot keeps the history of the one before (``domain.history``): days gone
by and sessions already started stay as they were planned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, Protocol

from footcore.domain import adaptation
from footcore.domain.errors import FootcoreError, NotFoundError, Problem, ValidationError
from footcore.domain.history import StartedSession, keep_history
from footcore.domain.planning import GENERATOR_VERSION, MAX_WEEKS
from footcore.domain.vocab import RunKind, Slot
from footcore.services.context import Context, NotSetUpError, require_athlete
from footcore.services.outcomes import (
    HISTORY_DAYS,
    SessionDone,
    SessionFeedback,
    WorkDone,
    decision_from_row,
    done_session,
    session_outcome,
)
from footcore.services.views import (
    AthleteView,
    DecisionView,
    LoggedSlot,
    OnboardResult,
    ProgrammeView,
    TodayView,
)

if TYPE_CHECKING:
    from footcore.domain.assessments.scoring import BatteryReport
    from footcore.domain.exercise import Catalogue
    from footcore.domain.planning import Adjustments, Plan
    from footcore.services.unit_of_work import (
        AthleteRecord,
        DecisionRow,
        ProgrammeRecord,
        UnitOfWork,
    )
    from footcore.store.rows import PlanParts

#: Snapshots kept per athlete besides those a session log points at: the newest few. Only
#: the newest is ever read back (the current programme, and through it progress); a new one
#: is stored each time a changed input changes the plan, 1.7 MB of JSON after a year of use.
KEEP_SNAPSHOTS = 3

#: Weeks in a programme snapshot; past the end a new snapshot extends it by as many again.
# Structural change in the foot shows after about four months of training (DOMAIN.md 1).
DEFAULT_WEEKS = 16


def _programme_view(p: ProgrammeRecord, regenerated: bool) -> ProgrammeView:
    return ProgrammeView(
        id=p.id,
        athlete_id=p.athlete_id,
        generator_version=p.generator_version,
        start=p.start,
        weeks=p.weeks,
        plan=p.plan,
        adjustments=p.adjustments,
        regenerated=regenerated,
    )


def _plan_end(p: ProgrammeRecord) -> dt.date:
    return p.start + dt.timedelta(days=7 * p.weeks - 1)


#: The harder of two runs on one day decides the day's post-run rules.
_RUN_SEVERITY = {"none": 0, "easy": 1, "hard": 2, "long": 3}


class _RunKind(Protocol):
    """A run as the planner's inputs read it (a ``Run`` or a row of ``RunRepository.rows``)."""

    @property
    def date(self) -> dt.date: ...
    @property
    def kind(self) -> str: ...


def recorded_run_kinds(runs: Sequence[_RunKind]) -> dict[str, str]:
    """Date (ISO) -> the hardest kind of run recorded that day, for the planner."""
    kinds: dict[str, str] = {}
    for run in runs:
        day = run.date.isoformat()
        if _RUN_SEVERITY.get(run.kind, 0) > _RUN_SEVERITY.get(kinds.get(day, "none"), 0):
            kinds[day] = run.kind
    return dict(sorted(kinds.items()))


def since_checkins(today: dt.date) -> dt.date:
    """The first week whose check-in can still change the plan on ``today``: last week's
    Monday (a check-in speaks of the 7 days before it).

    The Monday is worked out here, as ``footcore.domain.ostrc.week_start`` does (a unit test
    holds the two equal): importing the check-in module for it was some 2 ms of every cold
    ``footcore today``, which reads no check-in in most weeks."""
    return today - dt.timedelta(days=today.weekday() + 7)


def _without_adjustments(plan: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in plan.items() if k != "adjustments"}


def find_day(plan: Mapping[str, Any], on: dt.date) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """(week, day) of a stored plan holding ``on``; KeyError outside the plan."""
    wanted = on.isoformat()
    for week in plan["weeks"]:
        for day in week["days"]:
            if day["date"] == wanted:
                return week, day
    raise KeyError(wanted)


def _day_of(
    uow: UnitOfWork, programme: ProgrammeRecord, on: dt.date
) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None, list[Any], list[Any]]:
    """(week, day) of the snapshot's plan holding ``on`` (None, None outside the plan), and
    the plan's flags and notes. Reads the one week the day falls in (weeks run seven days
    from the start, as ``Plan.week_of`` has them), not the whole document; a plan laid out
    otherwise is searched whole."""
    index = (on - programme.start).days // 7
    parts = uow.programmes.plan_parts(programme, index)
    return _day_in(parts, on, lambda: programme.plan)


def _day_in(
    parts: PlanParts, on: dt.date, whole_plan: Callable[[], Mapping[str, Any]]
) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None, list[Any], list[Any]]:
    """:func:`_day_of` given the parts read of the plan; ``whole_plan`` reads the whole
    document, for a plan whose weeks are laid out otherwise."""
    if parts.week is None:  # before the programme starts (or past its end)
        return None, None, parts.flags, parts.notes
    for day in parts.week["days"]:
        if day["date"] == on.isoformat():
            return parts.week, day, parts.flags, parts.notes
    try:
        week, day = find_day(whole_plan(), on)
    except KeyError:
        return None, None, parts.flags, parts.notes
    return week, day, parts.flags, parts.notes


class _LoggedToday(SessionDone, Protocol):
    """A session logged on the day as today's marks read it (a ``SessionLogRecord``, or a
    row of the stored day's read model)."""

    @property
    def client_id(self) -> str: ...
    @property
    def ended_at(self) -> dt.datetime | None: ...
    @property
    def items(self) -> Sequence[WorkDone]: ...


def _logged_slot(log: _LoggedToday) -> LoggedSlot:
    done = done_session(log)
    return LoggedSlot(
        slot=log.slot,
        client_id=log.client_id,
        items_done=sum(1 for i in log.items if not i.skipped),
        items_skipped=sum(1 for i in log.items if i.skipped),
        finished=log.ended_at is not None,
        items_in_full=done.items_done,
        planned_items=max(log.planned_items, len(log.items)),
        complete=done.complete,
    )


class _Snapshot(Protocol):
    """A stored snapshot as its freshness check reads it (no plan document)."""

    @property
    def profile_version_id(self) -> int: ...
    @property
    def generator_version(self) -> str: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def weeks(self) -> int: ...
    @property
    def adjustments(self) -> Mapping[str, Any]: ...


class AdaptationReads(Protocol):
    """What the plan's adaptation inputs are read from (:func:`adaptation_inputs`): a unit of
    work (through ``_UowReads``), or the stored day's read model
    (``footcore.store.stored_day.StoredDay``)."""

    def decision_rows(self, athlete_id: int) -> Sequence[DecisionRow]: ...
    def finished_rows(self, athlete_id: int, since: dt.date) -> Sequence[SessionFeedback]: ...
    def latest_assessment_id(self, athlete_id: int) -> int | None: ...
    def run_rows(self, athlete_id: int, since: dt.date) -> Sequence[_RunKind]: ...


class _UowReads:
    """:class:`AdaptationReads` over a unit of work's repositories."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def decision_rows(self, athlete_id: int) -> Sequence[DecisionRow]:
        return self.uow.decisions.rows(athlete_id)

    def finished_rows(self, athlete_id: int, since: dt.date) -> Sequence[SessionFeedback]:
        return self.uow.sessions.finished_rows(athlete_id, since=since)

    def latest_assessment_id(self, athlete_id: int) -> int | None:
        return self.uow.assessments.latest_id(athlete_id)

    def run_rows(self, athlete_id: int, since: dt.date) -> Sequence[_RunKind]:
        return self.uow.runs.rows(athlete_id, since=since)


def adaptation_inputs(
    reads: AdaptationReads,
    athlete_id: int,
    start: dt.date,
    today: dt.date,
    catalogue: Callable[[], Catalogue],
) -> dict[str, Any]:
    """The inputs besides the profile that shape a plan starting on ``start``, in stored
    form, except a weekly check-in's and a coach's template (``ProgrammeService._inputs``
    adds those). Every read and most writes recompute these to see whether the snapshot is
    current, so they are read as plain rows (no ORM objects), only the columns used.

    ``level_week`` is the plan week of ``today`` (from ``start``): adaptation's unlocked
    level holds up to it and later weeks are projected (``level_for_week``), so the
    snapshot is renewed once a week, and every page shows the plan's own levels."""
    decisions = [decision_from_row(r) for r in reads.decision_rows(athlete_id)]
    since = today - dt.timedelta(days=HISTORY_DAYS)
    finished = reads.finished_rows(athlete_id, since)
    outcomes = []
    if finished:  # the catalogue is loaded only when there is something to read it for
        loaded = catalogue()
        outcomes = [session_outcome(loaded, log) for log in finished]
    state = adaptation.state_from(decisions, adaptation.latest_pain(outcomes))
    return {
        "chain_offsets": dict(state.chain_offsets),
        "unlocked_level": state.unlocked_level,
        "cramp_free_post_run": state.cramp_free_post_run,
        "pain_nrs": state.pain_nrs,
        "assessment_id": reads.latest_assessment_id(athlete_id),
        "recorded_runs": recorded_run_kinds(reads.run_rows(athlete_id, since)),
        "level_week": max(1, (today - start).days // 7 + 1),
    }


def _span_on(previous: _Snapshot, on: dt.date) -> tuple[dt.date, int]:
    """The start and weeks a snapshot current on ``on`` has, ``previous`` being the newest:
    extended by :data:`DEFAULT_WEEKS` at a time past its end, started afresh on ``on`` past
    the longest plan the generator makes."""
    start, weeks = previous.start, previous.weeks
    while start + dt.timedelta(days=7 * weeks - 1) < on:
        weeks += DEFAULT_WEEKS
    if weeks > MAX_WEEKS:
        start, weeks = on, DEFAULT_WEEKS
    return start, weeks


def _unchanged(previous: _Snapshot, profile_id: int, weeks: int, inputs: Mapping[str, Any]) -> bool:
    """Whether ``previous`` was made from the newest profile by this generator, for
    ``weeks`` weeks, with these inputs: then it is current."""
    return (
        previous.profile_version_id == profile_id
        and previous.generator_version == GENERATOR_VERSION
        and previous.weeks == weeks
        and previous.adjustments == ProgrammeService._adjustments_dict(inputs, previous.adjustments)
    )


def _today_view(
    *,
    athlete_id: int,
    athlete: str,
    day: dt.date,
    programme_id: int,
    generator_version: str,
    found: tuple[Mapping[str, Any] | None, Mapping[str, Any] | None, list[Any], list[Any]],
    logged: Sequence[_LoggedToday],
    decisions: Sequence[DecisionView],
) -> TodayView:
    week, plan_day, flags, notes = found
    return TodayView(
        athlete_id=athlete_id,
        athlete=athlete,
        date=day,
        programme_id=programme_id,
        generator_version=generator_version,
        week=int(week["number"]) if week else None,
        level=int(week["level"]) if week else None,
        focus=str(week["focus"]) if week else None,
        day=plan_day,
        flags=tuple(flags),
        notes=tuple(str(n) for n in notes),
        logged=tuple(_logged_slot(log) for log in logged),
        decisions=tuple(d for d in decisions if d.date <= day),
    )


class StoredSnapshot(_Snapshot, Protocol):
    @property
    def id(self) -> int: ...


class StoredDayReads(AdaptationReads, Protocol):
    """What :func:`stored_today` reads: ``footcore.store.stored_day.StoredDay``, one
    read-only snapshot of the database."""

    def first_athlete(self) -> tuple[int, str] | None: ...
    def athletes(self) -> Sequence[tuple[int, str]]: ...
    def latest_profile_id(self, athlete_id: int) -> int | None: ...
    def latest_programme(self, athlete_id: int) -> StoredSnapshot | None: ...
    def plan_parts(self, programme_id: int, week_index: int | None) -> PlanParts: ...
    def plan(self, programme_id: int) -> Mapping[str, Any]: ...
    def any_checkin(self, athlete_id: int, since: dt.date) -> bool: ...
    def any_template_assignment(self) -> bool: ...
    def day_logs(self, athlete_id: int, day: dt.date) -> Sequence[_LoggedToday]: ...
    def decisions(self, athlete_id: int, since: dt.date) -> Sequence[DecisionRow]: ...


def stored_today(
    reads: StoredDayReads,
    *,
    athlete: str | None,
    on: dt.date | None,
    today: dt.date,
    catalogue: Callable[[], Catalogue],
) -> TodayView | None:
    """:meth:`ProgrammeService.today` for the athlete named (else the first set up) when the
    stored snapshot is current: the same view, read through ``reads`` with no unit of work.

    None whenever the full path must answer instead: no such athlete (it says so), no
    snapshot yet or one that is not current (it regenerates and stores), or an input this
    read does not weigh (a weekly check-in of the last two weeks, a coach's template: the
    full path works out whether they change the plan). ``today`` is the clock's date (the
    history adaptation reads runs up to it), ``on`` the day shown (default ``today``)."""
    found = _named_athlete(reads, athlete)
    if found is None:
        return None
    athlete_id, name = found
    day = on or today
    previous = reads.latest_programme(athlete_id)
    if previous is None:
        return None
    if reads.any_checkin(athlete_id, since_checkins(today)) or reads.any_template_assignment():
        return None
    start, weeks = _span_on(previous, day)
    inputs = adaptation_inputs(reads, athlete_id, start, today, catalogue)
    profile_id = reads.latest_profile_id(athlete_id)
    if profile_id is None or not _unchanged(previous, profile_id, weeks, inputs):
        return None
    index = (day - previous.start).days // 7
    parts = reads.plan_parts(previous.id, index if 0 <= index < previous.weeks else None)
    return _today_view(
        athlete_id=athlete_id,
        athlete=name,
        day=day,
        programme_id=previous.id,
        generator_version=previous.generator_version,
        found=_day_in(parts, day, lambda: reads.plan(previous.id)),
        logged=reads.day_logs(athlete_id, day),
        decisions=[
            DecisionView(r.date, r.chain, r.action, r.reason, r.level)
            for r in reads.decisions(athlete_id, day - dt.timedelta(days=1))
        ],
    )


def _named_athlete(reads: StoredDayReads, name: str | None) -> tuple[int, str] | None:
    """(id, name) of the athlete ``ProgrammeService.default_athlete_id`` picks, or None."""
    if name is None:
        return reads.first_athlete()
    for found in reads.athletes():
        if found[1].lower() == name.lower():
            return found
    return None


class ProgrammeService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- athletes --------------------------------------------------------------------------

    def onboard(
        self,
        profile_data: Mapping[str, Any],
        start: dt.date | None = None,
        weeks: int = DEFAULT_WEEKS,
        user_id: int | None = None,
    ) -> OnboardResult:
        """Create an athlete with profile version 1 and the first programme snapshot; with
        ``user_id``, linked to that account in the same transaction (an account that
        already has training data is refused and nothing is stored)."""
        # Deferred: not loaded by the stored `footcore today` or `footcore progress`
        # (measured; tests/e2e/test_cli_imports.py).
        from footcore.domain.profile import parse_profile, profile_to_dict  # noqa: PLC0415
        from footcore.services.accounts import link_account, require_unlinked  # noqa: PLC0415

        profile = parse_profile(profile_data)
        if not 1 <= weeks <= 52:
            raise ValidationError("programme", [Problem("weeks", "must be from 1 to 52")])
        now = self.ctx.now()
        with self.ctx.uow() as uow:
            if user_id is not None:
                require_unlinked(uow, user_id)
            athlete = uow.athletes.add(profile.name, now)
            if user_id is not None:
                link_account(uow, user_id, athlete.id)
            version = uow.profiles.add(athlete.id, profile_to_dict(profile), now)
            programme, _ = self._regenerate(
                uow, athlete.id, start or self.ctx.today(), weeks, previous=None
            )
            return OnboardResult(
                athlete=AthleteView(athlete.id, athlete.name, version.version, version.data),
                programme=_programme_view(programme, regenerated=True),
            )

    def update_profile(self, athlete_id: int, profile_data: Mapping[str, Any]) -> AthleteView:
        """Store a new profile version; the programme follows on its next use."""
        # Deferred: not loaded by the stored `footcore today` or `footcore progress`
        # (measured; tests/e2e/test_cli_imports.py).
        from footcore.domain.profile import parse_profile, profile_to_dict  # noqa: PLC0415

        profile = parse_profile(profile_data)
        with self.ctx.uow() as uow:
            athlete = require_athlete(uow, athlete_id)
            athlete.name = profile.name
            version = uow.profiles.add(athlete_id, profile_to_dict(profile), self.ctx.now())
            return AthleteView(athlete.id, athlete.name, version.version, version.data)

    def athletes(self) -> list[AthleteView]:
        with self.ctx.uow(read_only=True) as uow:
            return [self._athlete_view(uow, a) for a in uow.athletes.list()]

    def athlete(self, athlete_id: int) -> AthleteView:
        with self.ctx.uow(read_only=True) as uow:
            return self._athlete_view(uow, require_athlete(uow, athlete_id))

    def default_athlete_id(self, name: str | None = None) -> int:
        """The athlete the CLI acts for: the one named, else the first one set up."""
        with self.ctx.uow(read_only=True) as uow:
            if name is None:  # one query for one row, however many athletes are stored
                first = uow.athletes.first()
                if first is None:
                    raise NotSetUpError()
                return first.id
            athletes = uow.athletes.list()
            if not athletes:
                raise NotSetUpError()
            for a in athletes:
                if a.name.lower() == name.lower():
                    return a.id
            raise NotFoundError("athlete", name, [a.name for a in athletes])

    # -- programmes ------------------------------------------------------------------------

    def current_programme(self, athlete_id: int, on: dt.date | None = None) -> ProgrammeView:
        """The programme in force on ``on`` (default today), regenerated if needed."""
        day = on or self.ctx.today()
        with self.ctx.uow() as uow:
            programme, regenerated = self._current(uow, athlete_id, day)
            return _programme_view(programme, regenerated)

    def today(self, athlete_id: int, on: dt.date | None = None) -> TodayView:
        """The day's sessions, what is already logged, and decisions since yesterday."""
        day = on or self.ctx.today()
        with self.ctx.uow() as uow:
            athlete = require_athlete(uow, athlete_id)
            programme, _ = self._current(uow, athlete_id, day)
            return _today_view(
                athlete_id=athlete.id,
                athlete=athlete.name,
                day=day,
                programme_id=programme.id,
                generator_version=programme.generator_version,
                found=_day_of(uow, programme, day),
                logged=uow.sessions.list(athlete_id, since=day, until=day),
                decisions=[
                    DecisionView.of(r)
                    for r in uow.decisions.list(athlete_id, since=day - dt.timedelta(days=1))
                ],
            )

    def catalogue_for(self, athlete_id: int) -> Catalogue:
        """The catalogue the athlete's sessions are shown with: the built-in exercises plus
        those of the coaches whose groups the athlete belongs to (their cues, dose and foot
        map). One-person mode stores no coach exercise: one cheap query, no coaching import."""
        with self.ctx.uow(read_only=True) as uow:
            any_coach_exercise = uow.probes.any_coach_exercise()
        if not any_coach_exercise:
            return self.ctx.catalogue()
        # Deferred: not loaded by the stored `footcore today` or `footcore progress`
        # (measured; tests/e2e/test_cli_imports.py).
        from footcore.services.coaching.exercises import CoachExerciseService  # noqa: PLC0415

        return CoachExerciseService(self.ctx).catalogue_for_athlete(athlete_id)

    def planned_session(
        self, athlete_id: int, on: dt.date, slot: str | None = None
    ) -> Mapping[str, Any]:
        """One planned session of the day (the first not yet finished when no slot given)."""
        view = self.today(athlete_id, on)
        sessions = view.sessions
        slots = [str(s["slot"]) for s in sessions]
        if slot is not None:
            for s in sessions:
                if s["slot"] == slot:
                    return s
            self._no_such_session(athlete_id, slot, on, slots)
        if not sessions:
            raise ValidationError(
                "start", [Problem("date", f"no foot work is planned on {on.isoformat()}")]
            )
        finished = {s.slot for s in view.logged if s.finished}
        for s in sessions:
            if s["slot"] not in finished:
                return s
        return sessions[0]

    def _no_such_session(
        self, athlete_id: int, slot: str, on: dt.date, planned: Sequence[str]
    ) -> NoReturn:
        """Why ``slot`` has no session on ``on``: not a slot at all, not one of the
        profile's slots (and how to add it), or simply none planned that day."""
        if slot not in Slot.slugs():
            raise NotFoundError("slot", slot, Slot.slugs())
        mine = [str(s) for s in self.athlete(athlete_id).profile.get("slots", [])]
        if slot not in mine:
            raise FootcoreError(
                f"'{slot}' is not one of your slots ({', '.join(mine)}). To add it, put it in "
                "the slots of your profile file and run 'footcore init --update --profile "
                "FILE', or tick it on the settings page of the web app."
            )
        day = ", ".join(planned) if planned else "none"
        raise FootcoreError(
            f"no {slot} session on {on.isoformat()} (that day's sessions: {day})"
            + ("; pre-run and post-run sessions come only on running days" if "run" in slot else "")
        )

    # -- internals -------------------------------------------------------------------------

    def _athlete_view(self, uow: UnitOfWork, athlete: AthleteRecord) -> AthleteView:
        version = uow.profiles.latest(athlete.id)
        if version is None:
            return AthleteView(athlete.id, athlete.name, 0, {})
        return AthleteView(athlete.id, athlete.name, version.version, version.data)

    def _current(
        self, uow: UnitOfWork, athlete_id: int, on: dt.date
    ) -> tuple[ProgrammeRecord, bool]:
        """The snapshot in force on ``on``, regenerated (and stored) when it is not current.

        Two requests for the same athlete can both find the snapshot out of date (two
        workers, the CLI and the server). The one that regenerates first holds the athlete's
        row until it commits; the other then reads again and finds that new snapshot
        current, so one change never stores two identical snapshots."""
        require_athlete(uow, athlete_id)
        previous = uow.programmes.latest(athlete_id)
        due = self._due(uow, athlete_id, on, previous)
        if due is None:
            assert previous is not None
            return previous, False
        uow.athletes.lock(athlete_id)
        newest = uow.programmes.latest(athlete_id)
        if newest is not None and (previous is None or newest.id != previous.id):
            previous = newest  # stored by another transaction while this one looked
            due = self._due(uow, athlete_id, on, previous)
            if due is None:
                return previous, False
        start, weeks = due
        return self._regenerate(uow, athlete_id, start, weeks, previous)

    def _due(
        self, uow: UnitOfWork, athlete_id: int, on: dt.date, previous: ProgrammeRecord | None
    ) -> tuple[dt.date, int] | None:
        """None when ``previous`` is current on ``on``; else the start and weeks of the
        snapshot to make."""
        if previous is None:
            return on, DEFAULT_WEEKS
        start, weeks = _span_on(previous, on)
        inputs = self._inputs(uow, athlete_id, start)
        profile = uow.profiles.latest(athlete_id)
        assert profile is not None
        return None if _unchanged(previous, profile.id, weeks, inputs) else (start, weeks)

    def _inputs(self, uow: UnitOfWork, athlete_id: int, start: dt.date) -> dict[str, Any]:
        """Everything besides the profile that shapes the plan, in stored form: the
        adaptation inputs (:func:`adaptation_inputs`), then a weekly check-in and a coach's
        template where they change the plan."""
        inputs = adaptation_inputs(
            _UowReads(uow), athlete_id, start, self.ctx.today(), self.ctx.catalogue
        )
        # A weekly check-in that changes the plan (a cheap check first: most weeks and most
        # people have none that does).
        recent = since_checkins(self.ctx.today())
        if uow.probes.any_checkin(athlete_id, since=recent):
            # Deferred: not loaded by the stored `footcore today` or `footcore progress`
            # (measured; tests/e2e/test_cli_imports.py).
            from footcore.services.checkins import plan_response_for  # noqa: PLC0415

            response = plan_response_for(uow, athlete_id, self.ctx.today())
            if response.changes_plan:
                inputs["checkin"] = response.to_dict()
        # A coach's template, if any (a cheap check first: one-person mode has none).
        if uow.probes.any_template_assignment():
            # Deferred: not loaded by the stored `footcore today` or `footcore progress`
            # (measured; tests/e2e/test_cli_imports.py).
            from footcore.services.coaching.following import template_input  # noqa: PLC0415

            template = template_input(uow, athlete_id)
            if template is not None:
                inputs["template"] = template
        return inputs

    def _generate(
        self,
        uow: UnitOfWork,
        athlete_id: int,
        start: dt.date,
        weeks: int,
        *,
        base: int | None,
        extra_offsets: Mapping[str, int] | None = None,
    ) -> tuple[Plan, dict[str, Any]]:
        """The plan for the athlete's current profile and inputs, and the stored inputs.

        ``base`` is the level adaptation's level gate starts at (None: the level the
        calendar gives week 1); ``extra_offsets`` tries chain moves on top of the stored ones.
        """
        # Deferred: not loaded by the stored `footcore today` or `footcore progress`
        # (measured; tests/e2e/test_cli_imports.py).
        from footcore.domain.planning import generate_plan  # noqa: PLC0415
        from footcore.domain.profile import parse_profile  # noqa: PLC0415

        profile_row = uow.profiles.latest(athlete_id)
        assert profile_row is not None
        profile = parse_profile(profile_row.data)
        catalogue = self.ctx.catalogue()
        inputs = self._inputs(uow, athlete_id, start)
        report = _scored_self_test(uow, athlete_id, inputs["assessment_id"])
        if base is None:
            first = generate_plan(profile, catalogue, start, 1, report=report)
            base = first.weeks[0].level
        stored = self._adjustments_dict(inputs, {"base_level": base})
        offsets = dict(stored["chain_offsets"])
        for chain, delta in (extra_offsets or {}).items():
            offsets[chain] = offsets.get(chain, 0) + delta
        pain, planner_report = stored["pain_nrs"], report
        checkin = None
        if "checkin" in stored:  # a weekly check-in speaks through the pain rules' inputs
            # Deferred: not loaded by the stored `footcore today` or `footcore progress`
            # (measured; tests/e2e/test_cli_imports.py).
            from footcore.domain.ostrc import PlanResponse  # noqa: PLC0415
            from footcore.services.checkins import plan_inputs  # noqa: PLC0415

            checkin = PlanResponse.from_dict(stored["checkin"])
            pain, planner_report = plan_inputs(checkin, pain, profile.pain_nrs, report)
        adjustments = _planner_adjustments(stored, offsets, pain)
        plan = generate_plan(
            profile, catalogue, start, weeks, report=planner_report, adjustments=adjustments
        )
        if "template" in stored:
            # Deferred: not loaded by the stored `footcore today` or `footcore progress`
            # (measured; tests/e2e/test_cli_imports.py).
            from footcore.services.coaching.following import follow_template  # noqa: PLC0415

            plan = follow_template(uow, athlete_id, profile, plan)
        if checkin is not None:
            # Deferred: not loaded by the stored `footcore today` or `footcore progress`
            # (measured; tests/e2e/test_cli_imports.py).
            from footcore.services.checkins import explain_flags  # noqa: PLC0415

            plan = explain_flags(plan, checkin, stored["pain_nrs"], profile.pain_nrs, report)
        return plan, stored

    def chain_step(
        self, uow: UnitOfWork, athlete_id: int, on: dt.date, chain: str, delta: int
    ) -> int | None:
        """The step (0-based) of ``chain`` in the week of ``on`` if the chain moved ``delta``
        more steps; None when the chain is not in that week's plan."""
        programme = uow.programmes.latest(athlete_id)
        if programme is None or on < programme.start:
            return None
        week = (on - programme.start).days // 7
        base = programme.adjustments.get("base_level")
        plan, _ = self._generate(
            uow, athlete_id, programme.start, week + 1, base=base, extra_offsets={chain: delta}
        )
        steps = [
            item.step - 1
            for day in plan.weeks[week].days
            for session in day.sessions
            for item in session.items
            if item.chain == chain and item.step is not None
        ]
        return max(steps) if steps else None

    @staticmethod
    def _adjustments_dict(inputs: Mapping[str, Any], stored: Mapping[str, Any]) -> dict[str, Any]:
        base = stored.get("base_level")
        unlocked = inputs["unlocked_level"]
        if base is not None:
            unlocked = max(int(base), unlocked or int(base))
        return {**inputs, "unlocked_level": unlocked, "base_level": base}

    def _started(self, uow: UnitOfWork, athlete_id: int) -> list[StartedSession]:
        """The sessions logged from today on, with the exercises worked on in each."""
        return [
            StartedSession(
                log.date, log.slot, frozenset(i.exercise for i in log.items if not i.skipped)
            )
            for log in uow.sessions.list(athlete_id, since=self.ctx.today())
        ]

    def _regenerate(
        self,
        uow: UnitOfWork,
        athlete_id: int,
        start: dt.date,
        weeks: int,
        previous: ProgrammeRecord | None,
    ) -> tuple[ProgrammeRecord, bool]:
        """A new snapshot (True), or the previous one brought up to date when the plan it
        holds is unchanged (False)."""
        # Deferred: not loaded by the stored `footcore today` or `footcore progress`
        # (measured; tests/e2e/test_cli_imports.py).
        from footcore.domain.planning import GENERATOR_VERSION, plan_to_dict  # noqa: PLC0415

        profile_row = uow.profiles.latest(athlete_id)
        assert profile_row is not None
        base = previous.adjustments.get("base_level") if previous is not None else None
        generated, stored = self._generate(uow, athlete_id, start, weeks, base=base)
        plan = plan_to_dict(generated)
        if previous is not None:  # days gone by and sessions started stay as they were
            plan = keep_history(
                plan, previous.plan, self.ctx.today(), self._started(uow, athlete_id)
            )
        if (
            previous is not None
            and previous.profile_version_id == profile_row.id
            and previous.generator_version == GENERATOR_VERSION
            and (previous.start, previous.weeks) == (start, weeks)
            and _without_adjustments(previous.plan) == _without_adjustments(plan)
        ):
            # The inputs moved (say, pain 1 -> 2) but the plan did not: keep the snapshot
            # and record the inputs it now stands for, instead of storing an identical copy.
            previous.adjustments = stored
            previous.plan = plan
            uow.flush()
            return previous, False
        made = uow.programmes.add(
            {
                "athlete_id": athlete_id,
                "profile_version_id": profile_row.id,
                "generator_version": GENERATOR_VERSION,
                "start": start,
                "weeks": weeks,
                "adjustments": stored,
                "plan": plan,
                "created_at": self.ctx.now(),
            }
        )
        uow.accounts.roster.store_schedule(athlete_id, made.id, plan)  # coach's dashboard
        uow.programmes.prune(athlete_id, KEEP_SNAPSHOTS)
        return made, True


def _scored_self_test(
    uow: UnitOfWork, athlete_id: int, assessment_id: int | None
) -> BatteryReport | None:
    """The scored report of the self-test the plan's inputs name (None: none taken)."""
    if assessment_id is None:
        return None
    # Deferred: not loaded by the stored `footcore today` or `footcore progress`
    # (measured; tests/e2e/test_cli_imports.py).
    from footcore.domain.assessments import score_battery  # noqa: PLC0415

    row = next(a for a in uow.assessments.list(athlete_id) if a.id == assessment_id)
    return score_battery(row.input)


def _planner_adjustments(
    stored: Mapping[str, Any], offsets: dict[str, int], pain: int | None
) -> Adjustments:
    """The planner's adjustments from the stored inputs, with these chain offsets and pain."""
    # Deferred: not loaded by the stored `footcore today` or `footcore progress`
    # (measured; tests/e2e/test_cli_imports.py).
    from footcore.domain.planning import Adjustments  # noqa: PLC0415

    return Adjustments(
        chain_offsets=offsets,
        unlocked_level=stored["unlocked_level"],
        level_week=stored["level_week"],
        cramp_free_post_run=stored["cramp_free_post_run"],
        pain_nrs=pain,
        recorded_runs={
            dt.date.fromisoformat(day): RunKind(kind)
            for day, kind in stored["recorded_runs"].items()
        },
    )
