"""The calling thread's nice value, read and set by its native id: that thread only, a refusal said as False,
nothing touched where threads have no nice value of their own.

Each case runs in a thread of its own: only that thread's nice value changes (Linux keeps it per thread). Raising
a nice value needs no privilege, so these run wherever the tests do."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from musicbot.adapters import thread_priority
from musicbot.adapters.thread_priority import set_thread_nice, thread_nice
from tests.support.threads import in_a_thread


def own_nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


linux_only = pytest.mark.skipif(sys.platform != "linux", reason="per-thread nice values are Linux's")


@linux_only
def test_the_calling_threads_own_value_is_read() -> None:
    def nicer_then_read() -> int | None:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 3)
        return thread_nice()

    before = own_nice()
    assert in_a_thread(nicer_then_read) == 3
    assert thread_nice() == own_nice() == before  # another thread's value is its own


@linux_only
def test_the_calling_thread_alone_is_set() -> None:
    before = own_nice()
    assert in_a_thread(lambda: (set_thread_nice(4), own_nice())) == (True, 4)
    assert own_nice() == before


@linux_only
def test_a_refused_change_is_false_and_leaves_the_thread_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    def refused_after_two() -> tuple[bool, int]:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 2)
        with monkeypatch.context() as patch:
            patch.setattr(thread_priority.os, "setpriority", refused)
            got = set_thread_nice(-5)
        return got, own_nice()

    assert in_a_thread(refused_after_two) == (False, 2)


def test_where_threads_have_no_nice_value_of_their_own_nothing_is_read_or_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Elsewhere than Linux, PRIO_PROCESS takes a process id, which a thread's native id is not."""
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(thread_priority, "PER_THREAD", False)
    monkeypatch.setattr(thread_priority.os, "getpriority", lambda *args: calls.append(args) or 0, raising=False)
    monkeypatch.setattr(thread_priority.os, "setpriority", lambda *args: calls.append(args), raising=False)
    assert in_a_thread(lambda: (thread_nice(), set_thread_nice(-5))) == (None, False)
    assert calls == []
