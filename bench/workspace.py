"""What every bench sets up first: a temporary directory, tones made in its `media/` folder and served over HTTP
on 127.0.0.1 (as `/media/<name>`), and the machine's load average to print next to the figures."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tests.support.media import make_tone
from tests.support.media_server import MediaServer

Tone = tuple[float, float]  # frequency in Hz, length in seconds


@contextmanager
def served_media(tones: Mapping[str, Tone]) -> Iterator[tuple[Path, MediaServer]]:
    """(the working directory, the media server over its `media/` folder holding `tones`: file name → tone, encoded
    by the name's extension); the directory and everything in it removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="musicbot-bench-") as directory:
        root = Path(directory)
        media = root / "media"
        media.mkdir()
        for name, (frequency, seconds) in tones.items():
            make_tone(media / name, frequency=frequency, seconds=seconds)
        with MediaServer(media) as server:
            yield root, server


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, as printed next to every figure."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())
