"""Reminders people choose, sent by Web Push (docs/web.md, "Reminders").

Use cases, one transaction each, through the unit of work's ``push`` repositories (no
table class or SQL here):

- :meth:`ReminderService.settings` / :meth:`choose`: how the athlete wants to be reminded
  (per session, once a day, never) and their quiet hours;
- :meth:`subscribe` / :meth:`unsubscribe`: a browser (device) that agreed to receive pushes;
- :meth:`public_key`: the VAPID public key browsers subscribe with (the key pair is made on
  first use and kept in ``app_secrets``, like the secret key);
- :meth:`send_due`: the runner's step (``footcore reminders send``, from cron): for every
  athlete with reminders on and a subscribed browser, ask the domain which reminders are
  due now (:func:`footcore.domain.reminders.due_reminders`), record each one once, and push
  it to each of the athlete's browsers. A push service answering 404 or 410 means the
  subscription is gone: it is deleted.
"""

from __future__ import annotations

import ipaddress
import urllib.parse
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from footcore.domain.errors import ConflictError, FootcoreError, Problem, ValidationError
from footcore.domain.profile import parse_profile
from footcore.domain.reminders import (
    PlannedSession,
    Reminder,
    ReminderSettings,
    Subscription,
    due_reminders,
    make_settings,
)
from footcore.domain.vocab import Slot
from footcore.services import webpush
from footcore.services.context import Context, require_athlete
from footcore.services.exports import machine_time_zone
from footcore.services.programmes import ProgrammeService

#: Longest endpoint kept (push services use well under 500 characters).
MAX_ENDPOINT = 1000
#: Longest device description kept (from the browser's User-Agent).
MAX_DEVICE = 200


@dataclass(frozen=True)
class ReminderView:
    """The athlete's choice, the VAPID public key and how many browsers are subscribed."""

    settings: ReminderSettings
    public_key: str
    devices: int

    def to_dict(self) -> dict[str, Any]:
        s = self.settings
        return {
            "mode": s.mode.value,
            "daily_at": s.daily_at.strftime("%H:%M"),
            "quiet_from": s.quiet_from.strftime("%H:%M") if s.quiet_from else None,
            "quiet_until": s.quiet_until.strftime("%H:%M") if s.quiet_until else None,
            "public_key": self.public_key,
            "devices": self.devices,
        }


@dataclass
class SendReport:
    """What one run of the runner did."""

    reminders: int = 0
    pushes: int = 0
    removed: int = 0
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reminders": self.reminders,
            "pushes": self.pushes,
            "removed": self.removed,
            "failures": list(self.failures),
        }


