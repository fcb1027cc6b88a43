"""The Ogg Opus parser: real FFmpeg output read back packet for packet, and the framing corner cases by hand."""

from __future__ import annotations

import io
import random
import struct
import subprocess
from pathlib import Path

import pytest
from discord.oggparse import OggStream

from musicbot.adapters.discord_voice.ogg import OggError, OggOpusParser, opus_samples
from musicbot.adapters.ffmpeg_binary import find_ffmpeg

HEAD = b"OpusHead" + bytes([1, 2]) + struct.pack("<HIhB", 312, 48000, 0, 0)
TAGS = b"OpusTags" + struct.pack("<I", 0) + struct.pack("<I", 0)


def page(packets: list[bytes], *, first: bool = False, continued: bool = False, open_end: bool = False) -> bytes:
    """One Ogg page holding `packets`; `open_end`: the last one (255 * n bytes) goes on in the next page."""
    lacing = bytearray()
    for index, packet in enumerate(packets):
        lacing += b"\xff" * (len(packet) // 255)
        if not (open_end and index == len(packets) - 1):
            lacing.append(len(packet) % 255)
    kind = (0x02 if first else 0) | (0x01 if continued else 0)
    header = struct.pack("<4sBBqIIIB", b"OggS", 0, kind, 0, 1, 0, 0, len(lacing))
    return header + bytes(lacing) + b"".join(packets)


def ffmpeg_ogg(arguments: list[str]) -> bytes:
    source = "sine=frequency=440:sample_rate=48000:duration=1"
    return subprocess.run(
        [find_ffmpeg(), "-loglevel", "error", "-f", "lavfi", "-i", source, "-ac", "2", *arguments, "-f", "ogg", "-"],
        check=True,
        capture_output=True,
    ).stdout


@pytest.mark.parametrize("page_duration", ["20000", "1000000"])
def test_real_ffmpeg_output_gives_the_same_packets_as_discord_py_whatever_the_chunks(page_duration: str) -> None:
    data = ffmpeg_ogg(["-c:a", "libopus", "-b:a", "128k", "-page_duration", page_duration])
    expected = list(OggStream(io.BytesIO(data)).iter_packets())[2:]  # discord.py keeps the two headers
    chunks = random.Random(7)
    parser, packets, offset = OggOpusParser(), [], 0
    while offset < len(data):
        size = chunks.randint(1, 9000)
        packets += parser.feed(data[offset : offset + size])
        offset += size
    assert packets == expected
    assert len(packets) == 51  # 1 s and the encoder's 6.5 ms warm-up
    assert {opus_samples(packet) for packet in packets} == {960}
    assert parser.head is not None
    assert parser.head.startswith(b"OpusHead")


def test_a_packet_that_spans_pages_is_put_back_together() -> None:
    big = bytes(range(256)) * 3  # 768 bytes: laced as 255, 255, 255, 3
    stream = page([HEAD], first=True) + page([TAGS]) + page([b"a", big[:510]], open_end=True)
    stream += page([big[510:], b"b"], continued=True)
    assert OggOpusParser().feed(stream) == [b"a", big, b"b"]


def test_a_packet_of_exactly_255_bytes_ends_with_an_empty_lace() -> None:
    exact = b"x" * 255
    assert OggOpusParser().feed(page([HEAD], first=True) + page([TAGS]) + page([exact, b"y"])) == [exact, b"y"]


def test_a_chained_stream_has_its_headers_skipped_too() -> None:
    one = page([HEAD], first=True) + page([TAGS]) + page([b"first"])
    two = page([HEAD], first=True) + page([TAGS]) + page([b"second"])
    parser = OggOpusParser()
    assert parser.feed(one + two) == [b"first", b"second"]


def test_a_half_page_waits_for_the_rest() -> None:
    stream = page([HEAD], first=True) + page([TAGS]) + page([b"audio"])
    parser = OggOpusParser()
    assert parser.feed(stream[:-3]) == []
    assert parser.feed(stream[-3:]) == [b"audio"]


def test_another_codec_or_garbage_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OggError, match="does not hold Opus"):
        OggOpusParser().feed(ffmpeg_ogg(["-c:a", "libvorbis"]))
    with pytest.raises(OggError, match="not an Ogg stream"):
        OggOpusParser().feed(b"RIFF" + bytes(100))


@pytest.mark.parametrize(
    ("toc", "samples"),
    [
        (bytes([0xFC]), 960),  # CELT fullband 20 ms, one frame (what libopus makes for music)
        (bytes([0xF8]), 960),  # the silence frame discord.py sends: CELT 20 ms
        (bytes([0xE0]), 120),  # CELT 2.5 ms
        (bytes([0x78]), 960),  # hybrid 20 ms
        (bytes([0x18]), 2880),  # SILK 60 ms
        (bytes([0xFD]), 1920),  # two CELT 20 ms frames (code 1)
        (bytes([0xFF, 0x03]), 2880),  # code 3: three frames
        (b"", 0),
    ],
)
def test_the_toc_byte_says_how_long_a_packet_is(toc: bytes, samples: int) -> None:
    assert opus_samples(toc) == samples
