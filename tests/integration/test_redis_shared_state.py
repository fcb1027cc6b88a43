"""What several processes share through a real redis-server (the `redis_server` fixture): rate limits, settings
changes, status figures, identify turns; and what happens when Redis goes away and comes back."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
import redis.asyncio as aioredis

from musicbot.adapters.redis import (
    RedisIdentifyGate,
    RedisRateWindow,
    RedisSettingsFeed,
    RedisStatusBoard,
    connect_redis,
)
from musicbot.adapters.sql import create_database, unit_of_work_factory
from musicbot.adapters.system_clock import SystemClock
from musicbot.application.guild.settings import GuildSettingsStore
from musicbot.application.recommendation.errors import RateLimited
from musicbot.application.recommendation.rate_limit import SlidingWindowRateLimiter
from musicbot.application.scale.cluster_status import ClusterStatus
from musicbot.application.scale.ports import SharedStoreUnavailable
from musicbot.domain.ids import GuildId, UserId
from musicbot.domain.player_state import Volume
from tests.integration.test_sql_backends import SQL, Storage, storage_fixture
from tests.support.redis_server import RedisServer

storage = storage_fixture(SQL)
MEMBER = UserId(2**60 + 5)


@pytest.fixture
async def clients(redis_server: RedisServer) -> AsyncIterator[list[aioredis.Redis]]:
    """Two clients: as two processes would have."""
    made = [connect_redis(redis_server.url, timeout=0.5) for _ in range(2)]
    yield made
    for client in made:
        await client.aclose()


def limiter(client: aioredis.Redis, *, limit: int = 3, burst: int = 3) -> SlidingWindowRateLimiter:
    shared = RedisRateWindow(client)
    return SlidingWindowRateLimiter(
        limit=limit, window=60, burst=burst, burst_window=10, clock=SystemClock(), shared=shared
    )


async def test_a_members_limit_holds_across_processes(clients: list[aioredis.Redis]) -> None:
    first, second = limiter(clients[0]), limiter(clients[1])
    await first.admit(MEMBER)
    await second.admit(MEMBER)
    await first.admit(MEMBER)
    for one in (second, first):  # three in the window, wherever they were asked
        with pytest.raises(RateLimited) as refused:
            await one.admit(MEMBER)
        assert 50 < refused.value.retry_after_seconds <= 60
    await second.admit(UserId(7))  # another member is not held back
    assert first.asked(MEMBER) == 2 and second.asked(MEMBER) == 1


async def test_the_last_place_is_taken_once_when_processes_race(clients: list[aioredis.Redis]) -> None:
    limiters = [limiter(clients[i % 2], limit=5, burst=5) for i in range(20)]
    results = await asyncio.gather(*(one.admit(MEMBER) for one in limiters), return_exceptions=True)
    assert sum(result is None for result in results) == 5
    assert all(isinstance(result, RateLimited) for result in results if result is not None)


async def test_redis_killed_falls_back_to_local_limits_then_shares_again(
    redis_server: RedisServer, clients: list[aioredis.Redis], caplog: pytest.LogCaptureFixture
) -> None:
    first, second = limiter(clients[0], limit=2, burst=2), limiter(clients[1], limit=2, burst=2)
    await first.admit(MEMBER)
    redis_server.kill()
    with caplog.at_level(logging.WARNING):
        await second.admit(MEMBER)  # alone now: its own window has room
        await second.admit(MEMBER)
        with pytest.raises(RateLimited):  # and it still limits, by what it saw itself
            await second.admit(MEMBER)
    warnings = [r for r in caplog.records if "shared rate limits unavailable" in r.getMessage()]
    assert len(warnings) == 1  # one line, not one per request

    redis_server.start()  # the same port: the client reconnects by itself
    await first.admit(UserId(8))
    await first.admit(UserId(8))
    with pytest.raises(RateLimited):  # shared again: the other process's requests count
        await second.admit(UserId(8))
    assert any("shared rate limits are back" in r.getMessage() for r in caplog.records)


async def test_a_settings_change_is_seen_by_the_other_process_within_a_second(
    storage: Storage, redis_server: RedisServer, clients: list[aioredis.Redis]
) -> None:
    assert storage.url is not None
    guild = GuildId(2**50 + 3)
    feeds = [
        RedisSettingsFeed(client, origin=name, retry_delay=0.1) for client, name in zip(clients, "ab", strict=True)
    ]
    other_database = create_database(storage.url)
    stores = [
        GuildSettingsStore(storage.uow, changes=feeds[0]),
        GuildSettingsStore(unit_of_work_factory(other_database), changes=feeds[1]),
    ]
    listener = asyncio.create_task(feeds[1].listen(stores[1].refresh, stores[1].refresh_all))
    try:
        await asyncio.wait_for(feeds[1].subscribed.wait(), 5)
        assert (await stores[1].load(guild)).volume.percent == 100
        await stores[0].update(guild, lambda s: replace(s, volume=Volume(40)))
        started = time.monotonic()
        while stores[1].get(guild).volume.percent != 40:
            assert time.monotonic() - started < 1.0, "the other process still has the old settings"
            await asyncio.sleep(0.01)

        # Redis away: the change made meanwhile is lost to pub/sub, and read again once the feed is back.
        redis_server.kill()
        await stores[0].update(guild, lambda s: replace(s, volume=Volume(70)))  # saved; the notice is lost (logged)
        redis_server.start()
        started = time.monotonic()
        while stores[1].get(guild).volume.percent != 70:
            assert time.monotonic() - started < 10.0, "no resync after Redis came back"
            await asyncio.sleep(0.05)
    finally:
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
        await other_database.dispose()


async def test_status_figures_expire_with_their_process(clients: list[aioredis.Redis]) -> None:
    board = RedisStatusBoard(clients[0])
    await board.publish("one", {"servers": 3}, ttl=30)
    await board.publish("two", {"servers": 4}, ttl=0.2)
    assert await RedisStatusBoard(clients[1]).read_all() == {"one": {"servers": 3}, "two": {"servers": 4}}
    await asyncio.sleep(0.4)
    assert await board.read_all() == {"one": {"servers": 3}}


async def test_identify_turns_are_spaced_across_processes(clients: list[aioredis.Redis]) -> None:
    gates = [RedisIdentifyGate(client, poll=0.02) for client in clients]
    started = time.monotonic()
    turns: list[float] = []

    async def identify(gate: RedisIdentifyGate) -> None:
        await gate.wait_turn(0, spacing=0.3)
        turns.append(time.monotonic() - started)

    await asyncio.gather(*(identify(gates[i % 2]) for i in range(3)))
    turns.sort()
    assert turns[1] - turns[0] >= 0.25 and turns[2] - turns[1] >= 0.25


async def test_an_unreachable_redis_is_said_as_unavailable(redis_server: RedisServer) -> None:
    redis_server.kill()
    client = connect_redis(redis_server.url, timeout=0.3)
    try:
        with pytest.raises(SharedStoreUnavailable):
            await RedisRateWindow(client).hit("1", limit=1, window=1, burst=1, burst_window=1)
        with pytest.raises(SharedStoreUnavailable):
            await RedisStatusBoard(client).read_all()
        await RedisSettingsFeed(client, origin="a").publish(GuildId(1))  # logged, never raised
    finally:
        await client.aclose()


async def test_each_process_status_shows_the_whole_cluster(
    redis_server: RedisServer, clients: list[aioredis.Redis], caplog: pytest.LogCaptureFixture
) -> None:
    figures = [
        {"ready": True, "servers": 5, "players_playing": 2, "shards": [{"id": 1, "latency_seconds": 0.04}]},
        {"ready": True, "servers": 7, "players_playing": 1, "shards": [{"id": 0, "latency_seconds": 0.05}]},
    ]
    views = [
        ClusterStatus(RedisStatusBoard(client), instance=name, local=lambda f=f: f)
        for client, name, f in zip(clients, ("a", "b"), figures, strict=True)
    ]
    for view in views:
        await view.refresh()
    await views[0].refresh()  # now it has read both
    cluster = views[0].as_json()["cluster"]
    assert cluster == {
        "processes": 2,
        "ready": True,
        "servers": 12,
        "players_playing": 3,
        "shards": [
            {"id": 0, "latency_seconds": 0.05, "process": "b"},
            {"id": 1, "latency_seconds": 0.04, "process": "a"},
        ],
    }
    assert views[0].as_json()["servers"] == 5  # its own figures stay at the top

    redis_server.kill()
    with caplog.at_level(logging.WARNING):
        await views[0].refresh()
        await views[0].refresh()
    assert views[0].as_json()["cluster"] is None and views[0].as_json()["servers"] == 5
    assert sum("cluster's status is unavailable" in r.getMessage() for r in caplog.records) == 1

    redis_server.start()  # back (empty): the cluster is what publishes again
    with caplog.at_level(logging.WARNING):
        await views[0].refresh()
        await views[0].refresh()
    assert views[0].as_json()["cluster"] == {
        "processes": 1, "ready": True, "servers": 5, "players_playing": 2,
        "shards": [{"id": 1, "latency_seconds": 0.04, "process": "a"}],
    }  # fmt: skip
    assert sum("cluster's status is back" in r.getMessage() for r in caplog.records) == 1
