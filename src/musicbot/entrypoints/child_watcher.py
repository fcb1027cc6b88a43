"""FFmpeg children watched by the event loop itself, not by a thread each.

Python 3.11's default `ThreadedChildWatcher` starts a thread for every child process to wait for its exit, and
`Thread.start()` waits on the event loop's thread until that thread runs: under a burst of /play (a hundred
FFmpegs starting while yt-dlp's threads and the voice sender hold the GIL) the loop spent ~9 % of its samples
in `Thread.start` (py-spy, bench/play_burst.py), and every FFmpeg alive holds a thread. `PidfdChildWatcher`
waits on a pidfd in the loop's selector instead: no thread. Python 3.12 picks it by itself where it works.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import warnings

log = logging.getLogger(__name__)


def watch_children_with_pidfd() -> bool:
    """On Python 3.11 with a kernel that has pidfds (Linux 5.3+), watch this loop's children through pidfds.
    Call from inside the running loop that starts the children; True when it took effect."""
    if sys.version_info >= (3, 12) or not hasattr(os, "pidfd_open"):
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError:  # an old kernel, or a sandbox that forbids the call: keep the default
        return False
    watcher = asyncio.PidfdChildWatcher()
    watcher.attach_loop(asyncio.get_running_loop())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        asyncio.set_child_watcher(watcher)
    log.debug("child processes are watched through pidfds")
    return True
