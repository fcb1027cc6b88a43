"""The real bot against the local Discord emulator: acknowledgement under load, /play → first RTP packet, and
what many play/skip/leave cycles leave behind.

The bot is `build_bot` with real discord.py, the voice engine, yt-dlp and FFmpeg, built and run as `musicbot run`
does it (heap frozen once ready, free memory released periodically, INFO logs as JSON, here into a file), in a
process of its own (bench/discord_bot_process.py), as in production. The emulator (tests/support/discord_emulator)
and this driver run in this process: they used to share the bot's event loop, which put the emulator's work and
memory into the bot's figures. The emulator receives RTP in its own thread, stamping arrivals with
`time.monotonic()` (as it stamps interactions' creation and callbacks), which is the clock used here throughout
(system-wide, so the same in both processes). Media are tones served on 127.0.0.1. Run:
`.venv/bin/python -m bench.discord_bot` (`--quick`: 100 cycles instead of 1,000; `--only ack|first-packet|cycles`;
`--cycles 2000` to see RSS level off; `--env MALLOC_ARENA_MAX=2` for the bot's process; `--keep-free-memory`
without the periodic `malloc_trim`). Prints markdown tables; no assertions, these machines are noisy.

discord.py limits itself to 110 gateway sends per 60 s per connection (not per guild), and every voice join or
leave is one (op 4); Discord closes a connection that sends more than 120 (the emulator too). The limit stays
on, as in production: the bot paces its joins (adapters/discord_voice/join_queue.py), so the bursts' joins and
leaves and the cycles take the time Discord gives them (1,000 join/leave cycles: ~20 minutes; `--quick`).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import statistics
import sys
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any

from bench.workspace import load_average, served_media
from musicbot.entrypoints.discord.heap import RELEASE_EVERY
from musicbot.entrypoints.logs import configure_logging
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.interactions import Interaction
from tests.support.discord_emulator.model import Guild, Member
from tests.support.media_server import MediaServer

LOAD_GUILDS, LOAD_MEMBERS = 20, 10  # 200 members, each sends one read command and one /play at once
CYCLE_GUILDS = 20  # cycles run in parallel, one sequence of cycles per guild
WARM_UP_CYCLES = 20
TIMEOUT = 150.0  # a join may wait its turn: the bursts' joins and leaves exceed Discord's 110 a minute
ROOT = Path(__file__).resolve().parent.parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(round(q * (len(ordered) - 1)), len(ordered) - 1)]


def latency_row(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {percentile(ms, 0.99):.1f} | {max(ms):.1f} |"


def answered_in(interaction: Interaction) -> float:
    """Seconds from its frame written to the bot's socket to the bot's first callback (not from its creation: in a
    burst the emulator builds every interaction before it writes the first frame); there is one once
    `acknowledged` or `final` returned."""
    if interaction.answer_delay is None:
        raise RuntimeError("the interaction has no response yet: await acknowledged() or final() first")
    return interaction.answer_delay


LATENCY_HEADER = ["| measurement | n | p50 ms | p99 ms | max ms |", "|---|---|---|---|---|"]


class World:
    def __init__(self, emu: DiscordEmulator, bot: BotProcess, media: MediaServer) -> None:
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
    reads_again = await burst(world, guilds, plays=False)  # with the connections open: the bot's CPU per command
    rows += [row.replace("/queue alone", "/queue alone, again") for row in reads_again[2:-2]]
    cpu_note = reads_again[-1]
    for size in (1, 5):  # smaller bursts first (members per guild): 40 and 200 interactions
        rows += (await burst(world, [(g, members[:size]) for g, members in guilds]))[2:-2]
    rows += (await burst(world, guilds))[2:-2]
    # Again: discord.py's HTTP pool now holds enough keep-alive connections to the emulator for 400 at once.
    rows += [row.replace("burst of 400", "burst of 400, again") for row in (await burst(world, guilds))[2:]]
    return [*rows, "", cpu_note]


async def burst(world: World, guilds: list[tuple[Guild, list[Member]]], *, plays: bool = True) -> list[str]:
    """Every member sends /queue or /nowplaying and (with `plays`) /play, all at once."""
    emu = world.emu
    if not plays:
        cpu_before = world.bot.loop_cpu_seconds()
        interactions = await asyncio.gather(
            *(emu.slash(g, m, "queue", {}, channel="music") for g, members in guilds for m in members)
        )
        await asyncio.gather(*(i.final(timeout=TIMEOUT) for i in interactions))
        cpu = (world.bot.loop_cpu_seconds() - cpu_before) / len(interactions)
        reads = [answered_in(i) for i in interactions]
        return [
            "",
            "",
            latency_row(f"burst of {len(reads)} /queue alone: dispatch → first callback", reads),
            "",
            f"The bot's event-loop thread spent {cpu * 1000:.2f} ms of CPU per /queue in the second burst of reads "
            "(the first opens the connections): a burst's p99 cannot be below the sum.",
        ]
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
    delays = {kind: [answered_in(i) for i, k in zip(interactions, kinds, strict=True) if k == kind] for kind in kinds}
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
    return first - asked, answered_in(interaction)


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


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def log_summary(path: Path) -> str:
    """How much the bot logged (INFO, JSON, as in production), and its warnings and errors, counted by event."""
    levels: dict[str, int] = {}
    worse: dict[str, int] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            record = {"level": "?", "event": line[:80]}
        level = str(record.get("level", "?"))
        levels[level] = levels.get(level, 0) + 1
        if level not in ("debug", "info"):
            event = f"{level}: {str(record.get('event', ''))[:80]}"
            worse[event] = worse.get(event, 0) + 1
    counts = ", ".join(f"{level} {count}" for level, count in sorted(levels.items()))
    details = "".join(f"\n- {count} × {event}" for event, count in sorted(worse.items(), key=lambda kv: -kv[1]))
    return f"The bot's log: {len(lines)} lines ({counts or 'none'}).{details}"


async def settle(seconds: float = 2.0) -> None:
    await asyncio.sleep(seconds)  # FFmpeg reaped, voice sockets closed, discord.py's tasks done


async def bench_cycles(
    world: World, guilds: list[tuple[Guild, Member]], total: int, warm_up: int, idle: float
) -> list[str]:
    """RSS and the rest when the bot is idle (`idle` s after the last cycle: with the bot's periodic release of
    free memory, one period) before and after the cycles; RSS while cycling, to see it level off."""
    bot = world.bot
    await cycles(world, guilds, warm_up)
    await settle(idle)
    before = await bot.ask("snapshot")
    types_before = await bot.ask("gc_types")
    await bot.ask("trace_mark")
    wall, marks = 0.0, [(0, before["RSS (KiB)"])]
    step = max(len(guilds), total // 20)
    while (done := marks[-1][0]) < total:  # does RSS keep growing, or level off?
        wall += await cycles(world, guilds, min(step, total - done))
        marks.append((min(done + step, total), bot.rss_kib()))
    await settle(idle)
    after = await bot.ask("snapshot")
    types_after = await bot.ask("gc_types")
    grew = sorted(((n - types_before.get(t, 0), t) for t, n in types_after.items()), reverse=True)[:8]
    trim = await bot.ask("malloc_trim")
    trimmed = trim["RSS (KiB)"]
    growth_by_line = []
    if grown := await bot.ask("trace_growth"):
        growth_by_line = ["", "| Python allocations that grew (tracemalloc) | KiB | blocks |", "|---|---|---|"]
        growth_by_line += [f"| {line} | {size / 1024:+.1f} | {count:+d} |" for line, size, count in grown]
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
    rss_at = dict(marks)
    spans = sorted({(total // 2, total)} | ({(500, 1000), (1000, total)} if total > 1000 else set()))
    rows += [
        "",
        f"{total} cycles (/play, /play, /skip, /leave; first audio awaited) over {len(guilds)} guilds in parallel: "
        f"{wall:.1f} s ({wall / total * 1000:.0f} ms per cycle); idle RSS {growth:+.2f} MB (idle {idle:.0f} s "
        f"after {warm_up} warm-up cycles, and after the cycles)"
        + "".join(
            f"; while cycling, between cycles {a}–{b}: {(rss_at[b] - rss_at[a]) / 1024:+.2f} MB"
            for a, b in spans
            if a in rss_at and b in rss_at
        )
        + f". Empty before and after ({len(empty)} per-guild maps and sets of the bot's objects): {', '.join(empty)}.",
        "",
        "Objects the collector follows that grew most, by type: "
        + ", ".join(f"{name} {count:+d}" for count, name in grew if count > 0)
        + ".",
        "",
        "RSS (MB) while cycling, after N cycles (0: idle): "
        + ", ".join(f"{done}: {kib / 1024:.1f}" for done, kib in marks)
        + ".",
        "",
        f"Then glibc's `malloc_trim(0)` gave {(after['RSS (KiB)'] - trimmed) / 1024:.1f} MB back to the system: "
        f"RSS {(trimmed - before['RSS (KiB)']) / 1024:+.2f} MB from the baseline (freed memory malloc had kept); "
        f"the call took {trim['seconds'] * 1000:.1f} ms.",
        *growth_by_line,
    ]
    return rows


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode())


class BotProcess:
    """The bot, run as `python -m bench.discord_bot_process` against the emulator, and a line to ask it things."""

    def __init__(
        self,
        process: asyncio.subprocess.Process,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        http_port: int = 0,
    ) -> None:
        self.process, self._reader, self._writer = process, reader, writer
        self.http_port = http_port

    @classmethod
    async def start(
        cls,
        emu: DiscordEmulator,
        root: Path,
        *,
        trace: bool,
        env: dict[str, str],
        release_memory: bool = True,
        http_port: int = 0,
    ) -> BotProcess:
        control = root / "control.sock"
        config = {
            "http_port": http_port,
            "api_url": emu.api_url,
            "gateway_url": emu.gateway_url,
            "token": emu.token,
            "data_dir": str(root / "data"),
            "control": str(control),
            "log_file": str(root / "bot.log"),
            "release_memory": release_memory,
        }
        env = os.environ | {"SSL_CERT_FILE": str(emu.ca_pem_path)} | env  # voice is always wss://
        if trace:
            env["PYTHONTRACEMALLOC"] = "1"
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bench.discord_bot_process", json.dumps(config), env=env, cwd=ROOT
        )
        async with asyncio.timeout(TIMEOUT):
            while not control.exists():
                if process.returncode is not None:
                    raise RuntimeError(f"the bot's process ended with code {process.returncode}")
                await asyncio.sleep(0.05)
            reader, writer = await asyncio.open_unix_connection(control)
        return cls(process, reader, writer, http_port)

    async def metrics(self) -> str:
        """The bot's /metrics (started with an `http_port`)."""
        return await asyncio.to_thread(_get, f"http://127.0.0.1:{self.http_port}/metrics")

    async def ask(self, op: str, path: str | None = None) -> Any:
        request = {"op": op} if path is None else {"op": op, "path": path}
        self._writer.write(json.dumps(request).encode() + b"\n")
        async with asyncio.timeout(2 * TIMEOUT):
            await self._writer.drain()
            line = await self._reader.readline()
        if not line:
            raise RuntimeError(f"the bot's process did not answer {op!r}")
        return json.loads(line)

    def rss_kib(self) -> int:
        return rss_kib(self.process.pid)

    def loop_cpu_seconds(self) -> float:
        """CPU time of the bot's main thread (its event loop), from /proc: user + system, in clock ticks."""
        pid = self.process.pid
        fields = Path(f"/proc/{pid}/task/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def close(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(RuntimeError, OSError, TimeoutError):
                await self.ask("close")
        self._writer.close()
        try:
            await asyncio.wait_for(self.process.wait(), TIMEOUT)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


async def main(arguments: argparse.Namespace, total: int) -> None:
    configure_logging("WARNING", "console")  # to stderr, as `musicbot run` does; the tables go to stdout
    tones = {"long.mp3": (440, 20), "long.ogg": (550, 20), "short.mp3": (660, 1), "short.ogg": (880, 1)}
    with served_media(tones) as (root, server):
        async with DiscordEmulator() as emu:
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
            bot = await BotProcess.start(
                emu,
                root,
                trace=arguments.trace,
                env=dict(pair.split("=", 1) for pair in arguments.env),
                release_memory=not arguments.keep_free_memory,
            )
            try:
                await emu.wait_ready()
                await bot.ask("ready")
                # The emulator's own full collections would hold its timestamps back: not the bot's time.
                gc.collect()
                gc.freeze()
                world = World(emu, bot, server)
                # Idle before RSS and the rest are read: longer than aiohttp's keep-alive (15 s, the bot's pooled
                # connections to the emulator close) and than a few periods of the bot's release of free memory.
                idle = max(3 * RELEASE_EVERY, 15.0) + 2.0
                print(
                    f"Bot process {bot.process.pid}, environment added: {' '.join(arguments.env) or 'none'}, "
                    f"free memory released every {'—' if arguments.keep_free_memory else RELEASE_EVERY} s; "
                    f"load average {load_average()}."
                )
                sections: dict[str, tuple[str, Callable[[], Awaitable[list[str]]]]] = {
                    "ack": (
                        "1. Acknowledgement: 200 /queue or /nowplaying + 200 /play at once, 20 guilds",
                        lambda: bench_acknowledgement(world, load),
                    ),
                    "first-packet": (
                        f"2. /play → first RTP audio packet, warm process, {arguments.runs} runs each",
                        lambda: bench_first_packet(world, latency, listener, arguments.runs),
                    ),
                    "cycles": (
                        f"3. {total} play/skip/leave cycles (after {arguments.warm_up} warm-up cycles)",
                        lambda: bench_cycles(
                            world, cycling, total, arguments.warm_up, 2.0 if arguments.keep_free_memory else idle
                        ),
                    ),
                }
                for name in arguments.only or list(sections):
                    title, work = sections[name]
                    print(f"\n### {title}\n", flush=True)
                    print("\n".join(await work()), flush=True)
                print(f"\nLoad average at the end: {load_average()}.")
                print(log_summary(root / "bot.log"))
                if emu.unknown_routes:
                    print(f"\nunknown emulator routes: {sorted(set(emu.unknown_routes))}")
            finally:
                await bot.close()


def _parse(argv: Iterable[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 cycles instead of 1,000")
    parser.add_argument("--cycles", type=int, help="play/skip/leave cycles (a multiple of 100)")
    parser.add_argument("--runs", type=int, default=20, help="/play → first packet runs per kind")
    parser.add_argument("--trace", action="store_true", help="tracemalloc: which lines' allocations grew")
    parser.add_argument("--warm-up", type=int, default=WARM_UP_CYCLES, help="cycles before the RSS baseline")
    parser.add_argument(
        "--env", action="append", default=[], metavar="NAME=VALUE", help="for the bot's process (MALLOC_ARENA_MAX=2)"
    )
    parser.add_argument(
        "--keep-free-memory", action="store_true", help="without the bot's periodic malloc_trim (heap.py)"
    )
    parser.add_argument("--only", action="append", choices=["ack", "first-packet", "cycles"], help="these sections")
    return parser.parse_args(None if argv is None else list(argv))


if __name__ == "__main__":
    arguments = _parse()
    asyncio.run(main(arguments, arguments.cycles or (100 if arguments.quick else 1000)))
