"""A plan day in the terminal: the one rendering that `footcore today` uses, from a profile
(:mod:`footcore.cli.plan_cmds`) and from the stored programme (:mod:`footcore.cli.session_cmds`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from footcore.domain.planning import Day, PlanItem


def dose_text(item: PlanItem) -> str:
    """The item's dose, in the words footcore uses everywhere (``domain.wording``)."""
    from footcore.domain.wording import item_dose_text

    return item_dose_text(item)


def print_day(day: Day, marks: Mapping[str, str] | None = None) -> None:
    """A day's sessions with each item's dose and why, the all-day walking and the notes.

    The one rendering of a plan day in the terminal: `today --profile` and the stored
    `today` both use it. ``marks`` adds a note after a slot's heading (e.g. "done").
    """
    from footcore.cli.console import out
    from footcore.domain.wording import why_text

    marks = marks or {}
    if not day.sessions and day.walking is None:
        out.print("No foot work today: a rest day for the feet.")
    for session in day.sessions:
        out.print()
        mark = marks.get(str(session.slot), "")
        out.print(f"[bold]{session.slot}[/] ({session.minutes:.1f} min){mark}", highlight=False)
        for n, item in enumerate(session.items, start=1):
            out.print(f"  {n}. [bold]{item.name}[/]  {dose_text(item)}", highlight=False)
            out.print(f"     [dim]why:[/] {why_text(item.why)}", highlight=False)
    if day.walking is not None:
        out.print()
        out.print(
            f"[bold]all day[/]  {day.walking.name}  {dose_text(day.walking)}", highlight=False
        )
        out.print(f"     [dim]why:[/] {why_text(day.walking.why)}", highlight=False)
    for note in day.notes:
        out.print(f"[dim]{note}[/]", highlight=False)
