"""The bot's memory: once ready, what is alive leaves the garbage collector's full passes; free memory goes back
to the system while it runs (see heap.py)."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from musicbot.entrypoints.discord import bot as bot_module
from musicbot.entrypoints.discord import heap
from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.cycles import CyclePolicy, Pass
from musicbot.entrypoints.discord.heap import freeze_startup_heap, release_free_memory, releasing_free_memory
from musicbot.entrypoints.settings import Settings
from tests.fakes.collector import FakeCollector
from tests.unit.application.wiring import App
from tests.unit.entrypoints.discord.doubles import services_for


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()  # the test process's heap goes back to the collector


@pytest.mark.usefixtures("unfrozen")
def test_freezing_moves_what_is_alive_out_of_the_collectors_view() -> None:
    gc.unfreeze()
    alive = [[index] for index in range(100)]  # tracked containers

    freeze_startup_heap()

    assert gc.get_freeze_count() >= len(alive)
    assert not any(gc.is_tracked(item) and item in gc.get_objects() for item in alive[:3])


@pytest.mark.parametrize(("freeze_heap", "freezes"), [(True, [1, 2, 2]), (False, [0, 0, 0])])
async def test_the_bot_freezes_its_heap_before_connecting_and_once_more_when_ready(
    app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, freeze_heap: bool, freezes: list[int]
) -> None:
    calls: list[None] = []
    monkeypatch.setattr(bot_module, "freeze_startup_heap", lambda: calls.append(None))
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    bot = MusicBot(settings=settings, wire=lambda _: services_for(app), freeze_heap=freeze_heap)
    try:
        counts = []
        await bot.setup_hook()  # after the warm-up, before the gateway connects
        counts.append(len(calls))
        await bot.on_ready()  # discord.py's guild cache
        counts.append(len(calls))
        await bot.on_ready()  # ready again after a reconnect: nothing more
        counts.append(len(calls))

        assert counts == freezes
    finally:
        await bot.close()


def test_releasing_free_memory_is_safe_to_call_anywhere() -> None:
    assert release_free_memory() in (True, False)  # glibc: whether pages went back; elsewhere: nothing to do


async def test_free_memory_is_released_at_once_then_periodically_until_the_block_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[None] = []
    three = threading.Event()

    def release() -> bool:  # runs in the default executor's thread
        calls.append(None)
        if len(calls) == 3:
            three.set()
        return True

    monkeypatch.setattr(heap, "release_free_memory", release)

    async with releasing_free_memory(every=0.01):
        assert await asyncio.to_thread(three.wait, 10.0)
    released = len(calls)
    await asyncio.sleep(0.05)

    assert len(calls) == released  # stopped with the block


@pytest.mark.parametrize(("on_air", "done"), [(True, Pass.YOUNG_THEN_FREEZE), (False, Pass.FULL)])
async def test_each_release_follows_the_collection_policy_of_the_moment(
    monkeypatch: pytest.MonkeyPatch, on_air: bool, done: Pass
) -> None:
    """While a stream plays, the periodic collection walks the young generations only (cycles.py)."""
    passes: list[Pass] = []
    released = threading.Event()
    policy = CyclePolicy(FakeCollector())
    tick = policy.tick
    monkeypatch.setattr(policy, "tick", lambda on_air: passes.append(tick(on_air)) or passes[-1])
    monkeypatch.setattr(heap, "release_free_memory", lambda: released.set() or True)

    async with releasing_free_memory(every=0.01, on_air=lambda: on_air, policy=policy):
        assert await asyncio.to_thread(released.wait, 10.0)

    assert passes and set(passes) == {done}
