"""Alembic migrations shipped inside the package (see ``footcore.store.migrate``)."""
