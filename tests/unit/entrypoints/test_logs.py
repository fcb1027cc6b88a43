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
