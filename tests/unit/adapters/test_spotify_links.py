"""Which strings are Spotify links, and what they name: no I/O."""

from __future__ import annotations

import pytest

from musicbot.adapters.spotify.links import LinkKind, SpotifyLink, parse_link

ID = "4cOdK2wGLETKBW3PvgPWqT"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"https://open.spotify.com/track/{ID}", SpotifyLink(LinkKind.TRACK, ID)),
        (f"https://open.spotify.com/track/{ID}?si=1a2b3c4d5e6f4a7b", SpotifyLink(LinkKind.TRACK, ID)),
        (f"https://open.spotify.com/intl-de/track/{ID}?si=abc", SpotifyLink(LinkKind.TRACK, ID)),
        (f"  http://open.spotify.com/album/{ID}/  ", SpotifyLink(LinkKind.ALBUM, ID)),
        (f"open.spotify.com/playlist/{ID}", SpotifyLink(LinkKind.PLAYLIST, ID)),
        (f"https://open.spotify.com/artist/{ID}#top", SpotifyLink(LinkKind.ARTIST, ID)),
        (f"spotify:track:{ID}", SpotifyLink(LinkKind.TRACK, ID)),
        (f"spotify:user:someone:playlist:{ID}", SpotifyLink(LinkKind.PLAYLIST, ID)),
    ],
)
def test_links_and_uris_name_an_entity(query: str, expected: SpotifyLink) -> None:
    assert parse_link(query) == expected


@pytest.mark.parametrize(
    "query",
    [
        "never gonna give you up",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        f"https://open.spotify.com/episode/{ID}",  # podcasts: nothing to match against a music source
        f"https://open.spotify.com/show/{ID}",
        f"https://evil.example/open.spotify.com/track/{ID}",
        f"https://open.spotify.com.evil.example/track/{ID}",
        f"spotify:track:{ID}:extra",
        "https://open.spotify.com/track/",
    ],
)
def test_other_strings_are_not_spotify_links(query: str) -> None:
    assert parse_link(query) is None


def test_the_canonical_url_drops_locale_and_share_tracking() -> None:
    link = parse_link(f"https://open.spotify.com/intl-fr/album/{ID}?si=xyz")

    assert link is not None and link.url == f"https://open.spotify.com/album/{ID}"
