"""Playlists listed by real yt-dlp from the local media server, and their light entries resolved later."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.application.errors import InvalidQuery, TrackUnavailable
from musicbot.application.source_ports import Listing
from musicbot.domain.track import SourceKind, Track
from tests.conftest import MEDIA_SECONDS
from tests.fakes.clock import ManualClock
from tests.support.media_server import MediaServer

ResolverFactory = Callable[..., YtDlpTrackResolver]


@pytest.fixture
async def make_resolver() -> AsyncIterator[ResolverFactory]:
    """Resolvers allowed to reach the 127.0.0.1 media server, closed after the test."""
    made: list[YtDlpTrackResolver] = []

    def make(**options: object) -> YtDlpTrackResolver:
        options.setdefault("clock", ManualClock(datetime.now(UTC)))
        options.setdefault("timeout", 10.0)
        options.setdefault("allow_private_urls", True)
        resolver = YtDlpTrackResolver(**options)  # type: ignore[arg-type]
        made.append(resolver)
        return resolver

    yield make
    for resolver in made:
        resolver.close()


@pytest.fixture
async def resolver(make_resolver: ResolverFactory) -> YtDlpTrackResolver:
    made = make_resolver()
    await made.warm_up()  # timings below are about listing, not yt-dlp's one-off start
    return made


async def listed(resolver: YtDlpTrackResolver, url: str, *, limit: int = 100) -> Listing:
    listing = await resolver.list_entries(url, limit=limit)
    assert listing is not None, f"{url} was not taken for a playlist"
    return listing


async def test_a_feed_lists_light_tracks_in_order(resolver: YtDlpTrackResolver, own_media_server: MediaServer) -> None:
    media_server = own_media_server  # every request counts below
    url = media_server.url("/feed.rss?count=3&file=tone440.wav")
    before = len(media_server.requests)

    listing = await listed(resolver, url)

    assert (listing.title, listing.url, listing.skipped, listing.note) == ("Test feed", url, 0, None)
    assert [t.title for t in listing.entries] == ["Episode 1", "Episode 2", "Episode 3"]
    assert [t.page_url for t in listing.entries] == [media_server.url(f"/media/tone440.wav?n={n}") for n in (1, 2, 3)]
    assert all(t.source is SourceKind.HTTP and t.stream_url is None for t in listing.entries)
    assert media_server.paths_requested()[before:] == ["/feed.rss?count=3&file=tone440.wav"]  # entries untouched


async def test_a_thousand_entries_are_listed_in_well_under_a_second(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    url = media_server.url("/feed.rss?count=1000&file=tone440.wav")

    started = time.perf_counter()
    listing = await listed(resolver, url, limit=1000)
    took = time.perf_counter() - started

    assert len(listing.entries) == 1000
    assert len({t.page_url for t in listing.entries}) == 1000
    assert listing.entries[-1].title == "Episode 1000"
    assert took < 1.0, f"listing 1,000 entries took {took:.3f} s"  # measured ~0.06 s on 2 cores


async def test_entries_beyond_the_limit_are_counted_not_lost(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    listing = await listed(resolver, media_server.url("/feed.rss?count=250&file=tone880.mp3"), limit=100)

    assert len(listing.entries) == 100
    assert listing.entries[-1].title == "Episode 100"
    assert listing.skipped == 150


async def test_a_page_of_players_is_a_playlist_of_its_media(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    listing = await listed(resolver, media_server.url("/page/list?count=4&file=tone660.ogg&title=Mixtape"))

    assert listing.title == "Mixtape"
    assert [t.page_url for t in listing.entries] == [media_server.url(f"/media/tone660.ogg?n={n}") for n in range(1, 5)]
    assert listing.entries[0].title == "Mixtape (1)"


@pytest.mark.parametrize("path", ["/media/tone440.wav", "/page/audio/tone880.mp3", "/page/video/tone660.ogg"])
async def test_a_single_track_link_is_no_playlist(
    resolver: YtDlpTrackResolver, media_server: MediaServer, path: str
) -> None:
    assert await resolver.list_entries(media_server.url(path), limit=100) is None


async def test_search_words_and_local_files_are_no_playlist(make_resolver: ResolverFactory, media_dir: Path) -> None:
    resolver = make_resolver(allow_local_files=True)

    assert await resolver.list_entries("some search words", limit=10) is None
    assert await resolver.list_entries(str(media_dir / "tone440.wav"), limit=10) is None
    with pytest.raises(InvalidQuery, match="local files"):
        await make_resolver().list_entries(str(media_dir / "tone440.wav"), limit=10)


async def test_a_listed_feed_entry_resolves_by_refresh_keeping_its_feed_title(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    listing = await listed(resolver, media_server.url("/feed.rss?count=5&file=tone880.mp3"))

    track = await resolver.refresh(listing.entries[2])

    assert track.title == "Episode 3"  # not the file name the media URL alone would give
    assert track.stream_url == media_server.url("/media/tone880.mp3?n=3")
    assert track.duration == pytest.approx(MEDIA_SECONDS, abs=0.15)


async def test_a_listed_page_entry_resolves_by_refresh(resolver: YtDlpTrackResolver, media_server: MediaServer) -> None:
    listing = await listed(resolver, media_server.url("/page/list?count=2&file=tone550.m4a"))

    track = await resolver.refresh(listing.entries[1])

    assert track.stream_url == media_server.url("/media/tone550.m4a?n=2")
    assert track.title == "Audio list (2)"


async def test_a_light_track_of_a_page_url_resolves_by_refresh(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    # What a YouTube, SoundCloud or Bandcamp entry is: a page URL, resolved by its page's extractor.
    page = media_server.url("/page/audio/tone880.mp3?title=Track%20Page")
    light = Track(title="from the listing", page_url=page, source=SourceKind.HTTP)

    track = await resolver.refresh(light)

    assert (track.title, track.stream_url) == ("Track Page", media_server.url("/media/tone880.mp3"))


async def test_a_feed_with_broken_entries_lists_them_and_only_they_fail(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    url = media_server.url("/feed.rss?files=tone440.wav,/status/404,tone880.mp3,/status/500")
    listing = await listed(resolver, url)
    assert len(listing.entries) == 4

    first, missing, third, failing = listing.entries

    assert (await resolver.refresh(first)).stream_url == media_server.url("/media/tone440.wav")
    assert (await resolver.refresh(third)).stream_url == media_server.url("/media/tone880.mp3")
    with pytest.raises(TrackUnavailable, match="HTTP 404") as not_found:
        await resolver.refresh(missing)
    with pytest.raises(TrackUnavailable, match="HTTP 500") as server_error:
        await resolver.refresh(failing)
    assert (not_found.value.transient, server_error.value.transient) == (False, True)


@pytest.mark.parametrize(
    ("path", "reason", "transient"),
    [("/status/404", "HTTP 404", False), ("/status/500", "HTTP 500", True), ("/page/empty", "unsupported", False)],
)
async def test_a_broken_playlist_link_is_unavailable(
    resolver: YtDlpTrackResolver, media_server: MediaServer, path: str, reason: str, transient: bool
) -> None:
    with pytest.raises(TrackUnavailable, match=reason) as caught:
        await resolver.list_entries(media_server.url(path), limit=10)

    assert caught.value.transient is transient


async def test_a_feed_slower_than_the_timeout_fails_in_bounded_time(
    make_resolver: ResolverFactory, media_server: MediaServer
) -> None:
    resolver = make_resolver(timeout=0.5)
    started = time.perf_counter()

    with pytest.raises(TrackUnavailable) as caught:
        await resolver.list_entries(media_server.url("/feed.rss?count=10&delay=3"), limit=10)

    assert time.perf_counter() - started < 1.5
    assert caught.value.transient is True


async def test_a_truncated_feed_is_a_transient_failure(make_resolver: ResolverFactory, tmp_path: Path) -> None:
    with MediaServer(tmp_path) as server:
        items = "".join(
            f'<item><title>Episode {n}</title><enclosure url="{server.url("/media/a.mp3")}" type="audio/mpeg"/></item>'
            for n in range(200)
        )
        (tmp_path / "feed.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>')

        with pytest.raises(TrackUnavailable) as caught:
            await make_resolver().list_entries(server.url("/truncated/feed.rss?bytes=4000"), limit=10)

    assert caught.value.transient is True


async def test_an_expired_stream_is_replaced_by_refresh(
    make_resolver: ResolverFactory, media_server: MediaServer
) -> None:
    clock = ManualClock(datetime.now(UTC))
    resolver = make_resolver(clock=clock)
    expire = int((clock.now() + timedelta(hours=6)).timestamp())
    page = media_server.url(f"/page/audio/tone880.mp3?expire={expire}")

    track = await resolver.resolve(page)
    assert track.stream_url == media_server.url(f"/media/tone880.mp3?expire={expire}")
    assert track.stream_expires_at == datetime.fromtimestamp(expire, UTC) - timedelta(minutes=5)
    clock.advance(6 * 3600)
    assert not track.is_playable_at(clock.now())  # the player must refresh it before playing

    before = len(media_server.requests)

    fresh = await resolver.refresh(track)

    assert fresh.page_url == page
    assert any(r.path.startswith("/page/audio/") for r in media_server.requests[before:])
    assert fresh.stream_url is not None
    assert fresh.stream_expires_at is None  # past by the clock: not trusted, playback will tell
