"""The event loop's thread ahead of the machine's other work, so it is not preempted while it holds the GIL.

The voice sender's thread runs at real-time priority (adapters/discord_voice/priority.py) and never waits for a
CPU, but it needs the GIL after every sleep, and the loop's thread holds the GIL while it runs Python. During a
burst of 100 /play on 2 cores (bench/play_burst.py, `/proc/<tid>/schedstat`) the loop's thread spent 11.8 s of
a 15.6 s burst runnable and waiting for a CPU against 1.6 s on one (load ~11), and the sender still made 761 of
36,737 intervals 50 ms or more: each time the loop's thread was preempted holding the GIL, the sender waited
until the scheduler gave it a CPU back. py-spy showed no single long holder: the loop's work is spread over
the commands, the voice handshakes and the SQLite hand-offs. With a lower nice value the scheduler gives the
loop's thread a larger share and preempts it less.

Only this thread: its children would inherit the value, so the FFmpeg spawner's threads and yt-dlp's workers
put themselves back to normal (`normal_priority`). Needs CAP_SYS_NICE or an RLIMIT_NICE, as the sender's.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from musicbot.adapters.thread_priority import PER_THREAD, set_thread_nice, thread_nice

LOOP_NICE = -5  # above every normal thread, below the voice sender (real-time, or nice -10 without it)


def raise_loop_priority(nice: int = LOOP_NICE) -> str:
    """The calling thread at `nice`, if the process may set it; what it got."""
    if not PER_THREAD:
        return "normal (no setpriority)"  # not Linux: a thread has no nice value of its own
    if not set_thread_nice(nice):
        return "normal (the process may not raise a thread's priority: see docs/operations.md)"
    return f"nice {nice}"


@contextlib.contextmanager
def loop_priority(nice: int = LOOP_NICE) -> Iterator[str]:
    """The calling thread at `nice` while inside (`raise_loop_priority`), as it was after: a process that runs
    the bot more than once (the tests) keeps its own priority. Yields what it got."""
    before = thread_nice()
    try:
        yield raise_loop_priority(nice)
    finally:
        if before is not None:
            set_thread_nice(before)
