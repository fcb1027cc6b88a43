"""A stream's duration read by FFmpeg, for sources yt-dlp gives none for (direct media links, local files).

yt-dlp's generic extractor never opens the media it finds, so a plain `https://.../song.mp3` would look
live (no duration: no seeking, no progress bar). `ffmpeg -i URL` reads just the headers (and, with byte
ranges, the end of an Ogg file) in ~10-40 ms; ffprobe is not needed, which the imageio-ffmpeg build lacks.

Without byte ranges (`python3 -m http.server`, many small servers) FFmpeg cannot read an Ogg's last page and
guesses from the bitrate ("Estimating duration from bitrate"): 3.4 s for a 20 s file here. A guess is worse
than nothing (the decoder stops a song soon after its length, the progress bar runs past its end), so it is
dropped: the song plays as one of unknown length.
"""

from __future__ import annotations

import logging
import re
import subprocess
from collections.abc import Sequence

logger = logging.getLogger(__name__)

_ESTIMATED = re.compile(r"Estimating duration from bitrate", re.IGNORECASE)
_DURATION = re.compile(r"^\s*Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)", re.MULTILINE)


def probe_duration(
    ffmpeg: str, source: str, *, headers: Sequence[tuple[str, str]] = (), timeout: float = 10.0
) -> float | None:
    """Seconds of media at `source` (a URL or a path), or None when FFmpeg cannot tell (a live stream) or fails."""
    command = [ffmpeg, "-hide_banner", "-nostdin", "-loglevel", "info"]
    if headers:
        command += ["-headers", "".join(f"{name}: {value}\r\n" for name, value in headers)]
    command += ["-i", source]
    try:
        # FFmpeg exits with an error ("At least one output file must be specified") after printing the input.
        result = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        logger.info("ffmpeg could not probe %s: %s", source, error)
        return None
    return parse_duration(result.stderr.decode("utf-8", errors="replace"))


def parse_duration(ffmpeg_output: str) -> float | None:
    """The `Duration: HH:MM:SS.ss` FFmpeg prints for an input; None for `Duration: N/A` (live streams) and for
    a duration FFmpeg only estimated from the bitrate."""
    if _ESTIMATED.search(ffmpeg_output):
        return None
    match = _DURATION.search(ffmpeg_output)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    total = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    return total if total > 0 else None
