"""Real yt-dlp (and FFmpeg for durations) against the local media server: no network beyond 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from musicbot.adapters.ffmpeg_binary import find_ffmpeg
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.application.errors import InvalidQuery, NoResults, TrackUnavailable
from musicbot.domain.track import SourceKind, Track
from tests.conftest import MEDIA_SECONDS
from tests.fakes.clock import ManualClock
from tests.support.media import make_tone
from tests.support.media_server import MediaServer

ResolverFactory = Callable[..., YtDlpTrackResolver]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def make_resolver() -> AsyncIterator[ResolverFactory]:
    """Resolvers with a real-time clock, closed after the test; the media server is on 127.0.0.1, so allowed."""
    made: list[YtDlpTrackResolver] = []

    def make(**options: object) -> YtDlpTrackResolver:
        options.setdefault("timeout", 10.0)
        options.setdefault("allow_private_urls", True)
        resolver = YtDlpTrackResolver(clock=ManualClock(datetime.now(UTC)), **options)  # type: ignore[arg-type]
        made.append(resolver)
        return resolver

    yield make
    for resolver in made:
        resolver.close()


@pytest.fixture
def resolver(make_resolver: ResolverFactory) -> YtDlpTrackResolver:
    return make_resolver()


def fetch(track: Track) -> bytes:
    assert track.stream_url is not None
    request = urllib.request.Request(track.stream_url, headers=dict(track.http_headers))
    with urllib.request.urlopen(request, timeout=5) as response:
        return bytes(response.read())


@pytest.mark.parametrize("name", ["tone440.wav", "tone880.mp3", "tone660.ogg", "tone550.m4a"])
async def test_a_direct_media_link_resolves_to_a_fetchable_stream(
    resolver: YtDlpTrackResolver, media_server: MediaServer, media_dir: Path, name: str
) -> None:
    url = media_server.url(f"/media/{name}")

    track = await resolver.resolve(url)

    assert track.title == Path(name).stem
    assert track.source is SourceKind.HTTP
    assert track.page_url == url
    assert track.stream_url == url
    assert track.duration == pytest.approx(MEDIA_SECONDS, abs=0.15)  # probed by FFmpeg: yt-dlp gives none
    assert track.stream_expires_at is None
    assert fetch(track) == (media_dir / name).read_bytes()


async def test_a_link_wrapped_in_angle_brackets_resolves(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    track = await resolver.resolve(f"  <{media_server.url('/media/tone880.mp3')}>  ")

    assert track.title == "tone880"


async def test_an_html_page_with_an_audio_element_resolves_to_its_media(
    resolver: YtDlpTrackResolver, media_server: MediaServer, media_dir: Path
) -> None:
    page = media_server.url("/page/audio/tone880.mp3?title=Evening%20Tune")

    track = await resolver.resolve(page)

    assert track.title == "Evening Tune"
    assert track.page_url == page
    assert track.stream_url == media_server.url("/media/tone880.mp3")
    assert track.source is SourceKind.HTTP
    assert ("Referer", page) in track.http_headers
    assert track.duration == pytest.approx(MEDIA_SECONDS, abs=0.15)
    assert fetch(track) == (media_dir / "tone880.mp3").read_bytes()


async def test_an_html_page_with_a_video_source_resolves_to_its_media(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    track = await resolver.resolve(media_server.url("/page/video/tone660.ogg?title=Clip"))

    assert track.title == "Clip"
    assert track.stream_url == media_server.url("/media/tone660.ogg")
    # An Ogg's duration is at its end: found only because the server honours byte ranges.
    assert track.duration == pytest.approx(MEDIA_SECONDS, abs=0.15)


async def test_a_page_with_nothing_playable_is_unsupported(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    with pytest.raises(TrackUnavailable, match="unsupported URL") as caught:
        await resolver.resolve(media_server.url("/page/empty"))

    assert caught.value.transient is False


async def test_a_feed_plays_its_first_entry_that_resolves(
    resolver: YtDlpTrackResolver, media_server: MediaServer
) -> None:
    feed = media_server.url("/feed.rss?files=/status/404,tone880.mp3,tone440.wav")

    track = await resolver.resolve(feed)

    assert track.stream_url == media_server.url("/media/tone880.mp3")
    assert track.title == "Episode 2"  # the feed's own title for the entry wins, as in yt-dlp


async def test_an_empty_feed_has_no_results(resolver: YtDlpTrackResolver, media_server: MediaServer) -> None:
    feed = media_server.url("/feed.rss")

    with pytest.raises(NoResults):
        await resolver.resolve(feed)


@pytest.mark.parametrize(
    ("status", "reason", "transient"),
    [
        (404, "the server answered HTTP 404 (not found)", False),
        (403, "the server answered HTTP 403 (forbidden)", False),
        (500, "the server answered HTTP 500 (internal server error)", True),
        (503, "the server answered HTTP 503 (service unavailable)", True),
        (429, "the server answered HTTP 429 (too many requests); try again later", True),
    ],
)
async def test_http_errors_become_track_unavailable(
    resolver: YtDlpTrackResolver, media_server: MediaServer, status: int, reason: str, transient: bool
) -> None:
    with pytest.raises(TrackUnavailable) as caught:
        await resolver.resolve(media_server.url(f"/status/{status}"))

    assert caught.value.reason == reason
    assert caught.value.transient is transient


async def test_a_refused_connection_is_transient(make_resolver: ResolverFactory) -> None:
    closed = MediaServer(Path("."))
    closed.start()
    url = closed.url("/media/x.mp3")
    closed.stop()  # nothing listens on that port any more

    with pytest.raises(TrackUnavailable, match="could not connect") as caught:
        await make_resolver().resolve(url)

    assert caught.value.transient is True


async def test_a_source_slower_than_the_timeout_fails_in_bounded_time(
    make_resolver: ResolverFactory, media_server: MediaServer
) -> None:
    resolver = make_resolver(timeout=0.5)
    started = time.perf_counter()

    with pytest.raises(TrackUnavailable) as caught:
        await resolver.resolve(media_server.url("/slow/tone440.wav?delay=3"))

    assert time.perf_counter() - started < 1.5
    assert caught.value.transient is True


async def test_a_found_track_is_not_lost_to_a_slow_duration_probe(
    make_resolver: ResolverFactory, media_server: MediaServer
) -> None:
    # Extraction uses most of the 1 s budget; probing the equally slow stream would overrun it.
    resolver = make_resolver(timeout=1.0)

    track = await resolver.resolve(media_server.url("/slow/tone880.mp3?delay=0.6"))

    assert track.title == "tone880"
    assert track.duration is None


async def test_local_files_play_by_path_and_by_file_url(make_resolver: ResolverFactory, tmp_path: Path) -> None:
    resolver = make_resolver(allow_local_files=True)
    source = tmp_path / "my song.ogg"
    make_tone(source, frequency=330, seconds=2)

    by_path = await resolver.resolve(str(source))
    by_url = await resolver.resolve(source.as_uri())

    for track in (by_path, by_url):
        assert track.source is SourceKind.LOCAL
        assert track.title == "my song"
        assert track.page_url == source.as_uri()
        assert track.stream_url == str(source)  # FFmpeg would not decode "my%20song.ogg"
        assert track.http_headers == ()
        assert track.duration == pytest.approx(2.0, abs=0.15)


async def test_a_file_titles_itself_by_its_tags(make_resolver: ResolverFactory, tmp_path: Path) -> None:
    source = tmp_path / "01 track.mp3"
    tagged = ["-metadata", "title=Night Drive", "-metadata", "artist=The Synths", "-c:a", "libmp3lame", str(source)]
    command = [find_ffmpeg(), "-loglevel", "error", "-f", "lavfi", "-i", "sine=d=1", *tagged]
    await asyncio.to_thread(subprocess.run, command, check=True)

    track = await make_resolver(allow_local_files=True).resolve(str(source))

    assert (track.title, track.artist) == ("Night Drive", "The Synths")  # not "01 track"


@pytest.mark.parametrize("name", ["passwd", "notes.txt"])
async def test_a_local_file_that_is_not_audio_is_refused_at_once(
    make_resolver: ResolverFactory, tmp_path: Path, name: str
) -> None:
    text = tmp_path / name
    text.write_text("root:x:0:0:root:/root:/bin/bash\n")
    for query in (str(text), text.as_uri()):
        with pytest.raises(TrackUnavailable, match="not audio I can play"):
            await make_resolver(allow_local_files=True).resolve(query)


async def test_a_missing_local_file_is_unavailable(make_resolver: ResolverFactory, tmp_path: Path) -> None:
    with pytest.raises(TrackUnavailable, match="there is no file"):
        await make_resolver(allow_local_files=True).resolve(str(tmp_path / "nope.mp3"))


@pytest.mark.parametrize("query", ["/etc/hostname", "file:///etc/hostname", "./song.mp3", "~/song.mp3"])
async def test_local_files_are_refused_unless_allowed(resolver: YtDlpTrackResolver, query: str) -> None:
    with pytest.raises(InvalidQuery, match="local files can only be played from the console"):
        await resolver.resolve(query)


async def test_a_web_page_cannot_point_the_bot_at_local_files(
    make_resolver: ResolverFactory, media_server: MediaServer, media_dir: Path
) -> None:
    # The feed's enclosure is a file:// URL; yt-dlp must not read it even when the console allows local files.
    resolver = make_resolver(allow_local_files=True)
    feed = media_server.url(f"/feed.rss?files={(media_dir / 'tone440.wav').as_uri()}")

    with pytest.raises(TrackUnavailable):
        await resolver.resolve(feed)


@pytest.mark.parametrize("query", ["ftp://example.com/a.mp3", "javascript:alert(1)", "data:audio/wav;base64,AA=="])
async def test_other_schemes_are_invalid(resolver: YtDlpTrackResolver, query: str) -> None:
    with pytest.raises(InvalidQuery):
        await resolver.resolve(query)


async def test_refresh_re_extracts_the_page(resolver: YtDlpTrackResolver, media_server: MediaServer) -> None:
    page = media_server.url("/page/audio/tone880.mp3?title=Again")
    track = await resolver.resolve(page)
    stale = replace(track.without_stream(), title="stored title")
    before = len(media_server.requests)

    fresh = await resolver.refresh(stale)

    assert fresh.stream_url == media_server.url("/media/tone880.mp3")
    assert fresh.title == "Again"
    assert fresh.page_url == page
    assert any(r.path.startswith("/page/audio/tone880.mp3") for r in media_server.requests[before:])


async def test_refresh_of_a_local_track_follows_the_same_rule(make_resolver: ResolverFactory, media_dir: Path) -> None:
    local = await make_resolver(allow_local_files=True).resolve(str(media_dir / "tone440.wav"))

    assert (await make_resolver(allow_local_files=True).refresh(local)).stream_url == str(media_dir / "tone440.wav")
    with pytest.raises(TrackUnavailable, match="local files"):
        await make_resolver().refresh(local)


async def test_concurrent_resolves_all_succeed(make_resolver: ResolverFactory, media_server: MediaServer) -> None:
    resolver = make_resolver(max_workers=4)
    names = ["tone440.wav", "tone880.mp3", "tone660.ogg", "tone550.m4a"] * 3

    tracks = await asyncio.gather(*(resolver.resolve(media_server.url(f"/media/{n}")) for n in names))

    assert [t.title for t in tracks] == [Path(n).stem for n in names]


async def test_the_event_loop_keeps_running_while_yt_dlp_works(
    make_resolver: ResolverFactory, media_server: MediaServer
) -> None:
    resolver = make_resolver(timeout=3.0)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(tick())
    await resolver.resolve(media_server.url("/slow/tone880.mp3?delay=0.3"))
    ticker.cancel()

    assert ticks >= 10  # ~30 expected for the page alone; a blocked loop would give 0


async def test_warm_up_asks_nothing_of_the_network(
    make_resolver: ResolverFactory, media_server: MediaServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Any connection from this process counts (yt-dlp works on other threads of it). Counting the session-wide
    # media server's requests instead failed once in CI: a request of an earlier test arrived during the warm-up.
    connected: list[object] = []
    real_connect = socket.socket.connect

    def recording_connect(self: socket.socket, address: object) -> None:
        connected.append(address)
        real_connect(self, address)  # type: ignore[arg-type]

    resolver = make_resolver()
    monkeypatch.setattr(socket.socket, "connect", recording_connect)

    took = await resolver.warm_up()

    monkeypatch.undo()
    assert 0 < took < 10
    assert connected == []
    track = await resolver.resolve(media_server.url("/page/video/tone660.ogg"))
    assert track.stream_url == media_server.url("/media/tone660.ogg")


_COLD_START = """
import asyncio, sys, time
from datetime import UTC, datetime
from musicbot.adapters.ffmpeg_binary import find_ffmpeg
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from tests.fakes.clock import ManualClock

