"""What the printed progress report shows (``footcore.io.pdf.progress_pdf``): the progress
report's figures and the pain records, gathered by the exports use case
(``footcore.services.exports``) and handed to the PDF writer through its port."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from footcore.domain.progress import Adherence, SelfTestTrend, Streaks, WeekMinutes


@dataclass(frozen=True)
class PainPoint:
    """Pain on one day: during the foot work and on the next morning (0-10, None = not
    recorded)."""

    date: dt.date
    during: int | None
    next_morning: int | None


@dataclass(frozen=True)
class ProgressHandout:
    """Everything the progress report prints (the services build it from the records)."""

    athlete: str
    date: dt.date
    overall: Adherence
    this_week: Adherence
    streaks: Streaks
    weeks: Sequence[WeekMinutes]
    trends: Sequence[SelfTestTrend]
    pain: Sequence[PainPoint]
    runs_message: str
