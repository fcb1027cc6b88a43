"""The console's read-eval-print loop: works typed at a prompt and with commands piped on standard input."""

from __future__ import annotations

import asyncio
import logging
import shlex
import threading
import time
from collections.abc import AsyncIterable, AsyncIterator
from typing import TextIO

from musicbot.application.guild.auto_leave import AutoLeft
from musicbot.application.guild.auto_leave_sweep import SWEEP_EVERY, AutoLeaveSweep
from musicbot.application.monitoring.metrics import Metrics, Outcome
from musicbot.domain.errors import MusicBotError
from musicbot.domain.tracklist import RepeatMode
from musicbot.entrypoints.console.commands import ConsoleIdentity, PlaybackCommands, UsageError
from musicbot.entrypoints.console.listener_commands import ListenerCommands
from musicbot.entrypoints.console.operations_commands import OperationsCommands
from musicbot.entrypoints.console.playlist_commands import PlaylistCommands
from musicbot.entrypoints.console.recommend_commands import RecommendationCommands
from musicbot.entrypoints.console.settings_commands import SettingsCommands
from musicbot.entrypoints.console.spotify_commands import SpotifyCommands
from musicbot.entrypoints.listener_services import ListenerServices
from musicbot.entrypoints.messages import friendly_error
from musicbot.entrypoints.operations import OperationsServices
from musicbot.entrypoints.services import PlaybackServices, PlaylistServices, RecommendationServices, RuleServices
from musicbot.entrypoints.spotify_accounts import SpotifyAccountServices

log = logging.getLogger(__name__)

ALIASES = {
    "p": "play", "s": "skip", "np": "nowplaying", "now": "nowplaying", "q": "queue", "vol": "volume",
    "remove": "dequeue", "rm": "dequeue", "loop": "repeat", "unpause": "resume", "exit": "quit",
}  # fmt: skip

EXTRA_HELP = [
    ("wait", "wait until the queue has finished playing"),
    ("sleep <seconds>", "wait a while before the next command (for scripts)"),
    ("help", "this list"),
    ("quit", "stop everything and leave"),
]


