"""footcore's web app: server-rendered pages and the JSON API under ``/api/v1``.

Build it with :func:`footcore.web.app.create_app`; nothing here does work at import time.
"""
