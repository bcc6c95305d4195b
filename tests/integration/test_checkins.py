"""The weekly check-in on both engines: once a week, skippable, and the stored programme
reacting to a substantial foot, ankle or calf problem through the planner's pain rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from footcore.bootstrap import App
from footcore.domain.errors import FootcoreError, ValidationError

from .support import PROFILE, TODAY, Clock

SUB_FOOT = {
    "areas": {
        "foot-ankle": {
            "participation": "reduced",
            "training": "moderate",
            "performance": "minor",
            "symptoms": "moderate",
        }
    }
}
STOPPED_ACHILLES = {
    "areas": {
        "achilles-calf": {
            "participation": "none",
            "training": "major",
            "performance": "major",
            "symptoms": "moderate",
        }
    }
}
BAD_KNEE = {
    "areas": {
        "knee": {
            "participation": "none",
            "training": "major",
            "performance": "major",
            "symptoms": "severe",
        }
    }
}


def _onboard(app: App, **profile: Any) -> int:
    return app.services.onboard({**PROFILE, **profile}, start=TODAY).athlete.id


def _flags(app: App, athlete_id: int, on: dt.date) -> dict[str, str]:
    plan = app.services.current_programme(athlete_id, on).plan
    return {f["code"]: f["message"] for f in plan.get("flags", [])}


def _loads(app: App, athlete_id: int, on: dt.date) -> set[str]:
    plan = app.services.current_programme(athlete_id, on).plan
    return {
        item["load"]
        for week in plan["weeks"]
        for day in week["days"]
        if day["date"] >= on.isoformat()
        for s in day["sessions"]
        for item in s["items"]
    }


def test_one_check_in_a_week_a_second_is_refused(app: App, clock: Clock) -> None:
    athlete = _onboard(app)
    status = app.services.checkins.record(athlete, {"none": True})
    assert status.done
    assert status.week == TODAY
    clock.day = TODAY + dt.timedelta(days=3)
    with pytest.raises(FootcoreError, match="already done"):
        app.services.checkins.record(athlete, SUB_FOOT)
    with pytest.raises(FootcoreError, match="nothing to skip"):
        app.services.checkins.skip(athlete)
    clock.day = TODAY + dt.timedelta(days=7)  # Monday: the next one opens
    assert app.services.checkins.status(athlete).due


def test_a_skipped_week_is_not_asked_again_but_can_still_be_answered(
    app: App, clock: Clock
) -> None:
    athlete = _onboard(app)
    skipped = app.services.checkins.skip(athlete)
    assert skipped.skipped
    assert not skipped.due
    assert app.services.checkins.skip(athlete).skipped  # skipping twice changes nothing
    answered = app.services.checkins.record(athlete, {"none": True})
    assert answered.done
    assert [c.skipped for c in app.services.checkins.history(athlete)] == [False]


def test_a_bad_answer_is_refused_with_its_place_and_nothing_is_stored(app: App) -> None:
    athlete = _onboard(app)
    with pytest.raises(ValidationError) as err:
        app.services.checkins.record(athlete, {"areas": {"knee": {"participation": "maybe"}}})
    assert err.value.problems[0].where == "areas.knee.participation"
    assert app.services.checkins.history(athlete) == []


def test_a_substantial_foot_problem_holds_the_load_in_the_stored_programme(
    app: App, clock: Clock
) -> None:
    athlete = _onboard(app)
    before_flags = _flags(app, athlete, TODAY)
    assert "reduced-load" not in before_flags
    assert "heavy" in _loads(app, athlete, TODAY) or "moderate" in _loads(app, athlete, TODAY)
    status = app.services.checkins.record(athlete, SUB_FOOT)
    assert status.response.reaction == "hold"
    view = app.services.current_programme(athlete, TODAY)
    assert view.regenerated
    assert view.adjustments["checkin"]["reaction"] == "hold"
    flags = _flags(app, athlete, TODAY)
    # The planner's reduced-load rule, in the check-in's words (the reason is shown).
    assert flags["reduced-load"].startswith("Your weekly check-in")
    assert "foot or ankle" in flags["reduced-load"]
    assert "heavy" not in _loads(app, athlete, TODAY)
    # Today's view carries the same flag.
    assert any(f["code"] == "reduced-load" for f in app.services.today(athlete, TODAY).flags)
    # Two weeks on, with no newer check-in, the hold is over.
    clock.day = TODAY + dt.timedelta(days=14)
    assert "reduced-load" not in _flags(app, athlete, clock.day)


def test_could_not_run_asks_for_a_clinician_and_keeps_to_gentle_work(app: App) -> None:
    athlete = _onboard(app)
    app.services.checkins.record(athlete, STOPPED_ACHILLES)
    flags = _flags(app, athlete, TODAY)
    assert "could not run" in flags["see-clinician"]
    assert flags["see-clinician"].startswith("Your weekly check-in")
    assert _loads(app, athlete, TODAY) == {"none"}


def test_rising_severity_two_weeks_running_asks_for_a_clinician(app: App, clock: Clock) -> None:
    athlete = _onboard(app)
    answers = [
        {"participation": "full-with-problems", "training": "minor", "performance": "no",
         "symptoms": "mild"},
        {"participation": "reduced", "training": "moderate", "performance": "no",
         "symptoms": "mild"},
        {"participation": "reduced", "training": "moderate", "performance": "minor",
         "symptoms": "moderate"},
    ]  # fmt: skip
    reactions = []
    for n, answer in enumerate(answers):
        clock.day = TODAY + dt.timedelta(days=7 * n + 2)
        status = app.services.checkins.record(athlete, {"areas": {"foot-ankle": answer}})
        reactions.append(str(status.response.reaction))
    assert reactions == ["noted", "hold", "see-clinician"]
    assert "risen two weeks running" in _flags(app, athlete, clock.day)["see-clinician"]


def test_a_problem_elsewhere_is_noted_and_the_foot_work_is_unchanged(app: App) -> None:
    athlete = _onboard(app)
    before = app.services.current_programme(athlete, TODAY)
    status = app.services.checkins.record(athlete, BAD_KNEE)
    assert status.response.reaction == "noted"
    assert "knee" in status.response.notes[0]
    after = app.services.current_programme(athlete, TODAY)
    assert after.id == before.id
    assert not after.regenerated
    assert "checkin" not in after.adjustments


def test_logged_pain_above_the_check_ins_keeps_the_planners_own_words(app: App) -> None:
    athlete = _onboard(app, pain={"nrs": 5, "site": "heel"})
    assert "Pain 5/10" in _flags(app, athlete, TODAY)["reduced-load"]
    app.services.checkins.record(athlete, SUB_FOOT)
    message = _flags(app, athlete, TODAY)["reduced-load"]
    assert message.startswith("Pain 5/10")  # the planner's reason stays first
    assert "Your weekly check-in" in message  # and the check-in's is added


def test_outcome_shows_weeks_answered_and_the_dose(app: App, clock: Clock) -> None:
    athlete = _onboard(app)
    app.services.checkins.record(athlete, SUB_FOOT)
    clock.day = TODAY + dt.timedelta(days=7)
    app.services.checkins.skip(athlete)
    clock.day = TODAY + dt.timedelta(days=14)
    app.services.checkins.record(athlete, {"none": True})
    result = app.services.checkins.outcome(athlete)
    assert [w.answered for w in result.weeks] == [True, False, True]
    assert result.skipped == 1
    assert result.weeks_with_substantial == 1
    assert result.dose is not None
    assert "No foot work" in result.dose.note
