"""The real bot against the local Discord emulator: acknowledgement under load, /play → first RTP packet, and
what many play/skip/leave cycles leave behind.

The bot is `build_bot` with real discord.py, the voice engine, yt-dlp and FFmpeg; the emulator
(tests/support/discord_emulator) runs in the same process and event loop, and receives RTP in its own thread,
stamping arrivals with `time.monotonic()` (as it stamps interactions' creation and callbacks), which is the clock
used here throughout. Media are tones served on 127.0.0.1. Run: `.venv/bin/python -m bench.discord_bot`
(`--quick`: 100 cycles instead of 1,000). Prints markdown tables; no assertions, these machines are noisy.

discord.py limits itself to 110 gateway sends per 60 s per connection (not per guild), and every voice join or
leave is one (op 4): the three bursts' 120 joins and leaves alone hit it, and 1,000 join/leave cycles would
spend ~18 minutes waiting on it. The emulator has no rate limits and this measures the bot, not Discord's
limits, so discord.py's limiter is lifted once the bot is connected (`--keep-gateway-limit` keeps it).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Awaitable, Iterable
from pathlib import Path
from typing import Any

from discord.gateway import GatewayRatelimiter

from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.runner import build_bot
from musicbot.entrypoints.logs import configure_logging
from musicbot.entrypoints.settings import Settings
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.model import Guild, Member
from tests.support.media import make_tone
from tests.support.media_server import MediaServer

LOAD_GUILDS, LOAD_MEMBERS = 20, 10  # 200 members, each sends one read command and one /play at once
CYCLE_GUILDS = 20  # cycles run in parallel, one sequence of cycles per guild
WARM_UP_CYCLES = 20
TIMEOUT = 30.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(round(q * (len(ordered) - 1)), len(ordered) - 1)]


def latency_row(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {percentile(ms, 0.99):.1f} | {max(ms):.1f} |"


LATENCY_HEADER = ["| measurement | n | p50 ms | p99 ms | max ms |", "|---|---|---|---|---|"]


class World:
    def __init__(self, emu: DiscordEmulator, bot: MusicBot, media: MediaServer) -> None:
        self.emu, self.bot, self.media = emu, bot, media

    async def command(self, guild: Guild, member: Member, name: str, options: dict[str, Any] | None = None) -> Any:
        interaction = await self.emu.slash(guild, member, name, options or {}, channel="music")
        await interaction.final(timeout=TIMEOUT)
        return interaction

    def url(self, name: str) -> str:
        return self.media.url(f"/media/{name}")


# --- 1. acknowledgement under load ------------------------------------------------------------------------------
async def bench_acknowledgement(world: World, guilds: list[tuple[Guild, list[Member]]]) -> list[str]:
    rows = [*LATENCY_HEADER]
    rows += (await burst(world, guilds, plays=False))[2:-2]  # 200 reads alone: no yt-dlp, no FFmpeg starting
    for size in (1, 5):  # smaller bursts first (members per guild): 40 and 200 interactions
        rows += (await burst(world, [(g, members[:size]) for g, members in guilds]))[2:-2]
    rows += (await burst(world, guilds))[2:-2]
    # Again: discord.py's HTTP pool now holds enough keep-alive connections to the emulator for 400 at once.
    return rows + [row.replace("burst of 400", "burst of 400, again") for row in (await burst(world, guilds))[2:]]


async def burst(world: World, guilds: list[tuple[Guild, list[Member]]], *, plays: bool = True) -> list[str]:
    """Every member sends /queue or /nowplaying and (with `plays`) /play, all at once."""
    emu = world.emu
    if not plays:
        interactions = await asyncio.gather(
            *(emu.slash(g, m, "queue", {}, channel="music") for g, members in guilds for m in members)
        )
        await asyncio.gather(*(i.final(timeout=TIMEOUT) for i in interactions))
        delays = [i.response_delay for i in interactions]
        return ["", "", latency_row(f"burst of {len(delays)} /queue alone: dispatch → first callback", delays), "", ""]
    sends: list[Awaitable[Any]] = []
    kinds: list[str] = []
    for guild, members in guilds:
        for number, member in enumerate(members):
            read = "queue" if number % 2 else "nowplaying"
            sends.append(emu.slash(guild, member, read, {}, channel="music"))
            kinds.append("read")
            sends.append(emu.slash(guild, member, "play", {"query": world.url("long.mp3")}, channel="music"))
            kinds.append("play")
    started = time.monotonic()
    interactions = await asyncio.gather(*sends)
    dispatched = time.monotonic() - started
    await asyncio.gather(*(i.acknowledged(timeout=TIMEOUT) for i in interactions))
    acknowledged = time.monotonic() - started
    await asyncio.gather(*(i.final(timeout=TIMEOUT) for i in interactions))
    finished = time.monotonic() - started
    finals = [i.responded_at for i in interactions]
    delays = {kind: [i.response_delay for i, k in zip(interactions, kinds, strict=True) if k == kind] for kind in kinds}
    rejected = sum(len(i.rejected) for i in interactions)
    # Every guild's first /play joined voice; the others queued behind it.
    audio = await asyncio.gather(*(emu.voice(g).wait_for_audio(0.02, since=started) for g, _ in guilds))
    n, half = len(interactions), len(interactions) // 2
    rows = [
        *LATENCY_HEADER,
        latency_row(f"burst of {n}: dispatch → first callback, all", [d for ds in delays.values() for d in ds]),
        latency_row(f"burst of {n}: dispatch → first callback, /queue + /nowplaying ({half})", delays["read"]),
        latency_row(f"burst of {n}: dispatch → first callback (defer), /play ({half})", delays["play"]),
        latency_row(f"burst of {n}: start → first audio packet, per guild", [a - started for a in audio]),
        "",
        f"{n} interactions dispatched in {dispatched * 1000:.0f} ms, all acknowledged after "
        f"{acknowledged * 1000:.0f} ms, all final after {finished * 1000:.0f} ms; "
        f"callbacks Discord refused: {rejected}; unanswered: {finals.count(None)}.",
    ]
    await asyncio.gather(*(world.command(g, members[0], "leave") for g, members in guilds))
    await asyncio.gather(*(emu.wait_bot_voice(g, None, timeout=TIMEOUT) for g, _ in guilds))
    return rows


# --- 2. /play → first audio packet ------------------------------------------------------------------------------
async def play_to_first_packet(world: World, guild: Guild, member: Member, media: str) -> tuple[float, float]:
    """Seconds from sending /play to the first AUDIO packet, and to the bot's first callback."""
    voice = world.emu.voice(guild)
    asked = time.monotonic()
    interaction = await world.emu.slash(guild, member, "play", {"query": world.url(media)}, channel="music")
    first = await voice.wait_for_audio(0.02, since=asked, timeout=TIMEOUT)
    await interaction.final(timeout=TIMEOUT)
    return first - asked, interaction.response_delay


