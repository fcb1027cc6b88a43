"""What the shared caches keep, as JSON values: tracks (their stream and its expiry included) and failures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from musicbot.application.errors import NoResults, TrackUnavailable
from musicbot.domain.track import SourceKind, Track


def track_to_json(track: Track) -> dict[str, Any]:
    return {
        "title": track.title,
        "page_url": track.page_url,
        "source": track.source.value,
        "artist": track.artist,
        "duration": track.duration,
        "stream_url": track.stream_url,
        "stream_expires_at": None if track.stream_expires_at is None else track.stream_expires_at.isoformat(),
        "thumbnail": track.thumbnail,
        "http_headers": [list(pair) for pair in track.http_headers],
    }


def track_from_json(data: dict[str, Any]) -> Track:
    expires = data["stream_expires_at"]
    return Track(
        title=str(data["title"]),
        page_url=str(data["page_url"]),
        source=SourceKind(data["source"]),
        artist=_text(data["artist"]),
        duration=None if data["duration"] is None else float(data["duration"]),
        stream_url=_text(data["stream_url"]),
        stream_expires_at=None if expires is None else datetime.fromisoformat(expires),
        thumbnail=_text(data["thumbnail"]),
        http_headers=tuple((str(name), str(value)) for name, value in data["http_headers"]),
    )


def shareable(error: TrackUnavailable) -> bool:
    """A failure trying again will not mend, of a kind the JSON form says exactly (subclasses carry more)."""
    return not error.transient and type(error) in (TrackUnavailable, NoResults)


def failure_to_json(error: TrackUnavailable) -> dict[str, Any]:
    if isinstance(error, NoResults):
        return {"no_results": error.query}
    return {"reason": error.reason}


def failure_from_json(data: dict[str, Any]) -> TrackUnavailable:
    if "no_results" in data:
        return NoResults(str(data["no_results"]))
    return TrackUnavailable(str(data["reason"]))


def _text(value: object) -> str | None:
    return None if value is None else str(value)
