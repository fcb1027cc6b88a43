"""`Runtime`: parts start in order and close in the reverse order, every one of them, once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from musicbot.entrypoints.runtime import Runtime


def recorder(calls: list[str], name: str, *, fail: bool = False) -> Callable[[], Awaitable[None]]:
    async def act() -> None:
        calls.append(name)
        if fail:
            raise RuntimeError(f"{name} broke")

    return act


def part(runtime: Runtime, calls: list[str], name: str, *, fail_close: bool = False) -> None:
    runtime.add(name, start=recorder(calls, f"start {name}"), close=recorder(calls, f"close {name}", fail=fail_close))


async def test_parts_start_in_order_and_close_in_reverse() -> None:
    calls: list[str] = []
    runtime = Runtime()
    for name in ("storage", "resolver", "players"):
        part(runtime, calls, name)
    await runtime.start()
    await runtime.aclose()
    assert calls == [
        "start storage", "start resolver", "start players",
        "close players", "close resolver", "close storage",
    ]  # fmt: skip


async def test_a_part_failing_to_close_does_not_keep_the_others_open(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[str] = []
    runtime = Runtime()
    part(runtime, calls, "storage")
    part(runtime, calls, "lyrics", fail_close=True)
    part(runtime, calls, "players")
    await runtime.start()
    await runtime.aclose()
    assert calls[-3:] == ["close players", "close lyrics", "close storage"]


async def test_close_runs_once_and_also_after_a_failed_start() -> None:
    calls: list[str] = []
    runtime = Runtime()
    part(runtime, calls, "storage")
    runtime.add("resolver", start=recorder(calls, "start resolver", fail=True))
    part(runtime, calls, "players")
    with pytest.raises(RuntimeError):
        await runtime.start()
    await runtime.aclose()
    await runtime.aclose()
    assert calls == ["start storage", "start resolver", "close players", "close storage"]


async def test_plain_functions_are_parts_too() -> None:
    calls: list[str] = []
    runtime = Runtime().add("pool", start=lambda: calls.append("start"), close=lambda: calls.append("close"))
    await runtime.start()
    await runtime.aclose()
    assert calls == ["start", "close"]
    assert runtime.names == ["pool"]
