"""Build footcore's web app: ``create_app(settings)``; ``make_app()`` for uvicorn.

Run it with ``footcore serve``, or ``uvicorn footcore.web.app:make_app --factory``. Importing
this module does no work: the app, its catalogue and its templates are built by the calls.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from footcore import __version__
from footcore.bootstrap import App, bootstrap
from footcore.catalogue.loader import builtin_catalogue
from footcore.config import Settings, multi_user_required
from footcore.domain.exercise import Catalogue
from footcore.web import errors, pages
from footcore.web.api import accounts as accounts_api
from footcore.web.api import exports, health, library, self_tests, training
from footcore.web.api import outcomes as outcomes_api
from footcore.web.api import reminders as reminders_api
from footcore.web.api.models import ERROR_RESPONSES
from footcore.web.auth import request_guard
from footcore.web.cache import LibraryAnswers, TodayAnswers
from footcore.web.conditional import GZIP_MINIMUM_SIZE, CompressionMiddleware
from footcore.web.language import LanguageMiddleware
from footcore.web.nav import Navigation
from footcore.web.security import SecurityHeadersMiddleware
from footcore.web.templating import make_templates

STATIC_DIR = Path(__file__).parent / "static"


@functools.cache
def freeze_startup_objects() -> None:
    """Once per process, when the server starts: collect, then move every object left (the
    catalogue, SQLAlchemy's mappings, pydantic's models, the templates) to the collector's
    permanent generation. Full collections then scan only what requests made: measured under
    load, they went from 38 in 10 s taking 4.8 s (up to 333 ms each, the event loop stopped)
    to 21 ms at most (benchmarks/findings.md)."""
    gc.collect()
    gc.freeze()


DESCRIPTION = (
    "footcore's exercise library, self-tests, programme, today's sessions, session logs, "
    "runs and progress, for the athlete this app serves. Every error answers "
    '`{"error": {"status", "kind", "message", "problems": [{"where", "message"}]}}` '
    "with a 4xx status."
)


def _lifespan(footcore: App, threads: int) -> Callable[[FastAPI], Any]:
    """When the server starts: bound the synchronous routes' thread pool and freeze the
    startup objects; when it stops, close footcore."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        freeze_startup_objects()
        try:
            yield
        finally:
            footcore.close()

    return lifespan


def _set_state(
    app: FastAPI,
    settings: Settings,
    footcore: App,
    *,
    catalogue: Catalogue,
    host: str,
    secret_key: str,
) -> Navigation:
    """What requests read from ``app.state``; returns the navigation the pages fill."""
    nav = Navigation()
    app.state.settings = settings
    app.state.footcore = footcore
    app.state.catalogue = catalogue
    app.state.nav = nav
    app.state.templates = make_templates()
    app.state.host = host
    app.state.multi_user_forced = settings.multi_user or multi_user_required(host)
    app.state.secret_key = secret_key
    # Data versions read outside transactions (footcore.services.data_versions, the store's
    # reader wired by bootstrap): today's kept answers, and the one-person mode's check on
    # the event loop.
    app.state.versions = footcore.versions
    app.state.today_answers = TodayAnswers(footcore, app.state.versions)
    app.state.library_answers = LibraryAnswers(footcore)
    return nav


def _install_routes(app: FastAPI, nav: Navigation) -> None:
    """Middleware, error handlers, static files, the API routers and the pages."""
    app.add_middleware(CompressionMiddleware, minimum_size=GZIP_MINIMUM_SIZE)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(LanguageMiddleware)
    errors.install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(health.router)
    # Any API route may answer 400 (a request footcore cannot use), 401 (sign in first,
    # multi-user mode) and 403 (not allowed, or no CSRF token on a change).
    common: dict[int | str, dict[str, Any]] = {
        status: ERROR_RESPONSES[status] for status in (400, 401, 403)
    }
    app.include_router(library.router, responses=common)
    app.include_router(self_tests.router, responses=common)
    app.include_router(training.router, responses=common)
    app.include_router(exports.router, responses=common)
    app.include_router(accounts_api.router)
    app.include_router(outcomes_api.router, responses=common)
    app.include_router(reminders_api.router, responses=common)
    pages.install(app, nav)
    _add_schemas(app, self_tests.EXTRA_SCHEMAS)


def create_app(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    catalogue: Catalogue | None = None,
    today: Callable[[], dt.date] | None = None,
    now: Callable[[], dt.datetime] | None = None,
    worker_threads: int | None = None,
) -> FastAPI:
    """The whole web app for ``settings``.

    Calls :func:`footcore.bootstrap.bootstrap` once (engine, migrations, services); the
    result is ``app.state.footcore`` and is closed when the app shuts down. ``catalogue``
    replaces the built-in exercise catalogue (tests, a coach's own files); ``today`` and
    ``now`` replace the clocks (tests). ``host`` is the address the server listens on: any
    address beyond loopback forces multi-user mode (accounts and sign-in), as does
    ``settings.multi_user``; otherwise the mode follows whether any account exists.
    ``worker_threads`` (default ``settings.web_threads``) bounds the thread pool of the
    synchronous routes, set when the server starts the app (its lifespan).
    """
    chosen = catalogue if catalogue is not None else builtin_catalogue()
    footcore = bootstrap(settings, catalogue=lambda: chosen, today=today, now=now)
    # Made on first start and stored with the data; signs the one-person CSRF token.
    secret_key = footcore.services.accounts.secret_key()
    threads = settings.web_threads if worker_threads is None else worker_threads
    if threads < 1:
        raise ValueError("worker_threads must be at least 1")
    app = FastAPI(
        lifespan=_lifespan(footcore, threads),
        title="footcore",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # served by pages.docs from vendored files, not a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
        dependencies=[Depends(request_guard)],
    )
    nav = _set_state(app, settings, footcore, catalogue=chosen, host=host, secret_key=secret_key)
    _install_routes(app, nav)
    return app


def _add_schemas(app: FastAPI, models: tuple[Any, ...]) -> None:
    """Put models that routes only reference (request bodies read by hand) into the schema."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            for model in models:
                found = model.model_json_schema(ref_template="#/components/schemas/{model}")
                for name, sub in found.pop("$defs", {}).items():
                    components.setdefault(name, sub)
                components[model.__name__] = found
            _standard_bounds(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def _standard_bounds(node: Any) -> None:
    """Bounds in JSON Schema's words. pydantic writes a field's ``ge``/``le`` under those
    names when the number type carries a validator of its own (the request models' ``Whole``
    and ``Number``, which refuse ``true`` and ``"5"``); validation is right either way, the
    document must say ``minimum``/``maximum`` for clients and schemathesis to read it."""
    if isinstance(node, dict):
        if node.get("type") in ("integer", "number"):
            for short, long in _BOUNDS.items():
                if short in node:
                    node[long] = node.pop(short)
        for value in node.values():
            _standard_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _standard_bounds(value)


def make_app() -> FastAPI:
    """The app with settings from the environment (for ``uvicorn --factory``)."""
    return create_app(Settings.from_env())
