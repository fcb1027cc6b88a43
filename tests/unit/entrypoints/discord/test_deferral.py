"""Under a burst the first answers leave before any interaction's work: the work after a deferral waits for the
deferrals and the reads answered at once already under way (bounded), never for those started after its own was
answered."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import discord
import pytest

from musicbot.entrypoints.discord.acks import acknowledged, answered
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


def read(client: Client, name: str = "queue") -> Interaction:
    return Interaction(client, Response(asyncio.Event()), command=SimpleNamespace(qualified_name=name))


async def test_a_read_answered_at_once_is_a_first_answer_the_deferred_work_waits_for() -> None:
    """/queue answers with its work; a /play deferred meanwhile starts its own work only once /queue answered."""
    client = Client()
    queue = read(client)
    await defer_first(queue)  # type: ignore[arg-type]  # not deferred: its answer is the command's own
    assert not queue.response.deferred
    answered_play = asyncio.Event()
    answered_play.set()
    play = asyncio.create_task(defer_first(Interaction(client, Response(answered_play))))  # type: ignore[arg-type]
    assert not await settled(play)  # its deferral left; /queue's answer has not
    acknowledged(queue)  # type: ignore[arg-type]  # what replies.answer says right after the answer
    assert await settled(play)


async def test_a_read_that_ended_without_an_answer_or_stuck_holds_nobody() -> None:
    client = Client()
    ended, other = read(client, "nowplaying"), read(client, "help")
    for interaction in (ended, other):
        await defer_first(interaction)  # type: ignore[arg-type]
    answered_play = asyncio.Event()
    answered_play.set()
    play = asyncio.create_task(defer_first(Interaction(client, Response(answered_play))))  # type: ignore[arg-type]
    answered(ended)  # type: ignore[arg-type]  # what the tree's error handler and the completion event say
    answered(ended)  # type: ignore[arg-type]  # twice: nothing more
    assert not await settled(play)
    answered(other)  # type: ignore[arg-type]
    assert await settled(play)

    stuck = FirstAnswers(wait=10.0, deadline=0.0)  # a first answer past Discord's deadline holds nobody
    stuck.begin()
    await asyncio.wait_for(stuck.others_answered(), timeout=5)


async def test_other_commands_are_neither_deferred_first_nor_awaited() -> None:
    client = Client()
    shuffle = read(client, "shuffle")  # may wait on the player's lock before it answers: holds nobody
    await defer_first(shuffle)  # type: ignore[arg-type]
    assert not shuffle.response.deferred and shuffle.extras == {}
    answered_play = asyncio.Event()
    answered_play.set()
    await asyncio.wait_for(defer_first(Interaction(client, Response(answered_play))), timeout=5)  # type: ignore[arg-type]
