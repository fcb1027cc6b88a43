"""Real media for tests, generated with the same FFmpeg the bot uses."""

from __future__ import annotations

import subprocess
from pathlib import Path

from musicbot.adapters.ffmpeg_binary import find_ffmpeg

# Output options per container: what yt-dlp and FFmpeg meet in the wild.
_CODECS = {
    "wav": ["-c:a", "pcm_s16le"],
    "mp3": ["-c:a", "libmp3lame", "-b:a", "128k"],
    "ogg": ["-c:a", "libopus", "-b:a", "96k"],
    "opus": ["-c:a", "libopus", "-b:a", "96k"],
    "webm": ["-c:a", "libopus", "-b:a", "96k"],
    "m4a": ["-c:a", "aac", "-b:a", "128k"],
    "flac": ["-c:a", "flac"],
}


def make_tone(path: Path, *, frequency: float, seconds: float, amplitude: float = 0.5) -> Path:
    """A sine tone at `frequency` Hz lasting `seconds`, encoded by the file's extension."""
    fmt = path.suffix.lstrip(".")
    source = f"sine=frequency={frequency}:sample_rate=48000:duration={seconds}"
    subprocess.run(
        [
            find_ffmpeg(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            source,
            "-af",
            f"volume={amplitude}",
            "-ac",
            "2",
            *_CODECS[fmt],
            str(path),
        ],
        check=True,
        timeout=60,
    )
    return path


def make_ladder(path: Path, *, steps: int, base: float, step_hz: float, amplitude: float = 0.5) -> Path:
    """A tone that goes up by `step_hz` every second, from `base` Hz, for `steps` seconds: the pitch a listener
    hears says where in the song playback is (second k sounds at base + k * step_hz)."""
    fmt = path.suffix.lstrip(".")
    expression = f"{amplitude}*sin(2*PI*({base}+{step_hz}*floor(t))*t)"
    subprocess.run(
        [
            find_ffmpeg(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"aevalsrc={expression}:s=48000:d={steps}",
            "-ac",
            "2",
            *_CODECS[fmt],
            str(path),
        ],
        check=True,
        timeout=60,
    )
    return path
