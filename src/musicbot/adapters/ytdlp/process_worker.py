"""The worker side of `YtDlpProcessPool` (process_pool.py): what runs in each yt-dlp worker process.

Each worker builds its own extractor and warms it up when it starts, then runs one job at a time; errors come
back as plain values (exceptions with keyword arguments do not survive pickling) and are raised again in the bot.
A thread of each worker watches the bot's process and ends the worker with it: a bot killed outright (SIGKILL,
the OOM killer) never closes the pool's queues, and its workers, children of the fork server, waited on them for
ever.
"""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from musicbot.adapters.audio.spawn import normal_priority
from musicbot.application.errors import InvalidQuery, NoResults, TrackUnavailable


class Worker(Protocol):
    """What a worker process holds (a `YtDlpExtractor`, built by `extraction.build_extractor`)."""

    def warm_up_now(self) -> None: ...


# Builds a worker from the options: a module-level function, so the pool can send it to the worker processes.
BuildWorker = Callable[[Mapping[str, Any]], Worker]

_worker: Worker | None = None  # in a worker process: its own extractor


def start_worker(build: BuildWorker, options: Mapping[str, Any], bot: int) -> None:
    global _worker
    normal_priority()  # forked from a fork server that may have inherited the loop's thread's nice value
    threading.Thread(target=_end_with, args=(bot,), name="ytdlp-worker-watch", daemon=True).start()
    _worker = build(options)
    _worker.warm_up_now()


def _end_with(bot: int) -> None:
    """In a worker, on a thread of its own: exit as soon as the bot's process `bot` is gone."""
    watched: int | None = None
    with contextlib.suppress(AttributeError, OSError):  # pidfd: Linux 5.3+; elsewhere a poll each second
        watched = os.pidfd_open(bot)
    if watched is not None:
        select.select([watched], [], [])  # readable once the process has ended
    else:
        while _alive(bot):
            time.sleep(1.0)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def job(method: str, args: tuple[Any, ...]) -> tuple[str, Any]:
    assert _worker is not None, "the pool's initializer builds the worker's extractor"
    try:
        return "ok", getattr(_worker, method)(*args)
    except NoResults as error:
        return "no_results", error.query
    except TrackUnavailable as error:
        return "unavailable", (error.reason, error.transient)
    except InvalidQuery as error:
        return "invalid", str(error)


def unpack(outcome: tuple[str, Any]) -> Any:
    kind, value = outcome
    if kind == "ok":
        return value
    if kind == "no_results":
        raise NoResults(value)
    if kind == "unavailable":
        reason, transient = value
        raise TrackUnavailable(reason, transient=transient)
    raise InvalidQuery(value)
