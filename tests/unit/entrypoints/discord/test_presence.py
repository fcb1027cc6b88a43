"""The presence listener feeds the auto-leave rule from voice states and the player's own news."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest

from musicbot.application.guild.auto_leave import Disconnected, LeaveReason
from musicbot.domain.ids import ChannelId, GuildId
from musicbot.entrypoints.discord.cogs.presence import PresenceCog
from musicbot.entrypoints.discord.dependencies import BotServices
from tests.unit.application.wiring import CHANNEL, GUILD, OTHER_CHANNEL, App
from tests.unit.entrypoints.discord.doubles import services_for

BOT_ID = 900


class World:
    """A guild as discord.py shows it: who is in which voice channel, the bot included."""

    def __init__(self) -> None:
        self.channels = {
            CHANNEL: SimpleNamespace(id=CHANNEL, members=[]),
            OTHER_CHANNEL: SimpleNamespace(id=OTHER_CHANNEL, members=[]),
        }
        self.me = self.member(BOT_ID, bot=True)
        self.guild = SimpleNamespace(id=GUILD, me=self.me)
        self.me.guild = self.guild

    def member(self, member_id: int, *, bot: bool = False) -> Any:
        return SimpleNamespace(id=member_id, bot=bot, voice=None, guild=None)

    def move(self, member: Any, channel_id: ChannelId | None) -> tuple[Any, Any, Any]:
        """Move `member`; returns what on_voice_state_update receives."""
        member.guild = self.guild
        before = SimpleNamespace(channel=member.voice.channel if member.voice else None)
        if member.voice:
            member.voice.channel.members.remove(member)
        member.voice = None
        if channel_id is not None:
            channel = self.channels[channel_id]
            channel.members.append(member)
            member.voice = SimpleNamespace(channel=channel)
        return member, before, SimpleNamespace(channel=member.voice.channel if member.voice else None)


class RecordingEvents:
    def __init__(self) -> None:
        self.ended: list[GuildId] = []
        self.forgotten: list[GuildId] = []
        self.left: list[tuple[GuildId, LeaveReason]] = []
        self.disconnects: list[Disconnected] = []

    def voice_ended(self, guild_id: GuildId) -> None:
        self.ended.append(guild_id)

    def forget(self, guild_id: GuildId) -> None:
        self.forgotten.append(guild_id)

    async def auto_left(self, guild_id: GuildId, reason: LeaveReason) -> None:
        self.left.append((guild_id, reason))

    async def disconnected(self, what: Disconnected) -> None:
        self.disconnects.append(what)


@pytest.fixture
def services(app: App) -> BotServices:
    return services_for(app)


@pytest.fixture
def events() -> RecordingEvents:
    return RecordingEvents()


@pytest.fixture
def cog(services: BotServices, events: RecordingEvents) -> PresenceCog:
    return PresenceCog(services, events, sweep_every=0.01)  # type: ignore[arg-type]


async def test_the_last_human_leaving_starts_the_alone_timer_and_coming_back_stops_it(
    app: App, services: BotServices, cog: PresenceCog
) -> None:
    world = World()
    alice = world.member(7)
    await cog.on_voice_state_update(*world.move(alice, CHANNEL))
    await app.play("a")
    await cog.on_voice_state_update(*world.move(world.me, CHANNEL))  # the bot's own voice state
    session = services.rules.sessions.get(GUILD)
    assert session.alone_since is None

    await cog.on_voice_state_update(*world.move(alice, OTHER_CHANNEL))
    assert session.alone_since == app.clock.now()

    await cog.on_voice_state_update(*world.move(alice, CHANNEL))
    assert session.alone_since is None


async def test_bots_are_not_listeners(app: App, services: BotServices, cog: PresenceCog) -> None:
    world = World()
    alice = world.member(7)
    await cog.on_voice_state_update(*world.move(alice, CHANNEL))
    await cog.on_voice_state_update(*world.move(world.member(55, bot=True), CHANNEL))
    await app.play("a")
    await cog.on_voice_state_update(*world.move(world.me, CHANNEL))
    assert services.rules.sessions.get(GUILD).alone_since is None

    await cog.on_voice_state_update(*world.move(alice, None))  # another bot stays: nobody listens

    assert services.rules.sessions.get(GUILD).alone_since is not None


async def test_moves_between_other_channels_are_ignored(app: App, services: BotServices, cog: PresenceCog) -> None:
    world = World()
    await cog.on_voice_state_update(*world.move(world.me, CHANNEL))
    sessions_before = len(services.rules.sessions)
    await cog.on_voice_state_update(*world.move(world.member(8), OTHER_CHANNEL))
    assert len(services.rules.sessions) == sessions_before


async def test_the_bot_disconnected_by_a_moderator_frees_the_guild(
    app: App, services: BotServices, cog: PresenceCog, events: RecordingEvents
) -> None:
    world = World()
    await app.play("a")
    await cog.on_voice_state_update(*world.move(world.me, CHANNEL))

    app.gateway.kicked(GUILD)  # the output no longer counts the connection as up or reconnecting
    await cog.on_voice_state_update(*world.move(world.me, None))

    assert len(services.playback.registry) == 0
    assert len(services.rules.sessions) == 0
    assert events.ended == [GUILD]
    assert [(d.guild_id, d.songs) for d in events.disconnects] == [(GUILD, 1)]  # the channel is told


async def test_a_dropped_voice_connection_is_not_read_as_a_disconnect(
    app: App, services: BotServices, cog: PresenceCog, events: RecordingEvents
) -> None:
    """discord.py's own reconnect leaves the channel first: the bot's voice state goes to none meanwhile."""
    world = World()
    await app.play("a")
    await cog.on_voice_state_update(*world.move(world.me, CHANNEL))

    await cog.on_voice_state_update(*world.move(world.me, None))  # the output says: reconnecting

    assert len(services.playback.registry) == 1 and app.player().current is not None
    assert events.ended == [] and events.disconnects == []


async def test_the_bot_dragged_to_another_channel_is_followed(app: App, cog: PresenceCog) -> None:
    world = World()
    await app.play("a")
    await cog.on_voice_state_update(*world.move(world.me, OTHER_CHANNEL))
    assert app.player().channel_id == OTHER_CHANNEL


async def test_a_guild_removing_the_bot_is_forgotten_entirely(
    app: App, services: BotServices, cog: PresenceCog, events: RecordingEvents
) -> None:
    await app.play("a")
    await services.rules.guild_settings.update(GUILD, lambda s: replace(s, always_on=True))

    await cog.on_guild_remove(SimpleNamespace(id=GUILD))  # type: ignore[arg-type]

    assert len(services.playback.registry) == 0
    assert len(services.rules.guild_settings) == 0
    assert events.forgotten == [GUILD]


async def test_the_sweeper_runs_while_the_cog_is_loaded_and_says_why_it_left(
    app: App, services: BotServices, cog: PresenceCog, events: RecordingEvents
) -> None:
    await app.play("a")
    services.rules.auto_leave.listeners_changed(GUILD, 0)
    app.clock.advance(3600)

    await cog.cog_load()
    for _ in range(100):
        if events.left:
            break
        await asyncio.sleep(0.01)
    await cog.cog_unload()

    assert events.left == [(GUILD, LeaveReason.ALONE)]
    assert len(services.playback.registry) == 0
    assert not [task for task in asyncio.all_tasks() if task.get_name() == "auto-leave"]
