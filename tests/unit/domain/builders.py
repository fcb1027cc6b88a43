"""Small factories for domain objects: tests say only what matters to them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from musicbot.domain.ids import UserId
from musicbot.domain.song import Song
from musicbot.domain.track import SourceKind, Track

T0 = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
ALICE = UserId(1)


def at(seconds: float) -> datetime:
    """`seconds` after T0."""
    return T0 + timedelta(seconds=seconds)


def make_track(title: str = "Song", **overrides: object) -> Track:
    fields: dict[str, object] = {
        "title": title,
        "page_url": f"https://example.com/watch/{title}",
        "source": SourceKind.YOUTUBE,
    }
    fields.update(overrides)
    return Track(**fields)  # type: ignore[arg-type]


def playable_track(title: str = "Song", *, expires_at: datetime | None = None) -> Track:
    return make_track(
        title,
        stream_url=f"https://cdn.example.com/{title}.webm",
        stream_expires_at=expires_at,
        http_headers=(("User-Agent", "musicbot"),),
    )


def make_song(title: str = "Song", **overrides: object) -> Song:
    fields: dict[str, object] = {"track": make_track(title), "requester": ALICE, "requested_at": T0}
    fields.update(overrides)
    return Song(**fields)  # type: ignore[arg-type]
