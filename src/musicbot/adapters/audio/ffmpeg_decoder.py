"""One FFmpeg process decoding a stream into 20 ms PCM frames, read without blocking the event loop."""

from __future__ import annotations

import asyncio
import logging
from types import TracebackType

from musicbot.adapters.audio.ffmpeg_filters import filter_chain
from musicbot.adapters.audio.ffmpeg_process import FFmpegProcess, frames_allowed
from musicbot.adapters.audio.pcm import CHANNELS, FRAME_DURATION, FRAME_SIZE, SAMPLE_RATE
from musicbot.adapters.ffmpeg_binary import http_options
from musicbot.application.playback.ports import PlaybackRequest

log = logging.getLogger(__name__)

# FFmpeg gives up on a stalled server after this long instead of hanging forever (microseconds).
_RW_TIMEOUT_US = "15000000"
_MAX_RECONNECTS = 5


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


class FFmpegDecoder:
    """Owned by one task: `start`, then `read_frame` until None, then `finish`; `close` always, even cancelled."""

    def __init__(self, ffmpeg: str, request: PlaybackRequest) -> None:
        self._command = decoder_command(ffmpeg, request)
        self._start_at = request.start_at
        self._run: FFmpegProcess | None = None
        self._closing: asyncio.Future[None] | None = None
        self._eof = False
        self.frames_read = 0
        self._max_frames = frames_allowed(request, start_at=request.start_at, frame=FRAME_DURATION)
        self.overran = False

    @property
    def returncode(self) -> int | None:
        return None if self._run is None else self._run.returncode

    @property
    def pid(self) -> int | None:
        return None if self._run is None else self._run.pid

    async def start(self) -> None:
        if self._run is not None:
            raise RuntimeError("this decoder was already started")
        self._run = await FFmpegProcess.start(self._command)

    async def read_frame(self) -> bytes | None:
        """The next 20 ms of PCM (the last one padded with silence), or None at the end of the stream."""
        if self._eof:
            return None
        if self._max_frames is not None and self.frames_read >= self._max_frames:
            log.warning("stream kept going past its length (a server restarting it?); ending it")
            self._eof = self.overran = True
            await self.close()
            return None
        assert self._run is not None, "start() first"
        try:
            frame = await self._run.stdout.readexactly(FRAME_SIZE)
        except asyncio.IncompleteReadError as short:
            self._eof = True
            if not short.partial:
                return None
            frame = short.partial + bytes(FRAME_SIZE - len(short.partial))
        self.frames_read += 1
        return frame

    async def finish(self) -> str | None:
        """After the last frame: wait for FFmpeg to exit; None if it played the stream, else why it failed."""
        assert self._run is not None, "start() first"
        reason = await self._run.finish(frames=self.frames_read, start_at=self._start_at)
        return None if self.overran else reason  # heard to its end; what followed was the server repeating it

    async def close(self) -> None:
        """Kill FFmpeg and reap it and its pipes. Idempotent; the cleanup survives a cancelled caller."""
        run = self._run
        if run is None:
            return
        run.kill()
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._reap(run))
        await asyncio.shield(self._closing)

    async def _reap(self, run: FFmpegProcess) -> None:
        await run.reap()
        self._eof = True

    async def __aenter__(self) -> FFmpegDecoder:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()
