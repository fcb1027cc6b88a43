"""The slash commands as Discord receives them: their names and option names are a contract with users."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from musicbot.entrypoints.discord.bot import MusicBot
from musicbot.entrypoints.discord.deferral import DEFERRED_FIRST
from musicbot.entrypoints.discord.help import COMMANDS
from musicbot.entrypoints.discord.intents import default_intents
from musicbot.entrypoints.discord.sync import command_payload
from musicbot.entrypoints.settings import Settings
from tests.unit.application.wiring import App
from tests.unit.entrypoints.discord.doubles import services_for

MANAGE_GUILD = 1 << 5


@pytest.fixture
async def commands(app: App, tmp_path: Path) -> AsyncIterator[dict[str, dict[str, Any]]]:
    settings = Settings(_env_file=None, data_dir=tmp_path)
    bot = MusicBot(settings=settings, wire=lambda _: services_for(app), prepare=False)
    await bot.setup_hook()
    try:
        yield {command["name"]: command for command in command_payload(bot.tree)}
    finally:
        await bot.close()


def options(command: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {option["name"]: option for option in command["options"]}


def test_the_command_surface(commands: dict[str, dict[str, Any]]) -> None:
    assert set(commands) == {
        "join", "leave", "play", "pause", "resume", "skip", "skipto", "stop", "queue", "nowplaying", "volume",
        "repeat", "shuffle", "seek", "dequeue", "move", "clear", "aplay", "help", "247", "settings",
        "create", "add", "addto", "remove", "use", "playlist", "playlists", "delete", "savequeue", "export", "import",
        "recommend", "radio", "stats", "admin", "spotify", "forgetme", "filter", "lyrics", "playnext", "back",
        "replay", "remove-dupes", "fairqueue", "search", "grab",
    }  # fmt: skip
    assert {name: list(options(command)) for name, command in commands.items() if command["options"]} == {
        "play": ["query"],
        "aplay": ["url"],
        "skipto": ["index"],
        "queue": ["page"],
        "volume": ["level"],
        "repeat": ["mode"],
        "seek": ["position"],
        "dequeue": ["index"],
        "move": ["from", "to"],
        "247": ["mode"],
        "settings": ["show", "volume", "repeat", "autoleave", "djrole", "musicchannel"],
        "create": ["name"],
        "add": ["song"],
        "addto": ["playlist", "song"],
        "remove": ["playlist", "index"],
        "use": ["playlist"],
        "playlist": ["name"],
        "delete": ["name"],
        "savequeue": ["name"],
        "export": ["name"],
        "import": ["file", "name"],
        "recommend": ["prompt", "for"],
        "radio": ["mode"],
        "admin": ["stats", "health", "performance", "logs"],
        "spotify": ["connect", "finish", "status", "disconnect", "save"],
        "filter": ["preset", "amount"],
        "lyrics": ["query", "live"],
        "playnext": ["query"],
        "search": ["words"],
        "fairqueue": ["mode"],
    }


def test_descriptions_come_from_the_help_table(commands: dict[str, dict[str, Any]]) -> None:
    assert {name: command["description"] for name, command in commands.items()} == {
        command.name: command.description for command in COMMANDS
    }


def test_options_carry_their_limits_and_choices(commands: dict[str, dict[str, Any]]) -> None:
    assert not options(commands["play"])["query"]["required"]  # a bare /play: the active playlist
    volume = options(commands["volume"])["level"]
    assert (volume["min_value"], volume["max_value"]) == (0, 200)
    assert [c["value"] for c in options(commands["repeat"])["mode"]["choices"]] == ["off", "track", "queue"]
    assert [c["value"] for c in options(commands["247"])["mode"]["choices"]] == ["on", "off"]
    assert options(commands["skipto"])["index"]["min_value"] == 1
    assert not options(commands["queue"])["page"]["required"]
    preset, amount = options(commands["filter"])["preset"], options(commands["filter"])["amount"]
    assert [c["value"] for c in preset["choices"]][:4] == ["off", "bass-low", "bass-medium", "bass-high"]
    assert (amount["min_value"], amount["max_value"], amount["required"]) == (0.5, 2.0, False)


def test_24_7_is_for_server_managers_and_everything_for_servers_only(commands: dict[str, dict[str, Any]]) -> None:
    assert commands["247"]["default_member_permissions"] == MANAGE_GUILD
    assert all(command["contexts"] == [0] for command in commands.values())  # 0: guild


def test_the_bot_asks_for_no_privileged_intent() -> None:
    intents = default_intents()
    assert intents.guilds and intents.voice_states
    assert intents.guild_messages  # plain requests that mention the bot
    assert not (intents.members or intents.presences or intents.message_content)
    assert default_intents(message_content=True).message_content  # the music channel's plain requests, opted in


def test_existing_playlist_names_autocomplete_and_new_ones_do_not(commands: dict[str, dict[str, Any]]) -> None:
    completed = {
        (name, option["name"])
        for name, command in commands.items()
        for option in command["options"]
        if option.get("autocomplete")
    }
    assert completed == {
        ("addto", "playlist"),
        ("remove", "playlist"),
        ("use", "playlist"),
        ("playlist", "name"),
        ("delete", "name"),
        ("export", "name"),
    }
    assert options(commands["create"])["name"]["max_length"] == 50
    assert options(commands["import"])["file"]["type"] == 11  # an attachment
    assert not options(commands["import"])["name"]["required"]


def test_every_command_deferred_first_exists_and_answers_publicly(commands: dict[str, dict[str, Any]]) -> None:
    """A renamed command would silently lose its early deferral (and its acknowledgement under a burst); a
    private first answer (/help, /settings show) must not be turned into a public "thinking…"."""
    assert set(DEFERRED_FIRST) <= set(commands)
    assert not DEFERRED_FIRST & {"help", "settings", "queue", "nowplaying"}
