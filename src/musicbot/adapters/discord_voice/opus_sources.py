"""The voice engine's FFmpeg sources, built with its options: a song as asked, or a transcoder for a switch."""

from __future__ import annotations

from musicbot.adapters.discord_voice.source import OpusSource
from musicbot.application.playback.ports import PlaybackRequest


class OpusSources:
    def __init__(self, ffmpeg: str, *, niceness: int, first_packet_timeout: float) -> None:
        self._ffmpeg = ffmpeg
        self._niceness = niceness
        self._first_packet_timeout = first_packet_timeout

    def __call__(self, request: PlaybackRequest) -> OpusSource:
        """`request` as asked: copied when it is Opus at 100 %, else transcoded."""
        return OpusSource(
            self._ffmpeg,
            request,
            volume=request.volume,
            start_at=request.start_at,
            niceness=self._niceness,
            first_packet_timeout=self._first_packet_timeout,
        )

    def transcoder(self, request: PlaybackRequest, volume: float, start_at: float) -> OpusSource:
        """The song again from `start_at`, at `volume` and through its filter (a volume or filter switch)."""
        return OpusSource(self._ffmpeg, request, volume=volume, start_at=start_at, copy=False, niceness=self._niceness)
