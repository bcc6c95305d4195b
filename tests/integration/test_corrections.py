"""A logged session can be corrected or deleted, and the adaptation that followed from it is
decided again (issue 16 item 18)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pytest

from footcore.bootstrap import App
from footcore.domain.errors import NotFoundError, ValidationError
from footcore.services import Feedback, ItemEntry, SessionHeader

from .support import PROFILE, TODAY, Clock


def chained(app: App, athlete: int, days: range) -> list[tuple[dt.date, Mapping[str, Any]]]:
    """Sessions of these days holding a step of a progression chain above its first (one
    adaptation may move either way; a goal protocol's items keep their own stages)."""
    out = []
    for n in days:
        day = TODAY + dt.timedelta(days=n)
        for s in app.services.today(athlete, day).sessions:
            if any(i["chain"] and not i.get("protocol") and i["step"] >= 2 for i in s["items"]):
                out.append((day, s))
    return out


def whole(session: Mapping[str, Any]) -> list[ItemEntry]:
    return [ItemEntry(n, i["exercise"], i, int(i["sets"])) for n, i in enumerate(session["items"])]


def log(
    app: App, athlete: int, day: dt.date, session: Mapping[str, Any], feedback: Feedback
) -> str:
    client_id = f"{day}-{session['slot']}"
    app.services.log_session(
        athlete,
        SessionHeader(client_id, day, str(session["slot"]), "manual", len(session["items"])),
        whole(session),
        feedback,
    )
    return client_id


def actions(app: App, athlete: int) -> list[tuple[str, str]]:
    with app.uow() as uow:
        return [(d.chain, d.action) for d in uow.decisions.list(athlete)]


PAINFUL = Feedback(difficulty=3, pain=7)
EASY = Feedback(difficulty=2, pain=1, cramp=False)


def test_deleting_a_painful_session_undoes_its_step_back(app: App, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    day, session = chained(app, athlete, range(42))[0]
    clock.day = day
    client_id = log(app, athlete, day, session, PAINFUL)
    assert any(a == "regress" for _, a in actions(app, athlete))
    assert app.services.current_programme(athlete).adjustments["pain_nrs"] == 7

    app.services.logs.delete_session(athlete, client_id)

    assert actions(app, athlete) == []
    after = app.services.current_programme(athlete).adjustments
    assert after["chain_offsets"] == {}
    assert after["pain_nrs"] is None
    assert app.services.today(athlete, day).logged == ()
    assert app.services.progress(athlete, day).overall.done_sessions == 0


def test_correcting_the_pain_of_a_session_decides_again(app: App, clock: Clock) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    day, session = chained(app, athlete, range(42))[0]
    clock.day = day
    client_id = log(app, athlete, day, session, PAINFUL)
    assert "regress" in {a for _, a in actions(app, athlete)}

    decisions = app.services.logs.correct_session(athlete, client_id, whole(session), EASY)

    assert "regress" not in {a for _, a in actions(app, athlete)}
    assert all(d.action != "regress" for d in decisions)
    assert app.services.current_programme(athlete).adjustments["pain_nrs"] == 1
    (logged,) = app.services.today(athlete, day).logged
    assert logged.complete


def test_correcting_an_exercise_to_skipped_leaves_the_session_partly_done(
    app: App, clock: Clock
) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    day, session = next((d, s) for d, s in chained(app, athlete, range(42)) if len(s["items"]) >= 2)
    clock.day = day
    client_id = log(app, athlete, day, session, EASY)
    items = whole(session)
    items[1] = ItemEntry(1, items[1].exercise, items[1].planned, 0, skipped=True)
    app.services.logs.correct_session(athlete, client_id, items, EASY)
    (logged,) = app.services.today(athlete, day).logged
    assert (logged.complete, logged.items_skipped) == (False, 1)


def test_deleting_an_earlier_session_decides_the_later_ones_again(app: App, clock: Clock) -> None:
    """A step up comes after easy sessions of one chain running; without the earlier ones,
    the session that earned it alone earns none."""
    athlete = app.services.onboard(PROFILE).athlete.id
    logged: dict[str, tuple[dt.date, Mapping[str, Any]]] = {}
    # Ten weeks: Ana's fill chains above their first step come from week 5 (her heel raises
    # are the day's calf raises on their days, and the foot-core programme's items own their
    # chains' easier steps all week, so the calf-raise chain waits for the others).
    for day, session in chained(app, athlete, range(70)):
        clock.day = day
        logged[log(app, athlete, day, session, EASY)] = (day, session)
    with app.uow() as uow:
        first_up = next(d for d in uow.decisions.list(athlete) if d.action == "progress")
        chain = first_up.chain
        earned_by = next(
            log.client_id for log in uow.sessions.list(athlete) if log.id == first_up.session_log_id
        )
    before = [
        cid
        for cid, (day, s) in logged.items()
        if day < logged[earned_by][0] and any(i["chain"] == chain for i in s["items"])
    ]
    # How many easy sessions of the chain come before its first step up depends on the
    # plan (the step also waits for its weeks); without all of them, the session that earned
    # it alone earns none.
    assert before, "the first step up follows earlier easy sessions of its chain"
    for cid in before:
        app.services.logs.delete_session(athlete, cid)

    with app.uow() as uow:
        log_id = uow.sessions.by_client_id(athlete, earned_by).id  # type: ignore[union-attr]
        now = [
            (d.chain, d.action) for d in uow.decisions.list(athlete) if d.session_log_id == log_id
        ]
    assert (chain, "progress") not in now


def test_an_unknown_session_and_a_bad_correction_change_nothing(app: App) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    with pytest.raises(NotFoundError):
        app.services.logs.delete_session(athlete, "nope")
    day, session = chained(app, athlete, range(42))[0]
    client_id = log(app, athlete, day, session, PAINFUL)
    before = actions(app, athlete)
    with pytest.raises(ValidationError):
        app.services.logs.correct_session(
            athlete, client_id, whole(session), Feedback(difficulty=9, pain=1)
        )
    assert actions(app, athlete) == before
    (logged,) = app.services.today(athlete, day).logged
    assert logged.complete
