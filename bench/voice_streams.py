"""How many guilds one process can play to: N stream-copy and M transcoded streams through the shared sender.

Each guild has a real `discord.VoiceClient` doing exactly what it does in production for every packet (RTP
header, XChaCha20-Poly1305 transport encryption with PyNaCl, a send on its own non-blocking UDP socket) with
no Discord server: its connection state is set to connected and its socket points to a local UDP sink in
another process (niced, reading the kernel's arrival timestamps), which counts gaps between packets of each
stream. Not measured: DAVE (it needs an MLS group from a voice server; the e2e tests with the emulator can).

Run: `.venv/bin/python -m bench.voice_streams` (about 5 minutes; `--quick` for 400 copy streams only,
`--only 2,3` for some scenarios, `--media DIR` to keep the 5-minute test files). Prints markdown tables; no
assertions. The "machine busy" column says how loaded the box was: other work on it shows there.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import os
import socket
import struct
import sys
import tempfile
import time
import types
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import discord
from discord.voice_state import ConnectionFlowState

from musicbot.adapters.discord_voice import VoiceEngine
from musicbot.application.playback.ports import PlaybackRequest
from musicbot.domain.audio_filter import AudioFilter, FilterPreset
from musicbot.domain.ids import GuildId
from tests.support.media import make_tone

NICENESS = 5  # of the FFmpeg processes (--niceness)
WARM_UP = 3.0  # seconds: every FFmpeg started and settled before measuring
GAP = 0.050  # an inter-arrival gap a listener hears


@dataclass(frozen=True)
class Scenario:
    copies: int
    transcodes: int = 0
    threaded: bool = True
    stall: str = ""  # "io": a callback blocks the event loop 40 ms a second (a blocking call); "cpu": computes
    heap: int = 0  # objects kept alive as a big bot's caches are, and a full collection every 2 s scanning them
    frozen: bool = False  # gc.freeze() after start-up: full collections skip what was alive then

    @property
    def name(self) -> str:
        parts = [f"{self.copies} copy"] + ([f"{self.transcodes} transcode"] if self.transcodes else [])
        parts.append("thread" if self.threaded else "task")
        if self.stall:
            parts.append(f"loop stalls 40 ms/s ({self.stall})")
        if self.heap:
            parts.append(f"{self.heap / 1e6:g}M objects" + (", frozen" if self.frozen else ""))
        return ", ".join(parts)


# --- the UDP sink, in its own process so its work does not share our GIL ---------------------------------------
def sink_main(sock: socket.socket, control: Connection) -> None:
    # It stands for Discord's servers, which do not share our two cores: it yields them to everyone else, and
    # reads the kernel's arrival time of each packet, so its own lateness does not show as gaps.
    os.setpriority(os.PRIO_PROCESS, 0, 19)
    sock.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_TIMESTAMPNS", 35), 1)  # 35 on Linux
    sock.settimeout(0.2)
    last: dict[int, float] = {}
    gaps = packets = 0
    longest = 0.0
    parent = os.getppid()
    while not control.poll() and os.getppid() == parent:  # the bench may be interrupted: do not outlive it
        try:
            data, ancillary, _, _ = sock.recvmsg(2048, 64)
        except TimeoutError:
            continue
        seconds, nanoseconds = struct.unpack("qq", ancillary[0][2][:16])
        arrived = seconds + nanoseconds / 1e9
        if arrived < SINK_START.value:
            continue
        ssrc = int.from_bytes(data[8:12], "big")
        previous = last.get(ssrc)
        last[ssrc] = arrived
        packets += 1
        if previous is not None and arrived - previous >= GAP:
            gaps += 1
            longest = max(longest, arrived - previous)
    control.send((packets, gaps, longest))


SINK_START = multiprocessing.Value("d", float("inf"))


def real_voice_client(client: discord.Client, ssrc: int, sink: tuple[str, int]) -> discord.VoiceClient:
    channel = types.SimpleNamespace(id=ssrc, guild=types.SimpleNamespace(id=ssrc))
    voice = discord.VoiceClient(client, channel)  # a SimpleNamespace stands for the channel: typed as Any
    state = voice._connection
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.setblocking(False)  # as discord.py's
    udp.connect(sink)
    state.socket, state.ssrc, state.secret_key = udp, ssrc, list(os.urandom(32))
    state.mode = "aead_xchacha20_poly1305_rtpsize"
    state.state = ConnectionFlowState.connected
    return voice


def children_cpu(sink: int | None) -> float:
    """Seconds of CPU used so far by our live child processes but the sink: the FFmpegs."""
    me, total, tick = os.getpid(), 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == me and int(stat.parent.name) != sink:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def jiffies() -> tuple[int, int]:
    """/proc/stat's (total, idle) CPU time of the machine, all cores."""
    with open("/proc/stat") as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    return sum(values), values[3] + values[4]


