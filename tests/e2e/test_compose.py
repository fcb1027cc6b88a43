"""docker-compose.yml's `cluster` profile run for real with a compose CLI: PostgreSQL, Redis, the one-shot
`migrate`, and two bot processes (shards 0-1 and 2-3 of 4) against the Discord emulator; each plays a tone in a
server of its own shards, /api/status on one reports both (through Redis), and `down` stops both cleanly.

The repository's compose file is run with what only the test changes: the bots on the host's network (the
emulator and the media server listen on 127.0.0.1, so no published port) with discord.py pointed at the emulator,
and PostgreSQL and Redis published on free ports of 127.0.0.1 for them; services, dependencies, health checks,
commands, volumes and the profile are the file's own. Where the Docker daemon reaches
no image registry (the base image is local: docker/make-base-image.sh), PostgreSQL and Redis are the stand-ins of
docker/standins/build.sh, made from Debian's packages; elsewhere the official images the compose file names.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.support.audio_analysis import dominant_frequency, pcm_to_mono
from tests.support.containers import ROOT, STARTUP, base_image, docker, http_status, wait_until
from tests.support.discord_emulator import DiscordEmulator
from tests.support.media_server import MediaServer
from tests.support.tcp_proxy import free_port

pytestmark = [pytest.mark.slow, pytest.mark.container, pytest.mark.timeout(1800)]  # the image build may be here
SHARDS = 4
BOTS = ("musicbot", "musicbot-2")  # shards 0-1 (.env) and 2-3 (the compose file's default for the second)


def compose_cli() -> list[str] | None:
    """Compose v2 (`docker compose`) when the Docker client has it, else v1 (`docker-compose`, Debian's)."""
    if docker("compose", "version", timeout=20).returncode == 0:
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


@pytest.fixture(scope="module")
def compose(image: str) -> list[str]:
    if (cli := compose_cli()) is None:
        pytest.skip("compose test skipped: no `docker compose` nor `docker-compose` (.ci/run installs one)")
    return cli


@pytest.fixture(scope="module")
def service_images(image: str) -> Iterator[dict[str, str]]:
    """The images the compose file runs: this tree's bot, and stand-ins for PostgreSQL and Redis built from the
    local base where it is local (no registry to pull the official ones from)."""
    images = {"MUSICBOT_IMAGE": image}
    base = base_image()
    if base is None:  # the bot's base came from Docker Hub: so can PostgreSQL and Redis
        yield images
        return
    suffix = uuid.uuid4().hex[:12]
    postgres, redis = f"musicbot-test-postgres:{suffix}", f"musicbot-test-redis:{suffix}"
    built = subprocess.run(
        [str(ROOT / "docker" / "standins" / "build.sh"), postgres, redis],
        capture_output=True, text=True, env={**os.environ, "BASE_IMAGE": base}, timeout=1200, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-4000:]
    yield images | {"MUSICBOT_POSTGRES_IMAGE": postgres, "MUSICBOT_REDIS_IMAGE": redis}
    docker("rmi", "--force", postgres, redis)


def write_project(tmp_path: Path, emu: DiscordEmulator, password: str) -> dict[str, int]:
    """`.env` as docs/operations.md tells a user to write it for the cluster profile, and the repository's compose
    file with the test's changes only (written out whole: an override cannot take the bots' `ports` away, which
    Docker refuses on the host's network)."""
    (tmp_path / ".env").write_text(
        f"DISCORD_TOKEN={emu.token}\nPOSTGRES_PASSWORD={password}\n"
        f"MUSICBOT_SHARD_COUNT={SHARDS}\nMUSICBOT_SHARD_IDS=0-1\nMUSICBOT_REDIS_URL=redis://redis:6379/0\n"
        "MUSICBOT_DATABASE_MIGRATE=check\nMUSICBOT_ALLOW_PRIVATE_URLS=true\n"  # the media server: 127.0.0.1
    )
    ports = {name: free_port() for name in ("postgres", "redis", *BOTS)}
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # merge keys resolved, ${...} left as is
    services = compose["services"]
    services["postgres"]["ports"] = [f"127.0.0.1:{ports['postgres']}:5432"]
    services["redis"]["ports"] = [f"127.0.0.1:{ports['redis']}:6379"]
    for bot in BOTS:
        service = services[bot]
        del service["ports"]
        service["network_mode"] = "host"
        service["entrypoint"] = ["tini", "--", "python", "/test/emulated_bot.py", emu.api_url, emu.gateway_url]
        service["volumes"] = [  # new lists and mappings: the YAML anchors share them between services
            *service["volumes"],
            f"{emu.ca_pem_path}:/test/ca.pem:ro",
            f"{ROOT / 'tests' / 'support' / 'emulated_bot.py'}:/test/emulated_bot.py:ro",
        ]
        service["environment"] = service["environment"] | {
            "MUSICBOT_DATABASE_URL": f"postgresql://musicbot:{password}@127.0.0.1:{ports['postgres']}/musicbot",
            "MUSICBOT_REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0",
            "MUSICBOT_HTTP_HOST": "127.0.0.1",
            "MUSICBOT_HTTP_PORT": str(ports[bot]),
            "SSL_CERT_FILE": "/test/ca.pem",
        }
    (tmp_path / "docker-compose.yml").write_text(json.dumps(compose, indent=2))  # JSON is YAML
    return ports


def service_containers(project: str, service: str) -> list[str]:
    listed = docker(
        "ps", "--all", "--quiet", "--filter", f"label=com.docker.compose.project={project}",
        "--filter", f"label=com.docker.compose.service={service}",
    )  # fmt: skip
    return listed.stdout.split()


def get_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return dict(json.loads(response.read()))


async def test_the_cluster_profile_runs_two_bots_over_postgresql_and_redis(
    compose: list[str], service_images: dict[str, str], media_server: MediaServer, tmp_path: Path
) -> None:
    project, password = f"musicbot-test-{uuid.uuid4().hex[:12]}", uuid.uuid4().hex
    async with DiscordEmulator() as emu:
        emu.state.max_concurrency = SHARDS  # GET /gateway/bot lets all four identify at once
        guilds = {}  # a server of each process's shards
        while len(guilds) < 2:
            guild = emu.add_guild("G", voice_channels=["General"], text_channels=["music"])
            guilds.setdefault(BOTS[((guild.id >> 22) % SHARDS) // 2], guild)
            await asyncio.sleep(0.003)  # the next snowflake's time part moves on
        members = {bot: emu.add_member(guild, f"user-{bot}", in_voice="General") for bot, guild in guilds.items()}
        ports = write_project(tmp_path, emu, password)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MUSICBOT_", "POSTGRES_"))}
        cli = [
            *compose, "--file", str(tmp_path / "docker-compose.yml"), "--project-name", project, "--profile", "cluster",
        ]  # fmt: skip

        def run(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
            return subprocess.run(
                [*cli, *args], capture_output=True, text=True, env=env | service_images, timeout=timeout, check=False
            )

        followers: list[asyncio.subprocess.Process] = []
        try:
            up = await asyncio.to_thread(run, "up", "--detach")
            if up.returncode != 0:
                logs = await asyncio.to_thread(run, "logs", "--no-color", "--tail", "30")
                pytest.fail(f"compose up failed:\n{up.stderr[-3000:]}\n{logs.stdout[-6000:]}")
            bots = {bot: service_containers(project, bot) for bot in BOTS}
            assert all(len(ids) == 1 for ids in bots.values()), bots
            for bot, (container,) in bots.items():  # each bot's whole log, up to its exit
                with (tmp_path / f"{bot}.log").open("wb") as log:
                    followers.append(
                        await asyncio.create_subprocess_exec(
                            "docker", "logs", "--follow", container, stdout=log, stderr=log
                        )
                    )
            for bot in BOTS:
                url = f"http://127.0.0.1:{ports[bot]}/readyz"
                await wait_until(lambda url=url: http_status(url) == 200, f"{bot}'s /readyz", STARTUP)

            (migrate,) = service_containers(project, "migrate")  # once, before both bots, and done
            state = json.loads(docker("inspect", "--format", "{{json .State}}", migrate).stdout)
            assert (state["Status"], state["ExitCode"]) == ("exited", 0), docker("logs", migrate).stderr[-3000:]
            assert sorted(emu.gateway.sessions) == list(range(SHARDS))
            assert all(session.shard == [shard, SHARDS] for shard, session in emu.gateway.sessions.items())

            for bot, guild in guilds.items():
                interaction = await emu.slash(
                    guild, members[bot], "play", {"query": media_server.url("/media/tone440.wav")}, channel="music"
                )
                assert "Playing" in (await interaction.final(timeout=30)).text, bot
            for bot, guild in guilds.items():
                voice = emu.voice(guild)
                start = await voice.wait_for_audio(1.0, timeout=30)
                assert abs(dominant_frequency(pcm_to_mono(voice.pcm(since=start))) - 440) < 2, bot

            status_url = f"http://127.0.0.1:{ports['musicbot']}/api/status"

            def whole_cluster() -> bool:  # each process publishes its figures to Redis every 5 s
                cluster = get_json(status_url)["cluster"]
                return isinstance(cluster, dict) and cluster["processes"] == 2 and len(cluster["shards"]) == SHARDS

            await wait_until(whole_cluster, "/api/status to report both processes", 30)
            cluster = get_json(status_url)["cluster"]
            assert isinstance(cluster, dict)
            by_process = {shard["id"]: shard["process"] for shard in cluster["shards"]}
            assert by_process[0] == by_process[1] != by_process[2] == by_process[3], cluster

            # `down` as a user stops the cluster: each bot's exit code, read as it exits (down then removes it).
            waits = {
                bot: await asyncio.create_subprocess_exec("docker", "wait", ids[0], stdout=asyncio.subprocess.PIPE)
                for bot, ids in bots.items()
            }
            down = await asyncio.to_thread(run, "down", timeout=120)
            assert down.returncode == 0, down.stderr[-3000:]
            exits = {
                bot: (await asyncio.wait_for(wait.communicate(), 30))[0].decode().strip() for bot, wait in waits.items()
            }
        finally:
            await asyncio.to_thread(run, "down", "--volumes", "--remove-orphans", "--timeout", "5", timeout=180)
            for follower in followers:
                try:
                    await asyncio.wait_for(follower.wait(), 10)
                except TimeoutError:
                    follower.kill()
        logs = {bot: (tmp_path / f"{bot}.log").read_text(errors="replace") for bot in BOTS}
        assert exits == {bot: "0" for bot in BOTS}, {bot: log[-3000:] for bot, log in logs.items()}
        for bot, log in logs.items():
            assert "Traceback" not in log, (bot, log[-5000:])
