"""The playlist file format: what is written, and every way a file is refused (with a reason to fix it)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from musicbot.application.playlists.file_format import MAX_FILE_BYTES, decode, encode
from musicbot.application.storage_errors import InvalidPlaylistFile
from musicbot.domain.playlist import PlaylistName
from musicbot.domain.track import SourceKind, Track

TRACK = Track(
    title="Song",
    artist="Band",
    duration=215.0,
    source=SourceKind.YOUTUBE,
    page_url="https://y/1",
    thumbnail="https://i/1.jpg",
)
SEARCH = Track(title="words", page_url="band - song", source=SourceKind.SEARCH)


def document(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = json.loads(
        encode(PlaylistName("Mix"), [TRACK, SEARCH], exported_at=datetime(2025, 1, 1, tzinfo=UTC))
    )
    base.update(changes)
    return base


def track_entry(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {**document()["tracks"][0], **changes}
    return entry


def test_a_file_reads_back_as_it_was_written() -> None:
    written = document()

    assert written["format"] == "musicbot-playlist" and written["version"] == 1
    assert written["exported_at"] == "2025-01-01T00:00:00+00:00"
    read = decode(json.dumps(written), max_tracks=10)
    assert (read.name, read.tracks) == (PlaylistName("Mix"), (TRACK, SEARCH))


def test_optional_fields_may_be_left_out() -> None:
    entry = {"title": "t", "source": "http", "page_url": "http://radio/stream"}
    read = decode(json.dumps(document(tracks=[entry])), max_tracks=1)
    assert read.tracks == (Track(title="t", source=SourceKind.HTTP, page_url="http://radio/stream"),)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xff\xfe", "not JSON"),
        (b"[1, 2]", "expected a JSON object"),
        (json.dumps(document(format="other")), "not a musicbot playlist"),
        (json.dumps(document(version=2)), "version 2 is not supported"),
        (json.dumps(document(extra=1)), "unknown field"),
        (json.dumps(document(name="")), "missing or empty"),
        (json.dumps(document(name="a\tb")), "bad name"),
        (json.dumps(document(name="x" * 51)), "bad name"),
        (json.dumps(document(tracks={})), "must be a list"),
        (json.dumps(document(tracks=[TRACK.title])), "track 1 is not an object"),
        (json.dumps(document(tracks=[track_entry(stream_url="https://cdn")])), "unknown field"),
        (json.dumps(document(tracks=[track_entry(source="local", page_url="/etc/passwd")])), "cannot be imported"),
        (json.dumps(document(tracks=[track_entry(source="napster")])), "unknown source"),
        (json.dumps(document(tracks=[track_entry(page_url="file:///etc/passwd")])), "http"),
        (json.dumps(document(tracks=[track_entry(thumbnail="javascript:x")])), "thumbnail"),
        (json.dumps(document(tracks=[track_entry(duration=-1)])), "duration"),
        (json.dumps(document(tracks=[track_entry(duration=True)])), "duration"),
        (json.dumps(document(tracks=[track_entry(duration="3")])), "duration"),
        (json.dumps(document(tracks=[track_entry(duration=float("nan"))])), "duration"),
        (json.dumps(document(tracks=[track_entry(title=" ")])), "title"),
        (json.dumps(document(tracks=[track_entry(title=5)])), "must be text"),
        (json.dumps(document(tracks=[track_entry(title="x" * 501)])), "longer than 500"),
        (json.dumps(document(tracks=[track_entry(artist="a\x00b")])), "NUL"),
        (json.dumps(document(tracks=[track_entry()] * 3)), "at most 2"),
        (b" " * (MAX_FILE_BYTES + 1), "larger than"),
        ("[" * 100_000, "not JSON"),
    ],
)
def test_a_bad_file_is_refused_with_a_reason(content: str | bytes, reason: str) -> None:
    with pytest.raises(InvalidPlaylistFile, match=reason):
        decode(content, max_tracks=2)


LOCAL = Track(title="My song", page_url="file:///home/me/My%20song.mp3", source=SourceKind.LOCAL, duration=3.0)


def test_local_files_read_back_where_local_files_are_allowed() -> None:
    written = encode(PlaylistName("Mine"), [LOCAL, TRACK], exported_at=datetime(2025, 1, 1, tzinfo=UTC))

    assert decode(written, max_tracks=2, allow_local=True).tracks == (LOCAL, TRACK)
    with pytest.raises(InvalidPlaylistFile, match=r"track 1 is a local file: .* only at the console"):
        decode(written, max_tracks=2)


@pytest.mark.parametrize("page_url", ["/etc/passwd", "https://example.com/a.mp3", "file://host/share/a.mp3"])
def test_a_local_track_must_name_a_file_uri(page_url: str) -> None:
    content = json.dumps(document(tracks=[track_entry(source="local", page_url=page_url)]))
    with pytest.raises(InvalidPlaylistFile, match="file:/// URI"):
        decode(content, max_tracks=2, allow_local=True)
