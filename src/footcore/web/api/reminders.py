"""``/api/v1`` for the reminders people choose and the browsers that receive them by Web
Push (docs/web.md, "Reminders"). Every route calls one service."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Request
from pydantic import BaseModel, ConfigDict, Field

from footcore.web.api.models import ERROR_RESPONSES, Number
from footcore.web.deps import AthleteDep, ServicesDep
from footcore.web.routing import GuardedRouter

router = GuardedRouter(
    prefix="/api/v1",
    responses={s: ERROR_RESPONSES[s] for s in (400, 409, 422)},
)

#: A time of day, ``HH:MM`` (00:00-23:59).
Clock = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class RemindersIn(BaseModel):
    """How to be reminded: ``session`` (at each planned session's slot time), ``daily`` (once
    a day at ``daily_at``) or ``never``; quiet hours (both or neither; may run past
    midnight) hold back any push inside them. A daily time inside the quiet hours is 422."""

    model_config = ConfigDict(extra="forbid")
    mode: Literal["session", "daily", "never"]
    daily_at: Clock | None = None
    quiet_from: Clock | None = None
    quiet_until: Clock | None = None


class RemindersOut(BaseModel):
    mode: Literal["session", "daily", "never"]
    daily_at: str
    quiet_from: str | None
    quiet_until: str | None
    public_key: str = Field(description="The VAPID public key (base64url) to subscribe with")
    devices: int = Field(description="Browsers subscribed to this athlete's reminders")


class KeysIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    p256dh: str = Field(
        pattern=r"^B[A-Za-z0-9_-]{86}=?$",
        description="The browser's P-256 public key, uncompressed (base64url)",
    )
    auth: str = Field(
        pattern=r"^[A-Za-z0-9_-]{22}(==)?$", description="The 16-byte auth secret (base64url)"
    )


class SubscriptionIn(BaseModel):
    """A browser's push subscription, as ``PushSubscription.toJSON()`` gives it."""

    model_config = ConfigDict(extra="forbid")
    endpoint: str = Field(
        min_length=9,
        max_length=1000,
        pattern=r"^https?://\S+$",
        description="The push service's https address for this browser",
    )
    keys: KeysIn
    expirationTime: Number | None = None  # the browser's own name


class SubscribedOut(BaseModel):
    new: bool = Field(description="False when this browser was subscribed already")
    devices: int


class EndpointIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    endpoint: str = Field(min_length=1, max_length=1000)


class RemovedOut(BaseModel):
    removed: int


class SentOut(BaseModel):
    reminders: int
    pushes: int
    removed: int
    failures: list[str]


@router.get(
    "/reminders",
    response_model=RemindersOut,
    tags=["reminders"],
    summary="How you chose to be reminded",
)
def get_reminders(services: ServicesDep, athlete_id: AthleteDep) -> RemindersOut:
    return RemindersOut(**services.reminders.settings(athlete_id).to_dict())


@router.put(
    "/reminders", response_model=RemindersOut, tags=["reminders"], summary="Choose reminders"
)
def put_reminders(body: RemindersIn, services: ServicesDep, athlete_id: AthleteDep) -> RemindersOut:
    view = services.reminders.choose(
        athlete_id, body.mode, body.daily_at, body.quiet_from, body.quiet_until
    )
    return RemindersOut(**view.to_dict())


@router.post(
    "/push/subscriptions",
    response_model=SubscribedOut,
    tags=["reminders"],
    summary="Subscribe this browser to your reminders",
)
def subscribe(
    body: SubscriptionIn, request: Request, services: ServicesDep, athlete_id: AthleteDep
) -> SubscribedOut:
    """One subscription per browser: sending it again changes nothing; a browser someone
    else had subscribed becomes yours. The endpoint must be a push service's address."""
    device = request.headers.get("user-agent", "")
    new = services.reminders.subscribe(
        athlete_id, body.endpoint, body.keys.p256dh, body.keys.auth, device
    )
    return SubscribedOut(new=new, devices=services.reminders.settings(athlete_id).devices)


@router.post(
    "/push/unsubscribe",
    response_model=RemovedOut,
    tags=["reminders"],
    summary="Stop reminders on this browser",
)
def unsubscribe(body: EndpointIn, services: ServicesDep, athlete_id: AthleteDep) -> RemovedOut:
    return RemovedOut(removed=services.reminders.unsubscribe(athlete_id, body.endpoint))


@router.post(
    "/push/test",
    response_model=SentOut,
    tags=["reminders"],
    summary="Send a test reminder to your browsers now",
)
def send_test(request: Request, services: ServicesDep, athlete_id: AthleteDep) -> SentOut:
    """409 when the server has no push contact (``FOOTCORE_PUSH_CONTACT``) or you have no
    subscribed browser."""
    contact = request.app.state.settings.push_contact
    return SentOut(**services.reminders.send_test(athlete_id, contact).to_dict())
