"""The reference for `bench/play_burst.py`: a naive discord.py music bot, as discord.py's own
`examples/basic_voice.py` writes one, in a process of its own against the emulator.

`/play query:` defers, resolves the link with yt-dlp in the default thread pool (`run_in_executor`), joins the
caller's channel with `channel.connect()` (or reuses the connection), and plays `discord.FFmpegOpusAudio` with
`VoiceClient.play` (discord.py's thread per player); then it edits the deferred reply. `/queue` and
`/nowplaying` answer at once with what discord.py knows (the reference for bench/ack_reference.py), `/leave`
answers, then leaves. discord.py's gateway limit (110 sends a minute) stays on, as in production.

With `ack_only` in its configuration, `/play` defers and then says so, nothing more: discord.py's and aiohttp's
floor for answering a burst (bench/ack_reference.py).

`python -m bench.naive_bot_process CONFIG` (JSON: `api_url`, `gateway_url`, `token`, `ffmpeg`, optionally
`ack_only`); ends when its standard input closes.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

import discord
import discord.gateway
import discord.http
import yarl
from discord import app_commands
from yt_dlp import YoutubeDL

YTDL_OPTIONS = {"format": "bestaudio/best", "noplaylist": True, "quiet": True, "no_warnings": True}


class NaiveBot(discord.Client):
    def __init__(self, ffmpeg: str, *, ack_only: bool = False) -> None:
        intents = discord.Intents.none()
        intents.guilds = intents.voice_states = True
        super().__init__(intents=intents)
        self.tree = app_commands.CommandTree(self)
        self.ffmpeg = ffmpeg
        self.ytdl = YoutubeDL(YTDL_OPTIONS)

        @self.tree.command(name="play", description="play a link")
        async def play(interaction: discord.Interaction[Any], query: str) -> None:
            await interaction.response.defer(thinking=True)
            if ack_only:
                await interaction.edit_original_response(content="Not playing: this bot only answers.")
                return
            member = interaction.user
            if not isinstance(member, discord.Member) or member.voice is None or member.voice.channel is None:
                await interaction.edit_original_response(content="join a voice channel first")
                return
            loop = asyncio.get_running_loop()
            info = await loop.run_in_executor(None, lambda: self.ytdl.extract_info(query, download=False))
            assert interaction.guild is not None
            assert info is not None
            try:
                voice = interaction.guild.voice_client
                if not isinstance(voice, discord.VoiceClient):
                    voice = await member.voice.channel.connect()
                if voice.is_playing():
                    voice.stop()
                voice.play(discord.FFmpegOpusAudio(info["url"], executable=self.ffmpeg))
            except (discord.DiscordException, TimeoutError) as error:  # e.g. two /play joining at once
                await interaction.edit_original_response(content=f"could not play: {error}")
                return
            await interaction.edit_original_response(content=f"Now playing: {info.get('title')}")

        @self.tree.command(name="queue", description="what is playing")
        async def queue(interaction: discord.Interaction[Any]) -> None:
            await interaction.response.send_message(self.playing(interaction))

        @self.tree.command(name="nowplaying", description="what is playing")
        async def nowplaying(interaction: discord.Interaction[Any]) -> None:
            await interaction.response.send_message(self.playing(interaction))

        @self.tree.command(name="leave", description="leave the voice channel")
        async def leave(interaction: discord.Interaction[Any]) -> None:
            await interaction.response.send_message("Bye.")
            voice = interaction.guild.voice_client if interaction.guild is not None else None
            if voice is not None:
                await voice.disconnect(force=True)

    @staticmethod
    def playing(interaction: discord.Interaction[Any]) -> str:
        voice = interaction.guild.voice_client if interaction.guild is not None else None
        busy = isinstance(voice, discord.VoiceClient) and voice.is_playing()
        return "Something is playing." if busy else "Nothing is playing."

    async def setup_hook(self) -> None:
        await self.tree.sync()


async def main(config: dict[str, Any]) -> None:
    discord.http.Route.BASE = config["api_url"]
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(config["gateway_url"])
    bot = NaiveBot(config["ffmpeg"], ack_only=bool(config.get("ack_only")))
    running = asyncio.create_task(bot.start(config["token"]))
    # The parent closes our standard input to stop us.
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await bot.close()
    await running


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1])))
