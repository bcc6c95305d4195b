"""Reminders in Chromium: the Settings control, and the service worker showing a pushed
reminder. A real subscription (``pushManager.subscribe``) needs the browser vendor's push
service on the internet, which these tests never reach; the push is delivered to the
worker through Chromium's DevTools protocol instead (``ServiceWorker.deliverPushMessage``,
what DevTools' "Push" button does), so the worker's own ``push`` handler runs on it. The
encryption and the push service's side are tested in tests/e2e/test_web_push_reminders.py."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.browser.conftest import watch
from tests.e2e.browser.test_browser_app import controlled

pytestmark = pytest.mark.browser


def test_settings_shows_the_reminder_choices_and_this_devices_switch(
    page: Page, athlete_url: str
) -> None:
    problems = watch(page)
    page.goto(athlete_url + "/settings")
    controlled(page)
    page.reload()
    section = page.locator("#reminders")
    assert section.get_by_role("radio", name="At each session’s time").is_visible()
    assert section.get_by_label("Quiet from").is_visible()
    # Chromium on 127.0.0.1 is a secure context with Web Push: the switch is offered.
    page.wait_for_function(
        "() => document.getElementById('push-device').dataset.state === 'off'", timeout=10000
    )
    assert page.get_by_role("button", name="Turn on notifications here").is_visible()
    assert page.get_by_role("button", name="Turn off here").is_hidden()
    key = page.locator("#push-device").get_attribute("data-vapid-key")
    assert key == page.request.get(athlete_url + "/api/v1/reminders").json()["public_key"]
    assert problems == []


def test_the_service_worker_shows_a_pushed_reminder_as_a_notification(
    browser: Browser, athlete_url: str
) -> None:
    context = browser.new_context()
    try:
        context.grant_permissions(["notifications"], origin=athlete_url)
        page = context.new_page()
        problems = watch(page)
        page.goto(athlete_url + "/settings")
        controlled(page)
        cdp = context.new_cdp_session(page)
        registrations: list[dict[str, Any]] = []
        cdp.on(
            "ServiceWorker.workerRegistrationUpdated",
            lambda event: registrations.extend(event["registrations"]),
        )
        cdp.send("ServiceWorker.enable")
        ours: list[dict[str, Any]] = []
        for _ in range(100):  # the registrations arrive as an event, soon after enabling
            ours = [r for r in registrations if r["scopeURL"] == athlete_url + "/"]
            if ours:
                break
            page.wait_for_timeout(100)
        registration = ours[0]
        payload = {
            "title": "At the desk: 5 minutes",
            "body": "Toe yoga, Ball roll. Tap to start.",
            "url": "/play/desk",
            "tag": "2027-01-06/desk",
        }
        # A reminder, then one whose address is another site's: a notification only ever
        # opens a page of footcore (Today, in its place).
        outside = {"title": "Elsewhere", "url": "https://elsewhere.example/", "tag": "other"}
        for message in (payload, outside):
            cdp.send(
                "ServiceWorker.deliverPushMessage",
                {
                    "origin": athlete_url + "/",
                    "registrationId": registration["registrationId"],
                    "data": json.dumps(message),
                },
            )
        shown: list[dict[str, Any]] = []
        for _ in range(100):  # the pushes are handled by the worker a moment later
            shown = page.evaluate(
                """async () => (await (await navigator.serviceWorker.ready).getNotifications())
                       .map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data.url}))"""
            )
            if len(shown) == 2:
                break
            page.wait_for_timeout(100)
        assert sorted(shown, key=lambda n: n["tag"]) == [
            {
                "title": payload["title"],
                "body": payload["body"],
                "tag": payload["tag"],
                "url": athlete_url + "/play/desk",
            },
            {"title": "Elsewhere", "body": "", "tag": "other", "url": athlete_url + "/today"},
        ]
        assert problems == []
    finally:
        context.close()
