"""The real bot (real discord.py, voice engine, yt-dlp, FFmpeg) against the local Discord emulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.runner import build_bot
from musicbot.entrypoints.settings import Settings
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.model import Guild, Member


@dataclass
class Running:
    emu: DiscordEmulator
    bot: MusicBot


@asynccontextmanager
async def running_bot(tmp_path: Path, **settings: Any) -> AsyncIterator[Running]:
    """An emulator and the bot built on the tests' settings plus `settings`; torn down (and the bot's task awaited)
    afterwards. Guilds are added by each test before the bot starts, through `start(running)`."""
    async with DiscordEmulator() as emu:
        emu.install()
        defaults: dict[str, Any] = {
            "data_dir": tmp_path / "data",
            "allow_private_urls": True,  # the media server is on 127.0.0.1
            "log_format": "json",
        }
        bot = build_bot(Settings(_env_file=None, **(defaults | settings)), guild_ready_timeout=0.05)  # type: ignore[call-arg]
        yield Running(emu, bot)
        if not bot.is_closed():
            await bot.close()
        task = getattr(bot, "_test_task", None)
        if task is not None:
            await asyncio.wait_for(task, 15)


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[Running]:
    """An emulator with the bot on the tests' settings; everything is torn down and checked for leaks afterwards."""
    async with running_bot(tmp_path) as started:
        yield started


def music_guild(emu: DiscordEmulator, name: str) -> tuple[Guild, Member]:
    """A guild with a "General" voice channel and a "music" text channel, and alice in the voice channel."""
    guild = emu.add_guild(name, voice_channels=["General"], text_channels=["music"])
    return guild, emu.add_member(guild, "alice", in_voice="General")


async def start(running: Running) -> None:
    task = asyncio.create_task(running.bot.start(running.emu.token))
    running.bot._test_task = task  # type: ignore[attr-defined]
    await running.emu.wait_ready()
    await asyncio.wait_for(running.bot.wait_until_ready(), 15)