async def main() -> None:
    resolver = YtDlpTrackResolver(
        clock=ManualClock(datetime.now(UTC)), probe_durations=False, allow_private_urls=True
    )
    if sys.argv[2] == "warm":
        await resolver.warm_up()
    started = time.perf_counter()
    await resolver.resolve(sys.argv[1])
    print(time.perf_counter() - started)
    resolver.close()

asyncio.run(main())
"""


async def test_warm_up_takes_the_first_call_cost_off_the_first_request(media_server: MediaServer) -> None:
    # Only a fresh process shows the one-off cost (imports, ~1,900 URL patterns, the embed scan).
    page = media_server.url("/page/audio/tone880.mp3")

    async def first_resolve(mode: str) -> float:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", _COLD_START, page, mode, stdout=asyncio.subprocess.PIPE, cwd=ROOT
        )
        out, _ = await process.communicate()
        assert process.returncode == 0
        return float(out)

    cold = await first_resolve("cold")
    warm = await first_resolve("warm")

    assert warm < cold / 2, f"first resolve: {cold:.3f} s cold, {warm:.3f} s after warm-up"


async def test_a_closed_resolver_refuses_politely(make_resolver: ResolverFactory, media_server: MediaServer) -> None:
    resolver = make_resolver()
    resolver.close()

    with pytest.raises(TrackUnavailable) as caught:
        await resolver.resolve(media_server.url("/media/tone440.wav"))

    assert caught.value.transient is True


async def test_yt_dlp_prints_nothing_even_when_it_fails(
    resolver: YtDlpTrackResolver, media_server: MediaServer, capfd: pytest.CaptureFixture[str]
) -> None:
    await resolver.resolve(media_server.url("/page/audio/tone880.mp3"))
    with pytest.raises(TrackUnavailable):
        await resolver.resolve(media_server.url("/status/404"))

    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
