"""The FFmpeg command for Discord: copy or transcode, volume, seek, and the HTTP input options of the decoder."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from musicbot.adapters.discord_voice.ffmpeg_opus import can_copy, looks_like_opus, opus_command
from musicbot.application.playback.ports import PlaybackRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class WithCodec(PlaybackRequest):
    """The `codec` field proposed for `PlaybackRequest` (yt-dlp's `acodec`)."""

    codec: str | None = None


def command(url: str, *, copy: bool, volume: float = 1.0, start_at: float = 0.0, **options: object) -> list[str]:
    return opus_command(
        "ffmpeg", PlaybackRequest(stream_url=url, **options), copy=copy, volume=volume, start_at=start_at
    )  # type: ignore[arg-type]


def after(arguments: list[str], option: str) -> str:
    return arguments[arguments.index(option) + 1]


@pytest.mark.parametrize(
    ("url", "opus"),
    [
        ("/music/song.opus", True),
        ("/music/song.webm", True),
        ("/music/SONG.OGG", True),
        ("/music/song.mp3", False),
        ("https://cdn.example/a.webm?sig=1", True),
        ("https://rr1.googlevideo.com/videoplayback?itag=251&mime=audio%2Fwebm&sig=x", True),
        ("https://rr1.googlevideo.com/videoplayback?itag=140&mime=audio%2Fmp4", False),
        ("https://example.com/stream", False),
    ],
)
def test_opus_is_recognised_by_extension_or_mime(url: str, opus: bool) -> None:
    assert looks_like_opus(PlaybackRequest(stream_url=url)) is opus


def test_a_codec_field_decides_when_present() -> None:
    assert looks_like_opus(WithCodec(stream_url="https://x.example/a", codec="opus"))
    assert not looks_like_opus(WithCodec(stream_url="https://x.example/a.webm", codec="vorbis"))
    assert looks_like_opus(WithCodec(stream_url="https://x.example/a.webm", codec="none"))  # unknown: the URL says


def test_only_full_volume_is_copied() -> None:
    request = PlaybackRequest(stream_url="/music/a.opus")
    assert can_copy(request, 1.0)
    assert not can_copy(request, 0.5)
    assert not can_copy(PlaybackRequest(stream_url="/music/a.mp3"), 1.0)


def test_a_copy_keeps_the_packets_and_writes_ogg_to_the_pipe() -> None:
    arguments = command("/music/a.webm", copy=True)
    assert after(arguments, "-c:a") == "copy"
    assert arguments[-5:] == ["-f", "ogg", "-page_duration", "200000", "pipe:1"]
    assert "-af" not in arguments
    assert "libopus" not in arguments
    assert arguments[:5] == ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error"]


def test_a_transcode_makes_20_ms_opus_in_20_ms_pages() -> None:
    arguments = command("/music/a.mp3", copy=False)
    assert after(arguments, "-c:a") == "libopus"
    assert after(arguments, "-frame_duration") == "20"
    assert after(arguments, "-application") == "audio"
    assert after(arguments, "-b:a") == "128k"
    assert after(arguments, "-page_duration") == "20000"  # the first packet in ~50 ms, not after 1 s of pages
    assert after(arguments, "-ar") == "48000"
    assert after(arguments, "-ac") == "2"
    assert int(after(arguments, "-compression_level")) < 10
    assert "-af" not in arguments


def test_volume_is_a_filter_of_the_transcode() -> None:
    arguments = command("/music/a.mp3", copy=False, volume=0.35)
    assert after(arguments, "-af") == "volume=0.3500"
    with pytest.raises(ValueError, match="cannot change its volume"):
        command("/music/a.opus", copy=True, volume=0.5)
    with pytest.raises(ValueError, match="finite"):
        command("/music/a.mp3", copy=False, volume=float("nan"))


def test_seeking_happens_before_the_input_and_a_copy_drops_what_the_seek_point_kept() -> None:
    transcode = command("/music/a.mp3", copy=False, start_at=12.5)
    assert after(transcode, "-ss") == "12.500"
    assert transcode.index("-ss") < transcode.index("-i")
    assert transcode.count("-ss") == 1

    copy = command("/music/a.webm", copy=True, start_at=12.5)
    first, second = (index for index, value in enumerate(copy) if value == "-ss")
    assert first < copy.index("-i") < second
    assert copy[second + 1] == "0"

    assert "-ss" not in command("/music/a.mp3", copy=False)


def test_http_inputs_reconnect_send_their_headers_on_one_line_each_and_give_up_on_a_stall() -> None:
    arguments = command(
        "https://cdn.example/a.webm",
        copy=True,
        http_headers=(("User-Agent", "bot\r\nX-Evil: 1"), ("Referer", "https://example.com/")),
    )
    reconnect = arguments.index("-reconnect")
    assert arguments[reconnect : reconnect + 6] == [
        "-reconnect", "1", "-reconnect_streamed", "1", "-reconnect_delay_max", "5",
    ]  # fmt: skip
    assert "-rw_timeout" in arguments
    assert after(arguments, "-headers") == "User-Agent: bot  X-Evil: 1\r\nReferer: https://example.com/\r\n"
    assert arguments.index("-headers") < arguments.index("-i")
    assert after(arguments, "-i") == "https://cdn.example/a.webm"
    local = command("/music/a.webm", copy=True)
    assert "-reconnect" not in local
    assert "-headers" not in local
