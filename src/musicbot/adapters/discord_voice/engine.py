"""Songs to voice connections: FFmpeg sources per guild, one shared sender, the `VoiceGateway` playback contract.

Discord-free (connections come in through `attach`), so tests drive it with fake connections and real FFmpeg.
`play` replaces what plays without calling the old `on_end`; `on_end` runs once, in a task of its own, with
None at the natural end or a reason when FFmpeg failed or the connection did not come back.
"""

from __future__ import annotations

import asyncio
import contextlib

from musicbot.adapters.discord_voice.drivers import Driver, TaskDriver, ThreadDriver
from musicbot.adapters.discord_voice.ffmpeg_opus import check_volume
from musicbot.adapters.discord_voice.hooks import LoopHooks, discard, speak
from musicbot.adapters.discord_voice.lane import Lane, LaneStats, Playback, VoiceConnection
from musicbot.adapters.discord_voice.opus_sources import OpusSources
from musicbot.adapters.discord_voice.preloads import Preloads
from musicbot.adapters.discord_voice.sender import PacketSender
from musicbot.adapters.discord_voice.source import OpusSource
from musicbot.adapters.discord_voice.volume import switch_sound, switch_volume
from musicbot.adapters.ffmpeg_binary import find_ffmpeg, http_options
from musicbot.application.errors import NotConnected, PlaybackFailed
from musicbot.application.playback.ports import PlaybackEnded, PlaybackRequest
from musicbot.domain.audio_filter import AudioFilter
from musicbot.domain.ids import GuildId

_READY_WAIT = 0.5  # seconds play() waits for a new song's first packet before switching anyway
# Seconds a source may take to its first packet before it is given up (a server that accepts and sends nothing).
# A slow but working server answers in a few; FFmpeg's own stall timeout is 15 s, and a retry would repeat it.
FIRST_PACKET_TIMEOUT = 10.0
_GRACE = 5.0  # seconds aclose() lets running callbacks finish


