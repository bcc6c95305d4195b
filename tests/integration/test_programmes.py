"""Onboarding, its transactions and the rows it stores, snapshots regenerated in place or
anew, two requests regenerating at once. The services' logic on top (today, unlocking,
adaptation feeding back into the plan) runs in memory: tests/unit/test_programme_service.py."""

from __future__ import annotations

import contextlib
import threading
from typing import Any

import pytest
from sqlalchemy import func, select

from footcore.bootstrap import App
from footcore.domain.errors import NotFoundError, ValidationError
from footcore.domain.planning import GENERATOR_VERSION
from footcore.services import (
    Feedback,
    SessionHeader,
    accounts,
)
from footcore.services.programmes import ProgrammeService
from footcore.store.tables import Athlete, ProfileVersion, Programme
from footcore.store.tables.accounts import PlannedSession
from tests.support.entries import items_of

from .support import PROFILE, TODAY, Clock, run_together


def count(app: App, model: type[Any]) -> int:
    with app.uow() as uow:
        return int(uow.db.scalar(select(func.count()).select_from(model)) or 0)


def test_onboarding_stores_athlete_profile_and_first_snapshot(app: App) -> None:
    result = app.services.onboard(PROFILE)
    assert result.athlete.name == "Ana"
    assert result.athlete.profile_version == 1
    assert result.programme.generator_version == GENERATOR_VERSION
    assert result.programme.start == TODAY
    assert result.programme.plan["schema"] == "footcore.plan/1"
    assert result.programme.plan["start"] == TODAY.isoformat()
    assert (count(app, Athlete), count(app, ProfileVersion), count(app, Programme)) == (1, 1, 1)


def test_an_invalid_profile_stores_nothing(app: App) -> None:
    with pytest.raises(ValidationError):
        app.services.onboard({**PROFILE, "age": 3})
    assert count(app, Athlete) == 0


PASSWORD = "correct horse battery"


def stored_rows(app: App) -> tuple[int, ...]:
    return tuple(count(app, m) for m in (Athlete, ProfileVersion, Programme, PlannedSession))


def test_onboarding_for_an_account_links_the_new_athlete_in_the_same_transaction(
    app: App,
) -> None:
    user = app.services.accounts.create_user("ana@example.org", PASSWORD)
    result = app.services.programmes.onboard(PROFILE, user_id=user.id)
    assert app.services.accounts.user(user.id).athlete_id == result.athlete.id
    assert stored_rows(app)[:3] == (1, 1, 1)
    principal = app.services.accounts.principal(user.id)
    assert principal.athlete_id == result.athlete.id


def test_onboarding_for_an_account_with_training_data_stores_nothing(app: App) -> None:
    user = app.services.accounts.create_user("ana@example.org", PASSWORD)
    first = app.services.programmes.onboard(PROFILE, user_id=user.id)
    before = stored_rows(app)
    with pytest.raises(ValidationError, match="already has training data"):
        app.services.programmes.onboard({**PROFILE, "name": "Ben"}, user_id=user.id)
    assert stored_rows(app) == before
    assert app.services.accounts.user(user.id).athlete_id == first.athlete.id


def test_onboarding_for_an_unknown_account_stores_nothing(app: App) -> None:
    with pytest.raises(NotFoundError, match="account"):
        app.services.programmes.onboard(PROFILE, user_id=4242)
    assert stored_rows(app) == (0, 0, 0, 0)


def test_a_link_made_meanwhile_by_another_transaction_undoes_the_whole_onboarding(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link is written only while the account still has no athlete; when another
    transaction linked one after the check (here: the check is skipped), the athlete,
    profile and programme made in this transaction go too."""
    user = app.services.accounts.create_user("ana@example.org", PASSWORD)
    first = app.services.programmes.onboard(PROFILE, user_id=user.id)
    before = stored_rows(app)
    monkeypatch.setattr(accounts, "require_unlinked", lambda _uow, _user_id: None)
    with pytest.raises(ValidationError, match="already has training data"):
        app.services.programmes.onboard({**PROFILE, "name": "Ben"}, user_id=user.id)
    assert stored_rows(app) == before
    assert app.services.accounts.user(user.id).athlete_id == first.athlete.id


def test_a_new_profile_version_regenerates_the_programme(app: App) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    before = app.services.current_programme(athlete)
    version = app.services.update_profile(athlete, {**PROFILE, "minutes_per_day": 6})
    assert version.profile_version == 2
    after = app.services.current_programme(athlete)
    assert after.regenerated is True
    assert after.id != before.id
    assert after.start == before.start
    assert after.plan["profile"]["minutes_per_day"] == 6
    assert count(app, Programme) == 2  # the old snapshot stays


def test_inputs_that_leave_the_plan_unchanged_update_the_snapshot_in_place(
    app: App, clock: Clock
) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    session = dict(app.services.today(athlete).sessions[0])
    before = app.services.current_programme(athlete)
    app.services.log_session(
        athlete,
        SessionHeader("one", TODAY, session["slot"], "manual"),
        items_of(session)[:1],
        Feedback(difficulty=2, pain=1),
    )
    after = app.services.current_programme(athlete)
    # The latest pain (1/10) is a new input, but pain 1 and the profile's pain 3 both plan
    # normally: the snapshot records the new inputs instead of storing an identical copy.
    assert (after.id, after.regenerated) == (before.id, False)
    assert count(app, Programme) == 1


def test_two_requests_finding_the_programme_out_of_date_at_once_store_one_snapshot(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both decide at the same moment that the stored snapshot is out of date (held
    together at a barrier on PostgreSQL, where both transactions run side by side); the
    first to regenerate holds the athlete's row, the other then finds the new snapshot
    current. Without that, one profile change stored two identical snapshots."""
    athlete = app.services.onboard(PROFILE).athlete.id
    stale = app.services.current_programme(athlete).id
    app.services.update_profile(athlete, {**PROFILE, "minutes_per_day": 20})
    before = count(app, Programme)
    # SQLite runs one write transaction at a time, so there the second cannot reach the
    # barrier while the first waits: a short wait lets the first go on alone.
    barrier = threading.Barrier(2, timeout=10 if app.engine.dialect.name == "postgresql" else 0.2)
    decide = ProgrammeService._due

    def decide_together(self: ProgrammeService, uow: Any, *args: Any) -> Any:
        due = decide(self, uow, *args)
        previous = args[-1]
        if due is not None and previous is not None and previous.id == stale:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()
        return due

    monkeypatch.setattr(ProgrammeService, "_due", decide_together)
    found: list[int] = []
    failures: list[BaseException] = []

    def read(_: int) -> None:
        try:
            found.append(app.services.today(athlete).programme_id)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    run_together(read, range(2))
    assert failures == []
    assert len(found) == 2
    assert found[0] == found[1] != stale
    assert count(app, Programme) == before + 1
