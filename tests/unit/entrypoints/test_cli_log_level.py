"""What is logged over the console's prompt, and yt-dlp's own retry chatter."""

from __future__ import annotations

import io
import logging
import os
from pathlib import Path

import pytest

from musicbot.adapters.ytdlp.sessions import YtDlpLogger
from musicbot.entrypoints.cli import _log_level, build_parser
from musicbot.entrypoints.settings import Settings


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("MUSICBOT_") or name == "DISCORD_TOKEN":
            monkeypatch.delenv(name)


@pytest.mark.parametrize(("command", "typed", "level"), [
    (["console"], True, "WARNING"),
    (["start"], True, "WARNING"),  # no token: the console
    (["console"], False, "INFO"),  # piped: the logs are the script's record
    (["run"], True, "INFO"),
])  # fmt: skip
def test_the_console_at_a_terminal_logs_warnings_only(
    monkeypatch: pytest.MonkeyPatch, command: list[str], typed: bool, level: str
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal() if typed else io.StringIO())
    assert _log_level(build_parser().parse_args(command), Settings()) == level


def test_a_level_set_by_hand_is_kept_at_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setenv("MUSICBOT_LOG_LEVEL", "INFO")
    assert _log_level(build_parser().parse_args(["console"]), Settings()) == "INFO"


def test_ytdlp_network_retries_are_debug_chatter(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="musicbot.adapters.ytdlp.sessions")
    ydl_logger = YtDlpLogger()
    ydl_logger.warning("[youtube:search] HTTPSConnection(host='www.youtube.com'): Failed to resolve. Retrying (1/3)...")
    ydl_logger.warning('[youtube:search] query "lofi": Unable to download webpage. Giving up after 3 retries')
    ydl_logger.warning("[youtube] abc: Sign in to confirm you're not a bot")

    assert [record.levelno for record in caplog.records] == [logging.DEBUG, logging.DEBUG, logging.WARNING]
