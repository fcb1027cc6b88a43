"""The message bus: each event reaches the handlers of its type in order, a failing one is skipped, follow-ups
come after what was queued, and facts handled at once never wait."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pytest

from musicbot.application.support.messagebus import MessageBus


@dataclass(frozen=True)
class Rang:
    n: int


@dataclass(frozen=True)
class Answered:
    n: int


async def test_handlers_run_in_the_order_subscribed_and_only_for_their_type() -> None:
    bus, seen = MessageBus(), []

    async def first(event: Rang) -> None:
        seen.append(("first", event.n))

    bus.subscribe(Rang, first)
    bus.subscribe(Rang, lambda event: seen.append(("second", event.n)))
    bus.subscribe(Answered, lambda event: seen.append(("answered", event.n)))

    await bus.handle(Rang(1), Rang(2))

    assert seen == [("first", 1), ("second", 1), ("first", 2), ("second", 2)]
    assert bus.handlers(Rang) == 2 and bus.handlers(str) == 0


async def test_a_failing_handler_is_logged_and_the_others_still_run(caplog: pytest.LogCaptureFixture) -> None:
    bus, seen = MessageBus(), []

    def broken(event: Rang) -> None:
        raise RuntimeError("boom")

    bus.subscribe(Rang, broken)
    bus.subscribe(Rang, lambda event: seen.append(event.n))

    with caplog.at_level(logging.ERROR, logger="musicbot.application.support.messagebus"):
        await bus.handle(Rang(1))

    assert seen == [1]
    assert "handling Rang with" in caplog.text and "boom" in caplog.text


async def test_follow_up_events_are_handled_after_the_ones_already_queued() -> None:
    bus, seen = MessageBus(), []
    bus.subscribe(Rang, lambda event: [Answered(event.n)])
    bus.subscribe(Rang, lambda event: seen.append(f"rang {event.n}"))
    bus.subscribe(Answered, lambda event: seen.append(f"answered {event.n}"))

    await bus.handle(Rang(1), Rang(2))

    assert seen == ["rang 1", "rang 2", "answered 1", "answered 2"]


async def test_handled_at_once_runs_plain_handlers_and_refuses_to_await(caplog: pytest.LogCaptureFixture) -> None:
    bus, seen = MessageBus(), []

    async def slow(event: Rang) -> None:
        seen.append("never")

    bus.subscribe(Rang, lambda event: seen.append(event.n))
    bus.subscribe(Rang, slow)

    with caplog.at_level(logging.ERROR, logger="musicbot.application.support.messagebus"):
        bus.handle_now(Rang(3))

    assert seen == [3]
    assert "nothing awaits it" in caplog.text
