"""Adaptation: after each logged session, decide per progression chain whether to
progress, hold or regress, and whether the next level unlocks.

Rules (every threshold is a named constant; docs/persistence.md explains them):

- **Regress** a chain when the pain during its work is above ``REGRESS_PAIN_ABOVE`` (5/10,
  the "not acceptable" band of pain monitoring), when the next morning's pain is worse than
  the highest pain of the day the work was done, or when a cramp struck. A cramp also turns
  on ``cramp_free_post_run``: cramp-prone items move away from post-run slots.
- **Progress** a chain when ``PROGRESS_AFTER`` (2) sessions running each did all the planned
  work of that chain at difficulty at most ``PROGRESS_MAX_DIFFICULTY`` (3/5) with pain at
  most ``PROGRESS_MAX_PAIN`` (3/10) and no worse next morning. The count starts again after
  each change of exercise in the chain (a progression, a regression or a new plan).
- **Hold** otherwise; the reason says what is still missing.
- **Unlock** the next level when the share of the week's planned sessions done reaches
  ``UNLOCK_ADHERENCE`` (70 %) and no pain flag is open. A pain flag opens with any regress
  trigger caused by pain and closes at the first later session with pain at most
  ``PROGRESS_MAX_PAIN`` whose next morning, when known, was not worse.

The functions here are pure: inputs are plain records built by the services from the logs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

REGRESS_PAIN_ABOVE = 5
PROGRESS_MAX_DIFFICULTY = 3
PROGRESS_MAX_PAIN = 3
PROGRESS_AFTER = 2
UNLOCK_ADHERENCE = 0.70

#: The ``chain`` of decisions about the whole programme (level unlocks, slot moves).
PROGRAMME = "programme"
#: How every regress reason ends (after what triggered it).
STEP_BACK = ": step back to an easier version"


class Action(StrEnum):
    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"
    UNLOCK = "unlock"
    MOVE = "move"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Decision:
    """One adaptation decision, with the reason shown to the user."""

    chain: str
    action: Action
    reason: str
    date: dt.date
    level: int | None = None


@dataclass(frozen=True)
class ItemOutcome:
    """What happened to one item of a session, as adaptation needs it."""

    exercise: str
    chain: str  # root slug of the exercise's progression chain
    chain_position: int  # 0 = the easiest member
    chain_length: int
    planned_done: bool  # every planned set, rep and second was done
    skipped: bool = False
    pain: int | None = None  # pain during this item; None = use the session's
    difficulty: int | None = None  # None = use the session's
    cramp: bool = False
    cramp_risk: bool = False
    name: str = ""  # shown in reasons; the slug when empty
    protocol: str | None = None  # the goal protocol that prescribed it (it keeps its stages)

    @property
    def label(self) -> str:
        return self.name or self.exercise


@dataclass(frozen=True)
class SessionOutcome:
    """One logged session with its feedback."""

    key: str
    date: dt.date
    slot: str
    items: tuple[ItemOutcome, ...]
    difficulty: int | None = None
    pain: int | None = None
    cramp: bool = False
    next_morning_pain: int | None = None

    def pain_of(self, item: ItemOutcome) -> int | None:
        return item.pain if item.pain is not None else self.pain

    def difficulty_of(self, item: ItemOutcome) -> int | None:
        return item.difficulty if item.difficulty is not None else self.difficulty

    def highest_pain(self) -> int | None:
        values = [p for p in (self.pain, *(i.pain for i in self.items)) if p is not None]
        return max(values) if values else None

    def cramped_items(self) -> tuple[ItemOutcome, ...]:
        """Items a cramp is blamed on: those marked, else (a session-level cramp) the
        cramp-prone ones, else every item of the session."""
        marked = tuple(i for i in self.items if i.cramp)
        if marked or not self.cramp:
            return marked
        prone = tuple(i for i in self.items if i.cramp_risk)
        return prone or self.items


@dataclass(frozen=True)
class WeekAdherence:
    """One plan week: its level and how many of its planned sessions were done."""

    number: int
    level: int
    start: dt.date
    planned_sessions: int
    done_sessions: int

    @property
    def share(self) -> float:
        return self.done_sessions / self.planned_sessions if self.planned_sessions else 0.0


@dataclass(frozen=True)
class AdaptationState:
    """The sum of all decisions so far, in the shape the planner takes."""

    chain_offsets: Mapping[str, int] = field(default_factory=dict)
    unlocked_level: int | None = None
    cramp_free_post_run: bool = False
    pain_nrs: int | None = None


def day_pain(sessions: Iterable[SessionOutcome], day: dt.date) -> int | None:
    """The highest pain recorded during foot work on one day."""
    values = [p for s in sessions if s.date == day and (p := s.highest_pain()) is not None]
    return max(values) if values else None


def morning_worse(session: SessionOutcome, history: Sequence[SessionOutcome]) -> bool:
    """The morning after this session hurt more than the day the work was done."""
    if session.next_morning_pain is None:
        return False
    before = day_pain([*history, session], session.date)
    return session.next_morning_pain > (before if before is not None else 0)


def _chains(session: SessionOutcome) -> dict[str, list[ItemOutcome]]:
    grouped: dict[str, list[ItemOutcome]] = {}
    for item in session.items:
        grouped.setdefault(item.chain, []).append(item)
    return grouped


def _clean(session: SessionOutcome, items: Sequence[ItemOutcome], worse_morning: bool) -> str:
    """Why this chain's work in this session does NOT count towards progress ('' = clean)."""
    for item in items:
        if item.skipped or not item.planned_done:
            return f"the planned work of {item.label} was not all done"
        difficulty = session.difficulty_of(item)
        if difficulty is None:
            return f"no difficulty was given for {item.label}"
        if difficulty > PROGRESS_MAX_DIFFICULTY:
            return f"difficulty {difficulty}/5 is above {PROGRESS_MAX_DIFFICULTY}"
        pain = session.pain_of(item)
        if pain is None:
            return f"no pain score was given for {item.label}"
        if pain > PROGRESS_MAX_PAIN:
            return f"pain {pain}/10 is above {PROGRESS_MAX_PAIN}"
        if item.cramp or (session.cramp and item in session.cramped_items()):
            return "a cramp struck"
    if worse_morning:
        return "the next morning hurt more than the day before"
    return ""


