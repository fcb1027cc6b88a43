"""What the message bus costs a player: publishing one event to the handlers the bot subscribes, against calling
the same handlers directly (the reference, measured in the same run), and a queue change noted at once.

Run: `.venv/bin/python -m bench.message_bus [--events 200000]`. The figures go in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import UTC, datetime

from musicbot.application.support.messagebus import MessageBus
from musicbot.domain.events import QueueChanged, SongStarted
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.song import Song
from musicbot.domain.track import SourceKind, Track

GUILD = GuildId(1)


async def main(events: int) -> None:
    calls = [0]

    def quick(_event: object) -> None:  # the history recorder, auto-leave, metrics: no await
        calls[0] += 1

    async def awaiting(_event: object) -> None:  # the notifier, radio
        calls[0] += 1

    handlers = (quick, quick, awaiting, awaiting, quick)
    bus = MessageBus()
    for handler in handlers:
        bus.subscribe(SongStarted, handler)
    bus.subscribe(QueueChanged, quick)
    track = Track(title="a", page_url="https://example.com/a", source=SourceKind.HTTP)
    song = Song(track=track, requester=UserId(1), requested_at=datetime.now(UTC))
    started, changed = SongStarted(GUILD, song), QueueChanged(GUILD)

    begin = time.perf_counter()
    for _ in range(events):
        quick(started)
        quick(started)
        await awaiting(started)
        await awaiting(started)
        quick(started)
    direct = (time.perf_counter() - begin) / events
    begin = time.perf_counter()
    for _ in range(events):
        await bus.handle(started)
    published = (time.perf_counter() - begin) / events
    begin = time.perf_counter()
    for _ in range(events):
        bus.handle_now(changed)
    noted = (time.perf_counter() - begin) / events

    print(f"| SongStarted to 5 handlers (2 async), bus.handle | {published * 1e6:.2f} µs | {published / direct:.1f}× |")
    print(f"| the same 5 handlers called directly (reference) | {direct * 1e6:.2f} µs | 1.0× |")
    print(f"| QueueChanged to 1 handler, bus.handle_now | {noted * 1e6:.2f} µs | {noted / direct:.1f}× |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=200_000)
    asyncio.run(main(parser.parse_args().events))
