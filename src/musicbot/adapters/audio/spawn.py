"""FFmpeg started on a thread of its own, then read and reaped by the event loop, as `asyncio.subprocess` would.

`asyncio.create_subprocess_exec` runs `subprocess.Popen` on the event loop's thread: building the arguments, the
vfork, the child's `execve` (the parent waits until the new program is loaded: the pipe that reports a failed
exec closes only then) and the pipes' registration. Measured on these 2 shared cores, that was 1–3 ms a spawn on
a quiet machine and tens of ms under load (`bench/play_burst.py` py-spy: `Popen._execute_child` was the loop's
largest item after its idle time during a burst of 100 /play). The GIL is released while the parent waits for
the exec, so on another thread the spawn costs the loop nothing but a hand-off.

The result offers what the callers use of `asyncio.subprocess.Process`: `pid`, `returncode`, `stdout`/`stderr`
(`asyncio.StreamReader`), `kill()` and `wait()`. The exit is seen through a pidfd in the loop's selector on
Linux (no thread per child), or a thread waiting for it elsewhere.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

from musicbot.adapters.orphans import ending_with_parent
from musicbot.adapters.thread_priority import set_thread_nice, thread_nice

SPAWNERS = 2  # threads that start processes: a spawn mostly waits for the kernel, and the GIL is free meanwhile


def normal_priority() -> None:
    """The calling thread back to nice 0 if it inherited a lower value (the event loop's thread runs at nice -5,
    entrypoints/loop_priority.py), so that what it starts does not compete with the loop's thread: a process
    inherits the nice value of the thread that started it. Raising a nice value needs no privilege."""
    nice = thread_nice()
    if nice is not None and nice < 0:
        set_thread_nice(0)


_spawner = ThreadPoolExecutor(max_workers=SPAWNERS, thread_name_prefix="ffmpeg-spawn", initializer=normal_priority)


class SpawnedProcess:
    """A child started by `spawn`; its pipes are asyncio streams of the loop that called `spawn`."""

    def __init__(self, popen: subprocess.Popen[bytes], stdout: asyncio.StreamReader, stderr: asyncio.StreamReader):
        self._popen = popen
        self.pid = popen.pid
        self.stdout = stdout
        self.stderr = stderr
        self._exited = asyncio.get_running_loop().create_future()
        self._watch()

    @property
    def returncode(self) -> int | None:
        return self._popen.returncode

    def kill(self) -> None:
        """SIGKILL, unless it was already reaped; raises `ProcessLookupError` as asyncio's does then."""
        if self._popen.returncode is not None:
            raise ProcessLookupError(self.pid)
        self._popen.kill()

    async def wait(self) -> int:
        return await asyncio.shield(self._exited)

    def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            pidfd = os.pidfd_open(self.pid)
        except (AttributeError, OSError):  # not Linux 5.3+: a thread of its own waits for it
            # Not the loop's default executor: its few threads (6 on 2 cores) would all wait for living children,
            # and every other `to_thread` (a voice sender's join at close) would queue behind them for ever.
            waiting = threading.Thread(target=self._wait, args=(loop,), name=f"waitpid-{self.pid}", daemon=True)
            waiting.start()
            return

        def exited() -> None:
            loop.remove_reader(pidfd)
            os.close(pidfd)
            self._popen.wait()  # it has exited: this only reaps it
            self._reaped()

        loop.add_reader(pidfd, exited)

    def _wait(self, loop: asyncio.AbstractEventLoop) -> None:
        self._popen.wait()
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile: nobody waits any more
            loop.call_soon_threadsafe(self._reaped)

    def _reaped(self) -> None:
        if not self._exited.done():
            self._exited.set_result(self._popen.returncode)


