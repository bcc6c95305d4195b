"""Programme snapshots, today, and adaptation feeding back into the plan: the services' own
logic, on the in-memory unit of work (moved from tests/integration/test_programmes.py, which
keeps onboarding's transactions, the stored rows and the concurrent regeneration)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.errors import NotFoundError
from footcore.domain.planning.catalogue_index import index_of
from footcore.services import (
    DEFAULT_WEEKS,
    Feedback,
    ItemEntry,
    NotSetUpError,
    RunEntry,
    SessionHeader,
)
from tests.support.clock import TODAY, Clock
from tests.support.entries import items_of
from tests.support.fake_uow import InMemoryApp
from tests.support.profiles import ana

PROFILE = ana()


def test_without_an_athlete_the_cli_is_told_to_run_init(app: InMemoryApp) -> None:
    with pytest.raises(NotSetUpError, match="footcore init"):
        app.services.default_athlete_id()


def test_the_default_athlete_can_be_named(app: InMemoryApp) -> None:
    ana = app.services.onboard(PROFILE).athlete.id
    ben = app.services.onboard({**PROFILE, "name": "Ben"}).athlete.id
    assert app.services.default_athlete_id() == ana
    assert app.services.default_athlete_id("ben") == ben
    with pytest.raises(NotFoundError, match="did you mean 'Ben'"):
        app.services.default_athlete_id("Bem")


def test_today_shows_the_plan_day_and_keeps_the_snapshot_when_nothing_changed(
    app: InMemoryApp,
) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    view = app.services.today(athlete)
    assert view.date == TODAY
    assert view.week == 1
    assert view.level == 1
    assert view.day is not None
    assert view.day["date"] == TODAY.isoformat()
    assert view.sessions, "a Monday of a 12-minute profile holds foot work"
    assert view.decisions == ()
    again = app.services.current_programme(athlete)
    assert again.regenerated is False
    data = view.to_dict()
    assert data["schema"] == "footcore.today/1"
    assert data["day"]["sessions"] == view.sessions


def test_a_date_past_the_plan_extends_it_from_the_same_start(
    app: InMemoryApp, clock: Clock
) -> None:
    athlete = app.services.onboard(PROFILE, weeks=2).athlete.id
    clock.day = TODAY + dt.timedelta(days=20)
    view = app.services.today(athlete)
    assert view.week == 3
    programme = app.services.current_programme(athlete)
    assert programme.start == TODAY
    assert programme.weeks == 2 + DEFAULT_WEEKS


def do_whole_day(app: InMemoryApp, athlete: int, day: dt.date, feedback: Feedback) -> list[str]:
    view = app.services.today(athlete, day)
    actions = []
    for session in view.sessions:
        receipt = app.services.log_session(
            athlete,
            SessionHeader(f"{day}-{session['slot']}", day, session["slot"], "manual"),
            items_of(dict(session)),
            feedback,
        )
        actions += [d.action for d in receipt.decisions]
    return actions


def test_decisions_feed_the_next_snapshot_and_show_in_today(app: InMemoryApp, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    do_whole_day(app, athlete, TODAY, Feedback(difficulty=4, pain=7, cramp=True))
    clock.day = TODAY + dt.timedelta(days=1)
    view = app.services.today(athlete)
    assert view.decisions, "yesterday's decisions are shown today"
    assert any(d.action == "move" for d in view.decisions)
    programme = app.services.current_programme(athlete)
    assert programme.adjustments["cramp_free_post_run"] is True
    assert programme.adjustments["pain_nrs"] == 7
    assert programme.plan["adjustments"]["cramp_free_post_run"] is True


def test_a_week_done_unlocks_the_next_level(app: InMemoryApp, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    easy = Feedback(difficulty=2, pain=1, cramp=False)
    actions: list[str] = []
    for offset in range(7):
        clock.day = TODAY + dt.timedelta(days=offset)
        actions += do_whole_day(app, athlete, clock.day, easy)
    assert actions.count("unlock") == 1
    clock.day = TODAY + dt.timedelta(days=7)
    week2 = app.services.today(athlete)
    assert week2.level == 2
    programme = app.services.current_programme(athlete)
    assert programme.adjustments["unlocked_level"] == 2


def test_a_week_not_done_keeps_the_level_locked(app: InMemoryApp, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    clock.day = TODAY + dt.timedelta(days=7)
    week2 = app.services.today(athlete)
    assert week2.week == 2
    assert week2.level == 1  # the calendar would give 2; nothing was done in week 1


def test_a_late_start_unlocks_one_level_per_week_at_most(app: InMemoryApp, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    easy = Feedback(difficulty=2, pain=1, cramp=False)
    actions: list[str] = []
    for offset in range(14, 21):  # nothing in weeks 1 and 2, everything in week 3
        clock.day = TODAY + dt.timedelta(days=offset)
        actions += do_whole_day(app, athlete, clock.day, easy)
    assert actions.count("unlock") == 1
    clock.day = TODAY + dt.timedelta(days=21)
    assert app.services.today(athlete).level == 2


def planned_items(
    app: InMemoryApp, athlete: int, days: range
) -> list[tuple[dt.date, str, dict[str, Any]]]:
    out = []
    for offset in days:
        day = TODAY + dt.timedelta(days=offset)
        for session in app.services.today(athlete, day).sessions:
            out += [(day, str(session["slot"]), dict(i)) for i in session["items"]]
    return out


def log_one(
    app: InMemoryApp, athlete: int, day: dt.date, slot: str, item: dict[str, Any], pain: int
) -> list[tuple[str, str, str]]:
    receipt = app.services.log_session(
        athlete,
        SessionHeader(f"{day}-{slot}-{item['exercise']}", day, slot, "manual"),
        [ItemEntry(0, item["exercise"], item, item["sets"])],
        Feedback(difficulty=2, pain=pain, cramp=False),
    )
    return [(d.chain, d.action, d.reason) for d in receipt.decisions]


def test_a_protocol_exercise_keeps_its_stages_whatever_one_session_says(app: InMemoryApp) -> None:
    """The Rathleff heel raise moves on by the protocol's weeks, not by how easy one session
    felt; a painful session is answered by the protocol's pain rules, not a chain step."""
    athlete = app.services.onboard(PROFILE).athlete.id
    raises = [
        (day, slot, item)
        for day, slot, item in planned_items(app, athlete, range(7))
        if item["exercise"] == "heel-raise-step-towel"
    ]
    assert len(raises) >= 2, "the heel-pain protocol puts the step heel raise in week 1"
    assert all(item["protocol"] == "rathleff-2015" for _, _, item in raises)
    assert log_one(app, athlete, *raises[0], pain=1) == []
    assert log_one(app, athlete, *raises[1], pain=1) == []
    ((_chain, action, reason),) = log_one(app, athlete, raises[1][0], "tv", raises[1][2], pain=7)
    assert action == "hold"
    assert "follows its programme's stages" in reason
    programme = app.services.current_programme(athlete)
    assert programme.adjustments["chain_offsets"] == {}
    assert programme.adjustments["pain_nrs"] == 7


