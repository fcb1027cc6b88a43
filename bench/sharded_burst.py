"""A burst of /play over many servers: one `musicbot run` with 4 shards against two processes with two shards
each (MUSICBOT_SHARD_COUNT=4, a real Redis between them), all against the Discord emulator; then one of the two
processes is SIGKILLed and the other's audio is watched for gaps.

Each layout gets the same number of fresh servers (one member in voice each); every server sends /play at once,
each with its own link, once each bot's yt-dlp workers have settled. The bots are the real `musicbot run`
(tests/support/emulated_bot.py) in processes of their own, discord.py's gateway limit kept (110 sends per 60 s
per connection: each voice join is one). The song is Opus in Ogg (stream copy, as most YouTube audio is). The
emulator runs in a process of its own in its lean receive mode (bench/emulator_process.py: arrival times only,
`--sampled` servers decoded to check they hear the song). Measured: acknowledgement latency (interaction created
-> first callback; "in time": within Discord's 3 s), how many servers hear audio and when the last of them does,
packet intervals over the 5 s after that as received and as the bots sent them (their /metrics,
bench/sender_timing.py), CPU seconds per stream of the bots (FFmpeg not included) and of the emulator, the
emulator's own stalls, and the load average. With two processes: SIGKILL of the first, then its partner's servers
over the 5 s before and the 5 s after, at the receiver and at the partner's sender.
`.venv/bin/python -m bench.sharded_burst --servers 400` (minutes). Prints markdown tables; no assertions.
`--only-two` skips the one-process run; `--kill-watch DIR` adds what the machine did at the SIGKILL
(bench/kill_watch.py: py-spy of the survivor, its threads' CPU waits, who used the CPU, the killed bot's children).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import signal
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path

from bench.emulator_process import EmulatorProcess
from bench.kill_watch import KillWatch
from bench.sender_timing import SenderWindow
from bench.sharded_tables import SHARDS, table
from tests.e2e.discord.test_operations import BotProcess, musicbot_run
from tests.support.media import make_tone
from tests.support.media_server import MediaServer
from tests.support.redis_server import RedisServer

TICKS = os.sysconf("SC_CLK_TCK")
GAP = 0.05  # a gap listeners notice (docs/benchmarks.md)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


@contextlib.asynccontextmanager
async def bots(
    emu: EmulatorProcess, root: Path, processes: int, redis: RedisServer | None
) -> AsyncIterator[list[BotProcess]]:
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


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


async def workers_settled(pids: list[int], patience: float = 60) -> None:
    """Until every bot's yt-dlp worker processes (children of its fork server) exist and stayed idle for 1 s.

    /readyz says the gateway is up; the workers warm up in the background after it (seconds on 2 busy cores,
    longer with two processes warming at once), and until then each bot resolves on its own threads, which
    share its GIL with the event loop: a burst then waits behind yt-dlp's cold start (docs/benchmarks.md)."""
    deadline = time.monotonic() + patience
    spent: dict[int, float] | None = None
    while time.monotonic() < deadline:
        now = worker_cpu(pids)
        if now is not None and now == spent:
            return
        spent = now
        await asyncio.sleep(1)


def worker_cpu(pids: list[int]) -> dict[int, float] | None:
    """CPU seconds of each bot's yt-dlp workers; None while a bot has none yet."""
    found: dict[int, float] = {}
    for pid in pids:
        workers = [w for server in children(pid) for w in children(server)]
        if not workers:
            return None
        with contextlib.suppress(OSError):
            found |= {w: cpu_seconds(w) for w in workers}
    return found


async def metrics(running: list[BotProcess]) -> list[str]:
    """Each bot's /metrics, or "" from a bot too starved to answer within 5 s (its figures then read as none)."""
    found = []
    for bot in running:
        try:
            found.append((await bot.get("/metrics"))[1].decode())
        except (OSError, TimeoutError):
            found.append("")
    return found


async def wait_playing(emu: EmulatorProcess, servers: int, patience: float) -> dict[int, float]:
    """Guild id -> first audio, once every server plays or `patience` s passed (a poll a second: cheap)."""
    deadline = time.monotonic() + patience
    playing = await emu.playing()
    while len(playing) < servers and time.monotonic() < deadline:
        await asyncio.sleep(1)
        playing = await emu.playing()
    return playing


