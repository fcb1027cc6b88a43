"""The resolver refuses links to private and local addresses unless told otherwise, with real yt-dlp.

Every test server here is on 127.0.0.1. To show a *public* page pointing at a private address, yt-dlp is sent
through the media server as an HTTP proxy for the made-up host `music.example`, and the guard's address
lookup alone is told that host is public (the one patch: nothing leaves 127.0.0.1 and DNS is never asked).
"""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime

import pytest

from musicbot.adapters import net_guard
from musicbot.adapters.private_networks import PrivateNetworks
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.application.errors import InvalidQuery, TrackUnavailable
from musicbot.domain.track import SourceKind, Track
from tests.fakes.clock import ManualClock
from tests.support.media_server import MediaServer

ResolverFactory = Callable[..., YtDlpTrackResolver]
PUBLIC_HOST = "music.example"
REFUSED = "links to private or local network addresses are not allowed"


@pytest.fixture
async def make_resolver() -> AsyncIterator[ResolverFactory]:
    """Resolvers with the production default (private addresses refused), closed after the test."""
    made: list[YtDlpTrackResolver] = []

    def make(**options: object) -> YtDlpTrackResolver:
        resolver = YtDlpTrackResolver(clock=ManualClock(datetime.now(UTC)), timeout=10.0, **options)  # type: ignore[arg-type]
        made.append(resolver)
        return resolver

    yield make
    for resolver in made:
        resolver.close()


@pytest.fixture
def public_host(monkeypatch: pytest.MonkeyPatch, media_server: MediaServer) -> str:
    """`http://music.example:PORT`: public to the guard, served by the media server acting as yt-dlp's proxy."""
    real_lookup = net_guard.lookup_addresses

    def lookup(host: str) -> list[net_guard.IPAddress]:
        return [ipaddress.ip_address("93.184.216.34")] if host == PUBLIC_HOST else real_lookup(host)

    monkeypatch.setattr(net_guard, "lookup_addresses", lookup)
    return f"http://{PUBLIC_HOST}:{media_server.base_url.rpartition(':')[2]}"


@pytest.fixture
def proxied(make_resolver: ResolverFactory, media_server: MediaServer) -> YtDlpTrackResolver:
    # FFmpeg would not use the proxy: no duration probe for music.example streams.
    return make_resolver(extra_options={"proxy": media_server.base_url}, probe_durations=False)


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:{port}",
        "localhost:{port}",
        "[::1]:{port}",
        "2130706433:{port}",  # 127.0.0.1 as a decimal number
        "0x7f.1:{port}",
        "10.0.0.1",
        "169.254.169.254",
        "[::ffff:127.0.0.1]:{port}",
    ],
)
async def test_by_default_private_and_local_links_are_refused_before_any_request(
    make_resolver: ResolverFactory, own_media_server: MediaServer, host: str
) -> None:
    media_server = own_media_server  # every request counts below
    resolver = make_resolver()
    port = media_server.base_url.rpartition(":")[2]
    url = f"http://{host.format(port=port)}/media/tone440.wav"
    before = len(media_server.requests)

    with pytest.raises(InvalidQuery, match=REFUSED):
        await resolver.resolve(url)
    with pytest.raises(InvalidQuery, match=REFUSED):
        await resolver.list_entries(url, limit=10)

    assert len(media_server.requests) == before


async def test_refresh_of_a_stored_private_link_is_unavailable(make_resolver: ResolverFactory) -> None:
    stored = Track(title="old", page_url="http://192.168.1.10/song.mp3", source=SourceKind.HTTP)

    with pytest.raises(TrackUnavailable, match=REFUSED):
        await make_resolver().refresh(stored)


async def test_a_public_page_plays_its_public_media(proxied: YtDlpTrackResolver, public_host: str) -> None:
    track = await proxied.resolve(f"{public_host}/page/audio/tone880.mp3?title=Fine")

    assert (track.title, track.stream_url) == ("Fine", f"{public_host}/media/tone880.mp3")


async def test_a_public_page_cannot_point_ffmpeg_at_a_private_address(
    proxied: YtDlpTrackResolver, public_host: str, media_server: MediaServer
) -> None:
    # The page's <audio src> is http://127.0.0.1:PORT/media/tone880.mp3.
    with pytest.raises(TrackUnavailable, match=REFUSED) as caught:
        await proxied.resolve(f"{public_host}/page/audio/tone880.mp3?absolute=1")

    assert caught.value.transient is False


async def test_a_public_feed_loses_its_private_entries_and_says_so(
    proxied: YtDlpTrackResolver, public_host: str
) -> None:
    public_item = f"{public_host}/media/tone440.wav"
    feed = f"{public_host}/feed.rss?files={public_item},tone880.mp3,http://169.254.169.254/latest/meta-data/"

    listing = await proxied.list_entries(feed, limit=10)

    assert listing is not None
    assert [t.page_url for t in listing.entries] == [public_item]
    assert listing.skipped == 2
    assert listing.note == "2 entries point to private or local network addresses and were left out"


async def test_a_public_feed_of_only_private_entries_is_refused(proxied: YtDlpTrackResolver, public_host: str) -> None:
    with pytest.raises(InvalidQuery, match=REFUSED):
        await proxied.list_entries(f"{public_host}/feed.rss?files=tone440.wav,tone880.mp3", limit=10)


async def test_playing_a_public_feed_skips_to_an_entry_that_is_allowed(
    proxied: YtDlpTrackResolver, public_host: str
) -> None:
    track = await proxied.resolve(f"{public_host}/feed.rss?files=tone440.wav,{public_host}/media/tone880.mp3")

    assert (track.title, track.stream_url) == ("Episode 2", f"{public_host}/media/tone880.mp3")


async def test_allow_private_urls_lets_a_home_server_play_from_the_lan(
    make_resolver: ResolverFactory, media_server: MediaServer
) -> None:
    track = await make_resolver(allow_private_urls=True).resolve(media_server.url("/page/audio/tone440.wav?absolute=1"))

    assert track.stream_url == media_server.url("/media/tone440.wav")


async def test_allowed_networks_are_reached_and_no_others(
    make_resolver: ResolverFactory, media_server: MediaServer
) -> None:
    page = media_server.url("/page/audio/tone440.wav?absolute=1")
    track = await make_resolver(allow_private_urls=PrivateNetworks.parse("127.0.0.0/8")).resolve(page)
    assert track.stream_url == media_server.url("/media/tone440.wav")

    with pytest.raises(InvalidQuery, match="MUSICBOT_ALLOW_PRIVATE_URLS"):
        await make_resolver(allow_private_urls=PrivateNetworks.parse("192.168.0.0/16")).resolve(page)


async def test_a_link_over_2000_characters_is_refused(make_resolver: ResolverFactory) -> None:
    with pytest.raises(InvalidQuery, match="too long"):
        await make_resolver().resolve("https://example.com/" + "a" * 2000)
