"""``footcore reminders``: the runner that sends the reminders people chose in Settings
(run it from cron every few minutes: ``footcore reminders send``), and a look at what is
set up."""

from __future__ import annotations

import typer

from footcore.cli import console
from footcore.cli.console import _, ngettext
from footcore.cli.options import AthleteOpt, JsonOpt
from footcore.cli.stored import open_app
from footcore.config import Settings


def register(app: typer.Typer) -> None:
    reminders = typer.Typer(
        name="reminders",
        help="Reminders by Web Push (chosen in the web app's Settings).",
        no_args_is_help=True,
    )
    reminders.command("send")(send)
    reminders.command("status")(status)
    app.add_typer(reminders)


def send(as_json: JsonOpt = False) -> None:
    """Send every reminder due now to the browsers that subscribed (run it from cron every
    5 minutes). Needs FOOTCORE_PUSH_CONTACT. A reminder goes out once, at most an hour late;
    a browser the push service calls gone (404, 410) is forgotten."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.bootstrap import bootstrap  # noqa: PLC0415

    settings = Settings.from_env()
    with bootstrap(settings) as app:
        report = app.services.reminders.send_due(settings.push_contact)
    if as_json:
        console.print_json(report.to_dict())
    else:
        parts = (
            ngettext("%(n)s reminder due", "%(n)s reminders due", report.reminders),
            ngettext("%(n)s push delivered", "%(n)s pushes delivered", report.pushes),
            ngettext(
                "%(n)s expired subscription removed",
                "%(n)s expired subscriptions removed",
                report.removed,
            ),
        )
        counts = (report.reminders, report.pushes, report.removed)
        said = ", ".join(part % {"n": n} for part, n in zip(parts, counts, strict=True))
        console.out.print(said, highlight=False)
        for failure in report.failures:
            console.out.print(
                _("  not delivered: %(why)s") % {"why": failure}, markup=False, highlight=False
            )
    if report.failures:
        raise typer.Exit(1)


def status(athlete: AthleteOpt = None, as_json: JsonOpt = False) -> None:
    """How you chose to be reminded, how many browsers are subscribed, and what is due now."""
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        view = app.services.reminders.settings(athlete_id)
        due = app.services.reminders.due(athlete_id)
    data = view.to_dict()
    data["due_now"] = [{"key": r.key, "title": r.title, "url": r.url} for r in due]
    if as_json:
        console.print_json(data)
        return
    s = view.settings
    how = {
        "session": _("at each planned session's time"),
        "daily": _("once a day at %(time)s") % {"time": data["daily_at"]},
        "never": _("never"),
    }[s.mode.value]
    quiet = ""
    if s.quiet_from:
        times = {"start": data["quiet_from"], "end": data["quiet_until"]}
        quiet = _(", quiet %(start)s-%(end)s") % times
    browsers = ngettext("%(n)s browser subscribed", "%(n)s browsers subscribed", view.devices) % {
        "n": view.devices
    }
    said = _("Reminders: %(how)s%(quiet)s; %(browsers)s.")
    console.out.print(said % {"how": how, "quiet": quiet, "browsers": browsers}, highlight=False)
    for r in due:
        console.out.print(
            _("  due now: %(title)s (%(url)s)") % {"title": console.said(r.title), "url": r.url},
            markup=False,
            highlight=False,
        )
