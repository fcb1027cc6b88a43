"""A large bot's evening: N servers send `/play <their own song>` within a few milliseconds, while other servers
already play. The real bot (`bench/discord_bot_process.py`, built as `musicbot run` builds it) and a naive
discord.py bot (`bench/naive_bot_process.py`: defer, yt-dlp in a thread, `channel.connect()`,
`FFmpegOpusAudio`, a thread per player), each in a process of its own against its own fresh emulator, in the
same run; discord.py's gateway limit (110 sends a minute per connection) stays on for both, as on Discord.

Measured from the emulator's clock (`time.monotonic()`, system-wide): each interaction's first callback
(Discord refuses one later than 3 s: the song never plays), the first audio packet per server, and the packet
gaps heard in the servers that were already playing during the burst (from the burst until the last server
started, or the timeout), and next to them the bot's sender's own figures over the same burst (from its
/metrics, every server: `bench/sender_timing.py`), which tell a gap the bot made from the receiver's.
Run: `.venv/bin/python -m bench.play_burst` (`--servers 200`, `--playing 10`, `--bots musicbot` for one bot,
`musicbot-before` for the bot with the old garbage collection and FFmpeg start, `musicbot-loop-normal` for today's
with its loop's thread at normal priority, `--profile DIR` for py-spy on the bot's process during the burst,
`--gc-types` for what the collector follows). Prints markdown; no assertions, these machines are noisy: compare
the bots' figures of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.discord_bot import ROOT, BotProcess, log_summary, percentile
from bench.sender_timing import SenderWindow
from bench.workspace import load_average, served_media
from musicbot.adapters.ffmpeg_binary import find_ffmpeg
from musicbot.entrypoints.logs import configure_logging
from tests.support.discord_emulator import DiscordEmulator
from tests.support.discord_emulator.interactions import Interaction
from tests.support.discord_emulator.model import Guild, Member
from tests.support.media_server import MediaServer
from tests.support.tcp_proxy import free_port

DEADLINE = 3.0  # Discord's: an interaction not answered by then shows "The application did not respond"
# `musicbot-before`: the bot as it was before issue 10's third round: a full collection every 10 s while streams
# play, FFmpeg started on the event loop's thread; and before its fourth: the voice sender's thread at normal
# priority, a command's work not waiting for the other deferrals under way (bench/discord_bot_process.py); and
# before its fifth: the loop's thread at normal priority.
BEFORE = {
    "BENCH_LOOP_NORMAL": "1",
    "BENCH_FULL_COLLECTIONS": "1",
    "BENCH_SPAWN_ON_LOOP": "1",
    "BENCH_SENDER_NORMAL": "1",
    "BENCH_WORK_BEFORE_ANSWERS": "1",
}
# `musicbot-loop-normal`: today's bot but its loop's thread at normal priority (entrypoints/loop_priority.py)
VARIANTS = {"musicbot-before": BEFORE, "musicbot-loop-normal": {"BENCH_LOOP_NORMAL": "1"}}
SONG_SECONDS = 300  # every song outlasts the burst: the playing servers play throughout


@dataclass
class Outcome:
    bot: str
    servers: int
    acks: list[float | None] = field(default_factory=list)  # seconds; None: never acknowledged in time
    first_audio: list[float | None] = field(default_factory=list)  # seconds from the burst; None: never
    gaps: list[float] = field(default_factory=list)  # inter-packet intervals in the playing servers, seconds
    sender: SenderWindow | None = None  # the bot's own timing over the burst (its /metrics), every server
    replies: dict[str, int] = field(default_factory=dict)  # final replies by their first words
    load: tuple[float, float, float] = (0.0, 0.0, 0.0)
    dispatched_ms: float = 0.0
    window: float = 0.0
    notes: list[str] = field(default_factory=list)


class NaiveProcess:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, emu: DiscordEmulator, *, ack_only: bool = False) -> NaiveProcess:
        config = {
            "api_url": emu.api_url,
            "gateway_url": emu.gateway_url,
            "token": emu.token,
            "ffmpeg": find_ffmpeg(),
            "ack_only": ack_only,
        }
        env = os.environ | {"SSL_CERT_FILE": str(emu.ca_pem_path)}
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.naive_bot_process",
            json.dumps(config),
            env=env,
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
        )
        return cls(process)

    async def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


def world(emu: DiscordEmulator, count: int, prefix: str) -> list[tuple[Guild, Member]]:
    guilds = []
    for number in range(count):
        guild = emu.add_guild(f"{prefix}{number}", voice_channels=["Music"], text_channels=["music"])
        guilds.append((guild, emu.add_member(guild, f"{prefix.lower()}{number}", in_voice="Music")))
    return guilds


async def play(emu: DiscordEmulator, guild: Guild, member: Member, url: str) -> Interaction:
    return await emu.slash(guild, member, "play", {"query": url}, channel="music")


async def first_audio(emu: DiscordEmulator, guild: Guild, since: float, within: float) -> float | None:
    try:
        return await emu.voice(guild).wait_for_audio(0.02, since=since, timeout=within) - since
    except TimeoutError:
        return None


def kind_of(text: str) -> str:
    """A final reply by what it says, not by which song: "▶ Playing", "Now playing:", or the error itself."""
    for start in ("▶ Playing", "Now playing:", "Queued at"):
        if text.startswith(start):
            return start
    return text[:80]


def profile(pid: int, directory: Path, seconds: float, native: bool = False) -> subprocess.Popen[bytes] | None:
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(py_spy).exists():
        print("py-spy is not installed: `.venv/bin/pip install py-spy`", file=sys.stderr)
        return None
    directory.mkdir(parents=True, exist_ok=True)
    command = [py_spy, "record", "--pid", str(pid), "--duration", str(round(seconds)), "--rate", "200"]
    command += ["--format", "raw", "--output", str(directory / f"burst-{pid}.txt"), "--threads"]
    command += ["--native"] if native else ["--nonblocking"]  # C frames (the collector's) need a stopped process
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def run(kind: str, arguments: argparse.Namespace, server: MediaServer, root: Path) -> Outcome:
    outcome = Outcome(bot=kind, servers=arguments.servers)
    async with DiscordEmulator() as emu:
        burst = world(emu, arguments.servers, "Burst")
        playing = world(emu, arguments.playing, "Playing")
        bot: BotProcess | NaiveProcess
        if kind.startswith("musicbot"):
            env = dict(arguments.bot_env) | VARIANTS.get(kind, {})
            bot = await BotProcess.start(emu, root, trace=False, env=env, http_port=free_port())
        else:
            bot = await NaiveProcess.start(emu)
        try:
            await emu.wait_ready(timeout=60)
            if isinstance(bot, BotProcess):
                await bot.ask("ready")
            await emu.state.notifier.wait_for(
                lambda: True if "play" in emu.commands() else None, timeout=60, what="/play registered"
            )
            # The servers that play during the burst start first, a few at a time, and play throughout.
            for number, (guild, member) in enumerate(playing):
                await play(emu, guild, member, server.url(f"/media/playing{number}.ogg"))
                await emu.voice(guild).wait_for_audio(0.2, since=time.monotonic() - 1, timeout=60)
            await asyncio.sleep(arguments.settle)
            pid = bot.process.pid
            spy = (
                profile(pid, arguments.profile, arguments.profile_seconds, arguments.native)
                if arguments.profile
                else None
            )
            outcome.load = os.getloadavg()
            before_types = await bot.ask("gc_types") if isinstance(bot, BotProcess) and arguments.gc_types else {}
            scraped = ""
            if isinstance(bot, BotProcess):
                await bot.ask("gc_pauses")  # from here on
                scraped = await bot.metrics()
                threads = await bot.ask("schedstat")
            dropped, rcvbuf_errors = emu.udp.dropped, udp_rcvbuf_errors()
            started = time.monotonic()
            interactions = await asyncio.gather(
                *(play(emu, g, m, server.url(f"/media/burst{n}.ogg")) for n, (g, m) in enumerate(burst))
            )
            outcome.dispatched_ms = (time.monotonic() - started) * 1000
            audio = await asyncio.gather(*(first_audio(emu, g, started, arguments.timeout) for g, _ in burst))
            ended = max((a for a in audio if a is not None), default=arguments.timeout)
            outcome.window = ended
            await asyncio.gather(*(i.final(timeout=5) for i in interactions), return_exceptions=True)
            outcome.acks = [i.response_delay for i in interactions]
            outcome.first_audio = list(audio)
            if isinstance(bot, BotProcess):
                outcome.sender = SenderWindow.between(scraped, await bot.metrics())
                outcome.notes.append(cpu_waits(threads, await bot.ask("schedstat"), ended))
            for interaction in interactions:
                reply = interaction._final()
                text = "(no final reply)" if reply is None else kind_of(reply.text)
                outcome.replies[text] = outcome.replies.get(text, 0) + 1
            if isinstance(bot, BotProcess):
                collected, walked = await bot.ask("gc_collected"), await bot.ask("gc_walked")
                pauses = await bot.ask("gc_pauses")
                each = zip(pauses, collected, walked, strict=False)  # one may end between the questions
                outcome.notes.append(
                    f"Full garbage collections in the bot during the burst: {len(pauses)}, longest "
                    f"{max(pauses, default=0) * 1000:.0f} ms, all together {sum(pauses) * 1000:.0f} ms "
                    f"(each: {', '.join(f'{p * 1000:.0f} ms, {w:,} walked, {c:,} freed' for p, c, w in each)})."
                )
            if before_types and isinstance(bot, BotProcess):  # only asked of our bot
                outcome.notes.append(gc_growth(before_types, await bot.ask("gc_types")))
            outcome.notes.append(
                f"The emulator's voice socket over the burst: {emu.udp.dropped - dropped} datagrams dropped for a "
                f"full buffer (the machine's, every socket: {udp_rcvbuf_errors() - rcvbuf_errors}); arrivals are "
                f"the kernel's receive times: {emu.udp.kernel_timestamps}."
            )
            for guild, _ in playing:
                packets = emu.voice(guild).audio_packets(started, started + ended)
                outcome.gaps += [b.arrival - a.arrival for a, b in itertools.pairwise(packets)]
            if spy is not None:
                try:
                    await asyncio.to_thread(spy.wait, arguments.profile_seconds + 30)
                except subprocess.TimeoutExpired:
                    spy.send_signal(signal.SIGINT)  # py-spy writes what it has
                    await asyncio.to_thread(spy.wait)
                outcome.notes.append(f"py-spy profile of the bot's process: {arguments.profile}/burst-{pid}.txt")
        finally:
            await bot.close()
    if kind.startswith("musicbot"):
        outcome.notes.append(log_summary(root / "bot.log"))
        if arguments.keep_log:
            arguments.keep_log.mkdir(parents=True, exist_ok=True)
            shutil.copy(root / "bot.log", arguments.keep_log / f"{kind}.log")
    return outcome


def udp_rcvbuf_errors() -> int:
    """The machine's count of UDP datagrams dropped for a full receive buffer (/proc/net/snmp), or -1."""
    try:
        header, values = (
            line.split() for line in Path("/proc/net/snmp").read_text().splitlines() if line.startswith("Udp:")
        )
    except (OSError, ValueError):
        return -1
    return int(values[header.index("RcvbufErrors")])


