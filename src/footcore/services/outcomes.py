"""Turning stored logs into the plain records the pure domain works on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from footcore.domain.adaptation import Action, ItemOutcome, SessionOutcome
from footcore.domain.adaptation import Decision as DomainDecision
from footcore.domain.exercise import Catalogue

if TYPE_CHECKING:
    from footcore.services.unit_of_work import SessionLogRecord

if TYPE_CHECKING:  # the progress maths (and self-tests with them) load only for a report
    from footcore.domain.progress import DoneSession

SIDES = ("left", "right", "both")


class LoggedItem(Protocol):
    """What every reading of a logged item needs: what was planned, whether it was
    skipped, the sets done."""

    @property
    def planned(self) -> Mapping[str, Any]: ...
    @property
    def skipped(self) -> bool: ...
    @property
    def sets_done(self) -> int: ...


class WorkDone(LoggedItem, Protocol):
    """A logged item as the work-done arithmetic reads it: an ``ItemLogRecord``, or the plain
    rows of ``SessionLogRepository.done_rows``."""

    @property
    def reps_left(self) -> int | None: ...
    @property
    def reps_right(self) -> int | None: ...
    @property
    def reps_both(self) -> int | None: ...
    @property
    def seconds_left(self) -> float | None: ...
    @property
    def seconds_right(self) -> float | None: ...
    @property
    def seconds_both(self) -> float | None: ...


class SessionDone(Protocol):
    """A logged session with its items (a ``SessionLogRecord`` or a ``DoneSessionRow``)."""

    @property
    def date(self) -> dt.date: ...
    @property
    def slot(self) -> str: ...
    @property
    def planned_items(self) -> int: ...
    @property
    def items(self) -> Sequence[WorkDone]: ...


class ItemFeedback(LoggedItem, Protocol):
    """A logged item as adaptation reads it: an ``ItemLogRecord``, or a ``FeedbackItemRow`` of
    ``SessionLogRepository.finished_rows``."""

    @property
    def exercise(self) -> str: ...
    @property
    def difficulty(self) -> int | None: ...
    @property
    def pain_during(self) -> int | None: ...
    @property
    def cramp(self) -> bool | None: ...


class SessionFeedback(Protocol):
    """A session with its feedback and items as adaptation reads it (a ``SessionLogRecord`` or a
    ``FeedbackSessionRow``)."""

    @property
    def client_id(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def slot(self) -> str: ...
    @property
    def difficulty(self) -> int | None: ...
    @property
    def pain_during(self) -> int | None: ...
    @property
    def cramp(self) -> bool | None: ...
    @property
    def next_morning_pain(self) -> int | None: ...
    @property
    def items(self) -> Sequence[ItemFeedback]: ...


#: How far back adaptation looks (streaks, pain flags, latest pain). Chain offsets and
#: unlocked levels come from the stored decisions, so they are never forgotten.
HISTORY_DAYS = 120


def chain_info(catalogue: Catalogue, exercise: str) -> tuple[str, int, int, bool, str]:
    """(chain root, position, chain length, cramp risk, name); unknown exercises stand
    alone."""
    if exercise not in catalogue:
        return exercise, 0, 1, False, exercise
    chain = catalogue.chain_of(exercise)
    ex = catalogue.get(exercise)
    return chain[0], chain.index(exercise), len(chain), ex.cramp_risk, ex.name


def planned_done(item: LoggedItem) -> bool:
    """Whether the exercise was done in full: not skipped, every planned set done."""
    planned_sets = int(item.planned.get("sets") or 1)
    return not item.skipped and item.sets_done >= planned_sets


def item_outcome(catalogue: Catalogue, item: ItemFeedback) -> ItemOutcome:
    chain, position, length, cramp_risk, name = chain_info(catalogue, item.exercise)
    return ItemOutcome(
        exercise=item.exercise,
        chain=chain,
        chain_position=position,
        chain_length=length,
        planned_done=planned_done(item),
        skipped=item.skipped,
        pain=item.pain_during,
        difficulty=item.difficulty,
        cramp=bool(item.cramp),
        cramp_risk=cramp_risk,
        name=name,
        protocol=item.planned.get("protocol") if isinstance(item.planned, Mapping) else None,
    )


def session_outcome(catalogue: Catalogue, log: SessionFeedback) -> SessionOutcome:
    return SessionOutcome(
        key=log.client_id,
        date=log.date,
        slot=log.slot,
        items=tuple(item_outcome(catalogue, i) for i in log.items),
        difficulty=log.difficulty,
        pain=log.pain_during,
        cramp=bool(log.cramp),
        next_morning_pain=log.next_morning_pain,
    )


def finished_outcomes(
    catalogue: Catalogue, logs: Sequence[SessionLogRecord]
) -> list[SessionOutcome]:
    """Outcomes of the finished sessions (feedback given), oldest first."""
    return [session_outcome(catalogue, log) for log in logs if log.ended_at is not None]


def _planned_units(planned: Mapping[str, Any]) -> tuple[float, str]:
    sets = int(planned.get("sets") or 1)
    sides = 2 if planned.get("per_side") else 1
    if planned.get("duration_s") is not None:
        return sets * sides * float(planned["duration_s"]), "seconds"
    if planned.get("steps") is not None and planned.get("reps") is None:
        return float(planned["steps"]), "reps"
    reps = int(planned.get("reps") or 1)
    if planned.get("hold_s") is not None:
        return sets * sides * reps * float(planned["hold_s"]), "seconds"
    return float(sets * sides * reps), "reps"


def done_share(item: WorkDone) -> float:
    """The share (0..1) of the item's planned work that was done."""
    if item.skipped:
        return 0.0
    planned_sets = int(item.planned.get("sets") or 1)
    units, kind = _planned_units(item.planned)
    if kind == "seconds":
        done = sum(v or 0.0 for v in (item.seconds_left, item.seconds_right, item.seconds_both))
    else:
        done = float(sum(v or 0 for v in (item.reps_left, item.reps_right, item.reps_both)))
    if done <= 0:
        # Entered by hand without counts: judge by the sets done.
        return min(1.0, item.sets_done / planned_sets) if planned_sets else 0.0
    return min(1.0, done / units) if units else 1.0


def done_minutes(log: SessionDone) -> float:
    """Minutes of the session's planned work that was done (time model of the plan)."""
    return round(sum(float(i.planned.get("minutes") or 0.0) * done_share(i) for i in log.items), 1)


def done_session(log: SessionDone) -> DoneSession:
    # Deferred: the progress maths load only for a report, not the stored `footcore today`.
    from footcore.domain.progress import DoneSession, session_complete  # noqa: PLC0415

    items_done = sum(1 for i in log.items if planned_done(i))
    return DoneSession(
        date=log.date,
        slot=log.slot,
        minutes=done_minutes(log),
        items_done=items_done,
        complete=session_complete(log.planned_items, len(log.items), items_done),
    )


def decision_from_row(row: Any) -> DomainDecision:
    return DomainDecision(
        chain=row.chain,
        action=Action(row.action),
        reason=row.reason,
        date=row.date,
        level=row.level,
    )
