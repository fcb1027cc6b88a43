import asyncio

import pytest

from musicbot.application.errors import NotConnected
from musicbot.application.playback.registry import PlayerRegistry
from musicbot.domain.ids import GuildId
from tests.fakes.events import RecordingEvents
from tests.unit.application.wiring import (
    CHANNEL,
    GUILD,
    OTHER_CHANNEL,
    OTHER_GUILD,
    App,
    AppFactory,
    running_tasks,
    settle,
)


async def test_an_empty_registry(app: App) -> None:
    assert len(app.registry) == 0
    assert GUILD not in app.registry
    assert app.registry.find(GUILD) is None
    with pytest.raises(NotConnected):
        app.registry.get(GUILD)


async def test_join_registers_one_player_per_guild(app: App) -> None:
    player, moved = await app.registry.join(GUILD, CHANNEL)

    assert moved
    assert app.registry.get(GUILD) is player
    assert app.registry.find(GUILD) is player
    assert GUILD in app.registry
    assert (player.guild_id, player.channel_id) == (GUILD, CHANNEL)


async def test_concurrent_joins_of_one_guild_make_one_player(app: App) -> None:
    app.gateway.latency_turns = 3

    results = await asyncio.gather(*(app.registry.join(GUILD, CHANNEL) for _ in range(5)))

    assert len({id(player) for player, _ in results}) == 1
    assert [moved for _, moved in results] == [True, False, False, False, False]
    assert app.gateway.calls_for(GUILD) == ["connect"]
    assert len(app.registry) == 1


async def test_a_closed_player_counts_as_not_connected(app: App) -> None:
    player, _ = await app.registry.join(GUILD, CHANNEL)
    await player.close()

    with pytest.raises(NotConnected):
        app.registry.get(GUILD)


async def test_leave_frees_only_that_guild(app: App) -> None:
    await app.play("a", guild_id=GUILD, channel_id=CHANNEL)
    await app.play("b", guild_id=OTHER_GUILD, channel_id=OTHER_CHANNEL)

    left = await app.registry.leave(GUILD)
    await settle()

    assert left.closed
    assert len(app.registry) == 1
    assert app.titles(OTHER_GUILD) == ["b"]
    assert app.gateway.is_connected(OTHER_GUILD)
    assert app.gateway.current(OTHER_GUILD) is not None


async def test_leave_twice(app: App) -> None:
    await app.registry.join(GUILD, CHANNEL)
    await app.registry.leave(GUILD)

    with pytest.raises(NotConnected):
        await app.registry.leave(GUILD)


async def test_close_all_frees_every_guild(app: App) -> None:
    await app.play("a", guild_id=GUILD, channel_id=CHANNEL)
    await app.play("b", guild_id=OTHER_GUILD, channel_id=OTHER_CHANNEL)
    players = [app.player(GUILD), app.player(OTHER_GUILD)]

    await app.registry.close_all()
    await settle()

    assert len(app.registry) == 0
    assert all(player.closed for player in players)
    assert not any(running_tasks(player) for player in players)
    assert not app.gateway.is_connected(GUILD)
    assert not app.gateway.is_connected(OTHER_GUILD)


async def test_many_join_leave_cycles_leave_nothing_behind(app: App) -> None:
    for i in range(50):
        await app.play(f"song {i}")
        await app.registry.leave(GUILD)
    await settle()

    assert len(app.registry) == 0
    assert [task for task in asyncio.all_tasks() if task is not asyncio.current_task()] == []
    assert app.gateway.calls_for(GUILD).count("connect") == app.gateway.calls_for(GUILD).count("disconnect") == 50


class LeaveWhenFinished(RecordingEvents):
    """An events handler that leaves the channel once the queue runs out, from inside the player's own task."""

    registry: PlayerRegistry | None = None

    async def queue_finished(self, guild_id: GuildId) -> None:
        await super().queue_finished(guild_id)
        assert self.registry is not None
        await self.registry.leave(guild_id)


async def test_an_events_handler_may_leave_from_inside_the_player(make_app: AppFactory) -> None:
    events = LeaveWhenFinished()
    app = make_app(events=events)
    events.registry = app.registry
    await app.play("a")
    player = app.player()

    await app.finish()

    assert player.closed
    assert len(app.registry) == 0
    assert not running_tasks(player)
    assert app.gateway.calls_for(GUILD)[-1] == "disconnect"
    assert events.events[-1].kind == "queue_finished"


async def test_per_guild_locks_are_freed_with_the_guild(app: App) -> None:
    await app.play("a")
    await app.play("b", guild_id=OTHER_GUILD, channel_id=OTHER_CHANNEL)
    assert app.registry.lock_count == 0  # nobody holds or awaits one between commands

    await app.registry.close_all()
    assert app.registry.lock_count == 0
    assert len(app.registry) == 0


async def test_a_slow_connect_in_one_guild_does_not_hold_up_another(app: App) -> None:
    gate = asyncio.Event()
    connect = app.gateway.connect

    async def slow_for_first_guild(guild_id: GuildId, channel_id: object) -> None:
        if guild_id == GUILD:
            await gate.wait()
        await connect(guild_id, channel_id)  # type: ignore[arg-type]

    app.gateway.connect = slow_for_first_guild  # type: ignore[method-assign]
    slow = asyncio.create_task(app.registry.join(GUILD, CHANNEL))
    for _ in range(5):
        await asyncio.sleep(0)  # the slow join now holds its guild's lock

    await asyncio.wait_for(app.registry.join(OTHER_GUILD, OTHER_CHANNEL), timeout=1)
    assert OTHER_GUILD in app.registry and GUILD not in app.registry
    gate.set()
    await slow
    assert GUILD in app.registry
