"""Jinja templates: one environment per app, with footcore's helpers as globals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from footcore import __version__
from footcore.catalogue.export import dose_in_words, dose_summary
from footcore.web.footmap import foot_map, targets_sentence
from footcore.web.labels import EQUIPMENT_HINTS, label

TEMPLATES_DIR = Path(__file__).parent / "templates"


STATIC_PREFIX = "/static/"


def static(path: str) -> str:
    """The URL of a static file (a same-origin path, never an absolute URL)."""
    return STATIC_PREFIX + path.lstrip("/")


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(("html", "svg")),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        foot_map=foot_map,
        targets_sentence=targets_sentence,
        label=label,
        equipment_hints=EQUIPMENT_HINTS,
        dose_in_words=dose_in_words,
        dose_summary=dose_summary,
        version=__version__,
        static=static,
    )
    env.filters["label"] = label
    return Jinja2Templates(env=env)


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a page with the menu and the current path in its context."""
    templates: Jinja2Templates = request.app.state.templates
    full = {
        "nav": request.app.state.nav.items(),
        "path": request.url.path,
        "openapi_url": request.app.openapi_url,
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, full, status_code=status_code, headers=headers)