def _regress_reason(
    session: SessionOutcome, items: Sequence[ItemOutcome], history: Sequence[SessionOutcome]
) -> str:
    for item in items:
        pain = session.pain_of(item)
        if pain is not None and pain > REGRESS_PAIN_ABOVE:
            return f"pain {pain}/10 during {item.label} is above {REGRESS_PAIN_ABOVE}"
    cramped = set(session.cramped_items())
    for item in items:
        if item in cramped:
            return f"a cramp struck during {item.label}"
    if morning_worse(session, history):
        return (
            f"next-morning pain {session.next_morning_pain}/10 was worse than the day before "
            "(the load did not settle overnight)"
        )
    return ""


def _streak(chain: str, sessions: Sequence[SessionOutcome]) -> int:
    """Clean sessions running for ``chain`` at the end of ``sessions`` (reset by changes)."""
    streak = 0
    last_exercise: str | None = None
    for index, s in enumerate(sessions):
        items = _chains(s).get(chain)
        if not items:
            continue
        exercise = items[0].exercise
        if exercise != last_exercise:
            streak = 0
            last_exercise = exercise
        if _clean(s, items, morning_worse(s, sessions[:index])):
            streak = 0
            continue
        streak += 1
        if streak > PROGRESS_AFTER:  # a progression happened at PROGRESS_AFTER
            streak = 1
    return streak


def _protocol_hold(
    chain: str, item: ItemOutcome, regress: str | None, on: dt.date
) -> list[Decision]:
    """A goal protocol's exercise keeps the protocol's stages: no step up or down from one
    session. Pain is answered by the protocol's own pain rules, through the pain the next
    plan reads (its easier form at 4-5/10, a clinician above 5)."""
    if not regress:
        return []
    return [
        Decision(
            chain,
            Action.HOLD,
            f"{regress}; {item.label} follows its programme's stages, and its pain rules set "
            "what comes next: an easier form while pain is 4-5/10, a clinician above 5/10",
            on,
        )
    ]


