"""The voice UDP socket: IP discovery, then encrypted RTP (mode `aead_xchacha20_poly1305_rtpsize`).

One socket serves every voice connection; packets are told apart by SSRC. Each packet's arrival is the time the
kernel received it (`SO_TIMESTAMPNS`, read from `recvmsg`'s ancillary data, converted to `time.monotonic()`'s
clock), not the time the receiving thread got to it: Discord's voice servers do not share the bot's CPUs, but
the emulator does, and its thread waits for a core and for its process's GIL (a bench measured receiver gaps of
50 ms and more while the bot's sender made none). A dedicated thread receives them, so a busy event loop does
not delay the reading either; the socket counts what the kernel dropped for a full buffer (`SO_RXQ_OVFL`).

Like Discord's voice servers, the receiver also sends RTCP receiver reports to clients that sent recently.
discord.py needs inbound traffic: its socket reader thread waits in `select()` (up to 30 s) on the socket it
had, so after a voice reconnect or a channel move it only sees the new socket's IP discovery reply once
something arrives on the old one.

rtpsize layout: the RTP header (12 bytes + 4 per CSRC, plus the 4-byte extension header when the X bit is set)
is the AEAD's associated data and stays in the clear; the extension body and the Opus payload are encrypted;
the packet ends with the 4-byte nonce counter, which is the start of the 24-byte nonce (the rest is zero).
"""

from __future__ import annotations

import logging
import select
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_decrypt
from nacl.exceptions import CryptoError

from tests.support.discord_emulator.arrivals import ArrivalLog

log = logging.getLogger("discord_emulator")

SILENCE_FRAME = b"\xf8\xff\xfe"
_DISCOVERY_REQUEST = 0x1
_DISCOVERY_LENGTH = 74
_REPORT_INTERVAL = 0.5
_PEER_MEMORY = 5.0  # keep reporting to a client address this long after its last packet
# Linux's values (asm-generic; Python 3.11's socket module does not name them): a `struct timespec` of the
# kernel's receive time (CLOCK_REALTIME) with each datagram, and the socket's count of datagrams dropped so far.
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)
SO_RXQ_OVFL = getattr(socket, "SO_RXQ_OVFL", 40)
SO_RCVBUFFORCE = getattr(socket, "SO_RCVBUFFORCE", 33)
RECEIVE_BUFFER = 32 * 1024 * 1024
_TIMESPEC = struct.Struct("@ll")
_ANCILLARY = socket.CMSG_SPACE(_TIMESPEC.size) + socket.CMSG_SPACE(4)


class PacketKind(Enum):
    AUDIO = "audio"
    SILENCE = "silence"  # Opus silence frame, sent by discord.py after a stream ends
    OGG_HEADER = "ogg-header"  # OpusHead/OpusTags sent as if they were audio (FFmpegOpusAudio does this)


@dataclass(slots=True)
class RtpPacket:
    arrival: float
    sequence: int
    timestamp: int
    ssrc: int
    nonce: int
    opus: bytes
    connection: int  # index into the guild's voice connections
    pcm: bytes | None = None  # 48 kHz stereo s16le, decoded on demand

    @property
    def kind(self) -> PacketKind:
        if self.opus == SILENCE_FRAME:
            return PacketKind.SILENCE
        if self.opus.startswith((b"OpusHead", b"OpusTags")):
            return PacketKind.OGG_HEADER
        return PacketKind.AUDIO


def _enable(sock: socket.socket, option: int) -> bool:
    try:
        sock.setsockopt(socket.SOL_SOCKET, option, 1)
    except OSError:  # not Linux: arrivals fall back to the receiving thread's clock
        return False
    return True


