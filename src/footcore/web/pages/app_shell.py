"""The installable app: ``/manifest.webmanifest`` and the service worker ``/sw.js``.

The service worker (``templates/sw.js``) is served from the site root so that its scope is
the whole site. It precaches the app shell (:data:`SHELL`: the stylesheets, scripts and
icons) and keeps the pages a runner needs offline (Today, the player and its session, the
library and exercise pages) network-first. Its caches are named after
:func:`cache_version` (footcore's version and a hash of every static file and of the worker
itself), so a deploy that changes any of them installs a new worker, which deletes the old
caches when it takes over. Writes never go through it: the pages' outbox
(``static/js/outbox.js``) keeps and sends them.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

from fastapi.responses import Response

from footcore import __version__
from footcore.web.icons import SIZES
from footcore.web.routing import GuardedRouter
from footcore.web.templating import STATIC_PREFIX, TEMPLATES_DIR

router = GuardedRouter(include_in_schema=False)

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
WORKER_SOURCE = TEMPLATES_DIR / "sw.js"

NAME = "footcore"
DESCRIPTION = "Foot and ankle training for runners: today's sessions, a guided player, the library."
#: The brand colour (the header's accent and the icon's background) and the page colours.
THEME_COLOUR = "#9a3412"
BACKGROUND = "#fbf8f4"

#: Static files every page may need, fetched when the worker installs (paths in static/).
SHELL = (
    "css/footcore.css",
    "css/print.css",
    "js/theme.js",
    "js/footcore.js",
    "js/outbox.js",
    "js/player.js",
    "js/clock.js",
    "js/charts.js",
    "js/demo.js",
    "js/push.js",
    "vendor/htmx/htmx.min.js",
    "vendor/chartjs/chart.umd.min.js",
    "img/footcore.svg",
    "img/icon.svg",
    *(f"img/icon-{size}.png" for size in SIZES),
)


@functools.cache
def cache_version() -> str:
    """footcore's version and the first 12 hex digits of a SHA-256 over every static file
    (path and content) and the worker's source: a new name whenever any of them changes."""
    digest = hashlib.sha256()
    files = sorted(p for p in STATIC_DIR.rglob("*") if p.is_file())
    for path in (*files, WORKER_SOURCE):
        digest.update(path.relative_to(STATIC_DIR.parent).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}"


def manifest() -> dict[str, object]:
    """The web app manifest (what a browser needs to offer "Install")."""
    icons: list[dict[str, str]] = [
        {"src": STATIC_PREFIX + "img/icon.svg", "sizes": "any", "type": "image/svg+xml"}
    ]
    for size in SIZES:
        src = f"{STATIC_PREFIX}img/icon-{size}.png"
        icons.append({"src": src, "sizes": f"{size}x{size}", "type": "image/png"})
        icons.append(
            {"src": src, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "maskable"}
        )
    return {
        "id": "/today",
        "name": NAME,
        "short_name": NAME,
        "description": DESCRIPTION,
        "lang": "en",
        "start_url": "/today",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND,
        "categories": ["health", "fitness", "sports"],
        "icons": icons,
    }


@functools.cache
def worker_source() -> str:
    """The service worker with its cache version and shell filled in."""
    shell = [STATIC_PREFIX + path for path in SHELL]
    return (
        WORKER_SOURCE.read_text(encoding="utf-8")
        .replace('"__FOOTCORE_VERSION__"', json.dumps(cache_version()))
        .replace('["__FOOTCORE_SHELL__"]', json.dumps(shell))
    )


@router.get("/manifest.webmanifest")
def web_manifest() -> Response:
    return Response(
        json.dumps(manifest(), indent=1),
        media_type="application/manifest+json",
        headers={"cache-control": "no-cache"},
    )


@router.get("/sw.js")
def service_worker() -> Response:
    # Browsers check the worker for changes on each navigation at most once a day unless
    # told not to keep it: no-cache makes a deploy reach them on the next visit.
    return Response(
        worker_source(),
        media_type="text/javascript",
        headers={"cache-control": "no-cache", "service-worker-allowed": "/"},
    )
