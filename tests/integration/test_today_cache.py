"""``GET /api/v1/today`` answers from a per-athlete cache in the web process (footcore.web.
cache), on both engines: a kept answer is the same answer the services give, and it is
never served once anything it depends on changed - a write through this app, through
another app (another worker) on the same database, a coach's change, a new day.

"The uncached answer" below is the services' own, validated and dumped by the API's model
exactly as the route did before the cache: ``TodayOut(services.today(athlete, day))``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from footcore.bootstrap import bootstrap
from footcore.config import Settings
from footcore.domain.access import Role
from footcore.services import RunEntry
from footcore.web.api.models import TodayOut
from footcore.web.app import create_app
from footcore.web.auth import SESSION_COOKIE
from footcore.web.cache import AnswerCache, TodayAnswers
from tests.support.http import Client

from .support import FAST, PROFILE, TODAY, Clock

PASSWORD = "correct horse battery"
T0 = "2027-01-04T07:00:00+00:00"


LOCAL = ("127.0.0.1", 50000)  # the address the app sees for the clients here


@pytest.fixture
def make_client(db_url: str, tmp_path: Path, clock: Clock) -> Iterator[Callable[..., Client]]:
    made: list[Client] = []

    def make(**kwargs: Any) -> Client:
        app = create_app(Settings(database_url=db_url, data_dir=tmp_path), today=clock, **kwargs)
        app.state.footcore.services.accounts.hasher = FAST
        made.append(Client(app, address=LOCAL, closes_app=False))
        return made[-1]

    yield make
    for client in made:
        client.close()
        client.app.state.footcore.close()


@pytest.fixture
def web(make_client: Callable[..., Client]) -> Client:
    """One-person mode, with Ana onboarded through the API."""
    client = make_client()
    body = {"profile": PROFILE, "start": TODAY.isoformat()}
    assert client.request("POST", "/api/v1/onboarding", json=body).status_code == 201
    return client


def answers(client: Client) -> TodayAnswers:
    found: TodayAnswers = client.app.state.today_answers
    return found


def uncached(client: Client, athlete_id: int = 1, day: dt.date | None = None) -> Any:
    view = client.app.state.footcore.services.today(athlete_id, day)
    return TodayOut.model_validate(view.to_dict()).model_dump(mode="json", by_alias=True)


def today(client: Client, query: str = "") -> Any:
    response = client.get("/api/v1/today" + query)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def settled(client: Client, query: str = "") -> Any:
    """Today's answer once it is kept: the third request is served from the cache."""
    today(client, query)  # may store a regenerated programme: not kept then
    today(client, query)
    hits = answers(client).cache.stats.hits
    found = today(client, query)
    assert answers(client).cache.stats.hits == hits + 1
    return found


def test_a_kept_answer_is_the_uncached_answer(web: Client) -> None:
    kept = settled(web)
    assert kept == uncached(web)
    assert kept["date"] == TODAY.isoformat()
    assert kept["day"]["sessions"]
    other = TODAY + dt.timedelta(days=3)
    assert settled(web, f"?date={other}") == uncached(web, day=other)
    assert settled(web) == kept  # another day asked is kept beside it


def _log_session(web: Client) -> None:
    slot = today(web)["day"]["sessions"][0]["slot"]
    body = {
        "client_id": "s-1",
        "date": TODAY.isoformat(),
        "slot": slot,
        "source": "manual",
        "planned_items": 1,
        "planned_minutes": 2.0,
        "items": [
            {
                "index": 0,
                "exercise": "towel-scrunch",
                "planned": {"sets": 1, "reps": 15},
                "sets_done": 1,
                "reps": {"left": 15, "right": 15},
                "started_at": T0,
                "ended_at": T0,
            }
        ],
        "feedback": {"difficulty": 5, "pain": 6, "cramp": True, "ended_at": T0},
    }
    assert web.request("PUT", "/api/v1/sessions/s-1", json=body).status_code == 200


def _open_session(web: Client) -> None:
    body = {"client_id": "s-2", "date": TODAY.isoformat(), "slot": "desk", "source": "guided"}
    assert web.request("POST", "/api/v1/sessions", json=body).status_code == 201


