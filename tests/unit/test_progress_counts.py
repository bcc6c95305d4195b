"""What the progress figures count (issue 16 items 2 and 3): a skipped or unfinished exercise
is not done, so adherence and streaks count only what was done; this week's counter counts
every session the programme week plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from footcore.services import Feedback, ItemEntry, SessionHeader
from tests.support.clock import TODAY, Clock
from tests.support.fake_uow import InMemoryApp
from tests.support.profiles import ana

PROFILE = ana()


def session(app: InMemoryApp, athlete: int, day: dt.date, slot: str) -> Mapping[str, Any]:
    return next(s for s in app.services.today(athlete, day).sessions if s["slot"] == slot)


def find(
    app: InMemoryApp, athlete: int, fits: Callable[[Mapping[str, Any]], bool]
) -> tuple[dt.date, Mapping[str, Any]]:
    """The first session of the programme's first week that ``fits``, and its day."""
    for n in range(7):
        day = TODAY + dt.timedelta(days=n)
        for s in app.services.today(athlete, day).sessions:
            if fits(s):
                return day, s
    raise AssertionError("no such session in week 1")


def cut_short(item: Mapping[str, Any], index: int = 0) -> ItemEntry:
    """The terminal player's record when 'n' ends the first side of a timed exercise at
    once: no set done in full, a second of work on the left and the right side whole."""
    assert item["duration_s"] is not None
    assert item["per_side"]
    return ItemEntry(
        index,
        str(item["exercise"]),
        item,
        sets_done=0,
        seconds={"left": 1.0, "right": float(item["duration_s"])},
    )


def in_full(item: Mapping[str, Any], index: int) -> ItemEntry:
    sides = ("left", "right") if item["per_side"] else ("both",)
    sets = int(item["sets"])
    if item["duration_s"] is not None:
        return ItemEntry(
            index,
            str(item["exercise"]),
            item,
            sets,
            seconds=dict.fromkeys(sides, sets * float(item["duration_s"])),
        )
    return ItemEntry(
        index,
        str(item["exercise"]),
        item,
        sets,
        reps=dict.fromkeys(sides, sets * int(item["reps"] or 1)),
    )


def log(
    app: InMemoryApp, athlete: int, day: dt.date, slot: str, items: list[ItemEntry], planned: int
) -> None:
    app.services.log_session(
        athlete,
        SessionHeader(f"{day}-{slot}", day, slot, "guided", planned_items=planned),
        items,
        Feedback(),
    )


def test_an_exercise_cut_short_leaves_its_session_not_done_and_starts_no_streak(
    app: InMemoryApp, clock: Clock
) -> None:
    """`start desk`, `n` on the first side: logged, but not done."""
    athlete = app.services.onboard(PROFILE, start=TODAY).athlete.id
    day, desk = find(
        app,
        athlete,
        lambda s: (
            len(s["items"]) == 1
            and s["items"][0]["duration_s"] is not None
            and s["items"][0]["per_side"]
        ),
    )
    clock.day = day
    log(app, athlete, day, str(desk["slot"]), [cut_short(desk["items"][0])], planned=1)

    report = app.services.progress(athlete, day)
    assert report.this_week.done_sessions == 0
    assert report.overall.done_sessions == 0
    assert report.streaks.current == 0
    assert 0 < report.this_week.done_minutes < float(desk["minutes"]), (
        "the work done still counts in minutes"
    )


def test_a_session_stopped_after_its_first_exercise_is_not_done(
    app: InMemoryApp, clock: Clock
) -> None:
    athlete = app.services.onboard(PROFILE, start=TODAY).athlete.id
    day, stopped = find(app, athlete, lambda s: len(s["items"]) >= 2)
    clock.day = day
    items = [in_full(stopped["items"][0], 0)]
    log(app, athlete, day, str(stopped["slot"]), items, planned=len(stopped["items"]))

    report = app.services.progress(athlete, day)
    assert report.this_week.done_sessions == 0
    assert report.streaks.current == 1, "one exercise done in full is a day with foot work"


def test_a_session_done_in_full_counts(app: InMemoryApp, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE, start=TODAY).athlete.id
    day, whole = find(app, athlete, lambda s: len(s["items"]) >= 2)
    clock.day = day
    items = [in_full(i, n) for n, i in enumerate(whole["items"])]
    log(app, athlete, day, str(whole["slot"]), items, planned=len(items))

    report = app.services.progress(athlete, day)
    assert report.this_week.done_sessions == 1
    assert report.streaks.current == 1


def test_this_weeks_counter_counts_every_session_the_programme_week_plans(
    app: InMemoryApp, clock: Clock
) -> None:
    """A programme starting on a Sunday: its week runs Sunday to Saturday, and on its first
    day the counter says how many sessions the whole week holds, not 0 of 0."""
    sunday = TODAY - dt.timedelta(days=1)
    clock.day = sunday
    athlete = app.services.onboard(PROFILE, start=sunday).athlete.id
    week = [app.services.today(athlete, sunday + dt.timedelta(days=n)) for n in range(7)]
    planned = sum(len(v.sessions) for v in week)
    assert planned > 4

    report = app.services.progress(athlete, sunday)
    assert (report.this_week.done_sessions, report.this_week.planned_sessions) == (0, planned)
    assert report.this_week.sessions_pct == 0.0

    morning = session(app, athlete, sunday, "morning")
    log(
        app,
        athlete,
        sunday,
        "morning",
        [in_full(i, n) for n, i in enumerate(morning["items"])],
        len(morning["items"]),
    )
    report = app.services.progress(athlete, sunday)
    assert (report.this_week.done_sessions, report.this_week.planned_sessions) == (1, planned)
    assert [w.week_start for w in report.weeks] == [sunday], "weeks are the programme's weeks"
