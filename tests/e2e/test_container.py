"""The image, built with docker/build.sh and run for real: its console plays a tone into a WAV file, and the bot in
it (host network) gets ready against the Discord emulator, plays what /play asks for, and stops cleanly.

Needs a Docker daemon that can build with BuildKit; without one the module skips with one line (.ci/run installs
and starts one). The base image is `MUSICBOT_TEST_BASE_IMAGE`, else `local/bookworm-python` when that exists
(docker/make-base-image.sh: no registry needed), else the Dockerfile's default from Docker Hub.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MEDIA_SECONDS
from tests.support.audio_analysis import SAMPLE_RATE, dominant_frequency, pcm_to_mono, read_wav
from tests.support.containers import ROOT, STARTUP, docker, http_status, wait_until
from tests.support.discord_emulator import DiscordEmulator
from tests.support.media_server import MediaServer
from tests.support.tcp_proxy import free_port

pytestmark = [pytest.mark.slow, pytest.mark.container, pytest.mark.timeout(1800)]  # the build is in the first


@pytest.fixture(scope="module")
def inside(image: str) -> Iterator[str]:
    """One container of the image to look into with `docker exec` (on vfs storage each container costs a copy
    of the whole image: seconds to tens of seconds on a busy machine)."""
    name = f"musicbot-test-{uuid.uuid4().hex[:12]}"
    started = docker("run", "--detach", "--name", name, "--network", "host", "--entrypoint", "sleep", image, "infinity")
    assert started.returncode == 0, started.stderr
    yield name
    docker("rm", "--force", "--volumes", name)


def inspect(tag: str) -> dict[str, Any]:
    found = docker("image", "inspect", tag)
    assert found.returncode == 0, found.stderr
    config: dict[str, Any] = json.loads(found.stdout)[0]["Config"]
    return config


def pem_blocks(text: str) -> set[str]:
    return set(re.findall(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", text, flags=re.DOTALL))


def host_ca_bundle() -> Path | None:
    """The CA bundle docker/build.sh hands the build as a secret (the same lookup, pip's setting aside)."""
    for candidate in (
        os.environ.get("PIP_CERT"),
        os.environ.get("SSL_CERT_FILE"),
        "/etc/ssl/certs/ca-certificates.crt",
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def test_the_image_runs_musicbot_as_a_user_under_tini_with_its_version(image: str, inside: str):
    config = inspect(image)
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]

    assert config["Labels"]["org.opencontainers.image.version"] == version
    assert config["User"] == "musicbot" and config["Entrypoint"][:2] == ["tini", "--"]
    assert "/data" in config["Volumes"] and "MUSICBOT_HTTP_HOST=0.0.0.0" in config["Env"]
    assert "/readyz" in " ".join(config["Healthcheck"]["Test"])
    assert docker("exec", inside, "musicbot", "--version").stdout.strip() == f"musicbot {version}"
    assert docker("exec", inside, "id", "-u").stdout.strip() == "10001"


def test_no_build_secret_stays_in_the_image(image: str, inside: str):
    history = docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", image).stdout
    found = docker("exec", inside, "sh", "-c", "find / -xdev -name pip.conf 2>/dev/null; ls -A /run/secrets")
    assert found.stdout.strip() == "", found.stdout  # no pip configuration, nothing left where secrets were mounted
    bundle = host_ca_bundle()
    if bundle is None:
        return
    image_bundle = docker("exec", inside, "cat", "/etc/ssl/certs/ca-certificates.crt").stdout
    # Certificates only this machine trusts (a proxy's CA): in no layer of the image, not even in its history.
    host_only = pem_blocks(bundle.read_text(errors="replace")) - pem_blocks(image_bundle)
    needles = [block.splitlines()[len(block.splitlines()) // 2].encode() for block in host_only]
    assert not any(needle.decode() in history for needle in needles)
    saved = subprocess.Popen(["docker", "save", image], stdout=subprocess.PIPE)
    assert saved.stdout is not None
    tail, leaked = b"", []
    while chunk := saved.stdout.read(1 << 24):
        window = tail + chunk
        leaked += [needle for needle in needles if needle in window]
        tail = window[-256:]
    assert saved.wait() == 0
    assert leaked == []


def test_the_console_in_the_image_plays_a_tone_into_a_wav(image: str, media_server: MediaServer, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o777)  # the container's user writes there
    played = docker(
        "run", "--rm", "-i", "--network", "host", "-e", "MUSICBOT_ALLOW_PRIVATE_URLS=true",
        "-v", f"{out}:/out", image, "console", "--output", "/out/tone.wav",
        stdin=f"play {media_server.url('/media/tone440.wav')}\n",
    )  # fmt: skip

    assert played.returncode == 0, played.stderr[-3000:]
    assert "Now playing" in played.stdout
    samples, rate = read_wav(out / "tone.wav")
    assert rate == SAMPLE_RATE
    assert abs(dominant_frequency(samples) - 440) < 2
    assert abs(len(samples) / rate - MEDIA_SECONDS) < 0.2


def test_the_image_migrates_postgresql_as_compose_s_init_step(inside: str):
    url = os.environ.get("MUSICBOT_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("MUSICBOT_TEST_POSTGRES_URL is not set")
    database = ("-e", f"MUSICBOT_DATABASE_URL={url}")
    upgraded = docker("exec", *database, inside, "musicbot", "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr[-3000:]
    current = docker("exec", *database, inside, "musicbot", "db", "current")
    here = subprocess.run(
        [str(Path(sys.executable).with_name("musicbot")), "db", "current"],
        capture_output=True, text=True, env={**os.environ, "MUSICBOT_DATABASE_URL": url}, timeout=60, check=False,
    )  # fmt: skip
    assert current.returncode == 0 and here.returncode == 0, current.stderr[-2000:] + here.stderr[-2000:]
    assert current.stdout.strip() == here.stdout.strip() != ""  # the newest revision this source tree knows


async def test_the_bot_in_the_image_gets_ready_plays_and_stops_cleanly(
    image: str, media_server: MediaServer, tmp_path: Path
):
    port, name = free_port(), f"musicbot-test-{uuid.uuid4().hex[:12]}"
    async with DiscordEmulator() as emu:
        guild = emu.add_guild("Container", voice_channels=["General"], text_channels=["music"])
        alice = emu.add_member(guild, "alice", in_voice="General")
        # `musicbot run` as the image runs it, with discord.py pointed at the emulator first (the same launcher as
        # tests/e2e/discord/test_operations.py) and the emulator's CA for the wss:// voice gateway.
        run = await asyncio.to_thread(
            docker,
            "run", "--detach", "--name", name, "--network", "host",
            "--health-interval", "1s", "--health-start-period", "120s",
            "-e", f"DISCORD_TOKEN={emu.token}", "-e", "SSL_CERT_FILE=/test/ca.pem",
            "-e", f"MUSICBOT_HTTP_PORT={port}", "-e", "MUSICBOT_ALLOW_PRIVATE_URLS=true",
            "-v", f"{emu.ca_pem_path}:/test/ca.pem:ro",
            "-v", f"{ROOT / 'tests' / 'support' / 'emulated_bot.py'}:/test/emulated_bot.py:ro",
            "--entrypoint", "tini", image, "--", "python", "/test/emulated_bot.py", emu.api_url, emu.gateway_url,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        try:
            await wait_until(lambda: http_status(f"http://127.0.0.1:{port}/readyz") == 200, "/readyz", STARTUP)
            health = lambda: docker("inspect", "--format", "{{.State.Health.Status}}", name).stdout.strip()  # noqa: E731
            await wait_until(lambda: health() == "healthy", "Docker's health check", 30)

            interaction = await emu.slash(
                guild, alice, "play", {"query": media_server.url("/media/tone440.wav")}, channel="music"
            )
            reply = await interaction.final(timeout=30)
            assert "Playing" in reply.text
            voice = emu.voice(guild)
            start = await voice.wait_for_audio(1.0, timeout=30)
            assert abs(dominant_frequency(pcm_to_mono(voice.pcm(since=start))) - 440) < 2

            stopped = await asyncio.to_thread(docker, "stop", "--time", "10", name, timeout=30)
            assert stopped.returncode == 0, stopped.stderr
            state = json.loads((await asyncio.to_thread(docker, "inspect", "--format", "{{json .State}}", name)).stdout)
            assert state["ExitCode"] == 0, (await asyncio.to_thread(docker, "logs", "--tail", "50", name)).stderr
        finally:
            logs = await asyncio.to_thread(docker, "logs", "--tail", "40", name)
            await asyncio.to_thread(docker, "rm", "--force", "--volumes", name)
        assert "Traceback" not in logs.stdout + logs.stderr, logs.stderr[-3000:]
