"""Live queues kept across restarts: every change of a player reaches the saver, closing forgets, shutdown keeps,
and a saved queue is taken up again where it was."""

from __future__ import annotations

import pytest

from musicbot.application.saved_queues.live_queues import LiveQueues
from musicbot.application.saved_queues.queue_saver import QueueSaver
from musicbot.application.saved_queues.resume import ResumeQueue, ResumeQueueCommand
from musicbot.application.saved_queues.snapshotter import QueueSnapshotter
from musicbot.domain.events import PlayerLeft, QueueChanged
from musicbot.domain.ids import ChannelId
from musicbot.domain.player import Player
from musicbot.domain.player_state import PlayerState, PlayerStatus
from musicbot.domain.queue_snapshot import QueueSnapshot
from musicbot.domain.tracklist import RepeatMode
from tests.fakes.repositories import FakeUnitOfWork
from tests.unit.application.wiring import CHANNEL, GUILD, OTHER_CHANNEL, OTHER_GUILD, App, build_app, settle


class Changes:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, event: QueueChanged | PlayerLeft) -> None:
        self.count += 1


async def test_every_kind_of_change_is_told_on_the_bus() -> None:
    changes = Changes()
    app = build_app()
    app.bus.subscribe(QueueChanged, changes)
    app.bus.subscribe(PlayerLeft, changes)
    await app.play("one")
    player = app.player()
    steps = [
        lambda: app.play("two"),
        lambda: app.play("three"),
        lambda: app.play("four"),
        player.pause,
        player.resume,
        lambda: player.set_volume(50),
        lambda: player.set_repeat(RepeatMode.QUEUE),
        player.shuffle,
        lambda: player.move(1, 2),
        lambda: player.remove(1),
        lambda: player.seek(10),
        player.skip,
        lambda: player.skip_to(1),
        lambda: app.finish(),  # a song ending by itself
        player.clear,
        player.stop,
        lambda: app.registry.leave(GUILD),
    ]
    for step in steps:
        before = changes.count
        await step()
        await settle()
        assert changes.count > before, f"step {steps.index(step)} was not told"


async def test_a_failing_handler_never_breaks_playback() -> None:
    def broken(event: QueueChanged) -> None:
        raise RuntimeError("boom")

    app = build_app()
    app.bus.subscribe(QueueChanged, broken)
    await app.play("one")
    await app.play("two")
    await app.player().skip()
    assert app.titles() == ["two"]


def wired(uow: FakeUnitOfWork) -> tuple[App, LiveQueues]:
    app = build_app()
    live = LiveQueues(
        QueueSaver(lambda: uow),
        QueueSnapshotter(app.clock),
        players=app.registry.find,
        text_channel_of=lambda _: ChannelId(77),
    )
    live.subscribe(app.bus)
    return app, live


async def saved(uow: FakeUnitOfWork, live: LiveQueues) -> QueueSnapshot | None:
    assert await live.flush(max_wait=5)
    return uow.queue_repository.committed.get(GUILD)


async def test_the_saved_queue_follows_the_player_and_leaving_deletes_it() -> None:
    uow = FakeUnitOfWork()
    app, live = wired(uow)
    await app.play("one")
    await app.play("two")
    snapshot = await saved(uow, live)
    assert snapshot is not None and [s.track.title for s in snapshot.songs] == ["one", "two"]
    assert snapshot.text_channel_id == ChannelId(77)

    await app.player().skip()
    await app.player().set_volume(30)
    snapshot = await saved(uow, live)
    assert snapshot is not None and [s.track.title for s in snapshot.songs] == ["two"] and snapshot.volume == 30

    await app.registry.leave(GUILD)
    assert await saved(uow, live) is None
    await live.suspend([])


async def test_a_kept_queue_survives_its_player_closing_with_its_position() -> None:
    """The bot was disconnected by someone: the queue waits, where it was, for a /join to take it up."""
    uow = FakeUnitOfWork()
    app, live = wired(uow)
    await app.play("one")
    await app.play("two")
    app.clock.advance(12)
    player = app.player()

    assert live.keep(player)
    await app.registry.leave(GUILD)  # closing tells a change: it must not delete what was kept
    await settle()

    snapshot = await saved(uow, live)
    assert snapshot is not None and [s.track.title for s in snapshot.songs] == ["one", "two"]
    assert snapshot.position == pytest.approx(12)
    assert not live.keep(player)  # a closed player has nothing to keep
    await live.suspend([])


async def test_stop_deletes_the_saved_queue() -> None:
    uow = FakeUnitOfWork()
    app, live = wired(uow)
    await app.play("one")
    assert await saved(uow, live) is not None
    await app.player().stop()
    assert await saved(uow, live) is None
    await live.suspend([])


