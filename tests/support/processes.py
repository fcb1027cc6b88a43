"""What a test process holds right now, for checks that nothing was left behind."""

from __future__ import annotations

import os
from pathlib import Path

# multiprocessing's helpers, started once by the first yt-dlp worker pool in this test process and kept for its
# lifetime by design: the fork server every later pool forks its workers from, and the resource tracker.
_PROCESS_HELPERS = (b"multiprocessing.forkserver", b"multiprocessing.resource_tracker")


def child_pids() -> set[int]:
    """Our child processes, zombies included (a zombie is a child nobody reaped); multiprocessing's fork server
    and resource tracker aside."""
    me, children = os.getpid(), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != me:
                continue
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if not any(helper in command for helper in _PROCESS_HELPERS):
            children.add(int(stat.parent.name))
    return children


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))
