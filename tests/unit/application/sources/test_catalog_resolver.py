"""Catalogue links played through a matched search result; everything else passed to the source untouched."""

from __future__ import annotations

import pytest

from musicbot.application.errors import NoResults, TrackUnavailable
from musicbot.application.source_ports import Listing
from musicbot.application.sources.catalog_resolver import CatalogAwareResolver, NoPlayableMatch, search_words
from musicbot.domain.track import SourceKind, Track
from tests.unit.application.sources.fakes import FakeCatalog, FakeSource, catalog_track, video

BLINDING = catalog_track("Blinding Lights", "The Weeknd", 200.04)
WORDS = "The Weeknd Blinding Lights"


@pytest.fixture
def catalog() -> FakeCatalog:
    return FakeCatalog()


@pytest.fixture
def source() -> FakeSource:
    return FakeSource()


@pytest.fixture
def resolver(source: FakeSource, catalog: FakeCatalog) -> CatalogAwareResolver:
    return CatalogAwareResolver(source, catalog)


async def test_a_catalogue_link_plays_the_best_match_under_the_catalogues_name(
    resolver: CatalogAwareResolver, source: FakeSource, catalog: FakeCatalog
) -> None:
    link = catalog.add_track(BLINDING)
    cover = video("Blinding Lights (Cover)", "Jane", 200)
    official = video("The Weeknd - Blinding Lights (Official Video)", "TheWeekndVEVO", 263)
    topic = video("Blinding Lights", "The Weeknd - Topic", 201)
    source.results[WORDS] = [cover, official, topic]

    played = await resolver.resolve(link)

    assert catalog.lookups == [(link, 1)]
    assert source.searches == [(WORDS, 5)]
    assert [t.page_url for t in source.refresh_calls] == [topic.page_url]
    assert (played.title, played.artist, played.thumbnail) == ("Blinding Lights", "The Weeknd", BLINDING.thumbnail)
    assert (played.page_url, played.source, played.duration) == (topic.page_url, SourceKind.YOUTUBE, 201)
    assert played.stream_url is not None


async def test_the_first_song_of_an_album_link_is_played(
    resolver: CatalogAwareResolver, source: FakeSource, catalog: FakeCatalog
) -> None:
    second = catalog_track("Save Your Tears", "The Weeknd", 215.6)
    link = catalog.add_listing("album", "After Hours", [BLINDING, second])
    source.results[WORDS] = [video("Blinding Lights", "The Weeknd - Topic", 201)]

    played = await resolver.resolve(link)

    assert played.title == "Blinding Lights"
    assert catalog.lookups == [(link, 1)]


async def test_no_close_enough_result_says_which_song_had_no_match(
    resolver: CatalogAwareResolver, source: FakeSource, catalog: FakeCatalog
) -> None:
    link = catalog.add_track(BLINDING)
    source.results[WORDS] = [video("Blinding Lights (Karaoke Version)", "Sing King", 200)]

    with pytest.raises(NoPlayableMatch) as caught:
        await resolver.resolve(link)

    assert caught.value.reason == "no playable match found for 'The Weeknd - Blinding Lights'"
    assert isinstance(caught.value, NoResults) and not caught.value.transient
    assert source.refresh_calls == []


async def test_a_lower_minimum_accepts_more(source: FakeSource, catalog: FakeCatalog) -> None:
    resolver = CatalogAwareResolver(source, catalog, min_score=0.25, candidates=2)
    link = catalog.add_track(BLINDING)
    source.results[WORDS] = [video("Blinding Lights (Karaoke Version)", "Sing King", 200)]

    played = await resolver.resolve(link)

    assert played.title == "Blinding Lights"
    assert source.searches == [(WORDS, 2)]


async def test_a_search_that_finds_nothing_is_no_match(
    resolver: CatalogAwareResolver, source: FakeSource, catalog: FakeCatalog
) -> None:
    link = catalog.add_track(BLINDING)

    with pytest.raises(NoPlayableMatch):
        await resolver.resolve(link)


async def test_catalogue_failures_reach_the_user_as_they_are(
    resolver: CatalogAwareResolver, source: FakeSource, catalog: FakeCatalog
) -> None:
    link = catalog.add_listing("playlist", "Someone's mix", [BLINDING])
    refusal = TrackUnavailable("Spotify no longer lets bots read playlists they don't own (since 2026).")
    catalog.listings[link] = refusal

    with pytest.raises(TrackUnavailable) as caught:
        await resolver.resolve(link)

    assert caught.value is refusal
    assert source.searches == []


