"""Search queries and flat results. Real searches need the internet: these use recorded result shapes.

`RecordedYoutubeDL` stands in for `YoutubeDL.extract_info(..., process=False)` only: it returns the raw dict
the search or playlist extractor would return, entries as a lazy generator as YouTube's are.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any

import pytest
from yt_dlp.utils import OnDemandPagedList

from musicbot.adapters.net_guard import UrlGuard
from musicbot.adapters.ytdlp.playlists import is_single_item, list_playlist, search_entries
from musicbot.adapters.ytdlp.queries import QueryKind, parse_query, search_target
from musicbot.application.errors import InvalidQuery
from musicbot.domain.track import SourceKind
from tests.unit.adapters.test_ytdlp_entries import youtube_entry

# Every name looks public (no DNS here); private address literals are still refused.
PUBLIC_GUARD = UrlGuard(lookup=lambda host: [ipaddress.ip_address("142.250.185.78")])


class RecordedYoutubeDL:
    def __init__(self, results: dict[str, dict[str, Any]]) -> None:
        self.results = results
        self.asked: list[tuple[str, str | None]] = []
        self.entries_taken = 0

    def extract_info(self, url: str, *, download: bool, process: bool, ie_key: str | None = None) -> dict[str, Any]:
        assert (download, process) == (False, False)
        self.asked.append((url, ie_key))
        result = dict(self.results[url])
        if isinstance(result.get("entries"), list):
            result["entries"] = self._lazily(result["entries"])
        return result

    def _lazily(self, entries: list[Any]) -> Iterator[Any]:
        for entry in entries:
            self.entries_taken += 1
            yield entry


def videos(count: int) -> list[dict[str, Any]]:
    return [
        youtube_entry(id=f"v{n:09d}x", url=f"https://www.youtube.com/watch?v=v{n:09d}x", title=f"Song {n}")
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize(
    ("words", "default", "limit", "target"),
    [
        ("lofi beats", "ytsearch", 5, "ytsearch5:lofi beats"),
        ("  lofi beats  ", "scsearch", 10, "scsearch10:lofi beats"),
        ("scsearch:night drive", "ytsearch", 5, "scsearch5:night drive"),
        ("SCSearch: night drive", "ytsearch", 5, "scsearch5:night drive"),
        ("ytsearch:lofi", "scsearch", 3, "ytsearch3:lofi"),
        ("ytsearch25:lofi", "ytsearch", 3, "ytsearch3:lofi"),  # our limit, not the user's
        ("ytsearchall:lofi", "ytsearch", 3, "ytsearch3:lofi"),
        ("gvsearch:lofi", "ytsearch", 1, "ytsearch1:gvsearch:lofi"),  # not allowed: just words
        ("ytmsearch:lofi", "ytsearch", 1, "ytsearch1:ytmsearch:lofi"),  # yt-dlp has no such key
        ("Queen: Bohemian Rhapsody", "ytsearch", 0, "ytsearch1:Queen: Bohemian Rhapsody"),
    ],
)
def test_the_search_target(words: str, default: str, limit: int, target: str) -> None:
    assert search_target(words, default_search=default, limit=limit) == target


@pytest.mark.parametrize("words", ["", "   ", "scsearch:", "ytsearch5:   "])
def test_nothing_to_search_for_is_invalid(words: str) -> None:
    with pytest.raises(InvalidQuery):
        search_target(words, default_search="ytsearch")


def test_a_typed_search_prefix_also_works_for_play() -> None:
    query = parse_query("scsearch:night drive", default_search="ytsearch", allow_local_files=False)

    assert (query.kind, query.target) == (QueryKind.SEARCH, "scsearch1:night drive")


def test_search_results_become_light_tracks_best_first_without_reading_past_the_limit() -> None:
    ydl = RecordedYoutubeDL({"ytsearch3:lofi": {"_type": "playlist", "id": "lofi", "entries": videos(20)}})

    tracks = search_entries(ydl, "ytsearch3:lofi", limit=3, guard=PUBLIC_GUARD)

    assert [t.title for t in tracks] == ["Song 1", "Song 2", "Song 3"]
    assert all(t.source is SourceKind.YOUTUBE and t.stream_url is None for t in tracks)
    assert ydl.entries_taken == 3  # YouTube pages lazily: taking more would cost requests


def test_search_results_that_point_at_private_addresses_are_dropped() -> None:
    entries = [youtube_entry(url="http://10.0.0.5/admin", ie_key=None, title="trap"), *videos(2)]
    ydl = RecordedYoutubeDL({"ytsearch3:x": {"_type": "playlist", "entries": entries}})

    tracks = search_entries(ydl, "ytsearch3:x", limit=3, guard=PUBLIC_GUARD)

    assert [t.title for t in tracks] == ["Song 1", "Song 2"]


def test_a_long_lazy_playlist_is_read_to_the_limit_and_its_count_tells_what_was_left() -> None:
    url = "https://www.youtube.com/playlist?list=PLabc"
    entries: list[Any] = videos(150)
    entries[3] = None  # an entry yt-dlp could not list
    ydl = RecordedYoutubeDL({url: {"_type": "playlist", "title": "Mix", "playlist_count": 150, "entries": entries}})

    listing = list_playlist(ydl, url, limit=100, guard=PUBLIC_GUARD)

    assert listing is not None
    assert listing.title == "Mix"
    assert len(listing.entries) == 99
    assert listing.skipped == 1 + 50
    assert listing.note is None
    assert ydl.entries_taken == 100


def test_without_a_count_a_full_window_says_there_may_be_more() -> None:
    url = "https://www.youtube.com/playlist?list=PLabc"
    ydl = RecordedYoutubeDL({url: {"_type": "playlist", "title": "Mix", "entries": videos(30)}})

    listing = list_playlist(ydl, url, limit=10, guard=PUBLIC_GUARD)

    assert listing is not None
    assert (len(listing.entries), listing.skipped) == (10, 0)
    assert listing.note == "only the first 10 entries were loaded"


def test_a_page_pointing_at_a_playlist_is_followed_with_its_extractor() -> None:
    page, playlist = "https://blog.example/post", "https://www.youtube.com/playlist?list=PLabc"
    ydl = RecordedYoutubeDL(
        {
            page: {"_type": "url", "url": playlist, "ie_key": "YoutubeTab"},
            playlist: {"_type": "playlist", "title": "Embedded", "entries": videos(2)},
        }
    )

    listing = list_playlist(ydl, page, limit=10, guard=PUBLIC_GUARD)

    assert listing is not None
    assert (listing.title, listing.url, len(listing.entries)) == ("Embedded", page, 2)
    assert ydl.asked == [(page, None), (playlist, "YoutubeTab")]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=jfKfPfyJRdk",
        "https://www.youtube.com/watch?v=jfKfPfyJRdk&list=PLabc",  # noplaylist: the video, as in yt-dlp
        "https://youtu.be/jfKfPfyJRdk",
        "https://soundcloud.com/artist/night-drive",
        "https://artist.bandcamp.com/track/first-song",
    ],
)
def test_single_item_links_are_known_without_asking_the_site(url: str) -> None:
    ydl = RecordedYoutubeDL({})

    assert is_single_item(url)
    assert list_playlist(ydl, url, limit=10, guard=PUBLIC_GUARD) is None
    assert ydl.asked == []


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/playlist?list=PLabc",
        "https://soundcloud.com/artist/sets/drives",
        "https://artist.bandcamp.com/album/first",
        "https://cdn.example/feed.rss",
    ],
)
def test_playlist_links_and_unknown_pages_are_asked(url: str) -> None:
    assert not is_single_item(url)


def test_a_channel_home_page_lists_the_videos_of_its_tabs_reading_no_further_than_needed() -> None:
    # yt-dlp gives a channel's home page as a playlist of its tabs, each a playlist with its own entries.
    url = "https://www.youtube.com/@artist"
    pages_read: list[int] = []

    def page(number: int) -> list[dict[str, Any]]:
        pages_read.append(number)
        return videos(100)[number * 10 : number * 10 + 10]

    tabs = [
        {"_type": "playlist", "title": "artist - Videos", "entries": OnDemandPagedList(page, 10)},
        {"_type": "playlist", "title": "artist - Shorts", "entries": videos(3)},
    ]
    ydl = RecordedYoutubeDL({url: {"_type": "playlist", "title": "artist", "entries": tabs}})

    listing = list_playlist(ydl, url, limit=25, guard=PUBLIC_GUARD)

    assert listing is not None
    assert [t.title for t in listing.entries] == [f"Song {n}" for n in range(1, 26)]
    assert pages_read == [0, 1, 2]
    assert listing.skipped == 0
