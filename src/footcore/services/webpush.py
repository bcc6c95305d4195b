"""Web Push for the reminders: the VAPID key pair and sending one encrypted message.

The key pair (ECDSA on P-256, RFC 8292) is made with ``cryptography`` the first time it is
needed and kept like the secret key: in the database (``app_secrets``), never in a file of
the repository, the environment or a log. Its public half, base64url, is what browsers
subscribe with (``applicationServerKey``); changing it would orphan every subscription.

:func:`send` encrypts the payload for the subscription (RFC 8291, ``aes128gcm``), signs the
VAPID JWT, and posts it with pywebpush. The push service's answer says what happened:
2xx delivered, 404 or 410 the subscription is gone for good, anything else a failure that
leaves the subscription in place.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

#: The ``app_secrets`` key of the VAPID private key (PKCS #8 PEM).
VAPID_KEY = "vapid_private_key"

#: Seconds a push service keeps a reminder for a device that is offline (the reminder is
#: worth little after its hour has passed: footcore.domain.reminders.LATE_LIMIT).
TTL_SECONDS = 3600

#: Seconds to wait for a push service's answer.
TIMEOUT_SECONDS = 10.0

#: Statuses that mean the subscription will never work again.
GONE = frozenset({404, 410})


class Target(Protocol):
    """Where a push goes: the subscription's endpoint and keys (base64url)."""

    @property
    def endpoint(self) -> str: ...
    @property
    def p256dh(self) -> str: ...
    @property
    def auth(self) -> str: ...


@dataclass(frozen=True)
class Outcome:
    """The push service's answer: its status (None when it could not be reached) and, for a
    failure, the reason in a few words."""

    status: int | None
    reason: str = ""

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def gone(self) -> bool:
        return self.status in GONE


class Sender(Protocol):
    def __call__(
        self, target: Target, payload: Mapping[str, Any], private_pem: str, contact: str
    ) -> Outcome: ...


def new_private_key() -> str:
    """A new VAPID private key as PKCS #8 PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")


def public_key(private_pem: str) -> str:
    """The public key browsers subscribe with: the uncompressed point, base64url."""
    key = serialization.load_pem_private_key(private_pem.encode("ascii"), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    raw = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(raw)


def is_public_key(raw: bytes) -> bool:
    """Whether ``raw`` is an uncompressed point of P-256 (a browser's ``p256dh``)."""
    if len(raw) != 65 or raw[0] != 4:
        return False
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError:
        return False
    return True


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Bytes from base64url with or without padding; ValueError when it is not."""
    cleaned = text.strip()
    if not cleaned or any(c not in _B64URL for c in cleaned.rstrip("=")):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(cleaned.rstrip("=") + "=" * (-len(cleaned.rstrip("=")) % 4))


_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def send(target: Target, payload: Mapping[str, Any], private_pem: str, contact: str) -> Outcome:
    """Encrypt ``payload`` (as JSON) for ``target`` and post it, signed with the VAPID key;
    ``contact`` (``mailto:`` or ``https:``) goes in the JWT's ``sub`` claim."""
    info = {"endpoint": target.endpoint, "keys": {"p256dh": target.p256dh, "auth": target.auth}}
    try:
        response = webpush(
            subscription_info=info,
            data=json.dumps(dict(payload), ensure_ascii=False),
            vapid_private_key=Vapid.from_pem(private_pem.encode("ascii")),
            vapid_claims={"sub": contact},
            ttl=TTL_SECONDS,
            timeout=TIMEOUT_SECONDS,
            headers={"Urgency": "normal"},
        )
    except WebPushException as exc:
        if exc.response is not None:
            return Outcome(exc.response.status_code, exc.response.reason or "")
        return Outcome(None, _first_line(str(exc)))
    except requests.RequestException as exc:
        return Outcome(None, _first_line(str(exc)) or type(exc).__name__)
    status = getattr(response, "status_code", None)
    return Outcome(status if isinstance(status, int) else None)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else ""
