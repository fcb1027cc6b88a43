"""yt-dlp's flat playlist and search entries -> light `Track`s (no stream yet). Pure functions, no I/O.

With `extract_flat`, a playlist's entries are references (`_type: url` / `url_transparent`) carrying what the
listing page said about each item: a URL, often a title and a duration, sometimes nothing else. Pages with
several `<audio>` elements give full entries instead, whose only own URL is the media itself.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from musicbot.adapters.ytdlp.info_mapping import (
    Info,
    artist_of,
    duration_of,
    pick_stream,
    source_kind,
    text_of,
    thumbnail_of,
)
from musicbot.domain.track import SourceKind, Track

_WEB_SCHEMES = ("http://", "https://")
_HOST_SOURCES = (
    (("youtube.com", "youtu.be", "youtube-nocookie.com"), SourceKind.YOUTUBE),
    (("soundcloud.com",), SourceKind.SOUNDCLOUD),
    (("bandcamp.com",), SourceKind.BANDCAMP),
)
_MEDIA_SUFFIX_LENGTH = 5  # ".flac", ".opus": a longer "suffix" is part of the name ("Op. 27 No. 2")


def light_track(entry: Info, *, listing_url: str = "") -> Track | None:
    """The track `entry` refers to, resolvable later by its page URL; None when it names no usable URL."""
    page_url = entry_url(entry, listing_url=listing_url)
    if page_url is None:
        return None
    return Track(
        title=(text_of(entry.get("title")) or "").strip() or title_from_url(page_url),
        page_url=page_url,
        source=entry_source(entry, page_url),
        artist=artist_of(entry),
        duration=duration_of(entry),
        thumbnail=thumbnail_of(entry),
    )


def entry_url(entry: Info, *, listing_url: str = "") -> str | None:
    """The http(s) URL that identifies `entry` on its own (never the listing's URL, shared by every entry)."""
    candidates = [entry.get("webpage_url"), entry.get("url")]
    if entry.get("_type") not in {"url", "url_transparent"}:
        candidates.append(pick_stream(entry)[0])  # a full entry: the media URL is its only own address
    for candidate in candidates:
        url = text_of(candidate)
        if url and url.lower().startswith(_WEB_SCHEMES) and url != listing_url:
            return url
    return None


def entry_source(entry: Info, url: str) -> SourceKind:
    """The source an entry comes from: its extractor when yt-dlp named one, else its URL's host."""
    by_extractor = source_kind(text_of(entry.get("ie_key")) or text_of(entry.get("extractor_key")))
    if by_extractor is not SourceKind.HTTP:
        return by_extractor
    host = (urlsplit(url).hostname or "").lower()
    for domains, kind in _HOST_SOURCES:
        if any(host == domain or host.endswith("." + domain) for domain in domains):
            return kind
    return SourceKind.HTTP


def title_from_url(url: str) -> str:
    """A readable stand-in title: the file or page name (YouTube: the video id), else the host."""
    parts = urlsplit(url)
    name = unquote(parts.path.rstrip("/").rpartition("/")[2])
    if name.lower() in {"", "watch", "index.html", "index.php"}:
        video = parse_qs(parts.query).get("v")
        name = video[0] if video else ""
    suffix = PurePosixPath(name).suffix
    if 1 < len(suffix) <= _MEDIA_SUFFIX_LENGTH and suffix[1:].isalnum():
        name = name.removesuffix(suffix)
    return name.strip() or parts.hostname or url
