"""`YtDlpExtractor`: the blocking half of the yt-dlp adapter, what runs on a worker thread.

It opens links, lists playlists and searches with yt-dlp, checks every URL it is handed or given (the user's,
each playlist entry, the stream a page points to) with `UrlGuard`, and reads with FFmpeg what a direct link does
not say. Where it runs is the resolver's business (`resolver.py`): on the bot's own threads, or in worker
processes that each hold an extractor of their own (`process_pool.py`, `build_extractor`).
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
import time
from collections.abc import Callable, Mapping
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
from musicbot.adapters.ytdlp.queries import Query, QueryKind
from musicbot.adapters.ytdlp.sessions import YtDlpSessions, build_options
from musicbot.application.errors import InvalidQuery, TrackUnavailable
from musicbot.application.source_ports import Listing
from musicbot.application.support.clock import Clock
from musicbot.domain.track import SourceKind, Track

logger = logging.getLogger(__name__)

T = TypeVar("T")

_PROBE_TIMEOUT = 5.0  # headers come in milliseconds; a source slower than this is not worth the wait


class YtDlpExtractor:
    """yt-dlp's blocking calls, each bounded by `timeout` seconds (its socket timeout, and the probe's budget).

    Links to private, loopback and link-local addresses are refused unless `allow_private_urls`; local files are
    governed by the query (`QueryKind.LOCAL` comes only from a resolver that allows them). Call `close()` at
    shutdown.
    """

    def __init__(
        self,
        *,
        clock: Clock,
        default_search: str = "ytsearch",
        timeout: float = 30.0,
        allow_private_urls: bool | PrivateNetworks = False,
        cookies_file: str | os.PathLike[str] | None = None,
        extra_options: Mapping[str, object] | None = None,
        probe_durations: bool = True,
        ffmpeg_path: str | None = None,
    ) -> None:
        self._clock = clock
        self._timeout = timeout
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

    def close(self) -> None:
        self._sessions.close()

    def resolve_blocking(self, query: Query, known: Track | None = None) -> Track:
        """Raises `InvalidQuery` for a refused link, else only `TrackUnavailable`."""
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

    def warm_up_now(self) -> None:
        """yt-dlp's one-off start-up (extractor imports, ~1,900 URL patterns) paid on a throw-away local page."""
        with tempfile.TemporaryDirectory(prefix="musicbot-ytdlp-warmup-") as directory:
            page = Path(directory) / "warm-up.html"
            page.write_text("<!DOCTYPE html><html><head><title>warm-up</title></head><body></body></html>")
            self._sessions.get(local=False)  # the pool reuses an idle thread: likely the next resolve's
            try:
                self._sessions.get(local=True).extract_info(page.as_uri(), download=False)
            except Exception as error:  # "Unsupported URL" is the expected end of the walk
                logger.debug("yt-dlp warm-up ended with %s", error)

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


def build_extractor(options: Mapping[str, Any]) -> YtDlpExtractor:
    """The extractor a worker process of `YtDlpProcessPool` holds (yt-dlp on its one thread there)."""
    return YtDlpExtractor(clock=SystemClock(), **options)
