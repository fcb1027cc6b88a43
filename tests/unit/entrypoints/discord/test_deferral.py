"""Under a burst the first answers leave before any interaction's work: the work after a deferral waits for the
deferrals already under way (bounded), never for those started after its own was answered."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from musicbot.entrypoints.discord.deferral import FirstAnswers, defer_first


async def settled(task: asyncio.Task[Any]) -> bool:
    for _ in range(20):  # a few turns of the loop: anything runnable has run
        await asyncio.sleep(0)
    return task.done()


async def test_the_work_after_a_deferral_waits_for_the_deferrals_already_under_way() -> None:
    answers = FirstAnswers()
    first, second, third = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def deferral(answered: asyncio.Event) -> None:
        with answers.answering():
            await answered.wait()
        await answers.others_answered()

    tasks = [asyncio.create_task(deferral(event)) for event in (first, second, third)]
    await settled(tasks[0])
    first.set()
    assert not await settled(tasks[0])  # answered, but two first answers are still under way
    third.set()
    assert not await settled(tasks[0])
    later = asyncio.Event()
    late = asyncio.create_task(deferral(later))  # started after the first one was answered: holds it not
    second.set()
    assert await settled(tasks[0]) and await settled(tasks[2])
    assert not await settled(tasks[1])  # answered after `late` started: waits for it
    later.set()
    assert await settled(late) and await settled(tasks[1])


async def test_a_failed_deferral_counts_as_answered_and_a_stuck_one_holds_nobody_past_the_wait() -> None:
    answers = FirstAnswers(wait=0.05)

    async def failing() -> None:
        with answers.answering():
            await asyncio.sleep(0)
            raise discord.HTTPException(SimpleNamespace(status=500, reason="boom"), "failed")  # type: ignore[arg-type]

    async def stuck() -> None:
        with answers.answering():
            await asyncio.Event().wait()

    broken, hanging = asyncio.create_task(failing()), asyncio.create_task(stuck())
    with answers.answering():
        await asyncio.sleep(0)
    with pytest.raises(discord.HTTPException):
        await broken
    await asyncio.wait_for(answers.others_answered(), timeout=5)  # the stuck one: only `wait` seconds
    hanging.cancel()


@dataclass
class Response:
    answered: asyncio.Event
    deferred: bool = False

    def is_done(self) -> bool:
        return self.deferred

    async def defer(self, *, thinking: bool = False) -> None:
        await self.answered.wait()
        self.deferred = True


@dataclass
class Interaction:
    client: Any
    response: Response
    type: discord.InteractionType = discord.InteractionType.application_command
    command: Any = field(default_factory=lambda: SimpleNamespace(qualified_name="play"))
    extras: dict[str, Any] = field(default_factory=dict)


class Client:
    services = None


async def test_defer_first_lets_the_other_first_answers_leave_before_the_commands_work() -> None:
    client = Client()
    quick, slow = asyncio.Event(), asyncio.Event()
    early = Interaction(client, Response(quick))
    waiting = asyncio.create_task(defer_first(early))  # type: ignore[arg-type]
    other = asyncio.create_task(defer_first(Interaction(client, Response(slow))))  # type: ignore[arg-type]
    await settled(other)
    quick.set()  # the first one answered while the second's deferral is under way
    assert not await settled(waiting) and early.response.deferred
    slow.set()
    assert await settled(waiting) and await settled(other)
