"""One-person mode never answers a request that came through a reverse proxy: the proxy
connects from loopback, but its forwarding headers say the person is elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from footcore.config import Settings
from footcore.web.app import create_app
from tests.e2e.web_accounts import PROFILE, TODAY, Client


@pytest.mark.parametrize(
    "header",
    [
        {"X-Forwarded-For": "203.0.113.7"},
        {"Forwarded": "for=203.0.113.7;proto=https"},
        {"X-Real-IP": "203.0.113.7"},
    ],
)
def test_a_proxied_request_on_loopback_needs_sign_in(
    tmp_path: Path, header: dict[str, str]
) -> None:
    app = create_app(Settings.for_sqlite_file(tmp_path / "f.sqlite3"), host="127.0.0.1")
    c = Client(app)
    try:
        assert c.get("/api/v1/account").json()["mode"] == "one-person"
        made = c.post("/api/v1/onboarding", json={"profile": PROFILE, "start": TODAY.isoformat()})
        assert made.status_code == 201
        assert c.get("/api/v1/today").status_code == 200  # on loopback, no sign-in
        assert c.get("/api/v1/account", headers=header).status_code == 401
        assert c.get("/api/v1/profile", headers=header).status_code == 401
        assert c.get("/api/v1/today", headers=header).status_code == 401
        assert c.get("/today", headers=header).headers["location"] == "/sign-in?next=/today"
    finally:
        c.close()
        app.state.footcore.close()
