"""When each interaction callback reached the emulator's socket, read off the loopback interface by tcpdump.

The emulator stamps a callback when its handler runs, which is after its own event loop got round to it: in a
burst of 200 that loop (aiohttp parsing requests, building messages, writing gateway frames) runs on the same
2 cores as the bot and queues the callbacks behind each other, which Discord's edge would not. The kernel stamps
a packet as it passes the loopback interface, the moment the bot's POST leaves: that is "answered" as Discord
would see it. tcpdump keeps only the first segment of each `POST .../interactions/{id}/.../callback` (a BPF
filter in the kernel), so the capture costs next to nothing; without tcpdump (or the right to capture) the
figure is simply not given.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import struct
import tempfile
import time
from pathlib import Path
from types import TracebackType

_CALLBACK = re.compile(rb"POST /api/v10/interactions/(\d+)/[^/ ]+/callback")
_NANO, _MICRO = 0xA1B23C4D, 0xA1B2C3D4


def callback_arrivals(pcap: bytes) -> dict[int, float]:
    """The first time (CLOCK_REALTIME seconds) each interaction's callback request was seen in a pcap file."""
    if len(pcap) < 24:
        return {}
    magic = struct.unpack_from("<I", pcap)[0]
    endian = "<" if magic in (_NANO, _MICRO) else ">"
    scale = 1e-9 if struct.unpack_from(endian + "I", pcap)[0] == _NANO else 1e-6
    arrivals: dict[int, float] = {}
    offset = 24
    while offset + 16 <= len(pcap):
        seconds, fraction, captured, _ = struct.unpack_from(endian + "IIII", pcap, offset)
        packet = pcap[offset + 16 : offset + 16 + captured]
        offset += 16 + captured
        if (match := _CALLBACK.search(packet)) is not None:
            arrivals.setdefault(int(match[1]), seconds + fraction * scale)
    return arrivals


class CallbackCapture:
    """`async with CallbackCapture(port) as capture:` ... `capture.arrivals()`: interaction id → arrival, in
    `time.monotonic()` seconds. `capture.available` is False (and `arrivals()` empty) without tcpdump."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.available = False
        self._process: asyncio.subprocess.Process | None = None
        self._directory = Path(tempfile.mkdtemp(prefix="musicbot-wire-"))
        self._file = self._directory / "callbacks.pcap"
        self._realtime_minus_monotonic = 0.0

    async def __aenter__(self) -> CallbackCapture:
        tcpdump = shutil.which("tcpdump")
        if tcpdump is None:
            return self
        # The TCP payload's first 4 bytes are "POST": only a request's first segment is kept.
        rule = f"tcp dst port {self.port} and tcp[((tcp[12:1] & 0xf0) >> 2):4] = 0x504f5354"
        self._process = await asyncio.create_subprocess_exec(
            *(tcpdump, "-i", "lo", "--immediate-mode", "-U", "-s", "256", "--time-stamp-precision=nano"),
            *("-w", str(self._file), rule),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        assert self._process.stderr is not None
        try:
            async with asyncio.timeout(10):
                while line := await self._process.stderr.readline():
                    if b"listening on" in line:
                        self.available = True
                        break
        except TimeoutError:
            pass
        if not self.available:
            await self._stop()
        before = time.monotonic()
        self._realtime_minus_monotonic = time.time() - (before + time.monotonic()) / 2
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self._stop()
        shutil.rmtree(self._directory, ignore_errors=True)

    async def arrivals(self, interactions: set[int], wait: float = 2.0) -> dict[int, float]:
        """Interaction id → when its first callback request reached the emulator's socket (monotonic seconds),
        waiting up to `wait` s for tcpdump to have written every one of `interactions`."""
        if not self.available:
            return {}
        deadline = time.monotonic() + wait
        while True:
            arrivals = callback_arrivals(self._file.read_bytes()) if self._file.exists() else {}
            if interactions <= arrivals.keys() or time.monotonic() > deadline:
                return {i: arrival - self._realtime_minus_monotonic for i, arrival in arrivals.items()}
            await asyncio.sleep(0.05)

    async def _stop(self) -> None:
        if self._process is None or self._process.returncode is not None:
            return
        self._process.terminate()
        await self._process.wait()
