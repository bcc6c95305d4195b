"""What a backup file is, without SQLAlchemy: its format name and the tables it leaves out
(:mod:`footcore.store.backup` tells why and reads and writes the tables). The services make
the file from these; the cold start of a command that does not back up loads none of it."""

from __future__ import annotations

from collections.abc import Mapping

FORMAT = "footcore.backup/1"

#: Tables a backup leaves out on purpose, with the reason (footcore.store.backup says more).
LEFT_OUT: Mapping[str, str] = {
    "web_sessions": "sign-in sessions: a restore signs everyone out",
    "password_resets": "password-reset tokens: issue a new one after a restore",
    "planned_sessions": "a cache of planned sessions, rebuilt when needed",
    "push_subscriptions": "browsers subscribed to pushes signed by this installation's key",
    "reminders_sent": "the record of reminders already sent",
    "app_secrets": "the secret key, which stays with the database",
    "athlete_versions": "athletes' data versions: a restore gives each athlete a new one",
}
