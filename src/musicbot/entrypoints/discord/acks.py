"""When the bot took an interaction and when it first answered it (Discord allows 3 s): `received` in the tree's
check, `acknowledged` in the replies right after the first answer (a deferral counts). `answered` tells the
first answers under way (deferral.FirstAnswers) that this one left, or that its command ended without one."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import discord

from musicbot.application.monitoring.metrics import Metrics

RECEIVED = "musicbot_received"  # interaction.extras: when the bot took the interaction (perf_counter)
_ACKNOWLEDGED = "musicbot_acknowledged"
ANSWERING = "musicbot_answering"  # interaction.extras: says its first answer left (deferral.FirstAnswers.begin)


def metrics_of(interaction: discord.Interaction[Any]) -> Metrics | None:
    operations = getattr(getattr(interaction.client, "services", None), "operations", None)
    return None if operations is None else operations.metrics


def received(interaction: discord.Interaction[Any]) -> None:
    interaction.extras.setdefault(RECEIVED, time.perf_counter())


def answered(interaction: discord.Interaction[Any]) -> None:
    done: Callable[[], None] | None = interaction.extras.pop(ANSWERING, None)
    if done is not None:
        done()


def acknowledged(interaction: discord.Interaction[Any], *, at: float | None = None) -> None:
    """The first answer left (`at`: when, perf_counter; now if not given)."""
    answered(interaction)
    metrics = metrics_of(interaction)
    if metrics is None:
        return
    started = interaction.extras.get(RECEIVED)
    if started is None or interaction.extras.get(_ACKNOWLEDGED):
        return
    interaction.extras[_ACKNOWLEDGED] = True
    metrics.interaction_acknowledged((time.perf_counter() if at is None else at) - started)
