import asyncio

import pytest

from musicbot.application.support.processing.pool import PoolBusy, Priority, ProcessingPool
from musicbot.domain.ids import GuildId

A, B = GuildId(1), GuildId(2)


class Gate:
    """Work that waits until the test opens it, recording the order jobs started in."""

    def __init__(self) -> None:
        self.opened = asyncio.Event()
        self.started: list[str] = []

    def job(self, name: str, result: object = None):  # type: ignore[no-untyped-def]
        async def work() -> object:
            self.started.append(name)
            await self.opened.wait()
            return result if result is not None else name

        return work


async def turns(n: int = 10) -> None:
    for _ in range(n):
        await asyncio.sleep(0)


async def test_jobs_run_and_return_their_results() -> None:
    pool = ProcessingPool(workers=2, max_pending=10)
    gate = Gate()
    gate.opened.set()
    assert await pool.run(A, Priority.NOW, gate.job("x")) == "x"
    await pool.close()


async def test_urgent_jobs_overtake_prefetches() -> None:
    pool = ProcessingPool(workers=1, max_pending=100)
    gate = Gate()
    blocker = pool.submit(A, Priority.NEXT, gate.job("first"))
    await turns()
    futures = [pool.submit(A, Priority.NEXT, gate.job(f"next {i}")) for i in range(3)]
    futures.append(pool.submit(B, Priority.NOW, gate.job("now")))
    gate.opened.set()
    await asyncio.gather(blocker, *futures)

    assert gate.started == ["first", "now", "next 0", "next 1", "next 2"]
    await pool.close()


async def test_errors_reach_the_caller_and_the_worker_survives() -> None:
    pool = ProcessingPool(workers=1, max_pending=10)

    async def boom() -> None:
        raise RuntimeError("broken source")

    async def fine() -> str:
        return "ok"

    with pytest.raises(RuntimeError, match="broken source"):
        await pool.run(A, Priority.NOW, boom)
    assert await pool.run(A, Priority.NOW, fine) == "ok"
    await pool.close()


async def test_the_pending_queue_is_bounded() -> None:
    pool = ProcessingPool(workers=1, max_pending=2)
    gate = Gate()
    running = pool.submit(A, Priority.NOW, gate.job("running"))
    await turns()
    pool.submit(A, Priority.NOW, gate.job("1"))
    pool.submit(A, Priority.NOW, gate.job("2"))
    with pytest.raises(PoolBusy):
        pool.submit(A, Priority.NOW, gate.job("3"))
    gate.opened.set()
    await running
    await pool.close()


async def test_cancelling_a_guild_cancels_its_pending_and_running_jobs_only() -> None:
    pool = ProcessingPool(workers=1, max_pending=10)
    gate = Gate()
    running = pool.submit(A, Priority.NOW, gate.job("a running"))
    await turns()
    queued_a = pool.submit(A, Priority.NOW, gate.job("a queued"))
    queued_b = pool.submit(B, Priority.NOW, gate.job("b queued"))

    assert pool.cancel_guild(A) == 2
    gate.opened.set()
    assert await queued_b == "b queued"
    assert running.cancelled() and queued_a.cancelled()
    assert gate.started == ["a running", "b queued"]
    stats = pool.stats()
    assert (stats.pending, stats.running, stats.cancelled) == (0, 0, 2)
    await pool.close()


async def test_a_caller_giving_up_cancels_its_work() -> None:
    pool = ProcessingPool(workers=1, max_pending=10)
    gate = Gate()
    caller = asyncio.create_task(pool.run(A, Priority.NOW, gate.job("slow")))
    await turns()
    caller.cancel()
    await turns()
    assert pool.stats().running == 0
    await pool.close()


async def test_close_cancels_everything_and_refuses_new_work() -> None:
    pool = ProcessingPool(workers=2, max_pending=10)
    gate = Gate()
    futures = [pool.submit(A, Priority.NOW, gate.job(str(i))) for i in range(4)]
    await turns()
    await pool.close()

    assert all(f.cancelled() for f in futures)
    assert pool.stats().workers == 0
    with pytest.raises(PoolBusy):
        pool.submit(A, Priority.NOW, gate.job("late"))
