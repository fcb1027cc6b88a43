"""Songs from a server without byte ranges (`python3 -m http.server`, many small servers) play to their end.

FFmpeg cannot read such an Ogg's last page and guesses its length from the bitrate (3.4 s for 20 s): the guess
used to stop the song at about 13 s."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from musicbot.adapters.ffmpeg_binary import find_ffmpeg
from tests.e2e.conftest import Run
from tests.support.audio_analysis import dominant_frequency, read_wav
from tests.support.local_http import LocalHttpServer

pytestmark = pytest.mark.slow

SONG_SECONDS = 20.0


class PlainFileHandler(SimpleHTTPRequestHandler):
    """The standard library's file server, as `python3 -m http.server` runs it: no `Range` support."""

    root = "."

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=self.root, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # the base class names it `format`
        pass


@pytest.fixture
def plain_server(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "served"
    folder.mkdir()
    # Vorbis, as in the report: FFmpeg guesses its length from the bitrate (an Opus Ogg gets no duration at all).
    source = f"sine=frequency=440:sample_rate=44100:duration={SONG_SECONDS}"
    subprocess.run(
        [find_ffmpeg(), "-loglevel", "error", "-f", "lavfi", "-i", source, "-c:a", "libvorbis", folder / "long.ogg"],
        check=True,
        timeout=60,
    )
    server = LocalHttpServer("plain file server")
    base_url = server.start(PlainFileHandler, root=str(folder))
    yield base_url
    server.stop()


def test_a_song_from_a_server_without_byte_ranges_plays_whole(
    run_musicbot: Callable[..., Run], plain_server: str, tmp_path: Path
) -> None:
    out = tmp_path / "out.wav"
    result = run_musicbot("console", "--fast", "--output", str(out), stdin=f"play {plain_server}/long.ogg\n")

    assert result.returncode == 0, result.stderr
    assert "Now playing" in result.stdout and "Could not play" not in result.stdout
    assert "(0:03)" not in result.stdout  # the bitrate's guess is never shown as the song's length
    samples, rate = read_wav(out)
    assert len(samples) / rate == pytest.approx(SONG_SECONDS, abs=0.2)
    assert abs(dominant_frequency(samples) - 440) < 2
