from __future__ import annotations

import os
from pathlib import Path

import pytest
from dotenv import dotenv_values
from pydantic import ValidationError

from musicbot.entrypoints.settings import Settings

ENV_EXAMPLE = Path(__file__).parents[3] / ".env.example"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in list(os.environ):
        if name.startswith("MUSICBOT_"):
            monkeypatch.delenv(name)


def test_every_setting_has_a_line_in_env_example():
    documented = set(dotenv_values(ENV_EXAMPLE))
    expected = {f"MUSICBOT_{name.upper()}" for name in Settings.model_fields}
    assert expected == documented


def test_env_example_values_are_the_defaults(monkeypatch: pytest.MonkeyPatch):
    defaults = Settings()
    for name, value in dotenv_values(ENV_EXAMPLE).items():
        monkeypatch.setenv(name, value or "")
    assert Settings() == defaults


def test_environment_overrides_and_empty_means_default(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MUSICBOT_MAX_QUEUE_SIZE", "20")
    monkeypatch.setenv("MUSICBOT_YTDLP_COOKIES_FILE", "")
    monkeypatch.setenv("MUSICBOT_YTDLP_OPTIONS", '{"geo_bypass": true}')
    settings = Settings()
    assert settings.max_queue_size == 20
    assert settings.ytdlp_cookies_file is None
    assert settings.ytdlp_options == {"geo_bypass": True}


def test_dotenv_file_is_read(tmp_path: Path):
    (tmp_path / ".env").write_text("MUSICBOT_DEFAULT_VOLUME=40\n")
    assert Settings().default_volume == 40


@pytest.mark.parametrize(("name", "value"), [("MUSICBOT_DEFAULT_VOLUME", "250"), ("MUSICBOT_LOG_LEVEL", "LOUD")])
def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()
