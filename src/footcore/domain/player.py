"""The session player: a planned session turned into steps, driven by an injectable clock.

Each item becomes steps per set and per side (left, then right, for one-sided work):

- ``timed``: work by the clock (a ``duration_s`` dose, or a single hold); it ends by itself
  when the countdown reaches zero, or early with :meth:`Player.complete`.
- ``holds``: several reps each held ``hold_s`` seconds with a short release between; the
  player counts the reps by the clock and the step ends by itself.
- ``reps``: a rep prompt; the person does the reps at their own pace and confirms with
  :meth:`Player.complete` (optionally with the number actually done).

:meth:`Player.pause` freezes the clock of the current step, :meth:`Player.skip` drops the
rest of the current item. Whenever an item ends, :meth:`Player.tick`, :meth:`Player.complete`
or :meth:`Player.skip` return its :class:`ItemResult` so the caller can store it at once.
Pure: time comes only from the ``clock`` callable (seconds, e.g. ``time.time``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from footcore.domain.exercise import Tempo
from footcore.domain.wording import dose_of

#: Seconds of release between two held reps.
RELEASE_S = 2.0


class StepKind(StrEnum):
    TIMED = "timed"
    HOLDS = "holds"
    REPS = "reps"


class Status(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


@dataclass(frozen=True)
class PlayerItem:
    """One planned item, as the player needs it."""

    index: int
    exercise: str
    name: str
    sets: int
    reps: int | None = None
    hold_s: float | None = None
    duration_s: float | None = None
    per_side: bool = False
    cues: tuple[str, ...] = ()
    why: str = ""
    tempo: Tempo | None = None  # shown with the dose; the player counts reps, not phases
    added_load: str | None = None

    @classmethod
    def from_plan(
        cls, index: int, item: Mapping[str, Any], name: str = "", cues: Sequence[str] = ()
    ) -> PlayerItem:
        """From a plan item (the ``items`` entries of a plan's session)."""
        return cls(
            index=index,
            exercise=str(item["exercise"]),
            name=name or str(item["exercise"]),
            sets=max(1, int(item.get("sets") or 1)),
            reps=_opt_int(item.get("reps")),
            hold_s=_opt_float(item.get("hold_s")),
            duration_s=_opt_float(item.get("duration_s")),
            per_side=bool(item.get("per_side", False)),
            cues=tuple(cues),
            why=str(item.get("why", "")),
            tempo=dose_of(item).tempo,
            added_load=item.get("added_load"),
        )


def _opt_int(value: Any) -> int | None:
    return None if value is None else int(value)


def _opt_float(value: Any) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class Step:
    item: PlayerItem
    set_number: int  # 1-based
    side: str | None  # "left", "right" or None (both feet / no sides)
    kind: StepKind
    reps: int | None
    hold_s: float | None
    seconds: float | None  # the countdown of timed and holds steps

    @property
    def label(self) -> str:
        side = f", {self.side} foot" if self.side else ""
        return f"{self.item.name}: set {self.set_number} of {self.item.sets}{side}"


def steps_for(item: PlayerItem) -> list[Step]:
    """The steps of one item, set by set, left before right."""
    sides: tuple[str | None, ...] = ("left", "right") if item.per_side else (None,)
    out: list[Step] = []
    for set_number in range(1, item.sets + 1):
        for side in sides:
            if item.duration_s is not None:
                out.append(
                    Step(item, set_number, side, StepKind.TIMED, None, None, item.duration_s)
                )
            elif item.hold_s and (item.reps or 1) == 1:
                out.append(
                    Step(item, set_number, side, StepKind.TIMED, 1, item.hold_s, item.hold_s)
                )
            elif item.hold_s and item.reps:
                seconds = item.reps * item.hold_s + (item.reps - 1) * RELEASE_S
                out.append(
                    Step(item, set_number, side, StepKind.HOLDS, item.reps, item.hold_s, seconds)
                )
            else:
                out.append(Step(item, set_number, side, StepKind.REPS, item.reps or 1, None, None))
    return out


@dataclass
class _Tally:
    item: PlayerItem
    started_at: float
    full_by_set: dict[int, int] = field(default_factory=dict)
    reps: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add_reps(self, side: str, reps: int) -> None:
        self.reps[side] = self.reps.get(side, 0) + reps

    def add_seconds(self, side: str, seconds: float) -> None:
        self.seconds[side] = self.seconds.get(side, 0.0) + seconds


@dataclass(frozen=True)
class ItemResult:
    """The work done on one item; ``side`` keys are ``left``, ``right`` or ``both``."""

    index: int
    exercise: str
    sets_done: int
    reps: Mapping[str, int]
    seconds: Mapping[str, float]
    complete: bool  # every step of the item was done in full
    skipped: bool  # nothing of the item was done
    started_at: float
    ended_at: float


class Player:
    """Steps through a session. Not thread-safe; one player per session."""

    def __init__(self, items: Sequence[PlayerItem], clock: Callable[[], float]) -> None:
        self.items = tuple(items)
        self.clock = clock
        self.steps: tuple[Step, ...] = tuple(s for item in self.items for s in steps_for(item))
        self.index = 0
        self.status = Status.READY if self.steps else Status.FINISHED
        self.results: list[ItemResult] = []
        self._step_started = 0.0
        self._paused_total = 0.0
        self._paused_since: float | None = None
        self._tally: _Tally | None = None

    # -- reading ----------------------------------------------------------------------------

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if self.index < len(self.steps) else None

    @property
    def finished(self) -> bool:
        return self.status is Status.FINISHED

    def elapsed(self) -> float:
        """Seconds of work on the current step (pauses excluded)."""
        if self.status in (Status.READY, Status.FINISHED):
            return 0.0
        now = self._paused_since if self._paused_since is not None else self.clock()
        return max(0.0, now - self._step_started - self._paused_total)

    def remaining(self) -> float | None:
        """Seconds left on the countdown of a timed or holds step (None for reps)."""
        step = self.current
        if step is None or step.seconds is None:
            return None
        return max(0.0, step.seconds - self.elapsed())

    def hold_position(self) -> tuple[int, bool, float] | None:
        """For a holds step: (rep number 1-based, holding?, seconds left in this phase)."""
        step = self.current
        if step is None or step.kind is not StepKind.HOLDS or step.hold_s is None:
            return None
        period = step.hold_s + RELEASE_S
        t = min(self.elapsed(), step.seconds or 0.0)
        rep = min(int(t // period), (step.reps or 1) - 1)
        into = t - rep * period
        if into < step.hold_s:
            return rep + 1, True, step.hold_s - into
        return rep + 1, False, period - into

    # -- driving ----------------------------------------------------------------------------

    def start(self) -> None:
        if self.status is Status.READY:
            self.status = Status.RUNNING
            self._begin_step()

    def pause(self) -> None:
        if self.status is Status.RUNNING:
            self.status = Status.PAUSED
            self._paused_since = self.clock()

    def resume(self) -> None:
        if self.status is Status.PAUSED and self._paused_since is not None:
            self._paused_total += self.clock() - self._paused_since
            self._paused_since = None
            self.status = Status.RUNNING

    def tick(self) -> list[ItemResult]:
        """Let the clock act: end timed steps whose countdown is over."""
        done: list[ItemResult] = []
        while self.status is Status.RUNNING:
            step = self.current
            remaining = self.remaining()
            if step is None or step.kind is StepKind.REPS or remaining is None or remaining > 0:
                break
            done.extend(self._finish_step(full=True, reps=step.reps))
        return done

    def complete(self, reps: int | None = None) -> list[ItemResult]:
        """End the current step now: a reps step with ``reps`` done (default: as planned);
        a timed step early, counting the seconds actually done."""
        step = self.current
        if step is None or self.status is not Status.RUNNING:
            return []
        if step.kind is StepKind.REPS:
            planned = step.reps or 1
            done_reps = planned if reps is None else max(0, reps)
            return self._finish_step(full=done_reps >= planned, reps=done_reps)
        remaining = self.remaining() or 0.0
        return self._finish_step(full=remaining <= 0, reps=None)

    def skip(self) -> list[ItemResult]:
        """Drop the rest of the current item and move to the next one."""
        step = self.current
        if step is None or self.status is not Status.RUNNING:
            return []
        self._ensure_tally(step)
        while self.current is not None and self.current.item == step.item:
            self.index += 1
        return self._after_step(step.item)

    # -- internals --------------------------------------------------------------------------

    def _begin_step(self) -> None:
        self._step_started = self.clock()
        self._paused_total = 0.0
        self._paused_since = None
        step = self.current
        if step is not None and (self._tally is None or self._tally.item != step.item):
            self._tally = _Tally(item=step.item, started_at=self._step_started)

    def _ensure_tally(self, step: Step) -> _Tally:
        if self._tally is None or self._tally.item != step.item:
            self._tally = _Tally(item=step.item, started_at=self.clock())
        return self._tally

    def _finish_step(self, *, full: bool, reps: int | None) -> list[ItemResult]:
        step = self.steps[self.index]
        tally = self._ensure_tally(step)
        side = step.side or "both"
        planned_reps = step.reps or 0
        if step.kind is StepKind.REPS:
            tally.add_reps(side, reps or 0)
        elif step.kind is StepKind.HOLDS and step.hold_s:
            if full:
                held = planned_reps
            else:
                worked = min(self.elapsed(), step.seconds or 0.0)
                period = step.hold_s + RELEASE_S
                held = int(worked // period) + (1 if worked % period >= step.hold_s else 0)
                held = min(held, planned_reps)
            tally.add_reps(side, held)
            tally.add_seconds(side, held * step.hold_s)
        else:
            planned_s = step.seconds or 0.0
            tally.add_seconds(side, planned_s if full else min(self.elapsed(), planned_s))
            if planned_reps:
                tally.add_reps(side, planned_reps if full else 0)
        if full:
            tally.full_by_set[step.set_number] = tally.full_by_set.get(step.set_number, 0) + 1
        self.index += 1
        return self._after_step(step.item)

    def _after_step(self, item: PlayerItem) -> list[ItemResult]:
        nxt = self.current
        results = [] if nxt is not None and nxt.item == item else [self._close_item()]
        if nxt is None:
            self.status = Status.FINISHED
        else:
            self._begin_step()
        return results

    def _close_item(self) -> ItemResult:
        assert self._tally is not None
        tally = self._tally
        item = tally.item
        sides = 2 if item.per_side else 1
        sets_done = sum(1 for n in tally.full_by_set.values() if n >= sides)
        worked = any(tally.reps.values()) or any(v > 0 for v in tally.seconds.values())
        result = ItemResult(
            index=item.index,
            exercise=item.exercise,
            sets_done=sets_done,
            reps=dict(tally.reps),
            seconds={k: round(v, 1) for k, v in tally.seconds.items()},
            complete=sets_done == item.sets,
            skipped=not worked,
            started_at=tally.started_at,
            ended_at=self.clock(),
        )
        self.results.append(result)
        self._tally = None
        return result
