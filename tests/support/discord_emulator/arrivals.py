"""A guild's voice packets as arrival times only: the emulator's lean receive mode, for benches with hundreds of
streams (`DiscordEmulator(lean_voice=True)`).

A `VoiceRecording` decrypts every packet and keeps it as an object (~15 µs a packet in the receiving thread, 30 %
of a core at 400 streams); hundreds of thousands of those objects also make each full garbage collection of the
emulator's process take a quarter of a second, during which the receiving thread cannot timestamp anything, and
every stream shows a gap the bot never made. Here a packet is not decrypted: the ciphertext's length tells a
silence frame from audio, and its arrival goes into a flat array the garbage collector never walks.
"""

from __future__ import annotations

import bisect
import struct
from array import array

_TAG = 16  # the AEAD's authentication tag
_NONCE = 4  # the nonce counter at the end of an rtpsize packet
SILENCE_LENGTH = 3  # b"\xf8\xff\xfe", the Opus silence frame


def opus_length(packet: bytes) -> int:
    """The Opus payload's length of an `aead_xchacha20_poly1305_rtpsize` packet, without decrypting it (RTP
    padding, which discord.py never sends, would be counted in)."""
    first = packet[0]
    header = 12 + 4 * (first & 0x0F)
    length = len(packet) - header - _NONCE - _TAG
    if first & 0x10:  # header extension: its 4-byte header in the clear, its body encrypted with the payload
        words = struct.unpack_from(">H", packet, header + 2)[0]
        length -= 4 + 4 * words
    return length


class ArrivalLog:
    """Arrival times (monotonic) of a guild's audio packets, from every voice connection; silence frames are
    counted, not kept. Written by the receiving thread, read anywhere (an array slice is atomic under the GIL)."""

    def __init__(self, guild_id: int) -> None:
        self.guild_id = guild_id
        self.audio = array("d")
        self.silence = 0

    def add(self, arrival: float, packet: bytes) -> None:
        if opus_length(packet) == SILENCE_LENGTH:
            self.silence += 1
        else:
            self.audio.append(arrival)

    def between(self, since: float = 0.0, until: float | None = None) -> list[float]:
        audio = self.audio[:]
        start = bisect.bisect_left(audio, since)
        end = len(audio) if until is None else bisect.bisect_left(audio, until)
        return audio[start:end].tolist()