def _realtime_offset() -> int:
    """CLOCK_REALTIME minus CLOCK_MONOTONIC in ns, from the tightest of a few readings (a reading the thread was
    descheduled in the middle of is off by as long)."""
    best = (2**63, 0)
    for _ in range(5):
        before = time.monotonic_ns()
        realtime = time.time_ns()
        after = time.monotonic_ns()
        best = min(best, (after - before, realtime - (before + after) // 2))
    return best[1]


def decrypt_rtpsize(packet: bytes, key: bytes) -> tuple[int, int, int, int, bytes]:
    """(sequence, timestamp, ssrc, nonce, opus payload) of an `aead_xchacha20_poly1305_rtpsize` packet."""
    first = packet[0]
    header_length = 12 + 4 * (first & 0x0F)
    extended = bool(first & 0x10)
    clear = header_length + (4 if extended else 0)
    nonce = packet[-4:]
    plain = crypto_aead_xchacha20poly1305_ietf_decrypt(packet[clear:-4], packet[:clear], nonce + bytes(20), key)
    if extended:
        words = struct.unpack_from(">H", packet, header_length + 2)[0]
        plain = plain[4 * words :]
    if first & 0x20 and plain:  # RTP padding
        plain = plain[: -plain[-1]]
    sequence, timestamp, ssrc = struct.unpack_from(">HII", packet, 2)
    return sequence, timestamp, ssrc, struct.unpack(">I", nonce)[0], plain


Sink = Callable[[RtpPacket], None]


@dataclass(slots=True)
class _Route:
    key: bytes
    connection: int
    sink: Sink


class UdpVoiceReceiver:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind((host, 0))
        # A roomy buffer rides out the receiving thread being descheduled while hundreds of streams send: 8 MiB
        # (what net.core.rmem_max lets SO_RCVBUF set here) dropped 2,820 packets of a 100-server burst at load 25,
        # so above that limit where the process may (SO_RCVBUFFORCE, CAP_NET_ADMIN; the kernel doubles it).
        try:
            self._socket.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, RECEIVE_BUFFER)
        except OSError:
            self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
        self.kernel_timestamps = _enable(self._socket, SO_TIMESTAMPNS)
        _enable(self._socket, SO_RXQ_OVFL)
        self.port: int = self._socket.getsockname()[1]
        self._routes: dict[int, _Route] = {}
        self._logs: dict[int, ArrivalLog] = {}  # lean routes: arrival times only, nothing decrypted
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="discord-emulator-udp", daemon=True)
        self.received = 0
        self.rejected = 0  # failed authentication, unknown SSRC, not RTP
        self.discoveries = 0
        self.busy_seconds = 0.0  # time spent handling packets (decrypt + bookkeeping + eager decoding)
        self.dropped = 0  # datagrams the kernel dropped because the socket's buffer was full
        self._realtime_offset = _realtime_offset()  # CLOCK_REALTIME - CLOCK_MONOTONIC, in ns
        self.cpu_seconds = 0.0  # CPU time of the receiving thread, syscalls included (set when it stops)
        self._peers: dict[tuple[str, int], float] = {}
        self._next_report = 0.0
        self._blackhole_until = 0.0  # monotonic time until which every datagram is dropped, both ways
        self.blackholed = 0  # datagrams dropped that way

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        self._socket.close()

    def blackhole(self, seconds: float) -> None:
        """For `seconds`, drop every datagram that arrives and send nothing (no RTCP, no IP discovery replies):
        a network path to the voice server that loses everything for a while."""
        self._blackhole_until = time.monotonic() + seconds

    def route(self, ssrc: int, key: bytes, connection: int, sink: Sink) -> None:
        self._routes[ssrc] = _Route(key, connection, sink)

    def route_lean(self, ssrc: int, log: ArrivalLog) -> None:
        """The SSRC's packets go to `log` undecrypted (arrivals.py): the bench mode, for hundreds of streams."""
        self._logs[ssrc] = log

    def _run(self) -> None:
        sock = self._socket
        sock.setblocking(False)
        while not self._stop.is_set():
            readable, _, _ = select.select([sock], [], [], 0.05)
            silent = time.monotonic() < self._blackhole_until
            if time.monotonic() >= self._next_report and not silent:
                self._realtime_offset = _realtime_offset()  # follows a step of the wall clock
                self._report(time.monotonic())
            while readable:  # drain: one select() per burst, not per packet
                try:
                    data, ancillary, _, address = sock.recvmsg(4096, _ANCILLARY)
                except (BlockingIOError, InterruptedError):
                    break
                except OSError:
                    break
                handled = time.monotonic()
                arrival = self._arrival(ancillary, handled)
                if arrival < self._blackhole_until:
                    self.blackholed += 1
                    continue
                self._peers[address] = arrival
                self._handle(data, address, arrival)
                self.busy_seconds += time.monotonic() - handled
        self.cpu_seconds = time.thread_time()

    def _arrival(self, ancillary: list[tuple[int, int, bytes]], fallback: float) -> float:
        """The kernel's receive time of the datagram on `time.monotonic()`'s clock (`fallback` without one)."""
        arrival = fallback
        for level, kind, data in ancillary:
            if level != socket.SOL_SOCKET:
                continue
            if kind == SO_TIMESTAMPNS and len(data) >= _TIMESPEC.size:
                seconds, nanoseconds = _TIMESPEC.unpack_from(data)
                arrival = (seconds * 1_000_000_000 + nanoseconds - self._realtime_offset) / 1e9
            elif kind == SO_RXQ_OVFL and len(data) >= 4:
                self.dropped = struct.unpack_from("@I", data)[0]
        return arrival

    def _report(self, now: float) -> None:
        """An empty RTCP receiver report (V=2, RC=0, PT=201, length 1) to every recent client."""
        self._next_report = now + _REPORT_INTERVAL
        for address, seen in list(self._peers.items()):
            if now - seen > _PEER_MEMORY:
                del self._peers[address]
                continue
            try:
                self._socket.sendto(struct.pack(">BBHI", 0x80, 201, 1, 0), address)
            except OSError:
                del self._peers[address]

    def _handle(self, data: bytes, address: tuple[str, int], arrival: float) -> None:
        if len(data) == _DISCOVERY_LENGTH and struct.unpack_from(">H", data)[0] == _DISCOVERY_REQUEST:
            self.discoveries += 1
            ssrc = struct.unpack_from(">I", data, 4)[0]
            reply = bytearray(_DISCOVERY_LENGTH)
            struct.pack_into(">HHI", reply, 0, 0x2, 70, ssrc)
            ip = address[0].encode("ascii")
            reply[8 : 8 + len(ip)] = ip
            struct.pack_into(">H", reply, _DISCOVERY_LENGTH - 2, address[1])
            self._socket.sendto(bytes(reply), address)
            return
        is_rtp = len(data) >= 16 and data[0] >> 6 == 2 and not 200 <= data[1] <= 204  # 200-204: RTCP
        ssrc = struct.unpack_from(">I", data, 8)[0] if is_rtp else None
        lean = self._logs.get(ssrc) if ssrc is not None and self._logs else None
        if lean is not None:
            self.received += 1
            lean.add(arrival, data)
            return
        route = self._routes.get(ssrc) if ssrc is not None else None
        if route is None:
            self.rejected += 1
            return
        try:
            sequence, timestamp, ssrc, nonce, opus = decrypt_rtpsize(data, route.key)
        except (CryptoError, ValueError, struct.error):
            self.rejected += 1
            log.warning("voice UDP: a packet from %s failed to decrypt", address)
            return
        self.received += 1
        route.sink(RtpPacket(arrival, sequence, timestamp, ssrc, nonce, opus, route.connection))
