"""A `VoiceGateway` that plays to a local sink (WAV file, speakers, nothing) instead of a Discord channel.

The console driver, tests and benchmarks run the very same use-cases through it, so it behaves like the
Discord output: `play` needs a connected guild, one real FFmpeg process per song, frames paced every 20 ms.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
from collections.abc import Callable

from musicbot.adapters.audio.fallback_sink import FallbackSink
from musicbot.adapters.audio.ffmpeg_decoder import FFmpegDecoder
from musicbot.adapters.audio.filter_switch import open_incoming
from musicbot.adapters.audio.pacing import Playback, drop_incoming, next_frame, position, wait_turn
from musicbot.adapters.audio.pcm import FRAME_DURATION, apply_volume
from musicbot.adapters.audio.preload import Preloads
from musicbot.adapters.audio.sinks import AudioSink
from musicbot.adapters.ffmpeg_binary import find_ffmpeg, http_options
from musicbot.application.errors import NotConnected, PlaybackFailed
from musicbot.application.playback.ports import PlaybackEnded, PlaybackRequest
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.ids import ChannelId, GuildId

log = logging.getLogger(__name__)

_ON_END_GRACE = 5.0  # seconds aclose() lets running on_end callbacks finish


class LocalAudioOutput:
    """Plays each guild's songs into one shared sink; several guilds at once interleave their frames.

    A sink that breaks is not a song's failure: audio goes on into a null sink and `on_sink_lost` is told why.
    """

    def __init__(
        self,
        sink: AudioSink,
        *,
        ffmpeg_path: str | None = None,
        realtime: bool = True,
        on_sink_lost: Callable[[str], None] | None = None,
    ) -> None:
        self._sink = FallbackSink(sink, on_lost=on_sink_lost)
        self._ffmpeg = find_ffmpeg(ffmpeg_path)
        http_options(self._ffmpeg)  # asked once now (a process), not on the loop at the first play
        self._realtime = realtime
        self._connected: dict[GuildId, ChannelId] = {}
        self._playbacks: dict[GuildId, Playback] = {}
        self._locks: dict[GuildId, asyncio.Lock] = {}
        self._frames_written: dict[GuildId, int] = {}
        self._callbacks: set[asyncio.Task[None]] = set()
        self._preloader = Preloads(functools.partial(FFmpegDecoder, self._ffmpeg))
        self._closed = False

    # --- VoiceGateway ------------------------------------------------------------------------------------
    async def connect(self, guild_id: GuildId, channel_id: ChannelId) -> None:
        self._ensure_open()
        self._connected[guild_id] = channel_id

    async def disconnect(self, guild_id: GuildId) -> None:
        async with self._lock(guild_id):
            await self._stop(guild_id)
            await self._preloader.discard(guild_id)
            self._connected.pop(guild_id, None)

    def is_connected(self, guild_id: GuildId) -> bool:
        return guild_id in self._connected

    async def play(self, guild_id: GuildId, request: PlaybackRequest, on_end: PlaybackEnded) -> None:
        _check_volume(request.volume)
        async with self._lock(guild_id):
            self._ensure_open()
            if guild_id not in self._connected:
                raise NotConnected
            await self._stop(guild_id)
            decoder = await self._preloader.take(guild_id, request)
            if decoder is None:
                decoder = FFmpegDecoder(self._ffmpeg, request)
                await decoder.start()
            playback = Playback(request=request, decoder=decoder, on_end=on_end, volume=request.volume)
            playback.unpaused.set()
            playback.task = asyncio.create_task(self._pace(guild_id, playback), name=f"local-audio-{guild_id}")
            self._playbacks[guild_id] = playback

    async def stop(self, guild_id: GuildId) -> None:
        async with self._lock(guild_id):
            await self._stop(guild_id)
            await self._preloader.discard(guild_id)

    async def preload(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        async with self._lock(guild_id):
            self._ensure_open()
            await self._preloader.want(guild_id, request)
            if guild_id not in self._playbacks:
                self._preloader.due(guild_id, None)  # nothing plays: open it now

    async def pause(self, guild_id: GuildId) -> None:
        if (playback := self._playbacks.get(guild_id)) is not None:
            playback.unpaused.clear()

    async def resume(self, guild_id: GuildId) -> None:
        if (playback := self._playbacks.get(guild_id)) is not None:
            playback.unpaused.set()

    async def set_volume(self, guild_id: GuildId, volume: float) -> None:
        _check_volume(volume)
        if (playback := self._playbacks.get(guild_id)) is not None:
            playback.volume = volume  # read before each frame: heard within 20 ms

    async def set_filter(self, guild_id: GuildId, audio_filter: AudioFilter) -> None:
        """Heard from the next frame once the new decoder has one (see filter_switch.py)."""
        async with self._lock(guild_id):
            playback = self._playbacks.get(guild_id)
            if playback is None:
                return
            if playback.incoming is None and playback.request.audio_filter == audio_filter:
                return
            position = self.elapsed(guild_id) or 0.0
            incoming = await open_incoming(self._ffmpeg, playback.request, position, audio_filter)
            replaced, playback.incoming = playback.incoming, incoming
            if self._playbacks.get(guild_id) is not playback:  # it ended meanwhile
                replaced, playback.incoming = incoming, None
        if replaced is not None:
            await replaced.decoder.close()

    # --- for the console, tests and benchmarks ----------------------------------------------------------
    def preloaded_pid(self, guild_id: GuildId) -> int | None:
        """The pid of the next song's decoder, opened ahead, once it runs (None: nothing preloaded yet)."""
        return self._preloader.started_pid(guild_id)

    def is_playing(self, guild_id: GuildId) -> bool:
        return guild_id in self._playbacks

    def is_paused(self, guild_id: GuildId) -> bool:
        playback = self._playbacks.get(guild_id)
        return playback is not None and not playback.unpaused.is_set()

    def frames_written(self, guild_id: GuildId) -> int:
        """20 ms frames this guild wrote to the sink since the output was created, all songs together."""
        return self._frames_written.get(guild_id, 0)

    def elapsed(self, guild_id: GuildId) -> float | None:
        """Position in the current song (seconds from its start, `start_at` included); None if nothing plays."""
        playback = self._playbacks.get(guild_id)
        if playback is None:
            return None
        return position(playback)

    def decoder_pid(self, guild_id: GuildId) -> int | None:
        playback = self._playbacks.get(guild_id)
        return None if playback is None else playback.decoder.pid

    async def aclose(self) -> None:
        """Stop every guild, let pending on_end callbacks finish (briefly), close the sink. Idempotent."""
        if self._closed:
            return
        self._closed = True
        # Every guild ever locked, not just those playing: a play() still starting its decoder holds the lock.
        for guild_id in list(self._locks):
            await self.stop(guild_id)
        await self._preloader.discard_all()
        self._connected.clear()
        # An on_end may be what called aclose(): waiting for it would wait for ourselves.
        current = asyncio.current_task()
        pending = {task for task in self._callbacks if task is not current}
        if pending:
            _, late = await asyncio.wait(pending, timeout=_ON_END_GRACE)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late)
        self._sink.close()

    # --- internals ---------------------------------------------------------------------------------------
    def _lock(self, guild_id: GuildId) -> asyncio.Lock:
        # Serialises play/stop per guild: two concurrent plays must not both start a decoder.
        return self._locks.setdefault(guild_id, asyncio.Lock())

    def _ensure_open(self) -> None:
        if self._closed:
            raise PlaybackFailed("the local audio output is closed")

    async def _stop(self, guild_id: GuildId) -> None:
        """Lock held. Ends the guild's playback without calling its on_end."""
        playback = self._playbacks.pop(guild_id, None)
        if playback is None or playback.task is None:
            return
        playback.task.cancel()
        # asyncio.wait neither raises the task's CancelledError nor swallows our own cancellation.
        await asyncio.wait({playback.task})

    async def _pace(self, guild_id: GuildId, playback: Playback) -> None:
        reason: str | None
        try:
            while (frame := await next_frame(playback)) is not None:
                await wait_turn(playback, realtime=self._realtime)
                self._sink.write(apply_volume(frame, playback.volume))
                playback.frames += 1
                self._frames_written[guild_id] = self._frames_written.get(guild_id, 0) + 1
                if playback.deadline is not None:
                    playback.deadline += FRAME_DURATION
                if playback.request.duration is not None:
                    tempo = playback.request.audio_filter.tempo
                    remaining = (playback.request.duration - position(playback)) / tempo
                    self._preloader.due(guild_id, remaining)
            decoder = playback.decoder
            self._preloader.due(guild_id, None)
            reason = await decoder.finish()
        except asyncio.CancelledError:
            await playback.decoder.close()
            await drop_incoming(playback)
            raise  # stopped or replaced: the contract is that on_end is not called
        except Exception as error:  # a decoder that broke: this playback ends, the bot goes on
            log.warning("local playback in guild %s failed", guild_id, exc_info=True)
            reason = str(error) or type(error).__name__
        await playback.decoder.close()
        await drop_incoming(playback)
        if self._playbacks.get(guild_id) is playback:
            del self._playbacks[guild_id]
        # A task of its own: on_end may call play() for this guild, which stops (awaits) the current pacing
        # task; from inside this task that would wait for itself.
        callback = asyncio.create_task(self._call_on_end(playback.on_end, reason), name=f"on-end-{guild_id}")
        self._callbacks.add(callback)
        callback.add_done_callback(self._callbacks.discard)

    @staticmethod
    async def _call_on_end(on_end: PlaybackEnded, reason: str | None) -> None:
        try:
            await on_end(reason)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("an on_end callback of the local audio output failed")


def _check_volume(volume: float) -> None:
    if not math.isfinite(volume) or volume < 0:
        raise ValueError(f"a volume factor must be finite and >= 0, not {volume}")
