import pytest

from musicbot.application.support.resilience.source_keys import search_source_for, source_of_query, source_of_track
from musicbot.domain.track import SourceKind, Track


@pytest.mark.parametrize(
    ("query", "source"),
    [
        ("https://www.youtube.com/watch?v=abc", "youtube"),
        ("<https://youtu.be/abc>", "youtube"),
        ("https://music.youtube.com/watch?v=abc", "youtube"),
        ("https://soundcloud.com/artist/song", "soundcloud"),
        ("https://on.soundcloud.com/xyz", "soundcloud"),
        ("https://artist.bandcamp.com/track/song", "bandcamp"),
        ("https://open.spotify.com/track/1", "spotify"),
        ("https://WWW.Example.com/song.mp3", "http:example.com"),
        ("http://radio.example.org:8000/live", "http:radio.example.org"),
        ("notyoutube.com", "youtube"),  # words, searched
        ("https://evil-youtube.com/x", "http:evil-youtube.com"),
        ("daft punk one more time", "youtube"),
        ("Queen: Bohemian Rhapsody", "youtube"),
        ("scsearch:lofi", "soundcloud"),
        ("ytsearch5:lofi", "youtube"),
        ("/music/song.mp3", "local"),
        ("file:///music/song.mp3", "local"),
        ("https://", "youtube"),
    ],
)
def test_source_of_query(query: str, source: str) -> None:
    assert source_of_query(query, search_source="youtube") == source


def test_plain_words_reach_the_configured_search_source() -> None:
    assert source_of_query("lofi", search_source="soundcloud") == "soundcloud"


@pytest.mark.parametrize(
    ("default_search", "source"),
    [("ytsearch", "youtube"), ("scsearch", "soundcloud"), ("ytsearch5", "youtube"), ("auto", "search")],
)
def test_search_source_for(default_search: str, source: str) -> None:
    assert search_source_for(default_search) == source


@pytest.mark.parametrize(
    ("kind", "page_url", "source"),
    [
        (SourceKind.YOUTUBE, "https://www.youtube.com/watch?v=a", "youtube"),
        (SourceKind.SOUNDCLOUD, "https://soundcloud.com/a/b", "soundcloud"),
        (SourceKind.HTTP, "https://cdn.example.com/a.mp3", "http:cdn.example.com"),
        (SourceKind.SEARCH, "artist - title", "youtube"),
        (SourceKind.LOCAL, "file:///a.mp3", "local"),
    ],
)
def test_source_of_track(kind: SourceKind, page_url: str, source: str) -> None:
    assert source_of_track(Track(title="t", page_url=page_url, source=kind)) == source
