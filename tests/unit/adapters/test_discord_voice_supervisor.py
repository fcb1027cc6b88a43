"""Our own voice reconnect: a connection left down takes a new one; one that is up, or kicked, is left alone."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace
from typing import Any
from unittest.mock import create_autospec

import discord

from musicbot.adapters.discord_voice.link import MusicVoiceClient
from musicbot.adapters.discord_voice.supervisor import VoiceSupervisor
from musicbot.domain.ids import GuildId

GUILD = GuildId(1)


def voice(*, up: bool, kicked: bool = False) -> MusicVoiceClient:
    """A MusicVoiceClient without discord.py behind it: connected, its websocket open (up) or dropped (1006)."""
    made: Any = object.__new__(MusicVoiceClient)
    socket = SimpleNamespace(closed=not up, close_code=None if up else 1006)
    made._connection = SimpleNamespace(is_connected=lambda: True, ws=SimpleNamespace(ws=socket, _close_code=None))
    made.channel = create_autospec(discord.VoiceChannel, instance=True)
    made.kicked, made.dropped_at, made.last_close_code = kicked, None, None
    return made  # type: ignore[no-any-return]


class Joiner:
    def __init__(self, *, hang: bool = False) -> None:
        self.joined: list[object] = []
        self.hang = hang

    async def join(self, channel: object, **_: object) -> MusicVoiceClient:
        self.joined.append(channel)
        if self.hang:
            await asyncio.sleep(60)
        return voice(up=True)


def supervisor(current: dict[GuildId, MusicVoiceClient], joiner: Joiner) -> VoiceSupervisor:
    def attach(guild_id: GuildId, new: MusicVoiceClient) -> None:
        current[guild_id] = new

    return VoiceSupervisor(joiner, connection_of=current.get, attach=attach, takeover_after=0.3)  # type: ignore[arg-type]


async def test_a_connection_left_down_is_replaced_by_a_new_one() -> None:
    old = voice(up=False)
    current = {GUILD: old}
    joiner = Joiner()
    watcher = supervisor(current, joiner)
    watcher.watch(GUILD)

    await asyncio.sleep(1.0)

    assert joiner.joined == [old.channel]
    assert current[GUILD] is not old and watcher.repaired == 1
    assert old.last_close_code == 1006  # the drop was noted: a leave that follows is not a kick
    await watcher.aclose()


async def test_a_connection_that_is_up_or_was_kicked_is_left_alone() -> None:
    current = {GUILD: voice(up=True), GuildId(2): voice(up=False, kicked=True)}
    joiner = Joiner()
    watcher = supervisor(current, joiner)
    watcher.watch(GUILD)
    watcher.watch(GuildId(2))

    await asyncio.sleep(1.0)

    assert joiner.joined == [] and watcher.repaired == 0
    await watcher.aclose()


async def test_a_connection_back_up_forgets_its_drop_so_a_later_kick_is_a_kick() -> None:
    back = voice(up=True)
    back.dropped_at = time.monotonic()  # dropped just now, and already reconnected by discord.py
    assert back.recently_dropped()
    watcher = supervisor({GUILD: back}, Joiner())
    watcher.watch(GUILD)
    await asyncio.sleep(0.6)
    assert not back.recently_dropped()
    await watcher.aclose()


async def test_leaving_cancels_a_reconnect_under_way() -> None:
    current = {GUILD: voice(up=False)}
    watcher = supervisor(current, Joiner(hang=True))
    watcher.watch(GUILD)
    await asyncio.sleep(0.8)
    assert watcher.repairing(GUILD)

    await watcher.unwatch(GUILD)

    assert not watcher.repairing(GUILD)
    await watcher.aclose()
