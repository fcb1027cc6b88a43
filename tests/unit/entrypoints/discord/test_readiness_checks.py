"""The bot's own readiness parts: the gateway (ready, connected, not stopping) and the audio sender."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import discord

from musicbot.adapters.discord_voice import DiscordVoiceGateway
from musicbot.domain.ids import GuildId
from musicbot.entrypoints.discord.operations import GatewayCheck, VoiceSenderCheck
from tests.unit.adapters.test_discord_voice_sender import Connection


class Client:
    def __init__(self, *, ready: bool = True, closed: bool = False, open_: bool = True) -> None:
        self.ready, self.closed, self.shutting_down = ready, closed, False
        self.ws: Any = SimpleNamespace(open=open_)

    def is_ready(self) -> bool:
        return self.ready

    def is_closed(self) -> bool:
        return self.closed


async def test_the_gateway_is_ready_only_when_connected_ready_and_not_stopping() -> None:
    assert await GatewayCheck(Client()).problem() is None  # type: ignore[arg-type]
    assert await GatewayCheck(Client(ready=False)).problem() == "not connected to Discord yet"  # type: ignore[arg-type]
    dropped = Client(open_=False)
    assert "reconnecting" in (await GatewayCheck(dropped).problem() or "")  # type: ignore[arg-type]
    stopping = Client()
    stopping.shutting_down = True
    assert await GatewayCheck(stopping).problem() == "shutting down"  # type: ignore[arg-type]
    assert "closed" in (await GatewayCheck(Client(closed=True)).problem() or "")  # type: ignore[arg-type]


async def test_the_audio_sender_check_fails_when_the_sender_thread_is_gone() -> None:
    gateway = DiscordVoiceGateway(discord.Client(intents=discord.Intents.none()))
    check = VoiceSenderCheck(gateway)
    assert await check.problem() is None  # not started yet: nothing plays, nothing is wrong
    gateway.engine.attach(GuildId(1), Connection())
    assert await check.problem() is None  # the sender thread runs
    driver = gateway.engine._driver
    assert driver is not None
    await driver.aclose()  # as if the thread had died
    assert await check.problem() == "the audio sender stopped"
    await gateway.engine.aclose()
    assert await check.problem() == "the voice engine is closed"
    assert await VoiceSenderCheck(SimpleNamespace()).problem() is None  # another output: nothing to check
