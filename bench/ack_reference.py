"""200 mixed commands at once (/queue or /nowplaying, and /play, from 100 members of 20 servers): the bot
against a naive discord.py bot answering the same interactions, in the same run.

The ack target (p99 ≤ 50 ms for 200 at once) is a question about the bot, but part of every acknowledgement is
discord.py's and aiohttp's own work (parsing the gateway frame, building the `Interaction`, the app-command
dispatch, the callback's POST) and the machine's: the emulator and this driver run on the same cores. The naive
bot (`bench/naive_bot_process.py`: `/queue` and `/nowplaying` answer at once from discord.py's cache, `/play`
defers first, then resolves in threads and joins) and the same bot answering only (`floor`: `/play` defers and
says so, no yt-dlp, no voice) measure it in the same run. Each bot runs in a process of its own against a fresh
emulator; each burst is `bench.discord_bot`'s mixed burst (the first /play of each server joins its voice channel,
the rest queue; every server is left afterwards), and an interaction answered after 3 s counts as lost. The first
burst opens the HTTP connections and is not counted. The figures run from the interaction's frame written to the
bot's socket to its first callback: its arrival on the loopback interface ("on the wire", what Discord's edge
would see; `bench/wire.py`, with tcpdump) and its handler at the emulator (which queues behind the emulator's own
loop on the same cores). The emulator builds all 200 interactions before it writes the
first frame (tens of ms of its own work, which Discord's clock would count but which is not the bot's), printed
apart as "creation → frame written".
Each burst line also says how much CPU the bot's event-loop thread and the emulator's (this process's main
thread) spent per interaction until the last first answer, from /proc and `time.thread_time`: a p99 cannot be
below what the loop must do for the interactions before it. `--profile DIR` writes a cProfile of the bot's
event-loop thread during each measured burst, until its last first answer (musicbot and before), to
DIR/KIND-burstN.pstats.
`--before DIR --bots before musicbot floor`: the bot `before` runs DIR/src (`mkdir DIR && git archive main src |
tar -x -C DIR`), against this bench, in the same run.
Run: `.venv/bin/python -m bench.ack_reference [--bursts 3] [--bots musicbot floor naive before] [--profile DIR]`.
Prints markdown.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bench.discord_bot import LOAD_GUILDS, BotProcess, log_summary, percentile
from bench.play_burst import NaiveProcess
from bench.wire import CallbackCapture
from bench.workspace import load_average, served_media
from musicbot.entrypoints.logs import configure_logging
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.interactions import Interaction
from tests.support.discord_emulator.model import Guild, Member
from tests.support.media_server import MediaServer

MEMBERS = 5  # per server: 20 x 5 members x (a read + a /play) = 200 interactions
DEADLINE = 3.0  # Discord refuses a first answer later than this: the interaction is lost
WAIT = 150.0  # a join may wait its turn in the bot's join queue


async def burst(
    emu: DiscordEmulator,
    url: str,
    guilds: list[tuple[Guild, list[Member]]],
    answered: Callable[[], Awaitable[None]] | None = None,
) -> list[Interaction]:
    """Every member sends /queue or /nowplaying and /play at once (in that order, server by server);
    `answered` is called once every interaction has its first answer; every server is left afterwards."""
    sends = [
        emu.slash(guild, member, command, {"query": url} if command == "play" else {}, channel="music")
        for guild, members in guilds
        for number, member in enumerate(members)
        for command in ("queue" if number % 2 else "nowplaying", "play")
    ]
    interactions = await asyncio.gather(*sends)
    await asyncio.gather(*(i.acknowledged(timeout=DEADLINE * 2) for i in interactions), return_exceptions=True)
    if answered is not None:
        await answered()
    await asyncio.gather(*(i.final(timeout=WAIT) for i in interactions), return_exceptions=True)
    for guild, members in guilds:
        await emu.slash(guild, members[0], "leave", {}, channel="music")
    await asyncio.gather(*(emu.wait_bot_voice(g, None, timeout=WAIT) for g, _ in guilds), return_exceptions=True)
    return interactions


def main_thread_cpu(pid: int) -> float:
    """CPU seconds of a process's main thread (a bot's event loop), user + system, from /proc."""
    fields = Path(f"/proc/{pid}/task/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measured_burst(
    emu: DiscordEmulator,
    bot: BotProcess | NaiveProcess,
    url: str,
    guilds: list[tuple[Guild, list[Member]]],
    pstats: Path | None,
) -> tuple[list[Interaction], dict[str, float]]:
    """A burst, with the CPU the bot's loop and the emulator's spent per interaction until the last first answer
    (ms), and the bot's profile over that time written to `pstats` (musicbot only)."""
    profiling = pstats is not None and isinstance(bot, BotProcess)
    if profiling:
        assert isinstance(bot, BotProcess)
        await bot.ask("profile_start")
    count = sum(2 * len(members) for _, members in guilds)
    bot_cpu, emulator_cpu, cpu = main_thread_cpu(bot.process.pid), time.thread_time(), {}

    async def answered() -> None:
        cpu["bot"] = (main_thread_cpu(bot.process.pid) - bot_cpu) / count * 1000
        cpu["emulator"] = (time.thread_time() - emulator_cpu) / count * 1000
        if profiling:
            assert isinstance(bot, BotProcess)
            await bot.ask("profile_stop", str(pstats))

    return await burst(emu, url, guilds, answered), cpu


def p99_of(delays: list[float | None]) -> float:
    return percentile([d * 1000 if d is not None else DEADLINE * 1000 for d in delays], 0.99)


