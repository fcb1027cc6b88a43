"""Run the real `musicbot` program as a user would: a subprocess with commands on its standard input."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest


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
