"""The one error path of every command: friendly, private, logged with who and where."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import discord
import pytest
from discord import app_commands

from musicbot.application.errors import NoResults, TrackUnavailable
from musicbot.entrypoints.discord.errors import handle_error, message_for
from musicbot.entrypoints.logs import configure_logging
from musicbot.entrypoints.messages import UNEXPECTED
from tests.unit.entrypoints.discord.doubles import FakeInteraction

COMMAND: Any = SimpleNamespace(qualified_name="play", name="play")


def invoke_error(error: Exception) -> app_commands.CommandInvokeError:
    return app_commands.CommandInvokeError(COMMAND, error)


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging("INFO", "json", stream=stream)
    yield stream
    root.handlers[:], root.level = handlers, level


def logged(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


async def test_a_track_unavailable_raised_in_a_handler_is_a_private_friendly_line(log_lines: io.StringIO) -> None:
    interaction = FakeInteraction()

    await handle_error(interaction, invoke_error(TrackUnavailable("this video is private")))  # type: ignore[arg-type]

    [reply] = interaction.response.sent
    assert reply.ephemeral
    assert reply.embed is not None and reply.embed.description == "✖ I can't play that: this video is private."
    [line] = logged(log_lines)
    assert line["event"] == "command refused" and line["level"] == "info"
    assert (line["guild_id"], line["user_id"], line["command"]) == (interaction.guild_id, interaction.user_id, "play")


@pytest.mark.parametrize("error", [TrackUnavailable("this video is private"), ZeroDivisionError("division by zero")])
async def test_the_answer_leaves_before_the_log_line(log_lines: io.StringIO, error: Exception) -> None:
    """Often the interaction's first answer: under a burst, rendering a line (or a traceback) first delayed it."""
    interaction = FakeInteraction()
    lines_when_answered: list[int] = []
    send = interaction.response.send_message

    async def answering(**kwargs: Any) -> None:
        lines_when_answered.append(len(logged(log_lines)))
        await send(**kwargs)

    interaction.response.send_message = answering  # type: ignore[method-assign]
    await handle_error(interaction, invoke_error(error))  # type: ignore[arg-type]

    assert lines_when_answered == [0]
    assert len(logged(log_lines)) == 1


async def test_a_refusal_whose_answer_failed_is_still_logged(log_lines: io.StringIO) -> None:
    interaction = FakeInteraction()

    async def broken(**_: Any) -> None:
        raise RuntimeError("the connection broke")

    interaction.response.send_message = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await handle_error(interaction, invoke_error(NoResults("zzzz")))  # type: ignore[arg-type]

    [line] = logged(log_lines)
    assert line["event"] == "command refused"


async def test_after_a_deferral_the_thinking_message_goes_and_the_note_is_private() -> None:
    interaction = FakeInteraction()
    await interaction.response.defer(thinking=True)

    await handle_error(interaction, invoke_error(NoResults("zzzz")))  # type: ignore[arg-type]

    # The first follow-up after a "thinking" defer would be that public message: it is answered first.
    assert interaction.steps == ["edit original", "followup (ephemeral)", "delete original"]
    [reply] = interaction.followup.sent
    assert reply.ephemeral and reply.embed is not None
    assert reply.embed.description == "✖ I found nothing for “zzzz”. Try other words or a link."


async def test_a_failed_private_copy_leaves_the_public_error_in_place() -> None:
    interaction = FakeInteraction()
    await interaction.response.defer(thinking=True)

    async def refused(**_: Any) -> None:
        raise discord.NotFound(SimpleNamespace(status=404, reason="Not Found"), "Unknown Webhook")  # type: ignore[arg-type]

    interaction.followup.send = refused  # type: ignore[method-assign]
    await handle_error(interaction, invoke_error(NoResults("zzzz")))  # type: ignore[arg-type]

    assert interaction.steps == ["edit original"]
    assert not interaction.original_deleted


async def test_a_bug_is_logged_with_its_traceback_and_shown_as_nothing(log_lines: io.StringIO) -> None:
    interaction = FakeInteraction()

    await handle_error(interaction, invoke_error(ZeroDivisionError("division by zero")))  # type: ignore[arg-type]

    assert interaction.response.sent[0].embed is not None
    assert interaction.response.sent[0].embed.description == f"✖ {UNEXPECTED}"
    [line] = logged(log_lines)
    assert line["level"] == "error" and line["guild_id"] == interaction.guild_id
    assert "ZeroDivisionError" in line["exception"]


async def test_an_expired_interaction_is_logged_not_raised() -> None:
    interaction = FakeInteraction()

    async def expired(**_: Any) -> None:
        raise discord.NotFound(SimpleNamespace(status=404, reason="Not Found"), "Unknown interaction")  # type: ignore[arg-type]

    interaction.response.send_message = expired  # type: ignore[method-assign]
    await handle_error(interaction, invoke_error(NoResults("x")))  # type: ignore[arg-type]


async def test_an_answer_discord_refused_as_too_late_is_one_line_and_no_second_attempt(
    log_lines: io.StringIO,
) -> None:
    """Under an overloaded burst, each late answer cost a rendered traceback and a doomed error reply on the loop."""
    interaction = FakeInteraction()
    too_late = discord.NotFound(
        SimpleNamespace(status=404, reason="Not Found"),  # type: ignore[arg-type]
        {"code": 10062, "message": "Unknown interaction"},
    )

    await handle_error(interaction, invoke_error(too_late))  # type: ignore[arg-type]

    assert interaction.response.sent == []  # no error reply: it would be refused the same way
    [line] = logged(log_lines)
    assert line["event"] == "interaction expired before its first answer" and line["level"] == "warning"
    assert "exception" not in line


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (app_commands.MissingPermissions(["manage_guild"]), "You need the Manage Guild permission for that."),
        (app_commands.BotMissingPermissions(["connect", "speak"]), "I need the Connect, Speak permission for that."),
        (app_commands.NoPrivateMessage(), "Use my commands in a server, not in direct messages."),
        (app_commands.CheckFailure(), "You can't use that here."),
        (app_commands.CommandOnCooldown(app_commands.Cooldown(1, 10), 4.2), "Slow down: try again in 4 s."),
    ],
)
def test_discord_refusals_have_their_own_lines(error: Exception, text: str) -> None:
    assert message_for(error) == text


def test_an_option_value_our_parser_refused_says_why() -> None:
    from musicbot.application.errors import InvalidSeek

    transformer: Any = SimpleNamespace(_error_display_name="position")
    error = app_commands.TransformerError("soon", discord.AppCommandOptionType.string, transformer)
    error.__cause__ = InvalidSeek("'soon' is not a position: try 83, 1:23 or 1:02:03")
    assert message_for(error) == "'soon' is not a position: try 83, 1:23 or 1:02:03."
