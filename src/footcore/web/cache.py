"""Answers kept in the web process: today's sessions (``GET /api/v1/today``), kept per
athlete and checked against the database on every request; and the exercise library
(``GET /api/v1/exercises``) per query and each exercise (:class:`LibraryAnswers`), kept with
their entity tags and gzipped bytes (:mod:`footcore.web.conditional`).

An answer is kept as the bytes of its JSON body, with the athlete's data version
(:mod:`footcore.store.data_versions`) read *before* it was computed. A request reads the version
again (one indexed read, no transaction) and gets the kept bytes only when it is the same
version, for the same day asked and the same calendar date. Anything written since, by this
process or any other on the same database, has changed the version, so the answer is
computed afresh; so does a new day.

Reading the version before computing is what makes this safe: the answer shows the data as
of that read or later. A write committed while it was computed (or the computation itself
storing a regenerated programme) has given the athlete another version, so that kept answer
is never served; the next request computes and keeps a current one.

The hit path runs on the event loop: in one-person mode the athlete and its version come
from one statement (:func:`footcore.web.mode.one_person_athlete`); in multi-user mode the
principal is resolved as for any route (in a worker thread), then the version is read.
Computing runs in a worker thread.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from fastapi import Request
from fastapi.responses import Response
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool

from footcore.bootstrap import App
from footcore.catalogue.plain_data import exercise_to_dict
from footcore.domain.exercise import Catalogue
from footcore.services.data_versions import DataVersions
from footcore.web.api.models import ExerciseOut, TodayOut
from footcore.web.conditional import PRIVATE, Representation
from footcore.web.deps import athlete_for, get_principal
from footcore.web.library import LibraryQuery
from footcore.web.mode import one_person_athlete

#: Answers kept per process (least recently used dropped first); a today answer is a few
#: kilobytes, so this bounds the cache to a few megabytes.
TODAY_CACHE_ENTRIES = 1000

JSON = "application/json"

T = TypeVar("T")


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    stored: int = 0


class AnswerCache(Generic[T]):
    """Answers (response bodies, or :class:`Representation`) by key, each with the data
    version it was computed at; bounded, least recently used dropped first. Thread-safe."""

    def __init__(self, entries: int = TODAY_CACHE_ENTRIES) -> None:
        if entries < 1:
            raise ValueError("the cache needs room for at least one answer")
        self.entries = entries
        self._kept: OrderedDict[Hashable, tuple[int, T]] = OrderedDict()
        self._lock = threading.Lock()
        self.stats = CacheStats()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable, version: int) -> T | None:
        with self._lock:
            found = self._kept.get(key)
            if found is None or found[0] != version:
                self.stats.misses += 1
                return None
            self._kept.move_to_end(key)
            self.stats.hits += 1
            return found[1]

    def put(self, key: Hashable, version: int, body: T) -> None:
        with self._lock:
            self._kept[key] = (version, body)
            self._kept.move_to_end(key)
            while len(self._kept) > self.entries:
                self._kept.popitem(last=False)
            self.stats.stored += 1

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


class TodayAnswers:
    """``GET /api/v1/today`` for one app: the kept answers and how to check them."""

    def __init__(
        self, footcore: App, reader: DataVersions, entries: int = TODAY_CACHE_ENTRIES
    ) -> None:
        self.footcore = footcore
        self.reader = reader
        self.cache: AnswerCache[bytes] = AnswerCache(entries)

    async def response(self, request: Request, on: dt.date | None) -> Response:
        """The kept answer when still current, else a computed one."""
        athlete_id, version = await self.athlete_and_version(request)
        if version is not None:
            today = self.footcore.services.ctx.today()
            kept = self.cache.get((athlete_id, on or today, today), version)
            if kept is not None:
                return Response(kept, media_type=JSON)
        body = await run_in_threadpool(self.compute, athlete_id, on, version)
        return Response(body, media_type=JSON)

    async def athlete_and_version(self, request: Request) -> tuple[int, int | None]:
        """The athlete the request acts for (the same answers as ``AthleteDep``: 401, 409)
        and its data version: in one-person mode both from one read."""
        first = await one_person_athlete(request)
        if first is not None:
            return athlete_for(request.state.principal), first.version
        athlete_id = athlete_for(await get_principal(request))
        return athlete_id, await self.reader.version_async(athlete_id)

    def compute(self, athlete_id: int, on: dt.date | None, version: int | None) -> bytes:
        """Today's answer from the services (in a worker thread), kept under ``version``,
        the athlete's version read before it was computed (none: not kept)."""
        services = self.footcore.services
        today = services.ctx.today()
        view = services.today(athlete_id, on or today)
        body = TodayOut.model_validate(view.to_dict()).model_dump_json(by_alias=True).encode()
        if version is not None and services.ctx.today() == today:  # not across midnight
            self.cache.put((athlete_id, on or today, today), version, body)
        return body


