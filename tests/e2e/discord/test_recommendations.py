"""/recommend, /radio and plain requests, heard: the real bot against the Discord emulator, yt-dlp searching local
media (the `localsearch` extractor, tests/support/local_search.py), no AI key (the offline lexicon reads requests).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.discord.conftest import Running, music_guild, running_bot, start
from tests.support import local_search
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.discord_emulator.user_messages import mention, post
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


@pytest.fixture
async def recommending(
    tmp_path: Path, media_server: MediaServer, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> AsyncIterator[Running]:
    """The bot with search going to the local catalogue and (unless the test's param says False) the Message
    Content intent, so that plain messages in music channels are read."""
    local_search.register()
    monkeypatch.setenv(local_search.CATALOG_ENV, local_search.catalog_json(local_search.chill_catalog(media_server)))
    async with running_bot(
        tmp_path,
        default_search=local_search.SEARCH_KEY,
        resolver_processes=0,  # the search plugin is registered in this process only
        message_content_intent=getattr(request, "param", True),
    ) as running:
        yield running


def heard_frequency(running: Running, guild: Any, since: float, until: float) -> float:
    return dominant_frequency(pcm_to_mono(running.emu.voice(guild).pcm(since=since, until=until)))


async def test_recommend_shows_picks_and_queue_all_is_heard(recommending: Running) -> None:
    emu = recommending.emu
    guild, alice = music_guild(emu, "Chill")
    await start(recommending)

    asked = await emu.slash(guild, alice, "recommend", {"prompt": "chill study beats"}, channel="music")
    card = await asked.final(timeout=20)

    assert asked.deferred and not card.ephemeral
    assert "chill, for study" in card.text and "Chill Study Beats" in card.text and "Lofi Cat" in card.text
    assert "Rainy Window" not in card.text  # at most two songs by one artist
    assert [card.button(str(n))["label"] for n in range(1, 11)] == [str(n) for n in range(1, 11)]
    press = await emu.click(card, card.button("Queue all 10")["custom_id"], alice)
    note = await press.followup(0, timeout=20)
    assert f"<@{alice.id}> queued 10 recommended songs (playing now)" in note.text
    updated = (await press.final()).text
    assert updated.count("✅") == 10

    voice = emu.voice(guild)
    started = await voice.wait_for_audio(1.0, since=0)
    assert abs(heard_frequency(recommending, guild, started + 0.2, started + 1.0) - 660) < 3  # Chill Study Beats


async def test_one_pick_is_queued_by_its_number_and_outsiders_are_refused(recommending: Running) -> None:
    emu = recommending.emu
    guild = emu.add_guild("Pick", voice_channels=["General", "Other"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    bob = emu.add_member(guild, "bob")
    await start(recommending)
    card = await (await emu.slash(guild, alice, "recommend", {"prompt": "lofi for studying"}, channel="music")).final(
        timeout=20
    )

    refused = await (await emu.click(card, card.button("2")["custom_id"], bob)).final()
    assert refused.ephemeral and "Join a voice channel first" in refused.text

    press = await emu.click(card, card.button("2")["custom_id"], alice)
    note = await press.followup(0, timeout=20)
    assert "queued **" in note.text and "(playing now)" in note.text
    after = await press.final()
    assert after.text.count("✅") == 1 and after.button("2").get("disabled") is True
    await emu.voice(guild).wait_for_audio(1.0, since=0)


async def test_radio_keeps_playing_after_the_song_asked_for(recommending: Running, media_server: MediaServer) -> None:
    emu = recommending.emu
    guild, alice = music_guild(emu, "Radio")
    await start(recommending)
    await (
        await emu.slash(guild, alice, "play", {"query": media_server.url("/media/tone440.wav")}, channel="music")
    ).final(timeout=15)
    voice = emu.voice(guild)
    first = await voice.wait_for_audio(0.5, since=0)

    radio = await (await emu.slash(guild, alice, "radio", {"mode": "on"}, channel="music")).final(timeout=20)
    assert "Radio is on" in radio.text

    # The 3 s tone ends and radio's songs (from the catalogue) follow: announced, and heard for two more songs.
    catalogue = [entry.title for entry in local_search.chill_catalog(media_server)]

    def announced(message: Any) -> bool:
        return message.author_id == emu.state.bot.id and any(title in str(message.embeds) for title in catalogue)

    await emu.wait_for_message(guild.channel("music"), announced, timeout=15)
    loop = asyncio.get_running_loop()
    await asyncio.sleep(max(0.0, first + 8.0 - loop.time()))
    assert voice.audio_packets(since=first + 7.0, until=first + 8.0)  # still playing, two songs later
    assert voice.gaps(threshold=1.0) == []  # one song after another

    off = await (await emu.slash(guild, alice, "radio", {"mode": "off"}, channel="music")).final(timeout=15)
    assert "Radio is off" in off.text


async def test_plain_requests_in_the_music_channel_and_mentions_get_a_card(recommending: Running) -> None:
    emu = recommending.emu
    guild = emu.add_guild("Plain", voice_channels=["General"], text_channels=["music", "chat"])
    owner = guild.members[guild.owner_id]
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(recommending)
    await (
        await emu.slash(guild, owner, "settings musicchannel", {"channel": guild.channel("music")}, channel="music")
    ).final(timeout=15)

    post(emu, guild, alice, "chat", "I need to go to work")  # chat, not a request, and not the music channel
    post(emu, guild, alice, "music", "happy birthday bob!")  # in the music channel, but not a request
    post(emu, guild, alice, "music", "need some chill lofi beats for studying")
    card = await emu.wait_for_message(
        guild.channel("music"), lambda m: m.author_id == emu.state.bot.id and bool(m.components), timeout=20
    )
    assert "Lofi Cat" in card.embeds[0]["description"]

    post(emu, guild, alice, "chat", f"{mention(emu)} play some chill study music")  # outside the music channel
    pointer = await emu.wait_for_message(guild.channel("chat"), lambda m: m.author_id == emu.state.bot.id, timeout=20)
    assert not pointer.components
    assert pointer.embeds[0]["description"] == f"✖ Please use <#{guild.channel('music').id}> for my commands."

    post(emu, guild, alice, "music", f"{mention(emu)} play some chill study music")
    answer = await emu.wait_for_message(
        guild.channel("music"),
        lambda m: m.author_id == emu.state.bot.id and bool(m.components) and m is not card,
        timeout=20,
    )
    assert answer.components and "study" in answer.embeds[0]["title"]
    assert len([m for m in emu.messages(guild.channel("chat")) if m.author_id == emu.state.bot.id]) == 1

    press = await emu.click(answer, _queue_all(answer), alice)
    await press.followup(0, timeout=20)
    await emu.voice(guild).wait_for_audio(1.0, since=0)


@pytest.mark.parametrize("recommending", [False], indirect=True)
async def test_without_the_message_content_intent_only_mentions_are_read(recommending: Running) -> None:
    emu = recommending.emu
    guild = emu.add_guild("Mentions", voice_channels=["General"], text_channels=["music"])
    owner = guild.members[guild.owner_id]
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(recommending)
    await (
        await emu.slash(guild, owner, "settings musicchannel", {"channel": guild.channel("music")}, channel="music")
    ).final(timeout=15)
    from_bot = [m for m in emu.messages(guild.channel("music")) if m.author_id == emu.state.bot.id]

    post(emu, guild, alice, "music", "need some chill lofi beats for studying")  # arrives without its words
    post(emu, guild, alice, "music", f"{mention(emu)} any rock for my workout?")
    answer = await emu.wait_for_message(
        guild.channel("music"), lambda m: m.author_id == emu.state.bot.id and m not in from_bot, timeout=20
    )
    await asyncio.sleep(0.5)

    assert "rock" in answer.embeds[0]["title"] and "workout" in answer.embeds[0]["title"]
    assert (
        len([m for m in emu.messages(guild.channel("music")) if m.author_id == emu.state.bot.id]) == len(from_bot) + 1
    )


async def test_asking_too_often_is_answered_with_when_to_ask_again(recommending: Running) -> None:
    emu = recommending.emu
    guild = emu.add_guild("Busy", voice_channels=["General"], text_channels=["chat"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(recommending)

    def from_bot() -> list[Any]:
        return [m for m in emu.messages(guild.channel("chat")) if m.author_id == emu.state.bot.id]

    for n in range(4):  # the burst allowance is 3 requests within 10 s
        post(emu, guild, alice, "chat", f"{mention(emu)} play some chill study music")
        await emu.wait_for_message(guild.channel("chat"), lambda m, n=n: len(from_bot()) > n, timeout=20)

    answers = from_bot()
    assert all(answer.components for answer in answers[:3])
    assert not answers[3].components and "Slow down a little: ask again in" in answers[3].embeds[0]["description"]


def _queue_all(message: Any) -> str:
    for row in message.components:
        for component in row.get("components", []):
            if str(component.get("label", "")).startswith("Queue all"):
                return str(component["custom_id"])
    raise KeyError("no Queue all button")


async def test_chat_gets_a_question_by_command_and_mention_and_is_left_alone_in_the_music_channel(
    recommending: Running,
) -> None:
    emu = recommending.emu
    guild = emu.add_guild("Talk", voice_channels=["General"], text_channels=["music"])
    owner = guild.members[guild.owner_id]
    alice = emu.add_member(guild, "alice", in_voice="General")
    await start(recommending)
    await (
        await emu.slash(guild, owner, "settings musicchannel", {"channel": guild.channel("music")}, channel="music")
    ).final(timeout=15)

    asked = await emu.slash(guild, alice, "recommend", {"prompt": "hi bot"}, channel="music")
    question = await asked.final(timeout=20)
    assert question.text.startswith("What would you like to hear? e.g.") and not question.components

    def questions() -> list[Any]:
        return [
            m
            for m in emu.messages(guild.channel("music"))
            if m.author_id == emu.state.bot.id and "What would you like to hear?" in str(m.embeds)
        ]

    earlier = questions()  # the answer to /recommend, if the emulator lists it with the channel's messages
    post(emu, guild, alice, "music", "thanks, great song!")  # chat in the music channel: left alone
    post(emu, guild, alice, "music", f"{mention(emu)} thanks, great song!")  # said to the bot: a question
    reply = await emu.wait_for_message(
        guild.channel("music"), lambda m: m in questions() and m not in earlier, timeout=20
    )
    await asyncio.sleep(0.5)

    assert reply.embeds[0]["description"].startswith("What would you like to hear?") and not reply.components
    assert len(questions()) == len(earlier) + 1  # one question: the plain "thanks" got none
