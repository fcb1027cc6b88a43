"""`YtDlpTrackResolver`: the `TrackResolver`, `PlaylistLister` and `TrackSearch` ports over yt-dlp.

yt-dlp runs in worker processes (`processes`, see process_pool.py) or on the resolver's own threads, never on
the loop. Every URL it is asked to open (the user's, each playlist entry, the stream a page points to) passes
`UrlGuard` first.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from musicbot.adapters.ffmpeg_binary import FFmpegNotFound, find_ffmpeg
from musicbot.adapters.net_guard import UrlGuard
from musicbot.adapters.private_networks import PrivateNetworks
from musicbot.adapters.system_clock import SystemClock
from musicbot.adapters.ytdlp.duration_probe import probe_media, with_probe
from musicbot.adapters.ytdlp.errors import translate_error
from musicbot.adapters.ytdlp.first_playable import first_playable
from musicbot.adapters.ytdlp.info_mapping import track_from_info
from musicbot.adapters.ytdlp.playlists import list_playlist, search_entries
from musicbot.adapters.ytdlp.process_pool import JOBS_PER_PROCESS, YtDlpProcessPool
from musicbot.adapters.ytdlp.queries import Query, QueryKind, parse_query, search_target
from musicbot.adapters.ytdlp.sessions import YtDlpSessions, build_options
from musicbot.application.errors import InvalidQuery, TrackUnavailable
from musicbot.application.source_ports import Listing
from musicbot.application.support.clock import Clock
from musicbot.domain.errors import MusicBotError
from musicbot.domain.track import SourceKind, Track

logger = logging.getLogger(__name__)

T = TypeVar("T")

_PROBE_TIMEOUT = 5.0  # headers come in milliseconds; a source slower than this is not worth the wait


class YtDlpTrackResolver:
    """Resolves links and search words with yt-dlp; every extraction is bounded by `timeout` seconds.

    Blocking yt-dlp calls run in `processes` worker processes (each with its own `max_workers` threads), or, with
    `processes=0`, on a private pool of `max_workers` threads of this process. Call `close()` at shutdown.
    Links to private, loopback and link-local addresses are refused unless `allow_private_urls`; local
    files are governed by `allow_local_files` alone.
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
    ) -> None:
        self._clock = clock
        self._default_search = default_search
        self._timeout = timeout
        self._allow_local_files = allow_local_files
        self._guard = UrlGuard(allow_private=allow_private_urls)
        self._probe_durations = probe_durations
        self._ffmpeg_path = ffmpeg_path
        options = functools.partial(
            build_options,
            default_search=default_search,
            socket_timeout=timeout,
            cookies_file=os.fspath(cookies_file) if cookies_file else None,
            extra_options=extra_options,
        )
        self._sessions = YtDlpSessions(options(local_files=False), options(local_files=True))
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="ytdlp")
        self._processes = processes
        self._pool: YtDlpProcessPool | None = None
        if processes > 0:
            worker_options = {
                "default_search": default_search,
                "timeout": timeout,
                "allow_local_files": allow_local_files,
                "allow_private_urls": allow_private_urls,
                "cookies_file": os.fspath(cookies_file) if cookies_file else None,
                "extra_options": dict(extra_options or {}),
                "probe_durations": probe_durations,
                "ffmpeg_path": ffmpeg_path,
            }
            self._pool = YtDlpProcessPool(
                _worker_resolver, worker_options, processes=processes, jobs_per_process=jobs_per_process
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
        self._sessions.close()

    async def _run(self, method: str, *args: Any) -> Any:
        """`method` (a blocking method below) in a worker process, or on one of our threads."""
        try:
            work: Awaitable[Any]
            if self._pool is not None:
                self._pool.start()  # without a warm-up first (tools, tests): at the first request
            if self._pool is not None and self._pool.warm:
                work = self._pool.call(method, *args)
            else:
                work = asyncio.get_running_loop().run_in_executor(self._executor, getattr(self, method), *args)
            return await asyncio.wait_for(work, self._timeout)
        except TimeoutError:
            # The worker thread runs on until yt-dlp's own socket timeout (the same `timeout`) frees it.
            raise TrackUnavailable(f"the source did not answer within {self._timeout:g} s", transient=True) from None
        except RuntimeError as error:  # the pool was shut down: the bot is stopping
            raise TrackUnavailable("the resolver is shutting down", transient=True) from error

    def _parse(self, query: str) -> Query:
        return parse_query(query, default_search=self._default_search, allow_local_files=self._allow_local_files)

    # --- blocking: on a worker thread (of this process or of a worker process) ---------------------------------
    def resolve_blocking(self, query: Query, known: Track | None = None) -> Track:
        """Runs on a worker thread. Raises `InvalidQuery` for a refused link, else only `TrackUnavailable`."""
        deadline = time.monotonic() + self._timeout
        if query.kind is QueryKind.URL:
            self._guard.check(query.target)
        try:
            ydl = self._sessions.get(local=query.kind is QueryKind.LOCAL)
            info = ydl.extract_info(query.target, download=False)
            info = first_playable(ydl, info, query, check_source=self._check_source)
            track = track_from_info(info, original_url=query.target, now=self._clock.now(), local_path=query.local_path)
            if track.source is not SourceKind.LOCAL and track.stream_url:
                self._check_source(track.stream_url)  # a public page must not point FFmpeg at the LAN
        except TrackUnavailable:
            raise
        except Exception as error:  # yt-dlp raises far more than its own tree (KeyError, OSError, ...)
            translated = translate_error(error)
            logger.info("yt-dlp failed on %r: %s -> %s", query.target, error, translated.reason)
            raise translated from error
        direct = bool(info.get("direct"))
        if known is not None and direct:
            # A direct media link's only "title" is its file name: what the listing or the user knew is better.
            duration = track.duration if track.duration is not None else known.duration  # no probe needed
            track = replace(track, title=known.title, artist=known.artist or track.artist, duration=duration)
        return self._probed(track, deadline=deadline, use_tags=direct and known is None)

    def list_blocking(self, url: str, limit: int) -> Listing | None:
        self._guard.check(url)
        ydl = self._sessions.get(local=False)
        return _translated(url, lambda: list_playlist(ydl, url, limit=limit, guard=self._guard))

    def search_blocking(self, target: str, limit: int) -> list[Track]:
        ydl = self._sessions.get(local=False)
        return _translated(target, lambda: search_entries(ydl, target, limit=limit, guard=self._guard))

    def _check_source(self, url: str) -> None:
        """The guard for URLs a page gave us: a refusal means this source cannot play, not a bad request."""
        try:
            self._guard.check(url)
        except InvalidQuery as error:
            raise TrackUnavailable(str(error)) from error

    def _probed(self, track: Track, *, deadline: float, use_tags: bool) -> Track:
        """Duration, audio and tags read by FFmpeg for direct media and local files (see `duration_probe`)."""
        wanted = (track.duration is None or use_tags) and track.source in {SourceKind.HTTP, SourceKind.LOCAL}
        # The probe must end well inside the caller's timeout: a found track without a duration beats none.
        budget = min(_PROBE_TIMEOUT, deadline - time.monotonic() - 0.5)
        if not (wanted and self._probe_durations and track.stream_url and budget > 0.1):
            return track
        try:
            ffmpeg = find_ffmpeg(self._ffmpeg_path)
        except FFmpegNotFound:
            return track  # no duration is a smaller loss than no track
        probe = probe_media(ffmpeg, track.stream_url, headers=track.http_headers, timeout=budget)
        return track if probe is None else with_probe(track, probe, use_tags=use_tags)

    def warm_up_now(self) -> None:
        with tempfile.TemporaryDirectory(prefix="musicbot-ytdlp-warmup-") as directory:
            page = Path(directory) / "warm-up.html"
            page.write_text("<!DOCTYPE html><html><head><title>warm-up</title></head><body></body></html>")
            self._sessions.get(local=False)  # the pool reuses an idle thread: likely the next resolve's
            try:
                self._sessions.get(local=True).extract_info(page.as_uri(), download=False)
            except Exception as error:  # "Unsupported URL" is the expected end of the walk
                logger.debug("yt-dlp warm-up ended with %s", error)


def _translated(target: str, work: Callable[[], T]) -> T:
    """`work()`, with what yt-dlp raised turned into `TrackUnavailable`; our own refusals pass as they are."""
    try:
        return work()
    except (InvalidQuery, TrackUnavailable):
        raise
    except Exception as error:  # yt-dlp raises far more than its own tree (KeyError, OSError, ...)
        translated = translate_error(error)
        logger.info("yt-dlp failed on %r: %s -> %s", target, error, translated.reason)
        raise translated from error


def _worker_resolver(options: Mapping[str, Any]) -> YtDlpTrackResolver:
    """The resolver a worker process of `YtDlpProcessPool` holds: yt-dlp on its one thread there."""
    return YtDlpTrackResolver(clock=SystemClock(), processes=0, max_workers=1, **options)
