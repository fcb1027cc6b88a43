"""What a test that timed out was waiting for: pytest-timeout prints each thread's stack, and for an asyncio test
the main thread only shows the event loop in `select()`. This adds every unfinished task's stack (the `await`
each one is parked on) and the state of each child process (R running, S sleeping, T stopped, Z zombie...)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.support.processes import child_pids


def unfinished_tasks() -> str:
    tasks = [task for task in list(getattr(asyncio.tasks, "_all_tasks", ())) if not task.done()]
    return "".join(_awaits(task) for task in tasks) or "no unfinished asyncio task\n"


def _awaits(task: asyncio.Task[object]) -> str:
    """The task's whole chain of awaits (`Task.print_stack` shows only its outermost coroutine)."""
    lines = [f"{task.get_name()}:"]
    step: object = task.get_coro()
    while step is not None:
        frame = getattr(step, "cr_frame", None) or getattr(step, "gi_frame", None)
        if frame is not None:
            lines.append(f"  {frame.f_code.co_filename}:{frame.f_lineno} in {frame.f_code.co_name}")
        step = getattr(step, "cr_await", None) or getattr(step, "gi_yieldfrom", None)
    lines.append(f"  waiting for {getattr(task, '_fut_waiter', None)!r}")
    return "\n".join(lines) + "\n"


def children() -> str:
    lines = []
    for pid in sorted(child_pids()):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        lines.append(f"{pid} {state} {command[:200]}")
    return "\n".join(lines) + "\n" if lines else "no child process\n"


def report(timed_out: BaseException) -> list[tuple[str, str]]:
    """The report sections to add when `timed_out` is pytest-timeout's failure, else none."""
    if "Timeout" not in str(timed_out):
        return []
    return [("asyncio tasks at the timeout", unfinished_tasks()), ("child processes at the timeout", children())]
