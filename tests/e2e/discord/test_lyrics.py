"""/lyrics through the real bot against local fakes of Discord and LRCLIB: pages, live lines, the service down."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.e2e.discord.conftest import Running, music_guild, running_bot, start
from tests.support.lrclib_fake import LrclibFake
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow

SYNCED = "[00:00.20] first line\n[00:01.00] second line\n[00:01.80] third line\n"


@pytest.fixture
def lrclib() -> Iterator[LrclibFake]:
    with LrclibFake() as fake:
        fake.add("tone440", "Test Tones", duration=3, plain="first line\nsecond line\nthird line", synced=SYNCED)
        fake.add("Long Song", "Band", duration=300, plain="\n".join(f"verse line {i}" for i in range(400)))
        yield fake


@pytest.fixture
async def lyrics_bot(tmp_path: Path, lrclib: LrclibFake) -> AsyncIterator[Running]:
    async with running_bot(
        tmp_path,
        lrclib_url=lrclib.base_url,
    ) as running:
        yield running


async def test_live_lyrics_follow_the_song_and_stop_when_it_ends(
    lyrics_bot: Running, media_server: MediaServer, lrclib: LrclibFake
) -> None:
    emu = lyrics_bot.emu
    guild, alice = music_guild(emu, "Lyrics")
    await start(lyrics_bot)
    play = await emu.slash(guild, alice, "play", {"query": media_server.url("/media/tone440.wav")}, channel="music")
    await play.final(timeout=15)
    await emu.voice(guild).wait_for_audio(0.1)

    asked = await emu.slash(guild, alice, "lyrics", {"live": True}, channel="music")
    reply = await asked.final(timeout=15)
    assert "Test Tones – tone440" in reply.text
    await emu.voice(guild).wait_for_silence(0.3, timeout=10)
    await asyncio.sleep(2.5)  # the follower looks again at most every ~2 s: it must have seen the song end
    assert asked.original is not None
    current = [
        line for snap in asked.original.history for e in snap.embeds for line in e.get("description", "").splitlines()
        if line.startswith("**▶")
    ]  # fmt: skip
    sung = list(dict.fromkeys(current))
    assert sung[-2:] == ["**▶ second line**", "**▶ third line**"]
    edits = len(asked.original.history)
    await asyncio.sleep(2.5)
    assert len(asked.original.history) == edits  # the song ended: no more edits


async def test_plain_lyrics_page_and_none_and_the_service_down(
    lyrics_bot: Running, media_server: MediaServer, lrclib: LrclibFake
) -> None:
    emu = lyrics_bot.emu
    guild, alice = music_guild(emu, "Pages")
    await start(lyrics_bot)

    long = await (await emu.slash(guild, alice, "lyrics", {"query": "band long song"}, channel="music")).final(15)
    assert "Band – Long Song" in long.text
    assert "Page 1/" in long.text
    assert "lyrics-next" in long.custom_ids()

    none = await (await emu.slash(guild, alice, "lyrics", {"query": "unknown words"}, channel="music")).final(15)
    assert "I found no lyrics for “unknown words”." in none.text

    lrclib.down = True
    down = await emu.slash(guild, alice, "lyrics", {"query": "other words"}, channel="music")
    await down.final(timeout=15)
    private = await down.followup(0)
    assert private.ephemeral
    assert "can't reach the lyrics service" in private.text
    lrclib.down = False
    again = await (await emu.slash(guild, alice, "lyrics", {"query": "band long song"}, channel="music")).final(15)
    assert "Band – Long Song" in again.text  # cached, and the bot is fine
