"""`QueueTracks`: recommended tracks join the queue as they are, and play."""

from __future__ import annotations

import pytest

from musicbot.application.errors import NoVoiceChannel
from musicbot.application.playback.voice_rules import Caller
from musicbot.application.queue.queue_tracks import QueueTracks, QueueTracksCommand
from musicbot.domain.errors import QueueFull
from tests.unit.application.callers import HERE, in_channel
from tests.unit.application.recommendation.doubles import track
from tests.unit.application.wiring import ALICE, GUILD, AppFactory, settle

TRACKS = tuple(track(f"song {n}", f"artist {n}") for n in range(3))


def command(tracks: tuple = TRACKS, caller: Caller = HERE) -> QueueTracksCommand:  # type: ignore[type-arg]
    return QueueTracksCommand(caller=caller, guild_id=GUILD, tracks=tracks)


async def test_the_first_plays_at_once_and_the_rest_wait(make_app: AppFactory) -> None:
    app = make_app()

    result = await QueueTracks(registry=app.registry, preparer=app.preparer).execute(command())
    await settle()

    assert (result.queued, result.position, result.left_out) == (3, 0, 0)
    assert app.titles() == ["song 0", "song 1", "song 2"]
    current = app.player().current
    assert current is not None and current.requester == ALICE


async def test_what_does_not_fit_is_left_out_and_a_full_queue_refuses(make_app: AppFactory) -> None:
    app = make_app(max_queue_size=2)
    use_case = QueueTracks(registry=app.registry, preparer=app.preparer)

    result = await use_case.execute(command())

    assert (result.queued, result.left_out) == (2, 1)
    with pytest.raises(QueueFull):
        await use_case.execute(command())


async def test_without_a_voice_channel_nothing_is_joined(make_app: AppFactory) -> None:
    app = make_app()
    with pytest.raises(NoVoiceChannel):
        await QueueTracks(registry=app.registry, preparer=app.preparer).execute(command(caller=in_channel(None)))
