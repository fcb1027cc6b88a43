"""How each command ended, counted and timed from when the bot took it (`acks.received`)."""

from __future__ import annotations

import time
from typing import Any

import discord
from discord import app_commands

from musicbot.application.admin.access import NotOwner
from musicbot.application.monitoring.metrics import Outcome
from musicbot.application.playback.voice_rules import NotAllowed
from musicbot.application.recommendation.errors import RateLimited
from musicbot.entrypoints.discord.acks import RECEIVED, metrics_of
from musicbot.entrypoints.discord.errors import is_expected, unwrap


def finished(interaction: discord.Interaction[Any], error: BaseException | None, *, name: str | None = None) -> None:
    """`name`: what a component is called ("button:skip"); a command's own name otherwise."""
    metrics = metrics_of(interaction)
    if metrics is None:
        return
    started = interaction.extras.get(RECEIVED)
    if started is None:
        return
    command = name or (interaction.command.qualified_name if interaction.command is not None else "unknown")
    metrics.command_finished(command, outcome_of(error), time.perf_counter() - started)


def outcome_of(error: BaseException | None) -> Outcome:
    if error is None:
        return Outcome.OK
    original = unwrap(error)
    if isinstance(original, app_commands.CheckFailure | NotOwner | NotAllowed | RateLimited):
        return Outcome.REFUSED
    return Outcome.USER_ERROR if is_expected(error) else Outcome.FAILED
