"""/join out of voice takes the guild's saved queue up in the caller's channel, once the join's rule passed."""

from __future__ import annotations

import pytest

from musicbot.application.errors import NoVoiceChannel
from musicbot.application.playback.join import JoinCommand, JoinVoice
from musicbot.application.saved_queues.resume import ResumeQueue
from musicbot.application.saved_queues.snapshotter import QueueSnapshotter
from musicbot.application.saved_queues.take_up import JoinOrTakeUp
from musicbot.domain.ids import ChannelId
from musicbot.domain.queue_snapshot import QueueSnapshot
from tests.fakes.saved_queues import FakeSavedQueues
from tests.unit.application.callers import HERE, in_channel
from tests.unit.application.wiring import CHANNEL, GUILD, OTHER_CHANNEL, App, build_app, settle


async def saved_queue() -> QueueSnapshot:
    """What a bot playing "one" then "two" in CHANNEL saved, 8 s into "one"."""
    before = build_app()
    for query in ("one", "two"):
        await before.play(query)
    before.clock.advance(8)
    snapshot = QueueSnapshotter(before.clock).snapshot(before.player())
    assert snapshot is not None
    await before.registry.close_all()
    return snapshot


def join_or_take_up(app: App, saved: FakeSavedQueues) -> JoinOrTakeUp:
    for query in ("one", "two"):
        app.resolver.track(query)
    return JoinOrTakeUp(
        registry=app.registry, join=JoinVoice(app.registry), saved=saved, resume=ResumeQueue(app.registry, app.settings)
    )


class Accepted:
    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self) -> None:
        self.calls += 1


async def test_out_of_voice_the_saved_queue_is_taken_up_in_the_callers_channel() -> None:
    app, accepted = build_app(), Accepted()
    use_case = join_or_take_up(app, FakeSavedQueues(await saved_queue()))

    result = await use_case.execute(JoinCommand(guild_id=GUILD, caller=in_channel(OTHER_CHANNEL)), accepted=accepted)
    await settle()

    assert result.taken_up is not None and result.taken_up.playing is not None
    assert (result.taken_up.playing.track.title, result.taken_up.position, result.taken_up.queued) == ("one", 8.0, 1)
    assert (result.joined.channel_id, result.joined.moved) == (OTHER_CHANNEL, True)
    assert app.gateway.voice(GUILD).channel_id == OTHER_CHANNEL  # the caller's channel, not the saved one
    assert app.titles() == ["one", "two"]
    assert accepted.calls == 1


async def test_a_caller_out_of_voice_is_refused_before_any_saved_queue_is_read() -> None:
    app, accepted, saved = build_app(), Accepted(), FakeSavedQueues(await saved_queue())

    with pytest.raises(NoVoiceChannel):
        await join_or_take_up(app, saved).execute(
            JoinCommand(guild_id=GUILD, caller=in_channel(None)), accepted=accepted
        )

    assert saved.lookups == [] and accepted.calls == 0
    assert len(app.registry) == 0


async def test_in_voice_already_it_only_joins_and_the_saved_queue_stays_unread() -> None:
    app, saved = build_app(), FakeSavedQueues(await saved_queue())
    await app.play("playing now")

    result = await join_or_take_up(app, saved).execute(JoinCommand(guild_id=GUILD, caller=HERE))

    assert result.taken_up is None and (result.joined.channel_id, result.joined.moved) == (CHANNEL, False)
    assert saved.lookups == []
    assert app.titles() == ["playing now"]


async def test_without_a_saved_queue_it_joins() -> None:
    app, saved = build_app(), FakeSavedQueues()

    result = await join_or_take_up(app, saved).execute(JoinCommand(guild_id=GUILD, caller=in_channel(ChannelId(77))))

    assert result.taken_up is None and (result.joined.channel_id, result.joined.moved) == (ChannelId(77), True)
    assert saved.lookups == [GUILD]
    assert app.gateway.voice(GUILD).channel_id == ChannelId(77)
