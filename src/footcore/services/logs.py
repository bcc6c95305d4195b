"""Logging foot work: sessions and their items, feedback, next-morning pain, adaptation.

Each call is one transaction. Items are keyed by (session client id, item index) and
sessions by their client id, so a repeated submission (a retry, a double click, the whole
session sent again) is stored once. Adaptation decisions are made in the same transaction
as the feedback that triggers them, each keyed so it is stored once too.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from footcore.domain import adaptation
from footcore.domain.adaptation import Decision, SessionOutcome, WeekAdherence
from footcore.domain.errors import ConflictError, NotFoundError, Problem, ValidationError
from footcore.domain.phrases import Named, Said
from footcore.domain.planning.levels import MAX_LEVEL
from footcore.domain.vocab import Equipment, Slot
from footcore.services.context import Context, require_athlete
from footcore.services.outcomes import (
    HISTORY_DAYS,
    SIDES,
    decision_from_row,
    done_session,
    finished_outcomes,
    planned_done,
    session_outcome,
)
from footcore.services.views import DecisionView, LoggedSession, LogReceipt

if TYPE_CHECKING:
    from footcore.services.unit_of_work import SessionLogRecord, UnitOfWork

SOURCES = ("guided", "manual")

MAX_CLIENT_ID = 64
MAX_NOTE = 2000
#: The ranges of a logged session's numbers (the API's schema states the same ones): far
#: beyond any real session, and within every column's range on both engines.
MAX_ITEMS = 200  # exercises in one session (indexes 0-199)

# How each logged exercise went, as the review of logged sessions says it (English shapes in
# the context "logged exercise"; babel.cfg hands these names to the extraction).
EXERCISE_SKIPPED = "skipped"
EXERCISE_DONE = "done"
EXERCISE_SETS = "%(done)s of %(sets)s sets in full"
LOGGED_EXERCISE = "logged exercise"
MAX_SETS = 100
MAX_REPS = 10_000
MAX_SECONDS = 86_400.0  # a day
MAX_MINUTES = 1_440.0


@dataclass(frozen=True)
class SessionHeader:
    """The start of a session: who made it (client id), when, which slot."""

    client_id: str
    date: dt.date
    slot: str
    source: str = "guided"
    planned_items: int = 0
    planned_minutes: float = 0.0
    started_at: dt.datetime | None = None


@dataclass(frozen=True)
class ItemEntry:
    """The work done on one item. ``reps`` and ``seconds`` are keyed by side: ``left``,
    ``right`` or ``both``. ``planned`` is the plan's item (sets, reps, hold_s, duration_s,
    per_side, minutes)."""

    index: int
    exercise: str
    planned: Mapping[str, Any]
    sets_done: int
    reps: Mapping[str, int] = field(default_factory=dict)
    seconds: Mapping[str, float] = field(default_factory=dict)
    skipped: bool = False
    difficulty: int | None = None
    pain: int | None = None
    cramp: bool | None = None
    note: str | None = None
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


@dataclass(frozen=True)
class Feedback:
    """The short form at the end of a session."""

    difficulty: int | None = None
    pain: int | None = None
    cramp: bool | None = None
    note: str | None = None
    ended_at: dt.datetime | None = None


def planned_entry(index: int, planned: Mapping[str, Any], *, skipped: bool = False) -> ItemEntry:
    """The entry of an exercise done exactly as planned (every set, rep and second), or
    skipped: what a hand-made log or a correction stores."""
    sets = int(planned.get("sets") or 1)
    sides = ("left", "right") if planned.get("per_side") else ("both",)
    reps: dict[str, int] = {}
    seconds: dict[str, float] = {}
    if not skipped:
        if planned.get("duration_s") is not None:
            seconds = {s: float(sets * planned["duration_s"]) for s in sides}
        elif planned.get("reps") is not None:
            reps = {s: sets * int(planned["reps"]) for s in sides}
            if planned.get("hold_s"):
                seconds = {s: float(sets * planned["reps"] * planned["hold_s"]) for s in sides}
    return ItemEntry(
        index=index,
        exercise=str(planned["exercise"]),
        planned=dict(planned),
        sets_done=0 if skipped else sets,
        reps=reps,
        seconds=seconds,
        skipped=skipped,
    )


def _by_side(*values: Any) -> dict[str, Any]:
    """left, right, both -> the values given."""
    return {side: v for side, v in zip(SIDES, values, strict=True) if v is not None}


def _range(problems: list[Problem], where: str, value: int | None, low: int, high: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        problems.append(Problem(where, f"must be a whole number from {low} to {high}"))


def _note(problems: list[Problem], where: str, note: str | None) -> None:
    if note is not None and len(note) > MAX_NOTE:
        problems.append(Problem(where, f"must be at most {MAX_NOTE} characters"))


def _amount(problems: list[Problem], where: str, value: float, high: float) -> None:
    """A count or measure from 0 to ``high`` (a finite number: the columns hold no more)."""
    if not (isinstance(value, int | float) and math.isfinite(value) and 0 <= value <= high):
        problems.append(Problem(where, f"must be from 0 to {high:g}"))


def validate_header(header: SessionHeader) -> None:
    problems: list[Problem] = []
    if not header.client_id or len(header.client_id) > MAX_CLIENT_ID:
        problems.append(Problem("client_id", f"must be 1 to {MAX_CLIENT_ID} characters"))
    if header.slot not in Slot.slugs():
        problems.append(Problem("slot", f"unknown slot; one of {', '.join(Slot.slugs())}"))
    if header.source not in SOURCES:
        problems.append(Problem("source", f"must be one of {', '.join(SOURCES)}"))
    _amount(problems, "planned_items", header.planned_items, MAX_ITEMS)
    _amount(problems, "planned_minutes", header.planned_minutes, MAX_MINUTES)
    if problems:
        raise ValidationError("session log", problems)


def validate_item(item: ItemEntry) -> None:
    problems: list[Problem] = []
    where = f"items[{item.index}]"
    _amount(problems, f"{where}.index", item.index, MAX_ITEMS - 1)
    if not item.exercise:
        problems.append(Problem(f"{where}.exercise", "is required"))
    _amount(problems, f"{where}.sets_done", item.sets_done, MAX_SETS)
    for side, reps in item.reps.items():
        if side not in SIDES:
            problems.append(Problem(f"{where}.reps.{side}", "side must be left, right or both"))
        else:
            _amount(problems, f"{where}.reps.{side}", reps, MAX_REPS)
    for side, secs in item.seconds.items():
        if side not in SIDES:
            problems.append(Problem(f"{where}.seconds.{side}", "side must be left, right or both"))
        else:
            _amount(problems, f"{where}.seconds.{side}", secs, MAX_SECONDS)
    _range(problems, f"{where}.difficulty", item.difficulty, 1, 5)
    _range(problems, f"{where}.pain", item.pain, 0, 10)
    _note(problems, f"{where}.note", item.note)
    if problems:
        raise ValidationError("item log", problems)


def validate_feedback(feedback: Feedback) -> None:
    problems: list[Problem] = []
    _range(problems, "difficulty", feedback.difficulty, 1, 5)
    _range(problems, "pain", feedback.pain, 0, 10)
    _note(problems, "note", feedback.note)
    if problems:
        raise ValidationError("session feedback", problems)


class LogService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    # -- writing ---------------------------------------------------------------------------

    def open_session(self, athlete_id: int, header: SessionHeader) -> tuple[int, bool]:
        """Store the session's start once; (session id, True when new)."""
        return self.ctx.write(self.open_session_work(athlete_id, header))

    def log_item(self, athlete_id: int, client_id: str, item: ItemEntry) -> bool:
        """Store one finished item of an open session once; True when it was new."""
        return self.ctx.write(self.log_item_work(athlete_id, client_id, item))

    def finish_session(
        self, athlete_id: int, client_id: str, feedback: Feedback
    ) -> tuple[DecisionView, ...]:
        """Store the feedback (first time only) and decide what changes; returns the
        decisions about this session (also when it was finished before)."""
        return self.ctx.write(self.finish_session_work(athlete_id, client_id, feedback))

    def log_session(
        self,
        athlete_id: int,
        header: SessionHeader,
        items: Sequence[ItemEntry],
        feedback: Feedback,
    ) -> LogReceipt:
        """A whole session in one transaction (manual entries, or a client sending all at
        once). Sending it again stores nothing new."""
        return self.ctx.write(self.log_session_work(athlete_id, header, items, feedback))

    # The same writes as pieces of work for a write queue (``ctx.writes``): each checks its
    # input at once (a ValidationError is raised here, before anything is queued) and
    # answers a function of the unit of work that does the writing; the web app awaits them
    # so that writes arriving together share a transaction (store/group_commit.py).

    def open_session_work(
        self, athlete_id: int, header: SessionHeader
    ) -> Callable[[UnitOfWork], tuple[int, bool]]:
        validate_header(header)
        return lambda uow: self._open(uow, athlete_id, header)

    def log_item_work(
        self, athlete_id: int, client_id: str, item: ItemEntry
    ) -> Callable[[UnitOfWork], bool]:
        validate_item(item)

        def work(uow: UnitOfWork) -> bool:
            log = self._session(uow, athlete_id, client_id)
            return self._add_item(uow, log.id, item)

        return work

    def finish_session_work(
        self, athlete_id: int, client_id: str, feedback: Feedback
    ) -> Callable[[UnitOfWork], tuple[DecisionView, ...]]:
        validate_feedback(feedback)

        def work(uow: UnitOfWork) -> tuple[DecisionView, ...]:
            # The row stays locked to the end: a finish sent twice at once waits here and
            # then finds the first one's feedback (which stands), never its own.
            log = self._session(uow, athlete_id, client_id, lock=True)
            self._finish(uow, log, feedback)
            return self._adapt(uow, athlete_id, log)

        return work

    def log_session_work(
        self,
        athlete_id: int,
        header: SessionHeader,
        items: Sequence[ItemEntry],
        feedback: Feedback,
    ) -> Callable[[UnitOfWork], LogReceipt]:
        validate_header(header)
        for item in items:
            validate_item(item)
        indexes = [i.index for i in items]
        if len(set(indexes)) != len(indexes):
            raise ValidationError("session log", [Problem("items", "item indexes repeat")])
        validate_feedback(feedback)

        def work(uow: UnitOfWork) -> LogReceipt:
            session_id, _ = self._open(uow, athlete_id, header)
            stored = sum(1 for item in items if self._add_item(uow, session_id, item))
            log = self._session(uow, athlete_id, header.client_id, lock=True)
            self._finish(uow, log, feedback)
            decisions = self._adapt(uow, athlete_id, log)
            return LogReceipt(
                client_id=header.client_id,
                session_id=log.id,
                items_stored=stored,
                items_already_stored=len(items) - stored,
                decisions=decisions,
            )

        return work

    def record_morning_pain(
        self, athlete_id: int, morning: dt.date, nrs: int
    ) -> tuple[DecisionView, ...]:
        """Pain on waking (0-10) after the foot work of the day before ``morning``."""
        problems: list[Problem] = []
        _range(problems, "pain", nrs, 0, 10)
        if problems:
            raise ValidationError("morning pain", problems)
        day = morning - dt.timedelta(days=1)
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            logs = uow.sessions.list(athlete_id, since=day, until=day)
            if not logs:
                raise ConflictError(
                    "morning pain: nothing is logged the day before",
                    [
                        Problem(
                            "date",
                            f"no foot work is logged on {day.isoformat()}, the day "
                            f"before {morning.isoformat()}",
                        )
                    ],
                )
            for log in logs:
                log.next_morning_pain = nrs
            uow.flush()
            return tuple(self._decide_morning(uow, athlete_id, day, logs))

    # -- corrections (issue 16 item 18) -----------------------------------------------------

    def delete_session(self, athlete_id: int, client_id: str) -> dt.date:
        """Delete a logged session with its exercises; the adaptation decided from its day
        on is decided again without it. Returns the session's date."""
        with self.ctx.uow() as uow:
            log = self._logged(uow, athlete_id, client_id)
            day = log.date
            uow.sessions.delete(log.id)
            self._replay(uow, athlete_id, day)
            return day

    def correct_session(
        self,
        athlete_id: int,
        client_id: str,
        items: Sequence[ItemEntry],
        feedback: Feedback,
    ) -> tuple[DecisionView, ...]:
        """Replace a logged session's exercises and feedback with corrected ones; the
        adaptation decided from its day on is decided again. Returns this session's
        decisions as they now stand."""
        for item in items:
            validate_item(item)
        indexes = [i.index for i in items]
        if len(set(indexes)) != len(indexes):
            raise ValidationError("session log", [Problem("items", "item indexes repeat")])
        validate_feedback(feedback)
        with self.ctx.uow() as uow:
            log = self._logged(uow, athlete_id, client_id)
            uow.sessions.clear_items(log.id)
            for item in items:
                self._add_item(uow, log.id, item)
            log.ended_at = log.ended_at or feedback.ended_at or self.ctx.now()
            log.difficulty = feedback.difficulty
            log.pain_during = feedback.pain
            log.cramp = feedback.cramp
            log.note = feedback.note
            uow.flush()
            self._replay(uow, athlete_id, log.date)
            rows = [r for r in uow.decisions.list(athlete_id) if r.session_log_id == log.id]
            return tuple(DecisionView.of(r) for r in rows)

    def logged_list(
        self, athlete_id: int, since: dt.date, until: dt.date | None = None
    ) -> list[LoggedSession]:
        """The sessions logged from ``since`` (to ``until``), oldest first, for review."""
        with self.ctx.uow(read_only=True) as uow:
            require_athlete(uow, athlete_id)
            out = []
            for log in uow.sessions.list(athlete_id, since=since, until=until):
                done = done_session(log)
                exercises = tuple(
                    (
                        Named(i.exercise, str(i.planned.get("name") or i.exercise)),
                        Said.in_context(LOGGED_EXERCISE, EXERCISE_SKIPPED)
                        if i.skipped
                        else Said.in_context(LOGGED_EXERCISE, EXERCISE_DONE)
                        if planned_done(i)
                        else Said.in_context(
                            LOGGED_EXERCISE,
                            EXERCISE_SETS,
                            done=i.sets_done,
                            sets=int(i.planned.get("sets") or 1),
                        ),
                    )
                    for i in log.items
                )
                out.append(
                    LoggedSession(
                        client_id=log.client_id,
                        date=log.date,
                        slot=log.slot,
                        complete=done.complete,
                        items_in_full=done.items_done,
                        planned_items=max(log.planned_items, len(log.items)),
                        pain=log.pain_during,
                        difficulty=log.difficulty,
                        exercises=exercises,
                    )
                )
            return out

    def logged_ids(self, athlete_id: int, day: dt.date, slot: str) -> list[str]:
        """The client ids of the sessions logged on ``day`` in ``slot``, oldest first."""
        with self.ctx.uow(read_only=True) as uow:
            require_athlete(uow, athlete_id)
            logs = uow.sessions.list(athlete_id, since=day, until=day)
            return [log.client_id for log in logs if log.slot == slot]

    def logged_entries(
        self, athlete_id: int, client_id: str
    ) -> tuple[dt.date, str, list[ItemEntry], Feedback]:
        """A logged session as a correction starts from: its day, slot, exercises (as
        entries) and feedback."""
        with self.ctx.uow(read_only=True) as uow:
            log = self._logged(uow, athlete_id, client_id)
            items = [
                ItemEntry(
                    index=i.item_index,
                    exercise=i.exercise,
                    planned=dict(i.planned),
                    sets_done=i.sets_done,
                    reps=_by_side(i.reps_left, i.reps_right, i.reps_both),
                    seconds=_by_side(i.seconds_left, i.seconds_right, i.seconds_both),
                    skipped=i.skipped,
                    difficulty=i.difficulty,
                    pain=i.pain_during,
                    cramp=i.cramp,
                    note=i.note,
                    started_at=i.started_at,
                    ended_at=i.ended_at,
                )
                for i in log.items
            ]
            feedback = Feedback(log.difficulty, log.pain_during, log.cramp, log.note, log.ended_at)
            return log.date, log.slot, items, feedback

    def _logged(self, uow: UnitOfWork, athlete_id: int, client_id: str) -> SessionLogRecord:
        require_athlete(uow, athlete_id)
        log = uow.sessions.by_client_id(athlete_id, client_id)
        if log is None:
            raise NotFoundError("logged session", client_id)
        return log

    def _replay(self, uow: UnitOfWork, athlete_id: int, since: dt.date) -> None:
        """Decide again, in the order they happened, everything from ``since`` on: every
        decision dated then or later is dropped, then each finished session and each
        next-morning pain from then on decides as it did when it was logged."""
        uow.decisions.delete_since(athlete_id, since)
        uow.flush()
        logs = uow.sessions.list(athlete_id, since=since - dt.timedelta(days=1))
        # (when, 0 = a morning's pain before that day's sessions / 1 = a session, order, ...)
        mornings: list[tuple[dt.date, int, dt.datetime, int]] = [
            (day + dt.timedelta(days=1), 0, dt.datetime.min.replace(tzinfo=dt.UTC), 0)
            for day in sorted(
                {x.date for x in logs if x.next_morning_pain is not None and x.ended_at}
            )
            if day + dt.timedelta(days=1) >= since  # decided on the morning after
        ]
        sessions = [(x.date, 1, x.started_at, x.id) for x in logs if x.date >= since and x.ended_at]
        by_id = {x.id: x for x in logs}
        for when, kind, _, log_id in sorted(mornings + sessions):
            if kind == 0:
                day = when - dt.timedelta(days=1)
                self._decide_morning(uow, athlete_id, day, [x for x in logs if x.date == day])
            else:
                self._adapt(uow, athlete_id, by_id[log_id])

    def _decide_morning(
        self, uow: UnitOfWork, athlete_id: int, day: dt.date, logs: Sequence[SessionLogRecord]
    ) -> list[DecisionView]:
        """The decisions the next-morning pain of ``day``'s sessions leads to, stored."""
        catalogue = self.ctx.catalogue()
        since = day - dt.timedelta(days=HISTORY_DAYS)
        everything = uow.sessions.list(athlete_id, since=since)
        outcomes = finished_outcomes(catalogue, everything)
        before = [o for o in outcomes if o.date < day]
        that_day = [session_outcome(catalogue, log) for log in logs]
        decisions = adaptation.decide_morning(before, that_day)
        decisions = self._effective(uow, athlete_id, decisions, that_day)
        return self._store(uow, athlete_id, decisions, f"morning:{day.isoformat()}", None)

    # -- internals -------------------------------------------------------------------------

    def _open(self, uow: UnitOfWork, athlete_id: int, header: SessionHeader) -> tuple[int, bool]:
        """The session's id, stored now if new; True when it was new. An unknown athlete
        raises :class:`NotFoundError`."""
        exists, programme_id = uow.athletes.newest_programme_id(athlete_id)
        if not exists:
            require_athlete(uow, athlete_id)  # raises, naming the athletes there are
        now = self.ctx.now()
        return uow.sessions.open_once(
            {
                "athlete_id": athlete_id,
                "client_id": header.client_id,
                "date": header.date,
                "slot": header.slot,
                "source": header.source,
                "programme_id": programme_id,
                "planned_items": header.planned_items,
                "planned_minutes": header.planned_minutes,
                "started_at": header.started_at or now,
                "ended_at": None,
                "difficulty": None,
                "pain_during": None,
                "next_morning_pain": None,
                "cramp": None,
                "note": None,
                "created_at": now,
            }
        )

    def _session(
        self, uow: UnitOfWork, athlete_id: int, client_id: str, *, lock: bool = False
    ) -> SessionLogRecord:
        log = uow.sessions.by_client_id(athlete_id, client_id, lock=lock)
        if log is None:
            raise NotFoundError(
                "session", client_id, message=f"no session '{client_id}' was started"
            )
        return log

    def _add_item(self, uow: UnitOfWork, session_id: int, item: ItemEntry) -> bool:
        now = self.ctx.now()
        return uow.sessions.add_item_once(
            {
                "session_log_id": session_id,
                "item_index": item.index,
                "exercise": item.exercise,
                "planned": dict(item.planned),
                "sets_done": item.sets_done,
                "reps_left": item.reps.get("left"),
                "reps_right": item.reps.get("right"),
                "reps_both": item.reps.get("both"),
                "seconds_left": item.seconds.get("left"),
                "seconds_right": item.seconds.get("right"),
                "seconds_both": item.seconds.get("both"),
                "skipped": item.skipped,
                "difficulty": item.difficulty,
                "pain_during": item.pain,
                "cramp": item.cramp,
                "note": item.note,
                "started_at": item.started_at or now,
                "ended_at": item.ended_at or now,
                "created_at": now,
            }
        )

    def _finish(self, uow: UnitOfWork, log: SessionLogRecord, feedback: Feedback) -> None:
        if log.ended_at is not None:
            return  # finished before: the first feedback stands
        log.ended_at = feedback.ended_at or self.ctx.now()
        log.difficulty = feedback.difficulty
        log.pain_during = feedback.pain
        log.cramp = feedback.cramp
        log.note = feedback.note
        uow.flush()

    def _adapt(
        self, uow: UnitOfWork, athlete_id: int, log: SessionLogRecord
    ) -> tuple[DecisionView, ...]:
        catalogue = self.ctx.catalogue()
        since = log.date - dt.timedelta(days=HISTORY_DAYS)
        everything = uow.sessions.list(athlete_id, since=since)
        outcomes = finished_outcomes(catalogue, everything)
        index = next(i for i, o in enumerate(outcomes) if o.key == log.client_id)
        history, current = outcomes[:index], outcomes[index]
        decisions = adaptation.decide_session(history, current)
        decisions = self._effective(uow, athlete_id, decisions, [current])
        self._store(uow, athlete_id, decisions, f"session:{log.client_id}", log.id)
        unlock = self._unlock(uow, athlete_id, current, outcomes[: index + 1], everything)
        if unlock is not None:
            decision, key = unlock
            self._store(uow, athlete_id, [decision], key, log.id)
        rows = [r for r in uow.decisions.list(athlete_id) if r.session_log_id == log.id]
        return tuple(DecisionView.of(r) for r in rows)

    def _effective(
        self,
        uow: UnitOfWork,
        athlete_id: int,
        decisions: Sequence[Decision],
        sessions: Sequence[SessionOutcome],
    ) -> list[Decision]:
        """Progress and regress decisions the programme can really follow; the others become
        holds that say why (the next version needs equipment the athlete has not listed or
        a level not unlocked yet; no easier version is open), so that offsets the planner
        would clamp away never pile up."""
        # Deferred: not loaded by the web app's start and a one-person request (measured).
        from footcore.services.programmes import ProgrammeService  # noqa: PLC0415

        programmes = ProgrammeService(self.ctx)
        items = {i.chain: i for s in sessions for i in s.items}
        out: list[Decision] = []
        for d in decisions:
            item = items.get(d.chain)
            if d.action not in (adaptation.Action.PROGRESS, adaptation.Action.REGRESS) or not item:
                out.append(d)
                continue
            now = programmes.chain_step(uow, athlete_id, d.date, d.chain, 0)
            if now is None:  # not in the plan this week: nothing to check against
                out.append(d)
                continue
            up = d.action is adaptation.Action.PROGRESS
            moved = programmes.chain_step(uow, athlete_id, d.date, d.chain, 1 if up else -1)
            if moved is not None and (moved > now if up else moved < now):
                out.append(d)
            elif up:
                why = self._blocked(uow, athlete_id, item)
                out.append(
                    Decision(
                        d.chain,
                        adaptation.Action.HOLD,
                        f"{item.label} felt easy {adaptation.PROGRESS_AFTER} sessions running, "
                        f"but the next version is not open to you yet ({why})",
                        d.date,
                    )
                )
            else:
                trigger = d.reason.removesuffix(adaptation.STEP_BACK)
                out.append(
                    Decision(
                        d.chain,
                        adaptation.Action.HOLD,
                        f"{trigger}; no easier version of {item.label} is open to you, so keep "
                        "it gentle and stop if it hurts more",
                        d.date,
                    )
                )
        return out

    def _blocked(self, uow: UnitOfWork, athlete_id: int, item: adaptation.ItemOutcome) -> str:
        catalogue = self.ctx.catalogue()
        chain = catalogue.chain_of(item.exercise) if item.exercise in catalogue else ()
        if item.chain_position + 1 >= len(chain):
            return "it is the hardest in its chain"
        nxt = catalogue.get(chain[item.chain_position + 1])
        profile = uow.profiles.latest(athlete_id)
        have = [Equipment(e) for e in (profile.data.get("equipment", []) if profile else [])]
        missing = nxt.needs(have)
        if missing:
            return f"{nxt.name} needs: {', '.join(str(e) for e in missing)}"
        return f"{nxt.name} opens at a later level"

    def _unlock(
        self,
        uow: UnitOfWork,
        athlete_id: int,
        current: SessionOutcome,
        outcomes: Sequence[SessionOutcome],
        logs: Sequence[SessionLogRecord],
    ) -> tuple[Decision, str] | None:
        """The level decision the session's plan week earns, with its idempotency key."""
        programme = uow.programmes.latest(athlete_id)
        if programme is None:
            return None
        # The plan week holding the session, read alone (not the whole plan document).
        week = uow.programmes.plan_parts(programme, (current.date - programme.start).days // 7)
        if week.week is None:
            return None
        days = week.week["days"]
        first, last = (
            dt.date.fromisoformat(days[0]["date"]),
            dt.date.fromisoformat(days[-1]["date"]),
        )
        already = any(
            r.action == adaptation.Action.UNLOCK and first <= r.date <= last
            for r in uow.decisions.list(athlete_id, since=first)
        )
        if already:  # one level per plan week at most
            return None
        planned = {
            (dt.date.fromisoformat(d["date"]), str(s["slot"])) for d in days for s in d["sessions"]
        }
        done = {
            (log.date, log.slot)
            for log in logs
            if (log.date, log.slot) in planned and done_session(log).complete
        }
        level = int(week.week["level"])
        adherence = WeekAdherence(
            number=int(week.week["number"]),
            level=level,
            start=first,
            planned_sessions=len(planned),
            done_sessions=len(done),
        )
        state = adaptation.state_from(decision_from_row(r) for r in uow.decisions.list(athlete_id))
        decision = adaptation.decide_unlock(
            adherence,
            adaptation.open_pain_flag(outcomes),
            state.unlocked_level,
            MAX_LEVEL,
            on=current.date,
        )
        if decision is None:
            return None
        if decision.action is adaptation.Action.UNLOCK:
            return decision, f"unlock:level-{decision.level}"
        return decision, f"unlock-held:level-{level + 1}:{adherence.start.isoformat()}"

    def _store(
        self,
        uow: UnitOfWork,
        athlete_id: int,
        decisions: Sequence[Decision],
        key: str,
        session_log_id: int | None,
    ) -> list[DecisionView]:
        now = self.ctx.now()
        stored: list[DecisionView] = []
        for d in decisions:
            suffix = d.chain if d.action is not adaptation.Action.MOVE else "move"
            full_key = key if key.startswith("unlock") else f"{key}:{suffix}"
            created = uow.decisions.add_once(
                {
                    "athlete_id": athlete_id,
                    "key": full_key,
                    "date": d.date,
                    "chain": d.chain,
                    "action": str(d.action),
                    "reason": d.reason,
                    "level": d.level,
                    "session_log_id": session_log_id,
                    "created_at": now,
                }
            )
            if created:
                stored.append(DecisionView(d.date, d.chain, str(d.action), d.reason, d.level))
        return stored
