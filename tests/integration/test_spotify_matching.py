"""Spotify links through the real catalogue (spotipy against the local fake) into the catalogue-aware resolver."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from musicbot.adapters.spotify import SpotipyCatalog
from musicbot.application.sources.catalog_resolver import CatalogAwareResolver
from musicbot.domain.track import SourceKind
from tests.support.spotify_fake import SpotifyFake
from tests.unit.application.sources.fakes import FakeSource, video


@pytest.fixture
def fake() -> Iterator[SpotifyFake]:
    with SpotifyFake() as server:
        yield server


@pytest.fixture
def catalog(fake: SpotifyFake) -> Iterator[SpotipyCatalog]:
    catalog = SpotipyCatalog(
        client_id=fake.client_id, client_secret=fake.client_secret, api_url=fake.api_url, token_url=fake.token_url
    )
    yield catalog
    catalog.close()


async def test_a_spotify_track_link_plays_its_match(fake: SpotifyFake, catalog: SpotipyCatalog) -> None:
    weeknd = fake.add_artist("The Weeknd")
    track = fake.add_track("Blinding Lights", artists=[weeknd], duration_ms=200_040)
    source = FakeSource()
    topic = video("Blinding Lights", "The Weeknd - Topic", 201)
    source.results["The Weeknd Blinding Lights"] = [video("Blinding Lights (8D Audio)", "8D", 200), topic]
    resolver = CatalogAwareResolver(source, catalog)
    link = f"https://open.spotify.com/intl-de/track/{track['id']}?si=abc"

    played = await resolver.resolve(link)
    listing = await resolver.list_entries(link, limit=100)

    assert (played.title, played.artist, played.page_url) == ("Blinding Lights", "The Weeknd", topic.page_url)
    assert played.thumbnail is not None and played.thumbnail.startswith("https://i.scdn.co/image/")
    assert listing is None  # a single song is played, not queued as a playlist


async def test_an_album_is_listed_and_each_entry_matched_when_it_is_prepared(
    fake: SpotifyFake, catalog: SpotipyCatalog
) -> None:
    weeknd = fake.add_artist("The Weeknd")
    album = fake.add_album("After Hours", artists=[weeknd], count=3)
    source = FakeSource()
    for n in range(1, 4):
        source.results[f"The Weeknd After Hours song {n}"] = [video(f"The Weeknd - After Hours song {n}", "The Weeknd")]
    resolver = CatalogAwareResolver(source, catalog)

    listing = await resolver.list_entries(f"spotify:album:{album['id']}", limit=100)
    assert listing is not None
    assert all(entry.source is SourceKind.SPOTIFY for entry in listing.entries)
    played = [await resolver.refresh(entry) for entry in listing.entries]

    assert [t.title for t in played] == ["After Hours song 1", "After Hours song 2", "After Hours song 3"]
    assert all(t.source is SourceKind.YOUTUBE and t.stream_url for t in played)
