"""`musicbot run` and `sync-commands`: one clear line and exit code 2 for a token that is missing or refused."""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import discord
import pytest

from musicbot.entrypoints.cli import main
from musicbot.entrypoints.discord import runner
from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.help import COMMANDS
from musicbot.entrypoints.settings import Settings
from tests.fakes.voice import FakeVoiceGateway


@pytest.fixture(autouse=True)
def _logging_restored() -> Iterator[None]:
    """`main` configures logging for the process: put it back for the tests that come after."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quiet = logging.getLogger("discord.client").level
    yield
    root.handlers[:], root.level = handlers, level
    logging.getLogger("discord.client").setLevel(quiet)


@pytest.fixture(autouse=True)
def _no_token_around(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    for name in list(os.environ):
        if name.startswith("MUSICBOT_") or name == "DISCORD_TOKEN":
            monkeypatch.delenv(name)
    monkeypatch.setenv("MUSICBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MUSICBOT_HTTP_PORT", "0")  # never a fixed port in tests


@pytest.fixture
def refused_login(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Discord answers the login with 401, as for a revoked token."""
    tried: list[str] = []

    async def login(self: MusicBot, token: str) -> None:
        tried.append(token)
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(MusicBot, "login", login)
    return tried


def fake_voice(client: discord.Client) -> FakeVoiceGateway:
    return FakeVoiceGateway()


def test_run_without_a_token_says_so_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run"]) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [f"musicbot: {runner.UNSET}"]
    assert "DISCORD_TOKEN" in err


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_token_is_no_token(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], blank: str):
    monkeypatch.setenv("DISCORD_TOKEN", blank)
    assert main(["run"]) == 2
    assert capsys.readouterr().err.splitlines() == [f"musicbot: {runner.UNSET}"]


async def test_a_refused_token_is_one_line_and_exit_2(refused_login: list[str]) -> None:
    err = io.StringIO()
    settings = Settings(DISCORD_TOKEN=" the-token ")

    assert await runner.serve(settings, make_gateway=fake_voice, err=err) == 2

    assert refused_login == ["the-token"]
    assert err.getvalue().splitlines() == [f"musicbot: {runner.REJECTED}"]


def test_run_through_the_cli_with_a_refused_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], refused_login: list[str]
) -> None:
    monkeypatch.setenv("MUSICBOT_DISCORD_TOKEN", "old-token")
    monkeypatch.setattr(runner, "discord_voice", lambda settings: fake_voice)

    assert main(["run"]) == 2

    assert refused_login == ["old-token"]
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"musicbot: {runner.REJECTED}"
    assert "Traceback" not in err


async def test_sync_commands_with_a_refused_token(refused_login: list[str]) -> None:
    err = io.StringIO()
    assert await runner.sync_now(Settings(DISCORD_TOKEN="t"), 42, make_gateway=fake_voice, err=err) == 2
    assert err.getvalue().splitlines() == [f"musicbot: {runner.REJECTED}"]


async def test_sync_commands_logs_in_syncs_and_says_how_many(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    async def login(self: MusicBot, token: str) -> None:
        self._connection.application_id = 1234
        await self.setup_hook()

    synced: list[int | None] = []

    async def sync(self: Any, *, guild: discord.abc.Snowflake | None = None) -> list[object]:
        synced.append(guild.id if guild is not None else None)
        return [object()] * len(self._get_all_commands(guild=guild))

    monkeypatch.setattr(MusicBot, "login", login)
    monkeypatch.setattr(discord.app_commands.CommandTree, "sync", sync)
    out = io.StringIO()

    assert await runner.sync_now(Settings(DISCORD_TOKEN="t"), make_gateway=fake_voice, out=out) == 0

    assert synced == [None]
    assert out.getvalue() == f"Synced {len(COMMANDS)} slash commands globally.\n"  # one row a command
    assert (tmp_path / "data" / "discord-commands.sha256").exists()
