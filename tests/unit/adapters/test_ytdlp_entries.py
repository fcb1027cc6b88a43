"""Flat playlist and search entries -> light tracks, with entries shaped like the ones yt-dlp gives."""

from __future__ import annotations

from typing import Any

import pytest

from musicbot.adapters.ytdlp.entries import entry_source, entry_url, light_track, title_from_url
from musicbot.domain.track import SourceKind

LISTING = "https://example.com/feed.rss"


def youtube_entry(**overrides: Any) -> dict[str, Any]:
    """What YouTube's playlist and search pages give per video (`YoutubeTabBaseInfoExtractor._extract_video`)."""
    entry: dict[str, Any] = {
        "_type": "url",
        "ie_key": "Youtube",
        "id": "jfKfPfyJRdk",
        "url": "https://www.youtube.com/watch?v=jfKfPfyJRdk",
        "title": "lofi hip hop radio - beats to relax/study to",
        "description": None,
        "duration": 185,
        "channel_id": "UCSJ4gkVC6NrvII8umztf0Ow",
        "channel": "Lofi Girl",
        "channel_url": "https://www.youtube.com/channel/UCSJ4gkVC6NrvII8umztf0Ow",
        "uploader": "Lofi Girl",
        "thumbnails": [{"url": "https://i.ytimg.com/vi/jfKfPfyJRdk/hq720.jpg", "height": 202, "width": 360}],
        "view_count": 1200,
        "live_status": None,
    }
    return entry | overrides


def test_a_youtube_entry_becomes_a_light_track() -> None:
    track = light_track(youtube_entry())

    assert track is not None
    assert track.title == "lofi hip hop radio - beats to relax/study to"
    assert track.page_url == "https://www.youtube.com/watch?v=jfKfPfyJRdk"
    assert track.source is SourceKind.YOUTUBE
    assert track.artist == "Lofi Girl"
    assert track.duration == 185.0
    assert track.thumbnail == "https://i.ytimg.com/vi/jfKfPfyJRdk/hq720.jpg"
    assert track.stream_url is None
    assert track.http_headers == ()


def test_a_live_entry_has_no_duration() -> None:
    track = light_track(youtube_entry(live_status="is_live", duration=None))

    assert track is not None
    assert track.duration is None


def test_a_soundcloud_search_entry_is_known_by_its_permalink_not_its_api_url() -> None:
    entry = {
        "_type": "url",
        "url": "https://api.soundcloud.com/tracks/1234567",
        "ie_key": "Soundcloud",
        "id": "1234567",
        "title": "Night Drive",
        "uploader": "synth artist",
        "duration": 215.4,
        "webpage_url": "https://soundcloud.com/synth-artist/night-drive",
        "formats": [],
    }

    track = light_track(entry)

    assert track is not None
    assert track.page_url == "https://soundcloud.com/synth-artist/night-drive"
    assert track.source is SourceKind.SOUNDCLOUD
    assert (track.title, track.artist, track.duration) == ("Night Drive", "synth artist", 215.4)


def test_an_untitled_soundcloud_set_entry_is_named_after_its_url() -> None:
    entry = {
        "_type": "url_transparent",
        "url": "https://soundcloud.com/synth-artist/night-drive",
        "ie_key": "Soundcloud",
        "id": "1234567",
        "album": "Drives",
    }

    track = light_track(entry)

    assert track is not None
    assert track.title == "night-drive"
    assert track.source is SourceKind.SOUNDCLOUD


def test_a_bandcamp_album_entry_keeps_its_title() -> None:
    entry = {
        "_type": "url",
        "url": "https://artist.bandcamp.com/track/first-song",
        "ie_key": "Bandcamp",
        "id": "42",
        "title": "First Song",
    }

    track = light_track(entry)

    assert track is not None
    assert (track.title, track.source) == ("First Song", SourceKind.BANDCAMP)


def test_a_feed_item_points_at_its_enclosure() -> None:
    entry = {"_type": "url_transparent", "url": "https://cdn.example/ep1.mp3", "title": "Episode 1", "duration": None}

    track = light_track(entry, listing_url=LISTING)

    assert track is not None
    assert (track.title, track.page_url, track.source) == ("Episode 1", "https://cdn.example/ep1.mp3", SourceKind.HTTP)


def test_a_full_entry_from_a_page_of_players_is_known_by_its_media_url() -> None:
    # A page with several <audio> elements: yt-dlp gives full entries with formats and the page's own URL.
    entry = {
        "id": "list-2",
        "title": "Audio list (2)",
        "extractor_key": "HTML5MediaEmbed",
        "webpage_url": LISTING,
        "formats": [{"url": "https://example.com/media/b.mp3", "vcodec": "none"}],
    }

    track = light_track(entry, listing_url=LISTING)

    assert track is not None
    assert track.page_url == "https://example.com/media/b.mp3"
    assert track.title == "Audio list (2)"


@pytest.mark.parametrize(
    "entry",
    [
        {"_type": "url", "url": "jfKfPfyJRdk", "ie_key": "Youtube"},  # a bare id: nothing to refresh later
        {"_type": "url", "url": "file:///etc/passwd"},
        {"_type": "url", "url": LISTING},
        {"title": "no url at all"},
    ],
)
def test_entries_without_an_own_web_url_give_no_track(entry: dict[str, Any]) -> None:
    assert entry_url(entry, listing_url=LISTING) is None
    assert light_track(entry, listing_url=LISTING) is None


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://youtu.be/abc", SourceKind.YOUTUBE),
        ("https://music.youtube.com/watch?v=abc", SourceKind.YOUTUBE),
        ("https://m.soundcloud.com/a/b", SourceKind.SOUNDCLOUD),
        ("https://artist.bandcamp.com/track/x", SourceKind.BANDCAMP),
        ("https://notbandcamp.com/track/x", SourceKind.HTTP),
        ("https://cdn.example/a.mp3", SourceKind.HTTP),
    ],
)
def test_without_an_extractor_the_host_tells_the_source(url: str, kind: SourceKind) -> None:
    assert entry_source({"_type": "url", "url": url}, url) is kind


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("https://cdn.example/podcast/Episode%2012.mp3?n=3", "Episode 12"),
        ("https://www.youtube.com/watch?v=jfKfPfyJRdk&list=PL1", "jfKfPfyJRdk"),
        ("https://soundcloud.com/artist/night-drive/", "night-drive"),
        ("https://example.com/Op. 27 No. 2", "Op. 27 No. 2"),
        ("https://example.com/", "example.com"),
    ],
)
def test_a_title_from_a_url_is_its_readable_name(url: str, title: str) -> None:
    assert title_from_url(url) == title