async def stdin_lines(stream: TextIO) -> AsyncIterator[str]:
    """Lines from a blocking stream, read in a daemon thread so a pending read never holds up the exit."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        for line in stream:
            loop.call_soon_threadsafe(queue.put_nowait, line)
        loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="console-stdin", daemon=True).start()
    while (line := await queue.get()) is not None:
        yield line


class ConsoleApp:
    def __init__(
        self,
        services: PlaybackServices,
        out: TextIO,
        *,
        identity: ConsoleIdentity | None = None,
        fresh: bool = False,
        recommendations: RecommendationServices | None = None,
        playlists: PlaylistServices | None = None,
        rules: RuleServices | None = None,
        listener: ListenerServices | None = None,
        default_dj_role: str | None = None,
        operations: OperationsServices | None = None,
        spotify: SpotifyAccountServices | None = None,
        sweep_every: float = SWEEP_EVERY,
    ) -> None:
        self._services = services
        self._out = out
        self._identity = identity or ConsoleIdentity()
        self._commands = PlaybackCommands(services, self._identity)
        if recommendations is not None:
            self._commands.table.update(RecommendationCommands(recommendations, self._identity).table)
        if playlists is not None:  # saved playlists; a bare `play` plays the active one
            self._commands.table.update(PlaylistCommands(playlists, self._identity, play=self._commands.play).table)
        self._sweep: AutoLeaveSweep | None = None
        if rules is not None:  # the guild's settings (volume, repeat, auto-leave, 24/7), kept across restarts
            settings = SettingsCommands(rules, self._identity, default_dj_role=default_dj_role)
            self._commands.table.update(settings.table)
            # Nobody is ever "alone" at a console: it leaves when idle that long after the queue ended.
            self._sweep = AutoLeaveSweep(rules.auto_leave, self._left, every=sweep_every)
        self._fresh = fresh
        self._metrics: Metrics | None = None
        if operations is not None:  # stats, health, performance; every command timed and counted
            self._commands.table.update(OperationsCommands(operations, self._identity).table)
            self._metrics = operations.metrics
        if spotify is not None:  # members' Spotify accounts (copy-paste sign-in) and forgetme
            self._commands.table.update(SpotifyCommands(spotify, self._identity).table)
        if listener is not None:  # filters, lyrics, back, search...
            self._commands.table.update(ListenerCommands(listener, self._identity).table)

    def say(self, text: str) -> None:
        print(text, file=self._out, flush=True)

    async def run(self, lines: AsyncIterable[str]) -> None:
        """Run commands until `quit`; at the end of the input, let the queue finish first."""
        self.say("musicbot console: type help for the commands.")
        await self.handle("join", quiet=True)  # the console is always "in its channel": nothing to announce
        if self._fresh and (player := self._services.registry.find(self._identity.guild_id)) is not None:
            await player.set_repeat(RepeatMode.OFF)  # for this run only: the saved setting stays as it is
        if self._sweep is not None:
            self._sweep.start()
        try:
            async for line in lines:
                if not await self.handle(line):
                    return
            await self.wait_idle()
        finally:
            if self._sweep is not None:
                await self._sweep.stop()

    async def _left(self, left: AutoLeft) -> None:
        if left.guild_id == self._identity.guild_id:
            self.say("👋 Left the voice channel: nothing was playing for a while. play or join calls me back.")

    async def handle(self, line: str, *, quiet: bool = False) -> bool:
        """Run one command line; False when the user asked to quit. `quiet`: only errors are said."""
        name, _, args = line.strip().partition(" ")
        name = ALIASES.get(name.lower(), name.lower())
        if not name or name.startswith("#"):
            return True
        if name == "quit":
            return False
        started, outcome = time.perf_counter(), Outcome.OK
        try:
            await self._dispatch(name, args.strip(), quiet=quiet)
        except MusicBotError as error:
            outcome = Outcome.USER_ERROR
            self.say(f"✖ {friendly_error(error, command_prefix='')}")
        except Exception:
            outcome = Outcome.FAILED
            log.exception("console command failed: %s", line.strip())
            self.say(f"✖ {friendly_error(RuntimeError())}")
        if self._metrics is not None and name in self._commands.table:
            self._metrics.command_finished(name, outcome, time.perf_counter() - started)
        return True

    async def _dispatch(self, name: str, args: str, *, quiet: bool = False) -> None:
        if name == "help":
            self.say(self._help())
        elif name == "wait":
            await self.wait_idle()
        elif name == "sleep":
            await asyncio.sleep(_seconds(args))
        elif name in self._commands.table:
            handler, _ = self._commands.table[name]
            said = await handler(args)
            if not quiet:
                self.say(said)
        else:
            raise UsageError(f"unknown command {name!r}; type help for the list")

    async def wait_idle(self) -> None:
        player = self._services.registry.find(self._identity.guild_id)
        if player is not None:
            await player.wait_idle()

    def _help(self) -> str:
        rows = [(name, text) for name, (_, text) in self._commands.table.items()] + EXTRA_HELP
        aliases: dict[str, list[str]] = {}
        for alias, name in ALIASES.items():
            aliases.setdefault(name, []).append(alias)
        lines = [f"  {name:<12} {text}{_also(aliases.get(name, []))}" for name, text in rows]
        note = "\nA playlist name and what follows it are separated by |, e.g. addto Road trip | lofi beats."
        return "Commands:\n" + "\n".join(lines) + note


def _also(aliases: list[str]) -> str:
    return f" (also: {', '.join(aliases)})" if aliases else ""


def _seconds(args: str) -> float:
    try:
        seconds = float(shlex.split(args)[0]) if args else -1.0
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise UsageError("usage: sleep <seconds, up to 3600>")
    return seconds
