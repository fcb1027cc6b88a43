"""How many concurrent voice streams can the emulator follow? Run: `python -m tests.support.discord_emulator.bench`.

A separate process plays N bots: every 20 ms it sends one encrypted RTP packet per stream, built exactly as
discord.py builds them (a real Opus tone, `aead_xchacha20_poly1305_rtpsize`). This process receives them with
the emulator's UDP receiver, then decodes everything. Printed per N: packets lost, the receiving thread's
share of a core (receive + decrypt + bookkeeping) and the cost per packet of receiving and of decoding.
`--lean`: the receive mode for benches instead (arrival times only, nothing decrypted or decoded: arrivals.py).
"""

from __future__ import annotations

import argparse
import multiprocessing
import secrets
import socket
import struct
import tempfile
import time
from pathlib import Path

import nacl.secret
from discord.oggparse import OggStream

from tests.support.discord_emulator.arrivals import ArrivalLog
from tests.support.discord_emulator.notify import Notifier
from tests.support.discord_emulator.recording import VoiceRecording
from tests.support.discord_emulator.rtp import UdpVoiceReceiver
from tests.support.media import make_tone


def _opus_frames(seconds: float) -> list[bytes]:
    with tempfile.TemporaryDirectory() as directory:
        path = make_tone(Path(directory) / "tone.ogg", frequency=440, seconds=seconds)
        with path.open("rb") as file:
            return list(OggStream(file).iter_packets())[2:]  # without OpusHead/OpusTags


def _send(port: int, keys: list[bytes], frames: list[bytes], start_at: float) -> None:
    """Runs in the sender process: N streams, one packet each per 20 ms tick, like N discord.py players."""
    streams = []
    for ssrc, key in enumerate(keys):
        box = nacl.secret.Aead(key)
        packets = []
        for index, frame in enumerate(frames):
            header = struct.pack(">BBHII", 0x80, 0x78, index, index * 960, ssrc)
            nonce = struct.pack(">I", index) + bytes(20)
            packets.append(header + box.encrypt(frame, header, nonce).ciphertext + nonce[:4])
        streams.append(packets)
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    time.sleep(max(0.0, start_at - time.time()))
    began = time.perf_counter()
    for index in range(len(frames)):
        for packets in streams:
            sock.sendto(packets[index], ("127.0.0.1", port))
        time.sleep(max(0.0, began + (index + 1) * 0.02 - time.perf_counter()))
    sock.close()


def measure(streams: int, frames: list[bytes], *, lean: bool = False) -> str:
    receiver = UdpVoiceReceiver()
    receiver.start()
    notifier = Notifier()
    recordings = [VoiceRecording(i, notifier) for i in range(streams)]
    keys = [secrets.token_bytes(32) for _ in range(streams)]
    logs = [ArrivalLog(ssrc) for ssrc in range(streams)]
    for ssrc, (key, recording) in enumerate(zip(keys, recordings, strict=True)):
        if lean:
            receiver.route_lean(ssrc, logs[ssrc])
        else:
            receiver.route(ssrc, key, 0, recording.add)
    context = multiprocessing.get_context("spawn")
    sender = context.Process(target=_send, args=(receiver.port, keys, frames, time.time() + 1.0))
    sender.start()
    sender.join()
    time.sleep(0.2)
    receiver.close()
    wall = len(frames) * 0.02
    received = receiver.received
    decode_started = time.perf_counter()
    for recording in recordings:
        recording.decode()
    decode = (time.perf_counter() - decode_started) / max(received, 1)
    lost = streams * len(frames) - received
    return (
        f"{streams:4d} streams: lost {lost:5d}, receiving thread {receiver.cpu_seconds / wall:5.1%} of a core, "
        f"receive {receiver.cpu_seconds / max(received, 1) * 1e6:4.0f} µs + decode {decode * 1e6:4.0f} µs per packet"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("counts", nargs="*", type=int, default=[20, 100, 200, 400])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--lean", action="store_true", help="arrival times only, nothing decrypted")
    arguments = parser.parse_args()
    frames = _opus_frames(arguments.seconds)
    for count in arguments.counts:
        print(measure(count, frames, lean=arguments.lean), flush=True)


if __name__ == "__main__":
    main()