def cpu_waits(before: dict[str, list[int]], after: dict[str, list[int]], window: float) -> str:
    """How long the loop's and the sender's threads were runnable but waited for a CPU, over the burst."""

    def one(name: str) -> str:
        (cpu, wait, _), (cpu0, wait0, _) = after[name], before[name]
        return f"{name}: {(cpu - cpu0) / 1e6:,.0f} ms on a CPU, {(wait - wait0) / 1e6:,.0f} ms waiting for one"

    return f"Over the burst ({window:.1f} s), from /proc: " + "; ".join(one(name) for name in after) + "."


def gc_growth(before: dict[str, int], after: dict[str, int]) -> str:
    """What the collector follows after the burst that it did not before (the frozen heap not counted)."""
    grown = sorted(((after.get(k, 0) - before.get(k, 0), k) for k in after.keys() | before.keys()), reverse=True)
    top = ", ".join(f"{name} +{count:,}" for count, name in grown[:12])
    counts = f"{sum(before.values()):,} before the burst, {sum(after.values()):,} after"
    return f"Objects the collector follows: {counts}; grew most: {top}."


def ms(values: Iterable[float]) -> str:
    seconds = sorted(values)
    if not seconds:
        return "— / — / —"
    return " / ".join(f"{v * 1000:,.0f}" for v in (statistics.median(seconds), percentile(seconds, 0.99), seconds[-1]))


