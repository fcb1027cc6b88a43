import asyncio

import pytest

from musicbot.application.support.caching.single_flight import SingleFlight


class Work:
    """A piece of work that runs until released, and says how often it started and how it ended."""

    def __init__(self, result: str = "done", *, error: Exception | None = None) -> None:
        self.result = result
        self.error = error
        self.started = 0
        self.cancelled = 0
        self.release = asyncio.Event()

    async def __call__(self) -> str:
        self.started += 1
        try:
            await self.release.wait()
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        if self.error is not None:
            raise self.error
        return self.result


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


async def test_concurrent_calls_share_one_execution() -> None:
    flight: SingleFlight[str, str] = SingleFlight()
    work = Work()
    callers = [asyncio.create_task(flight.run("k", work)) for _ in range(20)]
    await settle()
    assert len(flight) == 1
    assert flight.in_flight("k")

    work.release.set()

    assert await asyncio.gather(*callers) == ["done"] * 20
    assert work.started == 1
    assert (flight.started, flight.coalesced) == (1, 19)
    assert len(flight) == 0


async def test_different_keys_run_apart() -> None:
    flight: SingleFlight[str, str] = SingleFlight()
    a, b = Work("a"), Work("b")
    a.release.set()
    b.release.set()

    assert list(await asyncio.gather(flight.run("a", a), flight.run("b", b))) == ["a", "b"]
    assert (a.started, b.started) == (1, 1)


async def test_the_error_goes_to_every_caller_and_nothing_is_kept() -> None:
    flight: SingleFlight[str, str] = SingleFlight()
    work = Work(error=LookupError("gone"))
    callers = [asyncio.create_task(flight.run("k", work)) for _ in range(3)]
    await settle()
    work.release.set()

    results = await asyncio.gather(*callers, return_exceptions=True)

    assert all(isinstance(result, LookupError) for result in results)
    assert work.started == 1
    assert len(flight) == 0


async def test_a_call_after_landing_runs_the_work_again() -> None:
    flight: SingleFlight[str, str] = SingleFlight()
    work = Work()
    work.release.set()

    await flight.run("k", work)
    await flight.run("k", work)

    assert work.started == 2
    assert flight.coalesced == 0


async def test_a_cancelled_waiter_leaves_the_work_running_for_the_others() -> None:
    flight: SingleFlight[str, str] = SingleFlight()
    work = Work()
    first = asyncio.create_task(flight.run("k", work))
    second = asyncio.create_task(flight.run("k", work))
    await settle()

    first.cancel()  # the caller whose call started the work
    await settle()
    work.release.set()

    assert await second == "done"
    with pytest.raises(asyncio.CancelledError):
        await first
    assert (work.started, work.cancelled) == (1, 0)
    assert len(flight) == 0


async def test_the_work_is_cancelled_when_every_waiter_is() -> None:
    flight: SingleFlight[str, str] = SingleFlight()
    work = Work()
    callers = [asyncio.create_task(flight.run("k", work)) for _ in range(3)]
    await settle()

    for caller in callers:
        caller.cancel()
    await settle()

    assert work.cancelled == 1
    assert all(caller.cancelled() for caller in callers)
    assert len(flight) == 0


async def test_a_caller_after_everyone_gave_up_starts_afresh() -> None:
    flight: SingleFlight[str, str] = SingleFlight()
    abandoned, fresh = Work("old"), Work("new")
    caller = asyncio.create_task(flight.run("k", abandoned))
    await settle()
    caller.cancel()
    await asyncio.sleep(0)  # the old work has been told to stop but may not have stopped yet

    fresh.release.set()
    assert await flight.run("k", fresh) == "new"
    assert abandoned.cancelled == 1
    assert len(flight) == 0


async def test_a_factory_that_fails_before_awaiting_fails_its_callers() -> None:
    flight: SingleFlight[str, str] = SingleFlight()

    def broken() -> asyncio.Future[str]:
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        await flight.run("k", broken)
    assert len(flight) == 0