async def wire_delays(interactions: list[Interaction], capture: CallbackCapture) -> list[float]:
    """From each interaction's frame written to its callback's first segment on the loopback interface (ms)."""
    arrivals = await capture.arrivals({i.id for i in interactions})
    return sorted(
        (arrivals[i.id] - i.dispatched_at) * 1000
        for i in interactions
        if i.id in arrivals and i.dispatched_at is not None
    )


async def measure(
    kind: str, server: MediaServer, root: Path, bursts: int, profile: Path | None, src: str | None = None
) -> list[str]:
    async with DiscordEmulator() as emu, CallbackCapture(emu.port) as capture:
        guilds = []
        for number in range(LOAD_GUILDS):
            guild = emu.add_guild(f"Load{number}", voice_channels=["General"], text_channels=["music"])
            guilds.append(
                (guild, [emu.add_member(guild, f"u{number}-{m}", in_voice="General") for m in range(MEMBERS)])
            )
        bot: BotProcess | NaiveProcess
        bot = (
            await BotProcess.start(emu, root, trace=False, env={"PYTHONPATH": src} if src else {})
            if kind in ("musicbot", "before")
            else await NaiveProcess.start(emu, ack_only=kind == "floor")
        )
        try:
            await emu.wait_ready(timeout=60)
            if isinstance(bot, BotProcess):
                await bot.ask("ready")
            await emu.state.notifier.wait_for(
                lambda: True if {"queue", "nowplaying", "play", "leave"} <= set(emu.commands()) else None,
                timeout=60,
                what="the commands registered",
            )
            url = server.url("/media/long.mp3")
            await burst(emu, url, guilds)  # opens the HTTP connections, warms the bot: not counted
            p99s, p50s, wire_p99s, lines = [], [], [], []
            for number in range(bursts):
                before = load_average()
                pstats = profile / f"{kind}-burst{number + 1}.pstats" if profile is not None else None
                interactions, cpu = await measured_burst(emu, bot, url, guilds, pstats)
                lost = sum(i.response_delay is None or i.response_delay > DEADLINE for i in interactions)
                delays = [i.answer_delay for i in interactions]
                answered = sorted(d * 1000 for d in delays if d is not None)
                emulator = percentile([(i.dispatched_at or 0) - i.created_at for i in interactions], 0.99) * 1000
                p50s.append(statistics.median(answered))
                p99s.append(percentile(answered, 0.99))
                wire = await wire_delays(interactions, capture)
                on_wire = ""  # without a capture of every callback, no figure
                if len(wire) == len(interactions):
                    wire_p99s.append(percentile(wire, 0.99))
                    on_wire = (
                        f"on the wire: p50 {statistics.median(wire):.1f} ms, p99 {wire_p99s[-1]:.1f} ms; "
                        "at the emulator's "
                    )
                lines.append(
                    f"- {kind}, burst {number + 1} (load average before: {before}): {on_wire}handler: "
                    f"p50 {p50s[-1]:.1f} ms, "
                    f"p99 {p99s[-1]:.1f} ms, max {answered[-1]:.1f} ms, lost (after {DEADLINE:g} s or never) {lost}; "
                    f"CPU per interaction until the last first answer: bot's loop {cpu['bot']:.2f} ms, "
                    f"emulator's loop {cpu['emulator']:.2f} ms; p99 of the reads {p99_of(delays[0::2]):.1f} ms, "
                    f"of /play {p99_of(delays[1::2]):.1f} ms; p99 creation → frame written (the emulator's "
                    f"part, not counted) {emulator:.1f} ms"
                )
        finally:
            await bot.close()
            if profile is not None and kind in ("musicbot", "before"):
                shutil.copy(root / "bot.log", profile / f"{kind}.log")
    wire_column = (
        f"{statistics.median(wire_p99s):.1f} ({min(wire_p99s):.1f} – {max(wire_p99s):.1f})"
        if len(wire_p99s) == bursts
        else "no capture"
    )
    summary = (
        f"| {kind} | {bursts} | {wire_column} | {statistics.median(p50s):.1f} | {statistics.median(p99s):.1f} | "
        f"{min(p99s):.1f} – {max(p99s):.1f} |"
    )
    notes = [log_summary(root / "bot.log")] if kind in ("musicbot", "before") else []
    return [summary, *lines, *notes]


async def main(arguments: argparse.Namespace) -> None:
    configure_logging("WARNING", "console")
    with served_media({"long.mp3": (440, 20)}) as (root, server):
        print(f"{os.cpu_count()} cores, load average {load_average()}.", flush=True)
        results = {}
        profile = arguments.profile.resolve() if arguments.profile else None
        if profile is not None:
            profile.mkdir(parents=True, exist_ok=True)
        for kind in arguments.bots:
            (root / kind).mkdir()
            src = str(arguments.before.resolve() / "src") if kind == "before" else None
            results[kind] = await measure(kind, server, root / kind, arguments.bursts, profile, src)
            print("\n".join(results[kind][1:]), flush=True)
        print(
            "\n| 200 mixed at once, first callback | bursts | on the wire: p99 ms, median (range) | at the "
            "emulator's handler: p50 ms (median) | p99 ms (median) | p99 range |"
        )
        print("|---|---|---|---|---|---|")
        for lines in results.values():
            print(lines[0])
        print(f"\nLoad average at the end: {load_average()}.")


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--bursts", type=int, default=3, help="measured bursts per bot")
    parser.add_argument(
        "--bots", nargs="+", default=["musicbot", "floor"], choices=["musicbot", "floor", "naive", "before"]
    )
    parser.add_argument(
        "--before", type=Path, help="a checkout whose src/ the bot `before` runs (e.g. `git archive main src`)"
    )
    parser.add_argument("--profile", type=Path, help="a directory for cProfile figures of the bot's loop (musicbot)")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(_parse()))