async def bench_first_packet(world: World, guild: Guild, member: Member, runs: int) -> list[str]:
    voice = world.emu.voice(guild)
    await play_to_first_packet(world, guild, member, "long.mp3")  # throw-away: first FFmpeg, first card...
    await world.command(guild, member, "stop")
    rows = [*LATENCY_HEADER]
    for media, kind in (("long.mp3", "MP3, transcoded"), ("long.ogg", "Opus in Ogg, stream copy")):
        to_audio, to_ack = [], []
        for _ in range(runs):
            audio, ack = await play_to_first_packet(world, guild, member, media)
            to_audio.append(audio)
            to_ack.append(ack)
            await world.command(guild, member, "stop")
            await voice.wait_for_silence(0.15, timeout=TIMEOUT)
        rows.append(latency_row(f"/play → first audio packet, bot in voice ({kind})", to_audio))
        rows.append(latency_row(f"/play → first callback, bot in voice ({kind})", to_ack))
    await world.command(guild, member, "leave")
    await world.emu.wait_bot_voice(guild, None, timeout=TIMEOUT)
    joins = []
    for _ in range(runs):
        audio, _ack = await play_to_first_packet(world, guild, member, "long.mp3")
        joins.append(audio)
        await world.command(guild, member, "leave")
        await world.emu.wait_bot_voice(guild, None, timeout=TIMEOUT)
        await voice.wait_for_silence(0.15, timeout=TIMEOUT)
    rows.append(latency_row("/play → first audio packet, joining voice first (MP3)", joins))
    return rows


# --- 3. play/skip/leave cycles ----------------------------------------------------------------------------------
async def cycle(world: World, guild: Guild, member: Member) -> None:
    """Play a short tone, queue a second, skip to it, leave."""
    voice = world.emu.voice(guild)
    asked = time.monotonic()
    await world.command(guild, member, "play", {"query": world.url("short.mp3")})
    await voice.wait_for_audio(0.02, since=asked, timeout=TIMEOUT)
    await world.command(guild, member, "play", {"query": world.url("short.ogg")})
    await world.command(guild, member, "skip")
    await world.command(guild, member, "leave")
    await world.emu.wait_bot_voice(guild, None, timeout=TIMEOUT)


async def cycles(world: World, guilds: list[tuple[Guild, Member]], total: int) -> float:
    """`total` cycles, the guilds in parallel; the emulator forgets what it recorded after each round."""
    started = time.monotonic()
    done = 0
    while done < total:
        batch = guilds[: min(len(guilds), total - done)]
        await asyncio.gather(*(cycle(world, g, m) for g, m in batch))
        done += len(batch)
        forget(world.emu)
        with world.media._lock:
            world.media.requests.clear()
    return time.monotonic() - started


