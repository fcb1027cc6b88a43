"""One FFmpeg process decoding a stream into 20 ms PCM frames, read without blocking the event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from types import TracebackType

from musicbot.adapters.audio.ffmpeg_filters import filter_chain
from musicbot.adapters.audio.pcm import CHANNELS, FRAME_DURATION, FRAME_SIZE, SAMPLE_RATE
from musicbot.adapters.ffmpeg_binary import http_options
from musicbot.application.errors import PlaybackFailed
from musicbot.application.ports import PlaybackRequest

log = logging.getLogger(__name__)

_STDERR_KEPT = 2048  # bytes: enough for FFmpeg's last few error lines, bounded whatever it prints
_REASON_MAX = 200
# FFmpeg gives up on a stalled server after this long instead of hanging forever (microseconds).
_RW_TIMEOUT_US = "15000000"
# "[in#0 @ 0x55d...] " / "[https @ 0x...] ": where a message came from, noise to a user.
_LOG_PREFIX = re.compile(r"^(\[[^\]]* @ 0x[0-9a-f]+\]\s*)+")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
# FFmpeg's summaries that repeat the line before them or say nothing about the cause.
_GENERIC = re.compile(r"^(Error opening (input|output) files?\b|Conversion failed|Exiting normally)", re.I)


_MAX_RECONNECTS = 5
_OVERRUN_GRACE = 10.0  # seconds a stream may run past its announced length


def is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def decoder_command(ffmpeg: str, request: PlaybackRequest) -> list[str]:
    """The argument vector (never a shell line: the URL comes from the outside world)."""
    command = [ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error"]
    if is_http(request.stream_url):
        command += ["-reconnect", "1", "-reconnect_streamed", "1", "-reconnect_delay_max", "5"]
        if "reconnect_max_retries" in http_options(ffmpeg):
            # A server that cuts every response at the same byte would otherwise be asked again forever.
            command += ["-reconnect_max_retries", str(_MAX_RECONNECTS)]
        command += ["-rw_timeout", _RW_TIMEOUT_US]
        if request.http_headers:
            # CR/LF inside a value would let a header smuggle in more headers.
            lines = (f"{_one_line(name)}: {_one_line(value)}\r\n" for name, value in request.http_headers)
            command += ["-headers", "".join(lines)]
    if request.start_at > 0:
        command += ["-ss", f"{request.start_at:.3f}"]  # before -i: a fast seek in the input
    command += ["-i", request.stream_url, "-vn", "-sn", "-dn"]
    if (chain := filter_chain(request.audio_filter, 1.0)) is not None:  # the volume is applied per frame, live
        command += ["-af", chain]
    command += ["-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", str(CHANNELS), "pipe:1"]
    return command


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ").strip()


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


class FFmpegDecoder:
    """Owned by one task: `start`, then `read_frame` until None, then `finish`; `close` always, even cancelled."""

    def __init__(self, ffmpeg: str, request: PlaybackRequest) -> None:
        self._command = decoder_command(ffmpeg, request)
        self._start_at = request.start_at
        self._process: asyncio.subprocess.Process | None = None
        self._stderr_task: asyncio.Task[None] | None = None
        self._stderr_tail = b""
        self._closing: asyncio.Future[None] | None = None
        self._eof = False
        self.frames_read = 0
        # A server that ignores ranges and cuts every response short makes FFmpeg reconnect and start over
        # forever; a song with a known length is not read much past it.
        self._max_frames = (
            None
            if request.duration is None
            else int(
                (max(request.duration - request.start_at, 0) / request.audio_filter.tempo + _OVERRUN_GRACE)
                / FRAME_DURATION
            )
        )
        self.overran = False

    @property
    def returncode(self) -> int | None:
        return None if self._process is None else self._process.returncode

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    async def start(self) -> None:
        if self._process is not None:
            raise RuntimeError("this decoder was already started")
        try:
            self._process = await asyncio.create_subprocess_exec(
                *self._command,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                # Its own session: a Ctrl-C in the console must stop the bot, not kill FFmpeg under it first.
                start_new_session=True,
            )
        except OSError as error:
            raise PlaybackFailed(f"could not start FFmpeg: {error.strerror or error}") from error
        assert self._process.stderr is not None
        self._stderr_task = asyncio.create_task(self._keep_stderr_tail(self._process.stderr))

    async def read_frame(self) -> bytes | None:
        """The next 20 ms of PCM (the last one padded with silence), or None at the end of the stream."""
        if self._eof:
            return None
        if self._max_frames is not None and self.frames_read >= self._max_frames:
            log.warning("stream kept going past its length (a server restarting it?); ending it")
            self._eof = self.overran = True
            await self.close()
            return None
        stdout = self._stdout()
        try:
            frame = await stdout.readexactly(FRAME_SIZE)
        except asyncio.IncompleteReadError as short:
            self._eof = True
            if not short.partial:
                return None
            frame = short.partial + bytes(FRAME_SIZE - len(short.partial))
        self.frames_read += 1
        return frame

    async def finish(self) -> str | None:
        """After the last frame: wait for FFmpeg to exit; None if it played the stream, else why it failed."""
        assert self._process is not None, "start() first"
        assert self._stderr_task is not None
        returncode = await self._process.wait()
        await self._stderr_task
        if self.overran:
            return None  # it was heard to its end; what followed was the server repeating it
        return failure_reason(returncode, self._stderr_tail, frames=self.frames_read, start_at=self._start_at)

    async def close(self) -> None:
        """Kill FFmpeg and reap it and its pipes. Idempotent; the cleanup survives a cancelled caller."""
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._reap(process))
        await asyncio.shield(self._closing)

    async def _reap(self, process: asyncio.subprocess.Process) -> None:
        async def drain_stdout() -> None:
            # The pipe's descriptor is only closed once its end is read; a paused reader would keep it open.
            with contextlib.suppress(RuntimeError):  # another coroutine is already reading it to the end
                await self._stdout().read()

        stderr_task = self._stderr_task
        assert stderr_task is not None
        await asyncio.gather(process.wait(), drain_stdout(), stderr_task)
        self._eof = True

    async def __aenter__(self) -> FFmpegDecoder:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    def _stdout(self) -> asyncio.StreamReader:
        assert self._process is not None, "start() first"
        assert self._process.stdout is not None
        return self._process.stdout

    async def _keep_stderr_tail(self, stderr: asyncio.StreamReader) -> None:
        # Read continuously so a chatty FFmpeg never blocks on a full pipe; only the tail explains a failure.
        while chunk := await stderr.read(1024):
            self._stderr_tail = (self._stderr_tail + chunk)[-_STDERR_KEPT:]
