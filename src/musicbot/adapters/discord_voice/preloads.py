"""The voice engine's preloads (`audio/preload.py`'s `Preloads`, shared with the console): the next song's Opus
source, started 3 s before the current song ends.

Where the console's decoder applies the volume to each frame, the volume is baked into what FFmpeg encodes here
(and decides whether the stream is copied): a changed volume is another stream.
"""

from __future__ import annotations

from collections.abc import Callable

from musicbot.adapters.audio import preload
from musicbot.adapters.discord_voice.source import OpusSource
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.ids import GuildId


class Preloads(preload.Preloads[OpusSource]):
    def __init__(
        self, open_source: Callable[[PlaybackRequest], OpusSource], remaining: Callable[[GuildId], float | None]
    ) -> None:
        """`remaining(guild)`: seconds left of what plays (0 when nothing does), None when unknown (live)."""
        super().__init__(open_source, same=same_opus_stream, remaining=remaining)


def same_opus_stream(a: PlaybackRequest, b: PlaybackRequest) -> bool:
    return preload.same_stream(a, b) and a.volume == b.volume
