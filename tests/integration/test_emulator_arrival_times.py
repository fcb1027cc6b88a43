"""The emulator's voice receiver stamps each packet with the kernel's receive time: a packet that waited in the
socket's buffer while the receiving thread was busy (or waited for a core, or for its process's GIL) keeps the
time it reached the machine, as it would on Discord's voice servers, which do not share the bot's CPUs."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_encrypt

from tests.support.discord_emulator.rtp import RtpPacket, UdpVoiceReceiver

KEY = bytes(range(32))
SSRC = 4242


def rtpsize(sequence: int, opus: bytes = b"\xfc\x01\x02") -> bytes:
    """An `aead_xchacha20_poly1305_rtpsize` packet as discord.py sends it."""
    header = struct.pack(">BBHII", 0x80, 0x78, sequence, 960 * sequence, SSRC)
    nonce = struct.pack(">I", sequence)
    return header + crypto_aead_xchacha20poly1305_ietf_encrypt(opus, header, nonce + bytes(20), KEY) + nonce


def until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the receiver did not get there"
        time.sleep(0.002)


@pytest.fixture
def receiver() -> Iterator[UdpVoiceReceiver]:
    udp = UdpVoiceReceiver()
    udp.start()
    yield udp
    udp.close()


@pytest.fixture
def client() -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    yield sock
    sock.close()


def held_sink(got: list[RtpPacket], hold: threading.Event) -> Callable[[RtpPacket], None]:
    """Keeps the receiving thread inside its first packet's handling until `hold` is set."""

    def sink(packet: RtpPacket) -> None:
        got.append(packet)
        if len(got) == 1:
            hold.wait(10)

    return sink


def test_a_packet_that_arrives_while_the_receiving_thread_is_held_keeps_its_arrival_time(
    receiver: UdpVoiceReceiver, client: socket.socket
) -> None:
    got: list[RtpPacket] = []
    hold = threading.Event()
    receiver.route(SSRC, KEY, 0, held_sink(got, hold))
    address = (receiver.host, receiver.port)
    client.sendto(rtpsize(0), address)
    until(lambda: len(got) == 1)  # the thread is held now

    sent = time.monotonic()
    client.sendto(rtpsize(1), address)
    time.sleep(0.2)
    released = time.monotonic()
    hold.set()
    until(lambda: len(got) == 2)

    assert receiver.kernel_timestamps
    assert got[1].sequence == 1
    # read after `released`, stamped when it came in: before the thread was let go (the old receiver's arrival
    # was the reading's time, after `released`)
    assert sent - 0.001 <= got[1].arrival < released
    assert got[0].arrival <= got[1].arrival


def test_the_receiver_counts_the_datagrams_the_kernel_dropped_for_a_full_buffer(
    receiver: UdpVoiceReceiver, client: socket.socket
) -> None:
    got: list[RtpPacket] = []
    hold = threading.Event()
    receiver.route(SSRC, KEY, 0, held_sink(got, hold))
    receiver._socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # room for a few packets only
    address = (receiver.host, receiver.port)
    client.sendto(rtpsize(0), address)
    until(lambda: len(got) == 1)
    for sequence in range(1, 200):
        client.sendto(rtpsize(sequence), address)
    hold.set()

    extra = 0  # packets numbered 200 sent: each but the one read may have been dropped too (a full buffer still)

    def after_the_drops() -> bool:
        """The kernel tells the count with the packets it queues after dropping some: send one more."""
        nonlocal extra
        if got[-1].sequence == 200:
            return True
        client.sendto(rtpsize(200), address)
        extra += 1
        return False

    until(after_the_drops)
    kept = sum(1 <= packet.sequence < 200 for packet in got)
    assert kept < 199
    assert 199 - kept <= receiver.dropped <= 199 - kept + extra - 1
