"""`YtDlpTrackResolver`: the `TrackResolver`, `PlaylistLister`, `TrackSearch` and `WarmingSource` ports over yt-dlp.

The resolver is the asynchronous half: it parses what users type, sends the blocking work (`extraction.py`'s
`YtDlpExtractor`) to worker processes (`processes`, see process_pool.py) or to its own threads, never the loop,
and bounds each call by `timeout`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from musicbot.adapters.private_networks import PrivateNetworks
from musicbot.adapters.ytdlp.extraction import YtDlpExtractor, build_extractor
from musicbot.adapters.ytdlp.process_pool import JOBS_PER_PROCESS, WARM_WITHIN, YtDlpProcessPool
from musicbot.adapters.ytdlp.queries import Query, QueryKind, parse_query, search_target
from musicbot.application.errors import InvalidQuery, TrackUnavailable
from musicbot.application.source_ports import Listing, WarmUp
from musicbot.application.support.clock import Clock
from musicbot.domain.errors import MusicBotError
from musicbot.domain.track import Track

logger = logging.getLogger(__name__)


class YtDlpTrackResolver:
    """Resolves links and search words with yt-dlp; every extraction is bounded by `timeout` seconds.

    Blocking yt-dlp calls run in `processes` worker processes (one job at a time each), or, with `processes=0`
    and until the workers are warm, on a private pool of `max_workers` threads of this process. Call `close()`
    at shutdown. Links to private, loopback and link-local addresses are refused unless `allow_private_urls`;
    local files are governed by `allow_local_files` alone.
    """

    def __init__(
        self,
        *,
        clock: Clock,
        default_search: str = "ytsearch",
        timeout: float = 30.0,
        allow_local_files: bool = False,
        allow_private_urls: bool | PrivateNetworks = False,
        cookies_file: str | os.PathLike[str] | None = None,
        extra_options: Mapping[str, object] | None = None,
        max_workers: int = 4,
        probe_durations: bool = True,
        ffmpeg_path: str | None = None,
        processes: int = 0,
        jobs_per_process: int = JOBS_PER_PROCESS,
        warm_within: float = WARM_WITHIN,
    ) -> None:
        self._default_search = default_search
        self._timeout = timeout
        self._allow_local_files = allow_local_files
        extraction: dict[str, Any] = {
            "default_search": default_search,
            "timeout": timeout,
            "allow_private_urls": allow_private_urls,
            "cookies_file": os.fspath(cookies_file) if cookies_file else None,
            "extra_options": dict(extra_options or {}),
            "probe_durations": probe_durations,
            "ffmpeg_path": ffmpeg_path,
        }
        self._extractor = YtDlpExtractor(clock=clock, **extraction)
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="ytdlp")
        self._pool: YtDlpProcessPool | None = None
        if processes > 0:
            # Each worker process builds its own extractor from these options (a clock of its own too).
            self._pool = YtDlpProcessPool(
                build_extractor,
                extraction,
                processes=processes,
                jobs_per_process=jobs_per_process,
                warm_within=warm_within,
            )

    async def resolve(self, query: str) -> Track:
        track: Track = await self._run("resolve_blocking", self._parse(query))
        return track

    async def refresh(self, track: Track) -> Track:
        """A fresh stream for `track`, a stored one or a light playlist/search entry (any page URL or words)."""
        try:
            fresh: Track = await self._run("resolve_blocking", self._parse(track.page_url), track)
            return fresh
        except InvalidQuery as error:  # a stored link the rules now refuse: that song cannot play
            raise TrackUnavailable(str(error)) from error

    async def list_entries(self, query: str, *, limit: int) -> Listing | None:
        parsed = self._parse(query)
        if parsed.kind is not QueryKind.URL:
            return None  # search words, a local file: one track at most
        listing: Listing | None = await self._run("list_blocking", parsed.target, limit)
        return listing

    async def search(self, words: str, *, limit: int) -> list[Track]:
        target = search_target(words, default_search=self._default_search, limit=limit)
        found: list[Track] = await self._run("search_blocking", target, limit)
        return found

    async def warm_up(self) -> float:
        """Pay yt-dlp's one-off start-up cost now, off the loop and offline; returns the seconds it took.

        The first extraction in a process imports extractor modules and compiles ~1,900 URL patterns
        (~0.4 s for a direct link, ~0.7 s for an HTML page); afterwards either takes a few milliseconds plus
        the request. Extracting a throw-away local HTML page walks the same code paths without any network.
        With worker processes, they are started on a thread and warm themselves up in the background (their
        start, seconds on a busy machine, must not hold up the bot's connection nor the first songs): until one
        is warm, requests run on this process's threads as without workers.
        """
        started = time.perf_counter()
        if self._pool is not None:
            self._pool.start()
            return time.perf_counter() - started
        try:
            await self._run("warm_up_now")
        except MusicBotError as error:
            logger.warning("yt-dlp warm-up failed: %s", error)
        return time.perf_counter() - started

    @property
    def workers_warm(self) -> bool:
        """Requests go to the worker processes (False without them, or while they start)."""
        return self._pool is not None and self._pool.warm

    def warm_up_state(self) -> WarmUp:
        """`WarmingSource`, for readiness: not ready while the worker processes start (at most `warm_within`
        seconds), then ready; degraded (with why) when they are not warm by then or could not start. Always ready
        without them."""
        return WarmUp(ready=True) if self._pool is None else self._pool.warm_up()

    async def wait_for_workers(self, within: float = 60.0) -> bool:
        """Until the worker processes take requests (True), or `within` seconds (False; always without them)."""
        if self._pool is None:
            return False
        self._pool.start()
        return await asyncio.to_thread(self._pool.wait_warm, within)

    @property
    def worker_sets(self) -> int:
        """Sets of worker processes started so far (0: yt-dlp runs on threads of this process)."""
        return 0 if self._pool is None else self._pool.generation

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._extractor.close()

    async def _run(self, method: str, *args: Any) -> Any:
        """`method` (a blocking method of `YtDlpExtractor`) in a worker process, or on one of our threads."""
        try:
            work: Awaitable[Any]
            if self._pool is not None:
                self._pool.start()  # without a warm-up first (tools, tests): at the first request
            if self._pool is not None and self._pool.warm:
                work = self._pool.call(method, *args)
            else:
                work = asyncio.get_running_loop().run_in_executor(
                    self._executor, getattr(self._extractor, method), *args
                )
            return await asyncio.wait_for(work, self._timeout)
        except TimeoutError:
            # The worker thread runs on until yt-dlp's own socket timeout (the same `timeout`) frees it.
            raise TrackUnavailable(f"the source did not answer within {self._timeout:g} s", transient=True) from None
        except RuntimeError as error:  # the pool was shut down: the bot is stopping
            raise TrackUnavailable("the resolver is shutting down", transient=True) from error

    def _parse(self, query: str) -> Query:
        return parse_query(query, default_search=self._default_search, allow_local_files=self._allow_local_files)
