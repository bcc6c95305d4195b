"""Server-rendered pages. Each module has a ``router`` and, for menu pages, a ``NAV`` entry.

A new page module is added to :data:`MODULES`; its menu entry then appears in the header in
the place :data:`footcore.web.nav.MENU` gives it. Order matters where paths overlap:
``self_test_entry`` (``/self-tests/record``) comes before ``self_tests``
(``/self-tests/{id}``).
"""

from __future__ import annotations

from fastapi import FastAPI

from footcore.web import page_cache
from footcore.web.nav import Navigation
from footcore.web.pages import (
    account,
    app_shell,
    checkin,
    coach,
    corrections,
    docs,
    home,
    language,
    library,
    onboarding,
    player,
    programme,
    progress,
    self_test_entry,
    self_tests,
    settings,
    today,
)

MODULES = (
    today,
    home,
    onboarding,
    player,
    corrections,
    programme,
    library,
    self_test_entry,
    self_tests,
    progress,
    account,
    settings,
    language,
    checkin,
    coach,
    docs,
    app_shell,
)


#: The pages kept rendered (:mod:`footcore.web.page_cache`), each in a router of its own
#: matched before every other route: the app tries its routers in order (each turns away a
#: path not its own with one comparison, :mod:`footcore.web.routing`), and these are the
#: pages asked for most. No other route matches their paths
#: (``tests/e2e/test_web_page_cache.py``), so the order changes nothing else.
KEPT = (library.kept, player.kept)


def install(app: FastAPI, nav: Navigation) -> None:
    """The pages' routes and menu entries, and what the pages keep: the rendered pages
    (:mod:`footcore.web.page_cache`), and templates loaded once. The templates ship inside
    the package and change only with an upgrade (a new process), so Jinja need not look at
    their files' times before every render (``auto_reload`` off)."""
    app.state.templates.env.auto_reload = False
    page_cache.install(app)
    for module in MODULES:
        app.include_router(module.router)
        item = getattr(module, "NAV", None)
        for entry in item if isinstance(item, tuple) else (item,):
            if entry is not None:
                nav.add(entry)
    before = len(app.router.routes)
    for router in KEPT:
        app.include_router(router)
    kept = app.router.routes[before:]
    app.router.routes[:] = [*kept, *app.router.routes[:before]]
