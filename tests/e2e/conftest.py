"""Run the real `musicbot` program as a user would: a subprocess with commands on its standard input."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.containers import ROOT, base_image, docker, docker_unavailable


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def musicbot_command() -> list[str]:
    script = Path(sys.executable).with_name("musicbot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "musicbot.entrypoints.cli"]


@pytest.fixture
def run_musicbot(tmp_path: Path) -> Callable[..., Run]:
    """Run `musicbot ARGS` in an empty directory (no stray .env) with `stdin` piped in."""

    def run(*args: str, stdin: str = "", timeout: float = 60, env: dict[str, str] | None = None) -> Run:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("MUSICBOT_")}
        environment |= {
            "MUSICBOT_LOG_FORMAT": "json",
            "MUSICBOT_DATA_DIR": str(tmp_path / "data"),
            "MUSICBOT_ALLOW_PRIVATE_URLS": "true",  # the media server is on 127.0.0.1
            "MUSICBOT_DEEZER_API_URL": "off",  # no internet in tests: a test that wants Deezer sets its local fake
        }
        environment |= env or {}
        done = subprocess.run(
            [*musicbot_command(), *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=tmp_path,
            env=environment,
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture(scope="session")
def image(request: pytest.FixtureRequest) -> Iterator[str]:
    """musicbot's image built with docker/build.sh, once for the container tests (test_container.py,
    test_compose.py); they skip with one line where no Docker daemon answers."""
    if (reason := docker_unavailable()) is not None:
        pytest.skip(f"container tests skipped: {reason}")
    tag = f"musicbot-test:{uuid.uuid4().hex[:12]}"
    env = dict(os.environ)
    if (base := base_image()) is not None:
        env["BASE_IMAGE"] = base
    started = time.monotonic()
    built = subprocess.run(
        [str(ROOT / "docker" / "build.sh"), tag], capture_output=True, text=True, env=env, timeout=1800, check=False
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-5000:]
    # The build's time and size, for the CI log (the build is most of the container tests' cost).
    summary = built.stdout.strip().splitlines()[-1]
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture is not None else contextlib.nullcontext():
        print(f"\n{summary} ({time.monotonic() - started:.0f} s with the test's own steps)", flush=True)
    yield tag
    docker("rmi", "--force", tag)
