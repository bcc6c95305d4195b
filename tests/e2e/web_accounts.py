"""Helpers for the web tests of accounts, access and coach mode: an in-process client that
keeps cookies, and a multi-user world with one person for every role of the access matrix.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from argon2 import PasswordHasher
from fastapi import FastAPI

from footcore.config import Settings
from footcore.web.app import create_app
from tests.integration.support import COACH_EXERCISE
from tests.support.http import Client as SharedClient
from tests.support.profiles import ana

FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "long enough secret 1"
TODAY = dt.date(2027, 1, 4)  # a Monday
PROFILE: dict[str, Any] = ana("sex", "cramp_prone", "pain", "running", goals=["general"])
TEMPLATE = """
name = "Club feet"
[[sessions]]
days = ["mon", "wed", "fri"]
slot = "morning"
items = ["ball-roll-sole", { exercise = "towel-scrunch", reps = 20 }]
"""


class Client(SharedClient):
    """The shared in-process client, signing in like a browser; the world closes the app."""

    def __init__(self, app: FastAPI, base_url: str = "http://127.0.0.1") -> None:
        super().__init__(app, base_url=base_url, closes_app=False)

    def api_token(self) -> str:
        return self.csrf()

    def sign_in(self, email: str, password: str = PASSWORD) -> httpx.Response:
        token = self.form_token("/sign-in")
        return self.post(
            "/sign-in", data={"csrf_token": token, "email": email, "password": password}
        )


def multi_user_app(path: Path, **kwargs: Any) -> FastAPI:
    """The app as ``footcore serve --host 0.0.0.0`` makes it (multi-user mode forced)."""
    app = create_app(
        Settings.for_sqlite_file(path / "f.sqlite3"), host="0.0.0.0", today=lambda: TODAY, **kwargs
    )
    app.state.footcore.services.accounts.hasher = FAST
    return app


@dataclass
class World:
    """Everyone of the access matrix, with ids; ``clients`` are signed in (anonymous is
    not)."""

    app: FastAPI
    ids: dict[str, Any] = field(default_factory=dict)
    clients: dict[str, Client] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def close(self) -> None:
        for c in self.clients.values():
            c.close()
        self.app.state.footcore.close()


EMAILS = {
    "athlete": "ana@example.org",
    "other_athlete": "bea@example.org",
    "coach": "cleo@example.org",
    "other_coach": "dora@example.org",
    "admin": "erin@example.org",
}


def build_world(path: Path) -> World:
    """Ana (athlete) is an accepted member of Cleo's group; Bea belongs to Dora's group;
    Cleo has a template (assigned to her group) and an exercise of her own."""
    app = multi_user_app(path)
    services = app.state.footcore.services
    acc, coaching = services.accounts, services.coaching
    world = World(app)
    users: dict[str, Any] = {}
    for role, email in EMAILS.items():
        athlete_id = None
        if role in ("athlete", "other_athlete"):
            name = email.split("@", maxsplit=1)[0].capitalize()
            athlete_id = services.onboard({**PROFILE, "name": name}, TODAY).athlete.id
        kind = role.removeprefix("other_") if role != "admin" else "admin"
        users[role] = acc.create_user(email, PASSWORD, kind, athlete_id)
    p = {role: acc.principal(u.id) for role, u in users.items()}
    group = coaching.create_group(p["coach"], "Tuesday club", "class")
    other_group = coaching.create_group(p["other_coach"], "Dora's club")
    coaching.join(p["athlete"], group.invite_code or "")
    coaching.join(acc.principal(users["other_athlete"].id), other_group.invite_code or "")
    p = {role: acc.principal(u.id) for role, u in users.items()}
    template = coaching.save_template(p["coach"], _toml(TEMPLATE))
    other_template = coaching.save_template(p["other_coach"], _toml(TEMPLATE))
    coaching.assign_template(p["coach"], template.id, group_id=group.id, starts_on=TODAY)
    coaching.add_exercise(p["coach"], COACH_EXERCISE)
    world.ids = {
        "group": group.id,
        "other_group": other_group.id,
        "code": group.invite_code,
        "template": template.id,
        "other_template": other_template.id,
        "athlete": users["athlete"].athlete_id,
        "other_athlete": users["other_athlete"].athlete_id,
        "users": {role: u.id for role, u in users.items()},
    }
    for role, email in EMAILS.items():
        client = Client(app)
        assert client.sign_in(email).status_code == 303
        world.clients[role] = client
    world.clients["anonymous"] = Client(app)
    return world


def _toml(text: str) -> dict[str, Any]:
    return tomllib.loads(text)
