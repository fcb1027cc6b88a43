"""Every guild player's queue kept by the `QueueSaver`: a change is noted at once, written in the background.

Handlers of the message bus: `queue_changed` hears every change of a player (`QueueChanged`), and the snapshot
is taken when the saver gets to it, on the event loop, so it is whole. A player closed because the guild left
(leave, stop-and-leave, the bot removed or disconnected: `PlayerLeft`) has no queue: its saved copy is
deleted. At shutdown `suspend` saves every queue as it is, positions included, and stops the saver first, so
that closing the players afterwards does not delete what the next start resumes.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterable

from musicbot.application.playback.player import GuildPlayer
from musicbot.application.saved_queues.queue_saver import QueueSaver
from musicbot.application.saved_queues.snapshotter import QueueSnapshotter
from musicbot.application.support.messagebus import MessageBus
from musicbot.domain.events import PlayerLeft, QueueChanged
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.queue_snapshot import QueueSnapshot

log = logging.getLogger(__name__)

# Where the guild's news goes (the text channel it last used), saved so a resumed queue can say so there.
TextChannelOf = Callable[[GuildId], ChannelId | None]
# The guild's player now (the registry's `find`).
PlayerOf = Callable[[GuildId], GuildPlayer | None]


def no_text_channel(_guild_id: GuildId) -> ChannelId | None:
    return None


class LiveQueues:
    def __init__(
        self,
        saver: QueueSaver,
        snapshotter: QueueSnapshotter,
        *,
        players: PlayerOf,
        text_channel_of: TextChannelOf = no_text_channel,
        enabled: bool = True,
    ) -> None:
        """`enabled=False`: nothing is saved until `enable` (the composition root enables it once the database
        is known to be usable, so a container used without storage never writes)."""
        self._saver = saver
        self._snapshotter = snapshotter
        self._players = players
        self._text_channel_of = text_channel_of
        self._enabled = enabled
        self._suspended = False
        # Players whose queue was saved to be kept (the bot was disconnected by someone): their closing does
        # not delete it. Weak: a closed player is dropped by everyone else.
        self._kept: weakref.WeakSet[GuildPlayer] = weakref.WeakSet()

    @property
    def enabled(self) -> bool:
        """False until enabled, when storage is unusable, and after `suspend`: changes are not saved."""
        return self._enabled and not self._suspended

    def enable(self) -> None:
        self._enabled = True

    def disable(self) -> None:
        """Storage is unusable (it could not be reached or migrated): run without saving queues."""
        self._enabled = False

    def subscribe(self, bus: MessageBus) -> None:
        bus.subscribe(QueueChanged, self.queue_changed)
        bus.subscribe(PlayerLeft, self.player_closed)

    def queue_changed(self, event: QueueChanged) -> None:
        player = self._players(event.guild_id)
        if player is not None and not player.closed:  # else its closing said what becomes of the saved queue
            self.changed(player)

    def player_closed(self, event: PlayerLeft) -> None:
        """The guild left: its saved queue goes, unless it was kept for a /join to take it up."""
        kept = [player for player in self._kept if player.guild_id == event.guild_id]
        for player in kept:
            self._kept.discard(player)
        if self.enabled and not kept:
            self._saver.forget(event.guild_id)

    def changed(self, player: GuildPlayer) -> None:
        """Save the player's queue (soon): cheap, synchronous (a dictionary write in the saver)."""
        if not self.enabled or player in self._kept:
            return
        self._saver.changed(player.guild_id, lambda: self._snapshot(player))

    def keep(self, player: GuildPlayer) -> bool:
        """Save the queue as it is now (how far into its song included) and keep it when the player closes:
        the bot was disconnected by someone, and the queue waits to be taken up. False: nothing is saved."""
        if not self.enabled or player.closed:
            return False
        snapshot = self._snapshot(player)
        if snapshot is None:
            return False
        self._kept.add(player)
        self._saver.changed(player.guild_id, lambda: snapshot)
        return True

    def forget(self, guild_id: GuildId) -> None:
        """The guild's saved queue is not to be resumed (the bot is no longer in the guild or its channel)."""
        if self.enabled:
            self._saver.forget(guild_id)

    def checkpoint(self, players: Iterable[GuildPlayer]) -> int:
        """Save again the queues that are playing: their position moved without any change being told."""
        playing = [p for p in players if not p.closed and p.state.status is PlayerStatus.PLAYING]
        for player in playing:
            self.changed(player)
        return len(playing) if self.enabled else 0

    async def flush(self, *, max_wait: float | None = None) -> bool:
        return await self._saver.flush(max_wait=max_wait)

    async def suspend(self, players: Iterable[GuildPlayer], *, max_wait: float = 10.0) -> bool:
        """At shutdown, before the players close: save each queue as it is now (how far into its song), write
        everything pending, and stop saving. False when the writes took longer than `max_wait` seconds."""
        if self.enabled:
            for player in players:
                if not player.closed:
                    self.changed(player)
        self._suspended = True
        flushed = await self._saver.close(max_wait=max_wait)
        if not flushed:
            log.warning("some queues were not saved within %.0f s of shutting down", max_wait)
        return flushed

    def _snapshot(self, player: GuildPlayer) -> QueueSnapshot | None:
        return self._snapshotter.snapshot(player, text_channel_id=self._text_channel_of(player.guild_id))