async def spawn(command: Sequence[str], *, limit: int = 2**16) -> SpawnedProcess:
    """Start `command` (stdin /dev/null, stdout and stderr piped, its own process group: a Ctrl-C meant for the
    bot must not kill FFmpeg under it first) without blocking the event loop. Raises `OSError` as Popen does.
    `limit`: what each pipe's reader buffers ahead of its consumer. A caller cancelled meanwhile leaves no child:
    the process is killed and reaped (once it exists) before the cancellation goes on."""
    loop = asyncio.get_running_loop()
    arguments = list(command)

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            ending_with_parent(arguments),  # killed with this thread, so with the bot however it ends (orphans.py)
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
            # Not a session of its own (setsid): with the kernel's autogroup scheduling (on unless the process
            # is in a cgroup of its own), each session is one group weighted like all the bot's threads
            # together, so a hundred FFmpegs outweighed the bot 100 to 1 whatever their niceness, and when a bot
            # was SIGKILLed the other process's loop waited for a CPU behind its hundred dying FFmpegs.
            process_group=0,
        )

    starting = _spawner.submit(start)
    try:
        popen = await asyncio.shield(asyncio.wrap_future(starting))
    except asyncio.CancelledError:
        # Given up (a preload discarded, the bot closing): the child is killed and reaped, off the loop, before
        # the cancellation goes on, so a stop() or aclose() that gave it up returns with no FFmpeg left behind.
        discarded: Future[None] = Future()
        starting.add_done_callback(lambda started: _discard(started, discarded))
        await _settled(discarded)
        raise
    connected: list[asyncio.BaseTransport] = []
    try:
        stdout = await _stream(loop, popen.stdout, limit, connected)
        stderr = await _stream(loop, popen.stderr, limit, connected)
    except BaseException:
        # Cancelled (a preload given up) or failed between the two pipes: a connected pipe is closed by its
        # transport, on this thread. Closed on the spawner's thread instead, its descriptor left the kernel's
        # epoll set but not the loop's selector, and the next pipe given the same number was never polled: its
        # reader, and whoever reaped that FFmpeg, waited for ever (a CI run's 120 s timeout).
        for transport in connected:
            transport.close()
        for pipe in (popen.stdout, popen.stderr):
            if pipe is not None and not any(transport.get_extra_info("pipe") is pipe for transport in connected):
                pipe.close()
        await _settled(_spawner.submit(_kill_and_reap, popen))
        raise
    return SpawnedProcess(popen, stdout, stderr)


async def _settled(cleanup: Future[None]) -> None:
    """Wait for a given-up child's kill and reap; cancelled again meanwhile, the spawner's thread finishes it.
    Its own failure (none is known) must not replace the error or cancellation the caller is raising."""
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await asyncio.shield(asyncio.wrap_future(cleanup))


async def _stream(
    loop: asyncio.AbstractEventLoop, pipe: object, limit: int, connected: list[asyncio.BaseTransport]
) -> asyncio.StreamReader:
    reader = asyncio.StreamReader(limit=limit, loop=loop)
    transport, _ = await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader, loop=loop), pipe)
    connected.append(transport)
    return reader


def _discard(starting: Future[subprocess.Popen[bytes]], discarded: Future[None]) -> None:
    """A spawn nobody waits for any more: kill and reap the child off the loop (on the spawner's thread), then
    tell `discarded`, whatever happens."""
    if starting.cancelled() or starting.exception() is not None:
        discarded.set_result(None)
        return
    try:
        cleanup = _spawner.submit(_discard_now, starting.result())
    except RuntimeError:  # the interpreter is shutting down: the child dies with us (orphans.py)
        discarded.set_result(None)
        return
    cleanup.add_done_callback(lambda _: discarded.set_result(None))


def _discard_now(popen: subprocess.Popen[bytes]) -> None:
    """A child whose pipes no transport ever held: closed here, with the child killed and reaped."""
    for pipe in (popen.stdout, popen.stderr):
        if pipe is not None and not pipe.closed:
            pipe.close()
    _kill_and_reap(popen)


def _kill_and_reap(popen: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        popen.kill()
    popen.wait()
