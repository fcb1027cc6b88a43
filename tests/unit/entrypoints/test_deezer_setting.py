"""Deezer can be turned off from the environment: an empty MUSICBOT_* variable is ignored (so an empty
DISCORD_TOKEN= hides nothing), which left `MUSICBOT_DEEZER_API_URL=` meaning "on"."""

from __future__ import annotations

import pytest

from musicbot.adapters.system_clock import SystemClock
from musicbot.entrypoints.recommendations import deezer_source
from musicbot.entrypoints.settings import Settings


@pytest.mark.parametrize("value", ["off", "OFF", "none", "false", "0"])
def test_off_from_the_environment_turns_deezer_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("MUSICBOT_DEEZER_API_URL", value)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.deezer_api_url == ""
    assert deezer_source(settings, SystemClock()) is None


def test_a_url_keeps_deezer_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUSICBOT_DEEZER_API_URL", "http://127.0.0.1:9/")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert deezer_source(settings, SystemClock()) is not None
