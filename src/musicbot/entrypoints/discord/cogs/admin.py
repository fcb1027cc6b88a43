"""/admin stats|health|performance|logs (the bot's owner only; the use-cases check it) and /stats (anyone).

Every answer is ephemeral: a report about the bot is for whoever asked, not for the channel."""

from __future__ import annotations

import io
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from musicbot.application.admin.reports import LogsQuery
from musicbot.domain.ids import GuildId, UserId
from musicbot.entrypoints.admin_text import health_lines, performance_lines, stats_lines, user_stats_lines
from musicbot.entrypoints.discord import embeds
from musicbot.entrypoints.discord.acks import acknowledged
from musicbot.entrypoints.discord.help import describe
from musicbot.entrypoints.operations import OperationsServices

Level = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


async def defer_privately(interaction: discord.Interaction[Any]) -> None:
    if not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)
        acknowledged(interaction)


async def reply(interaction: discord.Interaction[Any], lines: list[str], *, file: discord.File | None = None) -> None:
    text = "\n".join(lines)
    extra: dict[str, Any] = {} if file is None else {"attachments": [file]}
    await interaction.edit_original_response(embed=embeds.info(text[:4000]), **extra)


class AdminCog(commands.Cog, name="Admin"):
    admin = app_commands.Group(name="admin", description=describe("admin"), guild_only=True)

    def __init__(self, operations: OperationsServices) -> None:
        self._ops = operations

    @admin.command(name="stats", description="Servers, players, commands, memory (bot owner)")
    async def stats(self, interaction: discord.Interaction[Any]) -> None:
        await defer_privately(interaction)
        await reply(interaction, stats_lines(self._ops.stats.execute(UserId(interaction.user.id))))

    @admin.command(name="health", description="Each dependency: gateway, database, FFmpeg, yt-dlp, ... (bot owner)")
    async def health(self, interaction: discord.Interaction[Any]) -> None:
        await defer_privately(interaction)
        await reply(interaction, health_lines(await self._ops.health.execute(UserId(interaction.user.id))))

    @admin.command(name="performance", description="Latency percentiles since start (bot owner)")
    async def performance(self, interaction: discord.Interaction[Any]) -> None:
        await defer_privately(interaction)
        await reply(interaction, performance_lines(self._ops.performance.execute(UserId(interaction.user.id))))

    @admin.command(name="logs", description="The last log lines as a file, secrets redacted (bot owner)")
    @app_commands.describe(level="The lowest level shown", lines="How many lines (the newest)")
    async def logs(
        self,
        interaction: discord.Interaction[Any],
        level: Level = "INFO",
        lines: app_commands.Range[int, 1, 5000] = 200,
    ) -> None:
        await defer_privately(interaction)
        found = self._ops.logs.execute(LogsQuery(user_id=UserId(interaction.user.id), level=level, lines=lines))
        data = io.BytesIO(("\n".join(found) + "\n").encode())
        file = discord.File(data, filename="musicbot-logs.jsonl")
        await reply(interaction, [f"The last {len(found)} log lines at {level} or above."], file=file)

    @app_commands.command(name="stats", description=describe("stats"))
    @app_commands.guild_only()
    async def user_stats(self, interaction: discord.Interaction[Any]) -> None:
        await defer_privately(interaction)
        guild = GuildId(interaction.guild_id) if interaction.guild_id is not None else None
        found = await self._ops.user_stats.execute(UserId(interaction.user.id), guild)
        await reply(interaction, ["📊 Your stats", *user_stats_lines(found)])
