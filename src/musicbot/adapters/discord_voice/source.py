"""One FFmpeg process writing Ogg Opus, read by a task of its own into a bounded buffer of 20 ms packets.

The reader task (event loop) appends to `packets`; the sender (its own thread, or a task) pops from it and
counts in `taken`. `deque.append`/`popleft` are atomic; every other attribute has one writer, named below.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque

from musicbot.adapters.audio.ffmpeg_process import FFmpegProcess, frames_allowed
from musicbot.adapters.discord_voice.ffmpeg_opus import can_copy, opus_command
from musicbot.adapters.discord_voice.ogg import OggError, OggOpusParser, opus_samples
from musicbot.application.playback.ports import PlaybackRequest

log = logging.getLogger(__name__)

FRAME = 0.020  # seconds of audio in a packet
FRAME_SAMPLES = 960  # at 48 kHz
HIGH_WATER = 50  # packets (1 s) the reader holds before it waits; FFmpeg's pipe holds a few seconds more
LOW_WATER = 25  # the sender wakes a waiting reader once fewer are left
_CHUNK = 16 * 1024  # bytes a read: ~1 s of 128 kbps Opus


class OpusSource:
    def __init__(
        self,
        ffmpeg: str,
        request: PlaybackRequest,
        *,
        volume: float,
        start_at: float,
        copy: bool | None = None,
        niceness: int = 0,
        first_packet_timeout: float | None = None,
    ) -> None:
        self.request = request
        self.volume = volume
        self.base = start_at  # position in the song of packet 0
        self.tempo = request.audio_filter.tempo  # seconds of the song in one second of audio
        self.copy = can_copy(request, volume) if copy is None else copy
        self.command = opus_command(ffmpeg, request, copy=self.copy, volume=volume, start_at=start_at)
        self._ffmpeg = ffmpeg
        self._niceness = niceness
        self.packets: deque[bytes] = deque()
        self.taken = 0  # sender: packets popped (sent, or skipped to line up a switch)
        self.hungry = False  # reader: it waits for the sender to make room
        self.done = False  # reader: no packet will be added any more; `reason` is final
        self.reason: str | None = None  # reader: None for a stream played to its end
        self.started_at: float | None = None
        self.first_packet_at: float | None = None  # perf_counter() when the first packet was buffered
        self.fell_back = False  # a copy attempt found no 20 ms Opus and transcodes instead
        # A server that accepts the request and sends nothing holds FFmpeg until its own timeout (15 s), and the
        # retry after it would wait as long again: with no packet within `first_packet_timeout` s, FFmpeg is
        # killed and the source ends `stalled`.
        self.first_packet_timeout = first_packet_timeout
        self.stalled = False  # reader: ended because nothing came in time
        self._stall_timer: asyncio.TimerHandle | None = None
        self._read_count = 0
        self._room = asyncio.Event()
        self._ready = asyncio.Event()  # set at the first packet, or when the stream ended without one
        self._run: FFmpegProcess | None = None
        self._reader: asyncio.Task[None] | None = None
        self._closing: asyncio.Future[None] | None = None
        self._max_packets = frames_allowed(request, start_at=start_at, frame=FRAME)

    @property
    def pid(self) -> int | None:
        return None if self._run is None else self._run.pid

    @property
    def started(self) -> bool:
        return self._reader is not None

    @property
    def position(self) -> float:
        """Where the next packet starts, in seconds from the song's start."""
        return self.base + self.taken * FRAME * self.tempo

    async def start(self) -> None:
        """Spawn FFmpeg and start reading; raises `PlaybackFailed` when FFmpeg cannot be started."""
        if self._reader is not None:
            raise RuntimeError("this source was already started")
        self.started_at = time.perf_counter()
        await self._spawn()
        self._reader = asyncio.create_task(self._read(), name=f"opus-source-{self.pid}")
        if self.first_packet_timeout is not None:
            self._stall_timer = asyncio.get_running_loop().call_later(self.first_packet_timeout, self._stall)

    def _stall(self) -> None:
        """Nothing came in time: end the stream (the reader finds FFmpeg's pipe closed and finishes)."""
        if self.first_packet_at is not None or self.done or self._run is None:
            return
        self.stalled = True
        log.info("no audio from %r within %g s; giving it up", self.request.title, self.first_packet_timeout)
        self._run.kill()

    async def ready(self) -> None:
        """Returns once the first packet is buffered (or the stream ended, `reason` saying why)."""
        await self._ready.wait()

    def wake(self) -> None:
        """Event loop only: the sender made room."""
        self._room.set()

    async def close(self) -> None:
        """Kill FFmpeg, reap it, drop its pipes and the reader. Idempotent; survives a cancelled caller."""
        if self._closing is None:
            self._closing = asyncio.ensure_future(self._shut())
        await asyncio.shield(self._closing)

    async def _shut(self) -> None:
        if self._stall_timer is not None:
            self._stall_timer.cancel()
        reader = self._reader
        if reader is not None and not reader.done():
            reader.cancel()
            await asyncio.wait({reader})
        await self._kill()
        self.done = True

    async def _spawn(self) -> None:
        # What asyncio buffers ahead of us per pipe: bounded memory with 400 streams.
        self._run = await FFmpegProcess.start(self.command, limit=_CHUNK, niceness=self._niceness)

    async def _read(self) -> None:
        try:
            while not await self._pump():
                await self._kill()  # the copy was not 20 ms Opus: nothing was buffered, start over transcoding
                self.copy, self.fell_back = False, True
                self.command = opus_command(
                    self._ffmpeg, self.request, copy=False, volume=self.volume, start_at=self.base
                )
                await self._spawn()
            self.reason = await self._finish()
            if self.stalled:
                self.reason = f"the source sent nothing for {self.first_packet_timeout:g} s"
        except asyncio.CancelledError:
            raise
        except Exception as error:  # never let one song's stream take anything else down
            log.warning("reading FFmpeg's Opus failed", exc_info=True)
            self.reason = f"the stream could not be read: {error}"
            await self._kill()
        finally:
            if self._stall_timer is not None:
                self._stall_timer.cancel()
            self.done = True
            self._ready.set()

    async def _pump(self) -> bool:
        """Reads the stream to its end; False when a copy turned out not to be 20 ms Opus (nothing kept)."""
        assert self._run is not None
        stdout = self._run.stdout
        parser = OggOpusParser()
        while True:
            if len(self.packets) >= HIGH_WATER:
                self._room.clear()
                self.hungry = True
                if len(self.packets) >= HIGH_WATER:  # checked again: the sender may have made room meanwhile
                    await self._room.wait()
                self.hungry = False
                continue
            chunk = await stdout.read(_CHUNK)
            if not chunk:
                return True
            try:
                packets = parser.feed(chunk)
            except OggError:
                if self.copy and self._read_count == 0:
                    return False
                raise
            if packets and self._read_count == 0:
                if self.copy and opus_samples(packets[0]) != FRAME_SAMPLES:
                    return False
                self.first_packet_at = time.perf_counter()
                self._ready.set()
            self._read_count += len(packets)
            self.packets.extend(packets)
            if self._max_packets is not None and self._read_count >= self._max_packets:
                log.warning("stream kept going past its length (a server restarting it?); ending it")
                await self._kill()
                return True

    async def _finish(self) -> str | None:
        assert self._run is not None
        reason = await self._run.finish(frames=self._read_count, start_at=self.base)
        if self._max_packets is not None and self._read_count >= self._max_packets:
            return None
        return reason

    async def _kill(self) -> None:
        if self._run is not None:
            await self._run.reap()
