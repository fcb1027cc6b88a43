"""The join queue paces joins to Discord's gateway send limit, in order, and tells who waits (a fake clock)."""

from __future__ import annotations

import asyncio

import pytest

from musicbot.adapters.discord_voice.join_queue import JoinQueue, JoinQueues, describe_wait, notify_waits


class FakeTime:
    """A clock that `sleep` moves forward, so a minute of pacing takes no time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def queue(time: FakeTime, per_window: int = 3, window: float = 60.0) -> JoinQueue:
    return JoinQueue(per_window=per_window, window=window, clock=time.clock, sleep=time.sleep)


async def test_joins_within_the_budget_go_at_once_and_the_rest_wait_for_the_window() -> None:
    time = FakeTime()
    joins = queue(time)
    sent: list[tuple[int, float]] = []

    async def join(number: int) -> int:
        sent.append((number, time.now))
        return number

    results = await asyncio.gather(*(joins.run(lambda n=n: join(n)) for n in range(7)))
    assert results == list(range(7))
    assert [n for n, _ in sent] == list(range(7))  # first come, first served
    at = [t - 1000.0 for _, t in sent]
    assert at[:3] == [0.0, 0.0, 0.0]
    assert at[3:6] == pytest.approx([60.0, 60.0, 60.0])
    assert at[6] == pytest.approx(120.0)


async def test_no_sliding_window_ever_holds_more_than_the_budget() -> None:
    time = FakeTime()
    joins = queue(time, per_window=5, window=10.0)
    stamps: list[float] = []

    async def join() -> None:
        stamps.append(time.now)
        await time.sleep(0.7)  # joins take time; the next ones queue meanwhile

    await asyncio.gather(*(joins.run(join) for _ in range(23)))
    for stamp in stamps:
        assert sum(stamp <= other < stamp + 10.0 for other in stamps) <= 5


async def test_the_timeout_of_a_join_starts_only_when_its_turn_comes() -> None:
    time = FakeTime()
    joins = queue(time, per_window=1)
    started: list[float] = []

    async def join() -> None:
        started.append(time.now)

    await joins.run(join)
    await joins.run(join)  # waited a whole window, then ran: the callable is only called at its turn
    assert started == [1000.0, pytest.approx(1060.0)]


async def test_a_leave_counts_against_the_budget() -> None:
    time = FakeTime()
    joins = queue(time, per_window=2)
    joins.spend()
    joins.spend()
    assert joins.estimate(0) == pytest.approx(60.0)


async def test_who_waits_is_told_how_many_are_ahead_and_about_how_long() -> None:
    time = FakeTime()
    joins = queue(time, per_window=2)
    told: list[tuple[int, float]] = []

    async def join() -> None:
        return None

    with notify_waits(lambda ahead, seconds: told.append((ahead, seconds))):
        await joins.run(join)
        await joins.run(join)
        assert told == []  # within the budget: nothing to say
        assert [joins.estimate(ahead) for ahead in range(4)] == pytest.approx([60.0, 60.0, 120.0, 120.0])
        await joins.run(join)
    assert told == [(0, pytest.approx(60.0))]


async def test_a_cancelled_waiter_leaves_the_line() -> None:
    time = FakeTime()
    never = asyncio.Event()

    async def forever(_: float) -> None:
        await never.wait()

    joins = JoinQueue(per_window=1, window=60.0, clock=time.clock, sleep=forever)
    joins.spend()
    waiting = asyncio.create_task(joins.run(lambda: asyncio.sleep(0)))
    await asyncio.sleep(0)
    assert joins.waiting == 1
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)
    assert joins.waiting == 0


def test_guilds_share_the_queue_of_their_shard() -> None:
    queues = JoinQueues()
    assert queues.of(1 << 22, None) is queues.of(2 << 22, None)  # one connection: one queue
    assert queues.of(1 << 22, 2) is not queues.of(2 << 22, 2)
    assert queues.of(1 << 22, 2) is queues.of(3 << 22, 2)


def test_waits_read_as_people_say_them() -> None:
    assert describe_wait(0, 59.5) == "next in line, about 60 s"
    assert describe_wait(1, 0.4) == "1 server ahead, about 1 s"
    assert describe_wait(37, 20.3) == "37 servers ahead, about 25 s"
    assert describe_wait(300, 170.0) == "300 servers ahead, about 3 min"


async def test_no_join_goes_while_discordpy_holds_the_connections_sends() -> None:
    time = FakeTime()
    holding = [True, True, False]  # discord.py's own limiter holds sends for two looks
    joins = JoinQueue(per_window=10, window=60.0, clock=time.clock, sleep=time.sleep, held=lambda: holding.pop(0))
    sent: list[float] = []

    async def join() -> None:
        sent.append(time.now)

    await joins.run(join)
    assert sent == [pytest.approx(1000.5)]  # two looks a quarter of a second apart, then sent


async def test_only_a_few_joins_are_under_way_at_once() -> None:
    """A hundred voice handshakes at once on a busy loop outlast the join timeout: the rest wait their turn."""
    time = FakeTime()
    joins = JoinQueue(per_window=100, window=60.0, clock=time.clock, sleep=time.sleep, in_flight=2)
    under_way, most = 0, 0

    async def join() -> None:
        nonlocal under_way, most
        under_way += 1
        most = max(most, under_way)
        await asyncio.sleep(0.01)
        under_way -= 1

    await asyncio.gather(*(joins.run(join) for _ in range(6)))
    assert most == 2
    assert joins.waiting == 0


async def test_the_first_send_of_a_turn_is_the_one_its_grant_counted_and_every_other_send_counts() -> None:
    """The meter reports every gateway send (`spend`), the join's own too: a join is counted once, at its send."""
    time = FakeTime()
    joins = queue(time, per_window=4)

    async def join_that_sends(frames: int) -> None:
        await time.sleep(2.0)  # the handshake before the join's frame leaves
        for _ in range(frames):
            joins.spend()  # as discord.py's metered limiter calls it, in the join's own task

    await joins.run(lambda: join_that_sends(1))
    assert joins.estimate(2) == 0.0  # one send in the window: three more may go at once...
    assert joins.estimate(3) == pytest.approx(60.0)  # ...the fourth when it leaves: 60 s after it was SENT
    await joins.run(lambda: join_that_sends(2))  # e.g. a join, then discord.py's leave after it timed out
    joins.spend()  # a presence update, outside any turn
    assert joins.estimate(0) == pytest.approx(58.0)  # four sends: the next waits for the first to leave the window
    assert joins.estimate(1) == pytest.approx(60.0)


async def test_a_turn_that_sent_nothing_still_holds_its_place_in_the_window() -> None:
    time = FakeTime()
    joins = queue(time, per_window=1)

    async def join_refused_before_sending() -> None:
        return None

    await joins.run(join_refused_before_sending)
    assert joins.estimate(0) == pytest.approx(60.0)
