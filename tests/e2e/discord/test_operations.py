"""`musicbot run` in a process of its own against the Discord emulator, as in production: its metrics move when
it plays, /readyz, /admin for the owner only, and SIGTERM (no new commands, every queue saved at its position,
voice left, exit 0 well within docker stop's 10 s)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import sys
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

import pytest

from musicbot.adapters.sql import create_database, default_database_url, unit_of_work_factory
from musicbot.domain.ids import GuildId
from tests.support.discord_emulator import DiscordEmulator
from tests.support.media import make_tone
from tests.support.media_server import MediaServer
from tests.support.tcp_proxy import TcpProxy, free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parents[3]
STARTUP = 90.0  # seconds a fresh `musicbot run` may take to be ready (yt-dlp's warm-up, on a busy machine)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample of the exposition (0 when absent)."""
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = re.escape(name) + (r"\{" + re.escape(wanted) + r"\}" if labels else "") + r" ([0-9.e+-]+)"
    found = re.search("^" + pattern + "$", text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    base: str  # http://127.0.0.1:PORT
    data_dir: Path
    log: Path

    async def get(self, path: str) -> tuple[int, bytes]:
        return await asyncio.to_thread(get, self.base + path)

    async def metrics_when(self, done: Callable[[str], bool]) -> str:
        """/metrics once `done` says the figures moved (a button's work ends after its acknowledgement)."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            status, body = await self.get("/metrics")
            if status == 200 and done(body.decode()):
                return body.decode()
            await asyncio.sleep(0.1)
        raise AssertionError(f"the metrics never moved: {body.decode()[-3000:]}")

    async def readyz_when(self, status: int) -> dict[str, Any]:
        """/readyz's body once it answers `status`."""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            got, body = await self.get("/readyz")
            if got == status:
                return dict(json.loads(body))
            await asyncio.sleep(0.1)
        raise AssertionError(f"/readyz never answered {status}: {body!r}")

    async def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline:
            if self.process.returncode is not None:
                raise AssertionError(f"the bot exited with {self.process.returncode}: {self.log.read_text()[-3000:]}")
            with contextlib.suppress(OSError):
                if (await self.get("/readyz"))[0] == 200:
                    return
            await asyncio.sleep(0.1)
        raise AssertionError(f"/readyz never said ready: {(await self.get('/readyz'))[1]!r}")


class Reachable(Protocol):
    """Where a bot finds its Discord: the emulator here, or one in another process (bench/emulator_process.py)."""

    @property
    def token(self) -> str: ...
    @property
    def ca_pem_path(self) -> Path: ...
    @property
    def api_url(self) -> str: ...
    @property
    def gateway_url(self) -> str: ...


@contextlib.asynccontextmanager
async def musicbot_run(emu: Reachable, tmp_path: Path, **env: str) -> AsyncIterator[BotProcess]:
    port = free_port()
    log = tmp_path / "bot.log"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MUSICBOT_")}
    environment |= {
        "DISCORD_TOKEN": emu.token,
        "SSL_CERT_FILE": str(emu.ca_pem_path),  # voice is always wss://
        "MUSICBOT_DATA_DIR": str(tmp_path / "data"),
        "MUSICBOT_ALLOW_PRIVATE_URLS": "true",
        "MUSICBOT_HTTP_PORT": str(port),
        "MUSICBOT_LOG_FORMAT": "json",
        "PYTHONPATH": str(ROOT),
        **env,
    }
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.support.emulated_bot", emu.api_url, emu.gateway_url,
            env=environment, cwd=tmp_path, stdout=out, stderr=asyncio.subprocess.STDOUT,
            start_new_session=True,  # as `musicbot cluster` starts them: one scheduling group each (autogroup)
        )  # fmt: skip
    bot = BotProcess(process, f"http://127.0.0.1:{port}", tmp_path / "data", log)
    try:
        yield bot
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()


@pytest.fixture
async def emu() -> AsyncIterator[DiscordEmulator]:
    async with DiscordEmulator() as emulator:
        yield emulator


async def command(emu: DiscordEmulator, guild: Any, member: Any, name: str, **options: object) -> Any:
    interaction = await emu.slash(guild, member, name, dict(options), channel="music")
    return await interaction.final(timeout=20)


