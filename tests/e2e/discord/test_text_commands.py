"""Text commands through the real bot and the emulator's plain messages: "!play", "@musicbot skip", their replies
and errors are the slash commands' own; a mention that asks for a kind of music is still a request for picks."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from musicbot.domain.ids import GuildId
from tests.e2e.discord.conftest import Running, music_guild, running_bot, start
from tests.e2e.discord.faults import ladder
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.discord_emulator.user_messages import mention, post
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


@pytest.fixture
async def texting(tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Running]:
    """The bot with the Message Content intent (unless the test's param says False) and the prefix "?"."""
    async with running_bot(
        tmp_path,
        message_content_intent=getattr(request, "param", True),
        prefix="?",
    ) as running:
        yield running


def replies(running: Running, channel: Any) -> list[str]:
    """What the bot wrote in `channel`, but its own news (now playing, the end of the queue)."""
    bot_id = running.emu.state.bot.id
    texts = [
        "\n".join(f"{e.get('title', '')} {e.get('description', '')}" for e in m.embeds)
        for m in running.emu.messages(channel)
        if m.author_id == bot_id
    ]
    return [text for text in texts if not (text.lstrip().startswith("Now playing") or "queue is finished" in text)]


async def reply_to(running: Running, channel: Any, count: int) -> str:
    """The bot's `count`-th message in `channel` (1-based)."""
    await running.emu.wait_for_message(channel, lambda _: len(replies(running, channel)) >= count, timeout=20)
    return replies(running, channel)[count - 1]


async def test_prefix_commands_play_control_and_explain_mistakes(texting: Running, media_server: MediaServer) -> None:
    emu = texting.emu
    guild, alice = music_guild(emu, "Text")
    music = guild.channel("music")
    await start(texting)

    post(emu, guild, alice, "music", f"?play {media_server.url('/media/tone440.wav')}")
    assert "tone440" in await reply_to(texting, music, 1)
    started = await emu.voice(guild).wait_for_audio(0.5)
    assert abs(dominant_frequency(pcm_to_mono(emu.voice(guild).pcm(since=started, until=started + 0.5))) - 440) < 3

    post(emu, guild, alice, "music", "?VOLUME 50")
    assert "Volume set to 50%" in await reply_to(texting, music, 2)
    post(emu, guild, alice, "music", "?volume loud")
    assert "That does not fit: ?volume <level>" in await reply_to(texting, music, 3)
    post(emu, guild, alice, "music", "?seek 9:99:99")
    said = await reply_to(texting, music, 4)
    assert "Traceback" not in said and said.strip()
    post(emu, guild, alice, "music", "?hello there")  # not a command: left alone
    post(emu, guild, alice, "music", f"{mention(emu)} stop")
    assert "Stopped" in await reply_to(texting, music, 5)
    await asyncio.sleep(0.3)
    assert len(replies(texting, music)) == 5


@pytest.mark.parametrize("texting", [False], indirect=True)
async def test_without_the_intent_mentions_are_commands_and_requests_stay_requests(
    texting: Running, media_server: MediaServer
) -> None:
    emu = texting.emu
    guild, alice = music_guild(emu, "Mentions")
    bob = emu.add_member(guild, "bob")  # not in voice
    music = guild.channel("music")
    await start(texting)

    post(emu, guild, alice, "music", f"?play {media_server.url('/media/tone440.wav')}")  # no content without intent
    post(emu, guild, bob, "music", f"{mention(emu)} play {media_server.url('/media/tone440.wav')}")
    assert "Join a voice channel first" in await reply_to(texting, music, 1)  # the slash command's own error
    post(emu, guild, alice, "music", f"{mention(emu)} p {media_server.url('/media/tone880.mp3')}")
    assert "tone880" in await reply_to(texting, music, 2)
    await emu.voice(guild).wait_for_audio(0.3)
    post(emu, guild, alice, "music", f"{mention(emu)} play some chill lofi beats for studying")
    card = await reply_to(texting, music, 3)
    assert "tone880" not in card  # a request for picks, not a search played at once
    assert len(texting.bot.services.playback.registry.get(guild.id).tracklist.upcoming) == 0


async def test_join_by_text_takes_up_the_queue_saved_when_a_member_disconnected_the_bot(
    texting: Running, media_server: MediaServer, media_dir: Path
) -> None:
    """As /join: "?join" while the bot is out of voice with a saved queue takes that queue up where it was."""
    emu = texting.emu
    guild, alice = music_guild(emu, "Kicked")
    music = guild.channel("music")
    await start(texting)
    post(emu, guild, alice, "music", f"?play {media_server.url(ladder(media_dir))}")
    assert "ladder" in await reply_to(texting, music, 1)
    post(emu, guild, alice, "music", f"?play {media_server.url('/media/tone440.wav')}")
    assert "tone440" in await reply_to(texting, music, 2)
    await emu.voice(guild).wait_for_audio(1.5, timeout=15)
    emu.kick_bot_from_voice(guild)
    await emu.wait_for_message(music, lambda m: "disconnected" in str(m.embeds))
    await emu.wait_bot_voice(guild, None)

    post(emu, guild, alice, "music", "?join")
    taken_up = await emu.wait_for_message(music, lambda m: "Taken up again" in str(m.embeds), timeout=20)

    assert "ladder" in str(taken_up.embeds)
    await emu.wait_bot_voice(guild, guild.channel("General"))
    player = texting.bot.services.playback.registry.get(GuildId(guild.id))
    assert player.current is not None and player.current.track.title == "ladder"
    assert [song.track.title for song in player.tracklist.upcoming] == ["tone440"]
