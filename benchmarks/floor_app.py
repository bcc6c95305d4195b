"""The floor for the HTTP benchmark: a bare FastAPI app answering a constant.

Served exactly like footcore (``uvicorn floor_app:app --app-dir benchmarks``); whatever
footcore's endpoints cost beyond this is footcore's own work.
"""

from __future__ import annotations

from fastapi import FastAPI

app = FastAPI()


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/constant")
def constant() -> dict[str, str]:
    return {"status": "ok", "version": "0"}