class ReminderService:
    """``sender`` sends one push (tests may pass their own); ``allow_loopback_endpoints``
    lets a push endpoint on this machine be subscribed (only the test suite's own push
    service needs it: in use, an endpoint is a push service's https address)."""

    def __init__(self, ctx: Context, sender: webpush.Sender = webpush.send) -> None:
        self.ctx = ctx
        self.sender = sender
        self.allow_loopback_endpoints = False

    # -- the athlete's choice ---------------------------------------------------------------

    def settings(self, athlete_id: int) -> ReminderView:
        key = self.public_key()
        with self.ctx.uow(read_only=True) as uow:
            require_athlete(uow, athlete_id)
            chosen = uow.push.settings(athlete_id) or ReminderSettings()
            devices = len(uow.push.subscriptions(athlete_id))
        return ReminderView(chosen, key, devices)

    def choose(
        self,
        athlete_id: int,
        mode: str,
        daily_at: str | None = None,
        quiet_from: str | None = None,
        quiet_until: str | None = None,
    ) -> ReminderView:
        """Store the athlete's choice; every problem with it is named at once."""
        chosen = make_settings(mode, daily_at, quiet_from, quiet_until)
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            uow.push.save_settings(athlete_id, chosen, self.ctx.now())
        return self.settings(athlete_id)

    # -- browsers ------------------------------------------------------------------------------

    def public_key(self) -> str:
        """The VAPID public key (base64url), the key pair made on first use."""
        return webpush.public_key(self._private_key())

    def subscribe(
        self, athlete_id: int, endpoint: str, p256dh: str, auth: str, device: str = ""
    ) -> bool:
        """Keep a browser's subscription; True when it is new for the athlete."""
        self._check_subscription(endpoint, p256dh, auth)
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            return uow.push.subscribe(
                athlete_id,
                endpoint=endpoint.strip(),
                p256dh=p256dh.strip(),
                auth=auth.strip(),
                device=" ".join(device.split())[:MAX_DEVICE],
                now=self.ctx.now(),
            )

    def unsubscribe(self, athlete_id: int, endpoint: str) -> int:
        """Forget the athlete's subscription at ``endpoint``: how many (0 or 1)."""
        with self.ctx.uow() as uow:
            require_athlete(uow, athlete_id)
            return uow.push.unsubscribe(athlete_id, endpoint.strip())

    def subscriptions(self, athlete_id: int) -> list[Subscription]:
        with self.ctx.uow(read_only=True) as uow:
            return uow.push.subscriptions(athlete_id)

    # -- the runner ----------------------------------------------------------------------------

    def send_due(self, contact: str | None) -> SendReport:
        """Send every reminder due now to every subscribed browser of its athlete.
        ``contact`` is the VAPID ``sub`` claim (``FOOTCORE_PUSH_CONTACT``)."""
        if not contact:
            raise FootcoreError(
                "set FOOTCORE_PUSH_CONTACT to a mailto: address or an https: address where the "
                "push services can reach whoever runs this server (for example "
                "mailto:you@example.org); they refuse pushes without one"
            )
        private = self._private_key()
        report = SendReport()
        with self.ctx.uow(read_only=True) as uow:
            athletes = uow.push.to_remind()
        for athlete_id, chosen in athletes:
            try:
                due = self._due(athlete_id, chosen)
            except FootcoreError as exc:
                report.failures.append(f"athlete {athlete_id}: {exc}")
                continue
            for reminder in due:
                self._send(athlete_id, reminder, private, contact, report)
        return report

    def send_test(self, athlete_id: int, contact: str | None) -> SendReport:
        """A test push to each of the athlete's browsers now (recorded nowhere, sent even
        in quiet hours: the person asked for it)."""
        with self.ctx.uow(read_only=True) as uow:
            require_athlete(uow, athlete_id)
            has_browser = bool(uow.push.subscriptions(athlete_id))
        if not contact:
            raise ConflictError(
                "this server cannot send pushes yet: whoever runs it must set "
                "FOOTCORE_PUSH_CONTACT (docs/configuration.md)"
            )
        if not has_browser:
            raise ConflictError("no browser is subscribed: turn reminders on on this device first")
        stamp = self.ctx.now().strftime("%Y%m%dT%H%M%S")
        test = Reminder(
            key=f"test/{stamp}",
            due_at=self.ctx.now(),
            title="footcore reminders work",
            body="This is how a reminder will look on this device.",
            url="/settings#reminders",
        )
        report = SendReport()
        self._push(athlete_id, test, self._private_key(), contact, report)
        return report

    def due(self, athlete_id: int) -> list[Reminder]:
        """The reminders due now for the athlete (not sent, not recorded)."""
        with self.ctx.uow(read_only=True) as uow:
            chosen = uow.push.settings(athlete_id) or ReminderSettings()
        return self._due(athlete_id, chosen)

    def _due(self, athlete_id: int, chosen: ReminderSettings) -> list[Reminder]:
        programmes = ProgrammeService(self.ctx)
        profile = parse_profile(programmes.athlete(athlete_id).profile)
        zone = ZoneInfo(profile.time_zone or machine_time_zone())
        now = self.ctx.now()
        day = now.astimezone(zone).date()
        view = programmes.today(athlete_id, day)
        finished = {log.slot for log in view.logged if log.finished}
        catalogue = self.ctx.catalogue()
        sessions = [
            PlannedSession(
                slot=str(s["slot"]),
                at=profile.slot_time(Slot(str(s["slot"]))),
                minutes=float(s.get("minutes") or 0),
                exercises=tuple(_name(catalogue, str(i["exercise"])) for i in s.get("items", ())),
                done=str(s["slot"]) in finished,
            )
            for s in view.sessions
        ]
        with self.ctx.uow(read_only=True) as uow:
            sent = uow.push.sent_keys(athlete_id, day.isoformat())
        return due_reminders(day, sessions, chosen, zone=zone, now=now, sent=sent)

    def _send(
        self,
        athlete_id: int,
        reminder: Reminder,
        private: str,
        contact: str,
        report: SendReport,
    ) -> None:
        with self.ctx.uow() as uow:
            if not uow.push.claim(athlete_id, reminder.key, self.ctx.now()):
                return  # another runner has it
        self._push(athlete_id, reminder, private, contact, report)

    def _push(
        self,
        athlete_id: int,
        reminder: Reminder,
        private: str,
        contact: str,
        report: SendReport,
    ) -> None:
        with self.ctx.uow(read_only=True) as uow:
            targets = uow.push.subscriptions(athlete_id)
        report.reminders += 1
        payload = {
            "title": reminder.title,
            "body": reminder.body,
            "url": reminder.url,
            "tag": reminder.key,
        }
        delivered: list[int] = []
        gone: list[int] = []
        for target in targets:
            outcome = self.sender(target, payload, private, contact)
            if outcome.delivered:
                delivered.append(target.id)
            elif outcome.gone:
                gone.append(target.id)
            else:
                where = urllib.parse.urlsplit(target.endpoint).netloc
                status = outcome.status if outcome.status is not None else "no answer"
                report.failures.append(
                    f"athlete {athlete_id}, {reminder.key}: {where} answered {status}"
                    + (f" ({outcome.reason})" if outcome.reason else "")
                )
        with self.ctx.uow() as uow:
            uow.push.remove(gone)
            uow.push.delivered(delivered, self.ctx.now())
        report.pushes += len(delivered)
        report.removed += len(gone)

    # -- internals -----------------------------------------------------------------------------

    def _private_key(self) -> str:
        """The VAPID private key (PEM): read without a write lock once it exists; made and
        stored the first time (two processes at once agree on one)."""
        with self.ctx.uow(read_only=True) as uow:
            found = uow.accounts.secrets.get(webpush.VAPID_KEY)
        if found is not None:
            return found
        with self.ctx.uow() as uow:
            return uow.accounts.secrets.add_once(
                webpush.VAPID_KEY, webpush.new_private_key(), self.ctx.now()
            )

    def _check_subscription(self, endpoint: str, p256dh: str, auth: str) -> None:
        problems: list[Problem] = []
        reason = endpoint_problem(endpoint.strip(), loopback=self.allow_loopback_endpoints)
        if reason:
            problems.append(Problem("endpoint", reason))
        for where, value, size in (("keys.p256dh", p256dh, 65), ("keys.auth", auth, 16)):
            try:
                raw = webpush.b64url_decode(value)
            except ValueError:
                problems.append(Problem(where, "must be base64url"))
                continue
            if len(raw) != size or (size == 65 and not webpush.is_public_key(raw)):
                what = "an uncompressed P-256 public key" if size == 65 else "16 bytes"
                problems.append(Problem(where, f"must be {what} (base64url)"))
        if problems:
            raise ValidationError("subscription", problems)


def endpoint_problem(endpoint: str, *, loopback: bool = False) -> str | None:
    """Why ``endpoint`` cannot be a push service's address, or None. An endpoint is an
    https address of a named host: never an address on this machine or a private network
    (the server posts to it), except a loopback one when ``loopback`` (the tests)."""
    if len(endpoint) > MAX_ENDPOINT:
        return f"must be at most {MAX_ENDPOINT} characters"
    parts = urllib.parse.urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    try:
        address = ipaddress.ip_address(host) if host else None
    except ValueError:
        address = None
    if (
        loopback
        and parts.scheme in ("http", "https")
        and (host == "localhost" or (address is not None and address.is_loopback))
    ):
        return None
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return "must be the https address the browser's push service gave"
    if address is not None or host == "localhost" or "." not in host:
        return "must name a push service by its host name"
    return None


def _name(catalogue: Any, slug: str) -> str:
    try:
        return str(catalogue.get(slug).name)
    except (KeyError, FootcoreError):
        return slug.replace("-", " ").capitalize()
