"""Progress maths: adherence, streaks, weekly minutes, runs after foot work, sparklines."""

from __future__ import annotations

import datetime as dt

from footcore.domain.assessments import NOISE, REAL_BETTER, score_battery
from footcore.domain.progress import (
    MIN_RUNS_PER_GROUP,
    DoneSession,
    PlannedSession,
    RunRecord,
    adherence,
    runs_after_foot_work,
    self_test_trends,
    session_complete,
    sparkline,
    streaks,
    week_adherence,
    week_start,
    weekly_minutes,
)
from footcore.web.pages.progress import chart_data
from footcore.web.units import Units

MON = dt.date(2027, 1, 4)


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def test_adherence_counts_sessions_and_minutes_up_to_today() -> None:
    planned = [
        PlannedSession(day(0), "morning", 5.0),
        PlannedSession(day(0), "desk", 3.0),
        PlannedSession(day(1), "morning", 5.0),
        PlannedSession(day(2), "morning", 4.0),  # today, not done yet: not counted
        PlannedSession(day(3), "morning", 4.0),  # future
    ]
    done = [
        DoneSession(day(0), "morning", 4.0, items_done=2, complete=False),  # one cut short
        DoneSession(day(1), "morning", 6.0, items_done=4, complete=True),  # more: capped
        DoneSession(day(1), "tv", 2.0, items_done=1, complete=True),  # unplanned: left out
    ]
    result = adherence(planned, done, today=day(2))
    assert (result.planned_sessions, result.done_sessions) == (3, 1)
    assert result.sessions_pct == 33.3
    assert (result.planned_minutes, result.done_minutes) == (13.0, 9.0)
    assert result.minutes_pct == 69.2


def test_a_session_done_today_counts_and_an_all_skipped_one_does_not() -> None:
    planned = [PlannedSession(day(0), "morning", 5.0), PlannedSession(day(0), "desk", 2.0)]
    done = [
        DoneSession(day(0), "morning", 5.0, items_done=2, complete=True),
        DoneSession(day(0), "desk", 0.0, items_done=0, complete=False),
    ]
    result = adherence(planned, done, today=day(0))
    assert (result.planned_sessions, result.done_sessions) == (1, 1)
    assert result.sessions_pct == 100.0


def test_adherence_without_planned_sessions_has_no_percentage() -> None:
    result = adherence([], [], today=MON)
    assert result.sessions_pct is None
    assert result.minutes_pct is None


def test_streak_counts_days_with_foot_work_and_rest_days_do_not_break_it() -> None:
    planned = [day(0), day(1), day(3), day(4)]  # day 2 is a rest day
    done = [day(0), day(1), day(3), day(4)]
    assert streaks(planned, done, today=day(4)) == streaks(planned, done, today=day(5))
    assert streaks(planned, done, today=day(4)).current == 4


def test_a_missed_planned_day_breaks_the_streak_but_today_does_not() -> None:
    planned = [day(n) for n in range(6)]
    done = [day(0), day(1), day(2), day(4)]
    result = streaks(planned, done, today=day(5))
    assert result.current == 1
    assert result.longest == 3


def test_weekly_minutes_fill_empty_weeks_with_zero() -> None:
    planned = [PlannedSession(day(0), "morning", 5.0), PlannedSession(day(14), "morning", 6.0)]
    done = [DoneSession(day(1), "morning", 4.5, items_done=2, complete=True)]
    weeks = weekly_minutes(planned, done, today=day(20), first=MON)
    assert [w.week_start for w in weeks] == [MON, day(7), day(14)]
    assert [w.done_minutes for w in weeks] == [4.5, 0.0, 0.0]
    assert [w.planned_minutes for w in weeks] == [5.0, 0.0, 6.0]


def run(n: int, felt: int) -> RunRecord:
    return RunRecord(day(n), 8.0, 45.0, "easy", felt)


def test_runs_comparison_warns_when_there_are_too_few_runs() -> None:
    runs = [run(1, 4), run(3, 3)]
    result = runs_after_foot_work(runs, foot_work_days=[day(0)])
    assert (result.after_foot_work.runs, result.other_days.runs) == (1, 1)
    assert result.enough is False
    assert result.message.startswith("too few runs to say anything")
    assert f"at least {MIN_RUNS_PER_GROUP}" in result.message


def test_runs_comparison_reports_the_difference_with_counts_when_enough() -> None:
    work_days = [day(2 * n) for n in range(MIN_RUNS_PER_GROUP)]
    after = [run(2 * n + 1, 4) for n in range(MIN_RUNS_PER_GROUP)]
    other = [run(100 + 2 * n, 3) for n in range(MIN_RUNS_PER_GROUP)]
    result = runs_after_foot_work(after + other, work_days)
    assert result.enough is True
    assert result.after_foot_work.mean_felt == 4.0
    assert result.other_days.mean_felt == 3.0
    assert result.difference == 1.0
    assert f"runs after foot work ({MIN_RUNS_PER_GROUP}) felt 1.00 points better" in (
        result.message
    )
    assert "not proof" in result.message


def test_runs_on_the_day_of_foot_work_are_not_counted_as_after_it() -> None:
    result = runs_after_foot_work([run(0, 5)], foot_work_days=[day(0)])
    assert result.after_foot_work.runs == 0
    assert result.other_days.runs == 1


def test_sparkline_scales_values_and_leaves_gaps() -> None:
    assert sparkline([0, 7, None, 3.5]) == "▁█ ▅"
    assert sparkline([]) == ""
    assert sparkline([2, 2]) == "▅▅"


def battery(date: str, left_cm: float, right_cm: float) -> dict[str, object]:
    return {
        "age": 40,
        "sex": "female",
        "date": date,
        "results": {"knee_to_wall_cm": {"left": left_cm, "right": right_cm}},
    }


