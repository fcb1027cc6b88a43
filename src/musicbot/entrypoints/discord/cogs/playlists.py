"""Saved playlists: /create, /add, /addto, /remove, /use, /playlist, /playlists, /delete, /savequeue, /export,
/import. Every command touches the database, so each defers first; names autocomplete from the guild's own."""

from __future__ import annotations

import io
from typing import Any

import discord
import structlog
from discord import app_commands
from discord.ext import commands

from musicbot.application.playlists.add import AddToPlaylistCommand
from musicbot.application.playlists.autocomplete import AutocompleteQuery
from musicbot.application.playlists.create import CreatePlaylistCommand
from musicbot.application.playlists.export import ExportPlaylistQuery
from musicbot.application.playlists.importing import ImportPlaylistCommand
from musicbot.application.playlists.list import ListPlaylistsQuery
from musicbot.application.playlists.play import PlayPlaylistCommand
from musicbot.application.playlists.remove import RemoveFromPlaylistCommand
from musicbot.application.playlists.save_queue import SaveQueueCommand
from musicbot.application.playlists.show import ShowPlaylistQuery
from musicbot.application.storage_errors import InvalidPlaylistFile
from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import GuildId
from musicbot.domain.playlist import NAME_MAX_LENGTH
from musicbot.entrypoints.discord import embeds, playlist_embeds
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.playlist_embeds import name_of, playlist_list, playlist_page
from musicbot.entrypoints.discord.playlist_views import ConfirmDelete, PageSource, PageTurner
from musicbot.entrypoints.discord.replies import answer, defer, deferring
from musicbot.entrypoints.formatting import songs
from musicbot.entrypoints.playlist_playback import queued_text, remove_from_playlist

log = structlog.get_logger(__name__)

MAX_IMPORT_BYTES = 1024 * 1024
Name = app_commands.Range[str, 1, NAME_MAX_LENGTH]
Position = app_commands.Range[int, 1, 100_000]
Song = app_commands.Range[str, 1, 500]
ADD_HINT = "/add or /addto"
PLAY_HINT = "Join a voice channel and use /play to hear it."


