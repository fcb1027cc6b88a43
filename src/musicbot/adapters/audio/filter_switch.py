"""A filter change in the local output: a second decoder through the new filter takes over at the position.

As in the Discord engine (`discord_voice/volume.py`): the new FFmpeg starts at where the song is when the change
is asked and has its first frame decoded before the change is answered; the pacing task then drops the frames
that were heard from the old decoder meanwhile (counted in song time, the new filter's tempo included) and goes
on from the new one between two frames, so nothing is skipped, repeated or late.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, replace

from musicbot.adapters.audio.ffmpeg_decoder import FFmpegDecoder
from musicbot.adapters.audio.pcm import FRAME_DURATION
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.audio_filter import AudioFilter

_FIRST_FRAME_TIMEOUT = 5.0


@dataclass(slots=True, eq=False)
class Incoming:
    request: PlaybackRequest  # the song from `request.start_at`, through the new filter
    decoder: FFmpegDecoder
    first: bytes  # its first frame, read ahead


async def open_incoming(
    ffmpeg: str, playing: PlaybackRequest, position: float, audio_filter: AudioFilter
) -> Incoming | None:
    """The song playing, from `position`, through `audio_filter`; None when FFmpeg gave nothing."""
    start_at = position if playing.duration is not None else 0.0  # a live stream cannot seek
    request = replace(playing, start_at=start_at, audio_filter=audio_filter)
    decoder = FFmpegDecoder(ffmpeg, request)
    try:
        await decoder.start()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(_FIRST_FRAME_TIMEOUT):
                first = await decoder.read_frame()
                if first is not None:
                    return Incoming(request=request, decoder=decoder, first=first)
    except BaseException:
        await decoder.close()
        raise
    await decoder.close()
    return None


async def line_up(incoming: Incoming, position: float) -> tuple[bytes, int] | None:
    """The incoming decoder's frame for song `position` and its index (the frames before it are dropped);
    None when it ran out before."""
    step = FRAME_DURATION * incoming.request.audio_filter.tempo
    behind = round((position - incoming.request.start_at) / step) if incoming.request.duration is not None else 0
    frame: bytes | None = incoming.first
    for _ in range(max(behind, 0)):
        frame = await incoming.decoder.read_frame()
        if frame is None:
            return None
    assert frame is not None
    return frame, max(behind, 0)
