"""Leave a voice channel where nothing plays, or where nobody is left to listen, unless the guild asked for 24/7.

The rule is the domain's (`domain/idle.py`): the idle time is the guild's own setting (`auto_leave_seconds`,
0: never), the bot-wide one by default; the alone time is bot-wide. This service keeps each guild's timers in
its session, reads the settings and leaves.

The front end reports what it sees (humans in the bot's channel, the bot's own voice state, a song starting,
the queue finishing); `sweep`, called every few seconds, leaves the guilds whose time is up. One sweep for
every guild instead of a timer each: nothing per guild to cancel, and a test moves a manual clock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from musicbot.application.errors import NotConnected
from musicbot.application.guild.sessions import GuildSessions
from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.application.support.clock import Clock
from musicbot.domain.idle import LeaveReason
from musicbot.domain.ids import ChannelId, GuildId

__all__ = ["AutoLeave", "AutoLeaveTimeouts", "AutoLeft", "Disconnected", "KeepQueue", "LeaveReason"]

# A session seen before its player exists (the bot's voice state arrives while it connects) is kept this long.
ORPHAN_GRACE = timedelta(seconds=30)


@dataclass(frozen=True, slots=True, kw_only=True)
class AutoLeaveTimeouts:
    alone: float = 120.0  # seconds without a human in the channel; 0: never


@dataclass(frozen=True, slots=True, kw_only=True)
class AutoLeft:
    guild_id: GuildId
    reason: LeaveReason


@dataclass(frozen=True, slots=True, kw_only=True)
class Disconnected:
    """Someone disconnected the bot (a member, or Discord for a deleted channel) while it had a queue."""

    guild_id: GuildId
    channel_id: ChannelId  # where it was
    songs: int  # in the queue, the current one included
    kept: bool  # the queue is saved, to be taken up again


# Saves a player's queue as it is and keeps it when the player closes; False when it could not be saved.
KeepQueue = Callable[[GuildPlayer], bool]


def _keep_nothing(_: GuildPlayer) -> bool:
    return False


class AutoLeave:
    def __init__(
        self,
        *,
        registry: PlayerRegistry,
        sessions: GuildSessions,
        settings: GuildSettingsStore,
        clock: Clock,
        timeouts: AutoLeaveTimeouts,
        keep_queue: KeepQueue = _keep_nothing,
    ) -> None:
        self._registry = registry
        self._keep_queue = keep_queue
        self._sessions = sessions
        self._settings = settings
        self._clock = clock
        self._timeouts = timeouts

    # --- what the front end sees -------------------------------------------------------------------------
    def listeners_changed(self, guild_id: GuildId, humans: int) -> None:
        self._sessions.get(guild_id).listeners_changed(humans, self._clock.now())

    def playback_started(self, guild_id: GuildId) -> None:
        self._sessions.get(guild_id).playback_started()

    def playback_stopped(self, guild_id: GuildId) -> None:
        self._sessions.get(guild_id).playback_stopped(self._clock.now())

    def bot_moved(self, guild_id: GuildId, channel_id: ChannelId) -> None:
        """Someone dragged the bot to another channel: the player plays there now."""
        player = self._registry.find(guild_id)
        if player is not None and not player.closed:
            player.channel_id = channel_id

    def voice_up(self, guild_id: GuildId) -> bool:
        """The guild's voice connection is up or being reconnected: a voice state without a channel was a drop."""
        return self._registry.is_connected(guild_id)

    async def bot_disconnected(self, guild_id: GuildId) -> Disconnected | None:
        """The bot's voice state shows no channel. A dropped connection being reconnected changes nothing; a
        bot that left by itself has nothing left to free; a bot someone disconnected frees the guild but keeps
        its queue saved. Returns what to tell the guild (None: nothing)."""
        if self.voice_up(guild_id):
            return None  # a drop: the voice output reconnects, and what plays waits for it
        self._sessions.forget(guild_id)
        player = self._registry.find(guild_id)
        if player is None or player.closed:
            return None  # it left on purpose (a command, the auto-leave): already freed
        songs = len(player.tracklist)
        kept = songs > 0 and self._keep_queue(player)
        with contextlib.suppress(NotConnected):
            await self._registry.leave(guild_id)
        if not songs:
            return None
        return Disconnected(guild_id=guild_id, channel_id=player.channel_id, songs=songs, kept=kept)

    async def guild_removed(self, guild_id: GuildId) -> None:
        """The bot is no longer in the guild: free everything it held there, its saved queue included."""
        self._sessions.forget(guild_id)
        with contextlib.suppress(NotConnected):
            await self._registry.leave(guild_id)

    # --- the clock ---------------------------------------------------------------------------------------
    async def sweep(self) -> list[AutoLeft]:
        """Leave every guild whose idle or alone time is up; returns who was left and why."""
        now = self._clock.now()
        left: list[AutoLeft] = []
        for guild_id in self._sessions:
            if not await self._settings.preload(guild_id):
                continue  # storage is down: the guild may be 24/7, so it stays until its settings can be read
            reason = self._due(guild_id, now)
            if reason is None:
                continue
            self._sessions.forget(guild_id)
            with contextlib.suppress(NotConnected):
                await self._registry.leave(guild_id)
            left.append(AutoLeft(guild_id=guild_id, reason=reason))
        return left

    def _due(self, guild_id: GuildId, now: datetime) -> LeaveReason | None:
        session = self._sessions.find(guild_id)
        if session is None:  # forgotten while an earlier guild was being left
            return None
        player = self._registry.find(guild_id)
        if player is None or player.closed:
            if now - session.started_at > ORPHAN_GRACE:
                self._sessions.forget(guild_id)  # the bot left by a way we did not see
            return None
        policy = self._settings.get(guild_id).idle_policy(alone_seconds=self._timeouts.alone)
        return session.leave_due(policy, now, playing=player.current is not None)
