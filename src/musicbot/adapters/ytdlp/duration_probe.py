"""What FFmpeg reads in a stream's headers, for sources yt-dlp says little about (direct media links, local files):
its duration, whether it holds audio at all, and its title and artist tags.

yt-dlp's generic extractor never opens the media it finds, so a plain `https://.../song.mp3` would look
live (no duration: no seeking, no progress bar) and be titled by its file name. `ffmpeg -i URL` reads just the
headers (and, with byte ranges, the end of an Ogg file) in ~10-40 ms; ffprobe is not needed, which the
imageio-ffmpeg build lacks.

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
from dataclasses import dataclass, replace

from musicbot.application.errors import TrackUnavailable
from musicbot.domain.track import SourceKind, Track

logger = logging.getLogger(__name__)

_ESTIMATED = re.compile(r"Estimating duration from bitrate", re.IGNORECASE)
_DURATION = re.compile(r"^\s*Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)", re.MULTILINE)
_OPENED = re.compile(r"^Input #0\b", re.MULTILINE)
_AUDIO = re.compile(r"^\s*Stream #\d+:\d+\S*: Audio:", re.MULTILINE)
# Tags as FFmpeg lists them under "Metadata:" (the file's, or for Ogg the audio stream's).
_TAG = re.compile(r"^\s{4,}(title|artist|album_artist)\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_TAG_MAX = 200


@dataclass(frozen=True, slots=True)
class MediaProbe:
    opened: bool  # FFmpeg recognised it as media (False: not media, or it could not be reached)
    has_audio: bool
    duration: float | None  # None: live, unknown, or only estimated
    title: str | None = None
    artist: str | None = None


def probe_media(
    ffmpeg: str, source: str, *, headers: Sequence[tuple[str, str]] = (), timeout: float = 10.0
) -> MediaProbe | None:
    """What FFmpeg reads at `source` (a URL or a path); None when it could not be run or took too long."""
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
    return parse_probe(result.stderr.decode("utf-8", errors="replace"))


def parse_probe(ffmpeg_output: str) -> MediaProbe:
    tags: dict[str, str] = {}
    for key, value in _TAG.findall(ffmpeg_output):
        tags.setdefault(key.lower(), value[:_TAG_MAX])
    return MediaProbe(
        opened=bool(_OPENED.search(ffmpeg_output)),
        has_audio=bool(_AUDIO.search(ffmpeg_output)),
        duration=parse_duration(ffmpeg_output),
        title=tags.get("title"),
        artist=tags.get("artist") or tags.get("album_artist"),
    )


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


def with_probe(track: Track, probe: MediaProbe, *, use_tags: bool) -> Track:
    """`track` completed by what FFmpeg read; `TrackUnavailable` when it is no audio at all (a text file, an
    image): refused now rather than queued to fail when its turn comes. `use_tags`: the title was only the
    file's name, and the file's own tags say better."""
    if track.source is SourceKind.LOCAL and not probe.opened:
        raise TrackUnavailable("that file is not audio I can play")
    if probe.opened and not probe.has_audio:
        raise TrackUnavailable("that file holds no audio" if track.source is SourceKind.LOCAL else "it has no audio")
    if probe.duration is not None and track.duration is None:
        track = replace(track, duration=probe.duration)
    if use_tags and probe.title:
        track = replace(track, title=probe.title, artist=probe.artist or track.artist)
    return track
