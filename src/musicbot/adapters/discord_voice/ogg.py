"""Ogg pages into Opus packets, fed as FFmpeg writes them to a pipe (RFC 3533 framing, RFC 7845 Opus mapping).

Parsed here rather than by discord.py's `OggStream`, which reads a blocking file object: our reader gets
whatever bytes the pipe holds, possibly ending mid-page, and must never block the event loop.
"""

from __future__ import annotations

import struct

_CAPTURE = b"OggS"
_PAGE_HEADER = struct.Struct("<4sBBqIIIB")  # capture, version, type, granule, serial, sequence, CRC, segments
_CONTINUED, _FIRST_PAGE = 0x01, 0x02
_HEADER_PACKETS = 2  # OpusHead, then OpusTags: the first two packets of every logical stream
_MAX_PACKET = 1 << 20  # bytes: far above any Opus packet; more means the stream is not what we think

# Samples (at 48 kHz) of one Opus frame by TOC configuration (RFC 6716 §3.1): SILK, hybrid, CELT.
_FRAME_SAMPLES = (
    *(480, 960, 1920, 2880) * 3,  # configurations 0-11: SILK-only, 10/20/40/60 ms
    *(480, 960) * 2,  # 12-15: hybrid, 10/20 ms
    *(120, 240, 480, 960) * 4,  # 16-31: CELT-only, 2.5/5/10/20 ms
)


class OggError(ValueError):
    """The bytes are not an Ogg stream of Opus (corrupt framing, another codec)."""


def opus_samples(packet: bytes) -> int:
    """How many 48 kHz samples an Opus packet holds, read from its TOC byte (960 = the 20 ms Discord wants)."""
    if not packet:
        return 0
    toc = packet[0]
    code = toc & 0x03
    if code == 0:
        frames = 1
    elif code in (1, 2):
        frames = 2
    else:
        frames = packet[1] & 0x3F if len(packet) > 1 else 0
    return _FRAME_SAMPLES[toc >> 3] * frames


class OggOpusParser:
    """Incremental: `feed` any chunk of bytes, get the complete audio packets they finish, in order.

    The header packets (OpusHead, OpusTags) are not returned; `head` keeps the OpusHead of the current stream.
    A chained stream (a new logical stream after the first ends) is followed: its headers are skipped too.
    """

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._partial = bytearray()  # a packet continued on the next page
        self._headers_left = 0
        self.head: bytes | None = None
        self.pages = 0

    def feed(self, data: bytes) -> list[bytes]:
        buffer = self._buffer
        buffer += data
        packets: list[bytes] = []
        position = 0
        while len(buffer) - position >= _PAGE_HEADER.size:
            capture, _version, kind, _granule, _serial, _sequence, _crc, segments = _PAGE_HEADER.unpack_from(
                buffer, position
            )
            if capture != _CAPTURE:
                raise OggError("not an Ogg stream (no page starts here)")
            body = position + _PAGE_HEADER.size + segments
            if len(buffer) < body:
                break
            lacing = buffer[body - segments : body]
            end = body + sum(lacing)
            if len(buffer) < end:
                break
            self._page(buffer, kind, lacing, body, packets)
            position = end
        del buffer[:position]
        return packets

    def _page(self, buffer: bytearray, kind: int, lacing: bytearray, start: int, packets: list[bytes]) -> None:
        self.pages += 1
        if kind & _FIRST_PAGE:
            self._headers_left = _HEADER_PACKETS
            self.head = None
            self._partial.clear()
        elif not kind & _CONTINUED:
            self._partial.clear()  # a continuation that never came: drop the fragment, not the page
        packet_start = start
        offset = start
        for lace in lacing:
            offset += lace
            if lace == 255:
                continue  # the packet goes on in the next segment (or page)
            self._complete(buffer, packet_start, offset, packets)
            packet_start = offset
        if packet_start < offset:
            self._partial += buffer[packet_start:offset]
            if len(self._partial) > _MAX_PACKET:
                raise OggError("an Ogg packet larger than any Opus packet")

    def _complete(self, buffer: bytearray, start: int, end: int, packets: list[bytes]) -> None:
        if self._partial:
            self._partial += buffer[start:end]
            packet = bytes(self._partial)
            self._partial.clear()
        else:
            packet = bytes(buffer[start:end])
        if self._headers_left:
            if self._headers_left == _HEADER_PACKETS:
                if not packet.startswith(b"OpusHead"):
                    raise OggError("the Ogg stream does not hold Opus")
                self.head = packet
            self._headers_left -= 1
            return
        if packet:  # an empty packet carries no audio (RFC 7845 allows them)
            packets.append(packet)
