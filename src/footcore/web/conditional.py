"""Conditional requests and precompressed answers for the read-only JSON of the exercise
catalogue and the self-tests (``GET /api/v1/exercises[/{slug}]``, ``/api/v1/self-tests[/{id}]``).

An answer is kept as a :class:`Representation`: its JSON bytes, the same bytes gzipped once,
and a strong entity tag derived from the bytes (so the tag changes exactly when the answer
does: a coach's own exercises in the catalogue give another tag). Each request then costs a
header comparison and a send:

- ``If-None-Match`` naming the current tag (weak comparison, as RFC 9110 13.1.2 asks, or
  ``*``) answers **304 Not Modified** with no body;
- a client that accepts gzip gets the gzipped bytes (``Content-Encoding: gzip``) under the
  tag with ``-gzip`` appended, the other clients the JSON itself: two representations, two
  strong tags. Either tag revalidates the answer whatever the request accepts now (as
  Apache and nginx do), and the 304 names the tag of the representation this request
  would have got.

Cache policy (stated by every answer and every 304): ``no-cache`` (a client may keep the
answer but must revalidate it before each use: an upgrade or a coach's exercise changes it,
and a revalidation costs a 304 of a few hundred bytes). The catalogue's answers depend on
the person in multi-user mode (a coach's exercises are seen only by the coach and the
group's members), so they are ``private`` and vary with ``Cookie`` too; the self-tests are
the same for everyone, so they are ``public``.

Starlette's ``GZipMiddleware`` (app-wide, as :class:`CompressionMiddleware`) leaves a
response that already states its ``Content-Encoding`` alone, and adds ``Vary:
Accept-Encoding`` to an uncompressed body of :data:`GZIP_MINIMUM_SIZE` bytes or more; an
identity answer therefore leaves that field name to it, so that it is listed once.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.middleware.gzip import GZipMiddleware, IdentityResponder
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

#: Bodies from this size are compressed (the app's GZipMiddleware uses the same threshold).
GZIP_MINIMUM_SIZE = 1024

JSON = "application/json"

#: The catalogue: per person in multi-user mode.
PRIVATE = "private, no-cache"
#: The self-tests: the same for everyone.
PUBLIC = "public, no-cache"

#: The OpenAPI entry of the 304 answer, for the routes' ``responses``.
NOT_MODIFIED_RESPONSE: dict[str, object] = {
    "description": (
        "Not modified: `If-None-Match` named the answer's current `ETag`; no body. Keep "
        "using the copy that tag names."
    ),
    "headers": {
        "ETag": {"description": "The answer's entity tag.", "schema": {"type": "string"}},
        "Cache-Control": {
            "description": "Revalidate before each use.",
            "schema": {"type": "string"},
        },
    },
}


@dataclass(frozen=True)
class Representation:
    """One answer's bytes, gzipped bytes (``None`` for a body too small to gain) and tags."""

    body: bytes
    gzipped: bytes | None
    etag: str
    gzip_etag: str

    @classmethod
    def of(cls, body: bytes, *, compresslevel: int = 9) -> Representation:
        """Hash and compress ``body`` (once, for an answer that is kept)."""
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        gzipped = None
        if len(body) >= GZIP_MINIMUM_SIZE:
            # mtime=0: the same bytes every time, in every process.
            gzipped = gzip.compress(body, compresslevel=compresslevel, mtime=0)
        return cls(body=body, gzipped=gzipped, etag=f'"{digest}"', gzip_etag=f'"{digest}-gzip"')

    def response(
        self,
        request: Request,
        *,
        cache_control: str,
        vary: tuple[str, ...] = (),
        media_type: str = JSON,
    ) -> Response:
        """200 with the representation the request accepts, or 304 when the request's
        ``If-None-Match`` names this answer. ``media_type``: the body's (JSON unless told;
        the kept pages of :mod:`footcore.web.page_cache` are HTML)."""
        use_gzip = self.gzipped is not None and accepts_gzip(request.headers.get("accept-encoding"))
        etag = self.gzip_etag if use_gzip else self.etag
        headers = {"ETag": etag, "Cache-Control": cache_control}
        if_none_match = request.headers.get("if-none-match")
        if if_none_match is not None and matches(if_none_match, (self.etag, self.gzip_etag)):
            names = ("Accept-Encoding", *vary) if self.gzipped is not None else vary
            if names:
                headers["Vary"] = ", ".join(names)
            return Response(status_code=304, headers=headers)
        if use_gzip:
            assert self.gzipped is not None
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = ", ".join(("Accept-Encoding", *vary))
            return Response(self.gzipped, media_type=media_type, headers=headers)
        # An identity body of GZIP_MINIMUM_SIZE or more: GZipMiddleware adds Accept-Encoding.
        if vary:
            headers["Vary"] = ", ".join(vary)
        return Response(self.body, media_type=media_type, headers=headers)


class CompressionMiddleware(GZipMiddleware):
    """Starlette's gzip middleware, deciding by :func:`accepts_gzip` (quality values read),
    the same rule as the answers compressed ahead: Starlette's own test (``"gzip" in``
    the field) would compress for ``gzip;q=0``, which refuses gzip."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not accepts_gzip(
            Headers(scope=scope).get("accept-encoding")
        ):
            responder = IdentityResponder(
                self.app, self.minimum_size, exclude_content_types=self.exclude_content_types
            )
            await responder(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def matches(if_none_match: str, tags: tuple[str, ...]) -> bool:
    """Whether an ``If-None-Match`` field names any of ``tags`` (weak comparison: ``W/``
    is ignored), or is ``*``."""
    value = if_none_match.strip()
    if value == "*":
        return True
    for candidate in value.split(","):
        tag = candidate.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        if tag in tags:
            return True
    return False


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an ``Accept-Encoding`` field accepts gzip: named (or ``*``) with a quality
    above zero; an explicit ``gzip`` decides over ``*``."""
    if not accept_encoding:
        return False
    star: bool | None = None
    for part in accept_encoding.split(","):
        coding, _, params = part.partition(";")
        name = coding.strip().lower()
        if name not in ("gzip", "x-gzip", "*"):
            continue
        acceptable = _quality(params) > 0
        if name == "*":
            star = acceptable
        else:
            return acceptable
    return bool(star)


def _quality(params: str) -> float:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "q":
            try:
                return float(value.strip())
            except ValueError:
                return 0.0
    return 1.0
