"""Playlists and searches listed with yt-dlp's flat extraction. Blocking: for the resolver's worker threads.

Listing asks yt-dlp for the raw result (`process=False`) and takes entries itself, so a 1,000-song playlist
costs the listing pages only, and lazily paged lists (YouTube) are read no further than the limit. Every
entry is light (no stream); the resolver's `refresh` resolves it when its turn comes.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeGuard
from urllib.parse import parse_qs, urlsplit

from yt_dlp.extractor import gen_extractor_classes
from yt_dlp.utils import PagedList

from musicbot.adapters.net_guard import PRIVATE_REFUSED, UrlGuard
from musicbot.adapters.ytdlp.entries import light_track, title_from_url
from musicbot.adapters.ytdlp.info_mapping import Info, text_of
from musicbot.application.errors import InvalidQuery, TrackUnavailable
from musicbot.application.source_ports import Listing
from musicbot.domain.track import Track

# Extractors that only ever give one item: asking them would cost a full extraction to learn "not a list".
_SINGLE_ITEM_EXTRACTORS = frozenset({"Youtube", "Soundcloud", "Bandcamp"})
_REFERENCE_TYPES = frozenset({"url", "url_transparent"})
_PAGED_STEP = 1  # a PagedList caches its pages: asking entry by entry fetches no page before it is needed
_MAX_REFERENCES = 3  # a page that points at a playlist that points at ... is followed this far
_TRANSPARENT_FIELDS = ("title", "uploader", "channel", "artist")


def list_playlist(ydl: Any, url: str, *, limit: int, guard: UrlGuard) -> Listing | None:
    """The first `limit` entries of the playlist at `url`, or None when `url` holds a single item."""
    if is_single_item(url):
        return None
    info = _follow_references(ydl, ydl.extract_info(url, download=False, process=False), guard)
    if info is None or "entries" not in info:
        return None
    tracks, unusable, refused, window = _light_entries(info, limit=limit, listing_url=url, guard=guard)
    if refused and not tracks:
        raise InvalidQuery(PRIVATE_REFUSED)
    total = _count(info)
    notes = []
    if refused:
        notes.append(f"{refused} entries point to private or local network addresses and were left out")
    if total is None and window == limit:
        notes.append(f"only the first {limit} entries were loaded")
    return Listing(
        title=(text_of(info.get("title")) or "").strip() or title_from_url(url),
        url=url,
        entries=tuple(tracks),
        skipped=unusable + refused + (max(0, total - window) if total is not None else 0),
        note="; ".join(notes) or None,
    )


def search_entries(ydl: Any, target: str, *, limit: int, guard: UrlGuard) -> list[Track]:
    """Light tracks for a yt-dlp search pseudo-URL (`ytsearch5:words`), best first."""
    info = ydl.extract_info(target, download=False, process=False)
    if info is None:
        return []
    return _light_entries(info, limit=limit, listing_url="", guard=guard)[0]


def is_single_item(url: str) -> bool:
    """True when the extractor yt-dlp would pick for `url` only gives single tracks (or videos)."""
    for extractor in _extractor_classes():
        if extractor.suitable(url):
            key = extractor.ie_key()
            # With `noplaylist`, a "watch?v=...&list=..." link means the video, as in yt-dlp itself.
            return bool(key in _SINGLE_ITEM_EXTRACTORS or (key == "YoutubeTab" and "v" in _params(url)))
    return False


@functools.cache
def _extractor_classes() -> tuple[Any, ...]:
    return tuple(gen_extractor_classes())  # in the order YoutubeDL tries them


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def _follow_references(ydl: Any, info: Info | None, guard: UrlGuard) -> Info | None:
    for _ in range(_MAX_REFERENCES):
        if info is None or info.get("_type") not in _REFERENCE_TYPES:
            return info
        target = text_of(info.get("url"))
        if target is None:
            return None
        if target.lower().startswith(("http://", "https://")):
            guard.check(target)
        followed = ydl.extract_info(target, download=False, process=False, ie_key=info.get("ie_key"))
        if followed is not None and info.get("_type") == "url_transparent":
            kept = {key: info[key] for key in _TRANSPARENT_FIELDS if info.get(key) is not None}
            followed = {**followed, **kept}
        info = followed
    return None


def _light_entries(info: Info, *, limit: int, listing_url: str, guard: UrlGuard) -> tuple[list[Track], int, int, int]:
    """(tracks, entries unusable, entries refused by the guard, positions looked at) of the first `limit`."""
    window = list(itertools.islice(_flattened(info.get("entries")), max(limit, 0)))
    tracks: list[Track] = []
    unusable = refused = 0
    for entry in window:
        track = light_track(entry, listing_url=listing_url) if isinstance(entry, Mapping) else None
        if track is None:
            unusable += 1  # yt-dlp leaves None (or a bare id) for entries it could not list
            continue
        try:
            guard.check(track.page_url)
        except (InvalidQuery, TrackUnavailable):
            refused += 1
            continue
        tracks.append(track)
    return tracks, unusable, refused, len(window)


def _flattened(entries: object) -> Iterator[object]:
    """Entries, lazily; a channel's home page lists its tabs as playlists: their entries are what users mean."""
    for entry in _lazily(entries):
        if _is_playlist(entry):
            yield from _lazily(entry.get("entries"))
        else:
            yield entry


def _lazily(entries: object) -> Iterator[object]:
    """yt-dlp's entries (a list, a generator, a LazyList or a PagedList) read only as far as they are used."""
    if isinstance(entries, PagedList):
        start = 0
        while page := entries.getslice(start, start + _PAGED_STEP):
            yield from page
            start += len(page)
    elif isinstance(entries, Iterable) and not isinstance(entries, str | bytes | Mapping):
        yield from entries


def _count(info: Info) -> int | None:
    """How many entries the playlist says it has, when it says (a list does; a lazy YouTube page may)."""
    count = info.get("playlist_count")
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        return count
    entries = info.get("entries")
    # Only a plain list of entries: len() of yt-dlp's LazyList would fetch every page of the playlist, and a
    # list of tabs says nothing about how many videos they hold.
    if not isinstance(entries, list | tuple) or any(_is_playlist(entry) for entry in entries):
        return None
    return len(entries)


def _is_playlist(entry: object) -> TypeGuard[Info]:
    return isinstance(entry, Mapping) and entry.get("_type") == "playlist"
