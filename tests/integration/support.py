"""Shared values for the integration tests (imported by conftest and the test modules)."""

from __future__ import annotations

import datetime as dt
from typing import Any

TODAY = dt.date(2027, 1, 4)  # a Monday


class Clock:
    """A settable 'today' for the services (timestamps stay real)."""

    def __init__(self, day: dt.date = TODAY) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day


PROFILE: dict[str, Any] = {
    "name": "Ana",
    "age": 38,
    "sex": "female",
    "goals": ["general", "plantar-heel-pain"],
    "equipment": ["towel", "ball", "step", "band"],
    "minutes_per_day": 12,
    "slots": ["morning", "desk", "teeth", "pre-run", "post-run"],
    "cramp_prone": True,
    "pain": {"nrs": 3, "site": "heel"},
    "running": {"days": ["tue", "thu", "sat", "sun"], "long_run_day": "sun", "weekly_km": 35},
}
