"""A page that is a playlist (or a playlist of playlists, a channel's tabs): the first of its entries that plays.

yt-dlp lists a playlist's entries as references (`url`, `url_transparent`) or as full media; a reference is
extracted in turn (its URL checked by the guard first), at most `_MAX_PLAYLIST_DEPTH` levels deep, and the first
`PLAYLIST_ENTRIES_TRIED` entries are tried, the first failure reported when none plays.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from musicbot.adapters.ytdlp.info_mapping import Info
from musicbot.adapters.ytdlp.queries import Query
from musicbot.adapters.ytdlp.sessions import PLAYLIST_ENTRIES_TRIED
from musicbot.application.errors import NoResults

_MAX_PLAYLIST_DEPTH = 2  # a playlist of playlists (a channel's tabs) is followed once, no further
# What a flat playlist entry says about itself that yt-dlp would have kept over the resolved page's values.
_TRANSPARENT_FIELDS = ("title", "artist", "uploader", "channel", "duration", "thumbnail")

CheckSource = Callable[[str], None]  # raises when a URL a page gave must not be fetched


def first_playable(ydl: Any, info: Info | None, query: Query, *, check_source: CheckSource, depth: int = 0) -> Info:
    """`info` itself when it is one media; else its first entry that plays (`NoResults` when none is listed)."""
    if info is None:
        raise NoResults(query.original)
    if "entries" not in info:
        return info
    first_error: Exception | None = None
    for entry in itertools.islice(info.get("entries") or (), PLAYLIST_ENTRIES_TRIED):
        if not entry:
            continue  # yt-dlp leaves None for entries it could not list
        try:
            return _full_entry(ydl, entry, query, check_source=check_source, depth=depth + 1)
        except Exception as error:  # try the next entry; the first failure is reported if none plays
            first_error = first_error or error
    if first_error is not None:
        raise first_error
    raise NoResults(query.original)


def _full_entry(ydl: Any, entry: Info, query: Query, *, check_source: CheckSource, depth: int) -> Info:
    if depth > _MAX_PLAYLIST_DEPTH:
        raise NoResults(query.original)
    if entry.get("_type") not in {"url", "url_transparent"}:
        return first_playable(ydl, entry, query, check_source=check_source, depth=depth)
    if str(entry["url"]).lower().startswith(("http://", "https://")):
        check_source(entry["url"])
    listed = ydl.extract_info(entry["url"], download=False, ie_key=entry.get("ie_key"))
    resolved = first_playable(ydl, listed, query, check_source=check_source, depth=depth)
    if entry.get("_type") == "url_transparent":
        overrides = {key: entry[key] for key in _TRANSPARENT_FIELDS if entry.get(key) is not None}
        resolved = {**resolved, **overrides}
    return resolved
