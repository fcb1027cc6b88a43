"""Many servers asking at once: every interaction answered within Discord's 3 s, every server playing, and voice
joins paced to the gateway's send limit without refusing anyone (bench/play_burst.py measures the same at
100 and 200 servers; these are the loose versions that catch a regression to seconds)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.discord.conftest import Running, burst, paced_bot, servers, start
from tests.support.discord_emulator.interactions import Reply
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow

SERVERS = 40


async def test_a_burst_of_play_is_acknowledged_in_time_and_every_server_plays(
    running: Running, media_server: MediaServer
) -> None:
    guilds = servers(running, SERVERS)
    await start(running)
    asked = time.monotonic()
    interactions = await burst(running, media_server, guilds)
    for interaction in interactions:
        await interaction.acknowledged(timeout=10)  # type: ignore[attr-defined]
    delays = [i.response_delay for i in interactions]  # type: ignore[attr-defined]
    # Answered one after another behind database reads, the last ones took seconds (5.5 s at 100 servers).
    assert max(delays) < 2.0, sorted(delays)[-5:]
    assert not any(i.rejected for i in interactions)  # type: ignore[attr-defined]
    await asyncio.gather(*(running.emu.voice(g).wait_for_audio(0.2, since=asked, timeout=60) for g, _ in guilds))
    for interaction in interactions:
        reply = await interaction.final(timeout=30)  # type: ignore[attr-defined]
        assert "▶ Playing" in reply.text, reply.text


@pytest.fixture
async def paced(tmp_path: Path) -> AsyncIterator[Running]:
    """5 joins in any 20 s against Discord closing beyond 7 frames in 20 s (a window long enough that ten joins
    cannot spread over it however slowly the machine resolves their songs)."""
    async with paced_bot(tmp_path, discord_limit=7, join_budget=5, window=20.0) as running:
        yield running


async def test_joins_beyond_the_send_limit_wait_their_turn_and_say_so(
    paced: Running, media_server: MediaServer
) -> None:
    guilds = servers(paced, 10)
    await start(paced)
    asked = time.monotonic()
    interactions = await burst(paced, media_server, guilds)
    for interaction in interactions:
        await interaction.acknowledged(timeout=10)  # type: ignore[attr-defined]

    # The joins past the budget were told at once how long they wait, in the deferred reply...
    def notices() -> list[str] | None:
        shown = [Reply.of(i.original).text for i in interactions if i.original is not None]  # type: ignore[attr-defined]
        return [text for text in shown if "⏳ Joining" in text] or None

    told = await paced.emu.state.notifier.wait_for(notices, timeout=20, what="a join-wait notice")
    assert any("ahead, about" in text or "next in line, about" in text for text in told), told
    # ...and every server plays in the end: nobody refused by our own queue, the connection never closed.
    await asyncio.gather(*(paced.emu.voice(g).wait_for_audio(0.2, since=asked, timeout=60) for g, _ in guilds))
    for interaction in interactions:
        reply = await interaction.final(timeout=30)  # type: ignore[attr-defined]
        assert "▶ Playing" in reply.text, reply.text  # the notice was replaced when the song started
    assert paced.emu.gateway.rate_limit_closes == 0
    assert paced.emu.gateway.identifies == 1
