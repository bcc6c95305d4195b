"""Settings: the profile (goals, equipment, slots with their times of day, running week,
pain, cramps) and units, every save a new profile version; and the reminders (how, quiet
hours), whose form posts to ``/settings/reminders``."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from footcore.domain.errors import Problem, ValidationError
from footcore.i18n import gettext as _
from footcore.web.athlete import profile_of
from footcore.web.deps import PageAthleteDep, ServicesDep
from footcore.web.forms import FormDep, form_values, profile_from_form
from footcore.web.nav import NavItem
from footcore.web.pages.common import vocab
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)
NAV = NavItem("settings", "Settings", "/settings", athlete=True)


def reminder_fields() -> dict[str, str]:
    """The reminder form's fields, as its problems name them, in the page's language."""
    return {
        "mode": _("Remind me"),
        "daily_at": _("Time of the daily reminder"),
        "quiet_from": _("Quiet from"),
        "quiet_until": _("Quiet until"),
    }


def push_words() -> dict[str, str]:
    """What static/js/push.js writes, in the page's language (``{reason}`` is filled in by
    the script)."""
    return {
        "unsupported": _(
            "This browser cannot show footcore's notifications here (it needs Web Push, and a "
            "secure address: https or this computer). The calendar feed on the Programme page "
            "can remind you instead."
        ),
        "blocked": _("Notifications are blocked for footcore in this browser's settings."),
        "on": _("Notifications are on for this device."),
        "off": _("Notifications are off for this device."),
        "not_allowed": _("Notifications were not allowed."),
        "on_failed": _("Could not turn notifications on: {reason}"),
        "off_failed": _("Could not turn notifications off: {reason}"),
        "sent": _("Sent: the test reminder should appear in a moment."),
        "not_delivered": _("Not delivered: {reason}"),
        "no_answer": _("no device answered"),
        "test_failed": _("Could not send a test reminder: {reason}"),
        "no_worker": _(
            "The service worker is not running, so notifications cannot be set up here."
        ),
    }


def _page(
    request: Request,
    values: dict[str, Any],
    problems: list[Problem],
    version: int,
    status: int = 200,
    *,
    reminders: dict[str, Any],
    reminder_problems: list[Problem] | None = None,
) -> HTMLResponse:
    context = {
        "r": reminders,
        "reminder_problems": reminder_problems or [],
        "reminder_fields": reminder_fields(),
        "push_words": push_words(),
        "reminders_saved": request.query_params.get("reminders") == "saved",
        "v": form_values(values),
        "vocab": vocab(),
        "problems": problems,
        "version": version,
        "saved": request.query_params.get("saved") == "1",
        "title": "Settings",
    }
    return render(request, "athlete/settings.html", context, status_code=status)


@router.get("/settings", response_class=HTMLResponse)
def settings_page(request: Request, services: ServicesDep, athlete_id: PageAthleteDep) -> Response:
    view = services.programmes.athlete(athlete_id)
    reminders = services.reminders.settings(athlete_id).to_dict()
    return _page(request, dict(view.profile), [], view.profile_version, reminders=reminders)


@router.post("/settings", response_model=None)
def settings_post(
    request: Request,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    form: FormDep,
) -> Response:
    data, problems = profile_from_form(form)
    if not problems:
        try:
            services.update_profile(athlete_id, data)
        except ValidationError as exc:
            problems = list(exc.problems)
        else:
            return RedirectResponse("/settings?saved=1", 303)
    version = services.programmes.athlete(athlete_id).profile_version
    reminders = services.reminders.settings(athlete_id).to_dict()
    return _page(request, data, problems, version, status=422, reminders=reminders)


@router.post("/settings/reminders", response_model=None)
def reminders_post(
    request: Request,
    services: ServicesDep,
    athlete_id: PageAthleteDep,
    form: FormDep,
) -> Response:
    fields = {name: str(form.get(name) or "") for name in reminder_fields()}
    try:
        services.reminders.choose(
            athlete_id,
            fields["mode"] or "never",
            fields["daily_at"],
            fields["quiet_from"],
            fields["quiet_until"],
        )
    except ValidationError as exc:
        view = services.programmes.athlete(athlete_id)
        shown = services.reminders.settings(athlete_id).to_dict() | {
            k: v for k, v in fields.items() if v
        }
        return _page(
            request,
            dict(view.profile),
            [],
            view.profile_version,
            status=422,
            reminders=shown,
            reminder_problems=list(exc.problems),
        )
    return RedirectResponse("/settings?reminders=saved#reminders", 303)


__all__ = ["profile_of"]
