from __future__ import annotations

from dataclasses import replace

import pytest

from musicbot.adapters.ytdlp.duration_probe import MediaProbe, parse_duration, parse_probe, with_probe
from musicbot.application.errors import TrackUnavailable
from musicbot.domain.track import SourceKind, Track

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


_TAGGED_MP3 = """Input #0, mp3, from 'tag.mp3':
  Metadata:
    title           : My Song
    artist          : The Band
    encoder         : Lavf63.1.102
  Duration: 00:00:01.00, start: 0.025057, bitrate: 68 kb/s
  Stream #0:0: Audio: mp3 (mp3float), 44100 Hz, mono, fltp, 64 kb/s, start 0.025057
"""
_TAGGED_OGG = """Input #0, ogg, from 'tag.ogg':
  Duration: 00:00:01.01, start: 0.000000, bitrate: 75 kb/s
  Stream #0:0: Audio: opus, 48000 Hz, mono, fltp
    Metadata:
      encoder         : Lavc63.1.102 libopus
      TITLE           : Opus Song
      ARTIST          : Opus Band
"""
_NOT_MEDIA = """[in#0 @ 0x557219d09cc0] Error opening input: Invalid data found when processing input
Error opening input file /etc/passwd.
"""
_IMAGE = """Input #0, png_pipe, from 'cover.png':
  Duration: N/A, bitrate: N/A
  Stream #0:0: Video: png, rgb24(pc), 600x600, 25 fps
"""


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (_TAGGED_MP3, MediaProbe(opened=True, has_audio=True, duration=1.0, title="My Song", artist="The Band")),
        (_TAGGED_OGG, MediaProbe(opened=True, has_audio=True, duration=1.01, title="Opus Song", artist="Opus Band")),
        (_NOT_MEDIA, MediaProbe(opened=False, has_audio=False, duration=None)),
        (_IMAGE, MediaProbe(opened=True, has_audio=False, duration=None)),
    ],
)
def test_what_ffmpeg_read(output: str, expected: MediaProbe) -> None:
    assert parse_probe(output) == expected


def local(title: str = "01 track") -> Track:
    return Track(
        title=title, page_url="file:///m/01%20track.mp3", source=SourceKind.LOCAL, stream_url="/m/01 track.mp3"
    )


def test_tags_name_a_track_titled_by_its_file_name() -> None:
    track = with_probe(local(), parse_probe(_TAGGED_MP3), use_tags=True)
    assert (track.title, track.artist, track.duration) == ("My Song", "The Band", 1.0)
    kept = with_probe(local("From the listing"), parse_probe(_TAGGED_MP3), use_tags=False)
    assert (kept.title, kept.artist) == ("From the listing", None)


def test_what_is_not_audio_is_refused() -> None:
    with pytest.raises(TrackUnavailable, match="not audio I can play"):
        with_probe(local(), parse_probe(_NOT_MEDIA), use_tags=True)
    with pytest.raises(TrackUnavailable, match="holds no audio"):
        with_probe(local(), parse_probe(_IMAGE), use_tags=True)
    web = replace(local(), source=SourceKind.HTTP, stream_url="https://example.com/a.mp3")
    assert with_probe(web, parse_probe(_NOT_MEDIA), use_tags=True) == web  # unreachable now: playback will tell
