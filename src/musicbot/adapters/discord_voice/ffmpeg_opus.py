"""The FFmpeg command that turns a stream into Ogg Opus on a pipe: copied when it is Opus already, else encoded.

Discord carries Opus, 48 kHz, 20 ms a packet. A YouTube/webm or Ogg Opus source at 100 % volume needs no
encoding at all (~0.1 % of a core); anything else, or any other volume, is decoded and re-encoded by libopus
(~1 % of a core at compression level 5, 2.5x less than the default level 10).
"""

from __future__ import annotations

import math
from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from musicbot.adapters.audio.ffmpeg_decoder import decoder_command, is_http
from musicbot.adapters.audio.ffmpeg_filters import filter_chain
from musicbot.application.playback.ports import PlaybackRequest

BITRATE = "128k"
COMPRESSION_LEVEL = "5"  # libopus complexity 0-10: 5 costs ~70 % of 10 for a difference nobody hears at 128k
# Ogg pages are written when full: a transcoder fills 20 ms ones at once (49 ms to the first packet instead of
# ~110 ms with the default 1 s pages); a copy of a file fills any page at once, and 200 ms ones cost a third of
# the parsing of 20 ms ones while a live stream still starts within 0.2 s.
_TRANSCODE_PAGE_US = "20000"
_COPY_PAGE_US = "200000"
_OPUS_EXTENSIONS = (".opus", ".ogg", ".oga", ".webm", ".weba")
_OPUS_MIMES = frozenset({"audio/webm", "audio/ogg"})  # how googlevideo URLs name their container


def looks_like_opus(request: PlaybackRequest) -> bool:
    """Whether the source most likely holds Opus, so it can be copied; the stream's OpusHead has the last word.

    `codec` (yt-dlp's `acodec`, a field `PlaybackRequest` may carry) decides when present; else the file
    extension, or the `mime` query parameter of a googlevideo URL. A wrong guess (a webm holding Vorbis) costs
    one FFmpeg start: the source notices there is no OpusHead and starts over transcoding.
    """
    codec = getattr(request, "codec", None)
    if isinstance(codec, str) and codec and codec != "none":
        return codec.lower().startswith("opus")
    url = request.stream_url
    if not is_http(url):
        return url.lower().endswith(_OPUS_EXTENSIONS)
    parts = urlsplit(url)
    if parts.path.lower().endswith(_OPUS_EXTENSIONS):
        return True
    mimes = parse_qs(parts.query).get("mime", [])
    return bool(mimes) and mimes[0].lower() in _OPUS_MIMES


def check_volume(volume: float) -> None:
    if not math.isfinite(volume) or volume < 0:
        raise ValueError(f"a volume factor must be finite and >= 0, not {volume}")


def can_copy(request: PlaybackRequest, volume: float) -> bool:
    return volume == 1.0 and request.audio_filter.is_off and looks_like_opus(request)


def opus_command(ffmpeg: str, request: PlaybackRequest, *, copy: bool, volume: float, start_at: float) -> list[str]:
    """The argument vector (never a shell line): `request`'s stream from `start_at` s as Ogg Opus on stdout."""
    check_volume(volume)
    if copy and (volume != 1.0 or not request.audio_filter.is_off):
        raise ValueError("a copied stream cannot change its volume or go through a filter")
    # The input side is the PCM decoder's, option for option: HTTP reconnects and their limit, the stall timeout,
    # headers on one line each, `-ss` before `-i`. Only what FFmpeg writes differs.
    pcm = decoder_command(ffmpeg, replace(request, start_at=start_at))
    command = [*pcm[: pcm.index("-i") + 2], "-vn", "-sn", "-dn"]
    if copy:
        if start_at > 0:
            # A copy keeps what lies between the demuxer's seek point and `start_at` (seconds, in a webm),
            # with negative timestamps; `-ss 0` on the output drops it, to the packet.
            command += ["-ss", "0"]
        return [*command, "-c:a", "copy", "-f", "ogg", "-page_duration", _COPY_PAGE_US, "pipe:1"]
    if (chain := filter_chain(request.audio_filter, volume)) is not None:
        command += ["-af", chain]
    return [
        *command,
        "-ar", "48000", "-ac", "2",
        "-c:a", "libopus", "-b:a", BITRATE, "-application", "audio",
        "-frame_duration", "20", "-compression_level", COMPRESSION_LEVEL,
        "-f", "ogg", "-page_duration", _TRANSCODE_PAGE_US, "pipe:1",
    ]  # fmt: skip
