"""The info dict -> Track mapping, with dicts shaped like the ones yt-dlp returns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from musicbot.adapters.ytdlp.info_mapping import (
    EXPIRY_SAFETY_MARGIN,
    duration_of,
    pick_stream,
    source_kind,
    stream_expiry,
    track_from_info,
)
from musicbot.application.errors import TrackUnavailable
from musicbot.domain.track import SourceKind

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
IN_SIX_HOURS = int((NOW + timedelta(hours=6)).timestamp())


def youtube_info(**overrides: Any) -> dict[str, Any]:
    info: dict[str, Any] = {
        "id": "dQw4w9WgXcQ",
        "title": "Never Gonna Give You Up",
        "uploader": "Rick Astley",
        "channel": "Rick Astley",
        "duration": 213,
        "extractor_key": "Youtube",
        "webpage_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "url": f"https://rr1.googlevideo.com/videoplayback?expire={IN_SIX_HOURS}&itag=251&mime=audio%2Fwebm",
        "http_headers": {"User-Agent": "Mozilla/5.0", "Accept": "*/*"},
        "thumbnail": "https://i.ytimg.com/vi/dQw4w9WgXcQ/maxresdefault.jpg",
    }
    return info | overrides


def test_a_youtube_video_maps_to_a_complete_track() -> None:
    track = track_from_info(youtube_info(), original_url="https://youtu.be/dQw4w9WgXcQ", now=NOW)

    assert track.title == "Never Gonna Give You Up"
    assert track.artist == "Rick Astley"
    assert track.duration == 213.0
    assert track.source is SourceKind.YOUTUBE
    assert track.page_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert track.stream_url is not None
    assert track.stream_url.startswith("https://rr1.googlevideo.com/")
    assert track.http_headers == (("User-Agent", "Mozilla/5.0"), ("Accept", "*/*"))
    assert track.thumbnail == "https://i.ytimg.com/vi/dQw4w9WgXcQ/maxresdefault.jpg"
    assert track.stream_expires_at == datetime.fromtimestamp(IN_SIX_HOURS, UTC) - EXPIRY_SAFETY_MARGIN


def test_expire_is_parsed_from_the_query_string_minus_the_margin() -> None:
    url = f"https://host/videoplayback?itag=251&expire={IN_SIX_HOURS}&ei=x"

    assert stream_expiry(url, NOW) == NOW + timedelta(hours=6) - timedelta(minutes=5)


def test_expire_is_parsed_from_a_manifest_path() -> None:
    url = f"https://manifest.googlevideo.com/api/manifest/hls_playlist/expire/{IN_SIX_HOURS}/ei/abc/index.m3u8"

    assert stream_expiry(url, NOW) == NOW + timedelta(hours=6) - timedelta(minutes=5)


def test_a_short_lived_url_keeps_half_its_life_instead_of_being_born_stale() -> None:
    expires = int((NOW + timedelta(minutes=4)).timestamp())

    assert stream_expiry(f"https://host/a?expire={expires}", NOW) == NOW + timedelta(minutes=2)


@pytest.mark.parametrize(
    "url",
    [
        "https://host/a.mp3",
        "https://host/a?expire=soon",
        "https://host/a?expire=",
        f"https://host/a?expire={int((NOW - timedelta(hours=1)).timestamp())}",  # past: our clock is off
        "https://host/a?expire=99999999999999999999",
    ],
)
def test_no_usable_expire_means_no_expiry(url: str) -> None:
    assert stream_expiry(url, NOW) is None


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("Youtube", SourceKind.YOUTUBE),
        ("YoutubeTab", SourceKind.YOUTUBE),
        ("Soundcloud", SourceKind.SOUNDCLOUD),
        ("SoundcloudSet", SourceKind.SOUNDCLOUD),
        ("Bandcamp", SourceKind.BANDCAMP),
        ("BandcampAlbum", SourceKind.BANDCAMP),
        ("Generic", SourceKind.HTTP),
        ("HTML5MediaEmbed", SourceKind.HTTP),
        ("Vimeo", SourceKind.HTTP),
        (None, SourceKind.HTTP),
    ],
)
def test_the_source_kind_follows_the_extractor(key: str | None, kind: SourceKind) -> None:
    assert source_kind(key) is kind


@pytest.mark.parametrize(
    ("overrides", "artist"),
    [
        ({"artist": "Queen", "uploader": "Queen Official"}, "Queen"),
        ({"artists": ["Daft Punk", "Pharrell"], "uploader": "x"}, "Daft Punk, Pharrell"),
        ({"creator": "Björk", "uploader": "x"}, "Björk"),
        ({"uploader": None, "channel": "Some Channel"}, "Some Channel"),
        ({"uploader": "  ", "channel": None}, None),
    ],
)
def test_the_artist_is_the_most_specific_name_given(overrides: dict[str, Any], artist: str | None) -> None:
    info = youtube_info(channel=None) | overrides

    assert track_from_info(info, original_url="u", now=NOW).artist == artist


def test_a_live_stream_has_no_duration() -> None:
    assert duration_of({"duration": 3600, "is_live": True}) is None
    assert duration_of({"duration": 10, "live_status": "is_live"}) is None
    assert duration_of({"duration": 12.5, "live_status": "was_live"}) == 12.5
    assert duration_of({"duration": "3:00"}) is None


def test_without_a_title_the_last_path_segment_names_the_track() -> None:
    info = {"url": "https://cdn.example/music/My%20Song.mp3", "extractor_key": "Generic", "title": ""}

    track = track_from_info(info, original_url="https://cdn.example/music/My%20Song.mp3", now=NOW)

    assert track.title == "My Song.mp3"
    assert track.page_url == "https://cdn.example/music/My%20Song.mp3"
    assert track.stream_expires_at is None


def test_an_html5_embed_loses_the_numbering_yt_dlp_adds() -> None:
    info = {"title": "Concert (1)", "url": "http://h/a.ogg", "extractor_key": "HTML5MediaEmbed"}

    assert track_from_info(info, original_url="http://h/page", now=NOW).title == "Concert"


def test_the_stream_comes_from_the_audio_part_of_merged_formats() -> None:
    info = {
        "requested_formats": [
            {"url": "https://v/video", "vcodec": "avc1", "http_headers": {"A": "video"}},
            {"url": "https://v/audio", "vcodec": "none", "http_headers": {"A": "audio"}},
        ]
    }

    assert pick_stream(info) == ("https://v/audio", (("A", "audio"),))


def test_without_a_chosen_format_the_best_listed_one_is_used() -> None:
    info = {"formats": [{"url": "https://v/worst"}, {"url": "https://v/best"}], "http_headers": {"R": "1"}}

    assert pick_stream(info) == ("https://v/best", (("R", "1"),))


def test_no_stream_at_all_is_unavailable() -> None:
    with pytest.raises(TrackUnavailable, match="no playable audio format"):
        track_from_info({"title": "x", "formats": []}, original_url="https://h/x", now=NOW)


@pytest.mark.parametrize("stream", ["file:///etc/passwd", "concat:a|b", "rtmp://h/live"])
def test_a_web_source_cannot_hand_ffmpeg_a_non_http_stream(stream: str) -> None:
    with pytest.raises(TrackUnavailable):
        track_from_info({"title": "x", "url": stream, "extractor_key": "Generic"}, original_url="https://h", now=NOW)


def test_a_local_file_plays_from_its_path(tmp_path: Path) -> None:
    path = tmp_path / "my song.flac"
    info = {"title": "my song", "url": path.as_uri(), "extractor_key": "Generic", "http_headers": {"UA": "x"}}

    track = track_from_info(info, original_url=path.as_uri(), now=NOW, local_path=path)

    assert track.source is SourceKind.LOCAL
    assert track.stream_url == str(path)
    assert track.page_url == path.as_uri()
    assert track.http_headers == ()
    assert track.stream_expires_at is None
