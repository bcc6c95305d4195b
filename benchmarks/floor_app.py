"""The floors for the HTTP benchmark: the cheapest way to answer the same requests on the
same server stack (FastAPI on uvicorn, one process, served exactly like footcore with
``uvicorn floor_app:app --app-dir benchmarks``); whatever footcore's endpoints cost beyond
this is footcore's own work.

- Reads: ``GET /constant/{key}`` for each ``key=bytes`` in ``FLOOR_SIZES`` (comma
  separated), an ``async def`` (no worker thread) answering a constant body of exactly that
  many bytes: bench_http.py passes the byte sizes of footcore's real answers (the catalogue
  as sent, gzipped or not; today's sessions; the pages), so the floor sends as much.
  ``GET /constant/not-modified`` answers an empty 304 with an ``ETag``, the floor of a
  revalidation.
- Writes: ``POST /api/v1/sessions`` reads the request body and stores it as one row (the
  same ~150 bytes a session log holds, with a unique client id as footcore's idempotency
  key) in its own transaction, durably as footcore commits: through footcore's own engine
  (``footcore.store.engine.make_engine``: SQLite in WAL with ``synchronous=NORMAL``,
  ``BEGIN IMMEDIATE`` and the writers' lock; PostgreSQL with its default
  ``synchronous_commit=on``) on ``FLOOR_DATABASE_URL``, in a worker thread bounded like
  footcore's (``FOOTCORE_WEB_THREADS``, default 4). The row is acknowledged after its
  commit returns, as footcore's are.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import Column, Integer, MetaData, String, Table, Text, insert, inspect
from sqlalchemy.exc import DatabaseError
from starlette.concurrency import run_in_threadpool

from footcore.config import WEB_THREADS
from footcore.store.engine import make_engine, write_lock

metadata = MetaData()
writes = Table(
    "floor_session_writes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", String(100), nullable=False, unique=True),
    Column("body", Text, nullable=False),
)

DATABASE_URL = os.environ.get("FLOOR_DATABASE_URL", "")
engine = make_engine(DATABASE_URL) if DATABASE_URL else None
THREADS = int(os.environ.get("FOOTCORE_WEB_THREADS") or WEB_THREADS)


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
    if engine is not None:
        try:
            metadata.create_all(engine)
        except DatabaseError:  # another worker process made it at the same moment
            if not inspect(engine).has_table(writes.name):
                raise
    try:
        yield
    finally:
        if engine is not None:
            engine.dispose()


app = FastAPI(lifespan=lifespan)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


def constant_body(size: int) -> bytes:
    """A JSON document of exactly ``size`` bytes (at least 12)."""
    frame = b'{"pad":""}'
    return frame[:-2] + b"x" * max(0, size - len(frame)) + frame[-2:]


def _constant(body: bytes) -> Callable[[], Coroutine[Any, Any, Response]]:
    async def answer() -> Response:
        return Response(body, media_type="application/json")

    return answer


for spec in filter(None, os.environ.get("FLOOR_SIZES", "small=30").split(",")):
    key, _, size = spec.partition("=")
    app.add_api_route(f"/constant/{key}", _constant(constant_body(int(size))), methods=["GET"])


@app.get("/constant/not-modified")
async def not_modified() -> Response:
    return Response(status_code=304, headers={"ETag": '"0123456789abcdef0123456789abcdef-gzip"'})


def _store(client_id: str, body: str) -> int:
    assert engine is not None
    with write_lock(engine), engine.begin() as conn:
        found = conn.execute(insert(writes).values(client_id=client_id, body=body))
        key = found.inserted_primary_key
        assert key is not None
        return int(key[0])


@app.post("/api/v1/sessions", status_code=201)
async def write(request: Request) -> Response:
    raw = await request.body()
    client_id = str(json.loads(raw)["client_id"])
    row = await run_in_threadpool(_store, client_id, raw.decode())
    return Response(json.dumps({"id": row}), status_code=201, media_type="application/json")
