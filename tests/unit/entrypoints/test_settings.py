from __future__ import annotations

import os
from pathlib import Path

import pytest
from dotenv import dotenv_values
from pydantic import ValidationError

from musicbot.entrypoints.settings import Settings
from musicbot.entrypoints.settings_errors import BadSetting, load_settings

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


@pytest.mark.parametrize("name", ["ffmpeg_path", "spotify_client_secret", "database_url", "openrouter_api_key"])
def test_a_blank_optional_setting_is_unset(monkeypatch: pytest.MonkeyPatch, name: str):
    monkeypatch.setenv(f"MUSICBOT_{name.upper()}", "   ")  # not empty, so the environment does not drop it
    assert getattr(Settings(), name) is None


def test_dotenv_file_is_read(tmp_path: Path):
    (tmp_path / ".env").write_text("MUSICBOT_DEFAULT_VOLUME=40\n")
    assert Settings().default_volume == 40


@pytest.mark.parametrize(("name", "value"), [("MUSICBOT_DEFAULT_VOLUME", "250"), ("MUSICBOT_LOG_LEVEL", "LOUD")])
def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings()


@pytest.mark.parametrize(
    "dotenv", ["DISCORD_TOKEN=\nMUSICBOT_DISCORD_TOKEN=abc.def\n", "MUSICBOT_DISCORD_TOKEN=\nDISCORD_TOKEN=abc.def\n"]
)
def test_an_empty_token_line_does_not_hide_the_other_name(tmp_path: Path, dotenv: str):
    (tmp_path / ".env").write_text(dotenv)
    token = Settings().discord_token
    assert token is not None and token.get_secret_value() == "abc.def"


def test_an_empty_token_in_the_environment_does_not_hide_the_dotenv_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / ".env").write_text("MUSICBOT_DISCORD_TOKEN=abc.def\n")
    monkeypatch.setenv("DISCORD_TOKEN", "")
    token = Settings().discord_token
    assert token is not None and token.get_secret_value() == "abc.def"


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("MUSICBOT_YTDLP_OPTIONS", "{bad", "MUSICBOT_YTDLP_OPTIONS: not valid JSON (Expecting property name"),
        ("MUSICBOT_YTDLP_OPTIONS", "[1, 2]", "MUSICBOT_YTDLP_OPTIONS: Input should be a valid dictionary"),
        ("MUSICBOT_DEFAULT_VOLUME", "250", "MUSICBOT_DEFAULT_VOLUME: Input should be less than or equal to 200"),
        ("MUSICBOT_ALLOW_PRIVATE_URLS", "my-lan", "MUSICBOT_ALLOW_PRIVATE_URLS: Value error, 'my-lan' is not a"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, said: str
):
    monkeypatch.setenv(name, value)
    with pytest.raises(BadSetting) as bad:
        load_settings()
    assert str(bad.value).startswith(said)
    assert "\n" not in str(bad.value)
