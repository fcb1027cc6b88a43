"""The garbage collector's policy (cycles.py): no full pass while a stream plays, the survivors frozen instead;
everything walked once nothing plays, or once too much was frozen."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from musicbot.entrypoints.discord.cycles import HELD, CyclePolicy, GcCollector, Pass
from tests.fakes.collector import FakeCollector


def test_while_a_stream_plays_no_full_pass_runs_and_the_young_survivors_are_frozen() -> None:
    collector = FakeCollector()
    policy = CyclePolicy(collector)

    done = [policy.tick(on_air=True) for _ in range(3)]

    assert done == [Pass.YOUNG_THEN_FREEZE] * 3
    assert collector.calls == ["collect 1", "freeze"] * 3
    assert not collector.full_allowed  # nor one of the collector's own


def test_once_nothing_plays_everything_frozen_on_air_is_walked_once_then_frozen_again() -> None:
    collector = FakeCollector()
    policy = CyclePolicy(collector)
    policy.tick(on_air=True)
    collector.calls.clear()

    first, second = policy.tick(on_air=False), policy.tick(on_air=False)

    assert (first, second) == (Pass.RECLAIM, Pass.FULL)
    assert collector.calls == ["unfreeze", "collect 2", "freeze", "collect 2"]
    assert collector.full_allowed


def test_a_bot_that_never_stops_playing_reclaims_once_it_froze_too_much() -> None:
    collector = FakeCollector(alive=400)
    policy = CyclePolicy(collector, reclaim_above=1_000)

    done = [policy.tick(on_air=True) for _ in range(5)]

    # frozen since the spell began: 0, 400, 800, 1,200 (over the limit), then a new spell from 0
    assert done == [Pass.YOUNG_THEN_FREEZE] * 3 + [Pass.RECLAIM, Pass.YOUNG_THEN_FREEZE]


def test_stopping_gives_the_collector_its_full_passes_back() -> None:
    collector = FakeCollector()
    policy = CyclePolicy(collector)
    policy.tick(on_air=True)

    policy.stop()

    assert collector.full_allowed


@pytest.fixture
def real_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()  # the test process's heap goes back to the collector


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only a full collection frees it once it is old


@pytest.mark.usefixtures("real_gc")
def test_with_the_interpreters_collector_a_cycle_frozen_on_air_is_freed_once_nothing_plays() -> None:
    policy = CyclePolicy(GcCollector())
    full_every = gc.get_threshold()[2]
    node = Node()
    ref = weakref.ref(node)

    policy.tick(on_air=True)
    held = gc.get_threshold()[2]
    frozen = gc.is_tracked(node) and not any(item is node for item in gc.get_objects())
    del node
    gc.collect()  # what a full pass of the collector's own would do: the frozen cycle is not its to free
    survived = ref() is not None
    policy.tick(on_air=False)

    assert held == HELD and frozen and survived
    assert ref() is None
    assert gc.get_threshold()[2] == full_every