async def test_shutdown_keeps_the_queue_with_its_position_and_closing_players_does_not_delete_it() -> None:
    uow = FakeUnitOfWork()
    app, live = wired(uow)
    await app.play("one")
    await app.play("two")
    await saved(uow, live)
    app.clock.advance(42)  # playing on: no change is told, the position moves

    await live.suspend(app.registry.players())
    await app.registry.close_all()
    await settle()

    snapshot = uow.queue_repository.committed.get(GUILD)
    assert snapshot is not None and snapshot.position == pytest.approx(42)
    assert [s.track.title for s in snapshot.songs] == ["one", "two"]
    assert not live.enabled


async def test_a_disabled_store_saves_nothing() -> None:
    uow = FakeUnitOfWork()
    app, live = wired(uow)
    live.disable()
    await app.play("one")
    await settle()
    assert uow.commits == 0 and not uow.queue_repository.committed
    await live.suspend(app.registry.players())


async def test_a_saved_queue_is_resumed_where_it_was() -> None:
    uow = FakeUnitOfWork()
    app, live = wired(uow)
    for query in ("one", "two", "three"):
        await app.play(query)
    await app.player().set_volume(60)
    await app.player().set_repeat(RepeatMode.QUEUE)
    app.clock.advance(12.5)
    await live.suspend(app.registry.players())
    await app.registry.close_all()
    snapshot = uow.queue_repository.committed[GUILD]

    later = build_app()
    for query in ("one", "two", "three"):
        later.resolver.track(query)
    result = await ResumeQueue(later.registry, later.settings).execute(ResumeQueueCommand(snapshot=snapshot))
    await settle()

    assert result.resumed and result.playing is not None and result.playing.track.title == "one"
    assert (result.position, result.queued, result.paused) == (12.5, 2, False)
    player = later.player()
    assert later.titles() == ["one", "two", "three"]
    assert player.tracklist.repeat is RepeatMode.QUEUE and player.state.volume.percent == 60
    request = later.gateway.current(GUILD)
    assert request is not None and request.start_at == 12.5 and request.volume == 0.6
    assert later.gateway.voice(GUILD).channel_id == CHANNEL


async def test_a_paused_queue_comes_back_paused_and_a_busy_player_is_left_alone() -> None:
    uow = FakeUnitOfWork()
    app, live = wired(uow)
    await app.play("one")
    app.clock.advance(5)
    await app.player().pause()
    await live.suspend(app.registry.players())
    snapshot = uow.queue_repository.committed[GUILD]

    later = build_app()
    later.resolver.track("one")
    result = await ResumeQueue(later.registry, later.settings).execute(ResumeQueueCommand(snapshot=snapshot))
    assert result.paused and later.player().state.status is PlayerStatus.PAUSED
    assert later.player().elapsed() == 5

    busy = build_app()
    await busy.play("something else", channel_id=OTHER_CHANNEL)
    again = await ResumeQueue(busy.registry, busy.settings).execute(ResumeQueueCommand(snapshot=snapshot))
    assert not again.resumed and busy.titles() == ["something else"]
    assert busy.player().channel_id == OTHER_CHANNEL  # not dragged to the saved channel


async def test_restore_refuses_a_player_that_has_songs() -> None:
    app = build_app()
    await app.play("one")
    player = app.player()
    with pytest.raises(ValueError, match="empty player"):
        await player.restore(Player(GUILD, player.tracklist, PlayerState(player.state.volume)))


async def test_a_queue_saved_with_nothing_playing_comes_back_queued() -> None:
    uow = FakeUnitOfWork()
    app, live = wired(uow)
    await app.play("one")
    await app.play("two")
    player = app.player()
    player.tracklist.requeue_current()  # as when the voice connection is lost for good
    live.changed(player)
    snapshot = await saved(uow, live)
    assert snapshot is not None and snapshot.current is None and len(snapshot.upcoming) == 2

    later = build_app()
    result = await ResumeQueue(later.registry, later.settings).execute(ResumeQueueCommand(snapshot=snapshot))
    assert result.resumed and result.playing is None and result.queued == 2
    assert later.gateway.current(GUILD) is None
    await live.suspend([])


async def test_a_checkpoint_saves_again_only_the_queues_that_are_playing() -> None:
    uow = FakeUnitOfWork()
    app, live = wired(uow)
    await app.play("one")
    await app.play("two", guild_id=OTHER_GUILD)
    await app.player(OTHER_GUILD).pause()
    await saved(uow, live)
    app.clock.advance(20)

    assert live.checkpoint(app.registry.players()) == 1
    assert await live.flush(max_wait=5)
    queues = uow.queue_repository.committed
    assert queues[GUILD].position == 20 and queues[OTHER_GUILD].position == 0
    await live.suspend([])
    assert live.checkpoint(app.registry.players()) == 0  # suspended: nothing more is saved
