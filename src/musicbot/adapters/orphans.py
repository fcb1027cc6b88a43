"""Children that end with their parent, however it ends: FFmpeg with its bot, a cluster's bots with the launcher.

A bot that stops closes its FFmpegs (`FFmpegProcess.reap`). A bot killed outright (SIGKILL, the OOM killer, a
cluster child killed) closes nothing: an FFmpeg writing its output ends at its next write (the pipe has no reader
any more), but one waiting for its input (a source that stalls, a server slow to answer) waits on: up to its
read timeout and its reconnections, a minute or more, holding its connection and its memory, an orphan nobody
needs. So FFmpeg is started under `setpriv --pdeathsig KILL` (util-linux, in every Debian): the kernel kills it
when the thread that started it ends, and that thread (the spawner's, spawn.py) lives as long as the bot.
Without setpriv (not Linux, a minimal image), FFmpeg starts as before.
"""

from __future__ import annotations

import functools
import shutil
import sys
from collections.abc import Sequence


@functools.cache
def _setpriv() -> str | None:
    return shutil.which("setpriv") if sys.platform.startswith("linux") else None


def ending_with_parent(command: Sequence[str], *, signal: str = "KILL") -> list[str]:
    """`command`, to get SIG`signal` from the kernel when the thread that starts it ends (unchanged when it
    cannot, or when its program is not there: Popen then fails as it would have)."""
    setpriv = _setpriv()
    if setpriv is None or not command or shutil.which(command[0]) is None:
        return list(command)
    return [setpriv, "--pdeathsig", signal, "--", *command]
