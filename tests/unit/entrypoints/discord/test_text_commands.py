"""The text commands ("!volume 50"): made from the entries both forms share, so each is written as its slash
form's options say, runs the same use-case and replies with the same presenter."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import discord
import pytest
from discord.ext import commands

from musicbot.entrypoints.discord import presenters
from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.cogs.text_commands import TextCommandCog
from musicbot.entrypoints.discord.shared_commands import TEXT_COMMANDS
from musicbot.entrypoints.discord.sync import command_payload
from musicbot.entrypoints.settings import Settings
from tests.unit.application.wiring import GUILD, App, settle
from tests.unit.entrypoints.discord.doubles import FakeReader, services_for


@pytest.fixture
async def bot(app: App, tmp_path: Path) -> AsyncIterator[MusicBot]:
    bot = MusicBot(
        settings=Settings(_env_file=None, data_dir=tmp_path), wire=lambda _: services_for(app), prepare=False
    )
    await bot.setup_hook()
    try:
        yield bot
    finally:
        await bot.close()


def test_the_text_commands_and_how_they_are_written(bot: MusicBot) -> None:
    cog = bot.get_cog("TextCommands")
    assert cog is not None
    written = {command.name: (command.aliases, command.signature) for command in cog.get_commands()}

    assert written == {
        "play": (["p"], "<query>"),
        "playnext": ([], "<query>"),
        "join": ([], ""),
        "pause": ([], ""),
        "resume": ([], ""),
        "skip": (["s"], ""),
        "skipto": ([], "<index>"),
        "stop": ([], ""),
        "seek": ([], "<position>"),
        "volume": (["vol"], "<level>"),
        "repeat": ([], "<mode>"),
        "shuffle": ([], ""),
        "filter": ([], "<preset> [amount]"),
        "leave": ([], ""),
        "queue": (["q"], "[page=1]"),
        "nowplaying": (["np"], ""),
    }
    assert all(bot.get_command(name) is not None for name in ("vol", "np", "q", "p", "s"))
    assert all(command.cog is cog for command in cog.get_commands())  # its check and error handler apply


def test_each_text_command_takes_the_arguments_its_slash_form_names(bot: MusicBot) -> None:
    slash = {
        command["name"]: [option["name"] for option in command["options"]] for command in command_payload(bot.tree)
    }

    for shared in TEXT_COMMANDS:
        text = bot.get_command(shared.name)
        assert text is not None
        assert list(text.clean_params) == slash[shared.name], shared.name


class FakeContext:
    """What a text command's handler touches: the message's guild and author, typing, the reply."""

    def __init__(self) -> None:
        self.guild = SimpleNamespace(id=GUILD)
        self.author = SimpleNamespace(id=7)
        self.replies: list[discord.Embed] = []

    def typing(self) -> Any:
        return _Typing()

    async def reply(self, *, embed: discord.Embed, mention_author: bool) -> None:
        assert not mention_author
        self.replies.append(embed)


class _Typing:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *_: object) -> None:
        return None


async def test_a_text_command_runs_the_shared_use_case_and_says_what_the_slash_form_says(app: App) -> None:
    await app.play("first song")
    await settle()
    services = services_for(app)
    cog = TextCommandCog(services, FakeReader(), events=None)  # type: ignore[arg-type]
    volume: commands.Command[Any, ..., Any] = next(c for c in cog.get_commands() if c.name == "volume")
    ctx = FakeContext()

    await volume.callback(cog, ctx, 40)  # type: ignore[arg-type]

    assert app.player().state.volume.percent == 40
    assert [embed.description for embed in ctx.replies] == ["🔊 Volume set to 40%."]
    assert ctx.replies[0].description == presenters.volume_set(SimpleNamespace(percent=40)).description  # type: ignore[arg-type]
