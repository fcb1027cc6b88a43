"""/spotify connect|finish|status|disconnect|save and /forgetme. Every answer is ephemeral: links and accounts
are the member's own business. The sign-in finishes through the bot's web callback or a pasted address (modal).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.application.spotify_accounts.connect import Callback
from musicbot.application.spotify_accounts.save import SaveCommand, songs_to_save
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import Track
from musicbot.entrypoints.discord import spotify_embeds
from musicbot.entrypoints.discord.acks import acknowledged
from musicbot.entrypoints.discord.errors import handle_error
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.spotify_accounts import SpotifyAccountServices

PASTE_ID = "spotify:paste"
MODAL_TIMEOUT = 600.0


class PasteModal(discord.ui.Modal, title="Finish linking Spotify"):
    address: discord.ui.TextInput[PasteModal] = discord.ui.TextInput(
        label="The address your browser showed", custom_id="spotify:address", max_length=4000,
        placeholder="http://127.0.0.1:8080/spotify/callback?code=...&state=...", style=discord.TextStyle.paragraph,
    )  # fmt: skip

    def __init__(self, cog: SpotifyCog) -> None:
        super().__init__(timeout=MODAL_TIMEOUT, custom_id="spotify:finish")
        self._cog = cog

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        await self._cog.finish(interaction, self.address.value)

    async def on_error(  # type: ignore[override]  # a modal's on_error has no item
        self, interaction: discord.Interaction[Any], error: Exception, /
    ) -> None:
        await handle_error(interaction, error)


class SignInView(discord.ui.View):
    def __init__(self, cog: SpotifyCog, url: str) -> None:
        super().__init__(timeout=MODAL_TIMEOUT)
        self._cog = cog
        self.add_item(discord.ui.Button(label="Open Spotify", url=url, style=discord.ButtonStyle.link))

    @discord.ui.button(label="Paste the address", style=discord.ButtonStyle.primary, custom_id=PASTE_ID)
    async def paste(self, interaction: discord.Interaction[Any], _button: discord.ui.Button[SignInView]) -> None:
        await interaction.response.send_modal(PasteModal(self._cog))
        acknowledged(interaction)


class SpotifyCog(commands.Cog, name="Spotify"):
    spotify = app_commands.Group(name="spotify", description=describe("spotify"), guild_only=True)

    def __init__(self, accounts: SpotifyAccountServices, queue_of: Callable[[GuildId], list[Track]]) -> None:
        """`queue_of(guild_id)`: the tracks of the guild's queue, current song first."""
        self._accounts = accounts
        self._queue_of = queue_of

    @spotify.command(name="connect", description="Link your Spotify account (a sign-in link only you see)")
    async def connect(self, interaction: discord.Interaction[Any]) -> None:
        linking = self._accounts.require()
        sign_in = linking.start.execute(UserId(interaction.user.id), _guild(interaction))
        embed = spotify_embeds.sign_in(sign_in, web_callback=linking.web_callback)
        await interaction.response.send_message(embed=embed, view=SignInView(self, sign_in.url), ephemeral=True)
        acknowledged(interaction)

    @spotify.command(name="finish", description="Paste the address Spotify sent you to, to finish linking")
    async def finish_command(self, interaction: discord.Interaction[Any]) -> None:
        self._accounts.require()
        await interaction.response.send_modal(PasteModal(self))
        acknowledged(interaction)

    async def finish(self, interaction: discord.Interaction[Any], pasted: str) -> None:
        linking = self._accounts.require()
        await interaction.response.defer(ephemeral=True, thinking=True)
        acknowledged(interaction)
        account = await linking.finish.execute(Callback.from_pasted(pasted), user_id=UserId(interaction.user.id))
        self._accounts.refresh_soon(account.user_id)
        await interaction.edit_original_response(embed=spotify_embeds.linked(account))

    @spotify.command(name="status", description="Whether your Spotify account is linked, and what the bot read")
    async def status(self, interaction: discord.Interaction[Any]) -> None:
        linking = self._accounts.require()
        found = await linking.status.execute(UserId(interaction.user.id))
        await interaction.response.send_message(embed=spotify_embeds.status(found), ephemeral=True)
        acknowledged(interaction)

    @spotify.command(name="disconnect", description="Unlink your Spotify account and delete what came from it")
    async def disconnect(self, interaction: discord.Interaction[Any]) -> None:
        deleted = await self._accounts.require().disconnect.execute(UserId(interaction.user.id))
        await interaction.response.send_message(embed=spotify_embeds.disconnected(deleted), ephemeral=True)
        acknowledged(interaction)

    @spotify.command(name="save", description="Save the queue (or your last recommendations) to your Spotify")
    @app_commands.describe(name="The new playlist's name in your Spotify account")
    async def save(self, interaction: discord.Interaction[Any], name: app_commands.Range[str, 1, 100]) -> None:
        linking = self._accounts.require()
        await interaction.response.defer(ephemeral=True, thinking=True)
        acknowledged(interaction)
        guild, user = _guild(interaction), UserId(interaction.user.id)
        queue: list[Track] = self._queue_of(guild) if guild is not None else []
        card = self._accounts.last_cards.last(guild, user) if guild is not None else ()
        result = await linking.save.execute(SaveCommand(user_id=user, name=name, tracks=songs_to_save(queue, card)))
        await interaction.edit_original_response(embed=spotify_embeds.saved(result))

    @app_commands.command(name="forgetme", description=describe("forgetme"))
    async def forgetme(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        acknowledged(interaction)
        result = await self._accounts.forget.execute(UserId(interaction.user.id))
        await interaction.edit_original_response(embed=spotify_embeds.forgotten(result))


def _guild(interaction: discord.Interaction[Any]) -> GuildId | None:
    return GuildId(interaction.guild_id) if interaction.guild_id is not None else None
