"""Docker for the container tests (tests/e2e/test_container.py, test_compose.py): the `docker` command, whether a
daemon answers, which base image to build from, and waiting on a container's HTTP endpoints."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LOCAL_BASE = "local/bookworm-python"
STARTUP = 120.0  # seconds the bot in a fresh container may take to be ready (vfs storage, a busy machine)


def docker(*args: str, timeout: float = 120, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["docker", *args], input=stdin, capture_output=True, text=True, timeout=timeout, check=False)


def docker_unavailable() -> str | None:
    if shutil.which("docker") is None:
        return "no docker command"
    try:
        info = docker("info", "--format", "{{.ServerVersion}}", timeout=20)
    except subprocess.TimeoutExpired:
        return "the Docker daemon does not answer"
    return None if info.returncode == 0 else "no Docker daemon answers (docker info failed)"


def base_image() -> str | None:
    """`MUSICBOT_TEST_BASE_IMAGE`, else `local/bookworm-python` when it exists, else None (Docker Hub's)."""
    if configured := os.environ.get("MUSICBOT_TEST_BASE_IMAGE"):
        return configured
    return LOCAL_BASE if docker("image", "inspect", LOCAL_BASE).returncode == 0 else None


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


async def wait_until(predicate: Any, what: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if await asyncio.to_thread(predicate):
                return
        await asyncio.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")
