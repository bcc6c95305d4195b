"""Reminder settings and push subscriptions on both engines: one row per browser (which
moves to whoever subscribes on it last), a reminder recorded once however often it is
claimed, the runner's list of athletes to remind, and everything gone with the athlete."""

from __future__ import annotations

import base64
import datetime as dt
import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from footcore.bootstrap import App
from footcore.domain.reminders import ReminderMode

from .support import PROFILE, TODAY

NOW = dt.datetime(2027, 1, 6, 7, 0, tzinfo=dt.UTC)
ENDPOINT = "https://push.example.net/send/phone"


def _key() -> str:
    raw = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


AUTH = base64.urlsafe_b64encode(bytes(range(16))).rstrip(b"=").decode()


def _athlete(app: App, name: str) -> int:
    return app.services.onboard({**PROFILE, "name": name}, start=TODAY).athlete.id


def test_a_browser_is_kept_once_and_moves_to_whoever_subscribes_on_it_last(app: App) -> None:
    ana, ben = _athlete(app, "Ana"), _athlete(app, "Ben")
    reminders = app.services.reminders
    assert reminders.subscribe(ana, ENDPOINT, _key(), AUTH, "phone") is True
    assert reminders.subscribe(ana, ENDPOINT, _key(), AUTH, "phone") is False
    assert len(reminders.subscriptions(ana)) == 1
    assert reminders.subscribe(ben, ENDPOINT, _key(), AUTH, "phone") is True
    assert reminders.subscriptions(ana) == []
    assert [s.endpoint for s in reminders.subscriptions(ben)] == [ENDPOINT]
    assert reminders.unsubscribe(ana, ENDPOINT) == 0  # not Ana's any more
    assert reminders.unsubscribe(ben, ENDPOINT) == 1


def test_a_reminder_is_recorded_once_however_often_it_is_claimed(app: App) -> None:
    ana = _athlete(app, "Ana")
    with app.uow() as uow:
        assert uow.push.claim(ana, "2027-01-06/desk", NOW) is True
        assert uow.push.claim(ana, "2027-01-06/desk", NOW) is False
    with app.uow() as uow:
        assert uow.push.claim(ana, "2027-01-06/desk", NOW) is False
        assert uow.push.sent_keys(ana, "2027-01-06") == {"2027-01-06/desk"}
        assert uow.push.sent_keys(ana, "2027-01-07") == set()


def test_the_runner_lists_only_athletes_with_reminders_on_and_a_browser(app: App) -> None:
    ana, ben, cy = _athlete(app, "Ana"), _athlete(app, "Ben"), _athlete(app, "Cy")
    reminders = app.services.reminders
    reminders.choose(ana, "session", quiet_from="22:00", quiet_until="06:30")
    reminders.choose(ben, "daily", "07:45")
    reminders.choose(cy, "never")
    for athlete in (ana, cy):
        reminders.subscribe(athlete, f"{ENDPOINT}/{athlete}", _key(), AUTH)
    with app.uow(read_only=True) as uow:
        listed = uow.push.to_remind()
    assert [(a, s.mode) for a, s in listed] == [(ana, ReminderMode.SESSION)]
    assert listed[0][1].quiet_until == dt.time(6, 30)
    assert reminders.settings(ben).settings.daily_at == dt.time(7, 45)


def test_deleting_the_athlete_deletes_their_reminder_rows(app: App) -> None:
    ana = _athlete(app, "Ana")
    reminders = app.services.reminders
    reminders.choose(ana, "session")
    reminders.subscribe(ana, ENDPOINT, _key(), AUTH)
    with app.uow() as uow:
        uow.push.claim(ana, "2027-01-06/desk", NOW)
    counts = app.services.accounts.delete_athlete(ana)
    assert counts["reminder_settings"] == 1
    assert counts["push_subscriptions"] == 1
    assert counts["reminders_sent"] == 1
    with app.uow(read_only=True) as uow:
        assert uow.push.to_remind() == []
        assert uow.push.subscriptions(ana) == []


def test_a_backup_keeps_the_reminder_choice_and_leaves_the_browsers_out(app: App) -> None:
    ana = _athlete(app, "Ana")
    reminders = app.services.reminders
    reminders.choose(ana, "daily", "07:45", "22:00", "06:30")
    reminders.subscribe(ana, ENDPOINT, _key(), AUTH)
    data = json.loads(json.dumps(app.services.backup()))  # a file's round trip
    assert data["tables"]["reminder_settings"][0]["daily_at"] == "07:45"
    assert "push_subscriptions" not in data["tables"]
    assert "reminders_sent" not in data["tables"]
    app.services.restore(data, replace=True)
    chosen = reminders.settings(ana).settings
    assert (chosen.mode, chosen.daily_at, chosen.quiet_from, chosen.quiet_until) == (
        ReminderMode.DAILY,
        dt.time(7, 45),
        dt.time(22),
        dt.time(6, 30),
    )


def test_an_export_lists_the_reminder_rows_without_the_browsers_address_or_keys(
    app: App,
) -> None:
    ana = _athlete(app, "Ana")
    app.services.reminders.choose(ana, "session")
    app.services.reminders.subscribe(ana, ENDPOINT, _key(), AUTH, "Firefox on Android")
    tables = json.loads(json.dumps(app.services.accounts.export_athlete(ana)))["tables"]
    assert tables["reminder_settings"][0]["mode"] == "session"
    [browser] = tables["push_subscriptions"]
    assert browser["device"] == "Firefox on Android"
    assert not {"endpoint", "p256dh", "auth"} & set(browser)
