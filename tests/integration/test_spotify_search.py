"""Real spotipy searching the local Spotify fake for recommendations: filters, pages of ten, and failures."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from musicbot.adapters.spotify import MissingCredentialsCatalog, SpotipyCatalog
from musicbot.application.errors import TrackUnavailable
from musicbot.application.recommendation.intent import EraRange
from musicbot.application.recommendation.ports import CatalogQuery, CatalogSearch
from musicbot.domain.track import SourceKind
from tests.integration.conftest import CatalogFactory
from tests.support.spotify_fake import SpotifyFake

ROCK = CatalogQuery(genre="rock")


@pytest.fixture
def fake() -> Iterator[SpotifyFake]:
    with SpotifyFake() as server:
        nirvana = server.add_artist("Nirvana", genres=("grunge", "rock"))
        adele = server.add_artist("Adele", genres=("pop",))
        server.add_track("Smells Like Teen Spirit", artists=[nirvana], duration_ms=301_000, release_date="1991-09-10")
        server.add_track("Heart-Shaped Box", artists=[nirvana], release_date="1993-09-21")
        server.add_track("You Know You're Right", artists=[nirvana], release_date="2002-10-28")
        server.add_track("Hello", artists=[adele], release_date="2015-10-23")
        yield server


def searches(fake: SpotifyFake) -> list[dict[str, str]]:
    return [r.query for r in fake.api_requests() if r.path == "/v1/search"]


async def test_genre_and_years_find_light_spotify_tracks(catalog: SpotipyCatalog, fake: SpotifyFake) -> None:
    found = await catalog.find_tracks(CatalogQuery(genre="rock", years=EraRange.decade(1990)), limit=10)

    assert [(t.title, t.artist) for t in found] == [
        ("Smells Like Teen Spirit", "Nirvana"),
        ("Heart-Shaped Box", "Nirvana"),
    ]
    first = found[0]
    assert first.source is SourceKind.SPOTIFY and first.stream_url is None and first.duration == 301.0
    assert first.page_url.startswith("https://open.spotify.com/track/")
    assert [(q["q"], q["type"], q["limit"]) for q in searches(fake)] == [('genre:"rock" year:1990-1999', "track", "10")]


async def test_words_and_artists_narrow_the_search(catalog: SpotipyCatalog) -> None:
    by_artist = await catalog.find_tracks(CatalogQuery(artist="Adele"), limit=10)
    by_words = await catalog.find_tracks(CatalogQuery(words="box", genre="grunge"), limit=10)
    nothing = await catalog.find_tracks(CatalogQuery(words="hello", genre="rock"), limit=10)

    assert [t.title for t in by_artist] == ["Hello"]
    assert [t.title for t in by_words] == ["Heart-Shaped Box"]
    assert nothing == []


async def test_more_than_ten_results_are_read_page_by_page_up_to_the_limit(
    catalog: SpotipyCatalog, fake: SpotifyFake
) -> None:
    band = fake.add_artist("The Rockers", genres=("rock",))
    for n in range(1, 31):
        fake.add_track(f"Riff {n}", artists=[band])

    found = await catalog.find_tracks(CatalogQuery(artist="The Rockers"), limit=25)

    assert [t.title for t in found] == [f"Riff {n}" for n in range(1, 26)]
    assert [(q["limit"], q["offset"]) for q in searches(fake)] == [("10", "0"), ("10", "10"), ("5", "20")]


async def test_a_429_is_transient_says_when_and_pauses_searches_until_then(
    catalog: SpotipyCatalog, fake: SpotifyFake
) -> None:
    fake.fail_next(429, retry_after=30)
    started = time.monotonic()

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.find_tracks(ROCK, limit=10)
    with pytest.raises(TrackUnavailable, match="rate-limiting") as again:
        await catalog.find_tracks(ROCK, limit=10)

    assert (caught.value.reason, caught.value.transient) == (
        "Spotify is rate-limiting the bot; try again in 30 s",
        True,
    )
    assert again.value.transient
    assert time.monotonic() - started < 2  # not slept through
    assert len(searches(fake)) == 1  # the second search never reached Spotify


async def test_a_pause_ends_when_retry_after_has_passed(catalog: SpotipyCatalog, fake: SpotifyFake) -> None:
    fake.fail_next(429, retry_after=0.2)
    with pytest.raises(TrackUnavailable):
        await catalog.find_tracks(ROCK, limit=10)

    await asyncio.sleep(0.25)

    assert len(await catalog.find_tracks(ROCK, limit=10)) == 3


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_a_server_error_is_transient_and_not_retried(
    catalog: SpotipyCatalog, fake: SpotifyFake, status: int
) -> None:
    fake.fail_next(status)

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.find_tracks(ROCK, limit=10)

    assert (caught.value.reason, caught.value.transient) == (
        f"Spotify is having trouble (HTTP {status}); try again shortly",
        True,
    )
    assert len(searches(fake)) == 1
    assert len(await catalog.find_tracks(ROCK, limit=10)) == 3  # no pause after a server error


async def test_a_refused_query_is_not_transient(catalog: SpotipyCatalog, fake: SpotifyFake) -> None:
    fake.fail_next(400)

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.find_tracks(ROCK, limit=10)

    assert (caught.value.reason, caught.value.transient) == ("Spotify refused the search (HTTP 400)", False)


async def test_a_slow_spotify_is_cut_off_at_the_timeout(make_catalog: CatalogFactory, fake: SpotifyFake) -> None:
    catalog = make_catalog(timeout=0.3, request_timeout=1.0)
    fake.delay = 0.6

    with pytest.raises(TrackUnavailable) as caught:
        await catalog.find_tracks(ROCK, limit=10)

    assert caught.value.transient and "did not answer within 0.3 s" in caught.value.reason


async def test_wrong_credentials_are_reported_for_an_admin(make_catalog: CatalogFactory, fake: SpotifyFake) -> None:
    with pytest.raises(TrackUnavailable, match="credentials were refused"):
        await make_catalog(client_secret="not-the-secret").find_tracks(ROCK, limit=10)

    assert fake.api_requests() == []


def test_only_the_real_catalogue_searches() -> None:
    catalog = SpotipyCatalog(client_id="id", client_secret="secret")
    try:
        port: CatalogSearch = catalog  # checked by mypy as the port
        assert callable(port.find_tracks)
    finally:
        catalog.close()
    assert not hasattr(MissingCredentialsCatalog(), "find_tracks")  # no credentials: the source is left out
