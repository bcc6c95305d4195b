"""The schema revisions this footcore knows, without SQLAlchemy or Alembic: the stored day's
read model (:mod:`footcore.store.stored_day`) checks the database is current with them before
it reads, and :mod:`footcore.store.migrate` migrates to them."""

from __future__ import annotations

#: The newest revision in ``migrations/versions`` (a test checks it against Alembic).
HEAD = "0009"
#: Every revision, oldest first (a test checks it against Alembic).
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")
