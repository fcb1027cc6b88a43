"""`musicbot run` with the Message Content intent asked for but not enabled for the bot: one line, exit 2."""

from __future__ import annotations

import io
import os
from pathlib import Path

import discord
import pytest

from musicbot.entrypoints.discord import runner
from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.settings import Settings
from tests.fakes.voice import FakeVoiceGateway


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("MUSICBOT_") or name == "DISCORD_TOKEN":
            monkeypatch.delenv(name)


async def test_a_refused_privileged_intent_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    async def start(self: MusicBot, token: str, *, reconnect: bool = True) -> None:
        assert self.intents.message_content
        raise discord.PrivilegedIntentsRequired(shard_id=None)

    monkeypatch.setattr(MusicBot, "start", start)
    err = io.StringIO()
    settings = Settings(DISCORD_TOKEN="t", data_dir=tmp_path / "data", message_content_intent=True, http_port=0)

    code = await runner.serve(settings, make_gateway=lambda client: FakeVoiceGateway(), err=err)

    assert code == 2
    assert err.getvalue().splitlines() == [f"musicbot: {runner.INTENT_REFUSED}"]
