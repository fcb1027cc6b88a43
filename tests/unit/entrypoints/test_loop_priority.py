"""The event loop's thread asks for a lower nice value; what it starts (FFmpeg's spawner threads, yt-dlp's
workers) goes back to normal, so that its children do not compete with it.

Each case runs in a thread of its own: only that thread's nice value changes (Linux keeps it per thread)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from musicbot.adapters.audio.spawn import normal_priority
from musicbot.entrypoints.loop_priority import LOOP_NICE, loop_priority, raise_loop_priority
from tests.support.threads import in_a_thread

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="per-thread nice values are Linux's")


def nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


def may_lower_nice() -> bool:
    def attempt() -> bool:
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOOP_NICE)
        except PermissionError:
            return False
        return True

    return bool(in_a_thread(attempt))


def test_the_loops_thread_gets_a_lower_nice_value_when_the_process_may_set_it() -> None:
    before = nice()
    got, value = in_a_thread(lambda: (raise_loop_priority(), nice()))
    if not may_lower_nice():
        assert got.startswith("normal") and value == before
        return
    assert (got, value) == (f"nice {LOOP_NICE}", LOOP_NICE)
    assert nice() == before  # the calling thread only


def test_inside_the_block_only_then_as_before() -> None:
    if not may_lower_nice():
        pytest.skip("this process may not lower a nice value (no CAP_SYS_NICE, no RLIMIT_NICE)")

    def inside_then_after() -> tuple[str, int, int]:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 2)
        with loop_priority() as got:
            inside = nice()
        return got, inside, nice()

    assert in_a_thread(inside_then_after) == (f"nice {LOOP_NICE}", LOOP_NICE, 2)


def child_nice() -> int:
    """The nice value of a process started by the calling thread."""
    command = [sys.executable, "-c", "import os; print(os.nice(0))"]
    return int(subprocess.run(command, capture_output=True, check=True, text=True).stdout)


def test_a_thread_that_inherited_the_loops_value_starts_its_children_at_normal_priority() -> None:
    if not may_lower_nice():
        pytest.skip("this process may not lower a nice value (no CAP_SYS_NICE, no RLIMIT_NICE)")

    def inherited_then_normal() -> tuple[int, int]:
        raise_loop_priority()
        before = child_nice()
        normal_priority()
        return before, child_nice()

    assert in_a_thread(inherited_then_normal) == (LOOP_NICE, 0)


def test_a_thread_made_nicer_on_purpose_stays_so() -> None:
    def nicer() -> int:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 5)
        normal_priority()
        return nice()

    assert in_a_thread(nicer) == 5
