"""`footcore serve`: run the web app (pages and the JSON API) with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(app: typer.Typer) -> None:
    """Add the web commands to the root app."""
    app.command("serve")(serve)


def serve(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; 0.0.0.0 opens footcore to your network."),
    ] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = DEFAULT_PORT,
) -> None:
    """Serve footcore's pages and API (http://127.0.0.1:8000 by default; Ctrl+C stops).

    Listening beyond loopback (``--host 0.0.0.0``, a LAN address) switches multi-user mode
    on: accounts and sign-in."""
    import uvicorn

    from footcore.cli import console
    from footcore.config import Settings, multi_user_required
    from footcore.web.app import create_app

    settings = Settings.from_env()
    web = create_app(settings, host=host)
    mode = "multi-user" if settings.multi_user or multi_user_required(host) else "one-person"
    console.err.print(f"footcore: serving on http://{host}:{port} in {mode} mode  (Ctrl+C stops)")
    uvicorn.run(
        web,
        host=host,
        port=port,
        proxy_headers=False,
        server_header=False,
        log_level="info",
    )
