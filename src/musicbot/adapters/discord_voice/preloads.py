"""The next song's FFmpeg, started a few seconds before the current song ends, so play() finds packets waiting.

Started too early it would hold an idle HTTP connection for minutes; started at play() it would cost the
15-50 ms FFmpeg needs to its first packet, heard as a gap between songs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from musicbot.adapters.audio.preload import same_stream
from musicbot.adapters.discord_voice.source import OpusSource
from musicbot.application.ports import PlaybackRequest
from musicbot.domain.ids import GuildId

LEAD = 3.0  # seconds before the current song's end that the next song's FFmpeg starts
_RECHECK_MIN = 0.05


@dataclass(slots=True, eq=False)
class _Pending:
    request: PlaybackRequest
    source: OpusSource | None = None
    starting: asyncio.Task[None] | None = None
    timer: asyncio.TimerHandle | None = None


class Preloads:
    def __init__(
        self, open_source: Callable[[PlaybackRequest], OpusSource], remaining: Callable[[GuildId], float | None]
    ) -> None:
        """`remaining(guild)`: seconds left of what plays (0 when nothing does), None when unknown (live)."""
        self._open = open_source
        self._remaining = remaining
        self._pending: dict[GuildId, _Pending] = {}

    def __len__(self) -> int:
        return len(self._pending)

    def started_pid(self, guild_id: GuildId) -> int | None:
        pending = self._pending.get(guild_id)
        return None if pending is None or pending.source is None else pending.source.pid

    async def want(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        """`request` is what the guild will most likely play next; an earlier wish is dropped."""
        current = self._pending.get(guild_id)
        if current is not None and _same(current.request, request):
            return
        await self.discard(guild_id)
        self._pending[guild_id] = _Pending(request)
        self.check(guild_id)

    def check(self, guild_id: GuildId) -> None:
        """Start the source if the current song ends within LEAD seconds, else look again when it might."""
        pending = self._pending.get(guild_id)
        if pending is None or pending.source is not None:
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
        if pending is None or pending.source is not None:
            return
        if pending.timer is not None:
            pending.timer.cancel()
            pending.timer = None
        pending.source = self._open(pending.request)
        pending.starting = asyncio.get_running_loop().create_task(pending.source.start())

    async def take(self, guild_id: GuildId, request: PlaybackRequest) -> OpusSource | None:
        """The started source for `request`, or None (the caller starts one, and reports its error if any)."""
        pending = self._pending.get(guild_id)
        if pending is None or pending.source is None or not _same(pending.request, request):
            await self.discard(guild_id)
            return None
        del self._pending[guild_id]
        assert pending.starting is not None
        try:
            await pending.starting
        except Exception:
            await pending.source.close()
            return None
        return pending.source

    async def discard(self, guild_id: GuildId) -> None:
        pending = self._pending.pop(guild_id, None)
        if pending is None:
            return
        if pending.timer is not None:
            pending.timer.cancel()
        if pending.starting is not None and not pending.starting.done():
            pending.starting.cancel()
            await asyncio.wait({pending.starting})  # neither raises its CancelledError nor swallows ours
        if pending.source is not None:
            await pending.source.close()

    async def discard_all(self) -> None:
        for guild_id in list(self._pending):
            await self.discard(guild_id)


def _same(a: PlaybackRequest, b: PlaybackRequest) -> bool:
    # The volume is baked into what FFmpeg encodes (and decides copy or not): a changed volume is another stream.
    return same_stream(a, b) and a.volume == b.volume
