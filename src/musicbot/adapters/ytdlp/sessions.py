"""`YoutubeDL` instances for the resolver's worker threads, and yt-dlp's output routed to logging.

Building a `YoutubeDL` costs ~40 ms of GIL-holding work (it registers ~1,750 extractors), more than a warm
extraction of a local URL (~6 ms), so each worker thread keeps its own and reuses it; instances are not
shared between threads because yt-dlp does not promise thread safety.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

from yt_dlp import YoutubeDL

logger = logging.getLogger(__name__)

# How many entries of a playlist (or search) are looked at to find one that plays.
PLAYLIST_ENTRIES_TRIED = 5

# Said for every direct link; and yt-dlp's own network retries (three lines a try, six tries for one search
# with the network down), whose outcome the resolver logs once as an exception.
_QUIET_WARNINGS = ("Falling back on generic information extractor", "Retrying (", "Giving up after")


class YtDlpLogger:
    """yt-dlp's `logger` option: everything it would print goes to logging, never to stdout."""

    def debug(self, message: str) -> None:
        logger.debug("%s", message)  # yt-dlp sends its info-level chatter here too

    def info(self, message: str) -> None:
        logger.debug("%s", message)

    def warning(self, message: str) -> None:
        level = logging.DEBUG if any(quiet in message for quiet in _QUIET_WARNINGS) else logging.WARNING
        logger.log(level, "%s", message)

    def error(self, message: str) -> None:
        # Every error also arrives as an exception, which the resolver translates and logs once.
        logger.debug("%s", message)


def build_options(
    *,
    default_search: str,
    socket_timeout: float,
    cookies_file: str | None,
    extra_options: Mapping[str, object] | None,
    local_files: bool,
) -> dict[str, Any]:
    options: dict[str, Any] = {
        "quiet": True,
        "noprogress": True,
        "color": {"stdout": "no_color", "stderr": "no_color"},
        "format": "bestaudio/best",
        "noplaylist": True,
        # A playlist is listed, not resolved entry by entry: we play the first entry that works.
        "extract_flat": "in_playlist",
        "playlistend": PLAYLIST_ENTRIES_TRIED,
        "default_search": default_search,
        "socket_timeout": socket_timeout,
        "skip_download": True,
    }
    if cookies_file:
        options["cookiefile"] = cookies_file
    options.update(extra_options or {})
    # Not overridable: library output must never reach the console's stdout, and only a query the user made
    # local may read files (a web page could otherwise point yt-dlp at file:///etc/...).
    options["logger"] = YtDlpLogger()
    options["enable_file_urls"] = local_files
    return options


class YtDlpSessions:
    """One `YoutubeDL` per (thread, web-or-local) pair, built on first use and closed together."""

    def __init__(self, web_options: Mapping[str, Any], local_options: Mapping[str, Any]) -> None:
        self._options = {False: dict(web_options), True: dict(local_options)}
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Any] = []
        self._closed = False

    def get(self, *, local: bool) -> Any:
        """This thread's instance; call only from the worker thread that will use it."""
        instances: dict[bool, Any] | None = getattr(self._local, "instances", None)
        if instances is None:
            instances = self._local.instances = {}
        if local not in instances:
            with self._lock:
                if self._closed:
                    raise RuntimeError("the yt-dlp resolver is closed")
                instances[local] = YoutubeDL(dict(self._options[local]))
                self._all.append(instances[local])
        return instances[local]

    def close(self) -> None:
        with self._lock:
            self._closed = True
            instances, self._all = self._all, []
        for instance in instances:
            try:
                instance.close()  # also writes back the cookies file, as yt-dlp itself does
            except Exception:  # one broken instance must not keep the others open
                logger.warning("closing a YoutubeDL instance failed", exc_info=True)