def _morning_pain(web: Client) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    body = {
        "client_id": "s-0",
        "date": yesterday.isoformat(),
        "slot": "morning",
        "source": "manual",
        "items": [],
        "feedback": {"difficulty": 3, "pain": 2, "ended_at": T0},
    }
    assert web.request("PUT", "/api/v1/sessions/s-0", json=body).status_code == 200
    settled(web)
    pain = {"date": TODAY.isoformat(), "nrs": 7}
    assert web.request("POST", "/api/v1/morning-pain", json=pain).status_code == 200


def _run(web: Client) -> None:
    # A run today changes the day's post-run work.
    body = {"date": TODAY.isoformat(), "km": 21.0, "minutes": 120.0, "kind": "long", "felt": 2}
    assert web.request("POST", "/api/v1/runs", json=body).status_code == 201


def _profile(web: Client) -> None:
    body = {**PROFILE, "name": "Ana María", "minutes_per_day": 6, "slots": ["desk"]}
    assert web.request("PUT", "/api/v1/profile", json=body).status_code == 200


WRITES: dict[str, Callable[[Client], None]] = {
    "a whole session logged": _log_session,
    "a session started": _open_session,
    "morning pain recorded": _morning_pain,
    "a run recorded": _run,
    "the profile changed": _profile,
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_no_stale_answer_after_a_write(web: Client, write: Callable[[Client], None]) -> None:
    before = settled(web)
    write(web)
    after = today(web)
    assert after != before  # so a kept answer served now would be caught
    assert after == uncached(web)
    assert settled(web) == after


def test_the_answer_after_a_write_shows_the_write(web: Client) -> None:
    settled(web)
    _log_session(web)
    assert [s["client_id"] for s in today(web)["logged"]] == ["s-1"]
    settled(web)
    _profile(web)
    assert today(web)["athlete"]["name"] == "Ana María"


def test_a_write_through_another_app_on_the_same_database_is_seen(
    web: Client, make_client: Callable[..., Client]
) -> None:
    """Two workers: each keeps its own answers, both check the database's version."""
    other = make_client()
    before = settled(web)
    assert settled(other) == before
    _log_session(other)
    after = today(web)
    assert after != before
    assert after == uncached(other)
    assert [s["client_id"] for s in after["logged"]] == ["s-1"]
    assert settled(web) == settled(other)


def test_a_write_through_the_services_elsewhere_is_seen(web: Client, db_url: str) -> None:
    """A CLI command (its own engine, no web app) writes; the web answer follows."""
    before = settled(web)
    with bootstrap(Settings(database_url=db_url, data_dir=Path("."))) as cli:
        cli.services.update_profile(1, {**PROFILE, "name": "Ana B"})
        cli.services.add_run(1, RunEntry(TODAY, 5.0, 30.0, "easy", 3))
    after = today(web)
    assert after["athlete"]["name"] == "Ana B"
    assert after != before
    assert after == uncached(web)


def test_a_write_while_an_answer_is_computed_is_not_hidden_by_it(
    web: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The answer is kept under the version read before computing it, so a write that
    lands between the computing and the keeping makes the kept answer unreachable."""
    services = web.app.state.footcore.services
    original = services.today

    def today_then_a_write(athlete_id: int, on: dt.date | None = None) -> Any:
        view = original(athlete_id, on)
        monkeypatch.setattr(services, "today", original)  # once
        services.add_run(athlete_id, RunEntry(TODAY, 21.0, 120.0, "long", 2))
        return view

    settled(web)
    _profile(web)  # the next request computes
    monkeypatch.setattr(services, "today", today_then_a_write)
    during = today(web)
    after = today(web)
    assert after != during
    assert after == uncached(web)


def test_a_new_day_is_answered_for_that_day(web: Client, clock: Clock) -> None:
    first = settled(web)
    clock.day = TODAY + dt.timedelta(days=1)
    next_day = today(web)
    assert next_day["date"] == clock.day.isoformat()
    assert next_day == uncached(web)
    assert next_day != first
    # The same day asked explicitly is a different question on a different calendar date.
    asked = today(web, f"?date={TODAY}")
    assert asked == uncached(web, day=TODAY)


def test_the_cache_keeps_a_bounded_number_of_answers() -> None:
    cache: AnswerCache[bytes] = AnswerCache(entries=2)
    for athlete in (1, 2, 3):
        cache.put((athlete, TODAY, TODAY), 7, f"answer {athlete}".encode())
    assert len(cache) == 2
    assert cache.get((1, TODAY, TODAY), 7) is None  # the least recently used went first
    assert cache.get((2, TODAY, TODAY), 7) == b"answer 2"
    cache.put((4, TODAY, TODAY), 7, b"answer 4")
    assert cache.get((3, TODAY, TODAY), 7) is None  # 2 was used since, so 3 went
    assert cache.get((2, TODAY, TODAY), 7) == b"answer 2"
    assert cache.get((2, TODAY, TODAY), 8) is None  # another version is not this answer
    assert cache.get((2, TODAY + dt.timedelta(days=1), TODAY), 7) is None


def test_before_onboarding_today_answers_409(make_client: Callable[..., Client]) -> None:
    response = make_client().get("/api/v1/today")
    assert response.status_code == 409
    assert response.json()["error"]["kind"] == "not-set-up"


def test_an_account_made_elsewhere_ends_one_person_mode_for_a_kept_answer(
    web: Client, db_url: str
) -> None:
    """The kept answer is one-person mode's: once any account exists (made by another
    worker or the CLI), the same request must sign in first."""
    settled(web)
    with bootstrap(Settings(database_url=db_url, data_dir=Path("."))) as cli:
        cli.services.accounts.hasher = FAST
        cli.services.accounts.create_user("ana@example.org", PASSWORD, Role.ATHLETE, 1)
    response = web.get("/api/v1/today")
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401


def test_a_remote_client_never_gets_one_person_mode(web: Client) -> None:
    settled(web)
    remote = Client(web.app, address=("192.0.2.7", 50000), closes_app=False)
    try:
        response = remote.get("/api/v1/today")
        assert response.status_code == 401
    finally:
        remote.close()


@pytest.fixture
def signed_in() -> Iterator[list[Client]]:
    clients: list[Client] = []
    yield clients
    for client in clients:
        client.close()


def test_each_signed_in_athlete_gets_their_own_answer(
    make_client: Callable[..., Client], signed_in: list[Client]
) -> None:
    """Multi-user mode: the principal is resolved from the session cookie; a coach's
    template change reaches the member's kept answer."""
    client = make_client(host="0.0.0.0")
    services = client.app.state.footcore.services
    acc, coaching = services.accounts, services.coaching
    ana = services.onboard(PROFILE, TODAY).athlete.id
    ben = services.onboard({**PROFILE, "name": "Ben"}, TODAY).athlete.id
    ana_user = acc.sign_up("ana@example.org", PASSWORD, athlete_id=ana)
    ben_user = acc.sign_up("ben@example.org", PASSWORD, athlete_id=ben)
    coach_user = acc.create_user("coach@example.org", PASSWORD, Role.COACH)
    assert client.get("/api/v1/today").status_code == 401
    as_ana = Client(
        client.app,
        address=LOCAL,
        cookies={SESSION_COOKIE: acc.create_session(ana_user.id).token},
        closes_app=False,
    )
    as_ben = Client(
        client.app,
        address=LOCAL,
        cookies={SESSION_COOKIE: acc.create_session(ben_user.id).token},
        closes_app=False,
    )
    signed_in.extend((as_ana, as_ben))

    ana_today = settled(as_ana)
    ben_today = settled(as_ben)
    assert ana_today["athlete"] == {"id": ana, "name": "Ana"}
    assert ben_today["athlete"] == {"id": ben, "name": "Ben"}
    assert ana_today == uncached(client, ana)

    coach = acc.principal(coach_user.id)
    group = coaching.create_group(coach, "Tuesday club")
    coaching.join(acc.principal(ana_user.id), group.invite_code or "")
    coach = acc.principal(coach_user.id)
    template = {
        "name": "Desk feet",
        "sessions": [
            {
                "days": ["mon", "tue", "wed", "thu", "fri"],
                "slot": "desk",
                "items": ["seated-toe-taps"],
            }
        ],
    }
    made = coaching.save_template(coach, template)
    coaching.assign_template(coach, made.id, group_id=group.id, starts_on=TODAY)
    followed = today(as_ana)
    assert followed == uncached(client, ana)
    assert followed != ana_today
    assert settled(as_ben) == ben_today
