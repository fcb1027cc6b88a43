"""The Discord emulator in a process of its own, in its lean receive mode, for benches with hundreds of streams.

In the bench's own process the emulator shared one GIL with the bench's waiting (a poll every 10 ms per server)
and kept every packet as an object: at 120 servers each full garbage collection (~0.25 s over ~360,000 packets)
held the GIL while the receiving thread waited to timestamp, and every stream showed a gap at once. Here the
child process runs `DiscordEmulator(lean_voice=True)`: arrival times only (tests/support/discord_emulator/
arrivals.py), a few sampled servers recorded fully and decoded to check that the audio is the song; it freezes
the garbage collector's survivors every second (a collection then walks one second of new objects, not the
whole run) and records its own event loop's stalls and its collections' pauses, so a bench can tell a late
receiver from a late sender. Times are `time.monotonic()`, the same clock in every process of the machine.

    async with EmulatorProcess(servers=400, sampled=8, max_concurrency=4) as emu:
        ...start bots with emu (token, ca_pem_path, api_url, gateway_url)...
        burst_at = await emu.burst(urls)
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import multiprocessing
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.discord_emulator import DiscordEmulator, Guild, Interaction, Member, actions

AUDIO_NEEDED = 10  # 0.2 s of audio: a server "plays" (VoiceRecording.wait_for_audio's rule)
FREEZE_EVERY = 1.0
STALL_TICK = 0.005
RECORDED = 0.005  # stalls and pauses shorter than this are not kept


@dataclass
class _World:
    emu: DiscordEmulator
    guilds: list[tuple[Guild, Member]]
    interactions: list[Interaction] = field(default_factory=list)
    playing: dict[int, float] = field(default_factory=dict)
    stalls: list[tuple[float, float]] = field(default_factory=list)  # (when, how late the loop woke)
    pauses: list[tuple[float, float]] = field(default_factory=list)  # (when, a garbage collection's length)


def _worst(events: list[tuple[float, float]], start: float, end: float) -> float:
    return max((length for at, length in events if start <= at < end), default=0.0)


class _Commands:
    def __init__(self, world: _World) -> None:
        self.world = world

    def burst(self, urls: list[str]) -> float:
        """Every server sends /play with its own link at once; returns when (monotonic)."""
        started = time.monotonic()
        self.world.interactions = [
            # the slash goes out as a gateway dispatch, synchronously; the acknowledgement is timed later
            actions.slash(self.world.emu.state, guild, member, "play", {"query": url}, channel="music")
            for (guild, member), url in zip(self.world.guilds, urls, strict=True)
        ]
        return started

    def playing(self) -> dict[int, float]:
        """Guild id -> first audio packet's arrival, for the servers with 0.2 s of audio."""
        found = self.world.playing
        for guild, _ in self.world.guilds:
            if guild.id not in found:
                logged = self.world.emu.voice_hub.arrival_logs.get(guild.id)
                audio = logged.audio[:AUDIO_NEEDED] if logged else self.world.emu.audio_arrivals(guild)
                if len(audio) >= AUDIO_NEEDED:
                    found[guild.id] = audio[0]
        return dict(found)

    def acks(self) -> list[float | None]:
        return [interaction.response_delay for interaction in self.world.interactions]

    def intervals(self, start: float, end: float, guild_ids: list[int] | None) -> list[float]:
        """Intervals between consecutive audio packets of those servers (all: None) arriving in [start, end)."""
        wanted = None if guild_ids is None else set(guild_ids)
        found: list[float] = []
        for guild, _ in self.world.guilds:
            if wanted is None or guild.id in wanted:
                audio = self.world.emu.audio_arrivals(guild, start, end)
                found += [b - a for a, b in itertools.pairwise(audio)]
        return found

    def receiver(self, start: float, end: float) -> dict[str, float]:
        """The emulator's own lateness in [start, end): its loop's longest stall, its longest collection."""
        return {
            "loop_stall": _worst(self.world.stalls, start, end),
            "gc_pause": _worst(self.world.pauses, start, end),
            "received": float(self.world.emu.udp.received),
        }

    def sampled_frequencies(self, start: float, end: float) -> list[float]:
        """The dominant frequency of each sampled server's audio in [start, end) (decoded with libopus)."""
        found = []
        for guild_id in sorted(self.world.emu.voice_hub.sampled):
            pcm = self.world.emu.voice_hub.recording(guild_id).pcm(start, end)
            found.append(dominant_frequency(pcm_to_mono(pcm)) if len(pcm) > 4 * 48_000 // 5 else 0.0)
        return found


async def _watch_loop(world: _World) -> None:
    while True:
        asked = time.monotonic()
        await asyncio.sleep(STALL_TICK)
        late = time.monotonic() - asked - STALL_TICK
        if late >= RECORDED:
            world.stalls.append((asked, late))


async def _freeze() -> None:
    while True:
        await asyncio.sleep(FREEZE_EVERY)
        gc.freeze()


def _time_collections(world: _World) -> None:
    started = [0.0]

    def callback(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.monotonic()
        elif time.monotonic() - started[0] >= RECORDED:
            world.pauses.append((started[0], time.monotonic() - started[0]))

    gc.callbacks.append(callback)


async def _serve(conn: Connection, servers: int, sampled: int, max_concurrency: int) -> None:
    async with DiscordEmulator(lean_voice=True) as emu:
        emu.state.max_concurrency = max_concurrency
        guilds = []
        for i in range(servers):
            guild = emu.add_guild(f"G{i}", voice_channels=["General"], text_channels=["music"])
            guilds.append((guild, emu.add_member(guild, f"u{i}", in_voice="General")))
            if sampled and i % max(1, servers // sampled) == 0 and len(emu.voice_hub.sampled) < sampled:
                emu.sample_voice(guild)
            await asyncio.sleep(0.002)  # snowflakes' time part moves: servers spread over shards
        world = _World(emu, guilds)
        _time_collections(world)
        watchers = [asyncio.create_task(_watch_loop(world)), asyncio.create_task(_freeze())]
        commands = _Commands(world)
        conn.send(
            {
                "token": emu.token,
                "ca_pem_path": str(emu.ca_pem_path),
                "api_url": emu.api_url,
                "gateway_url": emu.gateway_url,
                "guild_ids": [guild.id for guild, _ in guilds],
            }
        )
        while True:
            name, arguments = await asyncio.to_thread(conn.recv)
            if name == "stop":
                break
            conn.send(getattr(commands, name)(**arguments))
        for watcher in watchers:
            watcher.cancel()


def _main(conn: Connection, servers: int, sampled: int, max_concurrency: int) -> None:
    asyncio.run(_serve(conn, servers, sampled, max_concurrency))


class EmulatorProcess:
    """The parent's handle: the emulator's addresses (what `musicbot_run` needs) and its commands."""

    def __init__(self, *, servers: int, sampled: int, max_concurrency: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_main, args=(child, servers, sampled, max_concurrency), name="discord-emulator", daemon=True
        )
        self._lock = asyncio.Lock()
        self.token = self.api_url = self.gateway_url = ""
        self.ca_pem_path = Path()
        self.guild_ids: list[int] = []

    @property
    def pid(self) -> int:
        assert self._process.pid is not None
        return self._process.pid

    async def __aenter__(self) -> EmulatorProcess:
        self._process.start()
        ready = await asyncio.to_thread(self._conn.recv)
        self.token, self.api_url, self.gateway_url = ready["token"], ready["api_url"], ready["gateway_url"]
        self.ca_pem_path = Path(ready["ca_pem_path"])
        self.guild_ids = ready["guild_ids"]
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._process.is_alive():
            self._conn.send(("stop", {}))
            await asyncio.to_thread(self._process.join, 10)
        if self._process.is_alive():
            self._process.kill()
        self._conn.close()

    async def _call(self, name: str, **arguments: Any) -> Any:
        async with self._lock:
            self._conn.send((name, arguments))
            return await asyncio.to_thread(self._conn.recv)

    async def burst(self, urls: list[str]) -> float:
        return float(await self._call("burst", urls=urls))

    async def playing(self) -> dict[int, float]:
        return dict(await self._call("playing"))

    async def acks(self) -> list[float | None]:
        return list(await self._call("acks"))

    async def intervals(self, start: float, end: float, guild_ids: list[int] | None = None) -> list[float]:
        return list(await self._call("intervals", start=start, end=end, guild_ids=guild_ids))

    async def receiver(self, start: float, end: float) -> dict[str, float]:
        return dict(await self._call("receiver", start=start, end=end))

    async def sampled_frequencies(self, start: float, end: float) -> list[float]:
        return list(await self._call("sampled_frequencies", start=start, end=end))