async def test_an_empty_listing_is_no_results(resolver: CatalogAwareResolver, catalog: FakeCatalog) -> None:
    link = catalog.add_listing("playlist", "Empty", [])

    with pytest.raises(NoResults):
        await resolver.resolve(link)


async def test_other_queries_go_to_the_source(resolver: CatalogAwareResolver, source: FakeSource) -> None:
    expected = source.track("never gonna give you up")

    played = await resolver.resolve("never gonna give you up")

    assert played.page_url == expected.page_url
    assert source.resolve_calls == ["never gonna give you up"]
    assert source.searches == []


async def test_refreshing_a_catalogue_entry_matches_it(
    resolver: CatalogAwareResolver, source: FakeSource, catalog: FakeCatalog
) -> None:
    topic = video("Blinding Lights", "The Weeknd - Topic", 201)
    source.results[WORDS] = [topic]

    played = await resolver.refresh(BLINDING)

    assert (played.title, played.page_url) == ("Blinding Lights", topic.page_url)
    assert catalog.lookups == []  # the entry already holds the catalogue's metadata


async def test_refreshing_a_matched_track_goes_straight_to_the_source(
    resolver: CatalogAwareResolver, source: FakeSource
) -> None:
    matched = video("Blinding Lights", "The Weeknd - Topic", 201)

    played = await resolver.refresh(matched)

    assert played.page_url == matched.page_url and played.stream_url is not None
    assert source.searches == []


async def test_album_playlist_and_artist_links_are_listed_from_the_catalogue(
    resolver: CatalogAwareResolver, source: FakeSource, catalog: FakeCatalog
) -> None:
    songs = [catalog_track(f"Song {n}", "The Weeknd") for n in range(1, 5)]
    link = catalog.add_listing("artist", "The Weeknd", songs, note="found by search")

    listing = await resolver.list_entries(link, limit=3)

    assert listing is not None
    assert [t.title for t in listing.entries] == ["Song 1", "Song 2", "Song 3"]
    assert listing.note == "found by search"
    assert all(t.source is SourceKind.SPOTIFY for t in listing.entries)
    assert catalog.lookups == [(link, 3)]
    assert source.listed == []


async def test_a_single_song_link_is_not_a_listing(resolver: CatalogAwareResolver, catalog: FakeCatalog) -> None:
    link = catalog.add_track(BLINDING)

    assert await resolver.list_entries(link, limit=100) is None


async def test_a_one_song_album_is_still_a_listing(resolver: CatalogAwareResolver, catalog: FakeCatalog) -> None:
    link = catalog.add_listing("album", "Single", [BLINDING])

    listing = await resolver.list_entries(link, limit=100)

    assert listing is not None and len(listing.entries) == 1


async def test_other_listings_and_searches_go_to_the_source(resolver: CatalogAwareResolver, source: FakeSource) -> None:
    playlist = Listing(title="Mix", url="https://video.example/list", entries=(video("A"),))
    source.playlists[playlist.url] = playlist
    source.results["some words"] = [video("B"), video("C")]

    assert await resolver.list_entries(playlist.url, limit=10) is playlist
    assert await resolver.list_entries("https://video.example/watch", limit=10) is None
    assert [t.title for t in await resolver.search("some words", limit=1)] == ["B"]
    assert source.listed == [(playlist.url, 10), ("https://video.example/watch", 10)]


@pytest.mark.parametrize(
    ("track", "words"),
    [
        (BLINDING, "The Weeknd Blinding Lights"),
        (catalog_track("Señorita", "Shawn Mendes, Camila Cabello"), "Shawn Mendes Camila Cabello Señorita"),
        (catalog_track("Intro", None), "Intro"),
    ],
)
def test_search_words(track: Track, words: str) -> None:
    assert search_words(track) == words


@pytest.mark.parametrize(("min_score", "candidates"), [(-0.1, 5), (1.5, 5), (0.6, 0)])
def test_settings_are_checked(source: FakeSource, catalog: FakeCatalog, min_score: float, candidates: int) -> None:
    with pytest.raises(ValueError):
        CatalogAwareResolver(source, catalog, min_score=min_score, candidates=candidates)
