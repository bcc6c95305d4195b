"""Runs and self-test results: small records kept over time."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from footcore.domain.assessments import report_to_dict, score_battery
from footcore.domain.errors import Problem, ValidationError
from footcore.domain.vocab import RunKind
from footcore.services.context import Context, require_athlete
from footcore.services.views import AssessmentView, RunView

MAX_KM = 400.0
MAX_MINUTES = 48 * 60.0


@dataclass(frozen=True)
class RunEntry:
    date: dt.date
    km: float
    minutes: float
    kind: str
    felt: int | None  # None: no score given
    note: str | None = None
    client_id: str | None = None


def validate_run(run: RunEntry) -> None:
    problems: list[Problem] = []
    if not 0 <= run.km <= MAX_KM:
        problems.append(Problem("km", f"must be from 0 to {MAX_KM:g}"))
    if not 0 < run.minutes <= MAX_MINUTES:
        problems.append(Problem("minutes", f"must be more than 0 and at most {MAX_MINUTES:g}"))
    kinds = [k for k in RunKind.slugs() if k != "none"]
    if run.kind not in kinds:
        problems.append(Problem("kind", f"must be one of {', '.join(kinds)}"))
    if run.felt is not None and (
        isinstance(run.felt, bool) or not isinstance(run.felt, int) or not 1 <= run.felt <= 5
    ):
        problems.append(Problem("felt", "must be a whole number from 1 (awful) to 5 (great)"))
    if run.client_id is not None and not 0 < len(run.client_id) <= 64:
        problems.append(Problem("client_id", "must be 1 to 64 characters"))
    if problems:
        raise ValidationError("run", problems)


class RecordService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def add_run(self, athlete_id: int, run: RunEntry) -> bool:
        """Store a run; with a ``client_id`` a repeated submission is stored once."""
        validate_run(run)
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            return uow.runs.add_once(
                {
                    "athlete_id": athlete_id,
                    "date": run.date,
                    "km": float(run.km),
                    "minutes": float(run.minutes),
                    "kind": run.kind,
                    "felt": run.felt,
                    "note": run.note,
                    "client_id": run.client_id,
                    "created_at": self.ctx.now(),
                }
            )

    def runs(
        self, athlete_id: int, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[RunView]:
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            return [
                RunView(r.id, r.date, r.km, r.minutes, r.kind, r.felt, r.note)
                for r in uow.runs.list(athlete_id, since, until)
            ]

    def record_assessment(
        self, athlete_id: int, data: Mapping[str, Any], taken_on: dt.date | None = None
    ) -> AssessmentView:
        """Score a self-test battery (the ``assess score`` input) and store input and report.

        The date is the input's ``date``, else ``taken_on``, else today.
        """
        raw = dict(data)
        if "date" not in raw or raw["date"] is None:
            raw["date"] = (taken_on or self.ctx.today()).isoformat()
        report = score_battery(raw)
        assert report.date is not None
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            row = uow.assessments.add(
                {
                    "athlete_id": athlete_id,
                    "taken_on": report.date,
                    "input": _jsonable(raw),
                    "report": _jsonable(report_to_dict(report)),
                    "created_at": self.ctx.now(),
                }
            )
            return AssessmentView(row.id, row.taken_on, row.report)

    def assessments(self, athlete_id: int) -> list[AssessmentView]:
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            return [
                AssessmentView(a.id, a.taken_on, a.report) for a in uow.assessments.list(athlete_id)
            ]


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON-safe copy (dates become ISO text) so that what is stored reads back equal."""
    loaded: dict[str, Any] = json.loads(json.dumps(data, default=_default))
    return loaded


def _default(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} as JSON")
