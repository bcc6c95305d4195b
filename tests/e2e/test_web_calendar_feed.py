"""The calendar feed on the web: the programme page's forms make, replace and stop the
feed address; ``GET /calendar/{token}.ics`` serves the calendar without sign-in, and an
unknown or stopped address answers 404."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from footcore.services.exports import ExportService
from tests.e2e.test_web_athlete_pages import FORM, make_client
from tests.e2e.web_accounts import PASSWORD, PROFILE, TODAY, multi_user_app
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


def unfolded(ics: str) -> str:
    """iCalendar text with its folded lines joined (RFC 5545 3.1)."""
    return ics.replace("\r\n ", "")


def test_the_feed_speaks_the_language_asked_for_and_english_otherwise(client: Client) -> None:
    path = make_feed(client)
    spanish = unfolded(client.get(path + "?language=es").text)
    assert "SUMMARY:Trabajo de pies " in spanish
    assert "X-WR-CALDESC:Sesiones cortas de pie y tobillo de tu plan de footcore." in spanish
    assert re.search(r"DESCRIPTION:\d+ ejercicios?\\, unos \d+ min:", spanish)
    assert "Foot work" not in spanish
    english = unfolded(client.get(path, headers={"Accept-Language": "en"}).text)
    assert "SUMMARY:Foot work " in english
    assert re.search(r"DESCRIPTION:\d+ exercises?\\, about \d+ min:", english)


def test_an_account_s_feed_is_in_the_account_s_language(tmp_path: Path) -> None:
    app = multi_user_app(tmp_path)
    services = app.state.footcore.services
    athlete = services.onboard({**PROFILE, "name": "Ana"}, TODAY).athlete.id
    user = services.accounts.create_user("ana@example.org", PASSWORD, "athlete", athlete)
    services.accounts.set_language(user.id, "es")
    token = ExportService(services.ctx).create_feed(athlete)
    calendar_app = Client(app)  # no sign-in, no cookie: the address is the secret
    try:
        feed = calendar_app.get(f"/calendar/{token}.ics", headers={"Accept-Language": "en"})
        assert feed.status_code == 200
        assert "SUMMARY:Trabajo de pies " in unfolded(feed.text)
    finally:
        calendar_app.close()
