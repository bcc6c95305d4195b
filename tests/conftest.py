"""Shared test set-up."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user's footcore data: each gets its own data dir
    and the embedded SQLite default (tests that need another database set it themselves)."""
    data = tmp_path_factory.mktemp("footcore-data")
    monkeypatch.setenv("FOOTCORE_DATA_DIR", str(data))
    monkeypatch.delenv("FOOTCORE_DATABASE_URL", raising=False)
    return data
