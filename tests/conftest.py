"""Fixtures shared by every test layer. Keep each one small and documented; group them by what they provide."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import hangs
from tests.support.media import make_tone
from tests.support.media_server import MediaServer
from tests.support.redis_server import RedisServer, redis_binary

# No internet in tests: Deezer (on by default) is off unless a test points it at its local fake.
os.environ.setdefault("MUSICBOT_DEEZER_API_URL", "off")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A test that timed out says what its asyncio tasks and child processes were waiting for (hangs.py)."""
    outcome = yield
    if call.when == "call" and call.excinfo is not None:
        outcome.get_result().sections.extend(hangs.report(call.excinfo.value))  # type: ignore[attr-defined]


# --- real media -----------------------------------------------------------------------------------------------

# name -> frequency (Hz); distinct tones so a test can tell which file actually played.
MEDIA_TONES: dict[str, float] = {
    "tone440.wav": 440.0,
    "tone880.mp3": 880.0,
    "tone660.ogg": 660.0,
    "tone550.m4a": 550.0,
}
MEDIA_SECONDS = 3.0


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of ~3 s sine tones (see MEDIA_TONES), generated once per test session with real FFmpeg."""
    directory = tmp_path_factory.mktemp("media")
    for name, frequency in MEDIA_TONES.items():
        make_tone(directory / name, frequency=frequency, seconds=MEDIA_SECONDS)
    return directory


@pytest.fixture(scope="session")
def media_server(media_dir: Path) -> Iterator[MediaServer]:
    """`media_dir` served over HTTP on 127.0.0.1 (routes: tests/support/media_server.py)."""
    with MediaServer(media_dir) as server:
        yield server


@pytest.fixture
def own_media_server(media_dir: Path) -> Iterator[MediaServer]:
    """A media server of the test's own, for a test that counts every request: the session's server can receive
    a late request of an earlier test (one did, in CI, during a test asserting that nothing was asked)."""
    with MediaServer(media_dir) as server:
        yield server


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of the test's own on a free port (skipped only where the binary is missing; CI installs it)."""
    if redis_binary() is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