def table(outcomes: list[Outcome]) -> list[str]:
    rows = [
        "| " + " | ".join(["measurement", *(o.bot for o in outcomes)]) + " |",
        "|---" * (len(outcomes) + 1) + "|",
    ]

    def row(name: str, cell: Callable[[Outcome], str]) -> None:
        rows.append(f"| {name} | " + " | ".join(cell(o) for o in outcomes) + " |")

    row("interaction acknowledged: p50 / p99 / max ms", lambda o: ms(a for a in o.acks if a is not None))
    row(
        "the same, bot-side (its /metrics: taken in the tree's check to the deferral answered)",
        lambda o: "—" if o.sender is None else o.sender.ack_summary(),
    )
    row(
        f"acknowledged later than {DEADLINE:g} s, or never",
        lambda o: f"{sum(a is None or a > DEADLINE for a in o.acks)} of {o.servers}",
    )
    row("acknowledged later than 1 s", lambda o: str(sum(a is None or a > 1.0 for a in o.acks)))
    row("first audio per server: p50 / p99 / max ms", lambda o: ms(a for a in o.first_audio if a is not None))
    row("servers that never played", lambda o: str(sum(a is None for a in o.first_audio)))
    row(
        "playing servers during the burst: p99 packet gap ms, gaps ≥ 50 ms",
        lambda o: f"{percentile(o.gaps, 0.99) * 1000:.1f}, {sum(g >= 0.05 for g in o.gaps)}" if o.gaps else "—",
    )
    row(
        "the bot's sender, every server (its /metrics): intervals between a server's packets, lateness",
        lambda o: "—" if o.sender is None else o.sender.summary(),
    )
    row("burst dispatched in (ms)", lambda o: f"{o.dispatched_ms:.0f}")
    row("load average before the burst", lambda o: ", ".join(f"{x:.2f}" for x in o.load))
    return rows


