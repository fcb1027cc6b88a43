"""The Discord notifier (a `PlaybackNotifier`, subscribed to the message bus): what the player did by itself,
said in the channel where the guild last used a command. A song starting posts a card with the player buttons
(the previous card loses its buttons); a playlist load is one message that edits itself as it goes.

Auto-leave hears the same events from the bus, in every driver: nothing goes round through discord.py.
"""

from __future__ import annotations

from typing import Any

import discord
import structlog

from musicbot.application.guild.auto_leave import Disconnected, LeaveReason
from musicbot.application.playback.events import BatchProgress
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.domain.song import Song
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.controls import controls_view

log = structlog.get_logger(__name__)

MessageRef = tuple[ChannelId, int]  # a channel and a message in it


class DiscordPlaybackEvents:
    def __init__(self, client: discord.Client) -> None:
        self._client = client
        # Per guild: cards and loads end with the voice session (`voice_ended`); the channel, with the guild's
        # membership (`forget`), so the bot can still say why it left a voice channel by itself.
        self._channels: dict[GuildId, ChannelId] = {}  # where the guild last used a command
        self._cards: dict[GuildId, MessageRef] = {}  # the now-playing card that has the buttons
        self._batches: dict[int, tuple[GuildId, MessageRef]] = {}  # the progress message of each load

    def __len__(self) -> int:
        """Guilds and loads this holds something for (for leak checks)."""
        return len(self._channels.keys() | self._cards.keys()) + len(self._batches)

    def remember_channel(self, guild_id: GuildId, channel_id: ChannelId) -> None:
        self._channels[guild_id] = channel_id

    def channel_of(self, guild_id: GuildId) -> ChannelId | None:
        """Where the guild's news goes (saved with its queue, so a resumed queue is announced there)."""
        return self._channels.get(guild_id)

    async def tell(self, guild_id: GuildId, embed: discord.Embed) -> None:
        """Something the bot did by itself and not by the player (it took a saved queue up again)."""
        await self._send(guild_id, embed)

    def voice_ended(self, guild_id: GuildId) -> None:
        """The bot left the guild's voice channel: its card and loads are over; where to talk is kept."""
        self._cards.pop(guild_id, None)
        for batch_id in [batch for batch, (guild, _) in self._batches.items() if guild == guild_id]:
            del self._batches[batch_id]

    def forget(self, guild_id: GuildId) -> None:
        """The guild removed the bot: nothing of it is kept."""
        self.voice_ended(guild_id)
        self._channels.pop(guild_id, None)

    # --- the port ----------------------------------------------------------------------------------------
    async def song_started(self, guild_id: GuildId, song: Song) -> None:
        await self._retire_card(guild_id)
        card = await self._send(guild_id, embeds.song_card(song), view=controls_view())
        if card is not None:
            self._cards[guild_id] = card

    async def song_failed(self, guild_id: GuildId, song: Song, reason: str) -> None:
        await self._send(guild_id, embeds.song_failed(song, reason))

    async def queue_finished(self, guild_id: GuildId) -> None:
        await self._retire_card(guild_id)
        await self._send(guild_id, embeds.queue_finished())

    async def batch_progress(self, guild_id: GuildId, progress: BatchProgress) -> None:
        embed = embeds.batch(progress)
        final = progress.done or progress.cancelled
        known = self._batches.pop(progress.batch_id, None) if final else self._batches.get(progress.batch_id)
        if known is not None:
            await self._edit(known[1], embed=embed)
            return
        message = await self._send(guild_id, embed)
        if message is not None and not final:
            self._batches[progress.batch_id] = (guild_id, message)

    # --- beyond the port ---------------------------------------------------------------------------------
    async def auto_left(self, guild_id: GuildId, reason: LeaveReason) -> None:
        await self._retire_card(guild_id)
        await self._send(guild_id, embeds.auto_left(reason))
        self.voice_ended(guild_id)

    async def disconnected(self, what: Disconnected) -> None:
        """Someone disconnected the bot: say what became of the queue."""
        await self._send(what.guild_id, embeds.disconnected(what))

    async def _retire_card(self, guild_id: GuildId) -> None:
        card = self._cards.pop(guild_id, None)
        if card is not None:
            await self._edit(card, view=None)

    async def _send(
        self, guild_id: GuildId, embed: discord.Embed, *, view: discord.ui.View | None = None
    ) -> MessageRef | None:
        channel_id = self._channels.get(guild_id)
        if channel_id is None:
            return None
        channel = self._client.get_partial_messageable(channel_id, guild_id=guild_id)
        extra: dict[str, Any] = {} if view is None else {"view": view}
        try:
            message = await channel.send(embed=embed, **extra)
        except discord.HTTPException as error:  # no permission to write there, or Discord is away
            log.warning("could not tell the channel", guild_id=guild_id, channel_id=channel_id, error=str(error))
            return None
        return ChannelId(channel_id), message.id

    async def _edit(self, where: MessageRef, **changes: Any) -> None:
        channel_id, message_id = where
        message = self._client.get_partial_messageable(channel_id).get_partial_message(message_id)
        try:
            await message.edit(**changes)
        except discord.HTTPException as error:  # deleted meanwhile, or no permission: nothing to update
            log.info("could not update a message", channel_id=channel_id, error=str(error))
