"""Spotify Web API JSON -> light `Track`s (source SPOTIFY, no stream): what the matcher needs, nothing more."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from musicbot.adapters.spotify.links import track_url
from musicbot.domain.errors import InvalidTrack
from musicbot.domain.track import SourceKind, Track

Json = Mapping[str, Any]


def track_from_json(data: object, *, album_image: str | None = None) -> Track | None:
    """A track object (full or simplified) as a light track; None for local files, episodes and gaps.

    Simplified tracks (an album's) carry no album, so its cover comes in as `album_image`.
    """
    if not isinstance(data, Mapping) or data.get("type", "track") != "track" or data.get("is_local"):
        return None
    track_id, name = data.get("id"), data.get("name")
    if not isinstance(track_id, str) or not track_id or not isinstance(name, str) or not name.strip():
        return None
    album = data.get("album")
    thumbnail = largest_image(album.get("images")) if isinstance(album, Mapping) else None
    try:
        return Track(
            title=name.strip(),
            page_url=track_url(track_id),
            source=SourceKind.SPOTIFY,
            artist=artist_names(data.get("artists")),
            duration=_seconds(data.get("duration_ms")),
            thumbnail=thumbnail or album_image,
        )
    except InvalidTrack:
        return None


def playlist_entry_track(entry: object) -> Track | None:
    """A playlist item: since 2026-02 the track sits under "item" ("track" is the deprecated old name)."""
    if not isinstance(entry, Mapping):
        return None
    return track_from_json(entry.get("item") or entry.get("track"))


def artist_names(artists: object) -> str | None:
    if not isinstance(artists, Sequence):
        return None
    names = [a["name"].strip() for a in artists if isinstance(a, Mapping) and isinstance(a.get("name"), str)]
    return ", ".join(name for name in names if name) or None


def has_artist(data: object, artist_id: str) -> bool:
    artists = data.get("artists") if isinstance(data, Mapping) else None
    return isinstance(artists, Sequence) and any(isinstance(a, Mapping) and a.get("id") == artist_id for a in artists)


def largest_image(images: object) -> str | None:
    """Spotify lists images widest first, but says so nowhere: pick the widest explicitly."""
    if not isinstance(images, Sequence):
        return None
    found = [i for i in images if isinstance(i, Mapping) and isinstance(i.get("url"), str)]
    if not found:
        return None
    return str(max(found, key=lambda image: image.get("width") or 0)["url"])


def _seconds(duration_ms: object) -> float | None:
    if isinstance(duration_ms, bool) or not isinstance(duration_ms, int | float) or duration_ms < 0:
        return None
    return duration_ms / 1000.0