def ratios(ours: Outcome, naive: Outcome) -> list[str]:
    def ratio(a: list[float], b: list[float], q: float) -> str:
        if not a or not b:
            return "—"
        return f"{percentile(a, q) / percentile(b, q):.2f}×"

    acks = [a for a in ours.acks if a is not None], [a for a in naive.acks if a is not None]
    audio = [a for a in ours.first_audio if a is not None], [a for a in naive.first_audio if a is not None]
    return [
        "",
        "Ratios, musicbot ÷ naive bot (same run; below 1 is better): "
        f"ack p50 {ratio(*acks, 0.5)}, ack p99 {ratio(*acks, 0.99)}, "
        f"first audio p50 {ratio(*audio, 0.5)}, first audio p99 {ratio(*audio, 0.99)}, "
        f"playing servers' p99 gap {ratio(ours.gaps, naive.gaps, 0.99)}.",
    ]


async def main(arguments: argparse.Namespace) -> None:
    configure_logging("WARNING", "console")
    with served_media({"song.ogg": (440, SONG_SECONDS)}) as (root, server):
        # One Opus file under a name per server: every request is its own URL, resolved on its own.
        song = root / "media" / "song.ogg"
        for number in range(arguments.servers):
            os.link(song, song.with_name(f"burst{number}.ogg"))
        for number in range(arguments.playing):
            os.link(song, song.with_name(f"playing{number}.ogg"))
        print(
            f"{arguments.servers} servers send /play at once, {arguments.playing} servers already playing; "
            f"{os.cpu_count()} cores, load average {load_average()}.",
            flush=True,
        )
        outcomes = []
        for kind in arguments.bots:
            bot_root = root / kind
            bot_root.mkdir()
            outcomes.append(await run(kind, arguments, server, bot_root))
            print(f"({kind} done, load average {load_average()})", flush=True)
            print("\n".join(table(outcomes[-1:])), flush=True)
        print("\n" + "\n".join(table(outcomes)))
        by_bot = {o.bot: o for o in outcomes}
        if "musicbot" in by_bot and "naive" in by_bot:
            print("\n".join(ratios(by_bot["musicbot"], by_bot["naive"])))
        for outcome in outcomes:
            replies = ", ".join(f"{count} × “{text}”" for text, count in sorted(outcome.replies.items()))
            print(f"\n{outcome.bot}: final replies: {replies}")
            for note in outcome.notes:
                print(note)


def _parse(argv: Iterable[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--servers", type=int, default=100, help="servers sending /play at once")
    # 5 + 100 joins fit in discord.py's 110 sends a minute, as the measurement (100 servers) had it.
    parser.add_argument("--playing", type=int, default=5, help="servers already playing during the burst")
    parser.add_argument(
        "--bots",
        nargs="+",
        default=["musicbot", "naive"],
        choices=["musicbot", "musicbot-before", "musicbot-loop-normal", "naive"],
    )
    parser.add_argument("--timeout", type=float, default=None, help="seconds to wait for every server's audio")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds between the playing servers and the burst")
    parser.add_argument("--profile", type=Path, help="py-spy record the bot's process into this directory")
    parser.add_argument("--gc-types", action="store_true", help="count the objects the collector follows, by type")
    parser.add_argument(
        "--bot-env",
        type=lambda text: tuple(text.split("=", 1)),
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="for the bot's process: BENCH_FULL_COLLECTIONS=1 (a full collection every 10 s while streams play, "
        "as before), BENCH_SPAWN_ON_LOOP=1 (FFmpeg started on the loop's thread, as before), MUSICBOT_...",
    )
    parser.add_argument("--native", action="store_true", help="py-spy --native: C frames too (pauses the bot)")
    parser.add_argument("--profile-seconds", type=float, default=10.0)
    parser.add_argument("--keep-log", type=Path, help="copy each musicbot's log into this directory")
    arguments = parser.parse_args(None if argv is None else list(argv))
    if arguments.timeout is None:  # joins are paced at 110 a minute: the burst's floor, plus room
        arguments.timeout = 30.0 + 60.0 * (arguments.servers + arguments.playing) / 100
    return arguments


if __name__ == "__main__":
    asyncio.run(main(_parse()))
