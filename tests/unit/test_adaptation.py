"""Adaptation rules: progress, hold, regress per chain; level unlock; cumulative state."""

from __future__ import annotations

import datetime as dt

from footcore.domain.adaptation import (
    PROGRAMME,
    Action,
    Decision,
    ItemOutcome,
    SessionOutcome,
    WeekAdherence,
    decide_morning,
    decide_session,
    decide_unlock,
    latest_pain,
    open_pain_flag,
    state_from,
)

DAY = dt.date(2027, 1, 4)


def item(
    exercise: str = "short-foot-standing",
    chain: str = "short-foot-seated",
    position: int = 1,
    length: int = 4,
    **kw: object,
) -> ItemOutcome:
    values: dict[str, object] = {"planned_done": True}
    values.update(kw)
    return ItemOutcome(
        exercise=exercise,
        chain=chain,
        chain_position=position,
        chain_length=length,
        **values,  # type: ignore[arg-type]
    )


def session(
    n: int, *items: ItemOutcome, difficulty: int | None = 2, pain: int | None = 1, **kw: object
) -> SessionOutcome:
    return SessionOutcome(
        key=f"s{n}",
        date=DAY + dt.timedelta(days=n),
        slot="morning",
        items=items or (item(),),
        difficulty=difficulty,
        pain=pain,
        **kw,  # type: ignore[arg-type]
    )


def actions(decisions: list[Decision]) -> list[tuple[str, Action]]:
    return [(d.chain, d.action) for d in decisions]


def test_one_easy_pain_free_session_holds_and_says_one_of_two() -> None:
    decisions = decide_session([], session(0))
    assert actions(decisions) == [("short-foot-seated", Action.HOLD)]
    assert "1 of 2" in decisions[0].reason


def test_two_easy_pain_free_sessions_running_progress_the_chain() -> None:
    decisions = decide_session([session(0)], session(1))
    assert actions(decisions) == [("short-foot-seated", Action.PROGRESS)]
    assert decisions[0].date == DAY + dt.timedelta(days=1)
    assert "2 sessions running" in decisions[0].reason


def test_a_hard_session_between_breaks_the_run_of_easy_ones() -> None:
    history = [session(0), session(1, difficulty=4)]
    assert actions(decide_session(history, session(2))) == [("short-foot-seated", Action.HOLD)]
    assert actions(decide_session([*history, session(2)], session(3))) == [
        ("short-foot-seated", Action.PROGRESS)
    ]


def test_difficulty_four_holds_with_the_reason() -> None:
    decisions = decide_session([session(0)], session(1, difficulty=4))
    assert actions(decisions) == [("short-foot-seated", Action.HOLD)]
    assert "difficulty 4/5 is above 3" in decisions[0].reason


def test_pain_four_holds_but_does_not_regress() -> None:
    decisions = decide_session([session(0)], session(1, pain=4))
    assert actions(decisions) == [("short-foot-seated", Action.HOLD)]
    assert "pain 4/10 is above 3" in decisions[0].reason


def test_unfinished_planned_work_holds() -> None:
    decisions = decide_session([session(0)], session(1, item(planned_done=False)))
    assert actions(decisions) == [("short-foot-seated", Action.HOLD)]
    assert "not all done" in decisions[0].reason


def test_missing_feedback_never_counts_as_easy() -> None:
    decisions = decide_session([session(0)], session(1, difficulty=None))
    assert decisions[0].action is Action.HOLD
    assert "no difficulty" in decisions[0].reason


def test_pain_above_five_regresses_the_chain() -> None:
    decisions = decide_session([session(0)], session(1, pain=6))
    assert actions(decisions) == [("short-foot-seated", Action.REGRESS)]
    assert "pain 6/10" in decisions[0].reason


def test_pain_of_exactly_five_does_not_regress() -> None:
    assert decide_session([], session(0, pain=5))[0].action is Action.HOLD


def test_item_pain_overrides_the_session_pain() -> None:
    painful = item(pain=7)
    decisions = decide_session([], session(0, painful, pain=1))
    assert decisions[0].action is Action.REGRESS


def test_a_session_cramp_is_blamed_on_cramp_prone_items_and_moves_them_off_post_run() -> None:
    cramping = item("towel-scrunch", "towel-scrunch", 0, 1, cramp_risk=True)
    strength = item()
    decisions = decide_session([], session(0, strength, cramping, cramp=True))
    # The session-level cramp is blamed on the cramp-prone item, which has no easier
    # version: it holds with the reason; the other chain is judged on its own.
    assert actions(decisions) == [
        ("short-foot-seated", Action.HOLD),
        ("towel-scrunch", Action.HOLD),
        (PROGRAMME, Action.MOVE),
    ]
    assert "cramp" in decisions[1].reason
    assert "post-run" in decisions[2].reason


