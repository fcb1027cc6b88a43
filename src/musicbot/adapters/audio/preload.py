"""The next song's decoder, opened a few seconds before the current song ends, so a track change has no gap.

FFmpeg needs 10-40 ms (more over a slow network) to give its first frame. Started ahead, it has that frame
waiting in its pipe when `play` comes; opened too early, it would hold an idle HTTP connection for minutes.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from musicbot.adapters.audio.ffmpeg_decoder import FFmpegDecoder
from musicbot.application.ports import PlaybackRequest
from musicbot.domain.ids import GuildId

LEAD = 3.0  # seconds before the current song's end that the next decoder starts


def same_stream(a: PlaybackRequest, b: PlaybackRequest) -> bool:
    """Volume and title may change between preload and play; the stream, where it starts and its filter may not."""
    return (a.stream_url, a.http_headers, a.start_at, a.audio_filter) == (
        b.stream_url,
        b.http_headers,
        b.start_at,
        b.audio_filter,
    )


@dataclass(slots=True, eq=False)
class _Pending:
    request: PlaybackRequest
    decoder: FFmpegDecoder | None = None
    starting: asyncio.Task[None] | None = None


class Preloader:
    def __init__(self, ffmpeg: str) -> None:
        self._ffmpeg = ffmpeg
        self._pending: dict[GuildId, _Pending] = {}

    def __len__(self) -> int:
        return len(self._pending)

    def started_pid(self, guild_id: GuildId) -> int | None:
        """The pid of the decoder opened ahead for the guild, once it runs."""
        pending = self._pending.get(guild_id)
        return pending.decoder.pid if pending is not None and pending.decoder is not None else None

    async def want(self, guild_id: GuildId, request: PlaybackRequest) -> None:
        """`request` is what the guild will most likely play next; a previous wish is dropped."""
        current = self._pending.get(guild_id)
        if current is not None and same_stream(current.request, request):
            return
        await self.discard(guild_id)
        self._pending[guild_id] = _Pending(request)

    def due(self, guild_id: GuildId, remaining: float | None) -> None:
        """The current song has `remaining` seconds left (None: unknown, it just ended): start when close."""
        pending = self._pending.get(guild_id)
        if pending is None or pending.decoder is not None:
            return
        if remaining is None or remaining <= LEAD:
            pending.decoder = FFmpegDecoder(self._ffmpeg, pending.request)
            pending.starting = asyncio.get_running_loop().create_task(pending.decoder.start())

    async def take(self, guild_id: GuildId, request: PlaybackRequest) -> FFmpegDecoder | None:
        """The started decoder for `request`, or None (nothing preloaded for it: the caller starts one)."""
        pending = self._pending.get(guild_id)
        if pending is None or pending.decoder is None or not same_stream(pending.request, request):
            await self.discard(guild_id)
            return None
        del self._pending[guild_id]
        assert pending.starting is not None
        try:
            await pending.starting
        except Exception:
            await pending.decoder.close()
            return None  # the caller starts a fresh one and reports its error, if any
        return pending.decoder

    async def discard(self, guild_id: GuildId) -> None:
        pending = self._pending.pop(guild_id, None)
        if pending is None or pending.decoder is None:
            return
        if pending.starting is not None and not pending.starting.done():
            pending.starting.cancel()
            with contextlib.suppress(BaseException):
                await pending.starting
        await pending.decoder.close()

    async def discard_all(self) -> None:
        for guild_id in list(self._pending):
            await self.discard(guild_id)
