"""The next song's FFmpeg, started a few seconds before the current song ends, so a track change has no gap.

FFmpeg needs 15-50 ms (more over a slow network) to its first frame or packet. Started ahead, it has that
waiting in its pipe when `play` comes; started too early, it would hold an idle HTTP connection for minutes.
Both outputs keep a `Preloads` of their own streams: the console's PCM decoders (`FFmpegDecoder`), told what is
left at every frame (`due`), and the voice engine's Opus sources (`discord_voice/preloads.py`), which ask what
is left (`remaining`) and look again on a timer when the song might end (`check`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.ids import GuildId

LEAD = 3.0  # seconds before the current song's end that the next song's FFmpeg starts
_RECHECK_MIN = 0.05


class Preloadable(Protocol):
    """An FFmpeg stream (`FFmpegDecoder`, `OpusSource`): started once, closed always."""

    @property
    def pid(self) -> int | None: ...

    async def start(self) -> None: ...

    async def close(self) -> None: ...


S = TypeVar("S", bound=Preloadable)


def same_stream(a: PlaybackRequest, b: PlaybackRequest) -> bool:
    """Volume and title may change between preload and play; the stream, where it starts and its filter may not."""
    return (a.stream_url, a.http_headers, a.start_at, a.audio_filter) == (
        b.stream_url,
        b.http_headers,
        b.start_at,
        b.audio_filter,
    )


@dataclass(slots=True, eq=False)
class _Pending(Generic[S]):
    request: PlaybackRequest
    stream: S | None = None
    starting: asyncio.Task[None] | None = None
    timer: asyncio.TimerHandle | None = None


class Preloads(Generic[S]):
    def __init__(
        self,
        open_stream: Callable[[PlaybackRequest], S],
        *,
        same: Callable[[PlaybackRequest, PlaybackRequest], bool] = same_stream,
        remaining: Callable[[GuildId], float | None] | None = None,
    ) -> None:
        """`same(wished, played)`: whether a stream opened for one serves the other. `remaining(guild)`, for an
        output that is not told what is left (`check`): seconds left of what plays (0 when nothing does), None
        when unknown (live)."""
        self._open = open_stream
        self._same = same
        self._remaining = remaining
        self._pending: dict[GuildId, _Pending[S]] = {}

    def __len__(self) -> int:
        return len(self._pending)

    def started_pid(self, guild_id: GuildId) -> int | None:
        """The pid of the FFmpeg started ahead for the guild, once it runs."""
        pending = self._pending.get(guild_id)
        return None if pending is None or pending.stream is None else pending.stream.pid

    async def want(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        """`request` is what the guild will most likely play next; an earlier wish is dropped."""
        current = self._pending.get(guild_id)
        if current is not None and self._same(current.request, request):
            return
        await self.discard(guild_id)
        self._pending[guild_id] = _Pending(request)
        if self._remaining is not None:
            self.check(guild_id)

    def due(self, guild_id: GuildId, remaining: float | None) -> None:
        """The current song has `remaining` seconds left (None: unknown, it just ended): start when close."""
        if remaining is None or remaining <= LEAD:
            self.start_now(guild_id)

    def check(self, guild_id: GuildId) -> None:
        """Start the stream if the current song ends within LEAD seconds, else look again when it might."""
        assert self._remaining is not None, "check() asks `remaining`"
        pending = self._pending.get(guild_id)
        if pending is None or pending.stream is not None:
            return
        if pending.timer is not None:
            pending.timer.cancel()
            pending.timer = None
        remaining = self._remaining(guild_id)
        if remaining is None:
            return  # a live stream: started when it ends (start_now)
        if remaining <= LEAD:
            self.start_now(guild_id)
            return
        delay = max(remaining - LEAD, _RECHECK_MIN)  # a pause or a reconnect makes it later: look again then
        pending.timer = asyncio.get_running_loop().call_later(delay, self.check, guild_id)

    def start_now(self, guild_id: GuildId) -> None:
        pending = self._pending.get(guild_id)
        if pending is None or pending.stream is not None:
            return
        if pending.timer is not None:
            pending.timer.cancel()
            pending.timer = None
        pending.stream = self._open(pending.request)
        pending.starting = asyncio.get_running_loop().create_task(pending.stream.start())

    async def take(self, guild_id: GuildId, request: PlaybackRequest) -> S | None:
        """The started stream for `request`, or None (the caller starts one, and reports its error if any)."""
        pending = self._pending.get(guild_id)
        if pending is None or pending.stream is None or not self._same(pending.request, request):
            await self.discard(guild_id)
            return None
        del self._pending[guild_id]
        assert pending.starting is not None
        try:
            await pending.starting
        except Exception:
            await pending.stream.close()
            return None
        return pending.stream

    async def discard(self, guild_id: GuildId) -> None:
        pending = self._pending.pop(guild_id, None)
        if pending is None:
            return
        if pending.timer is not None:
            pending.timer.cancel()
        try:
            if pending.starting is not None and not pending.starting.done():
                pending.starting.cancel()
                await asyncio.wait({pending.starting})  # neither raises its CancelledError nor swallows ours
        finally:
            if pending.stream is not None:
                await pending.stream.close()  # even when our caller is cancelled meanwhile

    async def discard_all(self) -> None:
        for guild_id in list(self._pending):
            await self.discard(guild_id)
