"""/search (five buttons), /playnext, /back, relative /seek and /remove-dupes through the real bot, heard."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.discord.conftest import Running, music_guild, running_bot, start
from tests.support import local_search
from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow


@pytest.fixture
async def searching(
    tmp_path: Path, media_server: MediaServer, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Running]:
    local_search.register()
    monkeypatch.setenv(local_search.CATALOG_ENV, local_search.catalog_json(local_search.chill_catalog(media_server)))
    async with running_bot(
        tmp_path,
        default_search=local_search.SEARCH_KEY,
    ) as running:
        yield running


def frequency(running: Running, guild: Any, since: float, until: float) -> float:
    return dominant_frequency(pcm_to_mono(running.emu.voice(guild).pcm(since=since, until=until)))


async def test_search_picks_playnext_back_and_relative_seek(searching: Running, media_server: MediaServer) -> None:
    emu = searching.emu
    guild, alice = music_guild(emu, "Search")
    await start(searching)

    asked = await emu.slash(guild, alice, "search", {"words": "chill study"}, channel="music")
    card = await asked.final(timeout=20)
    assert card.custom_ids() == [f"search-{n}" for n in range(1, 6)]
    picked = await emu.click(card, "search-1", alice)
    await picked.acknowledged()
    voice = emu.voice(guild)
    started = await voice.wait_for_audio(0.5)
    first = frequency(searching, guild, started, started + 0.5)

    url = media_server.url("/media/tone880.mp3")
    await (
        await emu.slash(guild, alice, "play", {"query": media_server.url("/media/tone660.ogg")}, channel="music")
    ).final(15)
    next_reply = await (await emu.slash(guild, alice, "playnext", {"query": url}, channel="music")).final(15)
    assert "#1" in next_reply.text  # ahead of the song queued before it
    await (await emu.slash(guild, alice, "skip", {}, channel="music")).final(15)
    skipped = asyncio.get_running_loop().time()
    await voice.wait_for_audio(0.8, since=skipped)
    assert abs(frequency(searching, guild, skipped + 0.3, skipped + 0.8) - 880) < 3

    back = await (await emu.slash(guild, alice, "back", {}, channel="music")).final(15)
    assert "Back to" in back.text
    went_back = asyncio.get_running_loop().time()
    await voice.wait_for_audio(0.8, since=went_back)
    assert abs(frequency(searching, guild, went_back + 0.3, went_back + 0.8) - first) < 3

    sought = await (await emu.slash(guild, alice, "seek", {"position": "+2"}, channel="music")).final(15)
    assert "Jumped to 0:02" in sought.text or "Jumped to 0:03" in sought.text
    at = asyncio.get_running_loop().time()
    await voice.wait_for_audio(2.0, since=at)
    # About a second of the 3 s song was left: 1.4 s later the song after it (880 Hz, back in the queue) plays.
    assert abs(frequency(searching, guild, at + 1.4, at + 1.9) - 880) < 3
