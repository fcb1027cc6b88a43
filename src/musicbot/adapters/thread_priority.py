"""The calling thread's nice value, read and set by its native id: Linux keeps a nice value per thread, so
`setpriority(PRIO_PROCESS, <thread id>)` changes that thread alone. Used for the event loop's thread
(entrypoints/loop_priority.py), the voice sender's (discord_voice/priority.py) and the threads that start
processes (audio/spawn.py).

Elsewhere a thread has no nice value of its own (`PRIO_PROCESS` takes a process id there, which a thread's native
id is not): nothing is read or set. Lowering a nice value needs CAP_SYS_NICE or an RLIMIT_NICE; without either
the change is refused and the thread stays as it is.
"""

from __future__ import annotations

import os
import sys
import threading

# Threads have nice values of their own, and this Python can read and set them.
PER_THREAD = sys.platform == "linux" and hasattr(os, "setpriority") and hasattr(os, "getpriority")


def thread_nice() -> int | None:
    """The calling thread's nice value; None where threads have none of their own or it cannot be read."""
    if not PER_THREAD:
        return None
    try:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    except OSError:
        return None


def set_thread_nice(nice: int) -> bool:
    """The calling thread (only) at `nice`; False when the process may not set it (lowering a value needs a
    privilege, raising one does not) or where threads have no nice value of their own."""
    if not PER_THREAD:
        return False
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)
    except OSError:
        return False
    return True
