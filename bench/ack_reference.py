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
burst opens the HTTP connections and is not counted.
Run: `.venv/bin/python -m bench.ack_reference [--bursts 3] [--bots musicbot floor naive]`. Prints markdown.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
from pathlib import Path

from bench.discord_bot import LOAD_GUILDS, BotProcess, log_summary, percentile
from bench.play_burst import NaiveProcess
from bench.workspace import load_average, served_media
from musicbot.entrypoints.logs import configure_logging
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.model import Guild, Member
from tests.support.media_server import MediaServer

MEMBERS = 5  # per server: 20 x 5 members x (a read + a /play) = 200 interactions
DEADLINE = 3.0  # Discord refuses a first answer later than this: the interaction is lost
WAIT = 150.0  # a join may wait its turn in the bot's join queue


async def burst(emu: DiscordEmulator, url: str, guilds: list[tuple[Guild, list[Member]]]) -> list[float | None]:
    """Every member sends /queue or /nowplaying and /play at once; the first callbacks' delays (None: refused
    or never sent); every server is left afterwards."""
    sends = [
        emu.slash(guild, member, command, {"query": url} if command == "play" else {}, channel="music")
        for guild, members in guilds
        for number, member in enumerate(members)
        for command in ("queue" if number % 2 else "nowplaying", "play")
    ]
    interactions = await asyncio.gather(*sends)
    await asyncio.gather(*(i.final(timeout=WAIT) for i in interactions), return_exceptions=True)
    for guild, members in guilds:
        await emu.slash(guild, members[0], "leave", {}, channel="music")
    await asyncio.gather(*(emu.wait_bot_voice(g, None, timeout=WAIT) for g, _ in guilds), return_exceptions=True)
    return [i.response_delay for i in interactions]


async def measure(kind: str, server: MediaServer, root: Path, bursts: int) -> list[str]:
    async with DiscordEmulator() as emu:
        guilds = []
        for number in range(LOAD_GUILDS):
            guild = emu.add_guild(f"Load{number}", voice_channels=["General"], text_channels=["music"])
            guilds.append(
                (guild, [emu.add_member(guild, f"u{number}-{m}", in_voice="General") for m in range(MEMBERS)])
            )
        bot: BotProcess | NaiveProcess
        bot = (
            await BotProcess.start(emu, root, trace=False, env={})
            if kind == "musicbot"
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
            p99s, p50s, lines = [], [], []
            for number in range(bursts):
                before = load_average()
                delays = await burst(emu, url, guilds)
                answered = sorted(d * 1000 for d in delays if d is not None and d <= DEADLINE)
                lost = len(delays) - len(answered)
                p50s.append(statistics.median(answered))
                p99s.append(percentile(answered, 0.99))
                lines.append(
                    f"- {kind}, burst {number + 1} (load average before: {before}): p50 {p50s[-1]:.1f} ms, "
                    f"p99 {p99s[-1]:.1f} ms, max {answered[-1]:.1f} ms, lost (after {DEADLINE:g} s or never) {lost}"
                )
        finally:
            await bot.close()
    summary = (
        f"| {kind} | {bursts} | {statistics.median(p50s):.1f} | {statistics.median(p99s):.1f} | "
        f"{min(p99s):.1f} – {max(p99s):.1f} |"
    )
    notes = [log_summary(root / "bot.log")] if kind == "musicbot" else []
    return [summary, *lines, *notes]


async def main(arguments: argparse.Namespace) -> None:
    configure_logging("WARNING", "console")
    with served_media({"long.mp3": (440, 20)}) as (root, server):
        print(f"{os.cpu_count()} cores, load average {load_average()}.", flush=True)
        results = {}
        for kind in arguments.bots:
            (root / kind).mkdir()
            results[kind] = await measure(kind, server, root / kind, arguments.bursts)
            print("\n".join(results[kind][1:]), flush=True)
        print("\n| 200 mixed at once, first callback | bursts | p50 ms (median) | p99 ms (median) | p99 range |")
        print("|---|---|---|---|---|")
        for lines in results.values():
            print(lines[0])
        print(f"\nLoad average at the end: {load_average()}.")


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--bursts", type=int, default=3, help="measured bursts per bot")
    parser.add_argument("--bots", nargs="+", default=["musicbot", "floor"], choices=["musicbot", "floor", "naive"])
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(_parse()))
