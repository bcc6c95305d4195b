"""The progress report: adherence, streaks, weekly minutes, self-test trends, runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from footcore.domain import progress as maths
from footcore.domain.assessments import score_battery
from footcore.services.context import Context, require_athlete
from footcore.services.outcomes import done_session
from footcore.services.programmes import ProgrammeService
from footcore.services.views import DecisionView

if TYPE_CHECKING:
    from footcore.services.unit_of_work import ProgrammeRecord, UnitOfWork

RECENT_DECISION_DAYS = 14


@dataclass(frozen=True)
class ProgressReport:
    athlete_id: int
    athlete: str
    date: dt.date
    overall: maths.Adherence
    this_week: maths.Adherence
    streaks: maths.Streaks
    weeks: tuple[maths.WeekMinutes, ...]
    trends: tuple[maths.SelfTestTrend, ...]
    runs: maths.RunComparison
    decisions: tuple[DecisionView, ...]

    def to_dict(self) -> dict[str, Any]:
        def adherence(a: maths.Adherence) -> dict[str, Any]:
            return {
                "planned_sessions": a.planned_sessions,
                "done_sessions": a.done_sessions,
                "sessions_pct": a.sessions_pct,
                "planned_minutes": a.planned_minutes,
                "done_minutes": a.done_minutes,
                "minutes_pct": a.minutes_pct,
            }

        def group(g: maths.RunGroup) -> dict[str, Any]:
            return {"runs": g.runs, "mean_felt": g.mean_felt}

        return {
            "schema": "footcore.progress/1",
            "athlete": {"id": self.athlete_id, "name": self.athlete},
            "date": self.date.isoformat(),
            "adherence": {
                "overall": adherence(self.overall),
                "this_week": adherence(self.this_week),
            },
            "streaks": {"current_days": self.streaks.current, "longest_days": self.streaks.longest},
            "weekly_minutes": [
                {
                    "week_start": w.week_start.isoformat(),
                    "planned_minutes": w.planned_minutes,
                    "done_minutes": w.done_minutes,
                }
                for w in self.weeks
            ],
            "self_tests": [
                {
                    "test": t.test_id,
                    "name": t.name,
                    "part": t.part,
                    "unit": t.unit,
                    "points": [{"date": d.isoformat(), "value": v} for d, v in t.points],
                    "verdict": t.label,
                    "delta": t.overall.delta if t.overall else None,
                    "smallest_real_change": t.overall.smallest_real_change if t.overall else None,
                    "latest_verdict": t.latest.verdict if t.latest else None,
                }
                for t in self.trends
            ],
            "runs_after_foot_work": {
                "after_foot_work": group(self.runs.after_foot_work),
                "other_days": group(self.runs.other_days),
                "difference": self.runs.difference,
                "enough": self.runs.enough,
                "left_out_without_felt": self.runs.unscored,
                "min_runs_per_group": maths.MIN_RUNS_PER_GROUP,
                "message": self.runs.message,
            },
            "recent_decisions": [d.to_dict() for d in self.decisions],
        }


def plan_sessions(plan: Mapping[str, Any], until: dt.date) -> list[maths.PlannedSession]:
    """Every session of a stored plan up to ``until``, in plan order."""
    return [
        maths.PlannedSession(dt.date.fromisoformat(d["date"]), str(s["slot"]), float(s["minutes"]))
        for w in plan["weeks"]
        for d in w["days"]
        for s in d["sessions"]
        if dt.date.fromisoformat(d["date"]) <= until
    ]


def planned_sessions(
    uow: UnitOfWork, programme: ProgrammeRecord, until: dt.date
) -> list[maths.PlannedSession]:
    """The snapshot's sessions up to ``until`` (:func:`plan_sessions`), read from the stored
    planned sessions (date, slot, minutes: a few hundred small rows) rather than the plan
    document; where they are not stored yet (a snapshot made before they were), derived from
    the plan and stored."""
    stored = uow.programmes.planned_sessions(programme.id, until)
    if stored is not None:
        return [maths.PlannedSession(d, slot, minutes) for d, slot, minutes in stored]
    uow.accounts.roster.store_schedule(programme.athlete_id, programme.id, programme.plan)
    return plan_sessions(programme.plan, until)


class ProgressService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def progress(self, athlete_id: int, on: dt.date | None = None) -> ProgressReport:
        day = on or self.ctx.today()
        programmes = ProgrammeService(self.ctx)
        with self.ctx.uow() as uow:
            athlete = require_athlete(uow, athlete_id)
            programme, _ = programmes._current(uow, athlete_id, day)
            first = maths.week_start(day, programme.start)
            week = planned_sessions(uow, programme, first + dt.timedelta(days=6))
            planned = [p for p in week if p.date <= day]
            done = [done_session(log) for log in uow.sessions.done_rows(athlete_id, until=day)]
            foot_days = [d.date for d in done if d.items_done > 0]
            runs = [
                maths.RunRecord(r.date, r.km, r.minutes, r.kind, r.felt)
                for r in uow.runs.rows(athlete_id, until=day)
            ]
            reports = [score_battery(data) for data in uow.assessments.inputs(athlete_id)]
            decisions = tuple(
                DecisionView.of(r)
                for r in uow.decisions.list(
                    athlete_id, since=day - dt.timedelta(days=RECENT_DECISION_DAYS)
                )
            )
            return ProgressReport(
                athlete_id=athlete.id,
                athlete=athlete.name,
                date=day,
                overall=maths.adherence(planned, done, day),
                this_week=maths.week_adherence(week, done, first),
                streaks=maths.streaks([p.date for p in planned], foot_days, day),
                weeks=tuple(maths.weekly_minutes(planned, done, day, programme.start)),
                trends=tuple(maths.self_test_trends(reports)),
                runs=maths.runs_after_foot_work(runs, foot_days),
                decisions=decisions,
            )
