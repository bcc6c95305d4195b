"""A plan day in the terminal: the one rendering that `footcore today` uses, from a profile
(:mod:`footcore.cli.commands.plan`) and from the stored programme (``footcore today``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from footcore.cli.console import _, decimal, dose_words, exercise_name, out, plan_text, term
from footcore.domain.wording import item_dose_text, why_text

if TYPE_CHECKING:
    from footcore.domain.planning import Day


def print_day(day: Day, marks: Mapping[str, str] | None = None) -> None:
    """A day's sessions with each item's dose and why, the all-day walking and the notes.

    The one rendering of a plan day in the terminal: `today --profile` and the stored
    `today` both use it. ``marks`` adds a note after a slot's heading (e.g. "done").
    Names, doses and words are in the language chosen (:mod:`footcore.cli.console`).
    """
    marks = marks or {}
    words = dose_words()
    why = _("why:")
    if not day.sessions and day.walking is None:
        out.print(_("No foot work today: a rest day for the feet."))
    for session in day.sessions:
        out.print()
        mark = marks.get(str(session.slot), "")
        slot, minutes = term(str(session.slot)), decimal(session.minutes)
        out.print(f"[bold]{slot}[/] ({minutes} min){mark}", highlight=False)
        for n, item in enumerate(session.items, start=1):
            name = exercise_name(item.exercise, item.name)
            dose = item_dose_text(item, words=words)
            out.print(f"  {n}. [bold]{name}[/]  {dose}", highlight=False)
            out.print(f"     [dim]{why}[/] {plan_text(why_text(item.why))}", highlight=False)
    if day.walking is not None:
        out.print()
        walking = exercise_name(day.walking.exercise, day.walking.name)
        all_day, dose = _("all day"), item_dose_text(day.walking, words=words)
        out.print(f"[bold]{all_day}[/]  {walking}  {dose}", highlight=False)
        out.print(f"     [dim]{why}[/] {plan_text(why_text(day.walking.why))}", highlight=False)
    for note in day.notes:
        out.print(f"[dim]{plan_text(note)}[/]", highlight=False)
