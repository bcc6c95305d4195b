"""Calendar feeds: a secret address per athlete; making a new one stops the older ones,
stopping them all works, and an unknown or stopped address answers the same "not found"."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import delete, select

from footcore.bootstrap import App
from footcore.domain.errors import NotFoundError
from footcore.services.exports import ExportService, feed_path
from footcore.store.tables import Athlete, CalendarFeed

from .support import PROFILE


def setup(app: App) -> tuple[ExportService, int]:
    athlete = app.services.onboard(PROFILE).athlete.id
    return ExportService(app.services.ctx), athlete


def without_stamps(ics: bytes) -> list[bytes]:
    """The calendar's lines but the DTSTAMP ones (the moment the file was made)."""
    return [line for line in ics.splitlines() if not line.startswith(b"DTSTAMP")]


def stored_feeds(app: App) -> list[CalendarFeed]:
    with app.uow() as uow:
        rows = list(uow.db.scalars(select(CalendarFeed).order_by(CalendarFeed.id)))
        uow.db.expunge_all()
        return rows


def test_a_new_feed_serves_the_athletes_calendar_and_stores_only_the_token_hash(
    app: App,
) -> None:
    exports, athlete = setup(app)
    token = exports.create_feed(athlete)
    assert len(token) >= 43
    assert feed_path(token) == f"/calendar/{token}.ics"
    file = exports.calendar_for_feed(token)
    assert file.media_type.startswith("text/calendar")
    assert without_stamps(file.content) == without_stamps(exports.calendar(athlete).content)
    [row] = stored_feeds(app)
    assert row.athlete_id == athlete
    assert row.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert row.revoked_at is None
    assert token not in row.token_sha256


def test_making_a_new_feed_stops_the_older_one(app: App) -> None:
    exports, athlete = setup(app)
    old = exports.create_feed(athlete)
    new = exports.create_feed(athlete)
    assert old != new
    assert b"BEGIN:VCALENDAR" in exports.calendar_for_feed(new).content
    with pytest.raises(NotFoundError):
        exports.calendar_for_feed(old)
    assert [r.revoked_at is None for r in stored_feeds(app)] == [False, True]


def test_revoking_stops_every_feed_of_the_athlete(app: App) -> None:
    exports, athlete = setup(app)
    token = exports.create_feed(athlete)
    assert exports.revoke_feeds(athlete) == 1
    with pytest.raises(NotFoundError):
        exports.calendar_for_feed(token)
    assert exports.revoke_feeds(athlete) == 0


def test_an_unknown_and_a_revoked_feed_answer_with_the_same_message(app: App) -> None:
    exports, athlete = setup(app)
    token = exports.create_feed(athlete)
    exports.revoke_feeds(athlete)
    with pytest.raises(NotFoundError) as revoked:
        exports.calendar_for_feed(token)
    with pytest.raises(NotFoundError) as unknown:
        exports.calendar_for_feed("made-up-token")
    assert str(revoked.value) == str(unknown.value)
    assert "no calendar feed at this address" in str(unknown.value)


def test_feeds_of_one_athlete_leave_anothers_working(app: App) -> None:
    exports, ana = setup(app)
    bea = app.services.onboard({**PROFILE, "name": "Bea"}).athlete.id
    ana_token = exports.create_feed(ana)
    bea_token = exports.create_feed(bea)
    exports.revoke_feeds(bea)
    assert exports.feed_athlete(ana_token) == ana
    with pytest.raises(NotFoundError):
        exports.feed_athlete(bea_token)


def test_deleting_the_athlete_deletes_their_feeds(app: App) -> None:
    exports, athlete = setup(app)
    token = exports.create_feed(athlete)
    with app.uow() as uow:
        uow.db.execute(delete(Athlete).where(Athlete.id == athlete))
    assert stored_feeds(app) == []
    with pytest.raises(NotFoundError):
        exports.calendar_for_feed(token)
