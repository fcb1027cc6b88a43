"""The Discord client: built in the composition root with its dependencies, set up in `setup_hook`.

The voice gateway needs the client and the use-cases need the gateway, so the bot is given `wire`: a function
from the bot to its services, called once in `__init__` (see `runner.BotAssembly`, and the e2e tests).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import discord
import structlog
from discord import app_commands
from discord.ext import commands

from musicbot.application.recommendation.mention_commands import mention_runs_command
from musicbot.application.scale.ports import SharedStoreUnavailable
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.track import Track
from musicbot.entrypoints.discord.acks import answered
from musicbot.entrypoints.discord.cogs.admin import AdminCog
from musicbot.entrypoints.discord.cogs.controls import ControlCog
from musicbot.entrypoints.discord.cogs.listener import ListenerCog
from musicbot.entrypoints.discord.cogs.playlists import PlaylistCog
from musicbot.entrypoints.discord.cogs.presence import PresenceCog
from musicbot.entrypoints.discord.cogs.queue import QueueCog
from musicbot.entrypoints.discord.cogs.recommendations import RecommendationCog
from musicbot.entrypoints.discord.cogs.requests import RequestCog
from musicbot.entrypoints.discord.cogs.server import ServerCog
from musicbot.entrypoints.discord.cogs.settings import SettingsCog
from musicbot.entrypoints.discord.cogs.spotify import SpotifyCog
from musicbot.entrypoints.discord.cogs.text_commands import TextCommandCog
from musicbot.entrypoints.discord.context import InvocationReader
from musicbot.entrypoints.discord.controls import PlayerButton, PlayerControls
from musicbot.entrypoints.discord.deferral import first_answers
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.events import DiscordPlaybackEvents
from musicbot.entrypoints.discord.frame_answers import FrameAnswers
from musicbot.entrypoints.discord.heap import freeze_startup_heap
from musicbot.entrypoints.discord.identify import IdentifyTurns
from musicbot.entrypoints.discord.instruments import finished
from musicbot.entrypoints.discord.intents import default_intents, text_prefixes
from musicbot.entrypoints.discord.resume import resume_saved_queues
from musicbot.entrypoints.discord.sync import CommandSync
from musicbot.entrypoints.discord.tree import MusicTree
from musicbot.entrypoints.settings import Settings

log = structlog.get_logger(__name__)


class MusicBot(commands.Bot):
    def __init__(
        self,
        *,
        settings: Settings,
        wire: Callable[[MusicBot], BotServices],
        prepare: bool = True,
        intents: discord.Intents | None = None,
        freeze_heap: bool = False,
        **options: Any,
    ) -> None:
        """`prepare`: in setup_hook, warm up and sync the slash commands when they changed (not when the bot
        only logs in to sync on demand). `freeze_heap`: once ready, take what is alive out of the garbage
        collector's full passes (`heap.freeze_startup_heap`): after the warm-up, before the gateway connects (the
        long pass, ~150 ms, while no command can wait on it), and again on the first ready (discord.py's guild
        cache; short). The bot's own process only, not a test's."""
        super().__init__(
            # Text commands: "@musicbot skip" always; "!skip" with the Message Content intent (else Discord sends
            # messages without their content). See cogs/text_commands.py.
            command_prefix=text_prefixes(settings),
            case_insensitive=True,
            help_command=None,
            tree_cls=MusicTree,
            intents=intents or default_intents(message_content=settings.message_content_intent),
            allowed_contexts=app_commands.AppCommandContext(guild=True),
            allowed_installs=app_commands.AppInstallationType(guild=True),
            **options,
        )
        self.settings = settings
        self.events = DiscordPlaybackEvents(self)
        self.services = wire(self)
        self.reader = InvocationReader(dj_role=settings.dj_role, guild_settings=self.services.rules.guild_settings)
        self.controls = PlayerControls(playback=self.services.playback, rules=self.services.rules, reader=self.reader)
        self.command_sync = CommandSync(self.tree, settings.data_dir)
        self._prepare = prepare
        self._shut_down = False
        self._resuming: asyncio.Task[int] | None = None
        self._freeze_heap = freeze_heap
        self.frame_answers = FrameAnswers(self, first_answers(self), shutting_down=lambda: self._shut_down)
        self.frame_answers.install()
        self._frozen_when_ready = False
        gate = self.services.identify_gate
        self._identify = (
            None
            if gate is None
            else IdentifyTurns(gate, override=settings.identify_concurrency, max_concurrency=self._max_concurrency)
        )

    async def setup_hook(self) -> None:
        self.add_dynamic_items(PlayerButton)
        for cog in (
            RequestCog(self.services, self.reader),
            ControlCog(self.services, self.reader),
            QueueCog(self.services, self.reader),
            PlaylistCog(self.services, self.reader),
            ServerCog(self.services, self.reader),
            SettingsCog(self.services, self.reader),
            PresenceCog(self.services, self.events),
        ):
            await self.add_cog(cog)
        if (recommendations := self.services.recommendations) is not None:
            await self.add_cog(
                RecommendationCog(
                    self.services, recommendations, self.reader, self.events, is_command=self.is_text_command
                )
            )
        await self.add_cog(TextCommandCog(self.services, self.reader, self.events))
        if (listener := self.services.listener) is not None:
            await self.add_cog(ListenerCog(self.services, listener, self.reader))
        if (spotify := self.services.spotify) is not None:
            await self.add_cog(SpotifyCog(spotify, self._queue_tracks))
        if (operations := self.services.operations) is not None:
            await self.add_cog(AdminCog(operations))
            operations.owners.add(self._application_owners())
        if not self._prepare:
            return
        await self.services.runtime.start()
        if self._freeze_heap:
            freeze_startup_heap()
        if self.application_id is None:  # pragma: no cover - login always learns it
            return
        try:
            await self.command_sync.sync_if_changed(self.application_id)
        except discord.HTTPException:
            log.exception("could not sync the slash commands; Discord keeps the previous ones")

    def _queue_tracks(self, guild_id: GuildId) -> list[Track]:
        player = self.services.playback.registry.find(guild_id)
        if player is None:
            return []
        current = player.tracklist.current
        return [song.track for song in ([current] if current is not None else []) + list(player.tracklist.upcoming)]

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """With Redis, each identify waits its turn across every process (one per bucket, shard id modulo Discord's
        max_concurrency, per 5 s); without, discord.py's own spacing within this process."""
        if self._identify is None:
            await super().before_identify_hook(shard_id, initial=initial)
            return
        try:
            await self._identify.wait(shard_id or 0)
        except SharedStoreUnavailable as error:
            log.warning("identify turns unavailable; spacing this process's own", error=str(error))
            await super().before_identify_hook(shard_id, initial=initial)

    async def _max_concurrency(self) -> int:
        _, _, limits = await self.http.get_bot_gateway()
        return int(limits["max_concurrency"])

    def owns(self, guild_id: int) -> bool:
        """Whether the guild is served by one of this process's shards (Discord's rule)."""
        count = self.shard_count or 1
        mine = getattr(self, "shard_ids", None)
        if mine is None:  # a single connection (or every shard): every guild it sees
            mine = [self.shard_id or 0] if not isinstance(self, discord.AutoShardedClient) else range(count)
        return (guild_id >> 22) % count in mine

    @property
    def shutting_down(self) -> bool:
        return self._shut_down

    def _application_owners(self) -> list[UserId]:
        """The application's owner, or its team's members (known once logged in)."""
        application = self.application
        if application is None:
            return []
        if application.team is not None:
            return [UserId(member.id) for member in application.team.members]
        return [UserId(application.owner.id)]

    async def on_app_command_completion(
        self, interaction: discord.Interaction[MusicBot], _command: app_commands.Command[Any, ..., Any] | Any
    ) -> None:
        answered(interaction)  # a command that ended without answering holds no other command's work
        finished(interaction, None)

    async def on_message(self, message: discord.Message, /) -> None:
        """Text commands run here; plain requests are read by the recommendations cog's listener."""
        context = await self.text_command(message)
        if context is not None:
            await self.invoke(context)

    async def text_command(self, message: discord.Message) -> commands.Context[MusicBot] | None:
        """The text command `message` is, or None (chat, a plain request, another bot, a direct message)."""
        if message.author.bot or message.guild is None:
            return None
        context = await self.get_context(message)
        if not context.valid or context.prefix is None:
            return None
        if context.prefix.startswith("<@") and not mention_runs_command(message.content[len(context.prefix) :]):
            return None  # "@musicbot play some chill lofi": a request for picks, as before text commands
        return context

    async def is_text_command(self, message: discord.Message) -> bool:
        return await self.text_command(message) is not None

    async def on_ready(self) -> None:
        log.info("connected to Discord", user=str(self.user), guilds=len(self.guilds))
        if self._freeze_heap and not self._frozen_when_ready:  # once: ready fires again after a reconnect
            self._frozen_when_ready = True
            freeze_startup_heap()
        storage = self.services.storage
        if self._resuming is None and storage is not None and not self._shut_down:  # ready fires on reconnects
            self._resuming = asyncio.create_task(resume_saved_queues(self, storage), name="resume-queues")

    async def close(self) -> None:
        """Leave every voice channel (players stop, FFmpeg is reaped) while the gateway is still up, free what
        the services hold, then close the connection. A second call only waits for the first."""
        if not self._shut_down:
            self._shut_down = True
            try:
                if self._resuming is not None and not self._resuming.done():
                    self._resuming.cancel()
                    await asyncio.gather(self._resuming, return_exceptions=True)
                # The players first (each queue saved as it is now: the next start resumes it), then the rest.
                try:
                    await self.services.runtime.aclose()
                finally:
                    await self.frame_answers.aclose()
            except Exception:
                log.exception("shutting down the services failed")
        await super().close()


class ShardedMusicBot(MusicBot, commands.AutoShardedBot):
    """One process owning some shards (MUSICBOT_SHARD_COUNT and MUSICBOT_SHARD_IDS; all of them without IDS),
    each a gateway connection of its own. Without a shard count the bot is a `MusicBot` (one connection)."""

    def __init__(self, *, settings: Settings, **options: Any) -> None:
        ids = list(settings.shard_ids) or None
        super().__init__(settings=settings, shard_count=settings.shard_count, shard_ids=ids, **options)
