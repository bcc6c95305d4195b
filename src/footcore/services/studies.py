"""Group outcomes for coaches, and club studies (filled in below)."""

from __future__ import annotations

from footcore.services.context import Context


class StudyService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
