"""`musicbot cluster --shard-count N --processes P`: a small launcher for a bare machine (in containers the
orchestrator is the launcher). It migrates the database once, then starts P `musicbot run` children with
contiguous shard ranges (child i: MUSICBOT_HTTP_PORT + i, MUSICBOT_DATABASE_MIGRATE=check), restarts a child that
dies (backoff: 1 s doubling to 30 s, back to 1 s after a minute up), and stops them all on SIGTERM or Ctrl-C.
A child that exits with a configuration error (2) stops the cluster: restarting it would fail the same way."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import structlog

from musicbot.adapters.orphans import ending_with_parent

log = structlog.get_logger(__name__)

EXIT_CONFIG = 2
STOP_GRACE = 20.0  # seconds a child has to save its queues and leave voice after SIGTERM
STEADY = 60.0  # a child up this long restarts at the first backoff step again


def shard_ranges(shard_count: int, processes: int) -> list[range]:
    """Contiguous, as even as can be: 5 shards over 2 processes are 0-1 and 2-4."""
    if not 1 <= processes <= shard_count:
        raise ValueError(f"need 1 <= processes <= shard count ({processes}, {shard_count})")
    return [range(i * shard_count // processes, (i + 1) * shard_count // processes) for i in range(processes)]


def child_environment(
    base: Mapping[str, str], *, index: int, shards: range, shard_count: int, http_port: int
) -> dict[str, str]:
    env = dict(base)
    env["MUSICBOT_SHARD_COUNT"] = str(shard_count)
    env["MUSICBOT_SHARD_IDS"] = f"{shards.start}-{shards.stop - 1}"
    env["MUSICBOT_HTTP_PORT"] = str(http_port + index) if http_port else "0"
    env["MUSICBOT_DATABASE_MIGRATE"] = "check"  # the launcher migrated once, before them
    return env


@dataclass(slots=True)
class Backoff:
    first: float = 1.0
    longest: float = 30.0
    _next: float = 0.0

    def after_exit(self, ran_for: float) -> float:
        """Seconds to wait before starting again a child that ran `ran_for` seconds."""
        self._next = self.first if ran_for >= STEADY or not self._next else min(self._next * 2, self.longest)
        return self._next


class Cluster:
    def __init__(
        self,
        command: Sequence[str],
        *,
        shard_count: int,
        processes: int,
        http_port: int,
        environment: Mapping[str, str] | None = None,
        backoff_first: float = 1.0,
    ) -> None:
        self._command = list(command)
        self._ranges = shard_ranges(shard_count, processes)
        self._shard_count = shard_count
        self._http_port = http_port
        self._environment = dict(os.environ if environment is None else environment)
        self._backoff_first = backoff_first
        self.children: dict[int, asyncio.subprocess.Process] = {}
        self.starts = [0] * processes
        self._stopping = asyncio.Event()
        self._exit_code = 0

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> int:
        """Until `stop` (or a child's configuration error): the exit code."""
        watchers = [asyncio.create_task(self._keep(i), name=f"cluster-child-{i}") for i in range(len(self._ranges))]
        await self._stopping.wait()
        await asyncio.gather(*(self._terminate(child) for child in list(self.children.values())))
        await asyncio.gather(*watchers, return_exceptions=True)
        return self._exit_code

    async def _keep(self, index: int) -> None:
        backoff = Backoff(first=self._backoff_first)
        shards = self._ranges[index]
        env = child_environment(
            self._environment,
            index=index,
            shards=shards,
            shard_count=self._shard_count,
            http_port=self._http_port,
        )
        while not self._stopping.is_set():
            started = time.monotonic()
            # A session of its own: with the kernel's autogroup scheduling (a bare machine; containers have
            # their cgroups), each session shares the CPU as one group, so a child being torn down (SIGKILLed,
            # its hundred FFmpegs dying at once) cannot take the others' CPU. SIGTERM when the launcher itself
            # is killed outright: no child left running (and connected) without it.
            child = await asyncio.create_subprocess_exec(
                *ending_with_parent(self._command, signal="TERM"), env=env, start_new_session=True
            )
            self.children[index] = child
            self.starts[index] += 1
            log.info("cluster child started", child=index, shards=f"{shards.start}-{shards.stop - 1}", pid=child.pid)
            code = await child.wait()
            if self._stopping.is_set():
                return
            if code == EXIT_CONFIG:
                log.error("a cluster child refused its configuration; stopping the cluster", child=index)
                self._exit_code = EXIT_CONFIG
                self._stopping.set()
                return
            delay = backoff.after_exit(time.monotonic() - started)
            log.warning("cluster child exited; restarting", child=index, code=code, restart_in=delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), delay)

    @staticmethod
    async def _terminate(child: asyncio.subprocess.Process) -> None:
        if child.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            child.terminate()
        try:
            await asyncio.wait_for(child.wait(), STOP_GRACE)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                child.kill()
            await child.wait()


def run_command() -> list[str]:
    """The child's command: this Python running `musicbot run`."""
    return [sys.executable, "-m", "musicbot.entrypoints.cli", "run"]


async def serve_cluster(cluster: Cluster) -> int:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, cluster.stop)
    return await cluster.run()