def forget(emu: DiscordEmulator) -> None:
    """Drop what the emulator kept for assertions (packets, frames, finished interactions, old messages, closed
    voice connections), so its own bookkeeping does not show as the bot's growth. Called when every guild is idle;
    the media server's request log is cleared too."""
    hub = emu.voice_hub
    for recording in hub.recordings.values():
        with recording._lock:
            recording.packets.clear()
            recording._next_to_decode = 0
            recording._decoders.clear()
    hub.frames_received.clear()
    for connection in hub.connections:
        if connection.closed_at is not None:
            emu.udp._routes.pop(connection.ssrc, None)
    hub.connections[:] = [c for c in hub.connections if c.closed_at is None]
    recent = time.monotonic() - 5.0
    for peer, seen in list(emu.udp._peers.items()):  # the UDP thread adds to it; only stale entries go
        if seen < recent:
            emu.udp._peers.pop(peer, None)
    emu.gateway.frames_received.clear()
    if emu.gateway.session is not None:
        emu.gateway.session.buffer.clear()  # up to 5,000 dispatched frames kept for a RESUME
    state = emu.state
    for key, interaction in list(state.interactions.items()):
        if interaction.response_type is not None:
            del state.interactions[key]
            state.interactions_by_token.pop(interaction.token, None)
    newest: dict[int, list[int]] = {}
    for message_id, message in sorted(state.messages.by_id.items()):
        newest.setdefault(message.channel_id, []).append(message_id)
    for ids in newest.values():
        for message_id in ids[:-5]:  # the bot may still edit its latest cards
            del state.messages.by_id[message_id]


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children() -> int:
    me, count = str(os.getpid()), 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        count += fields[1] == me
    return count


def container_sizes(root: object, prefix: str, depth: int = 3, seen: set[int] | None = None) -> dict[str, int]:
    """len() of every dict/set/list/deque attribute of the bot's own objects, a few levels down."""
    seen = seen if seen is not None else set()
    if id(root) in seen or depth < 0:
        return {}
    seen.add(id(root))
    try:
        attributes = dict(vars(root))
    except TypeError:
        attributes = {name: getattr(root, name, None) for name in getattr(type(root), "__slots__", ())}
    sizes: dict[str, int] = {}
    for name, value in attributes.items():
        path = f"{prefix}.{name}"
        if isinstance(value, dict | set | list | frozenset) or type(value).__name__ == "deque":
            sizes[path] = len(value)
        elif type(value).__module__.startswith("musicbot"):
            sizes |= container_sizes(value, path, depth - 1, seen)
    return sizes


def snapshot(bot: MusicBot) -> dict[str, int]:
    gc.collect()
    values = {
        "RSS (KiB)": rss_kib(),
        "threads (threading.active_count)": threading.active_count(),
        "threads (/proc/self/task)": len(os.listdir("/proc/self/task")),
        "open descriptors (/proc/self/fd)": len(os.listdir("/proc/self/fd")),
        "child processes (FFmpeg)": children(),
        "asyncio tasks": len(asyncio.all_tasks()),
        "len(bot.services.playback.registry)": len(bot.services.playback.registry),
        "discord.py voice clients": len(bot.voice_clients),
        "gc objects": len(gc.get_objects()),
    }
    values |= container_sizes(bot.services, "services")
    values |= container_sizes(bot.events, "events")
    return values


async def settle(seconds: float = 2.0) -> None:
    await asyncio.sleep(seconds)  # FFmpeg reaped, voice sockets closed, discord.py's tasks done


