"""`footcore progress`: self-test trends, adherence and the recent decisions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from footcore.cli import console
from footcore.cli.options import AthleteOpt, DateOpt, JsonOpt, parse_date
from footcore.cli.stored import open_app
from footcore.cli.today_view import render_decisions
from footcore.domain.wording import result_text

if TYPE_CHECKING:
    from footcore.services import ProgressReport


def register(app: typer.Typer) -> None:
    """Add `progress` to the root app."""
    app.command("progress")(progress)


def progress(as_json: JsonOpt = False, date: DateOpt = None, athlete: AthleteOpt = None) -> None:
    """Adherence, streaks, weekly minutes, self-test trends and how runs felt."""
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        report = app.services.progress(athlete_id, parse_date(date))
    if as_json:
        console.print_json(report.to_dict())
    else:
        render_progress(report)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{console.number(value)}%"


def render_progress(report: ProgressReport) -> None:
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich.table import Table  # noqa: PLC0415

    from footcore.domain.progress import sparkline  # noqa: PLC0415

    _, ngettext, number = console._, console.ngettext, console.number
    out = console.out
    head = _("Progress for %(athlete)s") % {"athlete": report.athlete}
    up_to = _("up to %(date)s") % {"date": report.date.isoformat()}
    out.print(f"[bold]{head}[/] {up_to}")
    table = Table("", _("sessions"), _("minutes"))
    for label, a in ((_("this week"), report.this_week), (_("overall"), report.overall)):
        table.add_row(
            label,
            f"{a.done_sessions}/{a.planned_sessions} ({_pct(a.sessions_pct)})",
            f"{number(a.done_minutes)}/{number(a.planned_minutes)} ({_pct(a.minutes_pct)})",
        )
    out.print(table)

    def days(n: int) -> str:
        return ngettext("%(num)s day", "%(num)s days", n) % {"num": n}

    streak = report.streaks
    out.print(
        _("Streak: %(current)s running (longest %(longest)s)")
        % {"current": days(streak.current), "longest": days(streak.longest)}
    )
    if report.weeks:
        line = sparkline([w.done_minutes for w in report.weeks], floor=0)
        last = report.weeks[-1]
        label = _("Weekly minutes done:")
        tail = _("this week %(done)s (due so far: %(due)s)") % {
            "done": number(last.done_minutes),
            "due": number(last.planned_minutes),
        }
        out.print(f"{label} [cyan]{line}[/]  {tail}")
    if report.trends:
        out.print("\n[bold]" + _("Self-tests") + "[/]")
        for t in report.trends:
            values = [v for _day, v in t.points]
            shown = ", ".join("-" if v is None else result_text(v, t.test_id) for v in values)
            part = f" ({t.part})" if t.part else ""
            out.print(f"  {_(t.name)}{part}: [cyan]{sparkline(values)}[/] {shown}: {t.label}")
    out.print("\n[bold]" + _("Runs after foot work") + "[/]")
    out.print(f"  {console.said(report.runs.message)}")
    render_decisions(report.decisions, "\n" + _("Recent decisions"))
