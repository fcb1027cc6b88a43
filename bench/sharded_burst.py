"""A burst of /play over many servers: one `musicbot run` with 4 shards against two processes with two shards
each (MUSICBOT_SHARD_COUNT=4, a real Redis between them), all against the Discord emulator; then one of the two
processes is SIGKILLed and the other's audio is watched for gaps.

Each layout gets the same number of fresh servers (one member in voice each); every server sends /play at once.
The bots are the real `musicbot run` (tests/support/emulated_bot.py) in processes of their own, discord.py's
gateway limit kept (110 sends per 60 s per connection: each voice join is one). The song is Opus in Ogg (stream
copy, as most YouTube audio is). Measured: acknowledgement latency (interaction created -> first callback,
p50/p99; "in time": within Discord's 3 s), how many servers hear audio and when the last of them does, the p99
interval between audio packets over the 5 s after that, the bot processes' CPU seconds (FFmpeg not included)
per stream, and the load average. With several processes: SIGKILL of the first, then the surviving process's
servers over the next 5 s (longest packet interval, intervals of 50 ms or more) against the 5 s before.
`.venv/bin/python -m bench.sharded_burst --servers 400` (minutes). Prints markdown tables; no assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import signal
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import Any

from tests.e2e.discord.test_operations import BotProcess, musicbot_run
from tests.support.discord_emulator import DiscordEmulator
from tests.support.media import make_tone
from tests.support.media_server import MediaServer
from tests.support.redis_server import RedisServer

TICKS = os.sysconf("SC_CLK_TCK")
SHARDS = 4
GAP = 0.05  # a gap listeners notice (docs/benchmarks.md)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def intervals(emu: DiscordEmulator, guilds: Iterable[Any], start: float, end: float) -> list[float]:
    found = []
    for guild in guilds:
        audio = emu.voice(guild).audio_packets(start, end)
        found += [b.arrival - a.arrival for a, b in itertools.pairwise(audio)]
    return found


@contextlib.asynccontextmanager
async def bots(
    emu: DiscordEmulator, root: Path, processes: int, redis: RedisServer | None
) -> AsyncIterator[list[BotProcess]]:
    emu.state.max_concurrency = SHARDS  # every shard may identify at once (read from GET /gateway/bot)
    per_process = SHARDS // processes
    async with contextlib.AsyncExitStack() as stack:
        started = []
        for i in range(processes):
            where = root / f"p{i}"
            where.mkdir(parents=True)
            env = {
                "MUSICBOT_LOG_LEVEL": "WARNING",
                "MUSICBOT_SHARD_COUNT": str(SHARDS),
                "MUSICBOT_SHARD_IDS": f"{per_process * i}-{per_process * (i + 1) - 1}",
            }
            if processes > 1:
                assert redis is not None
                env["MUSICBOT_REDIS_URL"] = redis.url
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
            load_before = os.getloadavg()[0]
            cpu_before = sum(cpu_seconds(bot.process.pid) for bot in running)
            burst = time.monotonic()
            interactions = await asyncio.gather(
                *(
                    # each server its own link, as real servers ask: one shared link would be resolved once
                    emu.slash(g, m, "play", {"query": media.url(f"/media/long.ogg?server={n}")}, channel="music")
                    for n, (g, m) in enumerate(guilds)
                )
            )
            timeout = 60 + servers * 0.6  # joins paced at 110 a minute per connection
            waited = await asyncio.gather(
                *(emu.voice(g).wait_for_audio(0.2, timeout=timeout) for g, _ in guilds), return_exceptions=True
            )
            starts = [start for start in waited if isinstance(start, float)]
            all_playing = max(starts) - burst if starts else float("nan")
            await asyncio.sleep(5)
            window_end = time.monotonic()
            cpu = sum(cpu_seconds(bot.process.pid) for bot in running) - cpu_before
            steady = intervals(emu, (g for g, _ in guilds), window_end - 5, window_end)
            acks = [i.response_delay for i in interactions if i.response_delay is not None and i.response_delay < 3]
            figures = {
                "acked": len(acks),
                "playing": len(starts),
                "ack_p50": statistics.median(acks) if acks else float("nan"),
                "ack_p99": quantile(acks, 0.99),
                "all_playing": all_playing,
                "gap_p99": quantile(steady, 0.99),
                "cpu_per_stream": cpu / servers,
                "load_before": load_before,
                "load_after": os.getloadavg()[0],
            }
            if processes > 1:
                figures |= await kill_one(emu, running, [g for g, _ in guilds], processes)
            return figures


async def loop_stalls(until: float, stalls: list[float], tick: float = 0.005) -> None:
    """How late this process's event loop (the emulator's, which timestamps every packet) woke, tick by tick."""
    while time.monotonic() < until:
        asked = time.monotonic()
        await asyncio.sleep(tick)
        stalls.append(time.monotonic() - asked - tick)


async def kill_one(
    emu: DiscordEmulator, running: list[BotProcess], guilds: list[Any], processes: int
) -> dict[str, float]:
    """SIGKILL the first process; the survivors' servers over the 5 s before and the 5 s after, and the longest
    stall of the emulator's own loop in each (a late receiver shows as a gap the sender did not make)."""
    gone = set(range(SHARDS // processes))  # the first process's shards
    survivors = [g for g in guilds if (g.id >> 22) % SHARDS not in gone]
    stalls_before: list[float] = []
    await loop_stalls(time.monotonic() + 5, stalls_before)
    killed_at = time.monotonic()
    os.kill(running[0].process.pid, signal.SIGKILL)
    stalls_after: list[float] = []
    await loop_stalls(killed_at + 5, stalls_after)
    before = intervals(emu, survivors, killed_at - 5, killed_at)
    after = intervals(emu, survivors, killed_at, killed_at + 5)
    return {
        "survivors": len(survivors),
        "before_max": max(before, default=float("nan")),
        "before_gaps": sum(i >= GAP for i in before),
        "before_p99": quantile(before, 0.99),
        "after_max": max(after, default=float("nan")),
        "after_gaps": sum(i >= GAP for i in after),
        "after_p99": quantile(after, 0.99),
        "stall_before": max(stalls_before, default=float("nan")),
        "stall_after": max(stalls_after, default=float("nan")),
    }


def table(servers: int, one: dict[str, float], two: dict[str, float]) -> None:
    print(f"\n{servers} servers, /play at once, discord.py's gateway limit on, {SHARDS} shards in all\n")
    print("| | 1 process x 4 shards | 2 processes x 2 shards | ratio |")
    print("|---|---|---|---|")
    rows = [
        ("acknowledged within 3 s", "acked", "{:.0f}"),
        ("servers playing", "playing", "{:.0f}"),
        ("ack p50 (ms)", "ack_p50", "{:.0f}"),
        ("ack p99 (ms)", "ack_p99", "{:.0f}"),
        ("last server playing (s after the burst)", "all_playing", "{:.2f}"),
        ("p99 packet interval (ms)", "gap_p99", "{:.1f}"),
        ("bot CPU per stream (s, burst + 5 s)", "cpu_per_stream", "{:.3f}"),
        ("load average (1 min) before / after", "load_before", "{:.1f}"),
    ]
    for label, key, fmt in rows:
        scale = 1000 if key in ("ack_p50", "ack_p99", "gap_p99") else 1
        a, b = one[key] * scale, two[key] * scale
        if key == "load_before":
            print(f"| {label} | {a:.1f} / {one['load_after']:.1f} | {b:.1f} / {two['load_after']:.1f} | - |")
            continue
        ratio = f"{b / a:.2f}" if a else "-"
        print(f"| {label} | {fmt.format(a)} | {fmt.format(b)} | {ratio} |")
    print(f"\nSIGKILL of the first process: its partner's {two['survivors']:.0f} servers\n")
    print("| | 5 s before | 5 s after |")
    print("|---|---|---|")
    print(f"| longest packet interval (ms) | {two['before_max'] * 1000:.1f} | {two['after_max'] * 1000:.1f} |")
    print(f"| intervals >= 50 ms | {two['before_gaps']:.0f} | {two['after_gaps']:.0f} |")
    print(f"| p99 packet interval (ms) | {two['before_p99'] * 1000:.1f} | {two['after_p99'] * 1000:.1f} |")
    stalls = f"{two['stall_before'] * 1000:.1f} | {two['stall_after'] * 1000:.1f}"
    print(f"| the emulator's loop: longest stall (ms) | {stalls} |")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "media").mkdir()
        make_tone(root / "media" / "long.ogg", frequency=440, seconds=240)
        redis = RedisServer(root)
        redis.start()
        try:
            with MediaServer(root / "media") as media:
                one = await one_run(media, root / "one", args.servers, 1, None)
                two = await one_run(media, root / "two", args.servers, 2, redis)
        finally:
            redis.stop()
    table(args.servers, one, two)


if __name__ == "__main__":
    asyncio.run(main())
