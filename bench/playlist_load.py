"""A 1,000-entry playlist: time until its first song plays and until every entry is queued.

Real yt-dlp (flat listing of an RSS feed served on 127.0.0.1), the real use-cases and processing pool, the
console's audio output with a timing sink. Targets (issue 3): first song < 1 s, all queued < 10 s.
Run: `.venv/bin/python -m bench.playlist_load [--entries 1000] [--runs 5]`.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import time

from bench.play_latency import CALLER, TimingSink
from bench.workspace import served_media
from musicbot.adapters.audio.local_output import LocalAudioOutput
from musicbot.adapters.private_networks import PrivateNetworks
from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.events import BatchProgress
from musicbot.application.queue.load_playlist import LoadPlaylistCommand
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.entrypoints.console.events import ConsoleEvents
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.settings import Settings
from tests.support.media_server import MediaServer

GUILD, CHANNEL, USER = GuildId(1), ChannelId(1), UserId(1)


class DoneEvents(ConsoleEvents):
    """Console events, silenced, that note when a batch reports it is done."""

    def __init__(self) -> None:
        super().__init__(io.StringIO())
        self.done = asyncio.Event()
        self.done_at = 0.0

    async def batch_progress(self, guild_id: GuildId, progress: BatchProgress) -> None:
        if progress.done and not self.done.is_set():
            self.done_at = time.perf_counter()
            self.done.set()


async def one_run(server: MediaServer, entries: int, *, warm: bool) -> tuple[float, float, int]:
    sink, events = TimingSink(), DoneEvents()
    gateway = LocalAudioOutput(sink)
    settings = Settings(
        allow_private_urls=PrivateNetworks.private_ranges(), playlist_max_entries=entries, max_queue_size=entries + 1
    )
    container = Container(settings=settings, gateway=gateway, events=events)
    services = container.players.playback()
    if warm:
        await container.song_sources.resolver().warm_up()
    url = server.url(f"/feed.rss?count={entries}&file=tone.mp3")
    started = time.perf_counter()
    await services.load_playlist.execute(LoadPlaylistCommand(guild_id=GUILD, caller=CALLER, url=url))
    await sink.first_frame.wait()
    first_audio = time.perf_counter() - started
    await events.done.wait()
    all_queued = events.done_at - started
    queued = len(services.registry.get(GUILD).tracklist)
    await services.stop.execute(ControlCommand(guild_id=GUILD, caller=CALLER))
    await services.registry.close_all()
    await container.song_sources.pool().close()
    await gateway.aclose()
    container.song_sources.resolver().close()
    return first_audio, all_queued, queued


async def main(entries: int, runs: int) -> None:
    with served_media({"tone.mp3": (440, 5)}) as (_, server):
        cold = await one_run(server, entries, warm=False)
        warm = [await one_run(server, entries, warm=True) for _ in range(runs)]
    print(f"| measurement ({entries} entries) | runs | p50 s | max s |")
    print("|---|---|---|---|")
    print(f"| first song playing, cold process (no warm-up) | 1 | {cold[0]:.3f} | {cold[0]:.3f} |")
    print(f"| all entries queued, cold process | 1 | {cold[1]:.3f} | {cold[1]:.3f} |")
    firsts, alls = [w[0] for w in warm], [w[1] for w in warm]
    print(f"| first song playing, warm | {runs} | {statistics.median(firsts):.3f} | {max(firsts):.3f} |")
    print(f"| all entries queued, warm | {runs} | {statistics.median(alls):.3f} | {max(alls):.3f} |")
    print(f"(songs in the queue after loading: {warm[-1][2]})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.entries, arguments.runs))
