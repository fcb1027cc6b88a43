"""The bot of `bench/discord_bot.py` in a process of its own, as in production: the emulator, the media server
and the bench's own bookkeeping stay in the parent, so they neither take the bot's event loop and GIL nor show
in its memory.

`python -m bench.discord_bot_process CONFIG` (JSON: `api_url`, `gateway_url`, `token`, `data_dir`, `control`,
`log_file`, `release_memory`, `http_port`: /metrics and the rest, 0 or absent for none). discord.py is pointed
at the emulator as `DiscordEmulator.install()` does it in-process (`Route.BASE`, `DEFAULT_GATEWAY`); the
emulator's CA comes through `SSL_CERT_FILE`, set by the parent.
The parent asks questions over a Unix socket at `control`, one JSON object a line: `ready`, `snapshot`,
`gc_types`, `gc_pauses`, `gc_collected`, `gc_walked`, `schedstat`, `trace_mark`, `trace_growth`, `malloc_trim`,
`close`, and `profile_start`, `profile_stop PATH` (cProfile of the event loop's thread between the two, in CPU
time, written to PATH as pstats).
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import ctypes
import gc
import json
import logging
import os
import sys
import threading
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import discord.gateway
import discord.http
import yarl

from musicbot.adapters.audio import ffmpeg_process
from musicbot.adapters.discord_voice import drivers
from musicbot.adapters.private_networks import PrivateNetworks
from musicbot.adapters.ytdlp.resolver import YtDlpTrackResolver
from musicbot.entrypoints.child_watcher import watch_children_with_pidfd
from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.deferral import FirstAnswers
from musicbot.entrypoints.discord.heap import releasing_free_memory
from musicbot.entrypoints.discord.runner import build_bot
from musicbot.entrypoints.logs import configure_logging
from musicbot.entrypoints.loop_priority import raise_loop_priority
from musicbot.entrypoints.settings import Settings


def rss_kib(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def children(pid: int) -> int:
    me, count = str(pid), 0
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
        "child processes (FFmpeg)": children(os.getpid()),
        "asyncio tasks": len(asyncio.all_tasks()),
        "len(bot.services.playback.registry)": len(bot.services.playback.registry),
        "discord.py voice clients": len(bot.voice_clients),
        "gc objects (not frozen)": len(gc.get_objects()),
    }
    values |= container_sizes(bot.services, "services")
    values |= container_sizes(bot.events, "events")
    return values


def schedstat(thread_name: str) -> list[int]:
    """/proc's scheduler figures of one of this process's threads (zeros when it is not running)."""
    for thread in threading.enumerate():
        if thread.name == thread_name and thread.native_id is not None:
            path = Path(f"/proc/self/task/{thread.native_id}/schedstat")
            with contextlib.suppress(OSError):
                return [int(value) for value in path.read_text().split()]
    return [0, 0, 0]


class GcPauses:
    """How long each full (generation 2) collection held the GIL: the loop and the voice sender wait for it."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self.collected: list[int] = []  # unreachable objects each one found
        self.walked: list[int] = []  # objects each one had to walk (every generation's, the frozen not counted)
        self._started = 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self.walked.append(len(gc.get_objects()))  # ~1 ms for 100,000: before the pause is timed
            self._started = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._started)
            self.collected.append(info.get("collected", 0))

    def take(self) -> list[float]:
        taken, self.pauses, self.collected, self.walked = self.pauses, [], [], []
        return taken


GC_PAUSES = GcPauses()
RESOLVERS: list[YtDlpTrackResolver] = []  # the bot's, once warming up: `ready` waits for their workers
_warm_up = YtDlpTrackResolver.warm_up


async def _recorded_warm_up(self: YtDlpTrackResolver) -> float:
    RESOLVERS.append(self)
    return await _warm_up(self)


# The bot's resolver is built deep in its composition root: the class's method records each instance.
YtDlpTrackResolver.warm_up = _recorded_warm_up  # type: ignore[method-assign]  # on purpose, as said above


class Control:
    """Answers the parent's questions about this process."""

    def __init__(self, bot: MusicBot) -> None:
        self.bot = bot
        self.closed = asyncio.Event()
        self.connections: set[asyncio.Task[Any]] = set()
        self._marked: tracemalloc.Snapshot | None = None
        self._profile: cProfile.Profile | None = None

    async def answer(self, op: str, path: str | None = None) -> Any:
        if op == "profile_start":  # this thread only: the event loop's, where a first answer waits its turn
            self._profile = cProfile.Profile(time.thread_time)  # CPU time: wall time under load is mostly waiting
            self._profile.enable()
            return None
        if op == "profile_stop":
            if self._profile is None:
                return None
            self._profile.disable()
            if path is not None:
                self._profile.dump_stats(path)
            self._profile = None
            return path
        if op == "ready":  # connected, and yt-dlp's worker processes warm (they start in the background)
            await self.bot.wait_until_ready()
            warm = [await resolver.wait_for_workers() for resolver in RESOLVERS]
            return {"pid": os.getpid(), "workers warm": warm}
        if op == "snapshot":
            return snapshot(self.bot)
        if op == "schedstat":  # per thread: ns on a CPU, ns runnable but waiting for one, time slices
            return {name: schedstat(name) for name in ("MainThread", "voice-sender")}
        if op == "gc_pauses":  # seconds each full collection took since the last ask
            return GC_PAUSES.take()
        if op == "gc_collected":  # objects each full collection since the last `gc_pauses` found unreachable
            return GC_PAUSES.collected
        if op == "gc_walked":  # objects each full collection since the last `gc_pauses` walked
            return GC_PAUSES.walked
        if op == "gc_types":  # what the objects the collector follows are, by type (not the frozen ones)
            gc.collect()
            counts: dict[str, int] = {}
            for item in gc.get_objects():
                name = f"{type(item).__module__}.{type(item).__qualname__}"
                counts[name] = counts.get(name, 0) + 1
            return counts
        if op == "trace_mark":
            gc.collect()
            self._marked = tracemalloc.take_snapshot() if tracemalloc.is_tracing() else None
            return None
        if op == "trace_growth":
            if self._marked is None:
                return []
            gc.collect()
            stats = tracemalloc.take_snapshot().compare_to(self._marked, "lineno")
            return [[str(s.traceback[0]), s.size_diff, s.count_diff] for s in stats[:15]]
        if op == "malloc_trim":  # how much of the RSS is memory glibc's malloc holds free, not objects
            gc.collect()
            started = time.perf_counter()
            trimmed = ctypes.CDLL("libc.so.6").malloc_trim(0) if sys.platform == "linux" else 0
            return {"RSS (KiB)": rss_kib(), "released": bool(trimmed), "seconds": time.perf_counter() - started}
        if op == "close":
            await self.bot.close()
            self.closed.set()
            return None
        raise ValueError(f"unknown request {op!r}")

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if (task := asyncio.current_task()) is not None:
            self.connections.add(task)
        while line := await reader.readline():
            request = json.loads(line)
            writer.write(json.dumps(await self.answer(request["op"], request.get("path"))).encode() + b"\n")
            await writer.drain()
        writer.close()
        self.closed.set()  # the parent hung up (or is gone): this process ends too