def _step_back(chain: str, first: ItemOutcome, regress: str, on: dt.date) -> Decision:
    """Pain or a cramp: one step back down the chain, or, at its easiest version already,
    keep it gentle."""
    if first.chain_position > 0:
        return Decision(chain, Action.REGRESS, f"{regress}{STEP_BACK}", on)
    return Decision(
        chain,
        Action.HOLD,
        f"{regress}; {first.label} is already the "
        "easiest version, so keep it gentle and stop if it hurts more",
        on,
    )


def _step_up_or_stay(
    chain: str,
    items: Sequence[ItemOutcome],
    session: SessionOutcome,
    history: Sequence[SessionOutcome],
) -> Decision:
    """A chain with somewhere to go: stay while this session does not count or the run of
    easy, pain-free sessions is short; at the hardest version stay there; else step up."""
    first, on = items[0], session.date
    why_not = _clean(session, items, morning_worse(session, history))
    if why_not:
        return Decision(chain, Action.HOLD, f"stay at {first.label}: {why_not}", on)
    streak = _streak(chain, [*history, session])
    if streak < PROGRESS_AFTER:
        return Decision(
            chain,
            Action.HOLD,
            f"stay at {first.label}: {streak} of {PROGRESS_AFTER} easy, pain-free "
            "sessions running so far",
            on,
        )
    if first.chain_position + 1 >= first.chain_length:
        return Decision(
            chain,
            Action.HOLD,
            f"{first.label} felt easy {PROGRESS_AFTER} sessions running, and it "
            "is already the hardest version in its chain",
            on,
        )
    return Decision(
        chain,
        Action.PROGRESS,
        f"{first.label}: all planned work done at difficulty at most "
        f"{PROGRESS_MAX_DIFFICULTY} and pain at most {PROGRESS_MAX_PAIN}, "
        f"{PROGRESS_AFTER} sessions running: move one step up",
        on,
    )


def _chain_decisions(
    chain: str,
    items: Sequence[ItemOutcome],
    session: SessionOutcome,
    history: Sequence[SessionOutcome],
) -> list[Decision]:
    """The decision for one chain's items in the session (none for a stand-alone exercise
    that went well)."""
    regress = _regress_reason(session, items, history)
    if all(i.protocol for i in items):
        return _protocol_hold(chain, items[0], regress, session.date)
    if regress:
        return [_step_back(chain, items[0], regress, session.date)]
    if items[0].chain_length < 2:
        return []
    return [_step_up_or_stay(chain, items, session, history)]


def decide_session(history: Sequence[SessionOutcome], session: SessionOutcome) -> list[Decision]:
    """Decisions after ``session``, given the sessions before it (oldest first).

    One decision per progression chain (chains of two or more exercises) in the session;
    a stand-alone exercise only gets one when pain or a cramp calls for a step back it
    cannot take. A cramp adds a programme-wide move of cramp-prone items off post-run slots.
    """
    decisions: list[Decision] = []
    for chain, items in _chains(session).items():
        decisions += _chain_decisions(chain, items, session, history)
    if session.cramped_items():
        decisions.append(
            Decision(
                PROGRAMME,
                Action.MOVE,
                "a cramp struck: cramp-prone exercises (toe curling, deep toe stretches) move "
                "away from post-run slots, when tired muscles cramp most easily",
                session.date,
            )
        )
    return decisions


