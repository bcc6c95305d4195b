"""Security headers on every response (pages, API, static files, errors)."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from footcore.config import is_loopback, split_host

#: Scripts and styles only from footcore itself (no inline script); images may be data: URIs
#: (the API docs' stylesheet uses a few); nobody may frame a page.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "same-origin"),
    ("x-content-type-options", "nosniff"),
    ("cross-origin-opener-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()"),
)


class SecurityHeadersMiddleware:
    """Adds :data:`SECURITY_HEADERS` to each HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS:
                    key = name.encode("latin-1")
                    if key not in present:
                        headers.append((key, value.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- one-person mode: its own address only ---------------------------------------------------
#
# A one-person server needs no sign-in: whoever reaches it acts as its athlete. A page on a
# domain that re-binds its DNS name to 127.0.0.1 ("DNS rebinding") is same-origin with such a
# server in the browser, so the address alone is no protection: the server must check the
# name the browser asked for (``Host``) and where an unsafe request came from (``Origin``).


def _default_port(scheme: str) -> int:
    return 443 if scheme in ("https", "wss") else 80


def host_allowed(
    host: str | None, *, scheme: str, server_port: int | None, extra: tuple[str, ...] = ()
) -> bool:
    """Whether a one-person server answers a request that names ``host`` (the ``Host``
    header): a loopback name or address (``127.0.0.1``, ``localhost``, ``[::1]``) with the
    port the server listens on (``server_port``; None when unknown, a Unix socket), or an
    entry of ``extra`` (``FOOTCORE_ALLOWED_HOSTS``: ``name`` for any port, ``name:port``)."""
    if not host:
        return False
    try:
        name, port = split_host(host)
    except ValueError:
        return False
    port = port if port is not None else _default_port(scheme)
    if is_loopback(name) and (server_port is None or port == server_port):
        return True
    for entry in extra:
        allowed_name, allowed_port = split_host(entry)
        if allowed_name == name and allowed_port in (None, port):
            return True
    return False


def same_origin(origin: str, *, host: str, scheme: str) -> bool:
    """Whether ``origin`` (an ``Origin`` header) is the server's own: the scheme the request
    came over and the name and port the request was sent to (``host``, already allowed by
    :func:`host_allowed`). ``null`` (a sandboxed frame, a redirect across sites) never is."""
    try:
        parts = urlsplit(origin.strip())
        origin_name, origin_port = parts.hostname, parts.port
        name, port = split_host(host)
    except ValueError:
        return False
    if parts.scheme != scheme or not origin_name:
        return False
    origin_port = origin_port if origin_port is not None else _default_port(parts.scheme)
    port = port if port is not None else _default_port(scheme)
    return origin_name.rstrip(".").lower() == name and origin_port == port