def busy_since(sample: tuple[int, int]) -> float:
    """% of the machine's cores busy since `sample` (others' work too: this box may be shared)."""
    total, idle = jiffies()
    return 100 * (1 - (idle - sample[1]) / max(total - sample[0], 1))


def quantile(histogram: list[int], q: float) -> float:
    total, seen = sum(histogram), 0
    for bucket, count in enumerate(histogram):
        seen += count
        if count and seen >= q * total:
            return bucket / (len(histogram) - 1)
    return 0.0


async def run(scenario: Scenario, media: dict[str, Path], seconds: float) -> str:
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    receiver.bind(("127.0.0.1", 0))
    ours, theirs = multiprocessing.Pipe()
    SINK_START.value = float("inf")
    sink = multiprocessing.get_context("fork").Process(target=sink_main, args=(receiver, theirs), daemon=True)
    sink.start()
    heap = [[index] for index in range(scenario.heap)]
    if scenario.frozen:
        gc.collect()
        gc.freeze()
    engine = VoiceEngine(threaded=scenario.threaded, niceness=NICENESS)
    client = discord.Client(intents=discord.Intents.none())
    total = scenario.copies + scenario.transcodes
    voices = [real_voice_client(client, number + 1, receiver.getsockname()) for number in range(total)]
    for number, voice in enumerate(voices):
        engine.attach(GuildId(number + 1), voice)
        url = media["copy" if number < scenario.copies else "transcode"]
        await engine.play(GuildId(number + 1), PlaybackRequest(stream_url=str(url), duration=300.0), _ignore)
    blocker = asyncio.create_task(_stall_the_loop(scenario.stall)) if scenario.stall else None
    collector = asyncio.create_task(_collect_garbage()) if scenario.heap else None
    await asyncio.sleep(WARM_UP)
    before = list(engine.sender.timing.late_by.counts)
    cpu, child, wall, machine = time.process_time(), children_cpu(sink.pid), time.perf_counter(), jiffies()
    SINK_START.value = time.time()  # the kernel stamps arrivals with the wall clock
    await asyncio.sleep(seconds)
    cpu, child, wall = time.process_time() - cpu, children_cpu(sink.pid) - child, time.perf_counter() - wall
    busy = busy_since(machine)
    window = [after - earlier for after, earlier in zip(engine.sender.timing.late_by.counts, before, strict=True)]
    ours.send("stop")
    packets, gaps, longest = ours.recv()
    for task in (blocker, collector):
        if task is not None:
            task.cancel()
    await engine.aclose()
    for voice in voices:
        voice._connection._socket_reader.stop()
        voice._connection.socket.close()
    sink.join()
    del heap
    if scenario.frozen:
        gc.unfreeze()
    expected = total * wall / 0.020
    return (
        f"| {scenario.name} | {quantile(window, 0.5) * 1e3:.2f} | {quantile(window, 0.99) * 1e3:.2f} "
        f"| {quantile(window, 1.0) * 1e3:.1f} | {gaps} ({longest * 1e3:.0f} ms) | {packets / expected:.3f} "
        f"| {cpu / wall * 100 / total:.3f} | {child / wall * 100 / total:.3f} | {busy:.0f} |"
    )


async def _ignore(reason: str | None, /, *, position: float | None = None, stalled: bool = False) -> None:
    pass  # the engine reports where each playback ended: nothing to do with it here


async def _stall_the_loop(kind: str) -> None:
    while True:
        await asyncio.sleep(1.0)
        if kind == "io":
            time.sleep(0.040)  # noqa: ASYNC251 - the point: a handler making a blocking call (it frees the GIL)
            continue
        until = time.perf_counter() + 0.040
        while time.perf_counter() < until:  # a handler computing for 40 ms: it holds the loop and the GIL
            pass


async def _collect_garbage() -> None:
    while True:  # what CPython does by itself now and then, when enough new objects survived
        await asyncio.sleep(2.0)
        gc.collect()


