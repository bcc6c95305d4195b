"""Plain HTML forms <-> footcore's mappings: the profile form (onboarding and settings),
the self-test entry form and the run form.

Forms post ordinary ``application/x-www-form-urlencoded`` fields, so every page works
without JavaScript. Each reader returns the mapping the services take plus the problems it
found itself (a number that is not a number); the services then check the rest and report
their own problems with the same ``where`` names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.datastructures import FormData

from footcore import i18n
from footcore.domain.assessments import TESTS
from footcore.domain.errors import Problem, ValidationError
from footcore.domain.profile import parse_profile
from footcore.domain.vocab import Slot, Weekday
from footcore.i18n import N_
from footcore.web.units import Units

#: Readable names for problem locations (the first part of ``where``).
FIELD_NAMES = {
    "name": N_("Name"),
    "age": N_("Age"),
    "sex": N_("Sex"),
    "goals": N_("Goals"),
    "equipment": N_("Equipment"),
    "minutes_per_day": N_("Minutes a day"),
    "slots": N_("When in the day"),
    "slot_times": N_("Times of day"),
    "cramp_prone": N_("Cramps"),
    "pain": N_("Pain"),
    "running": N_("Running week"),
    "units": N_("Units"),
    "time_zone": N_("Time zone"),
    "date": N_("Date"),
    "km": N_("Distance"),
    "distance": N_("Distance"),
    "minutes": N_("Minutes"),
    "kind": N_("Kind of run"),
    "felt": N_("How it felt"),
    "results": N_("Results"),
    # the coach's forms and the account forms
    "code": N_("Invite code"),
    "text": N_("Template"),
    "toml": N_("Exercise file"),
    "exercise": N_("Exercise"),
    "slug": N_("Slug"),
    "description": N_("Description"),
    "level": N_("Level"),
    "sessions": N_("Sessions"),
    "template_id": N_("Template"),
    "starts_on": N_("From"),
    "role": N_("Role"),
    "confirm": N_("Confirmation"),
    "email": N_("Email"),
    "password": N_("Password"),
    "password_again": N_("Password again"),
    "current_password": N_("Current password"),
    "new_password": N_("New password"),
    "new_password_again": N_("New password again"),
    "token": N_("Reset token"),
    "account": N_("Account"),
    "athlete": N_("Training data"),
}


#: Names for deeper places, by their path without list positions.
PLACE_NAMES = {
    "running.days": N_("Running days"),
    "running.long_run_day": N_("Long-run day"),
    "running.hard_days": N_("Hard run days"),
    "running.weekly_km": N_("Distance a week"),
    "pain.nrs": N_("Pain"),
    "pain.site": N_("Where it hurts"),
}


def field_name(where: str) -> str:
    """What a problem is about, in the form's words: ``results.heel_raise_reps.left`` is
    "Heel raise, left foot", ``running.long_run_day`` "Long-run day"."""
    parts = [p.split("[", 1)[0] for p in where.split(".")]
    head = parts[0]
    if head == "results" and len(parts) > 1 and parts[1] in TESTS:
        name = TESTS[parts[1]].label
        side = parts[2] if len(parts) > 2 else ""
        return f"{name}, {side} foot" if side in ("left", "right") else name
    if head == "slot_times" and len(parts) > 1 and parts[1] in Slot.slugs():
        return f"Time of the {parts[1].replace('-', ' ')} session"
    for depth in (2, 1):
        path = ".".join(parts[:depth])
        if path in PLACE_NAMES:
            return i18n.gettext(PLACE_NAMES[path])
    if head in FIELD_NAMES:
        return i18n.gettext(FIELD_NAMES[head])
    return head.replace("_", " ").capitalize() if head else i18n.gettext("Form")


def with_checked(found: list[Problem], check: Callable[[], object]) -> list[Problem]:
    """The form's own problems and, in the same round, every problem ``check`` (the
    domain's validation of what the form did read) finds; one per place, the form's own
    first. A form then lists everything to fix at once, never in rounds."""
    try:
        check()
    except ValidationError as exc:
        more = list(exc.problems)
    else:
        more = []
    seen = {p.where for p in found}
    return [*found, *(p for p in more if p.where not in seen)]


def _number(
    form: FormData, key: str, where: str, problems: list[Problem], *, whole: bool = False
) -> float | int | None:
    raw = str(form.get(key, "")).strip().replace(",", ".")
    if raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        problems.append(Problem(where, f"must be a number, got {raw!r}"))
        return None
    if whole:
        if not value.is_integer():
            problems.append(Problem(where, f"must be a whole number, got {raw!r}"))
            return None
        return int(value)
    return value


def profile_from_form(form: FormData) -> tuple[dict[str, Any], list[Problem]]:
    """The profile mapping a profile form describes."""
    problems: list[Problem] = []
    units = Units("imperial" if form.get("units") == "imperial" else "metric")
    data: dict[str, Any] = {
        "name": str(form.get("name", "")).strip(),
        "sex": str(form.get("sex") or "unspecified"),
        "goals": form.getlist("goals"),
        "equipment": form.getlist("equipment"),
        "slots": form.getlist("slots"),
        "cramp_prone": form.get("cramp_prone") == "true",
        "units": units.system,
    }
    age = _number(form, "age", "age", problems, whole=True)
    if age is None and not problems:
        problems.append(Problem("age", "is required"))
    if age is not None:
        data["age"] = age
    minutes = _number(form, "minutes_per_day", "minutes_per_day", problems, whole=True)
    if minutes is not None:
        data["minutes_per_day"] = minutes
    times = {s.value: str(form.get(f"time_{s.value}", "")).strip() for s in Slot}
    chosen = {s: t for s, t in times.items() if t and s in data["slots"]}
    if chosen:
        data["slot_times"] = chosen
    zone = str(form.get("time_zone", "")).strip()
    if zone:
        data["time_zone"] = zone
    nrs = _number(form, "pain_nrs", "pain.nrs", problems, whole=True)
    site = str(form.get("pain_site", "")).strip()
    if nrs is not None and (nrs > 0 or site):
        data["pain"] = {"nrs": nrs, **({"site": site} if site else {})}
    elif site:
        problems.append(Problem("pain.nrs", "give the pain (0-10) for the place you chose"))
    days = form.getlist("run_days")
    if days:
        running: dict[str, Any] = {"days": days}
        long_day = str(form.get("long_run_day", "")).strip()
        if long_day:
            running["long_run_day"] = long_day
        hard = form.getlist("hard_days")
        if hard:
            running["hard_days"] = hard
        distance = _number(form, "weekly_distance", "running.weekly_km", problems)
        if distance is not None:
            running["weekly_km"] = round(units.store(distance, "km"), 1)
        data["running"] = running
    if problems:  # the profile's own rules too, so that everything shows in one round
        problems = with_checked(problems, lambda: parse_profile(data))
    return data, problems


def form_values(profile: Mapping[str, Any]) -> dict[str, Any]:
    """What a profile form shows for a stored (or half-typed) profile."""
    units = Units.of(dict(profile))
    running = profile.get("running") or {}
    pain = profile.get("pain") or {}
    km = running.get("weekly_km")
    return {
        "name": profile.get("name", ""),
        "age": profile.get("age", ""),
        "sex": profile.get("sex", "unspecified"),
        "goals": list(profile.get("goals", ["general"])),
        "equipment": list(profile.get("equipment", [])),
        "minutes_per_day": profile.get("minutes_per_day", 10),
        "slots": list(profile.get("slots", [s.value for s in Slot])),
        "slot_times": dict(profile.get("slot_times") or {}),
        "cramp_prone": bool(profile.get("cramp_prone", False)),
        "pain_nrs": pain.get("nrs", 0),
        "pain_site": pain.get("site", ""),
        "run_days": list(running.get("days", [])),
        "long_run_day": running.get("long_run_day", ""),
        "hard_days": list(running.get("hard_days", [])),
        "weekly_distance": "" if km is None else units.show(km, "km"),
        "units": units.system,
        "time_zone": profile.get("time_zone") or "",
    }


WEEKDAYS = list(Weekday)


async def _read_form(request: Request) -> FormData:
    return await request.form()


# The submitted form, read before the route runs. Routes that take it stay synchronous, so
# their database work and password hashing run in the thread pool, never on the event loop.
FormDep = Annotated[FormData, Depends(_read_form)]