def test_a_regress_moves_the_plan_to_an_easier_step(app: InMemoryApp, clock: Clock) -> None:
    roomy = {k: v for k, v in PROFILE.items() if k != "pain"}
    athlete = app.services.onboard(
        {**roomy, "goals": ["ankle-mobility"], "minutes_per_day": 30}
    ).athlete.id
    # Fill work's chains (the ankle routine is not a chain of steps). A chain a protocol's
    # sessions also use (the foot-core programme's toe lifts) comes back as their item, with
    # the protocol's own stage: take one they do not use.
    planned = planned_items(app, athlete, range(7, 21))
    chain_of = index_of(builtin_catalogue()).chain_of
    sessions = {chain_of[i["exercise"]] for _, _, i in planned if i["protocol"]}

    def again(day: dt.date, chain: str) -> bool:  # the chain comes back later that week
        week = (day - TODAY).days // 7
        return any(
            d > day and (d - TODAY).days // 7 == week and i["chain"] == chain for d, _, i in planned
        )

    day, slot, item = next(
        (d, s, i)
        for d, s, i in planned
        # unloaded work: pain above 5/10 keeps only that in the plan
        if i["chain"] is not None
        and i["chain"] not in sessions
        and i["step"] >= 2
        and i["protocol"] is None
        and i["load"] == "none"
        and again(d, i["chain"])
    )
    ((chain, action, reason),) = log_one(app, athlete, day, slot, item, pain=7)
    assert (chain, action) == (item["chain"], "regress")
    assert "pain 7/10" in reason
    later = [
        i["step"]
        for _, _, i in planned_items(
            app, athlete, range((day - TODAY).days + 1, ((day - TODAY).days // 7 + 1) * 7)
        )
        if i["chain"] == chain
    ]
    assert later, "the chain comes back later in the week"
    assert max(later) < item["step"]


def test_a_recorded_long_run_changes_that_days_plan_to_follow_it(
    app: InMemoryApp, clock: Clock
) -> None:
    """Ana planned an easy Thursday run; on Wednesday she records it as long (her watch's
    plan). Wednesday, still today, loses its heavy work (never the day before a long run),
    the stored programme's Thursday follows the long run (post-run rules) and Friday, the day
    after it, holds no loading either. Once Wednesday is past, it stays as it was planned
    (history is never rewritten)."""
    athlete = app.services.onboard(PROFILE).athlete.id
    thursday = TODAY + dt.timedelta(days=10)
    wednesday = thursday - dt.timedelta(days=1)
    assert wednesday.weekday() == 2
    clock.day = wednesday
    before = app.services.today(athlete)
    assert before.day is not None
    assert any(i["load"] == "heavy" for s in before.sessions for i in s["items"])
    app.services.add_run(athlete, RunEntry(thursday, km=24, minutes=150, kind="long", felt=3))
    wednesday_view = app.services.today(athlete, wednesday)
    assert all(
        i["load"] not in ("moderate", "heavy") for s in wednesday_view.sessions for i in s["items"]
    )
    clock.day = thursday
    view = app.services.today(athlete)
    assert view.day is not None
    assert view.day["run"] == "long"
    assert all(i["load"] not in ("moderate", "heavy") for s in view.sessions for i in s["items"])
    friday = app.services.today(athlete, thursday + dt.timedelta(days=1))
    assert all(i["load"] not in ("moderate", "heavy") for s in friday.sessions for i in s["items"])
    assert app.services.today(athlete, wednesday).day == wednesday_view.day
