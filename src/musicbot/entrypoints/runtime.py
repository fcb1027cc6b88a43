"""`Runtime`: what a process starts, in order, and closes, in the reverse order, each part guarded.

Every process (the Discord bot, the console, a process without voice) builds its container, then its runtime
with `process_runtime`, calls `start()` once before it serves and `aclose()` once when it stops. A part that
fails to close is logged and the others still close; a part that never started closes all the same (each
close is safe then), so a process that failed half-way through its start releases everything it built.

The order, started top to bottom and closed bottom to top:

    shared state (Redis)       closed last: every part above may still publish
    loop watch, web server     up before the database is migrated, down once it is closed
    storage                    migrations (or their check); closed after every part that writes
    resolver                   yt-dlp's warm-up; its threads and processes
    Spotify catalogue, processing pool, recommendation clients, lyrics client
    Spotify accounts           the taste profiles' refresh (only with storage)
    shared tasks               settings changes heard from other processes, the cluster's status
    voice output               the driver's audio output, after the players
    players                    every queue saved as it is, then every player closed (first to close)
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import structlog

from musicbot.application.playback.registry import PlayerRegistry
from musicbot.entrypoints.container import Container
from musicbot.entrypoints.operations import OperationsServices
from musicbot.entrypoints.shared_tasks import SharedTasks
from musicbot.entrypoints.spotify_accounts import SpotifyAccountServices
from musicbot.entrypoints.storage import Storage
from musicbot.entrypoints.web import OpsServer

log = structlog.get_logger(__name__)

Action = Callable[[], Awaitable[object] | object]


@runtime_checkable
class _Closable(Protocol):
    async def aclose(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    start: Action | None = None
    close: Action | None = None


async def _run(action: Action) -> None:
    result = action()
    if inspect.isawaitable(result):
        await result


class Runtime:
    def __init__(self, steps: list[Step] | None = None) -> None:
        self._steps: list[Step] = list(steps or [])
        self._closed = False

    def add(self, name: str, *, start: Action | None = None, close: Action | None = None) -> Runtime:
        self._steps.append(Step(name, start, close))
        return self

    @property
    def names(self) -> list[str]:
        return [step.name for step in self._steps]

    async def start(self) -> None:
        """Each part in order; a part that raises stops the start (the caller then closes the runtime)."""
        for step in self._steps:
            if step.start is not None:
                await _run(step.start)

    async def aclose(self) -> None:
        """Each part in the reverse order, once; a failure is logged and the next part closes all the same."""
        if self._closed:
            return
        self._closed = True
        for step in reversed(self._steps):
            if step.close is None:
                continue
            try:
                await _run(step.close)
            except Exception:
                log.exception("closing a part failed; closing the others", part=step.name)


def close_players(registry: PlayerRegistry, storage: Storage | None) -> Callable[[], Awaitable[None]]:
    """Each queue saved as it is now (the next start resumes it), then every player closed: playback stops,
    FFmpeg is reaped, the voice connections are left."""

    async def close() -> None:
        if storage is not None:
            await storage.suspend(registry.players())
        await registry.close_all()

    return close


def process_runtime(
    container: Container,
    *,
    operations: OperationsServices,
    spotify: SpotifyAccountServices,
    voice: object | None = None,
    web: OpsServer | None = None,
    background: SharedTasks | None = None,
    save_queues: bool = True,
) -> Runtime:
    """The runtime of a process built from `container`. `voice`: the driver's audio output (the players and the
    output are closed first; None: a process without voice builds no player). `web`: the operations server.
    `background`: what runs for the other processes. `save_queues=False`: the live queues are neither saved
    nor deleted (a scripted console run)."""
    storage: Storage = container.saved_queues.storage()
    shared = container.core.shared()
    resolver = container.song_sources.resolver()
    catalog = container.song_sources.catalog()
    recommendations = container.recommending.recommendations()
    listener = container.listener_extras.listener()

    def start_spotify() -> None:
        if storage.available:  # the refresh reads and writes the taste profiles
            spotify.start()

    runtime = Runtime()
    runtime.add("shared state", close=shared.aclose)
    runtime.add("loop watch", start=operations.watch.start, close=operations.watch.stop)
    if web is not None:
        runtime.add("web server", start=web.start, close=web.stop)
    runtime.add("storage", start=lambda: storage.start(save_queues=save_queues), close=storage.close)
    runtime.add("resolver", start=resolver.warm_up, close=resolver.close)
    runtime.add("Spotify catalogue", close=catalog.close)
    runtime.add("processing pool", close=container.song_sources.pool().close)
    runtime.add("recommendation clients", close=recommendations.aclose)
    runtime.add("lyrics client", close=listener.aclose)
    runtime.add("Spotify accounts", start=start_spotify, close=spotify.aclose)
    if background is not None:
        runtime.add("shared tasks", start=background.start, close=background.stop)
    if voice is not None:
        if isinstance(voice, _Closable):
            runtime.add("voice output", close=voice.aclose)
        runtime.add("players", close=close_players(container.players.registry(), storage))
    return runtime
