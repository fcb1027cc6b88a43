"""The real bot (real discord.py, voice engine, yt-dlp, FFmpeg) against the local Discord emulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.runner import build_bot
from musicbot.entrypoints.settings import Settings
from tests.support.discord_emulator import DiscordEmulator


@dataclass
class Running:
    emu: DiscordEmulator
    bot: MusicBot


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[Running]:
    """An emulator with the bot logged in; everything is torn down and checked for leaks afterwards."""
    async with DiscordEmulator() as emu:
        emu.install()
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            data_dir=tmp_path / "data",
            allow_private_urls=True,  # the media server is on 127.0.0.1
            log_format="json",
        )
        bot = build_bot(settings, guild_ready_timeout=0.05)
        yield_running = Running(emu, bot)
        # Guilds are added by each test before the bot starts, through `start(running)`.
        yield yield_running
        if not bot.is_closed():
            await bot.close()
        task = getattr(bot, "_test_task", None)
        if task is not None:
            await asyncio.wait_for(task, 15)


async def start(running: Running) -> None:
    task = asyncio.create_task(running.bot.start(running.emu.token))
    running.bot._test_task = task  # type: ignore[attr-defined]
    await running.emu.wait_ready()
    await asyncio.wait_for(running.bot.wait_until_ready(), 15)
