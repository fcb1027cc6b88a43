"""What can be played: a track's metadata and where its audio stream lives."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, field, replace
from datetime import datetime

from musicbot.domain.errors import InvalidTrack


class SourceKind(enum.StrEnum):
    YOUTUBE = "youtube"
    SOUNDCLOUD = "soundcloud"
    BANDCAMP = "bandcamp"
    SPOTIFY = "spotify"
    HTTP = "http"
    SEARCH = "search"
    LOCAL = "local"


@dataclass(frozen=True, slots=True, kw_only=True)
class Track:
    """A playable thing. `page_url` identifies it; `stream_url` is where its audio is now, and may expire."""

    title: str
    page_url: str
    source: SourceKind
    artist: str | None = None
    duration: float | None = None
    stream_url: str | None = None
    stream_expires_at: datetime | None = None
    thumbnail: str | None = None
    http_headers: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if not self.title.strip():
            raise InvalidTrack("a track needs a title")
        if not self.page_url.strip():
            raise InvalidTrack("a track needs a page URL")
        if self.duration is not None and not (math.isfinite(self.duration) and self.duration >= 0):
            raise InvalidTrack(f"duration must be a finite number of seconds, at least 0 ({self.duration})")

    def is_playable_at(self, now: datetime) -> bool:
        """True when the stream URL is known and not expired at `now`."""
        if self.stream_url is None:
            return False
        return self.stream_expires_at is None or now < self.stream_expires_at

    def without_stream(self) -> Track:
        """The same track with its (possibly stale) stream forgotten: what is stored in playlists."""
        return replace(self, stream_url=None, stream_expires_at=None, http_headers=())
