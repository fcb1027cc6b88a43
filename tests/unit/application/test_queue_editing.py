"""Remove, move, clear and shuffle: they change what comes next, never what plays."""

import random
from collections.abc import Awaitable, Callable

import pytest

from musicbot.application.errors import NotConnected
from musicbot.application.playback.common import ControlCommand
from musicbot.application.queue.clear import ClearQueue
from musicbot.application.queue.move import MoveCommand, MoveSong
from musicbot.application.queue.remove import RemoveCommand, RemoveSong
from musicbot.application.queue.shuffle import ShuffleQueue
from musicbot.domain.errors import InvalidPosition
from tests.unit.application.callers import HERE
from tests.unit.application.wiring import GUILD, App

COMMAND = ControlCommand(guild_id=GUILD, caller=HERE)


@pytest.fixture
async def queued(app: App) -> App:
    for query in ("now", "a", "b", "c", "d"):
        await app.play(query)
    return app


async def test_remove_takes_the_song_at_a_position(queued: App) -> None:
    result = await RemoveSong(queued.registry).execute(RemoveCommand(caller=HERE, guild_id=GUILD, position=2))

    assert result.song.track.title == "b"
    assert queued.titles() == ["now", "a", "c", "d"]
    assert len(queued.gateway.requests(GUILD)) == 1


@pytest.mark.parametrize("position", [0, 5, -2])
async def test_remove_a_position_that_does_not_exist(queued: App, position: int) -> None:
    with pytest.raises(InvalidPosition, match=r"valid: 1-4"):
        await RemoveSong(queued.registry).execute(RemoveCommand(caller=HERE, guild_id=GUILD, position=position))

    assert queued.titles() == ["now", "a", "b", "c", "d"]


async def test_remove_from_an_empty_queue(app: App) -> None:
    await app.play("now")

    with pytest.raises(InvalidPosition, match="the queue is empty"):
        await RemoveSong(app.registry).execute(RemoveCommand(caller=HERE, guild_id=GUILD, position=1))


@pytest.mark.parametrize(
    ("source", "target", "order"),
    [(4, 1, ["d", "a", "b", "c"]), (1, 4, ["b", "c", "d", "a"]), (2, 3, ["a", "c", "b", "d"]), (3, 3, list("abcd"))],
)
async def test_move_puts_the_song_at_the_target(queued: App, source: int, target: int, order: list[str]) -> None:
    result = await MoveSong(queued.registry).execute(
        MoveCommand(caller=HERE, guild_id=GUILD, source=source, target=target)
    )

    assert result.song.track.title == "abcd"[source - 1]
    assert queued.titles() == ["now", *order]


@pytest.mark.parametrize(("source", "target"), [(0, 1), (5, 1), (1, 0), (1, 5)])
async def test_move_with_a_position_that_does_not_exist(queued: App, source: int, target: int) -> None:
    with pytest.raises(InvalidPosition):
        await MoveSong(queued.registry).execute(MoveCommand(caller=HERE, guild_id=GUILD, source=source, target=target))

    assert queued.titles() == ["now", "a", "b", "c", "d"]


async def test_clear_keeps_the_current_song(queued: App) -> None:
    result = await ClearQueue(queued.registry).execute(COMMAND)

    assert result.count == 4
    assert queued.titles() == ["now"]
    assert queued.gateway.current(GUILD) is not None


async def test_when_the_current_song_ends_after_a_clear_the_queue_finishes(queued: App) -> None:
    await ClearQueue(queued.registry).execute(COMMAND)

    await queued.finish()

    assert queued.player().current is None
    assert queued.events.events[-1].kind == "queue_finished"


async def test_shuffle_reorders_only_the_upcoming_songs(queued: App) -> None:
    before = list(queued.player().tracklist.upcoming)

    result = await ShuffleQueue(queued.registry).execute(COMMAND)

    expected = before.copy()
    random.Random(7).shuffle(expected)  # the player's seeded generator, as wired in conftest
    assert result.count == 4
    assert list(queued.player().tracklist.upcoming) == expected
    assert queued.titles()[0] == "now"
    assert len(queued.gateway.requests(GUILD)) == 1


async def test_shuffle_an_empty_queue(app: App) -> None:
    await app.play("now")

    result = await ShuffleQueue(app.registry).execute(COMMAND)

    assert result.count == 0
    assert app.titles() == ["now"]


@pytest.mark.parametrize(
    "execute",
    [
        lambda app: RemoveSong(app.registry).execute(RemoveCommand(caller=HERE, guild_id=GUILD, position=1)),
        lambda app: MoveSong(app.registry).execute(MoveCommand(caller=HERE, guild_id=GUILD, source=1, target=2)),
        lambda app: ClearQueue(app.registry).execute(COMMAND),
        lambda app: ShuffleQueue(app.registry).execute(COMMAND),
    ],
    ids=["remove", "move", "clear", "shuffle"],
)
async def test_queue_edits_when_not_connected(app: App, execute: Callable[[App], Awaitable[object]]) -> None:
    with pytest.raises(NotConnected):
        await execute(app)
