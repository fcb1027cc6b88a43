"""The one place that knows which guilds have a player, and frees all a guild holds when it leaves."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from musicbot.application.errors import NotConnected
from musicbot.application.playback.player import GuildPlayer
from musicbot.application.playback.ports import VoiceGateway
from musicbot.application.support.keyed_locks import KeyedLocks
from musicbot.domain.ids import ChannelId, GuildId

PlayerFactory = Callable[[GuildId, ChannelId], GuildPlayer]
# Run on each new player before anyone gets it (the guild's saved volume and repeat mode); must not raise.
PlayerSetup = Callable[[GuildPlayer], Awaitable[None]]


async def _as_built(_: GuildPlayer) -> None:
    return None


class PlayerRegistry:
    def __init__(self, *, gateway: VoiceGateway, factory: PlayerFactory, setup: PlayerSetup = _as_built) -> None:
        self._gateway = gateway
        self._factory = factory
        self._setup = setup
        self._players: dict[GuildId, GuildPlayer] = {}
        # Join and leave of one guild must not interleave (a leave racing a join would orphan a connection),
        # but a slow voice connect in one guild must not hold up the others: one lock a guild, dropped when
        # nobody holds or awaits it, so no per-guild object outlives the guild's session.
        self._locks: KeyedLocks[GuildId] = KeyedLocks()

    def __len__(self) -> int:
        return len(self._players)

    def __contains__(self, guild_id: object) -> bool:
        return guild_id in self._players

    def players(self) -> list[GuildPlayer]:
        """The players now, in no particular order."""
        return list(self._players.values())

    def find(self, guild_id: GuildId) -> GuildPlayer | None:
        return self._players.get(guild_id)

    def is_connected(self, guild_id: GuildId) -> bool:
        """The guild's voice connection is up, or being reconnected (a drop, not a disconnect)."""
        return self._gateway.is_connected(guild_id)

    def get(self, guild_id: GuildId) -> GuildPlayer:
        player = self._players.get(guild_id)
        if player is None or player.closed:
            raise NotConnected
        return player

    async def join(self, guild_id: GuildId, channel_id: ChannelId) -> tuple[GuildPlayer, bool]:
        """Connect (or move) to `channel_id`; returns the player and whether the channel changed."""
        async with self._locks.hold(guild_id):
            player = self._players.get(guild_id)
            if player is not None and player.channel_id == channel_id and self._gateway.is_connected(guild_id):
                return player, False
            await self._gateway.connect(guild_id, channel_id)
            if player is None:
                player = self._factory(guild_id, channel_id)
                self._players[guild_id] = player
                await self._setup(player)
            player.channel_id = channel_id
            return player, True

    async def leave(self, guild_id: GuildId) -> GuildPlayer:
        async with self._locks.hold(guild_id):
            player = self._players.pop(guild_id, None)
            if player is None:
                raise NotConnected
            # Closed under the lock: a join let in before the close ends would be stopped and disconnected by it.
            await player.close()
        return player

    async def close_all(self) -> None:
        await asyncio.gather(*(self.leave(guild_id) for guild_id in list(self._players)), return_exceptions=True)

    @property
    def lock_count(self) -> int:
        """Per-guild locks alive now (for leak checks)."""
        return len(self._locks)
