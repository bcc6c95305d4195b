"""footcore over the stored data, for the commands that read or change it.

The database is the one ``FOOTCORE_DATABASE_URL`` names, else the SQLite file in
``FOOTCORE_DATA_DIR`` (default: the user data directory); see docs/configuration.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from footcore.config import Settings

if TYPE_CHECKING:
    from footcore.bootstrap import App


def open_app() -> App:
    """footcore for the settings in the environment (migrated to the newest schema)."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.bootstrap import bootstrap  # noqa: PLC0415

    return bootstrap(Settings.from_env())
