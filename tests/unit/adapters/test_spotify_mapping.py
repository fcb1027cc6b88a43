"""Spotify's JSON (full, simplified, 2026 playlist items) -> light SPOTIFY tracks."""

from __future__ import annotations

from typing import Any

import pytest

from musicbot.adapters.spotify.mapping import largest_image, playlist_entry_track, track_from_json
from musicbot.domain.track import SourceKind

IMAGES = [
    {"url": "https://i.scdn.co/image/small", "width": 64, "height": 64},
    {"url": "https://i.scdn.co/image/large", "width": 640, "height": 640},
]


def full_track(**overrides: Any) -> dict[str, Any]:
    track: dict[str, Any] = {
        "id": "0VjIjW4GlUZAMYd2vXMi3b",
        "name": "Blinding Lights",
        "type": "track",
        "duration_ms": 200_040,
        "is_local": False,
        "artists": [{"id": "1Xyo4u8uXC1ZmMpatF05PJ", "name": "The Weeknd"}],
        "album": {"id": "4yP0hdKOZPNshxUOjY0cZj", "name": "After Hours", "images": IMAGES},
    }
    return {**track, **overrides}


def test_a_full_track_keeps_what_matching_and_display_need() -> None:
    track = track_from_json(full_track())

    assert track is not None
    assert (track.title, track.artist, track.duration) == ("Blinding Lights", "The Weeknd", 200.04)
    assert track.page_url == "https://open.spotify.com/track/0VjIjW4GlUZAMYd2vXMi3b"
    assert (track.source, track.thumbnail, track.stream_url) == (SourceKind.SPOTIFY, IMAGES[1]["url"], None)


def test_several_artists_are_joined_and_a_simplified_track_takes_the_album_cover() -> None:
    simplified = full_track(artists=[{"name": "Calvin Harris"}, {"name": " Dua Lipa "}, {"name": ""}])
    del simplified["album"]

    track = track_from_json(simplified, album_image="https://i.scdn.co/image/album")

    assert track is not None
    assert (track.artist, track.thumbnail) == ("Calvin Harris, Dua Lipa", "https://i.scdn.co/image/album")


@pytest.mark.parametrize(
    "data",
    [
        None,
        "a string",
        full_track(is_local=True, id=None),
        full_track(type="episode"),
        full_track(name="   "),
        full_track(id=""),
    ],
)
def test_what_cannot_be_matched_is_left_out(data: object) -> None:
    assert track_from_json(data) is None


def test_odd_durations_are_unknown_rather_than_wrong() -> None:
    assert (track := track_from_json(full_track(duration_ms=None))) is not None and track.duration is None
    assert (track := track_from_json(full_track(duration_ms=-5))) is not None and track.duration is None
    assert (track := track_from_json(full_track(duration_ms=True))) is not None and track.duration is None


@pytest.mark.parametrize(
    "entry",
    [
        {"added_at": "2026-03-01T00:00:00Z", "item": full_track()},  # the 2026 shape
        {"added_at": "2019-03-01T00:00:00Z", "track": full_track()},  # the deprecated one
        {"item": full_track(), "track": full_track()},  # both, during the deprecation window
    ],
)
def test_playlist_entries_are_read_in_both_shapes(entry: dict[str, Any]) -> None:
    track = playlist_entry_track(entry)

    assert track is not None and track.title == "Blinding Lights"


def test_the_widest_image_wins_whatever_the_order() -> None:
    assert largest_image(list(reversed(IMAGES))) == IMAGES[1]["url"]
    assert largest_image([{"url": "https://i.scdn.co/image/x"}]) == "https://i.scdn.co/image/x"
    assert largest_image([]) is None
    assert largest_image(None) is None
