"""What a test process holds right now, for checks that nothing was left behind."""

from __future__ import annotations

import os
from pathlib import Path


def child_pids() -> set[int]:
    """Our child processes, zombies included (a zombie is a child nobody reaped)."""
    me, children = os.getpid(), set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == me:
            children.add(int(stat.parent.name))
    return children


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))
