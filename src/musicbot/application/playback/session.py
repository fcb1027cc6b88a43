"""The session around a guild's domain `Player`: what it needs to play for real, without the commands.

It holds the per-guild lock (a command and the end of a track never interleave), the voice gateway (through
`PlayerOutput`), the tasks it starts, and the bus: after each command it collects the events the `Player`
recorded and publishes them, a queue change at once (the saver only notes it), the others in a task of ours once
the lock is released (their handlers may queue more: radio). `GuildPlayer` adds the commands.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Coroutine
from typing import Any

from musicbot.application.errors import PlayerClosed
from musicbot.application.playback.output import PlayerOutput
from musicbot.application.playback.ports import TellsPosition, VoiceGateway
from musicbot.application.playback.preparation import SongPreparer
from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.playback.tasks import OwnedTasks
from musicbot.application.support.clock import Clock
from musicbot.application.support.messagebus import MessageBus
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.events import PlayerLeft, QueueChanged
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player import Player, TrackEnd
from musicbot.domain.player_state import PlayerState, Volume
from musicbot.domain.song import Song
from musicbot.domain.tracklist import Tracklist

log = logging.getLogger(__name__)


class PlayerSession:
    def __init__(
        self,
        *,
        guild_id: GuildId,
        channel_id: ChannelId,
        gateway: VoiceGateway,
        preparer: SongPreparer,
        clock: Clock,
        bus: MessageBus,
        settings: PlayerSettings,
        rng: random.Random | None = None,
    ) -> None:
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.model = Player.new(
            guild_id,
            max_size=settings.max_queue_size,
            history_size=settings.history_size,
            volume=Volume(settings.default_volume),
        )
        self._gateway = gateway
        self._preparer = preparer
        self._clock = clock
        self._bus = bus
        self._rng = rng or random.Random()  # noqa: S311 - shuffling songs is not cryptography
        self._lock = asyncio.Lock()
        self._tasks = OwnedTasks(f"player of guild {guild_id}")
        self._background = OwnedTasks(f"batches of guild {guild_id}")
        self._output = PlayerOutput(
            self.model, gateway=gateway, preparer=preparer, clock=clock, spawn=self._spawn, on_end=self._handle_end
        )

    # --- views -----------------------------------------------------------------------------------------
    @property
    def tracklist(self) -> Tracklist:
        return self.model.tracklist

    @property
    def state(self) -> PlayerState:
        return self.model.state

    @property
    def audio_filter(self) -> AudioFilter:
        return self.model.audio_filter

    @property
    def current(self) -> Song | None:
        return self.model.current

    @property
    def closed(self) -> bool:
        return self._output.closed

    def elapsed(self) -> float:
        """Seconds into the current song: as far as the audio sent got when the output can tell, else by the
        clock (which keeps running through a dropped connection, a slow start, a stalled source)."""
        if self.current is not None and isinstance(self._gateway, TellsPosition):
            sent = self._gateway.elapsed(self.guild_id)
            if sent is not None:
                return sent
        return self.state.elapsed(self._clock.now())

    async def wait_idle(self) -> None:
        """Until nothing plays and nothing is queued (or the player closes)."""
        await self._output.idle.wait()

    @property
    def task_count(self) -> int:
        """Tasks this player still owns (ends of tracks, events, prefetches, batches): none outlive close()."""
        return len(self._tasks) + len(self._background)

    async def close(self) -> None:
        """Stop, disconnect and free everything this guild holds; idempotent."""
        # Our own tasks go first: the end of a track being handled holds the lock while the next song resolves.
        await self._cancel_work()
        async with self._lock:
            if self.closed:
                return
            self._output.closed = True
            self.tracklist.stop()
            self.model.changed()
            await self._output.halt()
            await self._gateway.disconnect(self.guild_id)
            self.model.events.append(PlayerLeft(self.guild_id))  # no queue any more: its saved copy goes
            events = self.model.collect_events()
        await self._cancel_work()
        await self._bus.handle(*events)  # here, not in a task of ours: those are all cancelled now

    def run_in_background(self, coroutine: Coroutine[Any, Any, None]) -> None:
        """Long work for this guild (a batch load): cancelled when the guild stops or leaves."""
        self._ensure_open()
        self._background.spawn(coroutine)

    # --- internals -------------------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def _command(self, *, open_only: bool = False) -> AsyncIterator[None]:
        """The lock; the events the `Player` recorded under it are published once the command is done (a
        raised rule changes nothing, so says nothing): a queue change at once (its handlers are quick and do
        not await), the others in a task of ours (they may take the lock)."""
        async with self._lock:
            if open_only:
                self._ensure_open()
            try:
                yield
            finally:
                events = self.model.collect_events()
                if QueueChanged(self.guild_id) in events:  # noted before anyone can flush: the saver's part
                    events.remove(QueueChanged(self.guild_id))
                    self._bus.handle_now(QueueChanged(self.guild_id))
                if events:
                    self._spawn(self._bus.handle(*events))

    async def _handle_end(self, generation: int, end: TrackEnd) -> None:
        async with self._command():
            song = self.current
            if self.closed or generation != self._output.generation or song is None:
                return
            self.model.changed()
            position = self.model.track_ended(song, end, self._clock.now())
            if position is None:
                await self._output.start_current()
                return
            log.info("stream of %r broke at %.1f s (%s); resolving it again", song.track.title, position, end.error)
            await self._output.start_current(start_at=position, announce=False)

    async def _cancel_work(self) -> None:
        self._preparer.cancel_guild(self.guild_id)
        await self._background.cancel_all()
        await self._tasks.cancel_all()

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        self._tasks.spawn(coroutine)

    def _require_current(self) -> Song:
        self._ensure_open()
        return self.model.require_current()

    def _ensure_open(self) -> None:
        if self.closed:
            raise PlayerClosed
