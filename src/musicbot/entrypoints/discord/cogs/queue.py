"""The queue: anyone may look (/queue, /nowplaying); editing it is for the bot's listeners."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.application.playback.common import ControlCommand
from musicbot.application.playback.voice_rules import Accepted
from musicbot.application.queue.move import MoveCommand
from musicbot.application.queue.remove import RemoveCommand
from musicbot.entrypoints.discord import presenters
from musicbot.entrypoints.discord import shared_commands as shared
from musicbot.entrypoints.discord.context import Invocation, InvocationReader
from musicbot.entrypoints.discord.controls import controls_view
from musicbot.entrypoints.discord.dependencies import BotServices
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.discord.pager import QueuePager
from musicbot.entrypoints.discord.replies import answer, deferring

Position = app_commands.Range[int, 1, 100_000]


class QueueCog(commands.Cog, name="Queue"):
    def __init__(self, services: BotServices, reader: InvocationReader) -> None:
        self._services = services
        self._s = services.playback
        self._reader = reader

    def _editing(self, interaction: discord.Interaction[Any]) -> tuple[Invocation, Accepted]:
        """Who asks, and the deferral once the use-case let them: the player's lock may be held while the next
        song resolves."""
        return self._reader.read(interaction), deferring(interaction)

    @app_commands.command(name="queue", description=describe("queue"))
    @app_commands.describe(page="Which page of ten songs")
    async def queue(self, interaction: discord.Interaction[Any], page: Position = 1) -> None:
        who = self._reader.read(interaction)
        result = await shared.QUEUE.run(self._services, shared.Asked(who), page)
        if result.pages <= 1:
            await answer(interaction, shared.QUEUE.present(result))
            return
        pager = QueuePager(
            queue=self._s.queue, guild_id=who.guild_id, owner_id=interaction.user.id, page=result, origin=interaction
        )
        await answer(interaction, shared.QUEUE.present(result), view=pager)

    @app_commands.command(name="nowplaying", description=describe("nowplaying"))
    async def now_playing(self, interaction: discord.Interaction[Any]) -> None:
        state = await shared.NOW_PLAYING.run(self._services, shared.Asked(self._reader.read(interaction)))
        await answer(interaction, shared.NOW_PLAYING.present(state), view=controls_view(state))

    @app_commands.command(name="repeat", description=describe("repeat"))
    @app_commands.describe(mode="off: play on; track: this song again; queue: the whole queue again")
    async def repeat(self, interaction: discord.Interaction[Any], mode: Literal["off", "track", "queue"]) -> None:
        who, accepted = self._editing(interaction)
        await answer(interaction, await shared.REPEAT(self._services, shared.Asked(who, accepted), mode))

    @app_commands.command(name="shuffle", description=describe("shuffle"))
    async def shuffle(self, interaction: discord.Interaction[Any]) -> None:
        who, accepted = self._editing(interaction)
        await answer(interaction, await shared.SHUFFLE(self._services, shared.Asked(who, accepted)))

    @app_commands.command(name="dequeue", description=describe("dequeue"))
    @app_commands.describe(index="The song's place in /queue")
    async def dequeue(self, interaction: discord.Interaction[Any], index: Position) -> None:
        who, accepted = self._editing(interaction)
        result = await self._s.remove.execute(
            RemoveCommand(guild_id=who.guild_id, caller=who.caller, position=index), accepted=accepted
        )
        await answer(interaction, presenters.removed(result))

    @app_commands.command(name="move", description=describe("move"))
    @app_commands.rename(source="from", target="to")
    @app_commands.describe(source="The song's place in /queue now", target="The place it should take")
    async def move(self, interaction: discord.Interaction[Any], source: Position, target: Position) -> None:
        who, accepted = self._editing(interaction)
        result = await self._s.move.execute(
            MoveCommand(guild_id=who.guild_id, caller=who.caller, source=source, target=target), accepted=accepted
        )
        await answer(interaction, presenters.moved(result, target))

    @app_commands.command(name="clear", description=describe("clear"))
    async def clear(self, interaction: discord.Interaction[Any]) -> None:
        who, accepted = self._editing(interaction)
        result = await self._s.clear.execute(
            ControlCommand(guild_id=who.guild_id, caller=who.caller), accepted=accepted
        )
        await answer(interaction, presenters.cleared(result))
