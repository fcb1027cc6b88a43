"""/grab and /filter handlers over the application's fakes: what the member gets, and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import discord

from musicbot.domain.audio_filter import AudioFilter, FilterPreset
from musicbot.entrypoints.discord.cogs.listener import ListenerCog
from tests.unit.application.wiring import GUILD, App
from tests.unit.entrypoints.discord.doubles import FakeInteraction, FakeReader, services_for
from tests.unit.entrypoints.discord.test_handlers import run


@dataclass
class Member:
    id: int
    closed_dms: bool = False
    received: list[discord.Embed] = field(default_factory=list)

    async def send(self, *, embed: discord.Embed) -> None:
        if self.closed_dms:
            raise discord.Forbidden(SimpleNamespace(status=403, reason="Forbidden"), "Cannot send messages")
        self.received.append(embed)


@dataclass
class DirectInteraction(FakeInteraction):
    member: Member = field(default_factory=lambda: Member(1))

    @property
    def user(self) -> Any:
        return self.member


def cog_for(app: App) -> ListenerCog:
    services = services_for(app)
    assert services.listener is not None
    return ListenerCog(services, services.listener, FakeReader())  # type: ignore[arg-type]


async def test_grab_sends_the_song_by_direct_message_and_says_so_privately(app: App) -> None:
    await app.play("Lofi Beats")
    interaction = DirectInteraction()

    await run(ListenerCog.grab, cog_for(app), interaction)

    [card] = interaction.member.received
    assert "Lofi Beats" in (card.description or "")
    shown = interaction.shown()
    assert shown is not None and "direct messages" in (shown.description or "")


async def test_grab_with_closed_direct_messages_explains_and_nothing_playing_is_refused(app: App) -> None:
    nothing = DirectInteraction()
    await run(ListenerCog.grab, cog_for(app), nothing)
    [refusal] = nothing.response.sent
    assert "Nothing is playing" in (refusal.embed.description or "")

    await app.play("Lofi Beats")
    closed = DirectInteraction(member=Member(1, closed_dms=True))
    await run(ListenerCog.grab, cog_for(app), closed)
    shown = closed.shown()
    assert shown is not None and "allow them" in (shown.description or "")


async def test_filter_applies_to_the_player_and_a_missing_amount_touches_nothing(app: App) -> None:
    await app.play("a")
    interaction = FakeInteraction()
    await run(ListenerCog.filter, cog_for(app), interaction, preset=SimpleNamespace(value="speed"), amount=None)
    [reply] = interaction.response.sent
    assert "Say how much" in (reply.embed.description or "")
    assert app.gateway.voice(GUILD).filters == []

    ok = FakeInteraction()
    await run(ListenerCog.filter, cog_for(app), ok, preset=SimpleNamespace(value="nightcore"), amount=None)
    assert app.gateway.voice(GUILD).filters == [AudioFilter(FilterPreset.NIGHTCORE)]
    shown = ok.shown()
    assert shown is not None and "nightcore" in (shown.description or "")
