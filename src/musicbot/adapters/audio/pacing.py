"""One song playing to the local output: its state, and its 20 ms frames paced in real time (or as fast as the
sink takes them), a filter change taking over at the same position in the song (filter_switch.py)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from musicbot.adapters.audio.ffmpeg_decoder import FFmpegDecoder
from musicbot.adapters.audio.filter_switch import Incoming, line_up
from musicbot.adapters.audio.pcm import FRAME_DURATION
from musicbot.application.playback.ports import PlaybackEnded, PlaybackRequest

# Behind schedule by more than this (a stalled stream, a busy loop), the debt is forgiven instead of
# being paid back as a burst of frames; below it, frames are sent early until the clock is caught up.
_MAX_LAG = 0.2  # seconds


@dataclass(slots=True, eq=False)
class Playback:
    """One song playing in one guild: its decoder, where it is, and the pacing of its frames."""

    request: PlaybackRequest
    decoder: FFmpegDecoder
    on_end: PlaybackEnded
    volume: float
    frames: int = 0
    deadline: float | None = None  # loop time the next frame is due; None: due now (start, after a pause)
    unpaused: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    incoming: Incoming | None = None  # the same song through another filter, to take over (filter_switch.py)


def position(playback: Playback) -> float:
    """Seconds from the song's start: frames played count at the filter's tempo."""
    return playback.request.start_at + playback.frames * FRAME_DURATION * playback.request.audio_filter.tempo


async def drop_incoming(playback: Playback) -> None:
    incoming, playback.incoming = playback.incoming, None
    if incoming is not None:
        await incoming.decoder.close()


async def next_frame(playback: Playback) -> bytes | None:
    """The next frame to write: from the incoming stream once it is lined up, else from the current decoder."""
    incoming = playback.incoming
    if incoming is not None:
        playback.incoming = None
        lined_up = await line_up(incoming, position(playback))
        if lined_up is None:  # the new stream ran out first (the song's last frames): keep the old one
            await incoming.decoder.close()
        else:
            old = playback.decoder
            playback.decoder, playback.request = incoming.decoder, incoming.request
            frame, playback.frames = lined_up
            await old.close()
            return frame
    return await playback.decoder.read_frame()


async def wait_turn(playback: Playback, *, realtime: bool) -> None:
    """Returns when the frame in hand may be written: not paused, and (real time) its 20 ms slot came."""
    loop = asyncio.get_running_loop()
    while True:
        if not playback.unpaused.is_set():
            await playback.unpaused.wait()
            playback.deadline = None  # after a pause the clock starts again; the pause is no debt
            continue
        if not realtime:
            return
        now = loop.time()
        if playback.deadline is None or now - playback.deadline > _MAX_LAG:
            playback.deadline = now
            return
        delay = playback.deadline - now
        if delay <= 0:
            return
        await asyncio.sleep(delay)