def test_self_test_trends_label_real_change_with_the_tests_own_threshold() -> None:
    reports = [
        score_battery(battery("2027-03-01", 12.0, 11.5)),  # given out of order on purpose
        score_battery(battery("2027-01-04", 9.0, 11.0)),
        score_battery(battery("2027-02-01", 10.0, 11.2)),
    ]
    trends = {t.part: t for t in self_test_trends(reports)}
    left, right = trends["left"], trends["right"]
    assert [p[1] for p in left.points] == [9.0, 10.0, 12.0]
    assert left.points[0][0] == dt.date(2027, 1, 4)
    assert left.label == REAL_BETTER  # +3 cm >= 1.9 cm
    assert right.label == NOISE  # +0.5 cm < 1.9 cm
    assert left.latest is not None
    assert left.latest.verdict == REAL_BETTER  # 10 -> 12 cm


def test_a_single_self_test_has_no_trend_verdict_yet() -> None:
    (left, _right) = self_test_trends([score_battery(battery("2027-01-04", 9.0, 11.0))])
    assert left.overall is None
    assert left.label == "only one result so far"


def test_weekly_minutes_and_adherence_count_the_same_due_sessions() -> None:
    """Today's planned sessions are due only once done, in both figures."""
    monday = dt.date(2027, 1, 4)
    planned = [
        PlannedSession(monday, "desk", 3.0),
        PlannedSession(monday + dt.timedelta(days=1), "desk", 4.0),
        PlannedSession(monday + dt.timedelta(days=1), "teeth", 2.5),
    ]
    done = [DoneSession(monday + dt.timedelta(days=1), "teeth", 2.5, items_done=1, complete=True)]
    today = monday + dt.timedelta(days=1)
    assert adherence(planned, done, today).planned_minutes == 5.5
    assert weekly_minutes(planned, done, today, first=monday)[0].planned_minutes == 5.5


def test_a_sparkline_with_a_floor_draws_zero_as_the_lowest_bar() -> None:
    assert sparkline([0.0], floor=0) == "▁"
    assert sparkline([0.0, 10.0, 5.0], floor=0) == "▁█▅"
    assert sparkline([3.0, 3.0]) == "▅▅"  # a flat trend without a floor sits mid-height


def test_a_session_is_done_only_when_every_exercise_it_planned_was_done_in_full() -> None:
    assert session_complete(planned_items=2, logged_items=2, items_done=2)
    assert not session_complete(planned_items=2, logged_items=1, items_done=1)  # stopped
    assert not session_complete(planned_items=1, logged_items=1, items_done=0)  # cut short
    assert not session_complete(planned_items=0, logged_items=0, items_done=0)
    assert session_complete(planned_items=0, logged_items=3, items_done=3)  # count unknown


def test_this_weeks_counter_counts_the_whole_programme_week() -> None:
    sunday = MON - dt.timedelta(days=1)
    planned = [PlannedSession(sunday + dt.timedelta(days=n), "desk", 2.0) for n in range(8)]
    done = [DoneSession(sunday, "desk", 2.0, items_done=1, complete=True)]
    week = week_adherence(planned, done, first=sunday)
    assert (week.done_sessions, week.planned_sessions) == (1, 7)
    assert (week.done_minutes, week.planned_minutes) == (2.0, 14.0)


def test_weeks_run_from_the_programmes_first_day() -> None:
    sunday = MON - dt.timedelta(days=1)
    assert week_start(sunday, sunday) == sunday
    assert week_start(sunday + dt.timedelta(days=6), sunday) == sunday
    assert week_start(sunday + dt.timedelta(days=7), sunday) == sunday + dt.timedelta(days=7)
    planned = [PlannedSession(sunday + dt.timedelta(days=n), "desk", 2.0) for n in range(9)]
    weeks = weekly_minutes(planned, [], today=sunday + dt.timedelta(days=8), first=sunday)
    assert [w.week_start for w in weeks] == [sunday, sunday + dt.timedelta(days=7)]
    assert [w.planned_minutes for w in weeks] == [14.0, 2.0]


def test_a_trend_is_judged_between_the_results_that_hold_it() -> None:
    """A later battery without the test (pain alone, say) does not turn two knee-to-wall
    results back into 'only one result so far' (issue 16 item 8)."""
    pain_only = {"age": 40, "sex": "female", "date": "2027-03-01", "results": {"pain_nrs": 2}}
    reports = [
        score_battery(battery("2027-01-04", 9.0, 11.0)),
        score_battery(battery("2027-02-01", 12.0, 11.2)),
        score_battery(pain_only),
    ]
    trends = {(t.test_id, t.part): t for t in self_test_trends(reports)}
    left = trends[("knee_to_wall_cm", "left")]
    assert left.label == REAL_BETTER
    assert left.latest is not None
    assert trends[("pain_nrs", "value")].label == "only one result so far"


def test_a_chart_with_one_point_draws_it_as_a_bar() -> None:
    report = {
        "weekly_minutes": [
            {"week_start": "2027-01-03", "planned_minutes": 10.0, "done_minutes": 5.0}
        ],
        "self_tests": [],
    }
    pain = [{"date": "2027-01-04", "during": 2, "morning": None}]
    charts = chart_data(report, pain, [], Units("metric"))
    assert charts["adherence"]["type"] == "bar"
    assert charts["pain"]["type"] == "bar"
    assert charts["minutes"]["labels"] == ["3 Jan"], "a week is named by its first day"
    two = {**report, "weekly_minutes": report["weekly_minutes"] * 2}
    assert chart_data(two, pain * 2, [], Units("metric"))["adherence"]["type"] == "line"
