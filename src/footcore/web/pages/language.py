"""The language of the pages: chosen in Settings (and on the Account page), kept for the
account (``users.language``) and in this browser's cookie; "as the browser" forgets both.
Which language a request gets is decided in :mod:`footcore.web.language`."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from footcore.domain.languages import LANGUAGES, known
from footcore.web.deps import ServicesDep, SignedInDep
from footcore.web.forms import FormDep
from footcore.web.language import remember_language
from footcore.web.pages.account import safe_next
from footcore.web.routing import GuardedRouter

router = GuardedRouter(include_in_schema=False)

#: The form's value for "follow the browser's language".
BROWSER = "browser"


@router.post("/settings/language", response_model=None)
def choose_language(
    request: Request, services: ServicesDep, principal: SignedInDep, form: FormDep
) -> Response:
    value = form.get("language")
    text = value if isinstance(value, str) else ""
    chosen = known(text)
    if chosen is None and text != BROWSER:
        return Response(
            f"language: not one of {', '.join((BROWSER, *LANGUAGES))} (got {text[:20]!r})",
            status_code=422,
            media_type="text/plain",
        )
    if principal.user_id is not None:
        services.accounts.set_language(principal.user_id, chosen)
    response = RedirectResponse(safe_next(form.get("next") or "/settings"), 303)
    remember_language(request, response, chosen)
    return response