class VoiceEngine:
    def __init__(
        self,
        *,
        ffmpeg_path: str | None = None,
        threaded: bool = True,
        reconnect_timeout: float = 30.0,
        niceness: int = 5,
        first_packet_timeout: float = FIRST_PACKET_TIMEOUT,
    ) -> None:
        ffmpeg = find_ffmpeg(ffmpeg_path)
        http_options(ffmpeg)  # asked once now (a process), not on the loop at the first play
        self._threaded = threaded
        self._sources = OpusSources(ffmpeg, niceness=niceness, first_packet_timeout=first_packet_timeout)
        self._preloads = Preloads(self._sources, self._remaining)
        # A song that ended makes room for the next one's FFmpeg (already running, unless it followed a live one).
        self._hooks = LoopHooks(on_ended=self._preloads.start_now)
        self.sender = PacketSender(self._hooks, reconnect_timeout=reconnect_timeout)
        self._driver: Driver | None = None
        self._lanes: dict[GuildId, Lane] = {}
        self._locks: dict[GuildId, asyncio.Lock] = {}
        self._closed = False

    # --- connections ---------------------------------------------------------------------------------
    def attach(self, guild_id: GuildId, connection: VoiceConnection) -> None:
        """Send this guild's audio through `connection` (a new one replaces the old, what plays goes on)."""
        self._ensure_open()
        if self._driver is None:
            factory = ThreadDriver if self._threaded else TaskDriver
            self._driver = factory(self.sender, asyncio.get_running_loop())
        lane = self._lanes.get(guild_id)
        if lane is not None:
            lane.reconnect(connection)
            if lane.current is not None and not lane.paused:
                self._hooks.spawn(speak(lane, on=True))
            return
        lane = Lane(guild_id, connection)
        self._lanes[guild_id] = lane
        self._locks[guild_id] = asyncio.Lock()
        self.sender.add(lane)

    async def detach(self, guild_id: GuildId) -> None:
        """Stop the guild's audio and forget its connection (the caller disconnects it)."""
        lock = self._locks.get(guild_id)
        if lock is None:
            await self._preloads.discard(guild_id)
            return
        async with lock:
            lane = self._lanes.pop(guild_id, None)
            if lane is not None:
                self.sender.remove(lane)
                await self._halt(lane)
            await self._preloads.discard(guild_id)
        if self._locks.get(guild_id) is lock and guild_id not in self._lanes:
            del self._locks[guild_id]

    def connection(self, guild_id: GuildId) -> VoiceConnection | None:
        return None if (lane := self._lanes.get(guild_id)) is None else lane.connection

    def is_lost(self, guild_id: GuildId) -> bool:
        return (lane := self._lanes.get(guild_id)) is not None and lane.lost

    # --- playback --------------------------------------------------------------------------------------
    async def play(self, guild_id: GuildId, request: PlaybackRequest, on_end: PlaybackEnded) -> None:
        check_volume(request.volume)
        async with self._lock(guild_id):
            lane = self._lane(guild_id)
            source = await self._preloads.take(guild_id, request) or self._sources(request)
            try:
                if not source.started:
                    await source.start()
                # What plays goes on until the new song has a packet: a skip is heard as a cut, not a silence.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(_READY_WAIT):
                        await source.ready()
                await speak(lane, on=True)
            except BaseException:
                await source.close()  # FFmpeg failed to start, or the caller was cancelled: nothing is left
                raise
            replaced = lane.take(Playback(request=request, on_end=on_end, source=source))
            self._poke()
            if replaced is not None:
                await discard(replaced)
            self._preloads.check(guild_id)

    async def stop(self, guild_id: GuildId) -> None:
        async with self._locks.get(guild_id) or contextlib.nullcontext():
            if (lane := self._lanes.get(guild_id)) is not None:
                await self._halt(lane)  # the sender follows with silence, then `idle` stops the speaking
            await self._preloads.discard(guild_id)

    async def preload(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        if guild_id in self._lanes and not self._closed:
            await self._preloads.want(guild_id, request)

    async def pause(self, guild_id: GuildId) -> None:
        if (lane := self._lanes.get(guild_id)) is None or lane.current is None:
            return
        with lane.lock:
            lane.paused = True
        await speak(lane, on=False)

    async def resume(self, guild_id: GuildId) -> None:
        if (lane := self._lanes.get(guild_id)) is None or not lane.paused:
            return
        await speak(lane, on=True)
        with lane.lock:
            lane.paused = False
        self._poke()

    async def set_volume(self, guild_id: GuildId, volume: float) -> None:
        """Heard within ~50 ms, mid-song, without a gap (see volume.py)."""
        check_volume(volume)
        if (lane := self._lanes.get(guild_id)) is not None:
            async with self._lock(guild_id):
                await switch_volume(lane, volume, self._sources.transcoder)

    async def set_filter(self, guild_id: GuildId, audio_filter: AudioFilter) -> None:
        """As a volume change: a second FFmpeg through the new filter takes over at the song's position."""
        if (lane := self._lanes.get(guild_id)) is not None:
            async with self._lock(guild_id):
                await switch_sound(lane, self._sources.transcoder, audio_filter=audio_filter)

    # --- figures for tests, benchmarks and the console -------------------------------------------------
    def elapsed(self, guild_id: GuildId) -> float | None:
        """Position in what plays (seconds from the song's start), or None; it stands still while offline."""
        playback = self._playing(guild_id)
        return None if playback is None else playback.position

    def stats(self, guild_id: GuildId) -> LaneStats | None:
        return None if (lane := self._lanes.get(guild_id)) is None else lane.stats.snapshot()

    def current_source(self, guild_id: GuildId) -> OpusSource | None:
        """The FFmpeg source of what plays (its `pid`, `copy`, `volume`, first packet time)."""
        playback = self._playing(guild_id)
        return None if playback is None else playback.source

    def ffmpeg_pid(self, guild_id: GuildId) -> int | None:
        source = self.current_source(guild_id)
        return None if source is None else source.pid

    def preloaded_pid(self, guild_id: GuildId) -> int | None:
        return self._preloads.started_pid(guild_id)

    def is_paused(self, guild_id: GuildId) -> bool:
        lane = self._lanes.get(guild_id)
        return lane is not None and lane.current is not None and lane.paused

    def sender_problem(self) -> str | None:
        """None while the shared sender can send (or has not been needed yet), else what is wrong."""
        if self._closed:
            return "the voice engine is closed"
        if self._driver is not None and not self._driver.alive():
            return "the audio sender stopped"
        return None

    @property
    def task_count(self) -> int:
        """Callbacks and shutdowns still running (none are left once aclose() returns)."""
        return len(self._hooks)

    async def aclose(self) -> None:
        """Stop every guild, reap every FFmpeg, stop the sender, let callbacks finish (briefly). Idempotent."""
        if self._closed:
            return
        self._closed = True
        for guild_id in list(self._locks):
            await self.detach(guild_id)
        await self._preloads.discard_all()
        if self._driver is not None:
            await self._driver.aclose()
        await self._hooks.drain(_GRACE)

    # --- internals -------------------------------------------------------------------------------------
    def _playing(self, guild_id: GuildId) -> Playback | None:
        return None if (lane := self._lanes.get(guild_id)) is None else lane.playing()

    def _remaining(self, guild_id: GuildId) -> float | None:
        playback = self._playing(guild_id)
        if playback is None or playback.end_reported:
            return 0.0
        duration = playback.request.duration
        return None if duration is None else max(duration - playback.position, 0.0) / playback.source.tempo

    def _lock(self, guild_id: GuildId) -> asyncio.Lock:
        self._ensure_open()
        lock = self._locks.get(guild_id)
        if lock is None:
            raise NotConnected
        return lock

    def _lane(self, guild_id: GuildId) -> Lane:
        self._ensure_open()
        lane = self._lanes.get(guild_id)
        if lane is None or lane.lost:
            raise NotConnected
        return lane

    def _ensure_open(self) -> None:
        if self._closed:
            raise PlaybackFailed("the Discord voice output is closed")

    def _poke(self) -> None:
        if self._driver is not None:
            self._driver.poke()

    async def _halt(self, lane: Lane) -> None:
        if (old := lane.clear()) is not None:
            await discard(old)
