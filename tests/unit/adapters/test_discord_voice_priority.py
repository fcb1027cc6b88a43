"""The sender's thread asks for real-time scheduling, else a lower nice value, else says it runs as it is.

Each case runs in a thread of its own: only that thread's scheduling changes (Linux keeps it per thread)."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from collections.abc import Callable

import pytest

from musicbot.adapters.discord_voice import priority
from musicbot.adapters.discord_voice.drivers import ThreadDriver
from musicbot.adapters.discord_voice.priority import NICE, REALTIME_PRIORITY, raise_priority
from musicbot.adapters.discord_voice.sender import PacketSender
from tests.support.threads import in_a_thread
from tests.unit.adapters.test_discord_voice_sender import Hooks

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="thread scheduling is Linux's")


def permitted(change: Callable[[], None]) -> bool:
    def attempt() -> bool:
        try:
            change()
        except PermissionError:
            return False
        return True

    return bool(in_a_thread(attempt))


def test_the_thread_gets_real_time_round_robin_when_the_process_may_set_it() -> None:
    got, policy, param = in_a_thread(lambda: (raise_priority(), os.sched_getscheduler(0), os.sched_getparam(0)))
    if not permitted(lambda: os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(REALTIME_PRIORITY))):
        pytest.skip("this process may not use real-time scheduling (no CAP_SYS_NICE, no RLIMIT_RTPRIO)")
    assert got.startswith("real-time")
    assert (policy, param.sched_priority) == (os.SCHED_RR, REALTIME_PRIORITY)
    assert os.sched_getscheduler(0) == os.SCHED_OTHER  # the calling thread is left as it was


def test_without_real_time_the_thread_gets_a_lower_nice_value(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(priority.os, "sched_setscheduler", refused)
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    got, nice = in_a_thread(lambda: (raise_priority(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
    if not permitted(lambda: os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE)):
        assert got.startswith("normal")
        return
    assert (got, nice) == (f"nice {NICE}", NICE)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before


def test_refused_both_it_says_so_and_the_thread_runs_on(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(priority.os, "sched_setscheduler", refused)
    monkeypatch.setattr(priority.os, "setpriority", refused)
    assert in_a_thread(raise_priority).startswith("normal (the process may not raise")


def started(driver: ThreadDriver) -> None:
    for _ in range(1000):
        if driver.priority:
            return
        time.sleep(0.01)
    raise AssertionError("the sender's thread never set its priority")


async def test_the_sender_thread_of_the_engine_runs_at_what_it_got() -> None:
    driver = ThreadDriver(PacketSender(Hooks(), reconnect_timeout=1.0), asyncio.get_running_loop())
    try:
        await asyncio.to_thread(started, driver)
        thread = driver._thread.native_id
        assert thread is not None
        if driver.priority.startswith("real-time"):
            assert os.sched_getscheduler(thread) == os.SCHED_RR
        elif driver.priority.startswith("nice"):
            assert os.getpriority(os.PRIO_PROCESS, thread) == NICE
        else:
            assert not permitted(lambda: os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICE))
    finally:
        await driver.aclose()
