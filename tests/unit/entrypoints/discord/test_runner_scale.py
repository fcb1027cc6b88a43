"""`musicbot run` among several processes: the schema only checked (one line when it is behind), the shard
options read like the settings, and queue restore limited to the process's own servers."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from musicbot.adapters.sql import default_database_url
from musicbot.adapters.sql.migrate import upgrade_async
from musicbot.entrypoints.cli import main
from musicbot.entrypoints.discord import runner
from musicbot.entrypoints.discord.bot import MusicBot, ShardedMusicBot
from musicbot.entrypoints.settings import Settings
from tests.fakes.voice import FakeVoiceGateway
from tests.unit.entrypoints.discord.test_runner import refused_login

__all__ = ["refused_login"]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("MUSICBOT_") or name == "DISCORD_TOKEN":
            monkeypatch.delenv(name)
    monkeypatch.setenv("MUSICBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MUSICBOT_HTTP_PORT", "0")


async def test_a_schema_behind_is_refused_in_one_line_when_only_checking(
    tmp_path: Path, refused_login: list[str]
) -> None:
    settings = Settings(DISCORD_TOKEN="t", database_migrate="check")  # type: ignore[call-arg]
    err = io.StringIO()
    assert await runner.serve(settings, make_gateway=lambda _: FakeVoiceGateway(), err=err) == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and "schema is behind" in lines[0] and "musicbot db upgrade" in lines[0]
    assert refused_login == []  # it never went as far as Discord

    await upgrade_async(default_database_url(tmp_path / "data"))  # `musicbot db upgrade`, run once
    err = io.StringIO()
    assert await runner.serve(settings, make_gateway=lambda _: FakeVoiceGateway(), err=err) == 2
    assert refused_login == ["t"] and "schema" not in err.getvalue()  # on to Discord (which refused the token)


def test_shard_options_are_checked_like_the_settings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--shard-count", "2", "--shard-ids", "0-2"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "musicbot: bad setting: MUSICBOT_SHARD_IDS: Value error, every shard id must be between 0 and 1"
    ]


def guild_on(shard: int, count: int) -> int:
    return ((1_000_000 * count + shard) << 22) | 5


def test_a_process_owns_only_the_servers_of_its_shards() -> None:
    settings = Settings(shard_count=4, shard_ids=(2, 3))  # type: ignore[call-arg]
    bot = runner.build_bot(settings, make_gateway=lambda _: FakeVoiceGateway(), prepare=False)
    assert isinstance(bot, ShardedMusicBot)
    assert [bot.owns(guild_on(shard, 4)) for shard in range(4)] == [False, False, True, True]

    every = runner.build_bot(Settings(), make_gateway=lambda _: FakeVoiceGateway(), prepare=False)
    assert type(every) is MusicBot and all(every.owns(guild_on(shard, 4)) for shard in range(4))