#: Library answers kept per process: one per distinct filter combination asked.
LIBRARY_CACHE_ENTRIES = 256


class LibraryAnswers:
    """``GET /api/v1/exercises`` and ``/api/v1/exercises/{slug}`` for one app: each answer
    per query (or slug) as a :class:`Representation` (its JSON, gzipped once, and its
    entity tag), for the app's own catalogue (immutable for the life of the process: the
    built-in exercises make about 75 KB of body that costs milliseconds to build, validate
    and dump). A catalogue extended by a coach's own exercises is built per request, so its
    answers are computed (and hashed) each time: the tag follows the bytes, so it differs
    from the built-in answer's and changes when the coach's exercises do."""

    def __init__(self, footcore: App, entries: int = LIBRARY_CACHE_ENTRIES) -> None:
        self.footcore = footcore
        self.cache: AnswerCache[Representation] = AnswerCache(entries)

    async def response(
        self, request: Request, catalogue: Catalogue, query: LibraryQuery
    ) -> Response:
        found = await self._kept_or_computed(query, catalogue, self.compute, catalogue, query)
        return found.response(request, cache_control=PRIVATE, vary=("Cookie",))

    async def exercise(self, request: Request, catalogue: Catalogue, slug: str) -> Response:
        """One exercise (an unknown slug raises the catalogue's 404 error, never kept)."""
        key = ("exercise", slug)
        found = await self._kept_or_computed(key, catalogue, self.compute_one, catalogue, slug)
        return found.response(request, cache_control=PRIVATE, vary=("Cookie",))

    async def _kept_or_computed(
        self, key: Hashable, catalogue: Catalogue, compute: Any, *args: Any
    ) -> Representation:
        keep = catalogue is self.footcore.services.ctx.catalogue()
        kept = self.cache.get(key, 0) if keep else None
        if kept is None:
            level = 9 if keep else 6  # compressed once when kept; per request otherwise
            kept = await run_in_threadpool(
                lambda: Representation.of(compute(*args), compresslevel=level)
            )
            if keep:
                self.cache.put(key, 0, kept)
        return kept

    @staticmethod
    def compute(catalogue: Catalogue, query: LibraryQuery) -> bytes:
        """The body FastAPI would send for the route's response model."""
        found = [exercise_to_dict(ex) for ex in query.run(catalogue)]
        adapter = _exercises_adapter()
        return adapter.dump_json(adapter.validate_python(found), by_alias=True)

    @staticmethod
    def compute_one(catalogue: Catalogue, slug: str) -> bytes:
        adapter = _exercise_adapter()
        found = exercise_to_dict(catalogue.get(slug))
        return adapter.dump_json(adapter.validate_python(found), by_alias=True)


@functools.cache
def _exercises_adapter() -> TypeAdapter[list[Any]]:
    """The route's response model (made on first use: it imports the API models)."""
    return TypeAdapter(list[ExerciseOut])


@functools.cache
def _exercise_adapter() -> TypeAdapter[Any]:
    return TypeAdapter(ExerciseOut)
