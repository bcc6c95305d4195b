"""Self-test results over time and the progress report built from stored data."""

from __future__ import annotations

import datetime as dt

import pytest

from footcore.domain.assessments import REAL_BETTER
from footcore.domain.errors import ValidationError
from footcore.domain.progress import MIN_RUNS_PER_GROUP
from footcore.services import Feedback, ItemEntry, RunEntry, SessionHeader
from tests.support.clock import TODAY, Clock
from tests.support.fake_uow import InMemoryApp
from tests.support.profiles import ana

PROFILE = ana()


def battery(day: dt.date, left: float, right: float) -> dict[str, object]:
    return {
        "age": 38,
        "sex": "female",
        "date": day.isoformat(),
        "results": {"knee_to_wall_cm": {"left": left, "right": right}},
    }


def test_self_tests_are_stored_with_their_scored_report(app: InMemoryApp) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    stored = app.services.record_assessment(athlete, battery(TODAY, 9.0, 11.0))
    assert stored.taken_on == TODAY
    assert stored.report["schema"] == "footcore.assessment/1"
    undated = app.services.record_assessment(
        athlete, {"age": 38, "sex": "female", "results": {"pain_nrs": 2}}
    )
    assert undated.taken_on == TODAY  # no date in the input: today
    assert [a.id for a in app.services.records.assessments(athlete)] == [stored.id, undated.id]


def test_an_invalid_self_test_is_refused_and_nothing_stored(app: InMemoryApp) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    with pytest.raises(ValidationError):
        app.services.record_assessment(athlete, {"age": 38, "results": {"knee_to_wall_cm": -4}})
    assert app.services.records.assessments(athlete) == []


def test_a_new_self_test_becomes_an_input_of_the_programme(app: InMemoryApp) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    stored = app.services.record_assessment(athlete, battery(TODAY, 6.0, 6.5))
    after = app.services.current_programme(athlete)
    assert after.adjustments["assessment_id"] == stored.id
    again = app.services.current_programme(athlete)
    assert (again.id, again.regenerated) == (after.id, False)


def test_the_progress_report_adds_up_what_was_logged(app: InMemoryApp, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    first_day = app.services.today(athlete, TODAY)
    session = dict(first_day.sessions[0])
    items = [ItemEntry(n, i["exercise"], i, i["sets"]) for n, i in enumerate(session["items"])]
    app.services.log_session(
        athlete,
        SessionHeader("p-1", TODAY, session["slot"], "manual"),
        items,
        Feedback(difficulty=2, pain=1),
    )
    app.services.add_run(athlete, RunEntry(TODAY + dt.timedelta(days=1), 8, 45, "easy", 4))
    app.services.add_run(athlete, RunEntry(TODAY + dt.timedelta(days=3), 8, 45, "easy", 3))
    app.services.record_assessment(athlete, battery(TODAY, 9.0, 11.0))
    app.services.record_assessment(athlete, battery(TODAY + dt.timedelta(days=3), 11.5, 11.2))
    clock.day = TODAY + dt.timedelta(days=3)

    report = app.services.progress(athlete)

    planned_before_today = sum(
        len(app.services.today(athlete, TODAY + dt.timedelta(days=n)).sessions) for n in range(3)
    )
    assert report.overall.planned_sessions == planned_before_today
    assert report.overall.done_sessions == 1
    assert report.overall.done_minutes == pytest.approx(float(session["minutes"]), abs=0.2)
    assert report.streaks.longest == 1
    assert report.weeks[0].week_start == TODAY
    trends = {t.part: t for t in report.trends}
    assert trends["left"].label == REAL_BETTER
    assert report.runs.after_foot_work.runs == 1
    assert report.runs.other_days.runs == 1
    assert report.runs.enough is False
    data = report.to_dict()
    assert data["schema"] == "footcore.progress/1"
    assert data["runs_after_foot_work"]["min_runs_per_group"] == MIN_RUNS_PER_GROUP
    assert data["runs_after_foot_work"]["message"].startswith("too few runs")
    assert data["self_tests"][0]["points"][0] == {"date": TODAY.isoformat(), "value": 9}
