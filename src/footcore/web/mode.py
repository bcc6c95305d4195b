"""The request's mode, one-person or multi-user, settled without a worker thread: whether
a request may come from another machine, and one-person mode's athlete. Used by sign-in
(:mod:`footcore.web.auth`) and the request dependencies (:mod:`footcore.web.deps`), which
both import it; it imports neither.
"""

from __future__ import annotations

import functools

from fastapi import Request

from footcore.config import is_loopback
from footcore.domain.access import Principal
from footcore.services.data_versions import DataVersions, FirstAthlete

# Headers a reverse proxy adds: a request carrying one came from elsewhere, even when the
# proxy itself connects from loopback.
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")


def is_remote(request: Request) -> bool:
    """Whether the request may come from another machine: a client address beyond loopback,
    or a loopback connection that carries a proxy's forwarding header (a reverse proxy on
    this machine). One-person mode never answers such a request."""
    if request.client is not None and not _loopback(request.client.host):
        return True
    return any(name in request.headers for name in PROXY_HEADERS)


@functools.lru_cache(maxsize=256)
def _loopback(host: str) -> bool:
    return is_loopback(host)


def beyond_one_person(request: Request) -> bool:
    """Multi-user mode whatever the database holds: configured, forced by the host the
    server listens on, or a request from another machine or through a proxy (the rules of
    :func:`footcore.web.auth.multi_user` before it asks whether an account exists)."""
    return bool(request.app.state.multi_user_forced) or is_remote(request)


async def settle_mode(request: Request) -> bool:
    """Whether this request is in multi-user mode (:func:`footcore.web.auth.multi_user`),
    settled on the event loop without a worker thread or a transaction: the rules that need
    no database first, then one read. That read is the one-person athlete's
    (:func:`one_person_athlete`, which also tells whether any account exists and settles the
    principal with it), so a request that goes on to need its athlete reads nothing more;
    before onboarding, one read of whether any account exists."""
    if not hasattr(request.state, "multi_user"):
        if beyond_one_person(request):
            request.state.multi_user = True
        else:
            await one_person_athlete(request)  # settles the mode when somebody is set up
            if not hasattr(request.state, "multi_user"):
                reader: DataVersions = request.app.state.versions
                request.state.multi_user = await reader.accounts_exist_async()
    return bool(request.state.multi_user)


async def one_person_athlete(request: Request) -> FirstAthlete | None:
    """One-person mode's athlete (with its data version), when this request is in
    one-person mode and somebody is set up: read in one statement on the event loop, and
    the request's mode and principal settled with it. None otherwise (multi-user mode, or
    nobody set up): :func:`footcore.web.auth.principal_of` then decides as usual."""
    if hasattr(request.state, "principal") or beyond_one_person(request):
        return None
    reader: DataVersions = request.app.state.versions
    first = await reader.first_athlete_async()
    if first is None:
        return None
    request.state.multi_user = first.accounts_exist
    if first.accounts_exist:
        return None
    request.state.principal = Principal.one_person(first.athlete_id)
    return first