async def _no_wait(self: FirstAnswers) -> None:
    return None


def spawn_on_loop() -> None:
    """`asyncio.create_subprocess_exec` in place of `adapters/audio/spawn.py`: Popen on the event loop's thread."""

    async def on_loop(command: Sequence[str], *, limit: int = 2**16) -> Any:
        return await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
            limit=limit,
        )

    # Replaced where FFmpegProcess looks it up: ffmpeg_process imports `spawn` without re-exporting it (attr-defined).
    # An asyncio Process offers all of SpawnedProcess that FFmpegProcess uses (pid, returncode, pipes, kill, wait).
    ffmpeg_process.spawn = on_loop  # type: ignore[attr-defined]


async def main(config: dict[str, Any]) -> None:
    discord.http.Route.BASE = config["api_url"]
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(config["gateway_url"])
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]  # pydantic-settings' own argument: not a field, so mypy does not see it
        data_dir=Path(config["data_dir"]),
        allow_private_urls=PrivateNetworks.private_ranges(),
        log_level="INFO",
        # yt-dlp off the bot's GIL, as a bot in many servers should run (docs/operations.md); MUSICBOT_... to change
        resolver_processes=int(os.environ.get("MUSICBOT_RESOLVER_PROCESSES", "4")),
        http_host="127.0.0.1",
        http_port=config.get("http_port", 0),  # /metrics, as `musicbot run` serves it (0: none)
    )
    watch_children_with_pidfd()  # as `musicbot run` does (runner.serve)
    if os.environ.get("BENCH_LOOP_NORMAL") != "1":  # BENCH_LOOP_NORMAL=1: the loop's thread at nice 0, as before
        raise_loop_priority()  # as `musicbot run` does
    bot = build_bot(settings, guild_ready_timeout=0.05, freeze_heap=True, http=True)  # as `musicbot run` builds it
    control = Control(bot)
    server = await asyncio.start_unix_server(control.serve, path=config["control"])

    def on_air() -> bool:  # as runner.serve; BENCH_FULL_COLLECTIONS=1: a full one every time, as before
        return len(bot.services.playback.registry) > 0 and os.environ.get("BENCH_FULL_COLLECTIONS") != "1"

    if os.environ.get("BENCH_SPAWN_ON_LOOP") == "1":  # FFmpeg started on the loop's thread, as before
        spawn_on_loop()
    if os.environ.get("BENCH_SENDER_NORMAL") == "1":  # the sender's thread at normal priority, as before
        # patched where the driver module looks it up (drivers imports it by name)
        drivers.raise_priority = lambda: "normal (BENCH_SENDER_NORMAL)"  # type: ignore[attr-defined]
    if os.environ.get("BENCH_WORK_BEFORE_ANSWERS") == "1":  # a command's work does not wait for others' deferrals
        FirstAnswers.others_answered = _no_wait  # type: ignore[method-assign]
    releasing = releasing_free_memory(on_air=on_air) if config["release_memory"] else contextlib.nullcontext()
    async with releasing:  # as `musicbot run` does (runner.serve)
        running = asyncio.create_task(bot.start(config["token"]))
        closed = asyncio.create_task(control.closed.wait())
        await asyncio.wait([running, closed], return_when=asyncio.FIRST_COMPLETED)
        server.close()
        await bot.close()
        await running
    if control.connections:  # until the parent hangs up: a connection's task cancelled at exit logs an error
        await asyncio.wait(control.connections, timeout=5.0)


if __name__ == "__main__":
    arguments = json.loads(sys.argv[1])
    with Path(arguments["log_file"]).open("a", encoding="utf-8") as log_file:
        # As `musicbot run` logs by default when not on a terminal (INFO, JSON), into a file instead of stderr.
        configure_logging("INFO", "json", log_file)
        # BENCH_DEBUG_LOGGERS=discord.voice_state,discord.gateway: those loggers at DEBUG (a stalled join's steps)
        for name in filter(None, os.environ.get("BENCH_DEBUG_LOGGERS", "").split(",")):
            logging.getLogger(name.strip()).setLevel(logging.DEBUG)
        asyncio.run(main(arguments))