def test_a_cramp_marked_on_a_chained_item_regresses_that_chain() -> None:
    decisions = decide_session([], session(0, item(cramp=True)))
    assert actions(decisions) == [
        ("short-foot-seated", Action.REGRESS),
        (PROGRAMME, Action.MOVE),
    ]


def test_the_easiest_version_holds_instead_of_regressing() -> None:
    first = item("short-foot-seated", position=0)
    decisions = decide_session([], session(0, first, pain=8))
    assert decisions[0].action is Action.HOLD
    assert "already the easiest" in decisions[0].reason


def test_the_hardest_version_holds_after_two_easy_sessions() -> None:
    top = item("short-foot-single-leg-dynamic", position=3)
    decisions = decide_session([session(0, top)], session(1, top))
    assert decisions[0].action is Action.HOLD
    assert "hardest" in decisions[0].reason


def test_a_changed_exercise_starts_the_count_again() -> None:
    before = session(0, item("short-foot-seated", position=0))
    after = session(1, item("short-foot-standing", position=1))
    assert decide_session([before], after)[0].action is Action.HOLD


def test_stand_alone_exercises_get_no_routine_decision() -> None:
    alone = item("ankle-circles", "ankle-circles", 0, 1)
    assert decide_session([session(0, alone)], session(1, alone)) == []


def test_a_worse_next_morning_regresses_every_chain_worked_that_day() -> None:
    day = [session(0, item(), pain=2, next_morning_pain=4)]
    decisions = decide_morning([], day)
    assert actions(decisions) == [("short-foot-seated", Action.REGRESS)]
    assert decisions[0].date == DAY + dt.timedelta(days=1)
    assert "next-morning pain 4/10" in decisions[0].reason


def test_a_settled_next_morning_decides_nothing() -> None:
    assert decide_morning([], [session(0, pain=3, next_morning_pain=2)]) == []


def test_a_worse_next_morning_stops_that_session_counting_as_easy() -> None:
    history = [session(0, pain=1, next_morning_pain=3)]
    assert decide_session(history, session(1))[0].action is Action.HOLD


def test_pain_flag_opens_on_high_pain_and_closes_after_a_settled_session() -> None:
    assert open_pain_flag([session(0, pain=7)]) == f"pain 7/10 on {DAY.isoformat()}"
    assert open_pain_flag([session(0, pain=7), session(1, pain=4)]) is not None
    assert open_pain_flag([session(0, pain=7), session(1, pain=2)]) is None


def test_pain_flag_opens_on_a_worse_morning() -> None:
    flag = open_pain_flag([session(0, pain=1, next_morning_pain=5)])
    assert flag is not None
    assert "next-morning" in flag


def week(done: int, planned: int = 10, level: int = 1) -> WeekAdherence:
    return WeekAdherence(
        number=1, level=level, start=DAY, planned_sessions=planned, done_sessions=done
    )


def test_level_unlocks_at_seventy_percent_of_planned_sessions() -> None:
    decision = decide_unlock(week(7), None, None, top_level=6)
    assert decision is not None
    assert decision.action is Action.UNLOCK
    assert decision.level == 2
    assert "7 of 10" in decision.reason


def test_level_stays_locked_below_seventy_percent() -> None:
    assert decide_unlock(week(6), None, None, top_level=6) is None


def test_an_open_pain_flag_keeps_the_level_locked_with_the_reason() -> None:
    decision = decide_unlock(week(9), "pain 7/10 on 2027-01-05", None, top_level=6)
    assert decision is not None
    assert decision.action is Action.HOLD
    assert "pain flag is open" in decision.reason


def test_no_unlock_above_the_top_level_or_twice() -> None:
    assert decide_unlock(week(10, level=6), None, None, top_level=6) is None
    assert decide_unlock(week(10, level=1), None, 2, top_level=6) is None


def test_state_sums_progress_and_regress_per_chain() -> None:
    decisions = [
        Decision("a", Action.PROGRESS, "", DAY),
        Decision("a", Action.PROGRESS, "", DAY),
        Decision("a", Action.REGRESS, "", DAY),
        Decision("b", Action.REGRESS, "", DAY),
        Decision("c", Action.PROGRESS, "", DAY),
        Decision("c", Action.REGRESS, "", DAY),
        Decision(PROGRAMME, Action.UNLOCK, "", DAY, level=2),
        Decision(PROGRAMME, Action.UNLOCK, "", DAY, level=3),
        Decision(PROGRAMME, Action.MOVE, "", DAY),
    ]
    state = state_from(decisions, pain_nrs=2)
    assert dict(state.chain_offsets) == {"a": 1, "b": -1}
    assert state.unlocked_level == 3
    assert state.cramp_free_post_run is True
    assert state.pain_nrs == 2


def test_latest_pain_prefers_the_newest_reading() -> None:
    assert latest_pain([session(0, pain=6), session(1, pain=2)]) == 2
    assert latest_pain([session(0, pain=1, next_morning_pain=4)]) == 4
    assert latest_pain([session(0, pain=None)]) is None
