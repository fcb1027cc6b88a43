"""Silence a listener hears when the voice connection breaks, with our own reconnect and without it.

The real bot (real discord.py 2.7.1, voice engine, yt-dlp, FFmpeg) plays a ladder tone (its pitch rises every
second, so the audio decoded by the emulator says where in the song playback is) against the local Discord
emulator, in this process. Each run breaks the voice connection once, 2.5 s into the song:

- `1006`: the voice websocket's TCP connection is cut (what Discord's voice servers do now and then);
- `4015`: the voice websocket is closed with 4015 ("voice server crashed, resume");
- `1006 + UDP lost 3 s`: the same cut while every voice datagram is lost for 3 s (discord.py's socket reader then
  waits on its old UDP socket, up to 30 s).

Each is run with the bot as built (`ours`: the supervisor reconnects a connection left down 4 s) and with the
supervisor off (`discord.py alone`, the reference in the same run). Figures: the silence (the longest gap
between audio packets after the fault; "> 40" when audio did not come back within 40 s), how far the song
jumped across it (seconds of the ladder; 0 to 1 means nothing skipped or repeated), and whether the queue was
intact (both songs still in the player, the ladder first).
Run: `.venv/bin/python -m bench.voice_faults [--runs 3]`. Prints a markdown table; no assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
from dataclasses import dataclass
from pathlib import Path

import discord

from bench.workspace import served_media
from musicbot.adapters.discord_voice import DiscordVoiceGateway
from musicbot.adapters.private_networks import PrivateNetworks
from musicbot.domain.ids import GuildId
from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.runner import build_bot
from musicbot.entrypoints.settings import Settings
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.discord_emulator import DiscordEmulator
from tests.support.media import make_ladder
from tests.support.media_server import MediaServer

BASE, STEP_HZ, STEPS = 300.0, 50.0, 40
FAULTS = ("1006", "4015", "1006 + UDP lost 3 s")
GIVE_UP = 40.0


@dataclass
class Outcome:
    silence: float | None  # None: audio did not come back within GIVE_UP s
    jump: float | None
    queue_intact: bool


def step_of(pcm: bytes) -> float:
    return (dominant_frequency(pcm_to_mono(pcm)) - BASE) / STEP_HZ


async def one_run(media: MediaServer, fault: str, *, ours: bool, data: Path) -> Outcome:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]  # pydantic-settings' own argument: not a field, so mypy does not see it
        data_dir=data,
        allow_private_urls=PrivateNetworks.private_ranges(),
        log_level="ERROR",
    )

    def gateway(client: discord.Client) -> DiscordVoiceGateway:
        return DiscordVoiceGateway(client, takeover_after=4.0 if ours else 10_000.0)

    async with DiscordEmulator() as emu:
        emu.install()
        guild = emu.add_guild("Bench", voice_channels=["General"], text_channels=["music"])
        alice = emu.add_member(guild, "alice", in_voice="General")
        bot = build_bot(settings, make_gateway=gateway, guild_ready_timeout=0.05)
        task = asyncio.create_task(bot.start(emu.token))
        try:
            await emu.wait_ready()
            await asyncio.wait_for(bot.wait_until_ready(), 15)
            for url in ("/media/ladder.ogg", "/media/tone440.wav"):
                interaction = await emu.slash(guild, alice, "play", {"query": media.url(url)}, channel="music")
                await interaction.final(timeout=30)
            voice = emu.voice(guild)
            await voice.wait_for_audio(2.5, timeout=15)
            broke = asyncio.get_running_loop().time()
            if "UDP" in fault:
                emu.blackhole_udp(3.0)
            await emu.drop_voice(guild, 4015 if fault == "4015" else None)
            try:
                await voice.wait_for_audio(1.0, since=broke + (3.0 if "UDP" in fault else 0.5), timeout=GIVE_UP)
            except TimeoutError:
                return Outcome(None, None, _intact(bot, guild.id))
            voice.decode()
            audio = voice.audio_packets(broke - 1.0)
            index = max(range(1, len(audio)), key=lambda i: audio[i].arrival - audio[i - 1].arrival)
            before = b"".join(p.pcm or b"" for p in audio[max(0, index - 15) : index])
            after = b"".join(p.pcm or b"" for p in audio[index + 2 : index + 17])
            silence = audio[index].arrival - audio[index - 1].arrival
            return Outcome(silence, step_of(after) - step_of(before), _intact(bot, guild.id))
        finally:
            await bot.close()
            await asyncio.wait_for(task, 15)


def _intact(bot: MusicBot, guild_id: int) -> bool:
    registry = bot.services.playback.registry
    player = registry.find(GuildId(guild_id))
    if player is None or player.closed:
        return False
    songs = ([player.current] if player.current is not None else []) + list(player.tracklist.upcoming)
    return [song.track.title for song in songs] == ["ladder", "tone440"]


def cell(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    lost = len(values) - len(known)
    text = f"{statistics.median(known):.1f}" if known else ""
    return text + (f" ({lost} > {GIVE_UP:.0f})" if lost else "")


async def main(runs: int) -> None:
    logging.basicConfig(level=logging.ERROR)
    with served_media({"tone440.wav": (440, 3)}) as (root, media):
        make_ladder(root / "media" / "ladder.ogg", steps=STEPS, base=BASE, step_hz=STEP_HZ)
        print("| fault | who reconnects | runs | silence s (median) | worst s | song jump s | queue intact |")
        print("|---|---|---|---|---|---|---|")
        for fault in FAULTS:
            for ours in (True, False):
                outcomes = []
                for run in range(runs):
                    data = root / f"data-{fault}-{ours}-{run}".replace(" ", "_")
                    outcomes.append(await one_run(media, fault, ours=ours, data=data))
                silences = [o.silence for o in outcomes]
                worst = max((s for s in silences if s is not None), default=None)
                who = "ours after 4 s" if ours else "discord.py alone"
                print(
                    f"| {fault} | {who} | {runs} | {cell(silences)} | "
                    f"{'' if worst is None else f'{worst:.1f}'} | {cell([o.jump for o in outcomes])} | "
                    f"{sum(o.queue_intact for o in outcomes)}/{runs} |",
                    flush=True,
                )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    asyncio.run(main(parser.parse_args().runs))
