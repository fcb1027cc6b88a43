"""Which frames are deferred before discord.py builds their interaction, and how a command takes that over."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from musicbot.entrypoints.discord.acks import ANSWERING, RECEIVED, answered
from musicbot.entrypoints.discord.deferral import FirstAnswers, command_name, defer_first, frame_deferral
from musicbot.entrypoints.discord.frame_answers import FrameAnswer, FrameAnswers
from musicbot.entrypoints.discord.replies import defer
from tests.unit.entrypoints.discord.doubles import FakeInteraction


def frame(name: str, *, kind: int = 2, command_type: int = 1, options: list[Any] | None = None) -> dict[str, Any]:
    return {"id": "7", "token": "t", "type": kind, "data": {"name": name, "type": command_type, "options": options}}


def test_a_frames_command_is_named_as_discord_py_names_it() -> None:
    assert command_name(frame("play", options=[{"name": "query", "type": 3, "value": "x"}])) == "play"
    group = [{"name": "tracks", "type": 2, "options": [{"name": "add", "type": 1, "options": []}]}]
    assert command_name(frame("playlist", options=group)) == "playlist tracks add"
    assert command_name(frame("play", kind=3)) is None  # a button
    assert command_name(frame("play", kind=4)) is None  # an autocomplete
    assert command_name(frame("Grab", command_type=3)) is None  # a message context menu


def test_commands_deferred_first_always_and_reads_only_in_a_burst() -> None:
    assert frame_deferral("play", under_way=0, reads_from=8) == {"type": 5}
    assert frame_deferral("queue", under_way=7, reads_from=8) is None  # answered with its content at once
    assert frame_deferral("queue", under_way=8, reads_from=8) == {"type": 5}
    assert frame_deferral("help", under_way=8, reads_from=8) == {"type": 5, "data": {"flags": 64}}  # private
    assert frame_deferral("settings show", under_way=100, reads_from=8) is None
    assert frame_deferral("playlist tracks add", under_way=0, reads_from=8) is None  # not a command of ours


def test_first_answers_under_way_are_counted_until_they_leave() -> None:
    answers = FirstAnswers()
    first, second = answers.begin(), answers.begin()
    assert answers.under_way() == 2
    second()
    second()  # said twice: counted once
    assert answers.under_way() == 1
    first()
    assert answers.under_way() == 0


async def test_an_interaction_deferred_from_its_frame_is_marked_deferred_and_not_deferred_again() -> None:
    client = discord.Client(intents=discord.Intents.none())
    answers = FrameAnswers(client, FirstAnswers(), shutting_down=lambda: False)
    answers._answered[5] = FrameAnswer(received=1.0, done=lambda: None, deferred=True, answered=1.2)
    interaction = FakeInteraction(id=5, client=client)
    interaction.response = discord.InteractionResponse(interaction)  # type: ignore[arg-type, assignment]
    assert answers.claim(interaction)  # type: ignore[arg-type]
    assert interaction.response.is_done()
    assert interaction.extras[RECEIVED] == 1.0
    await asyncio.wait_for(defer_first(interaction), timeout=5)  # type: ignore[arg-type]  # nothing else to wait for
    assert not answers.claim(interaction)  # type: ignore[arg-type]  # claimed once


async def test_a_failed_frame_deferral_leaves_the_deferral_to_the_command() -> None:
    client = discord.Client(intents=discord.Intents.none())
    answers = FrameAnswers(client, FirstAnswers(), shutting_down=lambda: False)
    answers._answered[5] = FrameAnswer(received=1.0, done=lambda: None, deferred=True, answered=None)
    interaction = FakeInteraction(id=5, client=client)
    assert not answers.claim(interaction)  # type: ignore[arg-type]
    await defer_first(interaction)  # type: ignore[arg-type]
    assert interaction.response.deferred  # the command's own deferral


async def test_a_read_left_to_its_command_counts_as_under_way_from_its_frame_until_its_answer() -> None:
    client = discord.Client(intents=discord.Intents.none())
    first = FirstAnswers()
    answers = FrameAnswers(client, first, shutting_down=lambda: False)
    answers._answered[5] = FrameAnswer(received=1.0, done=first.begin(), deferred=False)
    interaction = FakeInteraction(id=5, client=client, command=discord.utils.MISSING)
    assert not answers.claim(interaction)  # type: ignore[arg-type]
    assert first.under_way() == 1 and ANSWERING in interaction.extras
    answered(interaction)  # type: ignore[arg-type]
    assert first.under_way() == 0


class _Refused:
    """A response whose deferral Discord refuses with `code`."""

    def __init__(self, code: int) -> None:
        self.code = code
        self._response_type: object = None

    def is_done(self) -> bool:
        return self._response_type is not None

    async def defer(self, *, thinking: bool = False) -> None:
        response = SimpleNamespace(status=400, reason="Bad Request")
        raise discord.HTTPException(response, {"code": self.code, "message": "refused"})  # type: ignore[arg-type]


async def test_a_deferral_discord_says_was_acknowledged_already_counts_as_done() -> None:
    """A frame deferral Discord took although its answer was lost: the command's own one gets 40060."""
    interaction = FakeInteraction(client=discord.Client(intents=discord.Intents.none()))
    interaction.response = _Refused(40060)  # type: ignore[assignment]
    await defer(interaction)  # type: ignore[arg-type]
    assert interaction.response.is_done()
    interaction.response = _Refused(10062)  # type: ignore[assignment]  # unknown interaction: a real failure
    with pytest.raises(discord.HTTPException):
        await defer(interaction)  # type: ignore[arg-type]


def test_without_an_interaction_parser_to_wrap_nothing_is_installed() -> None:
    client = discord.Client(intents=discord.Intents.none())
    client._connection.parsers.pop("INTERACTION_CREATE")
    assert not FrameAnswers(client, FirstAnswers(), shutting_down=lambda: False).install()
    assert "INTERACTION_CREATE" not in client._connection.parsers


async def test_a_frame_answers_failure_hands_the_frame_to_discord_py() -> None:
    client = discord.Client(intents=discord.Intents.none())
    handed: list[Any] = []
    client._connection.parsers["INTERACTION_CREATE"] = handed.append
    answers = FrameAnswers(client, FirstAnswers(), shutting_down=lambda: False)
    assert answers.install()
    broken = {"type": 2, "data": {"name": "play"}}  # no id, no token: cannot be posted
    client._connection.parsers["INTERACTION_CREATE"](broken)
    assert handed == [broken]