async def latencies(media: dict[str, Path], runs: int) -> str:
    """play() → first packet sent, for a copy and a transcode; set_volume() → first packet at the new volume."""

    class Clocked:
        def __init__(self) -> None:
            self.first: float | None = None
            self.ws = types.SimpleNamespace(speak=_speak)

        def is_connected(self) -> bool:
            return True

        def send_audio_packet(self, data: bytes, *, encode: bool = True) -> None:
            if self.first is None:
                self.first = time.perf_counter()

    engine, rows = VoiceEngine(), []
    for kind in ("copy", "transcode"):
        delays = []
        for run_number in range(runs):
            voice = Clocked()
            engine.attach(GuildId(run_number + 1), voice)
            asked = time.perf_counter()
            await engine.play(GuildId(run_number + 1), PlaybackRequest(stream_url=str(media[kind])), _ignore)
            while voice.first is None:  # noqa: ASYNC110 - the sender is a thread: it cannot set an asyncio.Event
                await asyncio.sleep(0.001)
            delays.append(voice.first - asked)
            await engine.detach(GuildId(run_number + 1))
        rows.append(_latency_row(f"play → first packet ({kind})", delays))
    switches = []
    engine.attach(GuildId(999), Clocked())
    await engine.play(GuildId(999), PlaybackRequest(stream_url=str(media["transcode"]), duration=60.0), _ignore)
    for run_number in range(runs):
        await asyncio.sleep(0.3)
        await engine.set_volume(GuildId(999), 0.5 if run_number % 2 else 0.8)
        await asyncio.sleep(0.3)
        stats = engine.stats(GuildId(999))
        if stats is not None and stats.last_switch_delay is not None:
            switches.append(stats.last_switch_delay)
    rows.append(_latency_row("set_volume → first packet at the new volume", switches))
    # The same switch through an audio filter (the volume's figures above are the reference of this run).
    filtered, presets = [], (AudioFilter(FilterPreset.NIGHTCORE), AudioFilter(FilterPreset.BASS_HIGH))
    for run_number in range(runs):
        await asyncio.sleep(0.3)
        await engine.set_filter(GuildId(999), presets[run_number % 2])
        await asyncio.sleep(0.3)
        stats = engine.stats(GuildId(999))
        if stats is not None and stats.last_switch_delay is not None:
            filtered.append(stats.last_switch_delay)
    rows.append(_latency_row("set_filter → first packet through the new filter", filtered))
    await engine.aclose()
    return "\n".join(["| what | runs | median ms | max ms |", "|---|---|---|---|", *rows])


async def _speak(state: object = None) -> None:
    pass


def _latency_row(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    return f"| {name} | {len(values)} | {ordered[len(ordered) // 2] * 1e3:.1f} | {ordered[-1] * 1e3:.1f} |"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="measured seconds per scenario")
    parser.add_argument("--quick", action="store_true", help="only 400 stream-copy guilds")
    parser.add_argument("--only", help="scenario numbers to run, e.g. 0,2, or `latency` for the latency table")
    parser.add_argument("--media", type=Path, help="a folder to keep the generated media in between runs")
    parser.add_argument("--niceness", type=int, default=5, help="of the FFmpeg processes (the engine's default: 5)")
    parser.add_argument("--switch-interval", type=float, help="sys.setswitchinterval (CPython's default: 0.005 s)")
    arguments = parser.parse_args()
    global NICENESS  # a command-line knob for the whole run
    NICENESS = arguments.niceness
    if arguments.switch_interval:
        sys.setswitchinterval(arguments.switch_interval)
    folder = arguments.media or Path(tempfile.mkdtemp(prefix="voice-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    length = 300  # seconds: FFmpeg stays alive for the whole measurement (a copy reads ahead into the pipes)
    media = {"copy": folder / "tone.webm", "transcode": folder / "tone.mp3"}
    for path in media.values():
        if not path.exists():
            make_tone(path, frequency=440, seconds=length)
    scenarios = (
        [Scenario(400)]
        if arguments.quick
        else [
            Scenario(100),
            Scenario(200),
            Scenario(400),
            Scenario(400, threaded=False),
            Scenario(400, stall="io"),
            Scenario(400, threaded=False, stall="io"),
            Scenario(400, stall="cpu"),
            Scenario(400, threaded=False, stall="cpu"),
            Scenario(0, transcodes=20),
            Scenario(300, transcodes=20),
            Scenario(0, transcodes=80),
            Scenario(400, heap=2_000_000),
            Scenario(400, heap=2_000_000, frozen=True),
        ]
    )
    if arguments.only == "latency":
        print(await latencies(media, runs=10))
        return
    if arguments.only:
        scenarios = [scenarios[int(number)] for number in arguments.only.split(",")]
    else:
        print(f"{os.cpu_count()} cores, {arguments.seconds:g} s measured per scenario after {WARM_UP:g} s warm-up\n")
        print(await latencies(media, runs=10), "\n")
        print("| scenario | p50 late ms | p99 late ms | max late ms | gaps ≥ 50 ms | packets/expected "
              "| our CPU %/stream | FFmpeg CPU %/stream | machine busy % |")  # fmt: skip
        print("|---|---|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        print(await run(scenario, media, arguments.seconds), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
