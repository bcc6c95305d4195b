"""``/docs``: the interactive API documentation, served from footcore's own files."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse

from footcore.i18n import gettext as _
from footcore.web.routing import GuardedRouter
from footcore.web.templating import render

router = GuardedRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return render(request, "docs.html", {"title": _("API documentation")})
