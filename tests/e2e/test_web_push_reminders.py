"""Reminders by Web Push, end to end: Settings and the API store the choice and the
browser's subscription; the runner sends what is due to a push service that this test runs
on loopback. That service checks the VAPID JWT's signature and claims and DECRYPTS the
payload (RFC 8291, aes128gcm) with the subscription's private key and auth secret, exactly
as a browser would, so the encryption is real; it answers 201, 404, 410 or 500 as told."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import http_ece
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from footcore.config import Settings
from footcore.domain.labels import LABELS
from footcore.web.app import create_app
from tests.support.http import Client
from tests.support.profiles import ana

TODAY = dt.date(2027, 1, 6)  # a Wednesday
LISBON = ZoneInfo("Europe/Lisbon")
CONTACT = "mailto:coach@club.example"
PROFILE = ana(time_zone="Europe/Lisbon", slot_times={"morning": "07:00", "desk": "11:00"})


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Browser:
    """What a browser holds for one subscription: its ECDH key pair and auth secret."""

    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    auth: bytes = field(default_factory=lambda: os.urandom(16))

    def to_json(self) -> dict[str, Any]:
        public = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": b64url(public), "auth": b64url(self.auth)},
        }


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    claims: dict[str, Any]
    vapid_key: str
    payload: dict[str, Any]


class PushService:
    """A push service on 127.0.0.1: ``/ok/...`` answers 201, ``/gone/...`` 410,
    ``/missing/...`` 404, ``/broken/...`` 500. Every message must carry a VAPID JWT whose
    signature verifies with the key it names, and a body that decrypts for a browser
    registered with :meth:`browser`; anything else is a 400 and a recorded error."""

    def __init__(self) -> None:
        self.browsers: dict[str, Browser] = {}
        self.received: list[Received] = []
        self.errors: list[str] = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                try:
                    service.receive(self.path, dict(self.headers.items()), body)
                except (AssertionError, ValueError, KeyError, InvalidSignature) as exc:
                    service.errors.append(f"{self.path}: {exc!r}")
                    self.send_response(400)
                else:
                    kind = self.path.split("/")[1]
                    self.send_response({"ok": 201, "gone": 410, "missing": 404}.get(kind, 500))
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def browser(self, path: str) -> Browser:
        made = Browser(f"{self.origin}{path}")
        self.browsers[path] = made
        return made

    def receive(self, path: str, headers: dict[str, str], body: bytes) -> None:
        h = {k.lower(): v for k, v in headers.items()}
        scheme, _, params = h["authorization"].partition(" ")
        assert scheme == "vapid", h["authorization"]
        fields = dict(p.strip().split("=", 1) for p in params.split(","))
        token, key = fields["t"], fields["k"]
        head, claims_part, signature = token.split(".")
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
        raw = unb64url(signature)
        assert len(raw) == 64
        public.verify(
            encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
            f"{head}.{claims_part}".encode(),
            ec.ECDSA(hashes.SHA256()),
        )
        assert json.loads(unb64url(head)) == {"typ": "JWT", "alg": "ES256"}
        claims = json.loads(unb64url(claims_part))
        assert h["content-encoding"] == "aes128gcm"
        browser = self.browsers[path]
        plain = http_ece.decrypt(
            body, private_key=browser.private_key, auth_secret=browser.auth, version="aes128gcm"
        )
        self.received.append(Received(path, h, claims, key, json.loads(plain)))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def push() -> Iterator[PushService]:
    service = PushService()
    yield service
    service.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2027, 1, 6, 6, 0, tzinfo=LISBON).astimezone(dt.UTC))


@pytest.fixture
def client(tmp_path: Path, clock: Clock) -> Iterator[Client]:
    settings = Settings(
        database_url=f"sqlite+pysqlite:///{tmp_path / 'f.sqlite3'}",
        data_dir=tmp_path,
        push_contact=CONTACT,
    )
    c = Client(create_app(settings, today=lambda: TODAY, now=clock))
    response = c.post("/api/v1/onboarding", json={"profile": PROFILE, "start": "2027-01-04"})
    assert response.status_code == 201, response.text
    # The test's push service listens on loopback; a real endpoint is a push service's https
    # address, and loopback ones are refused unless this is set.
    c.app.state.footcore.services.reminders.allow_loopback_endpoints = True
    yield c
    c.close()


def send_due(client: Client) -> dict[str, Any]:
    report = client.app.state.footcore.services.reminders.send_due(CONTACT)
    result: dict[str, Any] = report.to_dict()
    return result


def first_slot(client: Client) -> tuple[str, str]:
    """Today's first session's slot and its time (from the profile's slot times)."""
    sessions = client.get("/api/v1/today").json()["day"]["sessions"]
    slot = sessions[0]["slot"]
    return slot, PROFILE["slot_times"].get(slot, "")


def test_a_due_session_reminder_reaches_the_push_service_signed_and_decryptable(
    client: Client, push: PushService, clock: Clock
) -> None:
    assert client.put("/api/v1/reminders", json={"mode": "session"}).status_code == 200
    browser = push.browser("/ok/phone")
    response = client.post("/api/v1/push/subscriptions", json=browser.to_json())
    assert response.status_code == 200, response.text
    assert response.json() == {"new": True, "devices": 1}
    slot, at = first_slot(client)
    assert slot == "morning"
    assert at == "07:00"

    # Before the session's time nothing is due.
    assert send_due(client)["reminders"] == 0
    assert push.received == []

    clock.now = dt.datetime(2027, 1, 6, 7, 2, tzinfo=LISBON).astimezone(dt.UTC)
    report = send_due(client)
    assert report == {"reminders": 1, "pushes": 1, "removed": 0, "failures": []}
    assert push.errors == []
    [message] = push.received
    assert message.payload["url"] == "/play/morning?date=2027-01-06"
    assert message.payload["tag"] == "2027-01-06/morning"
    assert message.payload["title"].startswith(f"{LABELS['morning']}: ")
    assert message.payload["title"].endswith(" minutes")
    # Signed with the installation's VAPID key, for this push service, by this operator.
    assert message.vapid_key == client.get("/api/v1/reminders").json()["public_key"]
    assert message.claims["aud"] == push.origin
    assert message.claims["sub"] == CONTACT
    assert time.time() < message.claims["exp"] <= time.time() + 24 * 3600
    assert int(message.headers["ttl"]) == 3600

    # The runner again a minute later: the reminder went out once.
    clock.now += dt.timedelta(minutes=1)
    assert send_due(client)["reminders"] == 0
    assert len(push.received) == 1


def test_a_push_service_answering_410_or_404_removes_the_subscription_and_500_keeps_it(
    client: Client, push: PushService, clock: Clock
) -> None:
    client.put("/api/v1/reminders", json={"mode": "session"})
    for path in ("/ok/laptop", "/gone/old-phone", "/missing/old-tablet", "/broken/watch"):
        response = client.post("/api/v1/push/subscriptions", json=push.browser(path).to_json())
        assert response.status_code == 200, response.text
    assert client.get("/api/v1/reminders").json()["devices"] == 4

    clock.now = dt.datetime(2027, 1, 6, 7, 0, tzinfo=LISBON).astimezone(dt.UTC)
    report = send_due(client)
    assert report["reminders"] == 1
    assert report["pushes"] == 1
    assert report["removed"] == 2
    [failure] = report["failures"]
    assert "answered 500" in failure
    assert push.errors == []
    assert sorted(m.path for m in push.received) == sorted(push.browsers)  # all decrypted
    left = client.app.state.footcore.services.reminders.subscriptions(1)
    assert sorted(s.endpoint.removeprefix(push.origin) for s in left) == [
        "/broken/watch",
        "/ok/laptop",
    ]
    assert client.get("/api/v1/reminders").json()["devices"] == 2


def test_quiet_hours_and_a_daily_reminder(client: Client, push: PushService, clock: Clock) -> None:
    body = {"mode": "daily", "daily_at": "07:30", "quiet_from": "22:00", "quiet_until": "07:15"}
    saved = client.put("/api/v1/reminders", json=body)
    assert saved.status_code == 200, saved.text
    assert saved.json()["mode"] == "daily"
    client.post("/api/v1/push/subscriptions", json=push.browser("/ok/phone").to_json())
    clock.now = dt.datetime(2027, 1, 6, 7, 31, tzinfo=LISBON).astimezone(dt.UTC)
    assert send_due(client)["pushes"] == 1
    [message] = push.received
    assert message.payload["url"] == "/today"
    assert message.payload["title"].startswith("Foot work today")

    # Per session, the morning session at 07:00 lies inside quiet hours until 07:15: held back.
    client.put("/api/v1/reminders", json=body | {"mode": "session"})
    tomorrow = dt.datetime(2027, 1, 7, 7, 1, tzinfo=LISBON).astimezone(dt.UTC)
    clock.now = tomorrow
    assert send_due(client)["reminders"] == 0


def test_a_subscribed_browser_gets_a_test_reminder_on_request(
    client: Client, push: PushService
) -> None:
    assert client.post("/api/v1/push/test", json={}).status_code == 409  # no browser yet
    client.post("/api/v1/push/subscriptions", json=push.browser("/ok/phone").to_json())
    response = client.post("/api/v1/push/test", json={})
    assert response.status_code == 200, response.text
    assert response.json()["pushes"] == 1
    assert push.received[0].payload["url"] == "/settings#reminders"


def test_unsubscribing_forgets_the_browser(client: Client, push: PushService) -> None:
    browser = push.browser("/ok/phone")
    client.post("/api/v1/push/subscriptions", json=browser.to_json())
    again = client.post("/api/v1/push/subscriptions", json=browser.to_json())
    assert again.json() == {"new": False, "devices": 1}
    gone = client.post("/api/v1/push/unsubscribe", json={"endpoint": browser.endpoint})
    assert gone.json() == {"removed": 1}
    assert client.get("/api/v1/reminders").json()["devices"] == 0


def test_bad_subscriptions_and_settings_are_refused_with_the_reason(client: Client) -> None:
    good = Browser("https://push.example.net/abc").to_json()
    client.app.state.footcore.services.reminders.allow_loopback_endpoints = False
    for endpoint, words in (
        ("https://10.0.0.5/x", "host name"),
        ("http://push.example.net/x", "https address"),
        ("http://127.0.0.1:9/x", "https address"),
    ):
        response = client.post("/api/v1/push/subscriptions", json=good | {"endpoint": endpoint})
        assert response.status_code == 422, endpoint
        assert words in response.text
    off_curve = "B" + "A" * 86
    response = client.post(
        "/api/v1/push/subscriptions", json=good | {"keys": good["keys"] | {"p256dh": off_curve}}
    )
    assert response.status_code == 422
    assert "P-256" in response.text
    response = client.put("/api/v1/reminders", json={"mode": "session", "quiet_from": "22:00"})
    assert response.status_code == 422
    assert response.json()["error"]["problems"][0]["where"] == "quiet_until"
    response = client.put(
        "/api/v1/reminders",
        json={"mode": "daily", "daily_at": "06:00", "quiet_from": "22:00", "quiet_until": "07:00"},
    )
    assert response.status_code == 422
    assert "quiet hours" in response.text


def test_settings_page_form_stores_the_choice_without_javascript(client: Client) -> None:
    page = client.get("/settings").text
    assert 'action="/settings/reminders"' in page
    key = client.get("/api/v1/reminders").json()["public_key"]
    assert f'data-vapid-key="{key}"' in page
    assert "/static/js/push.js" in page
    token = client.form_token("/settings")
    form = {
        "csrf_token": token,
        "mode": "daily",
        "daily_at": "06:45",
        "quiet_from": "",
        "quiet_until": "",
    }
    response = client.post("/settings/reminders", data=form)
    assert response.status_code == 303
    assert client.get("/api/v1/reminders").json()["daily_at"] == "06:45"
    page = client.get("/settings?reminders=saved").text
    assert 'id="remind-daily" name="mode" value="daily" checked' in page
    bad = form | {"quiet_from": "06:00", "quiet_until": "07:00"}
    response = client.post("/settings/reminders", data=bad)
    assert response.status_code == 422
    assert "inside your quiet hours" in response.text


def test_the_vapid_key_is_made_once_and_kept_with_the_data(tmp_path: Path) -> None:
    settings = Settings.for_sqlite_file(tmp_path / "k.sqlite3")
    first = Client(create_app(settings, today=lambda: TODAY))
    first.post("/api/v1/onboarding", json={"profile": PROFILE, "start": "2027-01-04"})
    key = first.get("/api/v1/reminders").json()["public_key"]
    first.close()
    second = Client(create_app(settings, today=lambda: TODAY))
    assert second.get("/api/v1/reminders").json()["public_key"] == key
    second.close()
    assert len(unb64url(key)) == 65
