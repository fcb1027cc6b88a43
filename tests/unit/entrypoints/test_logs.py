"""Logging: one pipeline, secrets never printed, and nothing computed for a line below the level."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import structlog

from musicbot.entrypoints import logs
from musicbot.entrypoints.logs import configure_logging


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    out = io.StringIO()
    configure_logging("INFO", "json", stream=out)
    yield out
    root.handlers[:], root.level = handlers, level


def lines(out: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_secret_looking_keys_are_redacted_whatever_their_case(stream: io.StringIO) -> None:
    structlog.get_logger("test").info("login", Discord_Token="abc", api_KEY="k", cookie_file="/c", guild_id=1)

    [line] = lines(stream)
    assert (line["Discord_Token"], line["api_KEY"], line["cookie_file"]) == ("***", "***", "***")
    assert line["guild_id"] == 1


def test_a_line_below_the_level_is_dropped_before_any_processor(
    stream: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    monkeypatch.setattr(logs, "_is_secret", lambda key: bool(seen.append(key)))  # the redaction's look at each key
    log = structlog.get_logger("test")

    log.debug("hidden", marker_below=1)
    log.info("shown", marker_above=1)
    logging.getLogger("library").debug("hidden too")
    logging.getLogger("library").warning("from a library")

    assert [line["event"] for line in lines(stream)] == ["shown", "from a library"]
    assert "marker_above" in seen and "marker_below" not in seen


def test_a_rotating_json_file_and_the_buffer_get_every_line_with_secret_values_redacted(tmp_path: Any) -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    out = io.StringIO()
    try:
        buffer = configure_logging(
            "INFO", "json", stream=out, file=tmp_path / "logs" / "bot.log", file_max_bytes=10_000
        )
        logs.register_secrets(["s3cret-token-value", None, "abc"])  # too short a value is never a secret
        log = structlog.get_logger("test")
        log.info("connecting", url="wss://host/?t=s3cret-token-value")
        logging.getLogger("library").warning("failed with s3cret-token-value in it")
        log.debug("hidden")

        written = [json.loads(line) for line in (tmp_path / "logs" / "bot.log").read_text().splitlines()]
        assert [line["event"] for line in written] == ["connecting", "failed with *** in it"]
        assert written[0]["url"] == "wss://host/?t=***"
        assert "s3cret" not in out.getvalue() and "s3cret" not in (tmp_path / "logs" / "bot.log").read_text()
        assert [json.loads(line)["event"] for line in buffer.tail(level="WARNING", lines=10)] == [
            "failed with *** in it"
        ]
        assert len(buffer.tail(level="INFO", lines=1)) == 1
        assert logs.installed_buffer() is buffer
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:], root.level = handlers, level
        logs._secret_values = ()


def test_the_log_file_rotates_at_its_size(tmp_path: Any) -> None:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("INFO", "json", stream=io.StringIO(), file=tmp_path / "bot.log", file_max_bytes=10_000,
                          file_backups=2)  # fmt: skip
        for index in range(400):
            structlog.get_logger("test").info("line", index=index, padding="x" * 50)
        files = sorted(path.name for path in tmp_path.iterdir())
        assert files == ["bot.log", "bot.log.1", "bot.log.2"]
        assert all(path.stat().st_size <= 10_500 for path in tmp_path.iterdir())
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers[:], root.level = handlers, level
