"""Every gateway send counts against the join budget, not only the joins: the bot's join queue must never let a
join go that discord.py's own limiter then holds (its timeout running meanwhile). Against Discord a presence
update, a member request, discord.py's leave after a timed-out attempt or its voice reconnect are such sends; in
a 200-server burst they had discord.py hold joins "8-27 s" nine times, and three servers never played.

Discord's limit (the emulator's), discord.py's and the bot's budget are shrunk to fit a test, in the same
proportions as the real 120 / 110 / 108 a minute: 14 / 12 / 10 in 20 s."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import discord
import pytest

from tests.e2e.discord.conftest import Running, burst, paced_bot, servers, start
from tests.support.media_server import MediaServer

pytestmark = pytest.mark.slow

WINDOW = 20.0
DISCORD_LIMIT, DISCORD_PY_LIMIT, BUDGET = 14, 12, 10
OTHER_SENDS = 4  # presence updates: sends that are not joins


class Held(logging.Handler):
    """Records discord.py's "WebSocket in shard ID ... is ratelimited, waiting ... seconds" warnings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if "ratelimited" in record.getMessage():
            self.messages.append(record.getMessage())


@pytest.fixture
def held() -> Iterator[Held]:
    handler, logger = Held(), logging.getLogger("discord.gateway")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@pytest.fixture
async def budgeted(tmp_path: Path) -> AsyncIterator[Running]:
    async with paced_bot(tmp_path, discord_limit=DISCORD_LIMIT, join_budget=BUDGET, window=WINDOW) as running:
        yield running


def shrink_discord_py_limit(bot: discord.Client) -> None:
    """discord.py's limiter of the open connection, as if it allowed DISCORD_PY_LIMIT sends per WINDOW (a fresh
    window: the identify was sent long before, as the READY shows)."""
    limiter = bot.ws._rate_limiter
    limiter.max = limiter.remaining = DISCORD_PY_LIMIT
    limiter.per, limiter.window = WINDOW, 0.0


async def test_sends_that_are_not_joins_count_against_the_join_budget(
    budgeted: Running, media_server: MediaServer, held: Held
) -> None:
    guilds = servers(budgeted, BUDGET)
    await start(budgeted)
    shrink_discord_py_limit(budgeted.bot)
    for number in range(OTHER_SENDS):
        await budgeted.bot.change_presence(activity=discord.Game(f"warming up {number}"))
    asked = time.monotonic()
    # The first server's first join goes unanswered: after its attempt times out, discord.py sends a leave by
    # itself, and the bot tries again, while the other servers' joins have used the window.
    first, _ = guilds[0]
    budgeted.emu.gateway.ignored_joins[first.id] = 1
    interactions = await burst(budgeted, media_server, guilds[:1])
    await budgeted.emu.state.notifier.wait_for(
        lambda: True if budgeted.emu.gateway.ignored_joins[first.id] == 0 else None,
        timeout=30,
        poll=0.05,
        what="the first join, left unanswered",
    )
    interactions += await burst(budgeted, media_server, guilds[1:])

    # The joins past the budget wait in the bot's queue for the window to slide (the user is told so), the retry
    # too, instead of inside discord.py's limiter with their join timeout running.
    await asyncio.gather(*(budgeted.emu.voice(g).wait_for_audio(0.2, since=asked, timeout=120) for g, _ in guilds))
    for interaction in interactions:
        reply = await interaction.final(timeout=30)  # type: ignore[attr-defined]
        assert "▶ Playing" in reply.text, reply.text
    assert held.messages == [], held.messages
    assert budgeted.emu.gateway.rate_limit_closes == 0