class PlaylistCog(commands.Cog, name="Playlists"):
    def __init__(self, services: BotServices, reader: InvocationReader) -> None:
        self._p = services.playlists
        self._reader = reader

    async def _names(self, interaction: discord.Interaction[Any], current: str) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        try:
            names = await self._p.autocomplete.execute(
                AutocompleteQuery(guild_id=GuildId(interaction.guild_id), prefix=current)
            )
        except MusicBotError as error:  # storage away: no suggestions; the command itself will say why
            log.info("no playlist suggestions", reason=str(error))
            return []
        return [app_commands.Choice(name=name, value=name) for name in names]

    @app_commands.command(name="create", description=describe("create"))
    @app_commands.describe(name="The new playlist's name (up to 50 characters)")
    async def create(self, interaction: discord.Interaction[Any], name: Name) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)
        result = await self._p.create.execute(CreatePlaylistCommand(guild_id=who.guild_id, name=name))
        await answer(interaction, playlist_embeds.created(result))

    @app_commands.command(name="add", description=describe("add"))
    @app_commands.describe(song="A link or words to search for; it is checked before it is saved")
    async def add(self, interaction: discord.Interaction[Any], song: Song) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)
        result = await self._p.add.execute(AddToPlaylistCommand(guild_id=who.guild_id, query=song))
        await answer(interaction, playlist_embeds.added(result))

    @app_commands.command(name="addto", description=describe("addto"))
    @app_commands.describe(playlist="Which playlist", song="A link or words to search for")
    @app_commands.autocomplete(playlist=_names)
    async def add_to(self, interaction: discord.Interaction[Any], playlist: Name, song: Song) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)
        result = await self._p.add.execute(AddToPlaylistCommand(guild_id=who.guild_id, query=song, playlist=playlist))
        await answer(interaction, playlist_embeds.added(result))

    @app_commands.command(name="remove", description=describe("remove"))
    @app_commands.describe(playlist="Which playlist", index="The song's number in /playlist")
    @app_commands.autocomplete(playlist=_names)
    async def remove(self, interaction: discord.Interaction[Any], playlist: Name, index: Position) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)
        result = await remove_from_playlist(
            self._p, RemoveFromPlaylistCommand(guild_id=who.guild_id, playlist=playlist, position=index)
        )
        await answer(interaction, playlist_embeds.removed(result))

    @app_commands.command(name="use", description=describe("use"))
    @app_commands.describe(playlist="The playlist to make active and queue")
    @app_commands.autocomplete(playlist=_names)
    async def use(self, interaction: discord.Interaction[Any], playlist: Name) -> None:
        who = self._reader.read(interaction)
        playback = await self._p.play.execute(  # refused before anything changes, like /play
            PlayPlaylistCommand(guild_id=who.guild_id, caller=who.caller, name=playlist),
            accepted=deferring(interaction),
        )
        await answer(interaction, embeds.done(_plain(queued_text(playback, add_hint=ADD_HINT, play_hint=PLAY_HINT))))

    @app_commands.command(name="playlist", description=describe("playlist"))
    @app_commands.describe(name="Which playlist")
    @app_commands.autocomplete(name=_names)
    async def show(self, interaction: discord.Interaction[Any], name: Name) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)

        async def source(number: int) -> tuple[discord.Embed, int, int]:
            page = await self._p.show.execute(ShowPlaylistQuery(guild_id=who.guild_id, name=name, page=number))
            return playlist_page(page), page.page, page.pages

        await self._paged(interaction, source, "/playlist")

    @app_commands.command(name="playlists", description=describe("playlists"))
    async def playlists(self, interaction: discord.Interaction[Any]) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)

        async def source(number: int) -> tuple[discord.Embed, int, int]:
            listing = await self._p.list.execute(ListPlaylistsQuery(guild_id=who.guild_id, page=number))
            return playlist_list(listing), listing.page, listing.pages

        await self._paged(interaction, source, "/playlists")

    @app_commands.command(name="delete", description=describe("delete"))
    @app_commands.describe(name="The playlist to delete (you will be asked to confirm)")
    @app_commands.autocomplete(name=_names)
    async def delete(self, interaction: discord.Interaction[Any], name: Name) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)
        found = await self._p.show.execute(ShowPlaylistQuery(guild_id=who.guild_id, name=name, page_size=1))
        view = ConfirmDelete(
            delete=self._p.delete,
            guild_id=who.guild_id,
            name=found.name,
            owner_id=interaction.user.id,
            origin=interaction,
        )
        question = f"Delete {name_of(found.name)} and its {songs(found.total)}? This cannot be undone."
        await answer(interaction, embeds.info(question), view=view)

    @app_commands.command(name="savequeue", description=describe("savequeue"))
    @app_commands.describe(name="The new playlist's name")
    async def save_queue(self, interaction: discord.Interaction[Any], name: Name) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)
        result = await self._p.save_queue.execute(SaveQueueCommand(guild_id=who.guild_id, name=name))
        await answer(interaction, playlist_embeds.saved(result))

    @app_commands.command(name="export", description=describe("export"))
    @app_commands.describe(name="The playlist to export")
    @app_commands.autocomplete(name=_names)
    async def export(self, interaction: discord.Interaction[Any], name: Name) -> None:
        who = self._reader.read(interaction)
        await defer(interaction)
        exported = await self._p.export.execute(ExportPlaylistQuery(guild_id=who.guild_id, name=name))
        file = discord.File(io.BytesIO(exported.content.encode()), filename=exported.filename)
        note = embeds.done(f"{name_of(exported.name)}: {songs(exported.tracks)}. Bring it back with /import.")
        await interaction.edit_original_response(embed=note, attachments=[file])

    @app_commands.command(name="import", description=describe("import"))
    @app_commands.describe(file="A playlist file made by /export", name="A name instead of the file's own")
    async def import_(
        self, interaction: discord.Interaction[Any], file: discord.Attachment, name: Name | None = None
    ) -> None:
        who = self._reader.read(interaction)
        if file.size > MAX_IMPORT_BYTES:  # refused before a byte is downloaded
            raise InvalidPlaylistFile(f"it is larger than {MAX_IMPORT_BYTES // 1024} KiB")
        await defer(interaction)
        content = await file.read()
        if len(content) > MAX_IMPORT_BYTES:  # the size Discord announced was not the size it sent
            raise InvalidPlaylistFile(f"it is larger than {MAX_IMPORT_BYTES // 1024} KiB")
        result = await self._p.import_.execute(ImportPlaylistCommand(guild_id=who.guild_id, content=content, name=name))
        await answer(interaction, playlist_embeds.imported(result))

    async def _paged(self, interaction: discord.Interaction[Any], source: PageSource, command: str) -> None:
        embed, page, pages = await source(1)
        if pages <= 1:
            await answer(interaction, embed)
            return
        view = PageTurner(
            source=source, page=page, pages=pages, owner_id=interaction.user.id, origin=interaction, command=command
        )
        await answer(interaction, embed, view=view)


def _plain(text: str) -> str:
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))