def decide_morning(
    history: Sequence[SessionOutcome], day: Sequence[SessionOutcome]
) -> list[Decision]:
    """Decisions once the next-morning pain of the sessions of one day is known.

    ``day`` holds the sessions of that day, each with ``next_morning_pain`` filled in;
    ``history`` the sessions before them. Worse than the day before: every chain worked
    that day steps back (or holds at its easiest version).
    """
    if not day or not morning_worse(day[0], history):
        return []
    morning = day[0].date + dt.timedelta(days=1)
    reason = (
        f"next-morning pain {day[0].next_morning_pain}/10 was worse than the day before: "
        "the load did not settle overnight"
    )
    decisions: list[Decision] = []
    seen: set[str] = set()
    for session in day:
        for chain, items in _chains(session).items():
            if chain in seen:
                continue
            seen.add(chain)
            if items[0].chain_position > 0:
                decisions.append(Decision(chain, Action.REGRESS, f"{reason}{STEP_BACK}", morning))
            elif items[0].chain_length > 1:
                decisions.append(
                    Decision(
                        chain,
                        Action.HOLD,
                        f"{reason}; {items[0].label} is already the easiest version",
                        morning,
                    )
                )
    return decisions


def open_pain_flag(sessions: Sequence[SessionOutcome]) -> str | None:
    """Why a pain flag is open after these sessions (oldest first), or None."""
    flag: str | None = None
    for index, s in enumerate(sessions):
        highest = s.highest_pain()
        worse = morning_worse(s, sessions[:index])
        if highest is not None and highest > REGRESS_PAIN_ABOVE:
            flag = f"pain {highest}/10 on {s.date.isoformat()}"
        elif worse:
            flag = f"next-morning pain worse than the day before after {s.date.isoformat()}"
        elif flag is not None and highest is not None and highest <= PROGRESS_MAX_PAIN:
            flag = None
    return flag


def decide_unlock(
    week: WeekAdherence,
    pain_flag: str | None,
    unlocked_level: int | None,
    top_level: int,
    on: dt.date | None = None,
) -> Decision | None:
    """Whether the week earns the next level; the decision is dated ``on`` (default: the
    week's first day).

    None when the week has not reached the adherence mark yet, when the next level is
    already unlocked, or when there is no higher level.
    """
    next_level = week.level + 1
    if week.planned_sessions == 0 or week.share < UNLOCK_ADHERENCE:
        return None
    if next_level > top_level or (unlocked_level is not None and unlocked_level >= next_level):
        return None
    pct = round(week.share * 100)
    if pain_flag is not None:
        return Decision(
            PROGRAMME,
            Action.HOLD,
            f"week {week.number}: {week.done_sessions} of {week.planned_sessions} sessions done "
            f"({pct}%), but a pain flag is open ({pain_flag}): level {next_level} stays "
            "locked until pain settles",
            on or week.start,
            level=week.level,
        )
    return Decision(
        PROGRAMME,
        Action.UNLOCK,
        f"week {week.number}: {week.done_sessions} of {week.planned_sessions} sessions done "
        f"({pct}%, the mark is {round(UNLOCK_ADHERENCE * 100)}%) and no pain flag is open: "
        f"level {next_level} unlocks",
        on or week.start,
        level=next_level,
    )


def state_from(decisions: Iterable[Decision], pain_nrs: int | None = None) -> AdaptationState:
    """The cumulative effect of decisions: chain offsets, unlocked level, post-run move."""
    offsets: dict[str, int] = {}
    unlocked: int | None = None
    cramp_free = False
    for d in decisions:
        if d.action is Action.PROGRESS:
            offsets[d.chain] = offsets.get(d.chain, 0) + 1
        elif d.action is Action.REGRESS:
            offsets[d.chain] = offsets.get(d.chain, 0) - 1
        elif d.action is Action.UNLOCK and d.level is not None:
            unlocked = d.level if unlocked is None else max(unlocked, d.level)
        elif d.action is Action.MOVE:
            cramp_free = True
    return AdaptationState(
        chain_offsets={k: v for k, v in sorted(offsets.items()) if v != 0},
        unlocked_level=unlocked,
        cramp_free_post_run=cramp_free,
        pain_nrs=pain_nrs,
    )


def latest_pain(sessions: Sequence[SessionOutcome]) -> int | None:
    """The most recent pain reading: a next-morning score, else the pain during work."""
    for s in reversed(sessions):
        if s.next_morning_pain is not None:
            return s.next_morning_pain
        highest = s.highest_pain()
        if highest is not None:
            return highest
    return None