async def bench_cycles(world: World, guilds: list[tuple[Guild, Member]], total: int) -> list[str]:
    await cycles(world, guilds, WARM_UP_CYCLES)
    await settle()
    before = snapshot(world.bot)
    traced = tracemalloc.take_snapshot() if tracemalloc.is_tracing() else None
    wall, fifths = 0.0, []
    for _ in range(5):  # does RSS keep growing, or level off?
        wall += await cycles(world, guilds, total // 5)
        fifths.append(f"{rss_kib() / 1024:.1f}")
    await settle()
    after = snapshot(world.bot)
    growth_by_line = []
    if traced is not None:
        gc.collect()
        stats = tracemalloc.take_snapshot().compare_to(traced, "lineno")
        growth_by_line = ["", "| Python allocations that grew (tracemalloc) | KiB | blocks |", "|---|---|---|"]
        growth_by_line += [f"| {s.traceback[0]} | {s.size_diff / 1024:+.1f} | {s.count_diff:+d} |" for s in stats[:15]]
    rows = ["| after warm-up → after cycles | before | after | change |", "|---|---|---|---|"]
    empty = []
    for name, value in before.items():
        later = after.get(name, 0)
        if name.startswith(("services.", "events.")) and value == later == 0:
            empty.append(name.rsplit(".", 2)[-2] + "." + name.rsplit(".", 1)[-1])
            continue
        rows.append(f"| {name} | {value} | {later} | {later - value:+d} |")
    for name in after.keys() - before.keys():
        rows.append(f"| {name} | — | {after[name]} | new |")
    growth = (after["RSS (KiB)"] - before["RSS (KiB)"]) / 1024
    rows += [
        "",
        f"{total} cycles (/play, /play, /skip, /leave; first audio awaited) over {len(guilds)} guilds in parallel: "
        f"{wall:.1f} s ({wall / total * 1000:.0f} ms per cycle); RSS {growth:+.2f} MB; "
        f"Empty before and after ({len(empty)} per-guild maps and sets of the bot's objects): {', '.join(empty)}.",
        "",
        f"RSS after each fifth of the cycles: {', '.join(fifths)} MB (before: {before['RSS (KiB)'] / 1024:.1f} MB).",
        *growth_by_line,
    ]
    return rows


async def main(total: int, runs: int, keep_limit: bool) -> None:
    configure_logging("WARNING", "console")  # to stderr, as `musicbot run` does; the tables go to stdout
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        media = root / "media"
        media.mkdir()
        make_tone(media / "long.mp3", frequency=440, seconds=20)
        make_tone(media / "long.ogg", frequency=550, seconds=20)
        make_tone(media / "short.mp3", frequency=660, seconds=1)
        make_tone(media / "short.ogg", frequency=880, seconds=1)
        with MediaServer(media) as server:
            async with DiscordEmulator() as emu:
                emu.install()
                load = []
                for number in range(LOAD_GUILDS):
                    guild = emu.add_guild(f"Load{number}", voice_channels=["General"], text_channels=["music"])
                    members = [emu.add_member(guild, f"u{number}-{m}", in_voice="General") for m in range(LOAD_MEMBERS)]
                    load.append((guild, members))
                latency = emu.add_guild("Latency", voice_channels=["General"], text_channels=["music"])
                listener = emu.add_member(latency, "alice", in_voice="General")
                cycling = []
                for number in range(CYCLE_GUILDS):
                    guild = emu.add_guild(f"Cycle{number}", voice_channels=["General"], text_channels=["music"])
                    cycling.append((guild, emu.add_member(guild, f"c{number}", in_voice="General")))
                settings = Settings(
                    _env_file=None,  # type: ignore[call-arg]
                    data_dir=root / "data",
                    allow_private_urls=True,
                    log_level="WARNING",
                )
                bot = build_bot(settings, guild_ready_timeout=0.05)
                task = asyncio.create_task(bot.start(emu.token))
                try:
                    await emu.wait_ready()
                    await asyncio.wait_for(bot.wait_until_ready(), TIMEOUT)
                    if not keep_limit:
                        bot.ws._rate_limiter = GatewayRatelimiter(count=1_000_000)
                    world = World(emu, bot, server)
                    sections = [
                        ("1. Acknowledgement: 200 /queue or /nowplaying + 200 /play at once, 20 guilds", None),
                        ("", bench_acknowledgement(world, load)),
                        (f"2. /play → first RTP audio packet, warm process, {runs} runs each", None),
                        ("", bench_first_packet(world, latency, listener, runs)),
                        (f"3. {total} play/skip/leave cycles (after {WARM_UP_CYCLES} warm-up cycles)", None),
                        ("", bench_cycles(world, cycling, total)),
                    ]
                    for title, work in sections:
                        if work is None:
                            print(f"\n### {title}\n", flush=True)
                        else:
                            print("\n".join(await work), flush=True)
                    if emu.unknown_routes:
                        print(f"\nunknown emulator routes: {sorted(set(emu.unknown_routes))}")
                finally:
                    await bot.close()
                    await asyncio.wait_for(task, TIMEOUT)


def _parse(argv: Iterable[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 cycles instead of 1,000")
    parser.add_argument("--cycles", type=int, help="play/skip/leave cycles (a multiple of 100)")
    parser.add_argument("--runs", type=int, default=20, help="/play → first packet runs per kind")
    parser.add_argument("--trace", action="store_true", help="tracemalloc: which lines' allocations grew")
    parser.add_argument("--keep-gateway-limit", action="store_true", help="keep discord.py's 110 sends/60 s")
    return parser.parse_args(None if argv is None else list(argv))


if __name__ == "__main__":
    arguments = _parse()
    if arguments.trace:
        tracemalloc.start()
    total = arguments.cycles or (100 if arguments.quick else 1000)
    asyncio.run(main(total, arguments.runs, arguments.keep_gateway_limit))