async def one_run(
    media: MediaServer,
    root: Path,
    servers: int,
    processes: int,
    redis: RedisServer | None,
    sampled: int,
    watch: KillWatch | None = None,
) -> dict[str, float]:
    async with (
        EmulatorProcess(servers=servers, sampled=sampled, max_concurrency=SHARDS) as emu,
        bots(emu, root, processes, redis) as running,
    ):
        pids = [bot.process.pid for bot in running]
        await workers_settled(pids)
        load_before = os.getloadavg()[0]
        cpu_before, emu_before = sum(map(cpu_seconds, pids)), cpu_seconds(emu.pid)
        # each server its own link, as real servers ask: one shared link would be resolved once
        burst = await emu.burst([media.url(f"/media/long.ogg?server={n}") for n in range(servers)])
        starts = await wait_playing(emu, servers, patience=60 + servers * 0.6)  # 110 joins a minute a shard
        all_playing = max(starts.values()) - burst if starts else float("nan")
        window_start = time.monotonic()
        scraped = await metrics(running)
        emu_steady = cpu_seconds(emu.pid)
        await asyncio.sleep(5)
        window_end = time.monotonic()
        sender = [SenderWindow.between(a, b) for a, b in zip(scraped, await metrics(running), strict=True)]
        cpu = sum(map(cpu_seconds, pids)) - cpu_before
        emu_cpu = cpu_seconds(emu.pid)
        steady = await emu.intervals(window_end - 5, window_end)
        acks = [delay for delay in await emu.acks() if delay is not None and delay < 3]
        figures = {
            "acked": len(acks),
            "playing": len(starts),
            "ack_p50": statistics.median(acks) if acks else float("nan"),
            "ack_p99": quantile(acks, 0.99),
            "all_playing": all_playing,
            "gap_p99": quantile(steady, 0.99),
            "gaps": sum(i >= GAP for i in steady),
            "sender_gaps": sum(window.gaps for window in sender) if all(w.packets for w in sender) else math.nan,
            "sender_late_p99": max(window.bound(window.lateness, 0.99) for window in sender),
            "cpu_per_stream": cpu / servers,
            "emu_per_stream": (emu_cpu - emu_before) / servers,
            "emu_core": (emu_cpu - emu_steady) / (window_end - window_start),
            "load_before": load_before,
            "load_after": os.getloadavg()[0],
        }
        receiver = await emu.receiver(window_end - 5, window_end)
        figures |= {"stall": receiver["loop_stall"], "gc_pause": receiver["gc_pause"]}
        during = await emu.receiver(burst, burst + 3)  # while the acknowledgements come back
        figures |= {"burst_stall": during["loop_stall"], "ack_min": min(acks, default=float("nan"))}
        if processes > 1:
            figures |= await kill_one(emu, running, processes, watch)
        frequencies = await emu.sampled_frequencies(window_end - 1, window_end)  # decoded last: slow
        figures["sampled_440"] = sum(abs(f - 440) < 10 for f in frequencies)
        figures["sampled"] = len(frequencies)
        return figures


async def kill_one(
    emu: EmulatorProcess, running: list[BotProcess], processes: int, watch: KillWatch | None
) -> dict[str, float]:
    """SIGKILL the first process; the survivors' servers over the 5 s before and the 5 s after, and the
    emulator's own lateness in each (a late receiver shows as a gap the sender did not make). `watch`: what
    the machine did meanwhile (bench/kill_watch.py)."""
    gone = set(range(SHARDS // processes))  # the first process's shards
    survivors = [g for g in emu.guild_ids if (g >> 22) % SHARDS not in gone]
    partner = running[1:]
    first = await metrics(partner)
    await asyncio.sleep(4)
    if watch is not None:
        await watch.before(running[0].process.pid, partner[0].process.pid)  # 1 s
    else:
        await asyncio.sleep(1)
    at_kill = await metrics(partner)
    killed_at = time.monotonic()
    os.kill(running[0].process.pid, signal.SIGKILL)
    await asyncio.gather(asyncio.sleep(5), watch.after() if watch is not None else asyncio.sleep(0))
    last = await metrics(partner)
    sent_before = [SenderWindow.between(a, b) for a, b in zip(first, at_kill, strict=True)]
    sent_after = [SenderWindow.between(a, b) for a, b in zip(at_kill, last, strict=True)]
    before = await emu.intervals(killed_at - 5, killed_at, survivors)
    after = await emu.intervals(killed_at, killed_at + 5, survivors)
    late_before = await emu.receiver(killed_at - 5, killed_at)
    late_after = await emu.receiver(killed_at, killed_at + 5)
    return (
        {
            "survivors": len(survivors),
            "before_max": max(before, default=float("nan")),
            "before_gaps": sum(i >= GAP for i in before),
            "before_p99": quantile(before, 0.99),
            "after_max": max(after, default=float("nan")),
            "after_gaps": sum(i >= GAP for i in after),
            "after_p99": quantile(after, 0.99),
            "stall_before": late_before["loop_stall"],
            "stall_after": late_after["loop_stall"],
            "gc_before": late_before["gc_pause"],
            "gc_after": late_after["gc_pause"],
        }
        | sent("before", sent_before)
        | sent("after", sent_after)
    )


def sent(label: str, windows: list[SenderWindow]) -> dict[str, float]:
    """The surviving bots' sender figures over one window, every one of their servers."""
    return {
        f"sent_{label}_gaps": sum(w.gaps for w in windows),
        f"sent_{label}_packets": sum(w.packets for w in windows),
        f"sent_{label}_interval": max(w.bound(w.intervals, 0.99) for w in windows),
        f"sent_{label}_late": max(w.bound(w.lateness, 0.99) for w in windows),
        f"sent_{label}_skipped": sum(w.skipped for w in windows),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", type=int, default=40)
    parser.add_argument("--sampled", type=int, default=8, help="servers whose audio is decrypted and decoded")
    parser.add_argument("--only-two", action="store_true", help="skip the one-process run (the SIGKILL only)")
    parser.add_argument("--kill-watch", type=Path, help="a directory: py-spy, CPU waits, children at the kill")
    args = parser.parse_args()
    watch = KillWatch(args.kill_watch) if args.kill_watch else None
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        (root / "media").mkdir()
        make_tone(root / "media" / "long.ogg", frequency=440, seconds=240)
        redis = RedisServer(root)
        redis.start()
        try:
            with MediaServer(root / "media") as media:
                one = None
                if not args.only_two:
                    one = await one_run(media, root / "one", args.servers, 1, None, args.sampled)
                two = await one_run(media, root / "two", args.servers, 2, redis, args.sampled, watch)
        finally:
            redis.stop()
    table(args.servers, one or two, two)  # without the one-process run: its column repeats the two's
    if watch is not None:
        print("\n" + "\n".join(watch.lines))


if __name__ == "__main__":
    asyncio.run(main())