async def test_metrics_move_when_the_bot_plays(
    emu: DiscordEmulator, media_server: MediaServer, media_dir: Path, tmp_path: Path
) -> None:
    # Long enough to be still playing when its button is pressed on a busy machine.
    if not (media_dir / "long440.ogg").exists():
        make_tone(media_dir / "long440.ogg", frequency=440, seconds=12)
    guild = emu.add_guild("Ops", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    async with musicbot_run(emu, tmp_path) as bot:
        await bot.wait_ready()
        ready = json.loads((await bot.get("/readyz"))[1])
        # ready once yt-dlp's workers are warm too (a burst then resolves in them), nothing degraded
        assert ready == {"ready": True, "checked": ["gateway", "audio sender", "yt-dlp workers", "database"]}
        await command(emu, guild, alice, "play", query=media_server.url("/media/long440.ogg"))
        await emu.voice(guild).wait_for_audio(1.0)

        card = await command(emu, guild, alice, "nowplaying")
        await emu.click(card, card.button("Pause")["custom_id"], alice)
        # The button's work ends after its acknowledgement: wait for its count (the last thing it does).
        text = await bot.metrics_when(
            lambda text: metric(text, "musicbot_interactions_total", command="button:toggle", outcome="ok") == 1
        )
        assert metric(text, "musicbot_interactions_total", command="button:toggle", outcome="ok") == 1
        assert metric(text, "musicbot_interactions_total", command="play", outcome="ok") == 1
        assert metric(text, "musicbot_interaction_ack_seconds_count") >= 1
        assert metric(text, "musicbot_command_duration_seconds_count", command="play") == 1
        assert metric(text, "musicbot_play_first_audio_seconds_count") == 1
        assert metric(text, "musicbot_resolution_seconds_count", source="http") >= 1
        assert metric(text, "musicbot_players", state="paused") == 1
        assert metric(text, "musicbot_voice_packets_sent_total") >= 40  # 1 s of audio: 50 packets
        # The sender's own timing, to tell a gap the bot made from the receiver's (bench/play_burst.py).
        sent = metric(text, "musicbot_voice_packets_sent_total")
        assert metric(text, "musicbot_voice_packet_lateness_seconds_count") == sent
        assert metric(text, "musicbot_voice_packet_lateness_seconds_bucket", le="+Inf") == sent
        assert metric(text, "musicbot_voice_send_interval_seconds_count") == sent - 1  # the first follows nothing
        assert metric(text, "musicbot_voice_send_interval_seconds_sum") >= 0.01 * (sent - 1)  # seconds, ~0.02 each
        assert "musicbot_voice_slots_skipped_total " in text
        assert metric(text, "musicbot_gateway_latency_seconds", shard="0") >= 0
        assert metric(text, "musicbot_event_loop_lag_seconds_count") > 0
        assert metric(text, "process_resident_memory_bytes") > 10_000_000
        assert 'musicbot_cache_lookups_total{cache="resolve",result="miss"}' in text

        # Every metric the Grafana dashboard draws is one the bot exposes.
        dashboard = json.loads((ROOT / "docs" / "grafana-dashboard.json").read_text())
        exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
        drawn = {name for expr in exprs for name in re.findall(r"\b((?:musicbot|process)_[a-z_]+)", expr)}
        typed = set(re.findall(r"^# TYPE (\S+)", text, re.MULTILINE))
        missing = {n for n in drawn if not {n, n.removesuffix("_bucket"), n.removesuffix("_total")} & typed}
        assert not missing, missing

        api = json.loads((await bot.get("/api/status"))[1])
        assert (api["servers"], api["players_playing"], api["players"]["paused"], api["ready"]) == (1, 0, 1, True)
        assert api["shards"][0]["id"] == 0 and api["version"]


async def test_admin_is_for_the_owner_and_stats_for_everyone(
    emu: DiscordEmulator, media_server: MediaServer, tmp_path: Path
) -> None:
    guild = emu.add_guild("Admin", voice_channels=["General"], text_channels=["music"])
    owner = emu.add_member(guild, "owner", in_voice="General")
    bob = emu.add_member(guild, "bob", in_voice="General")
    async with musicbot_run(emu, tmp_path, MUSICBOT_OWNER_IDS=str(owner.id)) as bot:
        await bot.wait_ready()
        refused = await command(emu, guild, bob, "admin health")
        assert "Only the bot's owner can use this." in str(refused.embeds) and refused.ephemeral

        await command(emu, guild, bob, "play", query=media_server.url("/media/tone440.wav"))
        health = await command(emu, guild, owner, "admin health")
        text = str(health.embeds)
        assert health.ephemeral
        for name in ("Discord gateway", "database", "FFmpeg", "yt-dlp", "Spotify", "OpenRouter"):
            assert name in text
        assert "Spotify: off" in text and "yt-dlp: ok, version" in text

        performance = await command(emu, guild, owner, "admin performance")
        assert "play to first audio" in str(performance.embeds)
        logs = await command(emu, guild, owner, "admin logs", level="INFO", lines=50)
        assert logs.attachments == ("musicbot-logs.jsonl",)

        stats = await command(emu, guild, bob, "stats")
        assert "Songs you asked for: 1 song here, 1 song in all" in str(stats.embeds) and stats.ephemeral


async def test_sigterm_saves_the_queue_at_its_position_leaves_voice_and_exits_0(
    emu: DiscordEmulator, media_server: MediaServer, tmp_path: Path
) -> None:
    guild = emu.add_guild("Stop", voice_channels=["General"], text_channels=["music"])
    alice = emu.add_member(guild, "alice", in_voice="General")
    async with musicbot_run(emu, tmp_path) as bot:
        await bot.wait_ready()
        await command(emu, guild, alice, "play", query=media_server.url("/media/tone440.wav"))
        await command(emu, guild, alice, "play", query=media_server.url("/media/tone880.mp3"))
        started = await emu.voice(guild).wait_for_audio(1.2)

        bot.process.send_signal(signal.SIGTERM)
        signalled = time.monotonic()
        code = await asyncio.wait_for(bot.process.wait(), 10)
        took = time.monotonic() - signalled
        print(f"SIGTERM to exit: {took:.2f} s")  # for docs/operations.md (pytest -s)
        heard = asyncio.get_running_loop().time() - started

    assert code == 0, bot.log.read_text()[-3000:]
    assert took < 10, f"exit took {took:.1f} s"
    assert emu.bot_voice_channel(guild) is None
    logged = [json.loads(line) for line in bot.log.read_text().splitlines() if line.startswith("{")]
    assert logged and all("timestamp" in line and "level" in line for line in logged)  # JSON on stdout

    database = create_database(default_database_url(bot.data_dir))
    try:
        async with unit_of_work_factory(database)() as uow:
            saved = await uow.queues.get(GuildId(guild.id))
    finally:
        await database.dispose()
    assert saved is not None
    assert saved.current is not None and saved.current.track.title == "tone440"
    assert 1.0 <= saved.position <= heard + 0.5
    assert [song.track.title for song in saved.upcoming] == ["tone880"]


async def test_readyz_follows_the_database_going_away_and_coming_back(emu: DiscordEmulator, tmp_path: Path) -> None:
    url = os.environ.get("MUSICBOT_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("MUSICBOT_TEST_POSTGRES_URL is not set")
    parts = urlsplit(url)
    proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    await proxy.start()
    auth = f"{parts.username}:{parts.password}@" if parts.username else ""
    proxied = urlunsplit(parts._replace(netloc=f"{auth}127.0.0.1:{proxy.port}"))
    emu.add_guild("Db", voice_channels=["General"], text_channels=["music"])
    try:
        async with musicbot_run(emu, tmp_path, MUSICBOT_DATABASE_URL=proxied) as bot:
            await bot.wait_ready()
            await proxy.cut()
            body = await bot.readyz_when(503)
            assert list(body["not_ready"]) == ["database"] and "does not answer" in body["not_ready"]["database"]
            assert (await bot.get("/livez"))[0] == 200  # alive all the same: only readiness follows the database
            await proxy.start()
            assert (await bot.readyz_when(200))["ready"] is True
            errors = metric((await bot.get("/metrics"))[1].decode(), "musicbot_database_errors_total")
            assert errors >= 1
    finally:
        await proxy.cut()
