"""One FFmpeg process as both outputs run it: the console's PCM decoder (`ffmpeg_decoder.FFmpegDecoder`) and the
voice engine's Ogg Opus source (`discord_voice/source.py`'s `OpusSource`) each read its stdout their own way.

It is started in a process group of its own, its stderr read all along (only the tail kept, to explain a failure in
words a user can read), and killed and reaped, pipes included, whatever ends it. A stream with a known length
is not read much past it (`frames_allowed`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import Sequence

from musicbot.adapters.audio.spawn import SpawnedProcess, spawn
from musicbot.application.errors import PlaybackFailed
from musicbot.application.playback.ports import PlaybackRequest

_STDERR_KEPT = 2048  # bytes: enough for FFmpeg's last few error lines, bounded whatever it prints
_READ_LIMIT = 2**16  # asyncio's own default for what a pipe's reader buffers ahead
_OVERRUN_GRACE = 10.0  # seconds a stream may run past its announced length
_REASON_MAX = 200
# "[in#0 @ 0x55d...] " / "[https @ 0x...] ": where a message came from, noise to a user.
_LOG_PREFIX = re.compile(r"^(\[[^\]]* @ 0x[0-9a-f]+\]\s*)+")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
# FFmpeg's summaries that repeat the line before them or say nothing about the cause.
_GENERIC = re.compile(r"^(Error opening (input|output) files?\b|Conversion failed|Exiting normally)", re.I)


def frames_allowed(request: PlaybackRequest, *, start_at: float, frame: float) -> int | None:
    """How many frames of `frame` seconds a stream from `start_at` may give (None: its length is unknown).

    A server that ignores ranges and cuts every response short makes FFmpeg reconnect and start over forever; a
    song with a known length is not read much past it.
    """
    if request.duration is None:
        return None
    remaining = max(request.duration - start_at, 0.0) / request.audio_filter.tempo
    return int((remaining + _OVERRUN_GRACE) / frame)


class FFmpegProcess:
    """A running FFmpeg: `stdout` for its reader, `finish` once read to the end, `reap` always (idempotent)."""

    def __init__(self, process: SpawnedProcess) -> None:
        self._process = process
        self.stderr_tail = b""
        assert process.stderr is not None
        self._stderr_task = asyncio.create_task(self._keep_stderr_tail(process.stderr))

    @classmethod
    async def start(cls, command: Sequence[str], *, limit: int = _READ_LIMIT, niceness: int = 0) -> FFmpegProcess:
        """Spawn `command` (an argument vector); raises `PlaybackFailed` when FFmpeg cannot be started.

        `limit`: what asyncio buffers ahead of the reader per pipe. `niceness` > 0 runs FFmpeg below the bot.
        """
        try:
            # Off the event loop's thread (spawn.py: Popen blocked the loop for the vfork and the exec), in a
            # process group of its own: a Ctrl-C meant for the bot must not kill FFmpeg under it first.
            process = await spawn(command, limit=limit)
        except OSError as error:
            raise PlaybackFailed(f"could not start FFmpeg: {error.strerror or error}") from error
        if niceness and hasattr(os, "setpriority"):
            # Lower than the bot: under load, an encoder waits rather than the 20 ms sender.
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, process.pid, niceness)
        return cls(process)

    @property
    def pid(self) -> int:
        return self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.returncode

    @property
    def stdout(self) -> asyncio.StreamReader:
        assert self._process.stdout is not None
        return self._process.stdout

    def kill(self) -> None:
        if self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()

    async def finish(self, *, frames: int, start_at: float) -> str | None:
        """Once stdout is read to its end: None if FFmpeg played the stream (`frames` read), else why not."""
        returncode = await self._process.wait()
        await self._stderr_task
        return failure_reason(returncode, self.stderr_tail, frames=frames, start_at=start_at)

    async def reap(self) -> None:
        """Kill FFmpeg, then wait for it and for both its pipes to close."""
        self.kill()
        with contextlib.suppress(RuntimeError):  # another coroutine is reading it already: it ends with the pipe
            await self.stdout.read()  # a pipe's descriptor is only closed once its end is read
        await self._process.wait()
        await asyncio.wait({self._stderr_task})  # ends with the pipe, now that FFmpeg is gone

    async def _keep_stderr_tail(self, stderr: asyncio.StreamReader) -> None:
        # Read continuously so a chatty FFmpeg never blocks on a full pipe; only the tail explains a failure.
        while chunk := await stderr.read(1024):
            self.stderr_tail = (self.stderr_tail + chunk)[-_STDERR_KEPT:]


def failure_reason(returncode: int, stderr: bytes, *, frames: int, start_at: float = 0.0) -> str | None:
    """None when FFmpeg played the stream to its end, else a short reason a user can read."""
    lines = [_clean(line) for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    if returncode == 0 and frames > 0:
        # FFmpeg treats a read error in the middle of a stream as its end and exits 0: the song was cut short.
        cut = [line for line in lines if line.lower().startswith("error during demuxing")]
        return _shorten(f"the stream broke off: {cut[-1].split(':', 1)[-1].strip()}") if cut else None
    opening = [line for line in lines if line.lower().startswith("error opening input:")]
    if opening:
        return _shorten(f"could not open the stream: {opening[-1].split(':', 1)[1].strip()}")
    if any("does not contain any stream" in line for line in lines):
        return "the stream has no audio"
    useful = [line for line in lines if not _GENERIC.match(line)] or lines
    if frames == 0:
        detail = useful[-1] if useful else f"FFmpeg exited with code {returncode}"
        if returncode:
            return _shorten(f"could not play the stream: {detail}")
        return f"the stream has no audio after {start_at:g} s" if start_at > 0 else "the stream has no audio"
    detail = useful[-1] if useful else f"FFmpeg exited with code {returncode}"
    return _shorten(f"the stream broke off: {detail}")


def _clean(line: str) -> str:
    # Stream URLs often carry signatures or tokens; they have no place in a chat message.
    return _URL.sub("<url>", _LOG_PREFIX.sub("", line.strip())).strip()


def _shorten(reason: str) -> str:
    reason = reason.rstrip(".")
    return reason if len(reason) <= _REASON_MAX else reason[: _REASON_MAX - 1] + "…"
