"""Snapshots of a live queue, and the queue rebuilt from one."""

from __future__ import annotations

from datetime import timedelta

from musicbot.application.playback.settings import PlayerSettings
from musicbot.application.saved_queues.restore_all import RestoreQueues
from musicbot.application.saved_queues.snapshotter import QueueSnapshotter
from musicbot.domain.ids import ChannelId
from musicbot.domain.player import Player
from musicbot.domain.player_state import PlayerStatus
from musicbot.domain.queue_snapshot import QueuedTrack, QueueSnapshot
from musicbot.domain.song import SongState
from musicbot.domain.tracklist import RepeatMode
from tests.fakes.repositories import FakeUnitOfWork
from tests.unit.application.wiring import ALICE, CHANNEL, GUILD, App, settle


def restore(snapshot: QueueSnapshot, settings: PlayerSettings) -> Player:
    return Player.from_snapshot(
        snapshot,
        max_size=settings.max_queue_size,
        history_size=settings.history_size,
        max_song_attempts=settings.max_song_attempts,
    )


async def playing(app: App) -> App:
    for query in ("now", "a", "b"):
        await app.play(query)
    player = app.player()
    await player.set_volume(60)
    await player.set_repeat(RepeatMode.QUEUE)
    app.clock.advance(42)
    await player.pause()
    await settle()
    return app


async def test_a_snapshot_holds_the_queue_without_streams(app: App) -> None:
    await playing(app)

    snapshot = QueueSnapshotter(app.clock).snapshot(app.player(), text_channel_id=ChannelId(9))

    assert snapshot is not None
    assert snapshot.current is not None and snapshot.current.track.title == "now"
    assert [s.track.title for s in snapshot.upcoming] == ["a", "b"]
    assert all(s.track.stream_url is None for s in snapshot.songs)
    assert snapshot.current.requester == ALICE
    assert (snapshot.position, snapshot.paused, snapshot.volume, snapshot.repeat) == (42.0, True, 60, RepeatMode.QUEUE)
    assert (snapshot.guild_id, snapshot.voice_channel_id, snapshot.text_channel_id) == (GUILD, CHANNEL, ChannelId(9))
    assert snapshot.saved_at == app.clock.now()


async def test_an_empty_or_closed_player_has_no_snapshot(app: App) -> None:
    await app.play("now")
    player = app.player()
    await player.stop()
    assert QueueSnapshotter(app.clock).snapshot(player) is None
    await app.registry.leave(GUILD)
    assert QueueSnapshotter(app.clock).snapshot(player) is None


async def test_a_restored_queue_is_the_saved_one_ready_to_resolve_again(app: App) -> None:
    await playing(app)
    snapshot = QueueSnapshotter(app.clock).snapshot(app.player())
    assert snapshot is not None

    restored = restore(snapshot, PlayerSettings(max_song_attempts=2))

    tracklist = restored.tracklist
    assert tracklist.current is not None and tracklist.current.track.title == "now"
    assert [s.track.title for s in tracklist.upcoming] == ["a", "b"]
    assert all(s.state is SongState.PENDING and s.max_attempts == 2 for s in (tracklist.current, *tracklist.upcoming))
    paused = restored.state.status is PlayerStatus.PAUSED
    assert (restored.state.held, paused, restored.state.volume.percent, tracklist.repeat) == (
        42.0,
        True,
        60,
        RepeatMode.QUEUE,
    )
    assert (restored.guild_id, len(restored.tracklist)) == (GUILD, len(snapshot.songs))


def test_restoring_respects_the_queue_limit_and_song_lengths(app: App) -> None:
    song = QueuedTrack(track=app.resolver.track("x", duration=30.0), requester=ALICE, requested_at=app.clock.now())
    snapshot = QueueSnapshot(
        guild_id=GUILD,
        voice_channel_id=CHANNEL,
        current=song,
        upcoming=(song,) * 4,
        position=31.0,
        saved_at=app.clock.now() + timedelta(seconds=1),
    )

    restored = restore(snapshot, PlayerSettings(max_queue_size=3))

    assert (len(restored.tracklist), len(snapshot.songs) - len(restored.tracklist), restored.state.held) == (3, 2, 0.0)
    only_upcoming = restore(
        QueueSnapshot(guild_id=GUILD, voice_channel_id=CHANNEL, upcoming=(song,), saved_at=app.clock.now()),
        PlayerSettings(),
    )
    assert only_upcoming.tracklist.current is None and len(only_upcoming.tracklist.upcoming) == 1


async def test_restore_queues_returns_every_saved_snapshot(app: App) -> None:
    await playing(app)
    uow = FakeUnitOfWork()
    snapshot = QueueSnapshotter(app.clock).snapshot(app.player())
    assert snapshot is not None
    async with uow:
        await uow.queues.save(snapshot)
        await uow.commit()

    assert (await RestoreQueues(lambda: uow).execute()).snapshots == (snapshot,)
