"""Domain values to rows and back: tracks (metadata only) and UTC timestamps."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import RowMapping

from musicbot.domain.track import SourceKind, Track


def track_values(track: Track) -> dict[str, object]:
    return {
        "title": _text(track.title),
        "artist": _text(track.artist),
        "duration": track.duration,
        "source": track.source.value,
        "page_url": _text(track.page_url),
        "thumbnail": _text(track.thumbnail),
    }


def _text(value: str | None) -> str | None:
    # PostgreSQL refuses NUL in text; a title scraped from a page may hold one, and it means nothing.
    return None if value is None else value.replace("\x00", "")


def track_from(row: RowMapping) -> Track:
    return Track(
        title=row["title"],
        artist=row["artist"],
        duration=row["duration"],
        source=SourceKind(row["source"]),
        page_url=row["page_url"],
        thumbnail=row["thumbnail"],
    )


def utc(moment: datetime) -> datetime:
    """SQLite hands timestamps back without a zone; they were stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def to_utc(moment: datetime) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError("timestamps are stored timezone-aware")
    return moment.astimezone(UTC)
