"""Running a check in a thread of its own: on Linux a thread's nice value and scheduling policy are its own, so
a test that changes them leaves the test runner's thread as it was."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def in_a_thread(body: Callable[[], Any]) -> Any:
    """`body()`, run to its end in a new thread; what it returned."""
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(body()))
    thread.start()
    thread.join()
    return result[0]
