"""`footcore reminders send` and `status` from the terminal, with the real clock: the runner
cron starts sends the reminder due now to the test's loopback push service, which decrypts
it (tests/e2e/test_web_push_reminders.py has the service and the other cases)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from footcore.bootstrap import bootstrap
from footcore.cli.app import app as cli
from footcore.config import Settings
from footcore.services.exports import machine_time_zone
from tests.e2e.test_web_push_reminders import PushService
from tests.support.profiles import ana


@pytest.fixture
def push() -> Iterator[PushService]:
    service = PushService()
    yield service
    service.close()


def test_send_without_a_push_contact_says_what_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FOOTCORE_PUSH_CONTACT", raising=False)
    result = CliRunner().invoke(cli, ["reminders", "send"])
    assert result.exit_code == 2
    assert "FOOTCORE_PUSH_CONTACT" in result.output
    assert "Traceback" not in result.output


def test_send_delivers_the_daily_reminder_due_now_once(
    push: PushService, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = dt.datetime.now(ZoneInfo(machine_time_zone()))
    with bootstrap(Settings.from_env()) as app:
        athlete = app.services.onboard(ana(), now.date()).athlete.id
        reminders = app.services.reminders
        reminders.allow_loopback_endpoints = True  # the test's push service is on loopback
        reminders.choose(athlete, "daily", now.strftime("%H:%M"))
        browser = push.browser("/ok/phone")
        keys = browser.to_json()["keys"]
        reminders.subscribe(athlete, browser.endpoint, keys["p256dh"], keys["auth"], "test")
    monkeypatch.setenv("FOOTCORE_PUSH_CONTACT", "mailto:runner@club.example")
    runner = CliRunner()
    status = runner.invoke(cli, ["reminders", "status", "--json"])
    assert status.exit_code == 0, status.output
    assert [d["key"] for d in json.loads(status.output)["due_now"]] == [
        f"{now.date().isoformat()}/daily"
    ]
    result = runner.invoke(cli, ["reminders", "send"])
    assert result.exit_code == 0, result.output
    assert "1 reminder due, 1 push delivered, 0 expired subscriptions removed" in result.output
    assert push.errors == []
    [message] = push.received
    assert message.payload["url"] == "/today"
    assert message.claims["sub"] == "mailto:runner@club.example"
    again = runner.invoke(cli, ["reminders", "send", "--json"])
    assert json.loads(again.output)["reminders"] == 0
    assert len(push.received) == 1
