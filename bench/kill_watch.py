"""What happens on the machine when `bench/sharded_burst.py` SIGKILLs one bot (`--kill-watch DIR`).

- the killed bot's descendants (FFmpegs, the yt-dlp fork server and its workers): how many there were, and how
  long until the last of them was gone (a child that outlives its bot is an orphan nobody reaps in time);
- the survivor's threads: how long each waited for a CPU (`/proc/<pid>/task/<tid>/schedstat`) over the 5 s
  before and the 5 s after the kill, the largest first;
- py-spy on the survivor from 1 s before the kill to 4 s after (raw folded stacks in DIR, `--idle` off), so
  what its threads did while its sender was late can be read (`sort | uniq` the lines, or a flame graph).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import sys
import time
from pathlib import Path


def descendants(pid: int) -> dict[int, str]:
    """Every descendant of `pid` (pid -> command name)."""
    parents: dict[int, tuple[int, str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            text = stat.read_text()
            name = text[text.index("(") + 1 : text.rindex(")")]
            parents[int(stat.parent.name)] = (int(text.rsplit(")", 1)[1].split()[1]), name)
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, (ppid, name) in parents.items():
            if ppid == parent and child not in found:
                found[child] = name
                frontier.append(child)
    return found


TICKS = os.sysconf("SC_CLK_TCK")


def machine_busy() -> float:
    """CPU seconds the machine spent busy so far (all cores; idle and iowait aside)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields) - fields[3] - fields[4]) / TICKS


def process_cpu() -> dict[int, tuple[str, float]]:
    """Every process now: pid -> (command name, CPU seconds so far)."""
    found: dict[int, tuple[str, float]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            text = stat.read_text()
            fields = text.rsplit(")", 1)[1].split()
            found[int(stat.parent.name)] = (text[text.index("(") + 1 : text.rindex(")")],
                                            (int(fields[11]) + int(fields[12])) / TICKS)  # fmt: skip
    return found


def thread_waits(pid: int) -> dict[str, float]:
    """Thread name (with its tid) -> seconds it has waited for a CPU so far."""
    waits: dict[str, float] = {}
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            name = (task / "comm").read_text().strip()
            waits[f"{name}/{task.name}"] = int((task / "schedstat").read_text().split()[1]) / 1e9
    return waits


def alive(pid: int) -> bool:
    """Still running (a zombie waiting for whoever inherited it to reap it has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


class KillWatch:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self._profiler: asyncio.subprocess.Process | None = None
        self.lines: list[str] = []

    async def before(self, killed: int, survivor: int) -> None:
        """Call 1 s before the kill: starts py-spy on the survivor, notes its threads' waits and the children."""
        self._survivor = survivor
        self._children = descendants(killed)
        self._waits_start = thread_waits(survivor)
        py_spy = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
        if py_spy is not None:
            self._profiler = await asyncio.create_subprocess_exec(
                py_spy, "record", "--pid", str(survivor), "--duration", "5", "--rate", "200", "--threads",
                "--format", "raw", "--output", str(self.directory / "survivor-kill.txt"), "--nonblocking",
                stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            )  # fmt: skip
        await asyncio.sleep(1)
        self._waits_kill = thread_waits(survivor)
        self._cpu_kill, self._busy_kill = process_cpu(), machine_busy()
        self._killed_at = time.monotonic()

    async def after(self) -> None:
        """Call right after the kill: follows the killed bot's descendants for up to 10 s, then the waits."""
        remaining = dict(self._children)
        gone_after: float | None = None
        cpu_second: tuple[dict[int, tuple[str, float]], float] | None = None
        while time.monotonic() - self._killed_at < 10:
            if cpu_second is None and time.monotonic() - self._killed_at >= 1:
                cpu_second = process_cpu(), machine_busy()
            remaining = {pid: name for pid, name in remaining.items() if alive(pid)}
            if not remaining:
                gone_after = time.monotonic() - self._killed_at
                break
            await asyncio.sleep(0.02)
        names = sorted({name for name in self._children.values()})
        self.lines.append(f"killed bot's descendants: {len(self._children)} ({', '.join(names)})")
        if gone_after is None:
            left = sorted({name for name in remaining.values()})
            self.lines.append(f"  {len(remaining)} still running 10 s after the kill: {', '.join(left)}")
        else:
            self.lines.append(f"  all gone {gone_after * 1000:.0f} ms after the kill")
        if cpu_second is None:
            cpu_second = process_cpu(), machine_busy()
        self._cpu_lines(*cpu_second)
        await asyncio.sleep(max(0.0, self._killed_at + 5 - time.monotonic()))
        waits_end = thread_waits(self._survivor)
        before = _deltas(self._waits_start, self._waits_kill)
        after = _deltas(self._waits_kill, waits_end)
        self.lines.append("survivor's threads, CPU wait (ms) in the 1 s before / the 5 s after the kill:")
        for name, waited in sorted(after.items(), key=lambda item: -item[1])[:8]:
            self.lines.append(f"  {name}: {before.get(name, 0) * 1000:.1f} / {waited * 1000:.1f}")
        if self._profiler is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._profiler.wait(), 10)
            self.lines.append(f"py-spy of the survivor: {self.directory / 'survivor-kill.txt'}")
        (self.directory / "kill-watch.txt").write_text("\n".join(self.lines) + "\n")

    def _cpu_lines(self, after: dict[int, tuple[str, float]], busy: float) -> None:
        """Who used the machine's CPU in the second after the kill (by command name; the killed bot's own
        descendants apart), and how much went to processes that ended meanwhile (not in /proc any more)."""
        used: dict[str, float] = {}
        for pid, (name, seconds) in after.items():
            start = self._cpu_kill.get(pid, (name, 0.0))[1] if pid in self._cpu_kill else 0.0
            key = "survivor" if pid == self._survivor else f"{name} (killed bot's)" if pid in self._children else name
            used[key] = used.get(key, 0.0) + seconds - start
        spent = busy - self._busy_kill
        ended = spent - sum(used.values())
        top = sorted(used.items(), key=lambda item: -item[1])[:8]
        self.lines.append(f"CPU in the 1 s after the kill: {spent:.2f} s busy in all (load {os.getloadavg()[0]:.1f})")
        self.lines.append(f"  ended meanwhile (the killed bot and its children, reaped): ~{max(ended, 0):.2f} s")
        self.lines.extend(f"  {name}: {seconds:.2f} s" for name, seconds in top)


def _deltas(start: dict[str, float], end: dict[str, float]) -> dict[str, float]:
    return {name: end[name] - start.get(name, 0.0) for name in end}
