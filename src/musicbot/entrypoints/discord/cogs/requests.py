"""Commands that may bring the bot into a voice channel: /join, /play, /aplay."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.application.playlists.play import PlayPlaylistCommand
from musicbot.application.queue.load_playlist import LoadPlaylistCommand
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord import shared_commands as shared
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.join_notice import telling_join_waits
from musicbot.entrypoints.discord.replies import answer, deferring
from musicbot.entrypoints.playlist_playback import queued_text

PLAY_HINT = "Join a voice channel and use /play to hear it."


class RequestCog(commands.Cog, name="Requests"):
    def __init__(self, services: BotServices, reader: InvocationReader) -> None:
        self._services = services
        self._s = services.playback
        self._playlists = services.playlists
        self._reader = reader

    @app_commands.command(name="join", description=describe("join"))
    async def join(self, interaction: discord.Interaction[Any]) -> None:
        who = self._reader.read(interaction)
        async with telling_join_waits(interaction, who.caller.voice_channel_id):
            embed = await shared.JOIN(self._services, shared.Asked(who, deferring(interaction)))
        await answer(interaction, embed)

    @app_commands.command(name="play", description=describe("play"))
    @app_commands.describe(
        query="A link (YouTube, SoundCloud, Bandcamp, Spotify, a radio...) or words; none: the active playlist"
    )
    async def play(self, interaction: discord.Interaction[Any], query: str | None = None) -> None:
        who = self._reader.read(interaction)
        if query is None or not query.strip():
            playback = await self._playlists.play.execute(
                PlayPlaylistCommand(guild_id=who.guild_id, caller=who.caller), accepted=deferring(interaction)
            )
            text = queued_text(playback, add_hint="/add", play_hint=PLAY_HINT)
            await answer(interaction, embeds.done(discord.utils.escape_markdown(text)))
            return
        async with telling_join_waits(interaction, who.caller.voice_channel_id):
            embed = await shared.PLAY(self._services, shared.Asked(who, deferring(interaction)), query=query)
        await answer(interaction, embed)

    @app_commands.command(name="aplay", description=describe("aplay"))
    @app_commands.describe(url="A playlist, album or feed link (YouTube, SoundCloud, Bandcamp, Spotify, RSS)")
    async def aplay(self, interaction: discord.Interaction[Any], url: str) -> None:
        who = self._reader.read(interaction)
        async with telling_join_waits(interaction, who.caller.voice_channel_id):
            result = await self._s.load_playlist.execute(
                LoadPlaylistCommand(
                    guild_id=who.guild_id,
                    caller=who.caller,
                    url=url,
                ),
                accepted=deferring(interaction),
            )
        await answer(interaction, embeds.playlist_result(result))
