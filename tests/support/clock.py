"""A settable 'today' for the services, shared by the integration tests and the service tests
on the in-memory unit of work."""

from __future__ import annotations

import datetime as dt

TODAY = dt.date(2027, 1, 4)  # a Monday


class Clock:
    """A settable 'today' for the services (timestamps stay real)."""

    def __init__(self, day: dt.date = TODAY) -> None:
        self.day = day

    def __call__(self) -> dt.date:
        return self.day
