"""/recommend, /radio, and plain requests ("need rock for my workout") in the music channel or mentioning the bot.

A request, by command or message, is answered with a card of picks and buttons to queue one or all (the console's
`recommend` queues them at once: nobody there to press a button). Plain messages are read in the guild's music
channel (which needs the Message Content intent, `MUSICBOT_MESSAGE_CONTENT_INTENT`) and anywhere the bot is
mentioned (Discord sends those without it); only messages that look like a request are answered, and, as for
slash commands, a member mentioning the bot outside the guild's music channel is pointed there.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any, Literal

import discord
import structlog
from discord import app_commands
from discord.ext import commands

from musicbot.application.errors import InvalidQuery
from musicbot.application.guild.music_channel import Admission
from musicbot.application.recommendation.chat import is_chat
from musicbot.application.recommendation.errors import NotAMusicRequest
from musicbot.application.recommendation.plain_requests import looks_like_request
from musicbot.application.recommendation.radio_switch import SwitchRadioCommand
from musicbot.application.recommendation.recommend import Recommendations, RecommendCommand
from musicbot.application.spotify_accounts.personal import RecommendForCommand, Scope
from musicbot.domain.errors import MusicBotError
from musicbot.domain.ids import ChannelId, GuildId, UserId
from musicbot.entrypoints.discord import embeds, presenters
from musicbot.entrypoints.discord.context import InvocationReader, bot_channel, humans_in, manages_guild
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.events import DiscordPlaybackEvents
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.recommend_view import RecommendationView
from musicbot.entrypoints.discord.replies import answer, defer, deferring
from musicbot.entrypoints.messages import friendly_error
from musicbot.entrypoints.services import RecommendationServices

log = structlog.get_logger(__name__)


class RecommendationCog(commands.Cog, name="Recommendations"):
    def __init__(
        self,
        services: BotServices,
        recommendations: RecommendationServices,
        reader: InvocationReader,
        events: DiscordPlaybackEvents,
        *,
        is_command: Callable[[discord.Message], Awaitable[bool]] | None = None,
    ) -> None:
        self._is_command = is_command  # a text command ("@musicbot skip") is not a request
        self._playback = services.playback
        self._rules = services.rules
        self._r = recommendations
        self._reader = reader
        self._events = events
        self._spotify = services.spotify

    @app_commands.command(name="recommend", description=describe("recommend"))
    @app_commands.describe(
        prompt="What you feel like: a genre, a mood, an activity, an era, artists you like...",
        for_="me: from your linked Spotify; server: the linked listeners here and this server's history",
    )
    @app_commands.rename(for_="for")
    async def recommend(
        self,
        interaction: discord.Interaction[Any],
        prompt: app_commands.Range[str, 1, 300] | None = None,
        for_: Literal["me", "server"] | None = None,
    ) -> None:
        who = self._reader.read(interaction)
        if for_ is None and prompt is None:
            raise InvalidQuery("tell me what you would like (prompt), or pick for: me or server")
        await defer(interaction)
        try:
            if for_ is not None:
                listeners = who.listeners or _callers_channel(interaction)  # the bot may not be in voice yet
                view = await self._recommend_for(who.guild_id, who.caller.user_id, Scope(for_), prompt, listeners)
            else:
                view = await self._recommend(who.guild_id, who.caller.user_id, prompt or "", who.listeners)
        except NotAMusicRequest as chat:  # "hi bot": a question back, not picks and not an error
            await answer(interaction, embeds.info(chat.question))
            return
        await answer(interaction, view.card(), view=view)
        view.message = await interaction.original_response()

    @app_commands.command(name="radio", description=describe("radio"))
    @app_commands.describe(mode="on: keep the queue going with songs like what played; off: stop when it ends")
    async def radio(self, interaction: discord.Interaction[Any], mode: Literal["on", "off"]) -> None:
        who = self._reader.read(interaction)
        status = await self._r.switch_radio.execute(
            SwitchRadioCommand(guild_id=who.guild_id, caller=who.caller, on=mode == "on"),
            accepted=deferring(interaction),
        )
        await answer(interaction, presenters.radio(status))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        guild = message.guild
        if guild is None or message.author.bot or not isinstance(message.author, discord.Member) or guild.me is None:
            return
        if self._is_command is not None and await self._is_command(message):
            return
        me = guild.me
        mentioned = any(user.id == me.id for user in message.mentions)
        guild_id = GuildId(guild.id)
        if not mentioned:
            await self._rules.guild_settings.preload(guild_id)
            if self._rules.guild_settings.get(guild_id).music_channel_id != message.channel.id:
                return
        text = re.sub(rf"<@!?{me.id}>", " ", message.content)
        if not looks_like_request(text) and not (mentioned and is_chat(text)):
            return  # chat in the music channel is left alone; said to the bot, it gets a question back
        with structlog.contextvars.bound_contextvars(guild_id=guild.id, user_id=message.author.id):
            await self._answer_message(message, message.author, guild_id, text)

    async def _answer_message(
        self, message: discord.Message, author: discord.Member, guild_id: GuildId, text: str
    ) -> None:
        channel_id = ChannelId(message.channel.id)
        # The music channel gate, as for slash commands: a plain request is one for /recommend.
        admission = Admission(
            guild_id=guild_id, channel_id=channel_id, command="recommend", is_manager=manages_guild(author)
        )
        try:
            await self._rules.music_channel.execute(admission)
            self._events.remember_channel(guild_id, channel_id)
            async with message.channel.typing():
                listeners = humans_in(bot_channel(message.guild)) if message.guild else frozenset()
                view = await self._recommend(guild_id, UserId(message.author.id), text, listeners)
            view.message = await message.reply(embed=view.card(), view=view, mention_author=False)
        except NotAMusicRequest as chat:
            await message.reply(embed=embeds.info(chat.question), mention_author=False)
        except MusicBotError as error:
            log.info("plain request refused", reason=str(error), error_type=type(error).__name__)
            await message.reply(embed=embeds.error(friendly_error(error)), mention_author=False)
        except discord.HTTPException as error:
            log.warning("could not answer a plain request", error=str(error))
        except Exception as error:
            log.error("plain request failed", exc_info=error)
            await message.reply(embed=embeds.error(friendly_error(error)), mention_author=False)

    async def _recommend(
        self, guild_id: GuildId, user_id: UserId, prompt: str, listeners: frozenset[UserId]
    ) -> RecommendationView:
        found = await self._r.recommend.execute(
            RecommendCommand(guild_id=guild_id, user_id=user_id, prompt=prompt, listeners=listeners | {user_id})
        )
        return self._card(guild_id, user_id, found)

    async def _recommend_for(
        self, guild_id: GuildId, user_id: UserId, scope: Scope, prompt: str | None, listeners: frozenset[UserId]
    ) -> RecommendationView:
        """Spotify taste through the same pipeline (spotify_accounts.personal); off without Spotify accounts."""
        if self._spotify is None:
            raise InvalidQuery("recommendations from Spotify accounts are not available on this bot")
        command = RecommendForCommand(
            guild_id=guild_id, user_id=user_id, scope=scope, prompt=prompt or "", listeners=listeners
        )
        return self._card(guild_id, user_id, await self._spotify.require().recommend_for.execute(command))

    def _card(self, guild_id: GuildId, user_id: UserId, found: Recommendations) -> RecommendationView:
        if self._spotify is not None:  # what /spotify save takes when the queue is empty
            self._spotify.last_cards.remember(guild_id, user_id, found.tracks)
        return RecommendationView(found, requester=user_id, services=self._r, reader=self._reader)


def _callers_channel(interaction: discord.Interaction[Any]) -> frozenset[UserId]:
    """The humans in the caller's voice channel (for:server before the bot joined one)."""
    voice = getattr(interaction.user, "voice", None)
    return humans_in(voice.channel if voice is not None else None)
