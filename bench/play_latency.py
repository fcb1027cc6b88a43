"""How fast the core answers: yt-dlp resolve latency (cold, warm-up, warm) and `play` → first audio frame.

Real yt-dlp, real FFmpeg, the real use-cases and the console's audio output, against media served on
127.0.0.1. Run: `make bench` (or `.venv/bin/python -m bench.play_latency`). Prints a table; the figures
go in docs/benchmarks.md. No assertions: these machines are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import time

from bench.discord_bot import latency_row
from bench.workspace import served_media
from musicbot.adapters.audio.local_output import LocalAudioOutput
from musicbot.adapters.private_networks import PrivateNetworks
from musicbot.adapters.system_clock import SystemClock
from musicbot.adapters.ytdlp import YtDlpTrackResolver
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.play import PlayCommand
from musicbot.application.playback.voice_rules import Caller
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.entrypoints.console.events import ConsoleEvents
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.settings import Settings
from tests.support.media_server import MediaServer

GUILD, CHANNEL, USER = GuildId(1), ChannelId(1), UserId(1)
CALLER = Caller(user_id=USER, voice_channel_id=CHANNEL)  # in the channel it plays in: the voice rules let it


class TimingSink:
    """A null sink that notes when the first frame after `arm()` arrives."""

    def __init__(self) -> None:
        self.first_frame = asyncio.Event()

    def arm(self) -> None:
        self.first_frame.clear()

    def write(self, frame: bytes) -> None:
        self.first_frame.set()

    def close(self) -> None:
        pass


async def bench_resolve(server: MediaServer, runs: int) -> list[str]:
    url = server.url("/media/tone.mp3")
    cold = YtDlpTrackResolver(clock=SystemClock(), allow_private_urls=True)
    started = time.perf_counter()
    await cold.resolve(url)
    cold_first = time.perf_counter() - started
    cold.close()

    resolver = YtDlpTrackResolver(clock=SystemClock(), allow_private_urls=True)
    warm_up = await resolver.warm_up()
    started = time.perf_counter()
    await resolver.resolve(url)
    after_warm_up = time.perf_counter() - started
    warm = []
    for _ in range(runs):
        started = time.perf_counter()
        await resolver.resolve(server.url("/page/audio/tone.mp3"))
        warm.append(time.perf_counter() - started)
    resolver.close()
    return [
        latency_row("resolve, first call in a process, no warm-up", [cold_first]),
        latency_row("yt-dlp warm-up (off the event loop, at start)", [warm_up]),
        latency_row("resolve, first call after warm-up", [after_warm_up]),
        latency_row("resolve an HTML page with <audio>, warm", warm),
    ]


async def bench_play(server: MediaServer, runs: int) -> list[str]:
    sink = TimingSink()
    gateway = LocalAudioOutput(sink)
    container = Container(
        settings=Settings(allow_private_urls=PrivateNetworks.private_ranges()),
        gateway=gateway,
        events=ConsoleEvents(io.StringIO()),
    )
    services = container.players.playback()
    await container.song_sources.resolver().warm_up()
    to_first_frame, use_case_only = [], []
    for _ in range(runs):
        sink.arm()
        started = time.perf_counter()
        await services.play.execute(
            PlayCommand(
                guild_id=GUILD,
                caller=CALLER,
                query=server.url("/media/tone.mp3"),
            )
        )
        use_case_only.append(time.perf_counter() - started)
        await sink.first_frame.wait()
        to_first_frame.append(time.perf_counter() - started)
        await services.stop.execute(ControlCommand(guild_id=GUILD, caller=CALLER))
    await services.registry.close_all()
    await gateway.aclose()
    container.song_sources.resolver().close()
    return [
        latency_row("`play` use-case (resolve + start), warm", use_case_only),
        latency_row("`play` → first audio frame written, warm", to_first_frame),
    ]


async def main(runs: int) -> None:
    with served_media({"tone.mp3": (440, 5)}) as (_, server):
        rows = await bench_resolve(server, runs)
        rows += await bench_play(server, runs)
    print("| measurement | runs | p50 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    asyncio.run(main(parser.parse_args().runs))
