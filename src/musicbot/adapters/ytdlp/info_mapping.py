"""A yt-dlp info dict -> a domain `Track`. Pure functions: no yt-dlp import, no I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from musicbot.application.errors import TrackUnavailable
from musicbot.domain.track import SourceKind, Track

Info = Mapping[str, Any]

# Re-resolve this long before a stream URL's own deadline: a song may start a few minutes before it.
EXPIRY_SAFETY_MARGIN = timedelta(minutes=5)

_EXTRACTOR_SOURCES = (("youtube", SourceKind.YOUTUBE), ("soundcloud", SourceKind.SOUNDCLOUD),
                      ("bandcamp", SourceKind.BANDCAMP))  # fmt: skip
_EXPIRE_IN_PATH = re.compile(r"/expire/(\d+)(?:/|$)")  # YouTube manifest URLs carry it as a path segment
_PLAYABLE_SCHEMES = frozenset({"http", "https"})
_ARTIST_KEYS = ("artist", "artists", "creator", "creators", "uploader", "channel")


def track_from_info(info: Info, *, original_url: str, now: datetime, local_path: Path | None = None) -> Track:
    """The track `info` describes. `local_path` is set when the user asked for a local file."""
    stream_url, headers = pick_stream(info)
    page_url = text_of(info.get("webpage_url")) or text_of(info.get("original_url")) or original_url
    if local_path is not None:
        source = SourceKind.LOCAL
        # FFmpeg does not percent-decode file: URLs ("a%20b.mp3"), so it gets the path itself.
        stream_url, headers = str(local_path), ()
        page_url = local_path.as_uri()
    else:
        source = source_kind(text_of(info.get("extractor_key")) or text_of(info.get("ie_key")))
        if stream_url is None:
            raise TrackUnavailable("no playable audio format found")
        if urlsplit(stream_url).scheme.lower() not in _PLAYABLE_SCHEMES:
            # A web page must never make FFmpeg open file:, concat: or other local inputs.
            raise TrackUnavailable("the source points to a stream I will not open")
    return Track(
        title=_title(info, page_url),
        page_url=page_url,
        source=source,
        artist=artist_of(info),
        duration=duration_of(info),
        stream_url=stream_url,
        stream_expires_at=stream_expiry(stream_url, now) if source is not SourceKind.LOCAL else None,
        thumbnail=thumbnail_of(info),
        http_headers=headers,
    )


def source_kind(extractor_key: str | None) -> SourceKind:
    key = (extractor_key or "").lower()
    for prefix, kind in _EXTRACTOR_SOURCES:
        if key.startswith(prefix):
            return kind
    return SourceKind.HTTP  # Generic, HTML5MediaEmbed and every site we have no special handling for


def pick_stream(info: Info) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The audio stream URL and the HTTP headers it must be fetched with."""
    chosen: Info = info
    if not text_of(info.get("url")):
        requested = _dicts(info.get("requested_formats"))
        # A merged video+audio choice: the audio-only part is what we play.
        audio = [f for f in requested if f.get("vcodec") == "none"]
        candidates = audio or requested or _dicts(info.get("formats"))[-1:]
        chosen = candidates[0] if candidates else info
    url = text_of(chosen.get("url"))
    headers = chosen.get("http_headers") or info.get("http_headers") or {}
    pairs = tuple((str(k), str(v)) for k, v in headers.items()) if isinstance(headers, Mapping) else ()
    return url, pairs


def duration_of(info: Info) -> float | None:
    if info.get("is_live") or info.get("live_status") in {"is_live", "is_upcoming"}:
        return None
    value = info.get("duration")
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    return None


def stream_expiry(stream_url: str, now: datetime) -> datetime | None:
    """When to stop trusting `stream_url`: its `expire=` deadline (unix time) minus a safety margin."""
    parts = urlsplit(stream_url)
    values = parse_qs(parts.query).get("expire") or _EXPIRE_IN_PATH.findall(parts.path)
    if not values or not values[0].isdigit():
        return None
    try:
        expires = datetime.fromtimestamp(int(values[0]), tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    left = expires - now
    if left <= timedelta(0):
        # Already past by our clock: more likely our clock is off than the site handing out dead links, so
        # claim nothing and let playback tell.
        return None
    # A short-lived URL keeps half its life rather than being born stale.
    return expires - min(EXPIRY_SAFETY_MARGIN, left / 2)


def _title(info: Info, page_url: str) -> str:
    title = (text_of(info.get("title")) or "").strip()
    if info.get("extractor_key") == "HTML5MediaEmbed":
        title = title.removesuffix(" (1)")  # yt-dlp numbers a page's media even when there is only one
    if title:
        return title
    segment = unquote(urlsplit(page_url).path.rstrip("/").rpartition("/")[2])
    return segment or page_url


def artist_of(info: Info) -> str | None:
    for key in _ARTIST_KEYS:
        value = info.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def thumbnail_of(info: Info) -> str | None:
    if thumbnail := text_of(info.get("thumbnail")):
        return thumbnail
    thumbnails = _dicts(info.get("thumbnails"))
    return text_of(thumbnails[-1].get("url")) if thumbnails else None  # yt-dlp sorts them best last


def text_of(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _dicts(value: object) -> Sequence[Info]:
    if not isinstance(value, list | tuple):
        return ()
    return [item for item in value if isinstance(item, Mapping)]
