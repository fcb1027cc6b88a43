"""What listeners asked for next: /filter, /lyrics, /playnext, /back, /replay, /remove-dupes, /fairqueue,
/search, /grab (thin: options → command → use-case → presenter)."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.application.guild.audio_filter import FilterCommand
from musicbot.application.lyrics.find import LyricsCommand
from musicbot.application.playback.common import ControlCommand, GuildCommand
from musicbot.application.playback.play import PlayCommand
from musicbot.application.queue.search_request import SearchToQueueCommand
from musicbot.application.queue.tidy import FairQueueCommand
from musicbot.domain.audio_filter import MAX_FACTOR, MIN_FACTOR, AudioFilter, FilterPreset
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.context import Invocation, InvocationReader
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.lyrics_view import LyricsPager, follow_song, live_card
from musicbot.entrypoints.discord.replies import answer, defer, deferring
from musicbot.entrypoints.discord.search_view import SearchView, search_card
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.listener_services import ListenerServices
from musicbot.entrypoints.listener_text import fair_text, filter_text, lyrics_heading

_PRESETS = [app_commands.Choice(name=preset.value, value=preset.value) for preset in FilterPreset]


class ListenerCog(commands.Cog, name="Listener"):
    def __init__(self, services: BotServices, listener: ListenerServices, reader: InvocationReader) -> None:
        self._registry = services.playback.registry
        self._s = services.playback
        self._l = listener
        self._reader = reader
        self._live: set[asyncio.Task[None]] = set()

    async def cog_unload(self) -> None:
        for task in self._live:
            task.cancel()
        await asyncio.gather(*self._live, return_exceptions=True)

    @app_commands.command(name="filter", description=describe("filter"))
    @app_commands.describe(preset="How the music sounds", amount="For speed and pitch: from 0.5 to 2.0")
    @app_commands.choices(preset=_PRESETS)
    async def filter(
        self,
        interaction: discord.Interaction[Any],
        preset: app_commands.Choice[str],
        amount: app_commands.Range[float, MIN_FACTOR, MAX_FACTOR] | None = None,
    ) -> None:
        audio_filter = AudioFilter.parse(preset.value, amount)  # a missing amount is answered before anything
        who = self._reader.read(interaction)
        result = await self._l.audio_filter.execute(  # a new FFmpeg starts at the position before the answer
            FilterCommand(guild_id=who.guild_id, caller=who.caller, audio_filter=audio_filter),
            accepted=deferring(interaction),
        )
        await answer(interaction, embeds.done(filter_text(result.audio_filter)))

    @app_commands.command(name="lyrics", description=describe("lyrics"))
    @app_commands.describe(
        query="Artist and title; none: the song playing",
        live="Follow the song playing line by line (when its lyrics are synced)",
    )
    async def lyrics(
        self,
        interaction: discord.Interaction[Any],
        query: app_commands.Range[str, 1, 200] | None = None,
        live: bool = False,
    ) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)  # the lyrics service may take a few seconds
        result = await self._l.lyrics.execute(LyricsCommand(guild_id=who.guild_id, words=query))
        heading = lyrics_heading(result)
        lyrics = result.lyrics
        if lyrics is None or not lyrics.text:
            await answer(interaction, embeds.info(heading))
            return
        player = self._registry.find(who.guild_id)
        if live and lyrics.synced and result.song is not None and player is not None:
            await answer(interaction, live_card(heading, lyrics.synced, player.elapsed()))
            task = asyncio.create_task(
                follow_song(
                    interaction,
                    registry=self._registry,
                    guild_id=who.guild_id,
                    song=result.song,
                    heading=heading,
                    lines=lyrics.synced,
                ),
                name=f"live-lyrics-{who.guild_id}",
            )
            self._live.add(task)
            task.add_done_callback(self._live.discard)
            return
        pager = LyricsPager(heading=heading, text=lyrics.text, owner_id=interaction.user.id, origin=interaction)
        await answer(interaction, pager.card(), view=pager if len(pager.pages) > 1 else None)

    @app_commands.command(name="playnext", description=describe("playnext"))
    @app_commands.describe(query="A link or words: queued to play right after the song playing")
    async def play_next(self, interaction: discord.Interaction[Any], query: app_commands.Range[str, 1, 500]) -> None:
        who = self._reader.read(interaction)
        result = await self._s.play.execute(
            PlayCommand(
                guild_id=who.guild_id,
                caller=who.caller,
                query=query,
                play_next=True,
            ),
            accepted=deferring(interaction),
        )
        await answer(interaction, embeds.play_result(result))

    @app_commands.command(name="back", description=describe("back"))
    async def back(self, interaction: discord.Interaction[Any]) -> None:
        who = self._reader.read(interaction)
        result = await self._l.back.execute(_control(who), accepted=deferring(interaction))
        await answer(interaction, embeds.done(f"⏮ Back to {embeds.line_of(result.song)}"))

    @app_commands.command(name="replay", description=describe("replay"))
    async def replay(self, interaction: discord.Interaction[Any]) -> None:
        who = self._reader.read(interaction)
        result = await self._l.replay.execute(_control(who), accepted=deferring(interaction))
        await answer(interaction, embeds.done(f"🔂 {embeds.title_of(result.song)} starts over."))

    @app_commands.command(name="remove-dupes", description=describe("remove-dupes"))
    async def remove_dupes(self, interaction: discord.Interaction[Any]) -> None:
        who = self._reader.read(interaction)
        result = await self._l.remove_duplicates.execute(_control(who), accepted=deferring(interaction))
        await answer(interaction, embeds.done(f"Removed {songs(result.count)} queued twice."))

    @app_commands.command(name="fairqueue", description=describe("fairqueue"))
    @app_commands.describe(mode="on: songs take turns by who asked for them; off: in the order they come")
    async def fair_queue(self, interaction: discord.Interaction[Any], mode: Literal["on", "off"]) -> None:
        who = self._reader.read(interaction)
        result = await self._l.fair_queue.execute(
            FairQueueCommand(guild_id=who.guild_id, caller=who.caller, on=mode == "on"), accepted=deferring(interaction)
        )
        await answer(interaction, embeds.done(fair_text(result)))

    @app_commands.command(name="search", description=describe("search"))
    @app_commands.describe(words="What to look for: five results to pick from")
    async def search(self, interaction: discord.Interaction[Any], words: app_commands.Range[str, 1, 200]) -> None:
        who = self._reader.read(interaction)
        result = await self._l.search_to_queue.execute(
            SearchToQueueCommand(guild_id=who.guild_id, caller=who.caller, words=words), accepted=deferring(interaction)
        )
        view = SearchView(
            result,
            owner_id=interaction.user.id,
            queue_tracks=self._l.queue_tracks,
            reader=self._reader,
            origin=interaction,
        )
        await answer(interaction, search_card(result), view=view)

    @app_commands.command(name="grab", description=describe("grab"))
    async def grab(self, interaction: discord.Interaction[Any]) -> None:
        who = self._reader.read(interaction)
        state = await self._s.now_playing.execute(GuildCommand(guild_id=who.guild_id))
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            await interaction.user.send(embed=embeds.song_card(state.song).set_author(name="🎵 Grabbed for you"))
        except discord.Forbidden:
            await answer(interaction, embeds.error("I can't send you direct messages: allow them from this server."))
            return
        await answer(interaction, embeds.done("📬 Sent to your direct messages."))


def _control(who: Invocation) -> ControlCommand:
    return ControlCommand(guild_id=who.guild_id, caller=who.caller)
