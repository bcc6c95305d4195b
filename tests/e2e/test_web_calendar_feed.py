"""The calendar feed on the web: the programme page's forms make, replace and stop the
feed address; ``GET /calendar/{token}.ics`` serves the calendar without sign-in, and an
unknown or stopped address answers 404."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_web_athlete_pages import FORM, make_client
from tests.support.http import Client

FEED_URL = re.compile(r'value="(http://127.0.0.1/calendar/[A-Za-z0-9_-]+\.ics)"')


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    made = make_client(tmp_path)
    response = made.post("/onboarding", data={"csrf_token": made.csrf(), **FORM})
    assert response.status_code == 303
    yield made
    made.close()


def make_feed(client: Client) -> str:
    response = client.post("/programme/calendar-feed", data={"csrf_token": client.csrf()})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    found = FEED_URL.search(html.unescape(response.text))
    assert found, response.text[:2000]
    return found.group(1).removeprefix("http://127.0.0.1")


def test_the_programme_page_has_the_calendar_feed_forms_with_the_csrf_field(
    client: Client,
) -> None:
    page = client.get("/programme").text
    assert "Calendar feed" in page
    token = client.csrf()
    for action in ("/programme/calendar-feed", "/programme/calendar-feed/revoke"):
        form = page[page.index(f'action="{action}"') :]
        form = form[: form.index("</form>")]
        assert f'name="csrf_token" value="{token}"' in form


def test_a_made_feed_address_is_shown_once_and_serves_the_calendar(client: Client) -> None:
    path = make_feed(client)
    assert path not in client.get("/programme").text  # shown only when made
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["cache-control"] == "private"
    assert response.text.startswith("BEGIN:VCALENDAR")
    assert "BEGIN:VEVENT" in response.text


def test_a_new_feed_address_stops_the_older_one(client: Client) -> None:
    old = make_feed(client)
    new = make_feed(client)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_stopping_the_feed_makes_its_address_answer_like_an_unknown_one(client: Client) -> None:
    path = make_feed(client)
    response = client.post("/programme/calendar-feed/revoke", data={"csrf_token": client.csrf()})
    assert response.status_code == 303
    assert response.headers["location"] == "/programme?feed=revoked"
    assert "stopped working" in client.get("/programme?feed=revoked").text
    stopped = client.get(path)
    unknown = client.get("/calendar/made-up.ics")
    assert stopped.status_code == unknown.status_code == 404
    assert "No calendar feed at this address" in stopped.text
    assert stopped.text.replace(path, "") == unknown.text.replace("/calendar/made-up.ics", "")


def test_the_feed_forms_refuse_a_post_without_the_csrf_token(client: Client) -> None:
    assert client.post("/programme/calendar-feed", data={}).status_code == 403
    assert client.post("/programme/calendar-feed/revoke", data={}).status_code == 403
