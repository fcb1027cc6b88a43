"""The real bot (real discord.py, voice engine, yt-dlp, FFmpeg) against the local Discord emulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
import pytest

from musicbot.adapters.discord_voice import DiscordVoiceGateway
from musicbot.adapters.discord_voice.join_queue import JoinQueues
from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.runner import build_bot
from musicbot.entrypoints.settings import Settings
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.model import Guild, Member
from tests.support.media_server import MediaServer


@dataclass
class Running:
    emu: DiscordEmulator
    bot: MusicBot


def budgeted_voice(joins: int, window: float) -> Callable[[discord.Client], DiscordVoiceGateway]:
    """Voice whose join queue lets `joins` joins go in any `window` s (the real budget shrunk to fit a test)."""
    return lambda client: DiscordVoiceGateway(client, joins=JoinQueues(per_window=joins, window=window))


@asynccontextmanager
async def running_bot(
    tmp_path: Path,
    *,
    emulator: Mapping[str, Any] | None = None,
    join_budget: tuple[int, float] | None = None,
    **settings: Any,
) -> AsyncIterator[Running]:
    """An emulator (built with `emulator`'s options) and the bot built on the tests' settings plus `settings`;
    torn down (and the bot's task awaited) afterwards. Guilds are added by each test before the bot starts,
    through `start(running)`. `join_budget`: (joins, seconds) the bot's join queue lets go in any window."""
    async with DiscordEmulator(**(emulator or {})) as emu:
        emu.install()
        defaults: dict[str, Any] = {
            "data_dir": tmp_path / "data",
            "allow_private_urls": True,  # the media server is on 127.0.0.1
            "log_format": "json",
        }
        bot = build_bot(
            Settings(_env_file=None, **(defaults | settings)),  # type: ignore[call-arg]
            guild_ready_timeout=0.05,
            make_gateway=None if join_budget is None else budgeted_voice(*join_budget),
        )
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


@asynccontextmanager
async def paced_bot(tmp_path: Path, *, discord_limit: int, join_budget: int, window: float) -> AsyncIterator[Running]:
    """The bot with a tiny join budget (`join_budget` joins in any `window` s) against an emulator that closes the
    gateway connection beyond `discord_limit` frames in the same window: Discord's limit and the bot's pacing,
    shrunk to fit a test."""
    emulator = {"gateway_send_limit": discord_limit, "gateway_send_window": window}
    async with running_bot(tmp_path, emulator=emulator, join_budget=(join_budget, window)) as running:
        yield running
        running.emu.gateway.send_limit = 1000  # the bot leaves every server at once when it closes: not what is tested


def servers(running: Running, count: int) -> list[tuple[Guild, Member]]:
    """`count` servers, each with a "Music" voice channel, a "music" text channel and one member in voice."""
    made = []
    for number in range(count):
        guild = running.emu.add_guild(f"Burst{number}", voice_channels=["Music"], text_channels=["music"])
        made.append((guild, running.emu.add_member(guild, f"m{number}", in_voice="Music")))
    return made


async def burst(running: Running, media: MediaServer, guilds: list[tuple[Guild, Member]]) -> list[object]:
    """Every server sends /play of its own URL (one file, distinct links: each is resolved on its own)."""
    return await asyncio.gather(
        *(
            running.emu.slash(g, m, "play", {"query": media.url(f"/media/tone660.ogg?server={n}")}, channel="music")
            for n, (g, m) in enumerate(guilds)
        )
    )


def music_guild(emu: DiscordEmulator, name: str) -> tuple[Guild, Member]:
    """A guild with a "General" voice channel and a "music" text channel, and alice in the voice channel."""
    guild = emu.add_guild(name, voice_channels=["General"], text_channels=["music"])
    return guild, emu.add_member(guild, "alice", in_voice="General")


async def start(running: Running) -> None:
    task = asyncio.create_task(running.bot.start(running.emu.token))
    running.bot._test_task = task  # type: ignore[attr-defined]
    await running.emu.wait_ready()
    await asyncio.wait_for(running.bot.wait_until_ready(), 15)
