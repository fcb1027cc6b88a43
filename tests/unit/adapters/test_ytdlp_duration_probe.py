from __future__ import annotations

import pytest

from musicbot.adapters.ytdlp.duration_probe import parse_duration

_INPUT = """Input #0, ogg, from 'http://127.0.0.1:43043/t20.ogg':
  Duration: {duration}, start: 0.000000, bitrate: 87 kb/s
  Stream #0:0: Audio: vorbis, 44100 Hz, mono, fltp, 80 kb/s
At least one output file must be specified
"""


@pytest.mark.parametrize(("duration", "seconds"), [("00:00:20.00", 20.0), ("01:02:03.50", 3723.5), ("N/A", None)])
def test_the_duration_ffmpeg_read(duration: str, seconds: float | None) -> None:
    assert parse_duration(_INPUT.format(duration=duration)) == seconds


def test_a_duration_estimated_from_the_bitrate_is_no_duration() -> None:
    # What FFmpeg printed for a 20 s Ogg from `python3 -m http.server` (no byte ranges): a guess of 3.39 s.
    output = "[in#0/ogg @ 0x555f7d86e040] Estimating duration from bitrate, this may be inaccurate\n"
    assert parse_duration(output + _INPUT.format(duration="00:00:03.39")) is None
