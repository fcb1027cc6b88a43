"""`LrclibLyricsSource` against a local fake of LRCLIB, and the lyrics cache on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from musicbot.adapters.lrclib import LrclibLyricsSource
from musicbot.adapters.sql.lyrics_cache import SqlAlchemyLyricsCache
from musicbot.application.lyrics.model import LyricLine, Lyrics, LyricsQuery, LyricsUnavailable
from tests.fakes.clock import ManualClock
from tests.integration.test_sql_backends import Storage, storage_fixture
from tests.support.lrclib_fake import LrclibFake

storage = storage_fixture(("sqlite", "postgresql"))
SYNCED = "[00:01.00] First line\n[00:02.50] Second line\n"


@pytest.fixture
def fake() -> Iterator[LrclibFake]:
    with LrclibFake() as server:
        server.add("Song", "Band", duration=180, plain="First line\nSecond line", synced=SYNCED)
        server.add("Song", "Other Band", duration=95, plain="Not these words")
        server.add("Quiet", "Band", duration=60, instrumental=True)
        yield server


@pytest.fixture
async def source(fake: LrclibFake) -> AsyncIterator[LrclibLyricsSource]:
    lrclib = LrclibLyricsSource(user_agent="musicbot/test (tests)", base_url=fake.base_url, timeout=2)
    yield lrclib
    await lrclib.aclose()


async def test_a_known_song_is_asked_for_exactly_with_an_honest_user_agent(
    source: LrclibLyricsSource, fake: LrclibFake
) -> None:
    lyrics = await source.find(LyricsQuery(title="song", artist="band", duration=181.2))

    assert lyrics is not None
    assert (lyrics.title, lyrics.artist) == ("Song", "Band")
    assert lyrics.synced == (LyricLine(at=1.0, text="First line"), LyricLine(at=2.5, text="Second line"))
    assert fake.requests[0].params == {"track_name": "song", "artist_name": "band", "duration": "181"}
    assert fake.requests[0].user_agent == "musicbot/test (tests)"
    assert fake.paths() == ["/api/get"]


async def test_a_miss_is_searched_and_the_song_s_length_picks_among_results(
    source: LrclibLyricsSource, fake: LrclibFake
) -> None:
    lyrics = await source.find(LyricsQuery(title="Song", artist="Wrong Name", duration=96))
    assert fake.paths() == ["/api/get", "/api/search"]
    assert lyrics is None  # "Wrong Name Song" matches nothing

    by_words = await source.find(LyricsQuery(title="song", duration=96))
    assert by_words is not None
    assert by_words.artist == "Other Band"  # the one 96 s long, though the other comes first
    assert fake.requests[-1].params == {"q": "song"}


async def test_free_words_are_searched_and_synced_lyrics_are_preferred(source: LrclibLyricsSource) -> None:
    lyrics = await source.find(LyricsQuery(title="band song", words="band song"))
    assert lyrics is not None
    assert lyrics.synced


async def test_nothing_found_is_none_and_instrumentals_say_so(source: LrclibLyricsSource) -> None:
    assert await source.find(LyricsQuery(title="nothing like it", words="nothing like it")) is None
    quiet = await source.find(LyricsQuery(title="Quiet", artist="Band"))
    assert quiet is not None
    assert quiet.instrumental


async def test_a_service_that_is_down_or_away_is_lyrics_unavailable(
    source: LrclibLyricsSource, fake: LrclibFake
) -> None:
    fake.down = True
    with pytest.raises(LyricsUnavailable):
        await source.find(LyricsQuery(title="Song", artist="Band"))
    port = httpx.URL(fake.base_url).port
    fake.__exit__()
    away = LrclibLyricsSource(user_agent="x", base_url=f"http://127.0.0.1:{port}", timeout=1)
    with pytest.raises(LyricsUnavailable):
        await away.find(LyricsQuery(title="Song", artist="Band"))
    await away.aclose()


async def test_the_cache_keeps_lyrics_and_misses_for_their_time(storage: Storage) -> None:
    assert storage.database is not None
    clock = ManualClock()
    cache = SqlAlchemyLyricsCache(storage.database, clock, ttl=100, negative_ttl=10)
    lyrics = Lyrics(title="Song", artist="Band", plain="a\nb", synced=(LyricLine(at=1.5, text="a"),))

    assert await cache.get("k") is None
    await cache.put("k", lyrics)
    await cache.put("none", None)
    assert await cache.get("k") == (True, lyrics)
    assert await cache.get("none") == (False, None)
    clock.advance(11)
    assert await cache.get("none") is None  # "none found" is asked again after a while
    assert await cache.get("k") == (True, lyrics)
    clock.advance(100)
    assert await cache.get("k") is None
