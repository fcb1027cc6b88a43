"""A burst of /play over many servers: one `musicbot run` (one gateway connection) against two processes with two
shards each (MUSICBOT_SHARD_COUNT=4, a real Redis between them), all against the Discord emulator.

Each configuration gets the same fresh servers (one member in voice each); every server sends /play at once. The
bots are the real `musicbot run` (tests/support/emulated_bot.py) in processes of their own, discord.py's gateway
limit kept (110 sends per 60 s per connection: each voice join is one). Measured: acknowledgement latency
(interaction created → first callback, p50/p99; "in time": within Discord's 3 s), how many servers hear audio
and when the last of them does, the p99 interval between audio packets over the 5 s after that, and the bot
processes' CPU seconds (FFmpeg not included) per stream.
`.venv/bin/python -m bench.sharded_burst --servers 40` (the issue's target is 400: `--servers 400`, minutes).
Prints a markdown table; no assertions, these machines are noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

from tests.e2e.discord.test_operations import BotProcess, musicbot_run
from tests.support.discord_emulator import DiscordEmulator
from tests.support.media import make_tone
from tests.support.media_server import MediaServer
from tests.support.redis_server import RedisServer

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


@contextlib.asynccontextmanager
async def bots(
    emu: DiscordEmulator, root: Path, processes: int, redis: RedisServer | None
) -> AsyncIterator[list[BotProcess]]:
    async with contextlib.AsyncExitStack() as stack:
        started = []
        for i in range(processes):
            where = root / f"p{i}"
            where.mkdir(parents=True)
            env = {"MUSICBOT_LOG_LEVEL": "WARNING"}
            if processes > 1:
                assert redis is not None
                env |= {
                    "MUSICBOT_SHARD_COUNT": str(2 * processes),
                    "MUSICBOT_SHARD_IDS": f"{2 * i}-{2 * i + 1}",
                    "MUSICBOT_REDIS_URL": redis.url,
                    "MUSICBOT_IDENTIFY_CONCURRENCY": str(2 * processes),
                }
            started.append(await stack.enter_async_context(musicbot_run(emu, where, **env)))
        await asyncio.gather(*(bot.wait_ready() for bot in started))
        yield started


async def one_run(
    media: MediaServer, root: Path, servers: int, processes: int, redis: RedisServer | None
) -> dict[str, float]:
    async with DiscordEmulator() as emu:
        guilds = []
        for i in range(servers):
            guild = emu.add_guild(f"G{i}", voice_channels=["General"], text_channels=["music"])
            guilds.append((guild, emu.add_member(guild, f"u{i}", in_voice="General")))
            await asyncio.sleep(0.002)  # snowflakes' time part moves: servers spread over shards
        async with bots(emu, root, processes, redis) as running:
            cpu_before = sum(cpu_seconds(bot.process.pid) for bot in running)
            burst = time.monotonic()
            interactions = await asyncio.gather(
                *(emu.slash(g, m, "play", {"query": media.url("/media/long.wav")}, channel="music") for g, m in guilds)
            )
            timeout = 30 + servers * 0.6  # joins paced at 110 a minute per connection
            waited = await asyncio.gather(
                *(emu.voice(g).wait_for_audio(0.2, timeout=timeout) for g, _ in guilds), return_exceptions=True
            )
            starts = [start for start in waited if isinstance(start, float)]
            all_playing = max(starts) - burst if starts else float("nan")
            await asyncio.sleep(5)
            window_end = time.monotonic()
            cpu = sum(cpu_seconds(bot.process.pid) for bot in running) - cpu_before
            intervals = []
            for guild, _ in guilds:
                audio = emu.voice(guild).audio_packets(window_end - 5, window_end)
                intervals += [b.arrival - a.arrival for a, b in itertools.pairwise(audio)]
            acks = [i.response_delay for i in interactions if i.response_delay is not None and i.response_delay < 3]
            return {
                "acked": len(acks),
                "playing": len(starts),
                "ack_p50": statistics.median(acks) if acks else float("nan"),
                "ack_p99": quantile(acks, 0.99),
                "all_playing": all_playing,
                "gap_p99": quantile(intervals, 0.99),
                "cpu_per_stream": cpu / servers,
                "wall": window_end - burst,
            }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "media").mkdir()
        make_tone(root / "media" / "long.wav", frequency=440, seconds=120)
        redis = RedisServer(root)
        redis.start()
        try:
            with MediaServer(root / "media") as media:
                one = await one_run(media, root / "one", args.servers, 1, None)
                two = await one_run(media, root / "two", args.servers, 2, redis)
        finally:
            redis.stop()
    print(f"\n{args.servers} servers, /play at once, discord.py's gateway limit on\n")
    print("| | 1 process, 1 shard | 2 processes x 2 shards | ratio |")
    print("|---|---|---|---|")
    rows = [
        ("acknowledged in time", "acked", "{:.0f}"),
        ("servers playing", "playing", "{:.0f}"),
        ("ack p50 (ms)", "ack_p50", "{:.0f}"),
        ("ack p99 (ms)", "ack_p99", "{:.0f}"),
        ("last of them playing (s)", "all_playing", "{:.2f}"),
        ("p99 packet interval (ms)", "gap_p99", "{:.1f}"),
        ("bot CPU per stream (s, burst + 5 s)", "cpu_per_stream", "{:.3f}"),
    ]
    for label, key, fmt in rows:
        scale = 1000 if key in ("ack_p50", "ack_p99", "gap_p99") else 1
        a, b = one[key] * scale, two[key] * scale
        ratio = f"{b / a:.2f}" if a else "-"
        print(f"| {label} | {fmt.format(a)} | {fmt.format(b)} | {ratio} |")


if __name__ == "__main__":
    asyncio.run(main())
